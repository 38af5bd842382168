"""A small, fast, offset-keeping tokenizer for the pure core.

The core does not use spaCy's tokens so that it gives the same answer under any pipeline (and under
none): sm, md, lg or a blank English pipeline all see the same tokens here.
"""

from __future__ import annotations

from typing import NamedTuple

import regex

__all__ = ["Token", "tokenize"]

# A number token starts with a digit and runs through separators, decimals, hyphens and suffixes, so
# "1,400", "2.5m", "10-15", "45-year-old" and "1990s" each come out whole and are judged as a unit.
_TOKEN = regex.compile(
    r"""
    (?P<num>\d(?:[\d,.'’\u00a0\u202f\u2009]*\d)?(?:[-–]?[\p{L}\d]+)*(?:-[\p{L}]+)*)
  | (?P<word>[\p{L}\p{M}][\p{L}\p{M}\d]*(?:[-'’.][\p{L}\p{M}\d]+)*\.?)
  | (?P<punct>\S)
    """,
    regex.VERBOSE,
)
# Acronyms with dots ("U.N.", "a.m.") keep their dots; a single word before a full stop does not.
_ACRONYM = regex.compile(r"(?:\p{L}\.){2,}")


class Token(NamedTuple):
    start: int
    end: int
    text: str
    lower: str
    kind: str  # "num", "word" or "punct"


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of ``text[start:end]`` with offsets into ``text``."""
    out: list[Token] = []
    stop = len(text) if end is None else end
    for m in _TOKEN.finditer(text, start, stop):
        kind = m.lastgroup or "punct"
        s, e = m.span()
        if kind == "word" and text[e - 1] == "." and not _ACRONYM.fullmatch(text, s, e):
            # "said." -> "said" + "."; keep "U.N." and "a.m." whole.
            e -= 1
            out.append(Token(s, e, text[s:e], text[s:e].lower(), kind))
            out.append(Token(e, e + 1, ".", ".", "punct"))
            continue
        if kind == "word" and e - s > 2 and text[e - 2] in "'’" and text[e - 1] in "sS":
            # Possessive "ministry's" -> "ministry" + "'s", so names and nouns match.
            out.append(Token(s, e - 2, text[s : e - 2], text[s : e - 2].lower(), kind))
            out.append(Token(e - 2, e, text[e - 2 : e], text[e - 2 : e].lower(), "word"))
            continue
        if kind == "num" and text[e - 1] in ",.'’":
            e -= 1
        piece = text[s:e]
        out.append(Token(s, e, piece, piece.lower(), kind))
        if e < m.end():
            out.append(Token(e, m.end(), text[e : m.end()], text[e : m.end()], "punct"))
    return out
