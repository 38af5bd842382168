"""CSV text split into records by the csv module's rules for quotes, before the csv module reads
each one: so that each record is known by its lines, is kept only up to a bound, and a quote that is
never closed swallows no more than one record.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from typing import Iterable, Iterator

__all__ = ["CsvRow", "CsvRows", "quote_state"]


@dataclass(frozen=True)
class CsvRow:
    """The lines of one CSV record, as the csv module would read them."""

    start: int  # its first line
    end: int  # its last line
    lines: list[str] | None  # None when longer than the bound: read through, not kept
    quote_line: int | None = None  # a quote opened on this line is never closed: the record runs to the end of the file
    before_quote: tuple[str, ...] = ()  # the record up to that quote (its first fields), when kept


class CsvRows:
    """The records of a CSV text, split by the csv module's rules for quotes, so that each is known by
    its lines and kept only up to ``limit`` characters. After a quote that is never closed, the lines
    after the one it opened on are split again (the quote was a slip: a CSV writer closes its quotes)."""

    def __init__(self, fh: Iterable[str], limit: int) -> None:
        self.source = iter(fh)
        self.limit = limit
        self.line = 0  # lines read from the file so far
        self.again: deque[tuple[int, str]] = deque()

    def __iter__(self) -> Iterator[CsvRow]:
        while True:
            first = self._next_line()
            if first is None:
                return
            row = self._record(*first)
            yield row
            if row.quote_line is not None and row.lines is not None:
                # At the end of the file: nothing else is left to read, so these come next.
                self.again.extend(enumerate(row.lines[row.quote_line - row.start + 1 :], row.quote_line + 1))

    def _next_line(self) -> tuple[int, str] | None:
        if self.again:
            return self.again.popleft()
        line = next(self.source, None)
        if line is None:
            return None
        self.line += 1
        return self.line, line

    def _record(self, lineno: int, line: str) -> CsvRow:
        start, size = lineno, 0
        quoted, quote_line = False, None
        before_quote: tuple[str, ...] = ()
        kept: list[str] | None = []
        while True:
            quoted, column = quote_state(line, quoted)
            if column >= 0:
                quote_line, before_quote = lineno, ((*kept, line[:column]) if kept is not None else ())
            size += len(line)
            if kept is not None:
                kept.append(line)
                kept = kept if size <= self.limit else None
            if not quoted:
                return CsvRow(start, lineno, kept)
            following = self._next_line()
            if following is None:
                return CsvRow(start, lineno, kept, quote_line, before_quote)
            lineno, line = following


def quote_state(line: str, quoted: bool) -> tuple[bool, int]:
    """Whether a CSV record is inside a quoted field at the end of ``line`` (``quoted``: it was at the
    start), by the csv module's rules: a quote opens a field only at the field's start, and "" within
    it is a quote. Also where the quote that opened the field still open is, if on this line, else -1."""
    if '"' not in line:  # most lines: only a quote changes the state
        return quoted, -1
    pos, opened = 0, -1
    at_field_start = not quoted  # a line that starts outside quotes starts a record
    while True:
        if quoted:
            end = line.find('"', pos)
            if end < 0:
                return True, opened
            if line.startswith('"', end + 1):
                pos = end + 2
                continue
            quoted, opened, pos, at_field_start = False, -1, end + 1, False
        elif at_field_start and line.startswith('"', pos):
            quoted, opened, pos = True, pos, pos + 1
        else:
            comma = line.find(",", pos)
            if comma < 0:
                return False, -1
            pos, at_field_start = comma + 1, True
