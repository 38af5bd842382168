"""Sentences and paragraphs as character spans.

The linker needs both: a source carries over within a paragraph, not into the next one. A statistical
model's sentences are used when there are any; line breaks always end a sentence, because headlines
and datelines in archives are separated by them and carry no full stop.
"""

from __future__ import annotations

from typing import Iterable, Sequence

import regex

__all__ = ["paragraph_breaks", "paragraph_of", "rule_sentences", "split_lines"]

_PARA_BLANK = regex.compile(r"\n[ \t\r\f\v]*\n\s*")
_LINE = regex.compile(r"\n\s*")
# A rule-only sentence end: . ! ? (and closing quotes) then space and a capital, a digit or a quote.
_SENT_END = regex.compile(r"""(?<=[.!?]["'”’)]?)\s+(?=["'“‘(]?[\p{Lu}\d])""")
_ABBREV = regex.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Lt|Col|Maj|Capt|Sgt|Cpl|Det|Insp|Supt|Cmdr|Cmdt|Adm|Brig|Ofc|Dep|Gov|Sen|Rep|St|Mt|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|No|Nos|vs|approx|est|Inc|Ltd|Co|Corp|Jr|Sr)|\b\p{L}(?:\.\p{L})*)\.$"
)


def paragraph_breaks(text: str) -> list[int]:
    """Character offsets where paragraphs start (after the first).

    Blank lines separate paragraphs when the text has any; otherwise every line break does.
    """
    pattern = _PARA_BLANK if _PARA_BLANK.search(text) else _LINE
    return [m.end() for m in pattern.finditer(text) if m.end() < len(text)]


def split_lines(spans: Iterable[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """Split sentence spans at line breaks and trim white space; empty pieces are dropped."""
    out: list[tuple[int, int]] = []
    for start, end in spans:
        pos = start
        for m in _LINE.finditer(text, start, end):
            _add_trimmed(out, text, pos, m.start())
            pos = m.end()
        _add_trimmed(out, text, pos, end)
    return out


def _add_trimmed(out: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append((start, end))


def rule_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans by punctuation alone, for use without a statistical model."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _SENT_END.finditer(text):
        if _ABBREV.search(text, max(0, m.start() - 12), m.start()):
            continue
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    return split_lines(spans, text)


def paragraph_of(sentences: Sequence[tuple[int, int]], text: str) -> list[int]:
    """The paragraph index of each sentence."""
    breaks = paragraph_breaks(text)
    out = []
    b = 0
    for start, _ in sentences:
        while b < len(breaks) and breaks[b] <= start:
            b += 1
        out.append(b)
    return out
