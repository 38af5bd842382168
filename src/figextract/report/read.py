"""Reading back what ``figextract extract`` wrote, one article at a time, in any of its formats.

JSONL has one line per article. CSV and Parquet have one row per figure, one per article without
figures (``figure`` null, ``article_figures`` 0) and one per failed record (``error_kind`` set); the
rows of one article follow each other, ``figure`` counting 0, 1, 2… So an article is put back
together from its rows in one pass, and ``article_figures`` checks that none is missing. Files are
read in chunks (CSV by the ``csv`` module, Parquet by record batches), so memory does not grow with
the file.

Only the fields the report uses are read and checked; a file that lacks one, or that was written by
an older figextract, is refused with a message saying so (``ReportInputError``).
"""

from __future__ import annotations

import csv
import json
import os
import sys
from dataclasses import dataclass
from typing import Any, Iterator, Mapping, Sequence

from ..archives.articles import OUTPUT_KEYS
from ..archives.extras import require
from ..archives.writers import OUTPUT_SUFFIXES

__all__ = [
    "ARTICLE_COLUMNS", "ArticleResult", "ERROR_COLUMNS", "FIGURE_FIELDS", "FiguresFile", "PARQUET_BATCH", "RERUN", "ReportInputError", "TOTAL_FIELDS",
    "TotalRow", "file_format", "iter_totals_table", "open_figures",
]  # fmt: skip

# The figure fields the report reads; every figextract since issue 10 writes them all.
FIGURE_FIELDS = (
    "text", "start", "end", "value", "qualifier", "type", "category", "group", "source", "source_kind", "part_of", "same_as",
    "superseded_by", "scope",
)  # fmt: skip
_INT_FIELDS = frozenset({"start", "end", "value", "part_of", "same_as", "superseded_by"})
ERROR_COLUMNS = ("error_kind", "error_message", "error_where")
ARTICLE_COLUMNS = ("figure", "article_figures")
TOTAL_FIELDS = ("type", "value", "how")
PARQUET_BATCH = 8_192
RERUN = "write it again with figextract extract"


class ReportInputError(ValueError):
    """The file cannot be reported on; the message names the file, where and why."""


@dataclass(frozen=True)
class ArticleResult:
    """One input record as the output holds it: its figures (and totals), or its error."""

    id: str
    where: str  # file and line (JSONL) or row (tables) where it starts
    kept: Mapping[str, Any]
    text: str | None  # the article text, when extract kept it (--keep-text)
    figures: Sequence[Mapping[str, Any]]
    totals: Mapping[str, Mapping[str, Any]] | None  # None: the file holds no totals
    error: Mapping[str, Any] | None


@dataclass(frozen=True)
class TotalRow:
    """One row of a totals table (``extract --totals``): an article's total of one type, or its error."""

    id: str
    kept: Mapping[str, Any]
    type: str | None
    value: int | None
    how: str | None
    error_kind: str | None


@dataclass(frozen=True)
class FiguresFile:
    """An output of ``figextract extract``, checked: its format, kept fields and what it holds."""

    path: str
    format: str  # jsonl, csv or parquet
    keep: tuple[str, ...]
    has_text: bool
    has_totals: bool  # JSONL records carry their article totals

    def articles(self) -> Iterator[ArticleResult]:
        """Every article, in file order."""
        if self.format == "jsonl":
            return _jsonl_articles(self)
        if self.format == "csv":
            return _articles_from_rows(self, _csv_rows(self.path))
        wanted = ["id", *self.keep, *(["article_text"] if self.has_text else []), *ARTICLE_COLUMNS, *FIGURE_FIELDS, *ERROR_COLUMNS]
        return _articles_from_rows(self, _parquet_rows(self.path, wanted))


def file_format(path: str) -> str:
    """jsonl, csv or parquet, by the name's suffix, as ``extract`` chose the format of what it wrote."""
    fmt = OUTPUT_SUFFIXES.get(os.path.splitext(path)[1].lower())
    if fmt is None:
        names = ", ".join(OUTPUT_SUFFIXES)
        raise ReportInputError(f"{path}: cannot tell the format from the name: expected an output of figextract extract, named {names}")
    return fmt


def open_figures(path: str) -> FiguresFile:
    """``path`` checked as an output of ``figextract extract``: exists, is not empty, has the fields."""
    if os.path.isdir(path):
        raise ReportInputError(f"{path} is a directory; give the file figextract extract wrote")
    if not os.path.exists(path):  # said as extract says it, not with an errno
        raise OSError(f"{path}: no such file or directory")
    with open(path, "rb") as fh:  # OSError (unreadable) goes up as it is
        if not fh.read(1):
            raise ReportInputError(f"{path} is empty: it holds no records (was figextract extract stopped before its first batch?)")
    fmt = file_format(path)
    if fmt == "jsonl":
        return _open_jsonl(path)
    names = _csv_header(path) if fmt == "csv" else _parquet_names(path)
    keep, has_text = _check_columns(path, names, fmt)
    return FiguresFile(path, fmt, keep, has_text, has_totals=False)


# --- JSONL ----------------------------------------------------------------------------------------


def _open_jsonl(path: str) -> FiguresFile:
    """Kept fields and whether records hold text and totals, from the first record with figures."""
    first: dict[str, Any] | None = None
    for lineno, record in _jsonl_records(path):
        if first is None:
            first = record
        if "figures" in record:
            first = record
            break
    if first is None:
        raise ReportInputError(f"{path} holds no records, only blank lines")
    keep = tuple(k for k in first if k not in OUTPUT_KEYS)
    return FiguresFile(path, "jsonl", keep, "text" in first, "totals" in first)


def _jsonl_records(path: str) -> Iterator[tuple[int, dict[str, Any]]]:
    with open(path, encoding="utf-8") as fh:
        try:
            for lineno, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except ValueError as exc:
                    raise ReportInputError(f"{path}:{lineno}: not valid JSON ({exc}); is this a file figextract extract wrote?") from None
                if not isinstance(record, dict) or not isinstance(record.get("id"), str) or ("figures" in record) == ("error" in record):
                    raise ReportInputError(
                        f"{path}:{lineno}: expected a record figextract extract writes, {{\"id\", ..., \"figures\": [...]}} or "
                        f"{{\"id\", ..., \"error\": {{...}}}}, instead got keys {list(record)[:12] if isinstance(record, dict) else type(record).__name__}"
                    )
                yield lineno, record
        except UnicodeDecodeError as exc:
            raise ReportInputError(f"{path}: not UTF-8 text (byte {exc.start} of a line); is this a file figextract extract wrote?") from None


def _jsonl_articles(file: FiguresFile) -> Iterator[ArticleResult]:
    for lineno, record in _jsonl_records(file.path):
        where = f"{file.path}:{lineno}"
        kept = {k: record.get(k) for k in file.keep}
        text = record.get("text") if file.has_text else None
        if "error" in record:
            error = record["error"]
            if not isinstance(error, dict) or not isinstance(error.get("kind"), str):
                raise ReportInputError(f"{where}: 'error' should be {{\"kind\", \"message\", \"where\"}}, instead got {error!r:.80}")
            yield ArticleResult(record["id"], where, kept, text, (), None, error)
            continue
        figures = record["figures"]
        if not isinstance(figures, list):
            raise ReportInputError(f"{where}: 'figures' should be a list, instead got {type(figures).__name__}")
        for i, fig in enumerate(figures):
            _check_figure(fig, f"{where}: figure {i}")
        totals = record.get("totals")
        if file.has_totals != (totals is not None):
            has = "has no 'totals' although the first record has" if file.has_totals else "has 'totals' although the first record has none"
            raise ReportInputError(f"{where}: the record {has}: does the file mix the output of two figextract versions? {RERUN}")
        if totals is not None and not isinstance(totals, dict):
            raise ReportInputError(f"{where}: 'totals' should be an object {{type: total}}, instead got {type(totals).__name__}")
        yield ArticleResult(record["id"], where, kept, text, figures, totals, None)


def _check_figure(fig: Any, where: str) -> None:
    if not isinstance(fig, dict):
        raise ReportInputError(f"{where}: expected an object, instead got {type(fig).__name__}")
    missing = [f for f in FIGURE_FIELDS if f not in fig]
    if missing:
        raise ReportInputError(f"{where} has no {', '.join(map(repr, missing))}: the file was written by an older figextract; {RERUN}")
    for name in ("value", "start", "end"):
        if not isinstance(fig[name], int) or isinstance(fig[name], bool):
            raise ReportInputError(f"{where}: {name!r} should be an integer, instead got {fig[name]!r:.40}")


# --- CSV and Parquet ------------------------------------------------------------------------------


def _check_columns(path: str, names: Sequence[str], fmt: str) -> tuple[tuple[str, ...], bool]:
    """The kept fields (the columns between ``id`` and the figure's), and whether the text is kept."""
    have = set(names)
    if "figure" not in have and {"how", "type", "value"} <= have:
        raise ReportInputError(f"{path} is a totals table (extract --totals); report on the figures table and pass this one with --totals")
    missing = [c for c in ("id", *ARTICLE_COLUMNS, *FIGURE_FIELDS, *ERROR_COLUMNS) if c not in have]
    if missing == ["article_figures"]:
        raise ReportInputError(
            f"{path} was written by an older figextract: it has no column 'article_figures', so articles without figures "
            f"are not in it and cannot be counted; {RERUN}"
        )
    if missing:
        what = "was written by an older figextract" if "figure" in have and "id" in have else "is not a figures table written by figextract extract"
        raise ReportInputError(f"{path} {what}: it lacks the column(s) {', '.join(missing)}; {RERUN}")
    end = names.index("figure")
    keep = [n for n in names[names.index("id") + 1 : end] if n != "article_text"]
    return tuple(keep), "article_text" in have


def _csv_header(path: str) -> list[str]:
    with open(path, encoding="utf-8", newline="") as fh:
        try:
            return next(csv.reader(fh))
        except UnicodeDecodeError as exc:
            raise ReportInputError(f"{path}: not UTF-8 text (byte {exc.start}); is this a CSV figextract extract wrote?") from None
        except csv.Error as exc:
            raise ReportInputError(f"{path}: line 1 is no CSV header ({exc})") from None


def _csv_rows(path: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """Each row as ``(where, {column: value})``, the columns the report reads converted from text."""
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # a kept article text is one cell
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        try:
            header = next(reader)
            for row in reader:
                where = f"{path}:{reader.line_num}"
                if len(row) != len(header):
                    raise ReportInputError(f"{where}: {len(row)} cells under a header of {len(header)}; the file is cut short or was edited")
                yield where, {name: _csv_value(name, cell, where) for name, cell in zip(header, row)}
        except UnicodeDecodeError as exc:
            raise ReportInputError(f"{path}: not UTF-8 text (byte {exc.start}); is this a CSV figextract extract wrote?") from None
        except csv.Error as exc:
            raise ReportInputError(f"{path}:{reader.line_num}: {exc}") from None


def _csv_value(name: str, cell: str, where: str) -> Any:
    if cell == "":
        return None  # the CSV writer writes null as an empty cell
    if name in _INT_FIELDS or name in ARTICLE_COLUMNS:
        try:
            return int(cell)
        except ValueError:
            raise ReportInputError(f"{where}: column {name!r} should hold an integer, instead got {cell[:40]!r}") from None
    return cell


def _parquet_file(path: str) -> Any:
    pq = require("pyarrow.parquet", "Reading Parquet")
    try:
        # Not pre-buffered: pyarrow would otherwise keep every row group it has read, and memory
        # would grow with the file (323 MB at 10^4 figures, 501 MB at 10^6 in benchmarks/report.py).
        return pq.ParquetFile(path, pre_buffer=False, buffer_size=1 << 20)
    except Exception as exc:  # noqa: BLE001 - pyarrow raises several kinds for a file that is no Parquet
        raise ReportInputError(f"{path}: not a Parquet file ({exc})") from None


def _parquet_names(path: str) -> list[str]:
    names: list[str] = _parquet_file(path).schema_arrow.names
    return names


def _parquet_rows(path: str, columns: list[str] | None = None) -> Iterator[tuple[str, dict[str, Any]]]:
    """Each row as ``(where, {column: value})`` (only ``columns``, if given), a record batch at a time."""
    pf = _parquet_file(path)
    row = 0
    try:
        for batch in pf.iter_batches(batch_size=PARQUET_BATCH, columns=columns):
            for values in batch.to_pylist():
                row += 1
                yield f"{path}: row {row}", values
    except Exception as exc:  # noqa: BLE001 - a damaged file or a column of the wrong type
        if isinstance(exc, ReportInputError):
            raise
        raise ReportInputError(f"{path}: cannot read row {row + 1} and on ({exc})") from None


def _articles_from_rows(file: FiguresFile, rows: Iterator[tuple[str, dict[str, Any]]]) -> Iterator[ArticleResult]:
    """Put each article back together from its consecutive rows (see the module docstring)."""
    current: _Pending | None = None
    for where, row in rows:
        figure = row["figure"]
        if figure is None or figure == 0:
            if current is not None:
                yield current.done()
                current = None
        if figure is None:
            yield _single_row_article(file, where, row)
            continue
        if not isinstance(figure, int) or isinstance(figure, bool):
            raise ReportInputError(f"{where}: column 'figure' should hold an integer, instead got {figure!r:.40}")
        if figure == 0:
            current = _Pending(file, where, row)
        elif current is None or figure != len(current.figures) or row["id"] != current.first["id"]:
            raise ReportInputError(
                f"{where}: figure {figure} of article {row['id']!r} does not follow figure {figure - 1} of the same article; "
                "the rows are out of order or some are missing"
            )
        current.add(row, where)
    if current is not None:
        yield current.done()


class _Pending:
    """The rows of one article read so far."""

    def __init__(self, file: FiguresFile, where: str, first: dict[str, Any]) -> None:
        self.file, self.where, self.first = file, where, first
        self.figures: list[dict[str, Any]] = []

    def add(self, row: dict[str, Any], where: str) -> None:
        value = row["value"]
        if not isinstance(value, int) or isinstance(value, bool):
            raise ReportInputError(f"{where}: column 'value' should hold an integer, instead got {value!r:.40}")
        self.figures.append({name: row[name] for name in FIGURE_FIELDS})

    def done(self) -> ArticleResult:
        stated = self.first["article_figures"]
        if stated != len(self.figures):
            raise ReportInputError(
                f"{self.where}: article {self.first['id']!r} has {len(self.figures)} figure rows but 'article_figures' says {stated}; "
                "the file is cut short or was edited"
            )
        return _result(self.file, self.where, self.first, self.figures, None)


def _single_row_article(file: FiguresFile, where: str, row: dict[str, Any]) -> ArticleResult:
    """An article without figures (``article_figures`` 0) or a failed record (``error_kind`` set)."""
    if row["error_kind"] is not None:
        error = {"kind": row["error_kind"], "message": row["error_message"], "where": row["error_where"]}
        return _result(file, where, row, [], error)
    if row["article_figures"] != 0:
        raise ReportInputError(f"{where}: a row with no figure and no error should have 'article_figures' 0, instead got {row['article_figures']!r}")
    return _result(file, where, row, [], None)


def _result(file: FiguresFile, where: str, row: dict[str, Any], figures: list[dict[str, Any]], error: dict[str, Any] | None) -> ArticleResult:
    if not isinstance(row["id"], str):
        raise ReportInputError(f"{where}: column 'id' should hold a string, instead got {row['id']!r:.40}")
    kept = {k: row[k] for k in file.keep}
    return ArticleResult(row["id"], where, kept, row.get("article_text"), figures, None, error)


# --- totals tables --------------------------------------------------------------------------------


def iter_totals_table(path: str) -> tuple[tuple[str, ...], Iterator[TotalRow]]:
    """The kept fields of a totals table (``extract --totals``) and its rows, checked like a figures table."""
    if os.path.isdir(path):
        raise ReportInputError(f"--totals {path} is a directory; give the totals table figextract extract wrote")
    with open(path, "rb") as fh:
        if not fh.read(1):
            raise ReportInputError(f"--totals {path} is empty: it holds no rows")
    fmt = file_format(path)
    if fmt == "jsonl":
        raise ReportInputError(f"--totals {path}: expected the CSV or Parquet totals table of extract --totals (a JSONL output holds its totals)")
    names = _csv_header(path) if fmt == "csv" else _parquet_names(path)
    if "figure" in names:
        raise ReportInputError(f"--totals {path} is a figures table; expected the totals table of extract --totals")
    missing = [c for c in ("id", *TOTAL_FIELDS, *ERROR_COLUMNS) if c not in names]
    if missing:
        raise ReportInputError(f"--totals {path} lacks the column(s) {', '.join(missing)} of a totals table; {RERUN}")
    keep = tuple(n for n in names[names.index("id") + 1 : names.index("type")] if n != "article_text")
    rows = _csv_rows(path) if fmt == "csv" else _parquet_rows(path)
    return keep, _total_rows(rows, keep)


def _total_rows(rows: Iterator[tuple[str, dict[str, Any]]], keep: tuple[str, ...]) -> Iterator[TotalRow]:
    for where, row in rows:
        value = row["value"]
        if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
            raise ReportInputError(f"{where}: column 'value' should hold an integer, instead got {value!r:.40}")
        yield TotalRow(row["id"], {k: row[k] for k in keep}, row["type"], value, row["how"], row["error_kind"])

