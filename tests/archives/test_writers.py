"""Output files: shapes, typed columns, refusal to overwrite, and what a resume reads back."""

from __future__ import annotations

import csv
import dataclasses
import errno
import json
import os
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from figextract import find_figures, totals
from figextract.archives.articles import Article, Extracted, Failure, Outcome
from figextract.rules.records import FIELDS
from figextract.archives.writers import (
    ResumeError, Tally, WithTotals, arrow_schema, columns, open_writer, outcome_id, output_format, totals_arrow_schema, totals_columns,
)  # fmt: skip

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


def write_all(path: Path, fmt: str, batches: list[list[Outcome]], **kw: Any) -> None:
    writer = open_writer(str(path), fmt, ("date",), **kw)
    for batch in batches:
        writer.write(batch)
    writer.close()


def test_columns_are_one_fixed_schema() -> None:
    names = [n for n, _ in columns(("date", "url"), keep_text=True)]
    assert names == ["id", "date", "url", "article_text", "figure", "article_figures", *FIELDS, "error_kind", "error_message", "error_where"]
    schema = arrow_schema(("date",))
    assert str(schema.field("value").type) == "int64" and str(schema.field("date").type) == "string"
    assert str(schema.field("part_of").type) == "int64" and str(schema.field("figure").type) == "int64"
    assert str(schema.field("implicit").type) == "bool"


def test_jsonl_one_line_per_outcome(tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl"
    write_all(path, "jsonl", [outcomes(0, 2), outcomes(2, 2)])
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert [line["id"] for line in lines] == ["r0", "r1", "r2", "r3"]
    assert list(lines[0]) == ["id", "date", "figures", "totals"] and lines[0]["figures"][0]["text"] == "At least 12 people"
    assert lines[0]["totals"] == {kind: t.to_dict() for kind, t in totals(find_figures(TEXTS[0])).items()}
    assert lines[1]["totals"] == {}
    assert lines[3] == {"id": "r3", "date": None, "error": {"kind": "empty_text", "message": "field 'text' is empty", "where": "in.jsonl:4 (id r3)"}}


def test_csv_one_typed_row_per_figure_and_per_failure(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    write_all(path, "csv", [outcomes(0, 4)])
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    # r0: 2 figures, r1: none (a row of its own), r2: 1, r3: a failure
    assert [(r["id"], r["figure"], r["article_figures"], r["error_kind"]) for r in rows] == [
        ("r0", "0", "2", ""), ("r0", "1", "2", ""), ("r1", "", "0", ""), ("r2", "0", "1", ""), ("r3", "", "", "empty_text")
    ]  # fmt: skip
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
    assert table.column("value").to_pylist() == [12, 40, None, 2, None]
    assert table.column("article_figures").to_pylist() == [2, 2, 0, 1, None]
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


@pytest.mark.parametrize(("name", "fmt"), [("o.csv", "csv"), ("o.parquet", "parquet"), ("O.PQ", "parquet"), ("o.jsonl", "jsonl"), ("o.ndjson", "jsonl"), ("-", "jsonl")])
def test_output_format_by_name(name: str, fmt: str) -> None:
    assert output_format(name, None) == fmt


@pytest.mark.parametrize("name", ["o.out", "o.tsv", "o.json", "output", "dir.csv/o"])
def test_an_output_name_without_a_known_suffix_needs_format(name: str) -> None:
    with pytest.raises(ValueError, match=r"cannot tell the output format from the name; name it \.jsonl, \.csv or \.parquet, or pass --format \(jsonl, csv, parquet\)"):
        output_format(name, None)
    assert output_format(name, "csv") == "csv"


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
        (b'{"id":"a","date":null,"figures":[]}\n', ("date",), "written before each record held its 'totals'"),
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


# The totals table beside a CSV or Parquet output.


def test_totals_columns_are_one_fixed_schema() -> None:
    names = [n for n, _ in totals_columns(("date",), keep_text=True)]
    assert names == ["id", "date", "article_text", "type", "value", "low", "high", "how", "figures", "cumulative", "cumulative_figures",
                     "error_kind", "error_message", "error_where"]  # fmt: skip
    schema = totals_arrow_schema(("date",))
    types = {name: str(schema.field(name).type) for name in schema.names}
    assert types["value"] == types["cumulative"] == "int64" and types["figures"] == types["cumulative_figures"] == "list<item: int64>"


def expected_totals(n: int = 4) -> list[tuple[Any, ...]]:
    """(id, type, value, figures, error_kind) of every totals row of ``outcomes(0, n)``."""
    rows: list[tuple[Any, ...]] = []
    for o in outcomes(0, n):
        if isinstance(o, Failure):
            rows.append((o.id, None, None, None, o.kind))
        else:
            rows += [(o.article.id, kind, t.value, list(t.figures), None) for kind, t in totals(o.figures).items()]
    return rows


@pytest.mark.parametrize("main", ["csv", "parquet"])
@pytest.mark.parametrize("table", ["csv", "parquet"])
def test_totals_table_one_row_per_article_and_type_and_per_failure(tmp_path: Path, main: str, table: str) -> None:
    path, table_path = tmp_path / f"out.{main}", tmp_path / f"totals.{table}"
    write_all(path, main, [outcomes(0, 2), outcomes(2, 2)], totals=str(table_path))
    want = expected_totals()
    assert [r[0] for r in want] == ["r0", "r0", "r2", "r3"]  # r1 ("Shares rose 4%") has no totals: no row
    if table == "parquet":
        got = pq.read_table(table_path)
        assert got.schema == totals_arrow_schema(("date",))
        rows = [(r["id"], r["type"], r["value"], r["figures"], r["error_kind"]) for r in got.to_pylist()]
        assert got.column("date").to_pylist()[0] == "2024-01-01"
    else:
        cells = list(csv.DictReader(table_path.open(encoding="utf-8")))
        rows = [(r["id"], r["type"] or None, int(r["value"]) if r["value"] else None, json.loads(r["figures"]) if r["figures"] else None, r["error_kind"] or None) for r in cells]
        assert cells[0]["cumulative_figures"] == "[]" and cells[3]["error_where"] == "in.jsonl:4 (id r3)"
    assert rows == want
    assert sorted(os.listdir(tmp_path)) == sorted([path.name, table_path.name])  # no progress or partial file left


@pytest.mark.parametrize(
    ("output", "table", "kwargs", "message"),
    [
        ("o.jsonl", "t.csv", {}, "a JSONL output already holds the totals, in each record's 'totals'"),
        ("o.csv", "-", {}, "--totals needs a file name, not standard output"),
        ("o.csv", "o.csv", {}, "is the output itself"),
        ("o.csv", "t.txt", {}, "expected a file name ending in .csv or .parquet"),
        ("o.csv", "t.csv.gz", {}, "expected a file name ending in .csv or .parquet"),
        ("o.csv", "old.csv", {}, "old.csv exists; pass --force to overwrite it or --resume to continue it"),
        ("o.csv", "t.parquet", {"resume": True}, "--resume works with --format jsonl or csv"),
        ("o.csv", "dir.csv", {}, "is a directory; --totals takes a file name"),
    ],
)
def test_totals_refusals(tmp_path: Path, output: str, table: str, kwargs: dict[str, bool], message: str) -> None:
    (tmp_path / "old.csv").write_text("keep me\n")
    (tmp_path / "dir.csv").mkdir()
    fmt = output_format(output, None)
    with pytest.raises(ValueError, match=message):
        open_writer(str(tmp_path / output), fmt, totals=table if table == "-" else str(tmp_path / table), **kwargs)
    assert not (tmp_path / output).exists() and (tmp_path / "old.csv").read_text() == "keep me\n"


def test_force_overwrites_the_totals_table(tmp_path: Path) -> None:
    path, table = tmp_path / "o.csv", tmp_path / "t.csv"
    table.write_text("old\n")
    write_all(path, "csv", [outcomes()], totals=str(table), force=True)
    assert table.read_text(encoding="utf-8").startswith("id,date,type,value")


def killed_run(path: Path, table: Path, batches: list[list[Outcome]], table_batches: int, torn: bytes) -> None:
    """A run killed after writing ``batches`` to the figures output and the first ``table_batches`` of
    them to the totals table, leaving half a row at the end of each file."""
    writer = open_writer(str(path), "csv", ("date",), totals=str(table))
    assert isinstance(writer, WithTotals)
    for i, batch in enumerate(batches):
        (writer if i < table_batches else writer.parts[0]).write(batch)
    writer.abort()
    for p in (path, table):
        with open(p, "ab") as fh:
            fh.write(torn)


@pytest.mark.parametrize("torn", [b"", b"r9,2024-01-10,kil"])
@pytest.mark.parametrize(("figure_batches", "table_batches"), [(2, 2), (2, 1), (1, 0), (0, 0)])
def test_resume_with_totals_continues_both_byte_identical(tmp_path: Path, torn: bytes, figure_batches: int, table_batches: int) -> None:
    """Killed anywhere, including between the figures output and the totals table of one batch."""
    batches = [outcomes(0, 3), outcomes(3, 3), outcomes(6, 3)]
    full, full_table = tmp_path / "full.csv", tmp_path / "full-totals.csv"
    write_all(full, "csv", batches, totals=str(full_table))
    part, part_table = tmp_path / "part.csv", tmp_path / "part-totals.csv"
    killed_run(part, part_table, batches[:figure_batches], table_batches, torn)
    resumed = open_writer(str(part), "csv", ("date",), totals=str(part_table), resume=True)
    assert isinstance(resumed, WithTotals) and resumed.resumed.records == 3 * table_batches
    for batch in batches[table_batches:]:
        resumed.write(batch)
    resumed.close()
    assert part.read_bytes() == full.read_bytes() and part_table.read_bytes() == full_table.read_bytes()
    assert sorted(os.listdir(tmp_path)) == ["full-totals.csv", "full.csv", "part-totals.csv", "part.csv"]


def test_resume_with_a_totals_table_of_another_run_is_refused(tmp_path: Path) -> None:
    path, table = tmp_path / "o.csv", tmp_path / "t.csv"
    writer = open_writer(str(path), "csv", ("date",), totals=str(table))
    writer.write(outcomes(0, 3))
    writer.abort()
    other = open_writer(str(tmp_path / "x.csv"), "csv", ("date",), totals=str(table), force=True)
    other.write(outcomes(5, 3))
    other.abort()
    with pytest.raises(ResumeError, match="written by different runs"):
        open_writer(str(path), "csv", ("date",), totals=str(table), resume=True)


def test_resume_checks_the_output_that_is_ahead_against_the_input(tmp_path: Path) -> None:
    path, table = tmp_path / "o.csv", tmp_path / "t.csv"
    killed_run(path, table, [outcomes(0, 3), outcomes(3, 3)], 1, b"")
    resumed = open_writer(str(path), "csv", ("date",), totals=str(table), resume=True)
    with pytest.raises(ResumeError, match="record 6 of .*o.csv has id 'r5' but input record 6 has id 'r8'"):
        resumed.write(outcomes(6, 3))
    resumed.abort()
    resumed = open_writer(str(path), "csv", ("date",), totals=str(table), resume=True)
    resumed.write(outcomes(3, 2))  # the input ends before the record the figures output already holds
    with pytest.raises(ResumeError, match="holds 6 records but the input has only 5"):
        resumed.close()


def test_resume_that_adds_a_totals_table_writes_it_from_the_start(tmp_path: Path) -> None:
    batches = [outcomes(0, 3), outcomes(3, 3)]
    full, full_table = tmp_path / "full.csv", tmp_path / "full-totals.csv"
    write_all(full, "csv", batches, totals=str(full_table))
    part, part_table = tmp_path / "part.csv", tmp_path / "part-totals.csv"
    writer = open_writer(str(part), "csv", ("date",))
    writer.write(batches[0])
    writer.abort()
    resumed = open_writer(str(part), "csv", ("date",), totals=str(part_table), resume=True)
    assert resumed.resumed.records == 0
    for batch in batches:
        resumed.write(batch)
    resumed.close()
    assert part.read_bytes() == full.read_bytes() and part_table.read_bytes() == full_table.read_bytes()


# ---- issue 11: a record a format cannot hold, and a full disk -------------------------------------


def with_value(outcome: Outcome, value: int) -> Outcome:
    """``outcome`` with its first figure's value (and bounds) set to ``value``, as no rule gives."""
    assert isinstance(outcome, Extracted) and outcome.figures
    first = outcome.figures[0]
    huge = dataclasses.replace(first, value=value, low=value if first.low is not None else None, high=value if first.high is not None else None)
    return Extracted(outcome.article, [huge, *outcome.figures[1:]])


def read_back(path: Path, fmt: str) -> list[dict[str, Any]]:
    """(id, error kind, error message) of each record or row of an output."""
    if fmt == "jsonl":
        records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
        return [{"id": r["id"], "error_kind": r.get("error", {}).get("kind"), "error_message": r.get("error", {}).get("message")} for r in records]
    rows = pq.read_table(path).to_pylist() if fmt == "parquet" else list(csv.DictReader(path.open(encoding="utf-8")))
    return [{"id": r["id"], "error_kind": r["error_kind"] or None, "error_message": r["error_message"] or None} for r in rows]


@pytest.mark.parametrize(("fmt", "value", "why"), [
    ("parquet", 2**63, "OverflowError: column 'value' holds 9223372036854775808, beyond the int64 range of Parquet"),
    ("csv", 10**5000, "ValueError: Exceeds the limit (4300 digits)"),
    ("jsonl", 10**5000, "ValueError: Exceeds the limit (4300 digits)"),
], ids=["parquet", "csv", "jsonl"])  # fmt: skip
def test_a_record_the_format_cannot_hold_becomes_an_error_record(tmp_path: Path, fmt: str, value: int, why: str) -> None:
    """F4: one value beyond what the format holds lost the whole Parquet run (an OverflowError traceback)."""
    batch = outcomes(0, 3)
    batch[0] = with_value(batch[0], value)
    path = tmp_path / f"out.{fmt}"
    writer = open_writer(str(path), fmt, ("date",))
    written = writer.write(batch)
    writer.write(outcomes(3, 3))
    writer.close()
    assert [(outcome_id(o), o.kind if isinstance(o, Failure) else "ok") for o in written] == [("r0", "unwritable"), ("r1", "ok"), ("r2", "ok")]
    rows = read_back(path, fmt)
    assert [(r["id"], r["error_kind"]) for r in rows if r["id"] in ("r0", "r2")] == [("r0", "unwritable"), ("r2", None)]
    message = rows[0]["error_message"]
    assert message.startswith(f"the {written[0].message.split()[1]} output cannot hold this record ({why}") and message == written[0].message  # type: ignore[union-attr]
    assert rows[-1]["id"] == "r5"  # the run went on


def test_a_totals_table_that_cannot_hold_a_record_writes_an_error_row(tmp_path: Path) -> None:
    batch = outcomes(0, 3)
    batch[2] = with_value(batch[2], 2**63)
    path, table = tmp_path / "out.parquet", tmp_path / "totals.parquet"
    writer = open_writer(str(path), "parquet", ("date",), totals=str(table))
    written = writer.write(batch)
    writer.close()
    assert isinstance(written[2], Failure) and written[2].kind == "unwritable"
    assert [(r["id"], r["type"], r["error_kind"]) for r in pq.read_table(table).to_pylist()][-1] == ("r2", None, "unwritable")


def fails_when_full(path_suffix: str) -> Any:
    """An os.fsync that raises ENOSPC on files whose name ends with ``path_suffix``, as a full disk would."""
    real = os.fsync

    def fsync(fd: int) -> None:
        if os.readlink(f"/proc/self/fd/{fd}").endswith(path_suffix):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real(fd)

    return fsync


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="names an open file through /proc (Linux)")
def test_a_full_disk_leaves_no_progress_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """F10: out.csv.progress.tmp was left when the disk filled while the progress file was written."""
    path = tmp_path / "out.csv"
    writer = open_writer(str(path), "csv", ("date",))
    writer.write(outcomes(0, 3))
    monkeypatch.setattr(os, "fsync", fails_when_full(".progress.tmp"))
    with pytest.raises(OSError, match="No space left on device"):
        writer.write(outcomes(3, 3))
    writer.abort()
    assert sorted(os.listdir(tmp_path)) == ["out.csv", "out.csv.progress"]  # what a resume needs, nothing else
    monkeypatch.undo()
    resumed = open_writer(str(path), "csv", ("date",), resume=True)
    assert resumed.resumed.records == 3


def test_a_full_disk_leaves_no_partial_parquet(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """F10: .out.parquet.partial was left when closing the Parquet file failed too."""
    def full(*args: Any, **kwargs: Any) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    writer = open_writer(str(tmp_path / "out.parquet"), "parquet", ("date",))
    writer.write(outcomes(0, 3))
    monkeypatch.setattr(pq.ParquetWriter, "write_table", full)
    monkeypatch.setattr(pq.ParquetWriter, "close", full)
    with pytest.raises(OSError, match="No space left on device"):
        writer.close()
    writer.abort()
    assert os.listdir(tmp_path) == []
    monkeypatch.undo()  # before pyarrow's writer, still open, is collected and closes itself


def test_overwriting_an_output_hard_linked_elsewhere_leaves_the_other_name_alone(tmp_path: Path) -> None:
    """F5: a fresh output is a new file; a hard link to it (an input inside a folder, say) keeps its content."""
    other = tmp_path / "a.txt"
    other.write_text("Floods killed 40 people.", encoding="utf-8")
    for fmt in ("jsonl", "csv"):
        path = tmp_path / f"out.{fmt}"
        os.link(other, path)
        write_all(path, fmt, [outcomes()], force=True)
        assert other.read_text(encoding="utf-8") == "Floods killed 40 people." and path.read_text(encoding="utf-8").count("r0")
