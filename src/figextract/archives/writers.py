"""Output files: JSONL (one line per input record), CSV and Parquet (one row per figure).

Writes go out a whole batch at a time and are synced to disk, so a killed run leaves whole lines and
a point to resume from: JSONL counts its complete lines (a torn last line is cut off); CSV keeps a
small progress file beside the output, replaced atomically after each batch. Parquet is written under
a temporary name and renamed when complete: a Parquet file is readable only once its footer is
written, so a killed Parquet run cannot be continued.

The table columns are one fixed schema (``columns``): the article id and kept fields, then the
figure's index and fields, then the error of a record that failed (one row, figure columns null).
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

from .articles import Failure, Outcome, dumps, output_record
from .extras import require
from ..rules.records import FIELDS, INDEX_FIELDS

OUTPUT_FORMATS = ("jsonl", "csv", "parquet")
STDOUT = "-"
_INT_FIELDS = ("start", "end", "value", "low", "high", *INDEX_FIELDS, "sentence")
ERROR_COLUMNS = ("error_kind", "error_message", "error_where")
PARQUET_ROW_GROUP = 65_536


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


def columns(keep: Sequence[str] = (), keep_text: bool = False) -> list[tuple[str, str]]:
    """``(name, type)`` of every table column, type "string" or "int64"; kept fields are strings."""
    cols = [("id", "string"), *((k, "string") for k in keep)]
    if keep_text:
        cols.append(("article_text", "string"))
    cols.append(("figure", "int64"))
    cols += [(f, "int64" if f in _INT_FIELDS else "string") for f in FIELDS]
    cols += [(c, "string") for c in ERROR_COLUMNS]
    return cols


def arrow_schema(keep: Sequence[str] = (), keep_text: bool = False) -> Any:
    """The pyarrow schema of the Parquet output, of ``to_dataframe`` and of the Dask results."""
    pa = require("pyarrow", "Parquet and DataFrames")
    types = {"string": pa.string(), "int64": pa.int64()}
    return pa.schema([pa.field(name, types[kind]) for name, kind in columns(keep, keep_text)])


def table_value(value: Any) -> str | None:
    """A kept field as a table cell: strings as they are, other JSON values as JSON text."""
    return value if value is None or isinstance(value, str) else dumps(value)


def figure_rows(record: Mapping[str, Any], keep: Sequence[str] = (), keep_text: bool = False) -> list[dict[str, Any]]:
    """The table rows of one output record: one per figure, or one for an error, none for no figures."""
    base: dict[str, Any] = {"id": record["id"], **{k: table_value(record.get(k)) for k in keep}}
    if keep_text:
        base["article_text"] = record.get("text")
    if "error" in record:
        error = record["error"]
        return [{**base, "figure": None, **dict.fromkeys(FIELDS), "error_kind": error["kind"], "error_message": error["message"], "error_where": error["where"]}]
    no_error = dict.fromkeys(ERROR_COLUMNS)
    return [{**base, "figure": i, **{f: fig[f] for f in FIELDS}, **no_error} for i, fig in enumerate(record["figures"])]


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


class Writer:
    """Writes batches of outcomes. ``resumed`` is what an earlier run already wrote (zero if new)."""

    def __init__(self, path: str, keep: Sequence[str], keep_text: bool) -> None:
        self.path, self.keep, self.keep_text = path, tuple(keep), keep_text
        self.resumed = Tally()

    def start(self, resume: bool) -> None:
        """Create the output, or with ``resume`` read back what it holds into ``resumed``."""

    def write(self, outcomes: Sequence[Outcome]) -> None:
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

    def write(self, outcomes: Sequence[Outcome]) -> None:
        if outcomes:
            lines = "".join(dumps(output_record(o, self.keep_text)) + "\n" for o in outcomes)
            self._append(lines.encode("utf-8"))

    def start(self, resume: bool) -> None:
        if resume and os.path.exists(self.path):
            self.resumed = self._read_back()
        elif self.path != STDOUT:
            Path(self.path).write_bytes(b"")
        self._open_append()

    def _read_back(self) -> Tally:
        """Cut a torn last line off, then count (and check) the complete lines."""
        _truncate_after_last_newline(self.path)
        tally = Tally()
        expected = ["id", *self.keep, *(["text"] if self.keep_text else []), "figures"]
        with open(self.path, "rb") as fh:
            for lineno, raw in enumerate(fh, 1):
                where = f"{self.path}:{lineno}"
                try:
                    record = json.loads(raw)
                except ValueError:
                    raise ResumeError(f"cannot resume: {where} is not a JSON line written by figextract extract; pass --force to start over") from None
                keys = list(record) if isinstance(record, dict) else []
                ok = keys == expected and isinstance(record["figures"], list)
                err = keys == ["id", *self.keep, "error"]
                if not (ok or err) or not isinstance(record.get("id"), str):
                    raise ResumeError(
                        f"cannot resume: {where} has the keys {keys}, but this run writes {expected} (or an 'error' in place of "
                        "'figures'); resume with the same --keep-fields and --keep-text, or pass --force to start over"
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


class CsvWriter(_FileWriter):
    """One row per figure (and per failed record) under a header row; a progress file beside it."""

    def __init__(self, path: str, keep: Sequence[str], keep_text: bool) -> None:
        super().__init__(path, keep, keep_text)
        self.names = [name for name, _ in columns(keep, keep_text)]
        self.progress_path = f"{path}.progress"
        self.tally = Tally()
        self.size = 0

    def _rows(self, rows: Iterable[Mapping[str, Any]]) -> bytes:
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerows([row[name] for name in self.names] for row in rows)
        return buf.getvalue().encode("utf-8")

    def start(self, resume: bool) -> None:
        header = self._rows([dict(zip(self.names, self.names))])
        # An empty file is a run killed before it wrote its header: nothing to continue, start it.
        if resume and os.path.exists(self.path) and os.path.getsize(self.path):
            self.tally = self.resumed = self._read_back(header)
        elif self.path != STDOUT:
            Path(self.path).write_bytes(b"")
        self._open_append()
        if not self.resumed.records and not self.size:
            self._append(header)
            self.size = len(header)
            self._save_progress()

    def _read_back(self, header: bytes) -> Tally:
        try:
            saved = json.loads(Path(self.progress_path).read_text(encoding="utf-8"))
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
        if self.path == STDOUT:
            return
        tmp = f"{self.progress_path}.tmp"
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump({**asdict(self.tally), "bytes": self.size}, fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, self.progress_path)

    def write(self, outcomes: Sequence[Outcome]) -> None:
        if not outcomes:
            return
        data = self._rows(row for o in outcomes for row in figure_rows(output_record(o, self.keep_text), self.keep, self.keep_text))
        self._append(data)
        self.size += len(data)
        for o in outcomes:
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
    """One row per figure (and per failed record) in row groups; renamed into place when complete."""

    def __init__(self, path: str, keep: Sequence[str], keep_text: bool) -> None:
        super().__init__(path, keep, keep_text)
        if path == STDOUT:
            raise ValueError("Parquet cannot be written to standard output; give a file name with -o")
        self.pa = require("pyarrow", "writing Parquet")
        pq = require("pyarrow.parquet", "writing Parquet")

        self.schema = arrow_schema(keep, keep_text)
        folder, name = os.path.split(os.path.abspath(path))
        self.partial = os.path.join(folder, f".{name}.partial")
        self.writer = pq.ParquetWriter(self.partial, self.schema)
        self.rows: list[dict[str, Any]] = []

    def write(self, outcomes: Sequence[Outcome]) -> None:
        self.rows += (row for o in outcomes for row in figure_rows(output_record(o, self.keep_text), self.keep, self.keep_text))
        if len(self.rows) >= PARQUET_ROW_GROUP:
            self._flush()

    def _flush(self) -> None:
        if self.rows:
            self.writer.write_table(self.pa.Table.from_pylist(self.rows, schema=self.schema))
            self.rows = []

    def close(self) -> None:
        self._flush()
        self.writer.close()
        os.replace(self.partial, self.path)

    def abort(self) -> None:
        self.writer.close()
        os.remove(self.partial)


WRITERS: dict[str, type[Writer]] = {"jsonl": JsonlWriter, "csv": CsvWriter, "parquet": ParquetWriter}


def output_format(path: str, fmt: str | None) -> str:
    """``fmt``, or the format the output's name implies (.csv, .parquet; otherwise JSONL)."""
    if fmt is not None:
        if fmt not in OUTPUT_FORMATS:
            raise ValueError(f"--format: expected one of {', '.join(OUTPUT_FORMATS)}, instead got {fmt!r}")
        return fmt
    name = path.lower()
    if name.endswith(".gz"):
        raise ValueError(f"{path}: compressed output is not written (it could not be resumed); write -o - and pipe it through gzip")
    return "csv" if name.endswith(".csv") else "parquet" if name.endswith((".parquet", ".pq")) else "jsonl"


def open_writer(path: str, fmt: str, keep: Sequence[str] = (), keep_text: bool = False, *, force: bool = False, resume: bool = False) -> Writer:
    """A writer for ``path``; refuses to overwrite without ``force`` and to both force and resume."""
    if force and resume:
        raise ValueError("--force and --resume contradict each other: --force starts over, --resume continues")
    if path == STDOUT and resume:
        raise ValueError("--resume needs an output file, not standard output")
    if fmt == "parquet" and resume:
        raise ResumeError(
            "--resume works with --format jsonl or csv: a Parquet file is readable only once it is complete, so a killed run "
            "cannot be continued. Write JSONL with --resume and convert it (figextract.to_dataframe), or split the input."
        )
    if path != STDOUT and os.path.isdir(path):
        raise ValueError(f"{path} is a directory; -o takes a file name")
    if path != STDOUT and os.path.exists(path) and not (force or resume):
        raise ValueError(f"{path} exists; pass --force to overwrite it or --resume to continue it")
    writer = WRITERS[fmt](path, keep, keep_text)
    writer.start(resume)
    return writer

