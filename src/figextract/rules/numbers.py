"""Read one number (digits, number words, or a vague count) from a token list.

Pure functions over tokens; no spaCy. quantulum3 reads digits well but gets "half a million"
(1.5 million), "two dozen" (2) and "hundreds" (nothing) wrong, so counts are read here; quantulum3
serves the tests as an independent oracle (tests/test_numbers.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from typing import Sequence

import regex

from .lexicon import Lexicon
from .tokens import Token

__all__ = ["Exact", "MAX_COUNT", "Reading", "digits_value", "first_words", "read_digits", "read_number", "read_vague", "read_words"]

_DIGITS = regex.compile(r"\d+(?:[,'’\u00a0\u202f\u2009]\d{3})*(?:\.\d+)?|\d+(?:\.\d{3})+")
_SUFFIXED = regex.compile(r"(?P<num>\d[\d,.'’\u00a0\u202f\u2009]*)(?P<suffix>[a-zA-Z]+)")
_RANGE = regex.compile(r"(?P<a>\d[\d,]*)[-–](?P<b>\d[\d,]*)")
_ORDINAL = regex.compile(r"\d+(?:st|nd|rd|th)", regex.IGNORECASE)
_DECADE = regex.compile(r"\d{2,4}['’]?s")
_AGE = regex.compile(r"\d+[-–](?:year|years|yr|month|months|week|day)[-–]old\w*", regex.IGNORECASE)
_DOT_GROUPS = regex.compile(r"\d{1,3}(?:\.\d{3})+")
_SEPARATORS = regex.compile(r"[,'’\u00a0\u202f\u2009]")
_GROUP = regex.compile(r"\d{3}")
_GROUP_START = regex.compile(r"\d{1,3}")

MAX_COUNT = 10**10
"""More people than live on Earth (about 8.2 billion in 2025): a larger number is no casualty count
(its reading is rejected as "too_large"), and every count fits a 64-bit integer."""
# Digits read on either side of a decimal point. A longer integer part is over MAX_COUNT whatever it
# says; a longer fractional part is cut and marked non-zero, which no scale a count can have makes
# whole. (Reading 600,000 digits exactly takes seconds, and int() refuses more than 4,300.)
_MAX_DIGITS = 30
# Products of scale words ("hundred hundred hundred …") are held at this bound: past it any non-zero
# reading is over MAX_COUNT, so the exact value no longer matters, and the numbers stay small.
_HUGE = 10**64

Exact = int | Fraction  # a number as written: whole, or a decimal read exactly ("2.5")


@dataclass(frozen=True)
class Reading:
    """A number read from tokens ``[start, end)``. ``reject`` names why it cannot be a count."""

    start: int
    end: int
    value: int
    low: int | None
    high: int | None
    kind: str  # "exact", "vague" or "range"
    reject: str | None = None


def digits_value(text: str) -> Fraction | None:
    """The exact value of a digit string with any thousands separator; None if it is not one.

    "1,400" -> 1400, "1 400" -> 1400, "2.5" -> 5/2, and "1.400" -> 1400 because a three-digit group
    after a single dot is a European thousands separator far more often than a fraction of a person.
    No float is involved: "9007199254740993" is 9007199254740993.
    """
    if not _DIGITS.fullmatch(text):
        return None
    if _DOT_GROUPS.fullmatch(text):
        cleaned = text.replace(".", "")
    else:
        cleaned = _SEPARATORS.sub("", text)
    whole, _, part = cleaned.partition(".")
    whole, part = whole.lstrip("0"), part.rstrip("0")
    if len(whole) > _MAX_DIGITS:
        return Fraction(_HUGE)
    if not part:
        return Fraction(int(whole or "0"))
    if len(part) > _MAX_DIGITS:
        part = part[:_MAX_DIGITS] + "1"
    return int(whole or "0") + Fraction(int(part), 10 ** len(part))


def _held(value: Exact) -> Exact:
    """``value``, or the bound ``_HUGE`` it has passed (see there)."""
    return value if value <= _HUGE else _HUGE


def _as_count(value: Exact) -> int | None:
    """Counts of people are whole numbers; 2.5 people is not a count."""
    if value < 0 or (isinstance(value, Fraction) and value.denominator != 1):
        return None
    return int(value)


def _count_reading(start: int, end: int, value: Exact) -> Reading:
    """An exact reading of ``value``, or a rejected one: "fraction" (2.5 people), "too_large"."""
    count = _as_count(value)
    if count is None:
        return Reading(start, end, 0, None, None, "exact", reject="fraction")
    if count > MAX_COUNT:
        return Reading(start, end, 0, None, None, "exact", reject="too_large")
    return Reading(start, end, count, count, count, "exact")


def _read_scales(tokens: Sequence[Token], j: int, lex: Lexicon) -> tuple[int, int]:
    """Multiply by the scale words from ``j`` on ("million", "hundred thousand", "dozen")."""
    factor = 1
    while j < len(tokens):
        w = tokens[j].lower
        if w in lex.scales:
            factor = int(_held(factor * lex.scales[w]))
        elif w in lex.groups_of and w != "score":
            factor = int(_held(factor * lex.groups_of[w]))
        else:
            break
        j += 1
    return factor, j


def _phrase_at(tokens: Sequence[Token], i: int, table: dict | object) -> tuple[tuple[str, ...], int] | None:
    """Longest key of ``table`` (word tuples) starting at token ``i``."""
    best = None
    for n in (4, 3, 2, 1):
        key = tuple(t.lower for t in tokens[i : i + n])
        if len(key) == n and key in table:  # type: ignore[operator]
            best = (key, i + n)
            break
    return best


def read_digits(tokens: Sequence[Token], i: int, lex: Lexicon) -> Reading | None:
    """A digit token at ``i``, with its scale words and European space grouping."""
    tok = tokens[i]
    text = tok.text
    if _AGE.fullmatch(text):
        return Reading(i, i + 1, 0, None, None, "exact", reject="age")
    if _ORDINAL.fullmatch(text):
        return Reading(i, i + 1, 0, None, None, "exact", reject="ordinal")
    if _DECADE.fullmatch(text):
        return Reading(i, i + 1, 0, None, None, "exact", reject="decade")
    m = _RANGE.fullmatch(text)
    if m:
        a, b = digits_value(m["a"]), digits_value(m["b"])
        if a is None or b is None:
            return Reading(i, i + 1, 0, None, None, "exact", reject="code")
        if a < b:
            factor, end = _read_scales(tokens, i + 1, lex)
            lo, hi = _as_count(a * factor), _as_count(b * factor)
            if lo is not None and hi is not None:
                if hi > MAX_COUNT:
                    return Reading(i, end, 0, None, None, "exact", reject="too_large")
                return Reading(i, end, lo, lo, hi, "range")
        return Reading(i, i + 1, 0, None, None, "exact", reject="score")
    value: Exact | None = digits_value(text)
    end = i + 1
    if value is None:
        m = _SUFFIXED.fullmatch(text)
        if m and m["suffix"].lower() in lex.scale_suffixes:
            base = digits_value(m["num"].rstrip(",."))
            if base is None:
                return Reading(i, end, 0, None, None, "exact", reject="code")
            value = base * lex.scale_suffixes[m["suffix"].lower()]
        else:
            return Reading(i, end, 0, None, None, "exact", reject="code")
    else:
        # "12 000": a second token of exactly three digits continues a European grouping.
        while (
            end < len(tokens)
            and _GROUP.fullmatch(tokens[end].text)
            and tokens[end].start == tokens[end - 1].end + 1
            and _GROUP_START.fullmatch(tokens[i].text)
        ):
            value = _held(value * 1000 + int(tokens[end].text))
            end += 1
        factor, end = _read_scales(tokens, end, lex)
        value *= factor
    return _count_reading(i, end, value)


def read_words(tokens: Sequence[Token], i: int, lex: Lexicon) -> Reading | None:
    """Number words at ``i``: "twenty-one", "one hundred and five", "half a million", "two dozen"."""
    n = len(tokens)
    total: Exact = 0
    current: Exact = 0
    j = i
    seen = False
    last = ""  # class of the last word read: "unit", "ten", "hundred", "scale", "group", "frac"

    def word(k: int) -> str:
        return tokens[k].lower if k < n else ""

    def unit_value(w: str) -> tuple[str, int] | None:
        if w in lex.units:
            return "unit", lex.units[w]
        if w in lex.tens:
            return "ten", lex.tens[w]
        if "-" in w:
            a, _, b = w.partition("-")
            if a in lex.tens and b in lex.units and 0 < lex.units[b] < 10:
                return "unit", lex.tens[a] + lex.units[b]
        return None

    while j < n:
        w = word(j)
        if not seen:
            # "half a million", "a quarter million", "three quarters of a million"
            frac = _fraction(tokens, j + 1 if w in ("a", "an") else j, lex)
            if frac is not None:
                current, j = frac
                last, seen = "frac", True
                continue
        uv = unit_value(w)
        if uv is not None:
            cls, v = uv
            if last in ("unit", "ten") and not (last == "ten" and cls == "unit" and v < 10):
                break
            current += v
            last, seen, j = cls, True, j + 1
            continue
        if w in ("a", "an") and not seen:
            nxt = word(j + 1)
            if nxt in lex.scales or nxt in ("dozen", "score"):
                if nxt == "score" and word(j + 2) != "of":
                    break
                current = 1
                last, seen, j = "unit", True, j + 1
                continue
            break
        if w == "hundred" and seen and last != "scale":
            current = _held((current or 1) * 100)
            last, j = "hundred", j + 1
            continue
        if w in lex.scales and seen:
            total = _held(total + (current or 1) * lex.scales[w])
            current = 0
            last, j = "scale", j + 1
            continue
        if w in lex.groups_of and w != "score" and seen:
            current = _held((current or 1) * lex.groups_of[w])
            last, j = "group", j + 1
            continue
        if w == "score" and seen and word(j + 1) == "of":
            current = _held((current or 1) * lex.groups_of["score"])
            last, j = "group", j + 1
            continue
        if w == "and" and seen:
            # "one hundred and five", "one and a half million"
            nxt = word(j + 1)
            if last in ("hundred", "scale") and unit_value(nxt) is not None:
                j += 1
                continue
            if last == "unit" and nxt == "a" and word(j + 2) == "half":
                current += Fraction(1, 2)
                j += 3
                last = "frac"
                continue
        break
    if not seen:
        return None
    return _count_reading(i, j, total + current)


def _fraction(tokens: Sequence[Token], j: int, lex: Lexicon) -> tuple[Fraction, int] | None:
    """"half a million", "quarter million", "quarter of a million", "three quarters of a million",
    "half a dozen" from token ``j`` (the fraction word). Returns (value, end)."""
    n = len(tokens)
    if j >= n:
        return None
    w = tokens[j].lower
    pair = f"{w} {tokens[j + 1].lower}" if j + 1 < n else ""
    if pair in lex.fractions:
        frac, k = lex.fractions[pair], j + 2
    elif w in lex.fractions:
        frac, k = lex.fractions[w], j + 1
    else:
        return None
    if k < n and tokens[k].lower == "of":
        k += 1
    if k < n and tokens[k].lower in ("a", "an"):
        k += 1
    if k < n and (tokens[k].lower in lex.scales or tokens[k].lower == "dozen"):
        scale = lex.scales.get(tokens[k].lower) or lex.groups_of["dozen"]
        return frac * scale, k + 1
    return None


@lru_cache(maxsize=8)
def first_words(lex: Lexicon) -> dict[str, frozenset[str]]:
    """The words that phrase tables' keys start with: most tokens start none, and need no lookup."""
    tables = {"vague": lex.vague, "vague_multipliers": lex.vague_multipliers, "qualifiers": lex.qualifiers}
    return {name: frozenset(key[0] for key in table) for name, table in tables.items()}


def read_vague(tokens: Sequence[Token], i: int, lex: Lexicon) -> Reading | None:
    """A vague count at ``i``: "dozens", "tens of thousands", "several", "several hundred"."""
    firsts = first_words(lex)
    word = tokens[i].lower
    if word not in firsts["vague"] and word not in firsts["vague_multipliers"]:
        return None
    mult = _phrase_at(tokens, i, lex.vague_multipliers)
    if mult is not None:
        key, j = mult
        factor, end = _read_scales(tokens, j, lex)
        if end > j:
            lo, hi = lex.vague_multipliers[key]
            if hi * factor > MAX_COUNT:
                return Reading(i, end, 0, None, None, "exact", reject="too_large")
            return Reading(i, end, lo * factor, lo * factor, hi * factor, "vague")
    vague = _phrase_at(tokens, i, lex.vague)
    if vague is not None:
        key, j = vague
        lo, hi = lex.vague[key]
        return Reading(i, j, lo, lo, hi, "vague")
    return None


def read_number(tokens: Sequence[Token], i: int, lex: Lexicon) -> Reading | None:
    """The number starting at token ``i``, if any."""
    tok = tokens[i]
    if tok.kind == "num":
        return read_digits(tokens, i, lex)
    if tok.kind != "word":
        return None
    return read_vague(tokens, i, lex) or read_words(tokens, i, lex)
