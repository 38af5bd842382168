"""Find every number mention in a token list, normalise it, and say why it cannot be a count.

A mention is a qualifier ("almost", "at least", "between") plus a number. Each gets value, bounds and
qualifier here; ``reject`` names the reason (year, date, age, money…) when the context rules it out
as a count of people. Pure functions; no spaCy.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Sequence

import regex

from .lexicon import Lexicon
from .numbers import Reading, digits_value, first_words, read_number
from .tokens import Token

__all__ = ["Mention", "VAGUE_POLICIES", "find_mentions", "vague_value"]

VAGUE_POLICIES = ("low", "mid", "high")
_YEAR = regex.compile(r"1[89]\d\d|20\d\d|2100")


@dataclass(frozen=True)
class Mention:
    """A number with its qualifier over tokens ``[start, end)``; the number itself is ``[num_start, end)``."""

    start: int
    num_start: int
    end: int
    value: int
    low: int | None
    high: int | None
    qualifier: str
    reject: str | None = None


def vague_value(low: int, high: int, policy: str) -> int:
    """The point value of a vague count under a policy: its low bound, midpoint or high bound."""
    if policy == "low":
        return low
    if policy == "high":
        return high
    if policy == "mid":
        return (low + high) // 2
    raise ValueError(f"vague_value: expected one of {VAGUE_POLICIES}, instead got {policy!r}")


def _qualifier_at(tokens: Sequence[Token], i: int, lex: Lexicon) -> tuple[str, int] | None:
    if tokens[i].lower not in first_words(lex)["qualifiers"]:
        return None
    for n in (3, 2, 1):
        key = tuple(t.lower for t in tokens[i : i + n])
        if len(key) == n and key in lex.qualifiers:
            return lex.qualifiers[key], i + n
    return None


def _scale_of(tokens: Sequence[Token], r: Reading, lex: Lexicon) -> Fraction:
    """How much the scale words of ``r`` multiply its first number ("3 million" -> 1000000), exactly."""
    first = tokens[r.start].lower
    base = digits_value(tokens[r.start].text) if tokens[r.start].kind == "num" else lex.units.get(first, lex.tens.get(first))
    return Fraction(r.value) / base if base else Fraction(1)


def _read_range(tokens: Sequence[Token], a: Reading, lex: Lexicon, between: bool) -> Reading | None:
    """ "10 to 15", "two or three", "between 10 and 15" (``between`` allows "and")."""
    if a.kind != "exact" or a.reject or a.end + 1 >= len(tokens):
        return None
    joiner = tokens[a.end].lower
    if joiner not in (("and",) if between else ("to", "or", "-", "–")):
        return None
    b = read_number(tokens, a.end + 1, lex)
    if b is None or b.kind != "exact" or b.reject:
        return None
    low = a.value
    if a.end - a.start == 1 and b.end - b.start > 1:
        scale = _scale_of(tokens, b, lex)
        if scale >= 100 and low * scale < b.value:  # "2 to 3 million"
            low = int(low * scale)
    if low >= b.value:
        return None
    return Reading(a.start, b.end, low, low, b.value, "range")


def _bounded(r: Reading, qualifier: str | None, policy: str) -> tuple[int, int | None, int | None, str]:
    """Value, low, high and qualifier for a reading under its qualifier (see the README table)."""
    if r.kind == "range":
        return r.value, r.low, r.high, "range"
    if r.kind == "vague":
        assert r.low is not None and r.high is not None
        value = vague_value(r.low, r.high, policy)
        if qualifier is None:
            return value, r.low, r.high, "vague"
        value = r.low  # a qualifier bounds the count from its smallest reading: "more than a dozen"
    else:
        value = r.value
    if qualifier is None:
        return value, value, value, "exact"
    if qualifier in ("more_than", "at_least"):
        return value, value, None, qualifier
    if qualifier in ("less_than", "at_most"):
        return value, None, value, qualifier
    return value, None, None, qualifier


def find_mentions(tokens: Sequence[Token], lex: Lexicon, policy: str = "low") -> list[Mention]:
    """Every number mention in ``tokens``, in order, with a reject reason where it is not a count."""
    out: list[Mention] = []
    i = 0
    n = len(tokens)
    while i < n:
        start = i
        qualifier = None
        between = False
        q = _qualifier_at(tokens, i, lex)
        if tokens[i].lower == "between" and i + 1 < n:
            between, i = True, i + 1
        elif q is not None:
            qualifier, i = q
            if i >= n:
                i = start + 1
                continue
        r = read_number(tokens, i, lex)
        if r is None or (qualifier == "approximate" and tokens[start].lower == "some" and r.kind != "exact"):
            i = start + 1
            continue
        ranged = None if tokens[r.start - 1].lower == "from" and r.start > 0 else _read_range(tokens, r, lex, between)
        if ranged is not None:
            r = ranged
        elif between:
            start = i  # "between" without "and": not part of this mention
        value, low, high, qual = _bounded(r, None if ranged else qualifier, policy)
        reject = r.reject or _context_reject(tokens, r, lex)
        out.append(Mention(start, r.start, r.end, value, low, high, qual, reject))
        i = r.end
    return out


def _in_age_list(tokens: Sequence[Token], start: int) -> bool:
    """Whether the number at ``start`` ends a list of ages: "aged between 19 and 27", "ages 17, 18 and 19"."""
    k = start - 1
    while k >= 0 and start - k <= 8:
        tok = tokens[k]
        if tok.lower in ("aged", "age", "ages"):
            return True
        if not (tok.kind == "num" or tok.lower in ("from", "to", "and", "between", ",", "-", "–", "or")):
            return False
        k -= 1
    return False


_AGE_LIST = 40  # tokens


def _in_apposed_ages(tokens: Sequence[Token], r: Reading) -> bool:
    """Whether the number is one of a list of small numbers set off by commas after a noun:
    "teens, 15 and 17,", "The students, both 13,"."""
    # A list longer than _AGE_LIST tokens either way is no list of ages; the bound also keeps a
    # sentence of thousands of numbers from being walked once per number.
    n = min(len(tokens), r.end + _AGE_LIST)
    k = r.start - 1
    while k >= max(0, r.start - _AGE_LIST) and (tokens[k].kind == "num" or tokens[k].lower in ("and", "both", "each", "all")):
        k -= 1
    if k < 1 or tokens[k].text != "," or tokens[k - 1].kind != "word" or tokens[k - 1].text[:1].isdigit():
        return False
    j = r.end
    while j < n and (tokens[j].kind == "num" or tokens[j].lower in ("and", ",")) and not (tokens[j].text == "," and (j + 1 >= len(tokens) or tokens[j + 1].kind != "num")):
        j += 1
    if j == n < len(tokens):
        return False  # (the list goes on past the bound)
    closed = j >= len(tokens) or tokens[j].text in (",", ".", ")", ";")
    items = [t for t in tokens[k + 1 : j] if t.kind == "num"]
    small = all(len(t.text) <= 3 and t.text.isdecimal() and int(t.text) <= 120 for t in items)  # (int() refuses 4,301 digits)
    return closed and small and (len(items) > 1 or tokens[r.start - 1].lower in ("both", "each", "all"))


def _context_reject(tokens: Sequence[Token], r: Reading, lex: Lexicon) -> str | None:
    """Why the words around a number make it something other than a count of people."""
    words = lex.words
    n = len(tokens)
    prev = tokens[r.start - 1] if r.start > 0 else None
    prev2 = tokens[r.start - 2] if r.start > 1 else None
    nxt = tokens[r.end] if r.end < n else None
    nxt2 = tokens[r.end + 1] if r.end + 1 < n else None
    first = tokens[r.start]
    single = r.end - r.start == 1

    if single and first.kind == "num" and _YEAR.fullmatch(first.text):
        return "year"
    # "Sept. 21": the tokenizer splits the abbreviation's full stop off.
    month_before = prev is not None and (prev.lower.rstrip(".") in words["months"] or (prev.text == "." and prev2 is not None and prev2.lower in words["months"]))
    if r.kind == "exact" and r.value <= 31 and (month_before or (nxt is not None and nxt.lower.rstrip(".") in words["months"])):
        return "date"
    if nxt is not None and (
        (nxt.text in (":", ".") and nxt2 is not None and nxt2.kind == "num" and first.kind == "num" and nxt2.start == nxt.end)
        or nxt.lower in words["time_words"]
        or (nxt2 is not None and f"{nxt.lower} {nxt2.lower}" in words["time_words"])
    ):
        return "time"
    if prev is not None and prev.text == ":" and prev2 is not None and prev2.kind == "num":
        return "time"
    if prev is not None and (prev.lower in words["currency_symbols"] or prev.text in words["currency_symbols"]):
        return "money"
    if prev is not None and prev.lower in ("us", "a") and prev2 is not None and prev2.text == "$":
        return "money"
    if nxt is not None and (nxt.lower in words["currency_words"] or nxt.lower in words["currency_symbols"]):
        return "money"
    if nxt is not None and (nxt.lower in words["percent_words"] or (nxt2 is not None and f"{nxt.lower} {nxt2.lower}" in words["percent_words"])):
        return "percent"
    if nxt is not None and (nxt.lower in words["unit_words"] or (nxt2 is not None and f"{nxt.lower} {nxt2.lower}" in words["unit_words"])):
        return "measure"
    if prev is not None and prev.lower in ("magnitude", "magnitude-", "richter"):
        return "measure"
    if nxt is not None and nxt2 is not None and nxt.lower == "block" and nxt2.lower == "of":
        return "label"  # "the 2300 block of Louise Harris Drive": an address
    if prev is not None and prev.lower in words["call_words"]:
        return "label"  # "called 911", "dial 999": a telephone number
    call_sign = lex.speech.call_sign
    if prev is not None and call_sign is not None and call_sign.fullmatch(prev.text):
        return "label"  # "- WSMV 4", "KTLA 5 News": a station's channel
    if r.value <= 120 and r.kind == "exact":
        if prev is not None and prev.lower in ("aged", "age", "ages"):
            return "age"
        if _in_age_list(tokens, r.start):
            return "age"  # "ranging in age from 19 to 27", "ages 17, 18 and 19"
        if nxt is not None and nxt.lower in ("year-old", "years-old", "yr-old", "month-old", "months-old", "week-old", "day-old"):
            return "age"  # "a 26 year-old man": the hyphen before "year" is missing
        if nxt is not None and nxt2 is not None and nxt.lower in ("and", "or") and nxt2.lower in ("older", "over", "above", "up", "younger", "under"):
            return "age"  # "adults 65 and older"
        if _in_apposed_ages(tokens, r):
            return "age"  # "the two wounded teens, 15 and 17, were", "The students, both 13, were"
        # "children under 15", "people over 75"
        if prev is not None and prev.lower in ("under", "over", "above", "below") and prev2 is not None and (
            prev2.lower in ("children", "people", "adults", "those", "women", "men", "girls", "boys", "aged")
        ):
            return "age"
        if nxt is not None and nxt.lower in ("years", "year", "yrs", "months") and nxt2 is not None and nxt2.lower in ("old", "of"):
            return "age"
        # "the suspect, 32, was ..." / "Smith (32)"
        if (
            prev is not None
            and nxt is not None
            and ((prev.text == "," and nxt.text == ",") or (prev.text == "(" and nxt.text == ")"))
            and prev2 is not None
            and (prev2.kind == "word" or (prev2.text == "." and r.start > 2 and tokens[r.start - 3].kind == "word"))  # "Jr., 27,"
            and first.kind == "num"
        ):
            return "age"
    if single and first.lower == "one":
        if nxt is not None and nxt.lower in ("of", "another", "day", "time", "point", "side", "way"):
            return "not_a_count"
        if prev is not None and prev.lower in ("no", "any", "every", "some", "the", "this"):
            return "not_a_count"
        # "which one is it?" but not "…, in which one civilian was killed"
        if prev is not None and prev.lower == "which" and (nxt is None or nxt.kind != "word" or (nxt.lower,) in lex.phrases["auxiliaries"]):
            return "not_a_count"
    if prev is not None and prev.lower in words["label_words"] and (prev.text[0].isupper() or prev.lower in ("no", "no.", "number")):
        return "label"
    if r.kind == "range" and any(t.lower in words["sports_words"] for t in tokens[max(0, r.start - 3) : r.start]):
        return "score"
    if first.kind == "num" and first.text.count("-") >= 2:
        return "code"
    return None
