"""Output files: shapes, typed columns, refusal to overwrite, and what a resume reads back."""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from figextract import find_figures
from figextract.archives.articles import Article, Extracted, Failure, Outcome
from figextract.rules.records import FIELDS
from figextract.archives.writers import ResumeError, Tally, arrow_schema, columns, open_writer, output_format

TEXTS = ["At least 12 people were killed and 40 injured, police said.", "Shares rose 4%.", "Two soldiers died."]


def outcomes(start: int = 0, n: int = 3) -> list[Outcome]:
    out: list[Outcome] = []
    for i in range(start, start + n):
        if i % 4 == 3:
            out.append(Failure(f"r{i}", "empty_text", "field 'text' is empty", f"in.jsonl:{i + 1} (id r{i})", {"date": None}))
        else:
            text = TEXTS[i % len(TEXTS)]
            out.append(Extracted(Article(f"r{i}", text, f"in.jsonl:{i + 1}", {"date": f"2024-01-{i + 1:02d}"}), find_figures(text)))
    return out


def write_all(path: Path, fmt: str, batches: list[list[Outcome]], **kw: bool) -> None:
    writer = open_writer(str(path), fmt, ("date",), **kw)
    for batch in batches:
        writer.write(batch)
    writer.close()


def test_columns_are_one_fixed_schema() -> None:
    names = [n for n, _ in columns(("date", "url"), keep_text=True)]
    assert names == ["id", "date", "url", "article_text", "figure", *FIELDS, "error_kind", "error_message", "error_where"]
    schema = arrow_schema(("date",))
    assert str(schema.field("value").type) == "int64" and str(schema.field("date").type) == "string"
    assert str(schema.field("part_of").type) == "int64" and str(schema.field("figure").type) == "int64"


def test_jsonl_one_line_per_outcome(tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl"
    write_all(path, "jsonl", [outcomes(0, 2), outcomes(2, 2)])
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert [line["id"] for line in lines] == ["r0", "r1", "r2", "r3"]
    assert list(lines[0]) == ["id", "date", "figures"] and lines[0]["figures"][0]["text"] == "At least 12 people"
    assert lines[3] == {"id": "r3", "date": None, "error": {"kind": "empty_text", "message": "field 'text' is empty", "where": "in.jsonl:4 (id r3)"}}


def test_csv_one_typed_row_per_figure_and_per_failure(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    write_all(path, "csv", [outcomes(0, 4)])
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    # r0: 2 figures, r1: none, r2: 1, r3: a failure
    assert [(r["id"], r["figure"], r["error_kind"]) for r in rows] == [("r0", "0", ""), ("r0", "1", ""), ("r2", "0", ""), ("r3", "", "empty_text")]
    assert rows[0]["value"] == "12" and rows[0]["high"] == "" and rows[0]["date"] == "2024-01-01"
    assert not os.path.exists(f"{path}.progress")  # removed once the run is complete


def test_parquet_typed_rows_appear_only_when_complete(tmp_path: Path) -> None:
    path = tmp_path / "out.parquet"
    writer = open_writer(str(path), "parquet", ("date",))
    writer.write(outcomes(0, 4))
    assert not path.exists()
    writer.close()
    table = pq.read_table(path)
    assert table.schema == arrow_schema(("date",))
    assert table.column("value").to_pylist() == [12, 40, 2, None]
    assert os.listdir(tmp_path) == ["out.parquet"]


def test_parquet_abort_leaves_nothing(tmp_path: Path) -> None:
    writer = open_writer(str(tmp_path / "out.parquet"), "parquet")
    writer.write(outcomes())
    writer.abort()
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (dict(), "exists; pass --force to overwrite it or --resume to continue it"),
        (dict(force=True, resume=True), "--force and --resume contradict each other"),
    ],
)
def test_refusals(tmp_path: Path, kwargs: dict[str, bool], message: str) -> None:
    path = tmp_path / "out.jsonl"
    path.write_text("keep me\n")
    with pytest.raises(ValueError, match=message):
        open_writer(str(path), "jsonl", **kwargs)
    assert path.read_text() == "keep me\n"


def test_parquet_cannot_resume(tmp_path: Path) -> None:
    with pytest.raises(ResumeError, match="--resume works with --format jsonl or csv"):
        open_writer(str(tmp_path / "o.parquet"), "parquet", resume=True)


@pytest.mark.parametrize(("name", "fmt"), [("o.csv", "csv"), ("o.parquet", "parquet"), ("o.jsonl", "jsonl"), ("o.out", "jsonl")])
def test_output_format_by_name(name: str, fmt: str) -> None:
    assert output_format(name, None) == fmt


def test_compressed_output_is_refused() -> None:
    with pytest.raises(ValueError, match="pipe it through gzip"):
        output_format("o.jsonl.gz", None)


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
@pytest.mark.parametrize("torn", [b"", b'{"id":"r9","fig', b"r9,0,Two sol"])
def test_resume_cuts_a_torn_tail_and_counts_what_is_there(tmp_path: Path, fmt: str, torn: bytes) -> None:
    full, part = tmp_path / f"full.{fmt}", tmp_path / f"part.{fmt}"
    batches = [outcomes(0, 3), outcomes(3, 3), outcomes(6, 3)]
    write_all(full, fmt, batches)
    # a run killed after two batches, in the middle of writing the third
    writer = open_writer(str(part), fmt, ("date",))
    for batch in batches[:2]:
        writer.write(batch)
    writer.abort()
    with open(part, "ab") as fh:
        fh.write(torn)
    resumed = open_writer(str(part), fmt, ("date",), resume=True)
    done = [o for batch in batches[:2] for o in batch]
    expected = Tally()
    for o in done:
        expected.add(o)
    assert resumed.resumed == expected and expected.records == 6 and expected.last_id == "r5"
    resumed.write(batches[2])
    resumed.close()
    assert part.read_bytes() == full.read_bytes()


def test_resume_of_a_new_file_starts_it(tmp_path: Path) -> None:
    writer = open_writer(str(tmp_path / "o.jsonl"), "jsonl", resume=True)
    assert writer.resumed.records == 0
    writer.close()


@pytest.mark.parametrize(
    ("content", "keep", "message"),
    [
        (b"not json\n", ("date",), "is not a JSON line written by figextract extract"),
        (b'{"id":"a","figures":[]}\n', ("date",), "resume with the same --keep-fields and --keep-text"),
    ],
)
def test_jsonl_resume_refuses_other_files(tmp_path: Path, content: bytes, keep: tuple[str, ...], message: str) -> None:
    path = tmp_path / "o.jsonl"
    path.write_bytes(content)
    with pytest.raises(ResumeError, match=message):
        open_writer(str(path), "jsonl", keep, resume=True)


def test_csv_resume_needs_its_progress_file_and_columns(tmp_path: Path) -> None:
    path = tmp_path / "o.csv"
    write_all(path, "csv", [outcomes()])  # complete: the progress file is gone
    with pytest.raises(ResumeError, match="no progress file"):
        open_writer(str(path), "csv", ("date",), resume=True)
    writer = open_writer(str(path), "csv", ("date",), force=True)
    writer.write(outcomes())
    writer.abort()
    with pytest.raises(ResumeError, match="columns of .* differ"):
        open_writer(str(path), "csv", ("url",), resume=True)
