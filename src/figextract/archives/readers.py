"""One stream generator per input format. Each yields, in a fixed order, one ``Article`` or one
``Failure`` per record: a bad record, a bad member or a damaged file becomes a ``Failure`` naming the
file, the line (or row or member) and the reason, and the stream goes on.

Formats: JSONL (gzip-compressed or not; "-" is standard input), CSV (likewise), Parquet, a single
.txt or .html file, and a directory, .zip or .tar(.gz) of .txt/.html files (HTML reduced to text).
Only failing to open an input at all raises, as an ``OSError``: that is a failure of the run.
"""

from __future__ import annotations

import contextlib
import csv
import gzip
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

from .articles import Article, FieldSpec, Item, article_from_record, empty_kept, failure
from .extras import require
from .htmltext import html_to_text

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
            target, source = Path(output).resolve(), Path(path).resolve()
            if target == source or source in target.parents:
                raise ValueError(f"the output {output} {'is' if target == source else 'is inside'} the input {path}; write it elsewhere")
        out.append((path, fmt))
    return out


def input_size(path: str, fmt: str) -> int | None:
    """Bytes a reader will go through: a file's size, a directory's files' sizes; None for stdin."""
    if path == STDIN:
        return None
    if fmt == "dir":
        return sum(os.path.getsize(p) for p in _walk(Path(path)) if p.is_file())
    return os.path.getsize(path)


def iter_inputs(inputs: Sequence[tuple[str, str]], spec: FieldSpec, meter: Meter | None = None) -> Iterator[Item]:
    """Every record of every input, in order."""
    meter = meter or Meter()
    sizes = [input_size(path, fmt) for path, fmt in inputs]
    meter.total = None if None in sizes else sum(s or 0 for s in sizes)
    for (path, fmt), size in zip(inputs, sizes):
        meter.position = 0
        if size == 0 and fmt in ("parquet", "zip", "tar"):  # else reported as damaged: say it plainly
            yield failure(spec, path, "empty_file", "the file is empty", path)
        else:
            yield from READERS[fmt](path, spec, meter)
        meter.done += size or 0
        meter.position = 0


@contextlib.contextmanager
def _open_binary(path: str, meter: Meter, decompress: bool = True) -> Iterator[IO[bytes]]:
    """``path`` (or stdin) read as bytes, decompressed when it starts with the gzip magic."""
    with contextlib.ExitStack() as stack:
        raw: IO[bytes] = sys.stdin.buffer if path == STDIN else stack.enter_context(open(path, "rb"))
        buffered = io.BufferedReader(_Counted(raw, meter), buffer_size=1 << 16)
        if decompress and buffered.peek(2)[:2] == b"\x1f\x8b":
            yield stack.enter_context(gzip.GzipFile(fileobj=buffered, mode="rb"))  # type: ignore[arg-type]
        else:
            yield buffered


def _name(path: str) -> str:
    return "<stdin>" if path == STDIN else path


def _undecodable(exc: UnicodeDecodeError, what: str) -> str:
    byte = exc.object[exc.start]
    return f"not UTF-8: byte 0x{byte:02x} at {what} {exc.start + 1}; re-encode the input as UTF-8"


def iter_jsonl(path: str, spec: FieldSpec, meter: Meter | None = None) -> Iterator[Item]:
    """One item per non-blank line of a JSONL (or JSONL.gz) file; "-" reads standard input."""
    meter = meter or Meter()
    name = _name(path)
    records = 0
    lineno = 0
    with _open_binary(path, meter) as fh:
        try:
            for lineno, raw in enumerate(fh, 1):
                if not raw.strip():
                    continue
                records += 1
                where = f"{name}:{lineno}"
                yield _json_item(raw.rstrip(b"\r\n"), where, spec, lineno == 1)
        except _DAMAGED as exc:
            records += 1
            yield failure(spec, f"{name}:{lineno + 1}", "unreadable_file", f"the file cannot be read past line {lineno}: {exc}", f"{name}:{lineno + 1}")
    if not records:
        yield failure(spec, name, "empty_file", "the file holds no records", name)


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


def iter_csv(path: str, spec: FieldSpec, meter: Meter | None = None) -> Iterator[Item]:
    """One item per row of a CSV file with a header row (gzip-compressed or not)."""
    meter = meter or Meter()
    name = _name(path)
    # Articles are long; the csv module's default cap on a field (128 KiB) is not a property of the data.
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    records = 0
    with _open_binary(path, meter) as raw:
        # surrogateescape keeps undecodable bytes so that the one row holding them is reported, not the file.
        fh = io.TextIOWrapper(raw, encoding="utf-8-sig", errors="surrogateescape", newline="")
        reader = csv.reader(fh)
        try:
            header = next(reader, None)
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
            start = reader.line_num + 1
            where = f"{name}:{start}"
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                records += 1
                yield failure(spec, where, "bad_csv_row", f"not a valid CSV row: {exc}", where)
                continue
            except _DAMAGED as exc:
                records += 1
                yield failure(spec, where, "unreadable_file", f"the file cannot be read past line {start - 1}: {exc}", where)
                break
            if not row:  # a blank line is no record
                continue
            records += 1
            yield _csv_item(header, row, where, spec)
    if not records:
        yield failure(spec, name, "empty_file", "the file holds a header row but no records", name)


def _csv_item(header: list[str], row: list[str], where: str, spec: FieldSpec) -> Item:
    if len(row) != len(header):
        return failure(spec, where, "bad_csv_row", f"the row has {len(row)} fields but the header has {len(header)}", where)
    for column, value in zip(header, row):
        m = _ESCAPED_BYTE.search(value)
        if m:
            byte = ord(m.group()) - 0xDC00
            return failure(spec, where, "undecodable", f"not UTF-8: byte 0x{byte:02x} in column {column!r}; re-encode the file as UTF-8", where)
    return article_from_record(dict(zip(header, row)), where, spec, where)


def iter_parquet(path: str, spec: FieldSpec, meter: Meter | None = None) -> Iterator[Item]:
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


def iter_text_file(path: str, spec: FieldSpec, meter: Meter | None = None, kind: str = "txt") -> Iterator[Item]:
    """A single .txt or .html file (``kind``): one article whose id is the path."""
    with open(path, "rb") as fh:
        data = fh.read()
    yield file_item(path, data, path, spec, kind)


def _walk(root: Path) -> Iterator[Path]:
    """Every non-directory under ``root``, in sorted order at each level, listing one folder at a time."""
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        for name in sorted(files):
            yield Path(folder) / name


def iter_directory(path: str, spec: FieldSpec, meter: Meter | None = None) -> Iterator[Item]:
    """Every file under a directory, sorted; ids are paths relative to the directory."""
    meter = meter or Meter()
    root = Path(path)
    files = 0
    for file in _walk(root):
        files += 1
        member = file.relative_to(root).as_posix()
        where = str(file)
        if not file.is_file():
            yield failure(spec, member, "not_a_file", "not a regular file (a broken link, a socket or a device)", where)
            continue
        try:
            data = file.read_bytes()
        except OSError as exc:
            yield failure(spec, member, "unreadable_file", f"cannot read the file: {exc.strerror or exc}", where)
            continue
        meter.position += len(data)
        yield file_item(member, data, where, spec)
    if not files:
        yield failure(spec, path, "empty_file", "the directory holds no files", path)


def iter_zip(path: str, spec: FieldSpec, meter: Meter | None = None) -> Iterator[Item]:
    """Every file in a .zip, in archive order; directory entries only hold files, so they are no record."""
    meter = meter or Meter()
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
                data = archive.read(info)
            except _DAMAGED_ZIP as exc:
                yield failure(spec, info.filename, "unreadable_file", f"cannot read this member: {exc}", where)
                continue
            finally:
                meter.position += info.compress_size
            yield file_item(info.filename, data, where, spec)
    if not files:
        yield failure(spec, path, "empty_file", "the archive holds no files", path)


def _member_name(name: str) -> str:
    """A member's path as ids use it: ``tar -C dir .`` writes "./a.txt" where zip writes "a.txt"."""
    while name.startswith("./"):
        name = name[2:]
    return name.lstrip("/")


def iter_tar(path: str, spec: FieldSpec, meter: Meter | None = None) -> Iterator[Item]:
    """Every file in a .tar, .tar.gz, .tar.bz2 or .tar.xz, read as a stream in archive order."""
    meter = meter or Meter()
    files = 0
    with _open_binary(path, meter, decompress=False) as raw:
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
                data = archive.extractfile(info).read()  # type: ignore[union-attr]
            except _DAMAGED_TAR as exc:
                yield failure(spec, member, "unreadable_file", f"cannot read this member: {exc}", where)
                break
            yield file_item(member, data, where, spec)
        if not files:
            yield failure(spec, path, "empty_file", "the archive holds no files", path)


READERS: dict[str, Callable[[str, FieldSpec, Meter], Iterable[Item]]] = {
    "jsonl": iter_jsonl,
    "csv": iter_csv,
    "parquet": iter_parquet,
    "txt": partial(iter_text_file, kind="txt"),
    "html": partial(iter_text_file, kind="html"),
    "dir": iter_directory,
    "zip": iter_zip,
    "tar": iter_tar,
}
