"""``figextract extract`` never loses or mixes a run: linked outputs, folders, sizes, resumes, full disks, killed parents."""

from __future__ import annotations

import errno
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
from samples import TEXTS

FIGEXTRACT = [sys.executable, "-m", "figextract.cli.main"]


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def archive(tmp_path: Path, n: int = 5, name: str = "archive.jsonl") -> Path:
    return write_jsonl(tmp_path / name, [{"id": f"a{i}", "text": TEXTS[i % len(TEXTS)]} for i in range(n)])


def lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def extract(*args: str) -> int:
    return main(["extract", *args, "--model", "blank", "--quiet"])


def test_an_output_hard_linked_to_the_input_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """F5: `ln v.jsonl out.jsonl; extract v.jsonl -o out.jsonl --force` replaced the input by one error record."""
    src = archive(tmp_path)
    before = src.read_bytes()
    os.link(src, tmp_path / "out.jsonl")
    assert extract(str(src), "-o", str(tmp_path / "out.jsonl"), "--force") == 2
    assert "out.jsonl is the input" in capsys.readouterr().err and src.read_bytes() == before


def test_an_output_hard_linked_to_a_file_in_an_input_folder_leaves_that_file_alone(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text("Floods killed 40 people.", encoding="utf-8")
    os.link(folder / "a.txt", tmp_path / "out.jsonl")
    assert extract(str(folder), "-o", str(tmp_path / "out.jsonl"), "--force") == 0
    assert (folder / "a.txt").read_text(encoding="utf-8") == "Floods killed 40 people."
    assert [(r["id"], r["figures"][0]["value"]) for r in lines(tmp_path / "out.jsonl")] == [("a.txt", 40)]


def test_links_out_of_a_folder_are_reported_unless_followed(tmp_path: Path) -> None:
    """F6 through the command: --follow-symlinks."""
    folder = tmp_path / "news"
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "b.txt").write_text("Two people died.", encoding="utf-8")
    folder.mkdir()
    os.symlink(tmp_path / "outside", folder / "link")
    out = tmp_path / "out.jsonl"
    assert extract(str(folder), "-o", str(out)) == 0
    assert [(r["id"], r["error"]["kind"]) for r in lines(out)] == [("link", "outside_link")]
    assert extract(str(folder), "-o", str(out), "--force", "--follow-symlinks") == 0
    assert [(r["id"], r["figures"][0]["value"]) for r in lines(out)] == [("link/b.txt", 2)]


def test_an_unclosed_quote_in_a_csv_loses_no_record(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """F7: the issue's file gave 2 records, q3 inside q2's text, and exit 0."""
    path = tmp_path / "u.csv"
    path.write_text('id,text\nq1,killed 5 people\nq2,"oops killed 3\nq3,killed 9 people\n', encoding="utf-8")
    assert extract(str(path), "-o", "-") == 0
    got = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r["id"], r["error"]["kind"] if "error" in r else [f["value"] for f in r["figures"]]) for r in got] == [("q1", [5]), ("q2", "unclosed_quote"), ("q3", [9])]
    assert "quote opened on line 3 is never closed: it swallowed the 1 line(s) after it" in got[1]["error"]["message"]


def test_max_chars_caps_an_article_and_its_default_is_documented(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """F8: a big member is a too_large record; the others are read."""
    zipped = tmp_path / "news.zip"
    with zipfile.ZipFile(zipped, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("big.txt", "Floods killed 40 people. " * 400_000)  # 10 MB
        zf.writestr("small.txt", "Two people died.")
    out = tmp_path / "out.jsonl"
    assert extract(str(zipped), "-o", str(out), "--max-chars", "5000") == 0
    got = lines(out)
    assert [(r["id"], r["error"]["kind"] if "error" in r else "ok") for r in got] == [("big.txt", "too_large"), ("small.txt", "ok")]
    assert "more than --max-chars 5,000" in got[0]["error"]["message"]
    assert extract(str(zipped), "-o", str(out), "--max-chars", "0", "--force") == 2
    assert "--max-chars: expected a positive integer, instead got 0" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["extract", "--help"])
    assert "(default: 2,000,000)" in " ".join(capsys.readouterr().out.split())


def test_resume_with_other_inputs_whose_ids_match_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """F9: the ids a0..a4 of another archive matched at record 5, and the output mixed two runs."""
    out = tmp_path / "o.jsonl"
    assert extract(str(archive(tmp_path)), "-o", str(out)) == 0
    before = out.read_bytes()
    other = write_jsonl(tmp_path / "other.jsonl", [{"id": f"a{i}", "text": "Nine people died."} for i in range(8)])
    assert extract(str(other), "-o", str(out), "--resume") == 2
    assert "input 1 is not the one it was written from" in capsys.readouterr().err and out.read_bytes() == before
    assert extract(str(other), "-o", str(out), "--force") == 0 and len(lines(out)) == 8


def test_resume_with_other_options_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out, src = tmp_path / "o.jsonl", archive(tmp_path)
    assert extract(str(src), "-o", str(out)) == 0
    assert extract(str(src), "-o", str(out), "--resume", "--no-prefilter") == 2
    assert "it was written with --no-prefilter False, this run has True" in capsys.readouterr().err


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_resume_of_a_finished_run_says_so_and_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    """F10: a finished CSV exited 2 (no progress file), a finished Parquet 2 (cannot resume), a finished JSONL said nothing."""
    out, src = tmp_path / f"o.{fmt}", archive(tmp_path)
    assert extract(str(src), "-o", str(out)) == 0
    before = out.read_bytes()
    capsys.readouterr()
    assert extract(str(src), "-o", str(out), "--resume") == 0
    assert f"o.{fmt} is complete: the run that wrote it finished (5 records); nothing to resume" in capsys.readouterr().err
    assert out.read_bytes() == before


def full_disk(*args: Any, **kwargs: Any) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


@pytest.mark.parametrize("fmt", ["parquet", "csv"])
def test_a_full_disk_fails_the_run_and_leaves_nothing_temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    """F10: .out.parquet.partial and out.csv.progress.tmp were left behind."""
    if fmt == "parquet":
        monkeypatch.setattr(pq.ParquetWriter, "write_table", full_disk)
    else:
        real, saved = os.replace, []

        def replace(tmp: str, path: str) -> None:
            if tmp.endswith(".progress.tmp"):
                saved.append(tmp)
                if len(saved) > 2:  # the disk fills up after two batches
                    full_disk()
            real(tmp, path)

        monkeypatch.setattr(os, "replace", replace)
    src = archive(tmp_path, 200)
    assert extract(str(src), "-o", str(tmp_path / f"out.{fmt}"), "--batch-size", "16") == 1
    assert "No space left on device" in capsys.readouterr().err
    left = sorted(os.listdir(tmp_path))
    assert left == (["archive.jsonl"] if fmt == "parquet" else ["archive.jsonl", "out.csv", "out.csv.progress", "out.csv.run.json"])


def children(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (Linux /proc)."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry))
    return found


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="finds the workers through /proc")
def test_workers_end_quietly_when_the_parent_is_killed(tmp_path: Path) -> None:
    """F10: kill -9 of an --n-process 2 parent left its workers printing BrokenPipe tracebacks."""
    src = archive(tmp_path, 20_000)
    out, err = tmp_path / "o.jsonl", tmp_path / "stderr.txt"
    with err.open("w") as stderr:
        proc = subprocess.Popen([*FIGEXTRACT, "extract", str(src), "-o", str(out), "--model", "blank", "--quiet", "--n-process", "2", "--batch-size", "16"], stderr=stderr)
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and (not out.exists() or out.stat().st_size < 50_000):
            time.sleep(0.01)
        workers = children(proc.pid)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    assert len(workers) == 2, "the run had no workers running when it was killed"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and any(os.path.exists(f"/proc/{w}") for w in workers):
        time.sleep(0.05)
    time.sleep(0.5)  # a worker about to print would have printed by now
    assert not any(os.path.exists(f"/proc/{w}") for w in workers)
    assert err.read_text() == ""
