"""Output files: JSONL (one line per input record), CSV and Parquet (one row per figure, and one per
article without figures), and the totals table beside a CSV or Parquet output (one row per article and casualty type).

Writes go out a whole batch at a time and are synced to disk, so a killed run leaves whole lines and
a point to resume from: JSONL counts its complete lines (a torn last line is cut off); CSV keeps a
small progress file beside the output, replaced atomically after each batch. Parquet is written under
a temporary name and renamed when complete: a Parquet file is readable only once its footer is
written, so a killed Parquet run cannot be continued.

Each table has one fixed schema: the article id and kept fields (and the text, with ``keep_text``),
then the figure's index, the article's number of figures and the figure's fields (``columns``) or the total's (``totals_columns``), then the error
of a record that failed (one row, the other columns null). A run with a totals table writes both
tables batch by batch (``WithTotals``); a resumed run continues from the one that holds fewer records.

A record a format cannot hold (a number beyond Parquet's int64, an integer too long to write as
text) is written as an ``unwritable`` error record in its place: one value never loses a run.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import sys
from dataclasses import asdict, dataclass
from typing import Any, Callable, Iterable, Mapping, Sequence

from .articles import Extracted, Failure, Outcome, dumps, output_record
from .extras import require
from ..rules.records import FIELDS, INDEX_FIELDS

__all__ = [
    "ColumnsOf", "CsvWriter", "ERROR_COLUMNS", "JsonlWriter", "OUTPUT_FORMATS", "OUTPUT_SUFFIXES", "PARQUET_ROW_GROUP", "ParquetWriter",
    "ResumeError", "RowsOf", "STDOUT", "TOTALS_COLUMNS", "TOTALS_WRITERS", "Tally", "TotalsCsvWriter", "TotalsParquetWriter", "WRITERS", "WithTotals",
    "Writer", "arrow_schema", "check_outputs", "check_totals", "columns", "figure_rows", "new_file", "open_writer", "outcome_id", "output_format", "table_value",
    "totals_arrow_schema", "totals_columns", "totals_format", "totals_rows", "unwritable", "write_atomically",
]  # fmt: skip

OUTPUT_FORMATS = ("jsonl", "csv", "parquet")
STDOUT = "-"
_INT_FIELDS = ("start", "end", "value", "low", "high", *INDEX_FIELDS, "sentence")
_BOOL_FIELDS = ("implicit",)
ERROR_COLUMNS = ("error_kind", "error_message", "error_where")
# The totals table: Total.to_dict() keys after the id and kept fields. "figures" and
# "cumulative_figures" are lists of figure indices (JSON text in CSV, list<int64> in Parquet).
TOTALS_COLUMNS = (
    ("type", "string"), ("value", "int64"), ("low", "int64"), ("high", "int64"), ("how", "string"), ("figures", "list<int64>"),
    ("cumulative", "int64"), ("cumulative_figures", "list<int64>"),
)  # fmt: skip
PARQUET_ROW_GROUP = 65_536
# What encoding a record a format cannot hold raises: json and csv a ValueError for an integer of
# more than 4,300 digits, pyarrow an OverflowError beyond int64 (its ArrowInvalid is a ValueError,
# its ArrowTypeError a TypeError), UTF-8 a UnicodeEncodeError (a ValueError).
_UNWRITABLE = (ValueError, TypeError, OverflowError)


class ResumeError(ValueError):
    """The output cannot be continued; the message says why and what to do."""


@dataclass
class Tally:
    """Records written so far, and the id of the last one (to check a resumed input against)."""

    records: int = 0
    ok: int = 0
    errors: int = 0
    figures: int = 0
    last_id: str | None = None

    def add(self, outcome: Outcome) -> None:
        self.records += 1
        if isinstance(outcome, Failure):
            self.errors += 1
            self.last_id = outcome.id
        else:
            self.ok += 1
            self.figures += len(outcome.figures)
            self.last_id = outcome.article.id


def _leading_columns(keep: Sequence[str], keep_text: bool) -> list[tuple[str, str]]:
    cols = [("id", "string"), *((k, "string") for k in keep)]
    if keep_text:
        cols.append(("article_text", "string"))
    return cols


def columns(keep: Sequence[str] = (), keep_text: bool = False) -> list[tuple[str, str]]:
    """``(name, type)`` of every column of the figures table, type "string", "int64" or "bool";
    kept fields are strings."""
    cols = [*_leading_columns(keep, keep_text), ("figure", "int64"), ("article_figures", "int64")]
    cols += [(f, "int64" if f in _INT_FIELDS else "bool" if f in _BOOL_FIELDS else "string") for f in FIELDS]
    cols += [(c, "string") for c in ERROR_COLUMNS]
    return cols


def totals_columns(keep: Sequence[str] = (), keep_text: bool = False) -> list[tuple[str, str]]:
    """``(name, type)`` of every column of the totals table; the index lists are "list<int64>"."""
    return [*_leading_columns(keep, keep_text), *TOTALS_COLUMNS, *((c, "string") for c in ERROR_COLUMNS)]


def _arrow_schema(cols: Sequence[tuple[str, str]]) -> Any:
    pa = require("pyarrow", "Parquet and DataFrames")
    types = {"string": pa.string(), "int64": pa.int64(), "bool": pa.bool_(), "list<int64>": pa.list_(pa.int64())}
    return pa.schema([pa.field(name, types[kind]) for name, kind in cols])


def arrow_schema(keep: Sequence[str] = (), keep_text: bool = False) -> Any:
    """The pyarrow schema of the Parquet output, of ``to_dataframe`` and of the Dask results."""
    return _arrow_schema(columns(keep, keep_text))


def totals_arrow_schema(keep: Sequence[str] = (), keep_text: bool = False) -> Any:
    """The pyarrow schema of a Parquet totals table."""
    return _arrow_schema(totals_columns(keep, keep_text))


def table_value(value: Any) -> str | None:
    """A kept field as a table cell: strings as they are, other JSON values as JSON text."""
    return value if value is None or isinstance(value, str) else dumps(value)


def _base_row(record: Mapping[str, Any], keep: Sequence[str], keep_text: bool) -> dict[str, Any]:
    base: dict[str, Any] = {"id": record["id"], **{k: table_value(record.get(k)) for k in keep}}
    if keep_text:
        base["article_text"] = record.get("text")
    return base


def _error_cells(record: Mapping[str, Any]) -> dict[str, Any]:
    error = record["error"]
    return {"error_kind": error["kind"], "error_message": error["message"], "error_where": error["where"]}


def figure_rows(record: Mapping[str, Any], keep: Sequence[str] = (), keep_text: bool = False) -> list[dict[str, Any]]:
    """The table rows of one output record: one per figure, one for an article without figures
    (``figure`` null, ``article_figures`` 0), or one for an error (``article_figures`` null too).

    Every article has a row, so the table alone tells how many articles held no figure."""
    base = _base_row(record, keep, keep_text)
    if "error" in record:
        return [{**base, "figure": None, "article_figures": None, **dict.fromkeys(FIELDS), **_error_cells(record)}]
    no_error = dict.fromkeys(ERROR_COLUMNS)
    figures = record["figures"]
    if not figures:
        return [{**base, "figure": None, "article_figures": 0, **dict.fromkeys(FIELDS), **no_error}]
    return [{**base, "figure": i, "article_figures": len(figures), **{f: fig[f] for f in FIELDS}, **no_error} for i, fig in enumerate(figures)]


def totals_rows(record: Mapping[str, Any], keep: Sequence[str] = (), keep_text: bool = False) -> list[dict[str, Any]]:
    """The totals-table rows of one output record: one per casualty type in its totals (in the
    record's order), or one for an error, none for an article without totals."""
    base = _base_row(record, keep, keep_text)
    names = [name for name, _ in TOTALS_COLUMNS]
    if "error" in record:
        return [{**base, **dict.fromkeys(names), **_error_cells(record)}]
    no_error = dict.fromkeys(ERROR_COLUMNS)
    return [{**base, **{name: total[name] for name in names}, **no_error} for total in record["totals"].values()]


RowsOf = Callable[[Mapping[str, Any], Sequence[str], bool], list[dict[str, Any]]]
ColumnsOf = Callable[[Sequence[str], bool], list[tuple[str, str]]]


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def write_atomically(path: str, data: bytes) -> None:
    """Replace ``path`` by ``data`` whole, synced, through a temporary file that is removed should
    the write fail (a full disk)."""
    tmp = f"{path}.tmp"
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.remove(tmp)
        raise


def new_file(path: str) -> None:
    """Start ``path`` as an empty file. A file with other hard links is unlinked first, so that the
    other names (an input among them, perhaps) keep their content."""
    with contextlib.suppress(FileNotFoundError):
        if os.stat(path).st_nlink > 1:
            os.unlink(path)
    with open(path, "wb"):
        pass


def outcome_id(outcome: Outcome) -> str:
    return outcome.id if isinstance(outcome, Failure) else outcome.article.id


def unwritable(outcome: Outcome, fmt: str, exc: BaseException) -> Failure:
    """The error record written in place of an outcome the ``fmt`` output cannot hold."""
    article = outcome.article if isinstance(outcome, Extracted) else outcome
    message = f"the {fmt} output cannot hold this record ({type(exc).__name__}: {exc}); please report it with the text"
    return Failure(outcome_id(outcome), "unwritable", message, article.where, article.kept)


class Writer:
    """Writes batches of outcomes. ``resumed`` is what an earlier run already wrote (zero if new).

    A subclass encodes a batch (``encode``, which raises on a record it cannot hold), joins encoded
    parts (``join``) and puts them in the output (``put``).
    """

    fmt = ""
    resumable = True  # whether an aborted output can be continued

    def __init__(self, path: str, keep: Sequence[str], keep_text: bool) -> None:
        self.path, self.keep, self.keep_text = path, tuple(keep), keep_text
        self.resumed = Tally()

    def start(self, resume: bool) -> None:
        """Create the output, or with ``resume`` read back what it holds into ``resumed``."""

    def write(self, outcomes: Sequence[Outcome]) -> list[Outcome]:
        """Write a batch; returns what was written: the outcomes, an error record in place of each
        one this format cannot hold."""
        written, encoded = self.encode_writable(outcomes)
        self.put(encoded, written)
        return written

    def encode_writable(self, outcomes: Sequence[Outcome]) -> tuple[list[Outcome], Any]:
        """``encode(outcomes)``; when some record cannot be encoded, each alone, an ``unwritable``
        error record (with null kept fields, if even those cannot be) in place of each that fails."""
        try:
            return list(outcomes), self.encode(outcomes)
        except _UNWRITABLE:
            pass
        written, parts = [], []
        for outcome in outcomes:
            try:
                parts.append(self.encode([outcome]))
            except _UNWRITABLE as exc:
                outcome = unwritable(outcome, self.fmt, exc)
                try:
                    parts.append(self.encode([outcome]))
                except _UNWRITABLE:
                    outcome = Failure(outcome.id, outcome.kind, outcome.message, outcome.where, dict.fromkeys(self.keep))
                    parts.append(self.encode([outcome]))
            written.append(outcome)
        return written, self.join(parts)

    def encode(self, outcomes: Sequence[Outcome]) -> Any:
        raise NotImplementedError

    def join(self, parts: list[Any]) -> Any:
        raise NotImplementedError

    def put(self, encoded: Any, written: Sequence[Outcome]) -> None:
        raise NotImplementedError

    def close(self) -> None:
        """The run finished: make the output final."""

    def abort(self) -> None:
        """The run stopped early: keep what can be resumed, remove what cannot."""
        self.close()


class _FileWriter(Writer):
    """A text output appended one synced batch at a time (JSONL, CSV); "-" is standard output."""

    fd = -1

    def _open_append(self) -> None:
        if self.path != STDOUT:
            self.fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)

    def join(self, parts: list[Any]) -> bytes:
        return b"".join(parts)

    def _append(self, data: bytes) -> None:
        if self.path == STDOUT:
            out = getattr(sys.stdout, "buffer", None)
            if out is None:  # a text-only stdout, as under pytest's capsys
                sys.stdout.write(data.decode("utf-8"))
                sys.stdout.flush()
            else:
                out.write(data)
                out.flush()
            return
        _write_all(self.fd, data)
        os.fsync(self.fd)

    def close(self) -> None:
        if self.fd >= 0 and self.path != STDOUT:
            os.close(self.fd)
        self.fd = -1


class JsonlWriter(_FileWriter):
    """One JSON line per outcome."""

    fmt = "JSONL"

    def encode(self, outcomes: Sequence[Outcome]) -> bytes:
        return "".join(dumps(output_record(o, self.keep_text)) + "\n" for o in outcomes).encode("utf-8")

    def put(self, encoded: bytes, written: Sequence[Outcome]) -> None:
        if encoded:
            self._append(encoded)

    def start(self, resume: bool) -> None:
        if resume and os.path.exists(self.path):
            self.resumed = self._read_back()
        elif self.path != STDOUT:
            new_file(self.path)
        self._open_append()

    def _read_back(self) -> Tally:
        """Cut a torn last line off, then count (and check) the complete lines."""
        _truncate_after_last_newline(self.path)
        tally = Tally()
        expected = ["id", *self.keep, *(["text"] if self.keep_text else []), "figures", "totals"]
        with open(self.path, "rb") as fh:
            for lineno, raw in enumerate(fh, 1):
                where = f"{self.path}:{lineno}"
                try:
                    record = json.loads(raw)
                except ValueError:
                    raise ResumeError(f"cannot resume: {where} is not a JSON line written by figextract extract; pass --force to start over") from None
                keys = list(record) if isinstance(record, dict) else []
                ok = keys == expected and isinstance(record["figures"], list) and isinstance(record["totals"], dict)
                err = keys == ["id", *self.keep, "error"]
                if keys == expected[:-1]:
                    raise ResumeError(f"cannot resume: {where} was written before each record held its 'totals'; pass --force to start over")
                if not (ok or err) or not isinstance(record.get("id"), str):
                    raise ResumeError(
                        f"cannot resume: {where} has the keys {keys}, but this run writes {expected} (or an 'error' in place of "
                        "'figures' and 'totals'); resume with the same --keep-fields and --keep-text, or pass --force to start over"
                    )
                tally.records += 1
                tally.ok += ok
                tally.errors += err
                tally.figures += len(record["figures"]) if ok else 0
                tally.last_id = record["id"]
        return tally


def _truncate_after_last_newline(path: str) -> None:
    """Cut everything after the last newline: the torn line a killed writer may leave."""
    with open(path, "r+b") as fh:
        end = fh.seek(0, os.SEEK_END)
        pos = end
        while pos > 0:
            step = min(1 << 16, pos)
            fh.seek(pos - step)
            block = fh.read(step)
            i = block.rfind(b"\n")
            if i >= 0:
                pos = pos - step + i + 1
                break
            pos -= step
        if pos != end:
            fh.truncate(pos)
            fh.flush()
            os.fsync(fh.fileno())


def _csv_cell(value: Any) -> Any:
    """A list of indices as compact JSON text ("[0,2]"); other values as the csv module writes them."""
    return json.dumps(value, separators=(",", ":")) if isinstance(value, list) else value


class CsvWriter(_FileWriter):
    """One row per figure (and per article without figures and per failed record) under a header row; a progress file beside it."""

    fmt = "CSV"
    table_columns: ColumnsOf = staticmethod(columns)
    table_rows: RowsOf = staticmethod(figure_rows)

    def __init__(self, path: str, keep: Sequence[str], keep_text: bool) -> None:
        super().__init__(path, keep, keep_text)
        self.names = [name for name, _ in self.table_columns(keep, keep_text)]
        self.progress_path = f"{path}.progress"
        self.tally = Tally()
        self.size = 0

    def _rows(self, rows: Iterable[Mapping[str, Any]]) -> bytes:
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerows([_csv_cell(row[name]) for name in self.names] for row in rows)
        return buf.getvalue().encode("utf-8")

    def start(self, resume: bool) -> None:
        header = self._rows([dict(zip(self.names, self.names))])
        # An empty file is a run killed before it wrote its header: nothing to continue, start it.
        if resume and os.path.exists(self.path) and os.path.getsize(self.path):
            self.tally = self.resumed = self._read_back(header)
        elif self.path != STDOUT:
            new_file(self.path)
        self._open_append()
        if not self.resumed.records and not self.size:
            self._append(header)
            self.size = len(header)
            self._save_progress()

    def _read_back(self, header: bytes) -> Tally:
        try:
            with open(self.progress_path, encoding="utf-8") as fh:
                saved = json.load(fh)
            size = saved.pop("bytes")
            tally = Tally(**saved)
        except FileNotFoundError:
            raise ResumeError(
                f"cannot resume {self.path}: there is no progress file {self.progress_path} beside it, so the run "
                "finished or the file was not written by figextract extract; pass --force to start over"
            ) from None
        except (ValueError, TypeError, KeyError) as exc:
            raise ResumeError(f"cannot resume: {self.progress_path} is damaged ({exc}); pass --force to start over") from None
        with open(self.path, "r+b") as fh:
            if fh.read(len(header)) != header:
                raise ResumeError(f"cannot resume: the columns of {self.path} differ from this run's; resume with the same --keep-fields and --keep-text, or pass --force")
            if fh.seek(0, os.SEEK_END) < size:
                raise ResumeError(f"cannot resume: {self.path} is shorter than {self.progress_path} says; pass --force to start over")
            fh.truncate(size)
            os.fsync(fh.fileno())
        self.size = size
        return tally

    def _save_progress(self) -> None:
        if self.path != STDOUT:
            write_atomically(self.progress_path, json.dumps({**asdict(self.tally), "bytes": self.size}).encode("utf-8"))

    def encode(self, outcomes: Sequence[Outcome]) -> bytes:
        return self._rows(row for o in outcomes for row in self.table_rows(output_record(o, self.keep_text), self.keep, self.keep_text))

    def put(self, encoded: bytes, written: Sequence[Outcome]) -> None:
        if not written:
            return
        self._append(encoded)
        self.size += len(encoded)
        for o in written:
            self.tally.add(o)
        # Saved after the rows are on disk: a kill in between redoes this batch, never skips it.
        self._save_progress()

    def close(self) -> None:
        super().close()
        if self.path != STDOUT and os.path.exists(self.progress_path):
            os.remove(self.progress_path)

    def abort(self) -> None:
        _FileWriter.close(self)


class ParquetWriter(Writer):
    """One row per figure (and per article without figures and per failed record) in row groups; renamed into place when complete."""

    fmt = "Parquet"
    resumable = False
    table_columns: ColumnsOf = staticmethod(columns)
    table_rows: RowsOf = staticmethod(figure_rows)

    def __init__(self, path: str, keep: Sequence[str], keep_text: bool) -> None:
        super().__init__(path, keep, keep_text)
        if path == STDOUT:
            raise ValueError("Parquet cannot be written to standard output; give a file name with -o")
        self.pa = require("pyarrow", "writing Parquet")
        pq = require("pyarrow.parquet", "writing Parquet")

        self.schema = _arrow_schema(self.table_columns(keep, keep_text))
        folder, name = os.path.split(os.path.abspath(path))
        self.partial = os.path.join(folder, f".{name}.partial")
        self.int64_columns = [name for name, kind in self.table_columns(keep, keep_text) if "int64" in kind]
        self.writer = pq.ParquetWriter(self.partial, self.schema)
        self.tables: list[Any] = []  # Arrow tables of the rows not yet in a row group
        self.rows = 0

    def encode(self, outcomes: Sequence[Outcome]) -> Any:
        rows = [row for o in outcomes for row in self.table_rows(output_record(o, self.keep_text), self.keep, self.keep_text)]
        try:
            return self.pa.Table.from_pylist(rows, schema=self.schema)
        except OverflowError:
            raise OverflowError(_beyond_int64(rows, self.int64_columns)) from None

    def join(self, parts: list[Any]) -> Any:
        return self.pa.concat_tables(parts) if parts else self.pa.Table.from_pylist([], schema=self.schema)

    def put(self, encoded: Any, written: Sequence[Outcome]) -> None:
        self.tables.append(encoded)
        self.rows += encoded.num_rows
        if self.rows >= PARQUET_ROW_GROUP:
            self._flush()

    def _flush(self) -> None:
        if self.rows:
            self.writer.write_table(self.pa.concat_tables(self.tables))
        self.tables, self.rows = [], 0

    def close(self) -> None:
        self._flush()
        self.writer.close()
        os.replace(self.partial, self.path)

    def abort(self) -> None:
        """Remove the partial file, also when closing it fails (a full disk: the error that stopped the
        run is the one to report) or it is gone already."""
        with contextlib.suppress(OSError):
            self.writer.close()
        with contextlib.suppress(FileNotFoundError):
            os.remove(self.partial)


def _beyond_int64(rows: Iterable[Mapping[str, Any]], names: Sequence[str]) -> str:
    """Which int64 column of ``rows`` holds a number out of its range, and the number."""
    for row in rows:
        for name in names:
            cell = row.get(name)
            for value in cell if isinstance(cell, list) else [cell]:
                if isinstance(value, int) and not -(2**63) <= value < 2**63:
                    return f"column {name!r} holds {value}, beyond the int64 range of Parquet"
    return "a number beyond the int64 range of Parquet"


class TotalsCsvWriter(CsvWriter):
    """The totals table as CSV: one row per article and casualty type (and per failed record)."""

    table_columns: ColumnsOf = staticmethod(totals_columns)
    table_rows: RowsOf = staticmethod(totals_rows)


class TotalsParquetWriter(ParquetWriter):
    """The totals table as Parquet: one row per article and casualty type (and per failed record)."""

    table_columns: ColumnsOf = staticmethod(totals_columns)
    table_rows: RowsOf = staticmethod(totals_rows)


class WithTotals(Writer):
    """The figures output and the totals table, written together one batch at a time.

    Each batch goes to the figures output, then to the totals table, so a run killed in between
    leaves the figures output a batch ahead. A resumed run starts after the last record of the file
    that holds fewer (``resumed``, ``path``); the file that is ahead passes over the outcomes it
    already holds, which are the same records, so both end byte for byte as an uninterrupted run's.
    """

    def __init__(self, figures: Writer, totals: Writer) -> None:
        self.parts = (figures, totals)
        self.resumable = all(w.resumable for w in self.parts)
        behind = min(self.parts, key=lambda w: w.resumed.records)
        super().__init__(behind.path, figures.keep, figures.keep_text)
        self.resumed = Tally(**vars(behind.resumed))
        self.ahead = [w.resumed.records - self.resumed.records for w in self.parts]
        for w, ahead in zip(self.parts, self.ahead):
            if not ahead and w.resumed.last_id != self.resumed.last_id:
                raise ResumeError(
                    f"cannot resume: {w.path} and {behind.path} both hold {self.resumed.records} records but end with ids "
                    f"{w.resumed.last_id!r} and {self.resumed.last_id!r}; they were written by different runs: pass --force to start over"
                )

    def write(self, outcomes: Sequence[Outcome]) -> list[Outcome]:
        """Each output writes the outcomes it does not hold yet, and each puts an error record in place
        of one it cannot hold; what the figures output holds is returned."""
        skip = [min(ahead, len(outcomes)) for ahead in self.ahead]
        for w, ahead, n in zip(self.parts, self.ahead, skip):
            # The last record an output that is ahead holds must be the one the input has there.
            if n and n == ahead and outcome_id(outcomes[n - 1]) != w.resumed.last_id:
                raise ResumeError(
                    f"cannot resume: record {w.resumed.records} of {w.path} has id {w.resumed.last_id!r} but input record "
                    f"{w.resumed.records} has id {outcome_id(outcomes[n - 1])!r}; the outputs were written by different runs: pass --force to start over"
                )
        written = []
        for i, (w, n) in enumerate(zip(self.parts, skip)):
            self.ahead[i] -= n
            written.append([*outcomes[:n], *w.write(outcomes[n:])])
        return written[0]

    def close(self) -> None:
        behind = [(w, ahead) for w, ahead in zip(self.parts, self.ahead) if ahead]
        if behind:
            self.abort()
            w, ahead = behind[0]
            raise ResumeError(f"cannot resume: {w.path} holds {w.resumed.records} records but the input has only {w.resumed.records - ahead}; was it written from other inputs?")
        for w in self.parts:
            w.close()

    def abort(self) -> None:
        for w in self.parts:
            w.abort()


WRITERS: dict[str, type[Writer]] = {"jsonl": JsonlWriter, "csv": CsvWriter, "parquet": ParquetWriter}
TOTALS_WRITERS: dict[str, type[Writer]] = {"csv": TotalsCsvWriter, "parquet": TotalsParquetWriter}


OUTPUT_SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".parquet": "parquet", ".pq": "parquet"}


def output_format(path: str, fmt: str | None) -> str:
    """``fmt``, or the format the output's suffix names (standard output: JSONL); any other name is refused,
    since writing JSONL into "out.tsv" or "out.json" would surprise."""
    if fmt is not None:
        if fmt not in OUTPUT_FORMATS:
            raise ValueError(f"--format: expected one of {', '.join(OUTPUT_FORMATS)}, instead got {fmt!r}")
        return fmt
    if path == STDOUT:
        return "jsonl"
    name = path.lower()
    if name.endswith(".gz"):
        raise ValueError(f"{path}: compressed output is not written (it could not be resumed); write -o - and pipe it through gzip")
    suffix = os.path.splitext(name)[1]
    if os.path.isdir(path):  # the reason to give, rather than the missing suffix
        raise ValueError(f"{path} is a directory; -o takes a file name")
    if suffix not in OUTPUT_SUFFIXES:
        raise ValueError(
            f"{path}: cannot tell the output format from the name; name it .jsonl, .csv or .parquet, or pass --format ({', '.join(OUTPUT_FORMATS)})"
        )
    return OUTPUT_SUFFIXES[suffix]


def totals_format(path: str) -> str:
    """The format of a totals table, by its name: .csv or .parquet (.pq)."""
    name = path.lower()
    if name.endswith(".csv"):
        return "csv"
    if name.endswith((".parquet", ".pq")):
        return "parquet"
    raise ValueError(f"--totals {path}: expected a file name ending in .csv or .parquet (the table's format comes from it)")


def check_totals(path: str, fmt: str, totals: str | None) -> str | None:
    """The format of the totals table ``totals`` beside the output ``path`` of format ``fmt`` (None: no table)."""
    if totals is None:
        return None
    if fmt == "jsonl":
        raise ValueError("--totals writes a table beside a CSV or Parquet output; a JSONL output already holds the totals, in each record's 'totals'")
    if totals == STDOUT:
        raise ValueError("--totals needs a file name, not standard output")
    totals_fmt = totals_format(totals)
    if path != STDOUT and os.path.abspath(totals) == os.path.abspath(path):
        raise ValueError(f"--totals {totals} is the output itself; give the totals table a name of its own")
    return totals_fmt


def _check_path(path: str, force: bool, resume: bool, flag: str) -> None:
    if path != STDOUT and os.path.isdir(path):
        raise ValueError(f"{path} is a directory; {flag} takes a file name")
    if path != STDOUT and os.path.exists(path) and not (force or resume):
        raise ValueError(f"{path} exists; pass --force to overwrite it or --resume to continue it")


def _check_resume(fmt: str, resume: bool) -> None:
    if fmt == "parquet" and resume:
        raise ResumeError(
            "--resume works with --format jsonl or csv: a Parquet file is readable only once it is complete, so a killed run "
            "cannot be continued. Write JSONL with --resume and convert it (figextract.to_dataframe), or split the input."
        )


def check_outputs(path: str, fmt: str, *, force: bool = False, resume: bool = False, totals: str | None = None) -> str | None:
    """What :func:`open_writer` refuses, checked without opening anything, so that a command can
    refuse an existing output before it loads a model; the totals table's format, if any."""
    if force and resume:
        raise ValueError("--force and --resume contradict each other: --force starts over, --resume continues")
    if path == STDOUT and resume:
        raise ValueError("--resume needs an output file, not standard output")
    totals_fmt = check_totals(path, fmt, totals)
    _check_resume(fmt, resume)
    _check_path(path, force, resume, "-o")
    if totals is not None and totals_fmt is not None:
        _check_resume(totals_fmt, resume)
        _check_path(totals, force, resume, "--totals")
    return totals_fmt


def open_writer(
    path: str, fmt: str, keep: Sequence[str] = (), keep_text: bool = False, *, force: bool = False, resume: bool = False, totals: str | None = None
) -> Writer:
    """A writer for ``path`` (and, with ``totals``, for a totals table beside a CSV or Parquet output,
    its format by its name); refuses to overwrite without ``force`` and to both force and resume."""
    totals_fmt = check_outputs(path, fmt, force=force, resume=resume, totals=totals)
    writer = WRITERS[fmt](path, keep, keep_text)
    writer.start(resume)
    if totals is None or totals_fmt is None:
        return writer
    opened = [writer]
    try:
        table = TOTALS_WRITERS[totals_fmt](totals, keep, keep_text)
        opened.append(table)
        table.start(resume)
        return WithTotals(writer, table)
    except BaseException:
        for w in opened:
            w.abort()
        raise
