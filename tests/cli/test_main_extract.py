"""``figextract extract``: formats, options, exit codes, progress and summary, kill and resume."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from figextract.cli.main import main
from figextract.archives.writers import arrow_schema
from samples import TEXTS

FIGEXTRACT = [sys.executable, "-m", "figextract.cli.main"]


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def archive(tmp_path: Path, n: int = len(TEXTS)) -> Path:
    return write_jsonl(tmp_path / "archive.jsonl", [{"id": f"a{i}", "text": TEXTS[i % len(TEXTS)], "date": f"2024-01-{i % 28 + 1:02d}"} for i in range(n)])


def lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def extract(*args: str) -> int:
    return main(["extract", *args, "--model", "blank", "--quiet"])


def test_jsonl_in_jsonl_out_in_order_with_kept_fields(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out.jsonl"
    assert extract(str(archive(tmp_path)), "-o", str(out), "--keep-fields", "date") == 0
    got = lines(out)
    assert [r["id"] for r in got] == [f"a{i}" for i in range(len(TEXTS))]
    assert list(got[0]) == ["id", "date", "figures", "totals"] and got[0]["figures"][0]["text"] == "At least 12 people"
    assert got[0]["totals"]["killed"]["value"] == 12 and got[0]["totals"]["killed"]["figures"] == [0]
    figures = sum(len(r["figures"]) for r in got)
    assert f"read {len(TEXTS)}, ok {len(TEXTS)}, errors 0, figures {figures}, elapsed" in capsys.readouterr().err


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_tables_have_one_typed_row_per_figure(tmp_path: Path, fmt: str) -> None:
    src = archive(tmp_path)
    ref, out = tmp_path / "ref.jsonl", tmp_path / f"out.{fmt}"
    assert extract(str(src), "-o", str(ref), "--keep-fields", "date") == 0
    assert extract(str(src), "-o", str(out), "--keep-fields", "date", "--format", fmt) == 0
    # one row per figure, and one (figure columns null) per article without figures
    expected = [(r["id"], f["value"], f["type"]) for r in lines(ref) for f in r["figures"] or [{"value": None, "type": None}]]
    assert any(value is None for _, value, _ in expected)
    if fmt == "parquet":
        table = pq.read_table(out)
        assert table.schema == arrow_schema(["date"])
        rows = table.to_pylist()
    else:
        rows = [{k: (int(v) if v else None) if k == "value" else v or None for k, v in row.items()} for row in csv.DictReader(out.open(encoding="utf-8"))]
    assert [(r["id"], r["value"], r["type"]) for r in rows] == expected


@pytest.mark.parametrize(("fmt", "table"), [("csv", "csv"), ("parquet", "parquet"), ("csv", "parquet")])
def test_totals_table_holds_the_jsonl_totals(tmp_path: Path, fmt: str, table: str) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", [*({"id": f"a{i}", "text": t, "date": "d"} for i, t in enumerate(TEXTS)), {"id": "bad", "text": ""}])
    ref, out, totals = tmp_path / "ref.jsonl", tmp_path / f"out.{fmt}", tmp_path / f"totals.{table}"
    assert extract(str(src), "-o", str(ref), "--keep-fields", "date") == 0
    assert extract(str(src), "-o", str(out), "--keep-fields", "date", "--totals", str(totals)) == 0
    expected = [(r["id"], t["type"], t["value"], t["figures"]) for r in lines(ref) if "totals" in r for t in r["totals"].values()]
    assert len(expected) > len(TEXTS) // 2
    if table == "parquet":
        rows = [(r["id"], r["type"], r["value"], r["figures"]) for r in pq.read_table(totals).to_pylist()]
    else:
        cells = csv.DictReader(totals.open(encoding="utf-8"))
        rows = [(r["id"], r["type"] or None, int(r["value"]) if r["value"] else None, json.loads(r["figures"]) if r["figures"] else None) for r in cells]
    assert rows == [*expected, ("bad", None, None, None)]
    assert extract(str(src), "-o", str(out), "--totals", str(totals)) == 2  # both exist: --force overwrites both
    assert extract(str(src), "-o", str(out), "--totals", str(totals), "--force") == 0


def test_every_input_kind_in_one_run(tmp_path: Path) -> None:
    jsonl = write_jsonl(tmp_path / "a.jsonl", [{"id": "j", "text": "Five people died."}])
    csv_path = tmp_path / "b.csv"
    csv_path.write_text("id,text\nc,Six people died.\n", encoding="utf-8")
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "d.txt").write_text("Seven people died.", encoding="utf-8")
    zipped = tmp_path / "e.zip"
    with zipfile.ZipFile(zipped, "w") as zf:
        zf.writestr("e.html", "<p>Eight <b>people</b> died.</p>")
    out = tmp_path / "out.jsonl"
    assert extract(str(jsonl), str(csv_path), str(folder), str(zipped), "-o", str(out)) == 0
    assert [(r["id"], r["figures"][0]["value"]) for r in lines(out)] == [("j", 5), ("c", 6), ("d.txt", 7), ("e.html", 8)]


def test_html_offsets_refer_to_the_kept_text(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text("<html><body><h1>Storm</h1><p>At least <b>12</b> people were killed.</p></body></html>", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert extract(str(page), "-o", str(out), "--keep-text") == 0
    record = lines(out)[0]
    fig = record["figures"][0]
    assert record["text"] == "Storm\n\nAt least 12 people were killed."
    assert record["text"][fig["start"] : fig["end"]] == fig["text"] == "At least 12 people"


def test_stdin_to_stdout(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    data = json.dumps({"id": "s", "text": "Nine people died."}) + "\n"
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data.encode())))
    assert extract("-", "-o", "-") == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["figures"][0]["value"] == 9
    assert "read 1, ok 1" in captured.err


def test_bad_input_each_gives_one_error_line_and_exit_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(
        b'{"id": "ok", "text": "Five people died."}\n{oops\n{"id": "m"}\n{"id": "n", "text": 3}\n{"id": "e", "text": ""}\n'
        b'{"id": "u", "text": "caf\xe9"}\n'
    )
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"")
    zipped = tmp_path / "z.zip"
    with zipfile.ZipFile(zipped, "w") as zf:
        zf.writestr("dir/", b"")
        zf.writestr("dir/blob.txt", b"\x00\x01\x02")
    out = tmp_path / "out.jsonl"
    assert extract(str(bad), str(empty), str(zipped), "-o", str(out)) == 0
    got = lines(out)
    kinds = [r["error"]["kind"] if "error" in r else "ok" for r in got]
    assert kinds == ["ok", "invalid_json", "missing_text", "not_text", "empty_text", "undecodable", "empty_file", "binary_file"]
    assert got[2]["error"]["where"] == f"{bad}:3 (id m)"
    assert got[7]["error"]["where"] == f"{zipped}:dir/blob.txt"
    assert "read 8, ok 1, errors 7, figures 1" in capsys.readouterr().err


def test_a_document_longer_than_max_length(tmp_path: Path) -> None:
    """spaCy's default max_length is 1,000,000 characters: this article is cut in two."""
    filler = "The council met on Tuesday to discuss the road plan, and members agreed to meet again next month."
    paragraphs = [f"{n // 400 + 2} people were killed in the blast, police said." if n % 400 == 0 else filler for n in range(10_400)]
    text = "\n\n".join(paragraphs)
    assert len(text) > 1_000_000
    out = tmp_path / "out.jsonl"
    assert extract(str(write_jsonl(tmp_path / "long.jsonl", [{"id": "long", "text": text}])), "-o", str(out)) == 0
    figs = lines(out)[0]["figures"]
    assert [f["value"] for f in figs] == [n + 2 for n in range(26)]
    assert all(text[f["start"] : f["end"]] == f["text"] and f["source"] == "police" for f in figs)
    assert [f["sentence"] for f in figs] == [n * 400 for n in range(26)]


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["{missing}", "-o", "{out}"], 1, "nope.jsonl: no such file or directory"),
        (["{src}", "-o", "{out}", "--scheduler", "tcp://127.0.0.1:1"], 2, "--scheduler needs --engine dask"),
        (["{src}", "-o", "{out}", "--keep-fields", "figures"], 2, "'figures' is a name figextract writes itself"),
        (["{src}", "-o", "{out}", "--batch-size", "0"], 2, "batch size: expected a positive integer"),
        (["{src}", "-o", "{src}", "--force"], 2, "is the input"),
        (["{dir}", "-o", "{out}"], 2, "is inside the input"),
        (["{src}", "-o", "{pq}", "--resume"], 2, "--resume works with --format jsonl or csv"),
        (["{src}", "-o", "{out}", "--force", "--resume"], 2, "contradict each other"),
        (["{src}", "-o", "{dir}"], 2, "is a directory; -o takes a file name"),
        (["{src}", "-o", "{nodir}"], 1, "No such file or directory"),
        (["{src}", "-o", "{out}", "--totals", "{csv}"], 2, "a JSONL output already holds the totals, in each record's 'totals'"),
        (["{src}", "-o", "{csv}", "--totals", "{pq}", "--resume"], 2, "--resume works with --format jsonl or csv"),
        (["{src}", "-o", "{csv}", "--totals", "{src}"], 2, "is the input"),
        (["{src}", "-o", "{csv}", "--totals", "{out}"], 2, "expected a file name ending in .csv or .parquet"),
    ],
)
def test_the_run_itself_failing_exits_non_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], code: int, message: str) -> None:
    names = {
        "missing": tmp_path / "nope.jsonl", "out": tmp_path / "o.jsonl", "src": archive(tmp_path, 2), "pq": tmp_path / "o.parquet", "dir": tmp_path,
        "nodir": tmp_path / "no" / "o.jsonl", "csv": tmp_path / "o.csv",
    }  # fmt: skip
    assert extract(*(a.format(**names) for a in args)) == code
    assert message in capsys.readouterr().err


def test_existing_output_needs_force(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src, out = archive(tmp_path, 2), tmp_path / "o.jsonl"
    out.write_text("precious\n")
    assert extract(str(src), "-o", str(out)) == 2
    assert "pass --force to overwrite it or --resume to continue it" in capsys.readouterr().err
    assert out.read_text() == "precious\n"
    assert extract(str(src), "-o", str(out), "--force") == 0 and len(lines(out)) == 2


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("quiet", [False, True])
def test_progress_bar_only_on_a_terminal_and_summary_always(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, quiet: bool) -> None:
    monkeypatch.setattr("figextract.archives.progress.REDRAW_SECONDS", 0.0)
    err = Terminal()
    monkeypatch.setattr("sys.stderr", err)
    args = ["extract", str(archive(tmp_path)), "-o", str(tmp_path / "o.jsonl"), "--model", "blank"] + (["--quiet"] if quiet else [])
    assert main(args) == 0
    shown = err.getvalue()
    assert ("articles/s" in shown and "ETA" in shown and "%" in shown) is not quiet
    assert shown.splitlines()[-1].split(", elapsed")[0] == f"read {len(TEXTS)}, ok {len(TEXTS)}, errors 0, figures {shown.split('figures ')[1].split(',')[0]}"


def test_no_progress_bar_when_stderr_is_not_a_terminal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(archive(tmp_path)), "-o", str(tmp_path / "o.jsonl"), "--model", "blank"]) == 0
    err = capsys.readouterr().err
    assert "articles/s" not in err and err.count("\n") == 1


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*FIGEXTRACT, "extract", *args, "--model", "blank", "--quiet"], capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize(("fmt", "with_totals"), [("jsonl", False), ("csv", False), ("csv", True)])
def test_kill_and_resume_is_byte_identical(tmp_path: Path, fmt: str, with_totals: bool) -> None:
    src = archive(tmp_path, 1500)
    full, part = tmp_path / f"full.{fmt}", tmp_path / f"part.{fmt}"
    full_totals, part_totals = tmp_path / "full-totals.csv", tmp_path / "part-totals.csv"
    common = ["--batch-size", "16", "--keep-fields", "date"]
    assert extract(str(src), "-o", str(full), *common, *(["--totals", str(full_totals)] if with_totals else [])) == 0
    common += ["--totals", str(part_totals)] if with_totals else []
    proc = subprocess.Popen([*FIGEXTRACT, "extract", str(src), "-o", str(part), *common, "--model", "blank", "--quiet"])
    # Kill once some batches are on disk, mid-run: without warning, as an OOM killer or a power cut would.
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and (not part.exists() or part.stat().st_size < 20_000):
        time.sleep(0.01)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert 0 < part.stat().st_size < full.stat().st_size, "the run finished before it could be killed"
    if with_totals:
        assert 0 < part_totals.stat().st_size < full_totals.stat().st_size
    resumed = run_cli(str(src), "-o", str(part), *common, "--resume")
    assert resumed.returncode == 0, resumed.stderr
    assert "resuming:" in resumed.stderr and "read 1500, ok 1500, errors 0" in resumed.stderr
    assert part.read_bytes() == full.read_bytes()
    assert not Path(f"{part}.progress").exists()
    if with_totals:
        assert part_totals.read_bytes() == full_totals.read_bytes() and not Path(f"{part_totals}.progress").exists()
        assert len(full_totals.read_text(encoding="utf-8").splitlines()) > 1000


def test_resume_with_other_inputs_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "o.jsonl"
    assert extract(str(archive(tmp_path, 5)), "-o", str(out)) == 0
    other = write_jsonl(tmp_path / "other.jsonl", [{"id": f"x{i}", "text": "Five died."} for i in range(9)])
    assert extract(str(other), "-o", str(out), "--resume") == 2
    assert "input 1 is not the one it was written from" in capsys.readouterr().err
