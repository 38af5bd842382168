"""Find the organisations a sentence names and which of them it quotes as reporting something.

Organisations come from the gazetteer (``data/sources.json``) and, as a fall-back, from ORG entity
spans that a statistical model found. Pure functions; no spaCy.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

import regex

from .lexicon import Lexicon, is_case_sensitive
from .tokens import Token

_LEADING_THE = regex.compile(r"^(?:the|The|THE)\s+")
_TRAILING_POSSESSIVE = regex.compile(r"['’]s$")


@dataclass(frozen=True)
class OrgMention:
    """An organisation named over tokens ``[start, end)``; ``name`` is None for an anaphor."""

    start: int
    end: int
    name: str | None
    text: str


@lru_cache(maxsize=8)
def _gazetteer_patterns(lex: Lexicon) -> tuple[regex.Pattern[str], regex.Pattern[str], dict[str, str], dict[str, str]]:
    """One case-insensitive and one case-sensitive alternation of every alias, longest first."""
    folded: dict[str, str] = {}
    exact: dict[str, str] = {}
    for org in lex.organisations:
        for alias in org.aliases:
            if is_case_sensitive(alias):
                exact.setdefault(alias, org.name)
            else:
                folded.setdefault(alias.lower(), org.name)

    def alternation(names: Sequence[str], flags: int) -> regex.Pattern[str]:
        body = "|".join(regex.escape(a) for a in sorted(names, key=len, reverse=True)) or "(?!)"
        return regex.compile(rf"(?<![\p{{L}}\d])(?:{body})(?![\p{{L}}\d])", flags)

    return alternation(list(folded), regex.IGNORECASE), alternation(list(exact), 0), folded, exact


def _token_range(starts: Sequence[int], tokens: Sequence[Token], start: int, end: int) -> tuple[int, int] | None:
    """Token indices covering characters ``[start, end)``; None if the span splits a token."""
    first = bisect_left(starts, start)
    if first >= len(tokens) or tokens[first].start != start:
        return None
    last = first
    while last < len(tokens) and tokens[last].end <= end:
        last += 1
    return (first, last) if last > first else None


def find_orgs(
    text: str,
    tokens: Sequence[Token],
    lex: Lexicon,
    entity_spans: Sequence[tuple[int, int]] = (),
) -> list[OrgMention]:
    """Organisations in ``tokens`` (a slice of ``text``): gazetteer aliases, then ORG entities, then anaphors."""
    if not tokens:
        return []
    lo, hi = tokens[0].start, tokens[-1].end
    folded_re, exact_re, folded, exact = _gazetteer_patterns(lex)
    starts = [t.start for t in tokens]
    found: list[OrgMention] = []
    taken: list[tuple[int, int]] = []
    hits = [(m.start(), m.end(), folded[m.group().lower()]) for m in folded_re.finditer(text, lo, hi)]
    hits += [(m.start(), m.end(), exact[m.group()]) for m in exact_re.finditer(text, lo, hi)]
    for s, e, name in sorted(hits, key=lambda h: (h[0], -(h[1] - h[0]))):
        if any(s < te and ts < e for ts, te in taken):
            continue
        rng = _token_range(starts, tokens, s, e)
        if rng is not None:
            found.append(OrgMention(rng[0], rng[1], name, text[s:e]))
            taken.append((s, e))
    for s, e in entity_spans:
        if e <= lo or s >= hi or any(s < te and ts < e for ts, te in taken):
            continue
        name = _TRAILING_POSSESSIVE.sub("", _LEADING_THE.sub("", text[s:e])).strip()
        rng = _token_range(starts, tokens, s + (len(text[s:e]) - len(_LEADING_THE.sub("", text[s:e]))), e)
        if name and rng is not None:
            found.append(OrgMention(rng[0], rng[1], name, name))
            taken.append((s, e))
    for i in range(len(tokens) - 1):
        for n in (3, 2):
            key = tuple(t.lower for t in tokens[i : i + n])
            if len(key) == n and key in lex.anaphors:
                s, e = tokens[i].start, tokens[i + n - 1].end
                if not any(s < te and ts < e for ts, te in taken):
                    found.append(OrgMention(i, i + n, None, text[s:e]))
                    taken.append((s, e))
                break
    return sorted(found, key=lambda o: o.start)


def _phrase_ending_at(tokens: Sequence[Token], end: int, phrases: frozenset[tuple[str, ...]], floor: int) -> int | None:
    """Start of a phrase from ``phrases`` that ends just before token ``end``."""
    for n in (3, 2, 1):
        s = end - n
        if s >= floor and tuple(t.lower for t in tokens[s:end]) in phrases:
            return s
    return None


def _phrase_starting_at(tokens: Sequence[Token], i: int, phrases: frozenset[tuple[str, ...]], ceiling: int) -> int | None:
    for n in (3, 2, 1):
        if i + n <= ceiling and tuple(t.lower for t in tokens[i : i + n]) in phrases:
            return i + n
    return None


def is_attributed(tokens: Sequence[Token], org: OrgMention, start: int, end: int, lex: Lexicon) -> bool:
    """Whether the sentence ``[start, end)`` quotes ``org`` as a reporter (not as its subject or object)."""
    words = lex.words
    # "X told Reuters": the news agency is the listener, not the source.
    if org.start > start and tokens[org.start - 1].lower in ("told", "tells", "telling"):
        return False
    # X (…'s spokesman) said / reported / told …
    j = org.end
    skipped = 0
    while j < end and skipped <= 4:
        if _phrase_starting_at(tokens, j, lex.after_speaker, end) is not None:
            return True
        # Titles, places and possessives may stand between: "the Health Ministry in Gaza said".
        if tokens[j].lower in lex.speaker_nouns or tokens[j].text in (",", "'s", "’s") or tokens[j].text[:1].isupper():
            j += 1
            skipped += 1
            continue
        break
    # according to / citing … X; a report released by / data from X
    k = org.start
    hops = 0
    while k > start and hops <= 8:
        before = _phrase_ending_at(tokens, k, lex.before_speaker, start)
        if before is not None:
            lead = tuple(t.lower for t in tokens[before:k])
            if lead in (("by",), ("from",)):
                window = tokens[max(start, before - 5) : before]
                if hops <= 3 and any(t.lower in words["report_nouns"] or (t.lower,) in lex.after_speaker for t in window):
                    return True
            else:
                return True
        if tokens[k - 1].text in (".", ";") or (tokens[k - 1].lower in words["blockers"] and tokens[k - 1].lower not in ("according",)):
            break
        k -= 1
        hops += 1
    # …, said the ministry
    k = org.start
    if k > start and tokens[k - 1].lower == "the":
        k -= 1
    inv = _phrase_ending_at(tokens, k, lex.inverted, start)
    return inv is not None and (inv == start or tokens[inv - 1].text in (",", '"', "”", "'", "’"))


def pronoun_speaks(tokens: Sequence[Token], start: int, end: int, lex: Lexicon) -> bool:
    """"It said …", "they reported …": a pronoun reporter that refers back to the last source."""
    for j in range(start, end - 1):
        if tokens[j].lower in lex.words["pronoun_speakers"] and _phrase_starting_at(tokens, j + 1, lex.after_speaker, end):
            return True
    return False


def has_speech(tokens: Sequence[Token], start: int, end: int) -> bool:
    """Whether someone is quoted in the sentence ("a witness said", "according to residents")."""
    return any(t.lower in ("said", "says", "told", "according") for t in tokens[start:end])
