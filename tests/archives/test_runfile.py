"""The run file beside an output: a resume continues only the run that wrote it, and knows when it finished."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from figextract.archives.articles import Article, Extracted, Outcome
from figextract.archives.readers import ReadOptions, check_inputs
from figextract.archives.runfile import RunComplete, fingerprint, open_run, run_file
from figextract.archives.writers import ResumeError

OPTIONS = {"text-field": "text", "keep-fields": ["date"]}


def outcomes(n: int = 3) -> list[Outcome]:
    return [Extracted(Article(f"r{i}", "x", f"in.jsonl:{i + 1}", {"date": None}), []) for i in range(n)]


def run_of(*paths: Path, read: ReadOptions = ReadOptions(), **options: Any) -> dict[str, Any]:
    return fingerprint(check_inputs([str(p) for p in paths]), read, {**OPTIONS, **options})


def source(tmp_path: Path, name: str = "in.jsonl", lines: int = 3) -> Path:
    path = tmp_path / name
    path.write_text("".join(json.dumps({"id": f"r{i}", "text": "Two died."}) + "\n" for i in range(lines)), encoding="utf-8")
    return path


def killed(out: Path, run: dict[str, Any], fmt: str = "jsonl") -> None:
    writer = open_run(str(out), fmt, ("date",), run=run)
    writer.write(outcomes(2))
    writer.abort()


def test_a_run_file_is_written_first_and_marked_complete_last(tmp_path: Path) -> None:
    out, run = tmp_path / "o.jsonl", run_of(source(tmp_path))
    writer = open_run(str(out), "jsonl", ("date",), run=run)
    assert json.loads(Path(run_file(str(out))).read_text()) == {"fingerprint": run, "complete": False}
    writer.write(outcomes())
    writer.close()
    saved = json.loads(Path(run_file(str(out))).read_text())
    assert saved == {"fingerprint": run, "complete": True, "records": 3, "ok": 3, "errors": 0, "figures": 0}
    assert sorted(os.listdir(tmp_path)) == ["in.jsonl", "o.jsonl", "o.jsonl.run.json"]


def test_the_same_run_resumes_and_a_finished_one_says_so(tmp_path: Path) -> None:
    out, run = tmp_path / "o.jsonl", run_of(source(tmp_path))
    killed(out, run)
    writer = open_run(str(out), "jsonl", ("date",), run=run, resume=True)
    assert writer.resumed.records == 2
    writer.write(outcomes(3)[2:])
    writer.close()
    with pytest.raises(RunComplete, match=r"o\.jsonl is complete: the run that wrote it finished \(3 records\); nothing to resume"):
        open_run(str(out), "jsonl", ("date",), run=run, resume=True)


def test_a_finished_run_asked_for_a_totals_table_it_did_not_write_says_to_start_over(tmp_path: Path) -> None:
    out, run = tmp_path / "o.csv", run_of(source(tmp_path))
    writer = open_run(str(out), "csv", ("date",), run=run)
    writer.write(outcomes())
    writer.close()
    with pytest.raises(ResumeError, match=r"o\.csv is complete but .*t\.csv is not there: .* pass --force to write both"):
        open_run(str(out), "csv", ("date",), run=run, resume=True, totals=str(tmp_path / "t.csv"))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("content", "input 1 is not the one it was written from (its size in bytes: "),
        ("inputs", "it was written from 1 input(s), this run reads 2"),
        ("option", "it was written with --text-field 'text', this run has 'body'"),
        ("max-chars", "it was written with --max-chars 2000000, this run has 10"),
        ("version", "figextract 0.0.1 wrote it, this is figextract"),
    ],
)
def test_another_run_is_refused(tmp_path: Path, change: str, message: str) -> None:
    """F9: the last id was all a resume compared; another input with that id there was accepted."""
    src = source(tmp_path)
    out = tmp_path / "o.jsonl"
    killed(out, run_of(src))
    if change == "version":
        saved = json.loads(Path(run_file(str(out))).read_text())
        saved["fingerprint"]["figextract"] = "0.0.1"
        Path(run_file(str(out))).write_text(json.dumps(saved))
    if change == "content":
        src.write_text(src.read_text() + json.dumps({"id": "r9", "text": "x"}) + "\n", encoding="utf-8")
    now = {
        "inputs": lambda: run_of(src, source(tmp_path, "more.jsonl")), "option": lambda: run_of(src, **{"text-field": "body"}),
        "max-chars": lambda: run_of(src, read=ReadOptions(max_chars=10)),
    }.get(change, lambda: run_of(src))()  # fmt: skip
    with pytest.raises(ResumeError) as refused:
        open_run(str(out), "jsonl", ("date",), run=now, resume=True)
    assert message in str(refused.value) and "or pass --force to start over" in str(refused.value)
    writer = open_run(str(out), "jsonl", ("date",), run=now, force=True)
    writer.close()


@pytest.mark.parametrize(("content", "message"), [(None, "there is no run file"), ("{not json", "is damaged"), ("[]", "is damaged")])
def test_an_output_without_a_sound_run_file_is_not_resumed(tmp_path: Path, content: str | None, message: str) -> None:
    out, run = tmp_path / "o.jsonl", run_of(source(tmp_path))
    killed(out, run)
    if content is None:
        os.remove(run_file(str(out)))
    else:
        Path(run_file(str(out))).write_text(content)
    with pytest.raises(ResumeError, match=message):
        open_run(str(out), "jsonl", ("date",), run=run, resume=True)


def test_the_fingerprint_ignores_time_and_place_but_not_content(tmp_path: Path) -> None:
    """A copy or a touched file is the same input (a resume after moving an archive works); a folder
    with one more file, or a file of other content, is not."""
    src = source(tmp_path)
    first = run_of(src)
    os.utime(src, (1_000_000, 1_000_000))
    copy = shutil.copy(src, tmp_path / "copy.jsonl")
    assert run_of(src) == first == run_of(Path(copy))
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text("One died.", encoding="utf-8")
    before = run_of(folder)
    (folder / "b.txt").write_text("Two died.", encoding="utf-8")
    assert run_of(folder) != before and run_of(folder)["inputs"][0]["files"] == 2


def test_a_refused_overwrite_keeps_the_run_file_and_an_aborted_parquet_run_leaves_none(tmp_path: Path) -> None:
    out, run = tmp_path / "o.jsonl", run_of(source(tmp_path))
    killed(out, run)
    with pytest.raises(ValueError, match="exists; pass --force"):
        open_run(str(out), "jsonl", ("date",), run=run)
    assert json.loads(Path(run_file(str(out))).read_text())["complete"] is False
    pq_out = tmp_path / "o.parquet"
    killed(pq_out, run, "parquet")
    assert not pq_out.exists() and not os.path.exists(run_file(str(pq_out)))
