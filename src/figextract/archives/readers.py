"""One stream generator per input format. Each yields, in a fixed order, one ``Article`` or one
``Failure`` per record: a bad record, a bad member or a damaged file becomes a ``Failure`` naming the
file, the line (or row or member) and the reason, and the stream goes on.

Formats: JSONL (gzip-compressed or not; "-" is standard input), CSV (likewise), Parquet, a single
.txt or .html file, and a directory, .zip or .tar(.gz) of .txt/.html files (HTML reduced to text).
Only failing to open an input at all raises, as an ``OSError``: that is a failure of the run.

Memory stays bounded whatever an input holds: a text longer than ``ReadOptions.max_chars`` becomes a
``too_large`` failure, and files, members, JSONL lines and CSV rows are read only up to a bound
proportional to it.
"""

from __future__ import annotations

import bz2
import contextlib
import csv
import gzip
import hashlib
import io
import json
import lzma
import os
import re
import sys
import tarfile
import zipfile
import zlib
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import IO, Any, Callable, Iterable, Iterator, Sequence

from .articles import Article, Failure, FieldSpec, Item, article_from_record, empty_kept, failure
from .csvrows import CsvRow, CsvRows
from .extras import require
from .folders import walk
from .htmltext import html_to_text

__all__ = [
    "DEFAULT_MAX_CHARS", "FORMATS", "Meter", "READERS", "ReadOptions", "STDIN", "TEXT_SUFFIXES", "check_inputs", "detect_format", "file_item",
    "input_fingerprint", "input_size", "iter_csv", "iter_directory", "iter_inputs", "iter_jsonl", "iter_parquet", "iter_tar", "iter_text_file",
    "iter_zip", "read_capped", "too_large",
]  # fmt: skip

STDIN = "-"
FORMATS = ("jsonl", "csv", "parquet", "txt", "html", "dir", "zip", "tar")
TEXT_SUFFIXES = {".txt": "txt", ".text": "txt", ".html": "html", ".htm": "html", ".xhtml": "html"}
_SUFFIXES = {
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".jsonl.gz": "jsonl", ".ndjson.gz": "jsonl", ".csv": "csv", ".csv.gz": "csv",
    ".parquet": "parquet", ".pq": "parquet", ".zip": "zip", ".tar": "tar", ".tar.gz": "tar", ".tgz": "tar",
    ".tar.bz2": "tar", ".tar.xz": "tar", **TEXT_SUFFIXES,
}  # fmt: skip
# What a damaged file raises while it is read (a truncated gzip: EOFError; bad deflate data: zlib.error).
_DAMAGED = (OSError, EOFError, zlib.error, lzma.LZMAError)
_DAMAGED_ZIP = (*_DAMAGED, zipfile.BadZipFile, NotImplementedError, RuntimeError)  # unknown method; encrypted
_DAMAGED_TAR = (*_DAMAGED, tarfile.TarError)
_DAMAGED_PARQUET = (OSError, ValueError)  # pyarrow's ArrowIOError and ArrowInvalid
_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")
# Spaces between paragraphs aside, the longest news articles run to about 100,000 characters. Two
# million is twenty times that, and twice spaCy's max_length (a longer text is cut and still read
# whole), while one article of that size stays within a few tens of MB in every stage.
DEFAULT_MAX_CHARS = 2_000_000
_CONTINUATION_BYTES = bytes(range(0x80, 0xC0))  # every UTF-8 character has exactly one byte outside this range
_CHUNK = 1 << 16
_GZIP, _BZIP2, _XZ = b"\x1f\x8b", b"BZh", b"\xfd7zXZ\x00"


@dataclass(frozen=True)
class ReadOptions:
    """How inputs are read: the longest text of one article, and whether a folder's symbolic links
    that lead outside it are followed."""

    max_chars: int = DEFAULT_MAX_CHARS
    follow_symlinks: bool = False

    def __post_init__(self) -> None:
        if not isinstance(self.max_chars, int) or isinstance(self.max_chars, bool) or self.max_chars < 1:
            raise ValueError(f"--max-chars: expected a positive integer, instead got {self.max_chars!r}")

    def jsonl_line_bytes(self) -> int:
        """The longest JSONL line read: twelve bytes per character of text (an escaped surrogate pair,
        the most a JSON string spends on one) and 1 MiB for the other fields."""
        return 12 * self.max_chars + (1 << 20)

    def csv_row_chars(self) -> int:
        """The longest CSV row read: two characters per character of text (a doubled quote) and 1 MiB."""
        return 2 * self.max_chars + (1 << 20)


@dataclass
class Meter:
    """How far the readers are through the inputs, in bytes, for a progress bar's estimate."""

    total: int | None = None  # None when an input has no known size (standard input)
    done: int = 0  # bytes of the inputs already finished
    position: int = 0  # bytes into the current input

    def fraction(self) -> float | None:
        if not self.total:
            return None
        return min(1.0, (self.done + self.position) / self.total)


class _Counted(io.RawIOBase):
    """A binary file that tells a ``Meter`` how far it has been read."""

    def __init__(self, raw: IO[bytes], meter: Meter) -> None:
        self.raw, self.meter = raw, meter

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self.raw.read(len(buffer))
        buffer[: len(data)] = data
        self.meter.position += len(data)
        return len(data)


def detect_format(path: str) -> str:
    """The input format of ``path`` by what it is (directory, "-") or by its name."""
    if path == STDIN:
        return "jsonl"
    if os.path.isdir(path):
        return "dir"
    name = path.lower()
    for suffix in sorted(_SUFFIXES, key=len, reverse=True):
        if name.endswith(suffix):
            return _SUFFIXES[suffix]
    raise ValueError(f"{path}: cannot tell the input format from the name; pass --input-format ({'|'.join(FORMATS)})")


def check_inputs(paths: Sequence[str], input_format: str | None = None, output: str | None = None) -> list[tuple[str, str]]:
    """``(path, format)`` for each input, after checking that each exists and is not, nor holds, the
    ``output`` file; raises before any reading."""
    if not paths:
        raise ValueError("no input given")
    if input_format is not None and input_format not in FORMATS:
        raise ValueError(f"--input-format: expected one of {', '.join(FORMATS)}, instead got {input_format!r}")
    if list(paths).count(STDIN) > 1:
        raise ValueError("standard input ('-') can be read only once")
    out = []
    for path in paths:
        if path != STDIN and not os.path.exists(path):
            raise FileNotFoundError(f"{path}: no such file or directory")
        fmt = input_format or detect_format(path)
        if path == STDIN and fmt != "jsonl":
            raise ValueError(f"standard input is read as JSONL, not {fmt}")
        if (fmt == "dir") != os.path.isdir(path):
            raise ValueError(f"{path}: {'is a directory' if fmt != 'dir' else 'is not a directory'}; check --input-format")
        if output is not None and output != "-" and path != STDIN:  # "-" as output is standard output
            clash = _overwrites(output, path)
            if clash:
                raise ValueError(f"the output {output} {clash} the input {path}; write it elsewhere")
        out.append((path, fmt))
    return out


def _overwrites(output: str, source: str) -> str | None:
    """ "is" or "is inside" when writing ``output`` would write over the input ``source``, else None.

    Compared by device and inode too, so that a hard link, a symbolic link or a second mount of the
    input is caught as the same file.
    """
    target = Path(output).resolve()
    if target == Path(source).resolve() or (os.path.exists(output) and os.path.samefile(output, source)):
        return "is"
    if os.path.isdir(source) and any(parent.exists() and os.path.samefile(parent, source) for parent in target.parents):
        return "is inside"
    return None


def input_size(path: str, fmt: str, options: ReadOptions | None = None) -> int | None:
    """Bytes a reader will go through: a file's size, a directory's files' sizes; None for stdin."""
    if path == STDIN:
        return None
    if fmt == "dir":
        return sum(size for _, size in _folder_files(path, options or ReadOptions()))
    return os.path.getsize(path)


def _folder_files(path: str, options: ReadOptions) -> Iterator[tuple[str, int]]:
    """The path relative to ``path`` and the size of each regular file a folder's reader reads."""
    for entry in walk(Path(path), options.follow_symlinks):
        with contextlib.suppress(OSError):  # gone or unreadable: its reader reports it
            if entry.problem is None and entry.path.is_file():
                yield entry.path.relative_to(path).as_posix(), entry.path.stat().st_size


def input_fingerprint(path: str, fmt: str, options: ReadOptions | None = None) -> dict[str, Any]:
    """What identifies an input cheaply, to tell a resumed run's input from another: its format, size
    and a hash of its first MiB; for a folder, a hash of its files' paths and sizes. Standard input
    has no fingerprint (only the ids a resume checks)."""
    if path == STDIN:
        return {"format": fmt, "path": STDIN}
    digest = hashlib.sha256()
    if fmt == "dir":
        files = total = 0
        for name, size in _folder_files(path, options or ReadOptions()):
            files, total = files + 1, total + size
            digest.update(f"{name}\0{size}\n".encode("utf-8", "surrogateescape"))
        return {"format": fmt, "files": files, "bytes": total, "listing_sha256": digest.hexdigest()}
    with open(path, "rb") as fh:
        digest.update(fh.read(1 << 20))
    return {"format": fmt, "bytes": os.path.getsize(path), "head_sha256": digest.hexdigest()}


def iter_inputs(inputs: Sequence[tuple[str, str]], spec: FieldSpec, meter: Meter | None = None, options: ReadOptions | None = None) -> Iterator[Item]:
    """Every record of every input, in order; an article longer than ``options.max_chars`` is a
    ``too_large`` failure."""
    meter = meter or Meter()
    options = options or ReadOptions()
    sizes = [input_size(path, fmt, options) for path, fmt in inputs]
    meter.total = None if None in sizes else sum(s or 0 for s in sizes)
    for (path, fmt), size in zip(inputs, sizes):
        meter.position = 0
        if size == 0 and fmt in ("parquet", "zip", "tar"):  # else reported as damaged: say it plainly
            yield failure(spec, path, "empty_file", "the file is empty", path)
        else:
            yield from _capped(READERS[fmt](path, spec, meter, options), options.max_chars)
        meter.done += size or 0
        meter.position = 0


def _capped(items: Iterable[Item], max_chars: int) -> Iterator[Item]:
    for item in items:
        if isinstance(item, Article) and len(item.text) > max_chars:
            message = f"the text holds {len(item.text):,} characters, more than --max-chars {max_chars:,}; raise --max-chars to read it"
            yield Failure(item.id, "too_large", message, item.where, item.kept)
        else:
            yield item


def too_large(spec: FieldSpec, id: str, what: str, max_chars: int, where: str) -> Failure:
    """The failure for a record or file read no further than the bound ``max_chars`` sets."""
    return failure(spec, id, "too_large", f"{what}, more than --max-chars {max_chars:,} allows; not read (raise --max-chars to read it)", where)


def read_capped(fh: IO[bytes], max_chars: int) -> bytes | None:
    """All of ``fh``, or None as soon as it holds more than ``max_chars`` UTF-8 characters: at most
    about four bytes per character allowed are read, whatever the file's size."""
    chunks: list[bytes] = []
    chars = 0
    while True:
        chunk = fh.read(_CHUNK)
        if not chunk:
            return b"".join(chunks)
        chars += len(chunk.translate(None, _CONTINUATION_BYTES))
        if chars > max_chars + 1:  # + 1: a byte order mark counts here, not in the text
            return None
        chunks.append(chunk)


@contextlib.contextmanager
def _open_binary(path: str, meter: Meter, compressions: Sequence[bytes] = (_GZIP,)) -> Iterator[IO[bytes]]:
    """``path`` (or stdin) read as bytes, decompressed when it starts with the magic of one of the
    ``compressions`` (gzip by default). Decompressed a bounded piece at a time, even from a
    compressed file that expands a thousandfold."""
    with contextlib.ExitStack() as stack:
        raw: IO[bytes] = sys.stdin.buffer if path == STDIN else stack.enter_context(open(path, "rb"))
        buffered = io.BufferedReader(_Counted(raw, meter), buffer_size=1 << 16)
        head = buffered.peek(max(map(len, compressions), default=0))
        magic = next((m for m in compressions if head.startswith(m)), None)
        yield buffered if magic is None else stack.enter_context(_decompressed(magic, buffered))


def _decompressed(magic: bytes, fh: IO[bytes]) -> IO[bytes]:
    if magic == _GZIP:
        return gzip.GzipFile(fileobj=fh, mode="rb")  # type: ignore[return-value]
    return bz2.BZ2File(fh) if magic == _BZIP2 else lzma.LZMAFile(fh)  # type: ignore[return-value]


def _name(path: str) -> str:
    return "<stdin>" if path == STDIN else path


def _undecodable(exc: UnicodeDecodeError, what: str) -> str:
    byte = exc.object[exc.start]
    return f"not UTF-8: byte 0x{byte:02x} at {what} {exc.start + 1}; re-encode the input as UTF-8"


def iter_jsonl(path: str, spec: FieldSpec, meter: Meter | None = None, options: ReadOptions | None = None) -> Iterator[Item]:
    """One item per non-blank line of a JSONL (or JSONL.gz) file; "-" reads standard input."""
    meter = meter or Meter()
    options = options or ReadOptions()
    limit = options.jsonl_line_bytes()
    name = _name(path)
    records = 0
    lineno = 0
    with _open_binary(path, meter) as fh:
        try:
            for lineno, raw in enumerate(_lines_capped(fh, limit), 1):
                if raw is not None and not raw.strip():
                    continue
                records += 1
                where = f"{name}:{lineno}"
                if raw is None:
                    yield too_large(spec, where, f"the line is longer than {limit:,} bytes", options.max_chars, where)
                else:
                    yield _json_item(raw.rstrip(b"\r\n"), where, spec, lineno == 1)
        except _DAMAGED as exc:
            records += 1
            yield failure(spec, f"{name}:{lineno + 1}", "unreadable_file", f"the file cannot be read past line {lineno}: {exc}", f"{name}:{lineno + 1}")
    if not records:
        yield failure(spec, name, "empty_file", "the file holds no records", name)


def _lines_capped(fh: IO[bytes], limit: int) -> Iterator[bytes | None]:
    """Each line of ``fh``, or None for a line longer than ``limit`` bytes, which is read through
    without being kept."""
    while True:
        line = fh.readline(limit + 1)
        if not line:
            return
        if len(line) <= limit or line.endswith(b"\n"):
            yield line
            continue
        while line and not line.endswith(b"\n"):
            line = fh.readline(_CHUNK)
        yield None


def _json_item(raw: bytes, where: str, spec: FieldSpec, first: bool) -> Item:
    try:
        line = raw.decode("utf-8-sig" if first else "utf-8")
    except UnicodeDecodeError as exc:
        return failure(spec, where, "undecodable", _undecodable(exc, "column"), where)
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return failure(spec, where, "invalid_json", f"not valid JSON: {exc.msg} (column {exc.colno})", where)
    except (ValueError, RecursionError) as exc:  # too deep, or an integer too long to read
        return failure(spec, where, "invalid_json", f"not valid JSON: {exc}", where)
    return article_from_record(record, where, spec, where)


def iter_csv(path: str, spec: FieldSpec, meter: Meter | None = None, options: ReadOptions | None = None) -> Iterator[Item]:
    """One item per row of a CSV file with a header row (gzip-compressed or not).

    A quote never closed swallows the rest of the file in the csv module; here it gives one
    ``unclosed_quote`` failure, and the lines after the one it opened on are read again as rows.
    """
    meter = meter or Meter()
    options = options or ReadOptions()
    name = _name(path)
    # Articles are long; the csv module's default cap on a field (128 KiB) is not a property of the data.
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    records = 0
    with _open_binary(path, meter) as raw:
        # surrogateescape keeps undecodable bytes so that the one row holding them is reported, not the file.
        fh = io.TextIOWrapper(raw, encoding="utf-8-sig", errors="surrogateescape", newline="")
        splitter = CsvRows(fh, options.csv_row_chars())
        rows = iter(splitter)
        try:
            first = next(rows, None)
            header = None if first is None else _csv_cells(first)
        except (csv.Error, *_DAMAGED) as exc:
            yield failure(spec, f"{name}:1", "unreadable_file", f"the header row cannot be read: {exc}", f"{name}:1")
            return
        if header is None:
            yield failure(spec, name, "empty_file", "the file holds no header row and no records", name)
            return
        if _ESCAPED_BYTE.search("".join(header)):
            yield failure(spec, f"{name}:1", "undecodable", "not UTF-8: the header row holds bytes that are not UTF-8; re-encode the file as UTF-8", f"{name}:1")
            return
        while True:
            try:
                row = next(rows)
            except StopIteration:
                break
            except _DAMAGED as exc:
                records += 1
                where = f"{name}:{splitter.line + 1}"
                yield failure(spec, where, "unreadable_file", f"the file cannot be read past line {splitter.line}: {exc}", where)
                break
            item = _csv_row_item(header, row, name, spec, options)
            if item is not None:  # None: a blank line, which is no record
                records += 1
                yield item
    if not records:
        yield failure(spec, name, "empty_file", "the file holds a header row but no records", name)


def _csv_cells(row: CsvRow) -> list[str]:
    """The fields of a complete record; csv.Error for one the csv module cannot read strictly (a
    quoted field closed before its end: a stray quote that may have swallowed lines)."""
    if row.quote_line is not None:
        raise csv.Error(f"a quote opened on line {row.quote_line} is never closed")
    if row.lines is None:
        raise csv.Error(f"lines {row.start}-{row.end} are too long to read")
    return next(csv.reader(row.lines, strict=True), [])


def _csv_row_item(header: list[str], row: CsvRow, name: str, spec: FieldSpec, options: ReadOptions) -> Item | None:
    """The item of one record after the header; None for a blank line."""
    where = f"{name}:{row.start}"
    if row.quote_line is not None:
        return _unclosed_quote(header, row, name, spec)
    if row.lines is None:
        what = f"the row (lines {row.start}-{row.end}) is longer than {options.csv_row_chars():,} characters"
        return too_large(spec, where, what, options.max_chars, where)
    try:
        cells = _csv_cells(row)
    except csv.Error as exc:
        lines = f"line {row.start}" if row.end == row.start else f"lines {row.start}-{row.end}"
        hint = "" if row.end == row.start else f"; a quote on line {row.start} runs on over the next {row.end - row.start} line(s): check that they are not records"
        return failure(spec, where, "bad_csv_row", f"not a valid CSV row ({lines}): {exc}{hint}", where)
    return _csv_item(header, cells, where, spec) if cells else None


def _unclosed_quote(header: list[str], row: CsvRow, name: str, spec: FieldSpec) -> Failure:
    assert row.quote_line is not None
    swallowed = row.end - row.quote_line
    if not swallowed:
        fate = "the file ends on that line"
    elif row.lines is not None:
        fate = f"it swallowed the {swallowed} line(s) after it, to the end of the file; they are read again as rows"
    else:
        fate = f"it swallowed the {swallowed} line(s) after it, to the end of the file: more than --max-chars allows to keep, so they are not read; close the quote and run again"
    id_ = _id_before_quote(header, row, spec)
    where = f"{name}:{row.start}" + (f" (id {id_})" if id_ else "")
    return failure(spec, id_ or f"{name}:{row.start}", "unclosed_quote", f"a quote opened on line {row.quote_line} is never closed: {fate}", where)


def _id_before_quote(header: list[str], row: CsvRow, spec: FieldSpec) -> str | None:
    """The record's id when it is among the fields before the quote that is never closed."""
    if not row.before_quote or spec.id not in header:
        return None
    try:
        cells = next(csv.reader(row.before_quote), [])
    except csv.Error:
        return None
    column = header.index(spec.id)
    return (cells[column] or None) if column < len(cells) - 1 else None  # the last cell is the field the quote opens


def _csv_item(header: list[str], row: list[str], where: str, spec: FieldSpec) -> Item:
    if len(row) != len(header):
        return failure(spec, where, "bad_csv_row", f"the row has {len(row)} fields but the header has {len(header)}", where)
    for column, value in zip(header, row):
        m = _ESCAPED_BYTE.search(value)
        if m:
            byte = ord(m.group()) - 0xDC00
            return failure(spec, where, "undecodable", f"not UTF-8: byte 0x{byte:02x} in column {column!r}; re-encode the file as UTF-8", where)
    return article_from_record(dict(zip(header, row)), where, spec, where)


def iter_parquet(path: str, spec: FieldSpec, meter: Meter | None = None, options: ReadOptions | None = None) -> Iterator[Item]:
    """One item per row of a Parquet file, read in batches of rows."""
    meter = meter or Meter()
    pq = require("pyarrow.parquet", "reading Parquet")
    try:
        pf = pq.ParquetFile(path)
        names = pf.schema_arrow.names
        total = pf.metadata.num_rows
    except _DAMAGED_PARQUET as exc:
        yield failure(spec, path, "unreadable_file", f"not a readable Parquet file: {exc}", path)
        return
    with contextlib.closing(pf):
        if not total:
            yield failure(spec, path, "empty_file", "the file holds no rows", path)
            return
        wanted = list(dict.fromkeys((spec.text, spec.id, *spec.keep)))
        # Without the text column every row fails; read them whole so the error can list the columns there are.
        columns = [c for c in wanted if c in names] if spec.text in names else None
        size = os.path.getsize(path)
        row = 0
        try:
            for batch in pf.iter_batches(batch_size=1024, columns=columns):
                for record in batch.to_pylist():
                    row += 1
                    where = f"{path}:row {row}"
                    yield article_from_record(record, where, spec, where)
                meter.position = size * row // total
        except _DAMAGED_PARQUET as exc:
            where = f"{path}:row {row + 1}"
            yield failure(spec, where, "unreadable_file", f"the file cannot be read past row {row}: {exc}", where)


def file_item(member: str, data: bytes, where: str, spec: FieldSpec, kind: str | None = None) -> Item:
    """The article in one .txt or .html file; its id is ``member``, its path in the collection.

    ``kind`` ("txt" or "html") overrides what the name's suffix says.
    """
    kind = kind or TEXT_SUFFIXES.get(os.path.splitext(member)[1].lower())
    if kind is None:
        return failure(spec, member, "unsupported_file", f"not a .txt or .html file; figextract reads {', '.join(TEXT_SUFFIXES)} files", where)
    if b"\x00" in data:
        return failure(spec, member, "binary_file", "holds NUL bytes: a binary file, not text", where)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return failure(spec, member, "undecodable", _undecodable(exc, "byte"), where)
    if kind == "html":
        text = html_to_text(text)
    if not text.strip():
        message = "the file is empty" if not data else "the file holds no text" + (" outside HTML markup" if kind == "html" else "")
        return failure(spec, member, "empty_text", message, where)
    return Article(member, text, where, empty_kept(spec))


def _capped_item(fh: IO[bytes], member: str, where: str, spec: FieldSpec, options: ReadOptions, kind: str | None = None) -> Item:
    """The article in one open file or member, read no further than ``options.max_chars`` allows."""
    data = read_capped(fh, options.max_chars)
    if data is None:
        return too_large(spec, member, f"the file holds more than {options.max_chars:,} characters", options.max_chars, where)
    return file_item(member, data, where, spec, kind)


def iter_text_file(path: str, spec: FieldSpec, meter: Meter | None = None, options: ReadOptions | None = None, kind: str = "txt") -> Iterator[Item]:
    """A single .txt or .html file (``kind``): one article whose id is the path."""
    with open(path, "rb") as fh:
        yield _capped_item(fh, path, path, spec, options or ReadOptions(), kind)


def iter_directory(path: str, spec: FieldSpec, meter: Meter | None = None, options: ReadOptions | None = None) -> Iterator[Item]:
    """Every file under a directory, sorted; ids are paths relative to the directory. A folder that
    cannot be listed, a link loop and a link out of the directory each give one failure."""
    meter = meter or Meter()
    options = options or ReadOptions()
    root = Path(path)
    files = 0
    for entry in walk(root, options.follow_symlinks):
        files += 1
        file = entry.path
        member = file.relative_to(root).as_posix() if file != root else path
        where = str(file)
        if entry.problem is not None:
            yield failure(spec, member, *entry.problem, where)
            continue
        if not file.is_file():
            yield failure(spec, member, "not_a_file", "not a regular file (a broken link, a socket or a device)", where)
            continue
        try:
            with open(file, "rb") as fh:
                meter.position += os.fstat(fh.fileno()).st_size
                item = _capped_item(fh, member, where, spec, options)
        except OSError as exc:
            yield failure(spec, member, "unreadable_file", f"cannot read the file: {exc.strerror or exc}", where)
            continue
        yield item
    if not files:
        yield failure(spec, path, "empty_file", "the directory holds no files", path)


def iter_zip(path: str, spec: FieldSpec, meter: Meter | None = None, options: ReadOptions | None = None) -> Iterator[Item]:
    """Every file in a .zip, in archive order; directory entries only hold files, so they are no record."""
    meter = meter or Meter()
    options = options or ReadOptions()
    try:
        archive = zipfile.ZipFile(path)
        files = [m for m in archive.infolist() if not m.is_dir()]
    except _DAMAGED_ZIP as exc:
        yield failure(spec, path, "unreadable_file", f"not a readable .zip file: {exc}", path)
        return
    with archive:
        for info in files:
            where = f"{path}:{info.filename}"
            try:
                # Read through a stream, never whole: a member's stated size may be anything.
                with archive.open(info) as fh:
                    item = _capped_item(fh, info.filename, where, spec, options)
            except _DAMAGED_ZIP as exc:
                yield failure(spec, info.filename, "unreadable_file", f"cannot read this member: {exc}", where)
                continue
            finally:
                meter.position += info.compress_size
            yield item
    if not files:
        yield failure(spec, path, "empty_file", "the archive holds no files", path)


def _member_name(name: str) -> str:
    """A member's path as ids use it: ``tar -C dir .`` writes "./a.txt" where zip writes "a.txt"."""
    while name.startswith("./"):
        name = name[2:]
    return name.lstrip("/")


def iter_tar(path: str, spec: FieldSpec, meter: Meter | None = None, options: ReadOptions | None = None) -> Iterator[Item]:
    """Every file in a .tar, .tar.gz, .tar.bz2 or .tar.xz, read as a stream in archive order."""
    meter = meter or Meter()
    options = options or ReadOptions()
    files = 0
    # tarfile's own "r|*" decompresses a block of the file at once, however far it expands: not here.
    with _open_binary(path, meter, (_GZIP, _BZIP2, _XZ)) as raw:
        try:
            archive = tarfile.open(fileobj=raw, mode="r|*")
        except _DAMAGED_TAR as exc:
            yield failure(spec, path, "unreadable_file", f"not a readable tar archive: {exc}", path)
            return
        last = "the start"
        while True:
            try:
                info = archive.next()
            except _DAMAGED_TAR as exc:
                files += 1
                yield failure(spec, path, "unreadable_file", f"the archive cannot be read past {last}: {exc}", path)
                break
            if info is None:
                break
            # TarFile keeps every member it has seen; an archive of millions would fill memory.
            archive.members = []  # type: ignore[attr-defined]
            last = info.name
            if info.isdir():
                continue
            files += 1
            member = _member_name(info.name)
            where = f"{path}:{member}"
            if not info.isfile():
                what = f"a link to {info.linkname}" if info.issym() or info.islnk() else "a device, pipe or other special entry"
                yield failure(spec, member, "not_a_file", f"not a regular file: {what}", where)
                continue
            try:
                item = _capped_item(archive.extractfile(info), member, where, spec, options)  # type: ignore[arg-type]
            except _DAMAGED_TAR as exc:
                yield failure(spec, member, "unreadable_file", f"cannot read this member: {exc}", where)
                break
            yield item
        if not files:
            yield failure(spec, path, "empty_file", "the archive holds no files", path)


READERS: dict[str, Callable[[str, FieldSpec, Meter, ReadOptions], Iterable[Item]]] = {
    "jsonl": iter_jsonl,
    "csv": iter_csv,
    "parquet": iter_parquet,
    "txt": partial(iter_text_file, kind="txt"),
    "html": partial(iter_text_file, kind="html"),
    "dir": iter_directory,
    "zip": iter_zip,
    "tar": iter_tar,
}
