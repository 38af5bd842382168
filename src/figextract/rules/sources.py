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
    proper: bool = False  # named by a proper name (gazetteer name or capitalised description), not "police"


@lru_cache(maxsize=8)
def common_aliases(lex: Lexicon) -> frozenset[str]:
    """Aliases written in lower case in the gazetteer: common nouns ("police", "health ministry")."""
    return frozenset(a.lower() for org in lex.organisations for a in org.aliases if a[:1].islower())


@lru_cache(maxsize=8)  # built once per lexicon: compiling the alternation costs more than a document
def gazetteer_patterns(lex: Lexicon) -> tuple[regex.Pattern[str], regex.Pattern[str], dict[str, str], dict[str, str]]:
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
    """Organisations named in ``tokens``, most specific first: anaphors ("the UN agency"), gazetteer
    aliases, descriptions ("the Jalisco state prosecutor's office", "Hengaw, a rights group,"), and
    last the model's ORG entities."""
    if not tokens:
        return []
    lo, hi = tokens[0].start, tokens[-1].end
    starts = [t.start for t in tokens]
    found: list[OrgMention] = []
    taken: list[tuple[int, int]] = []

    def add(first: int, last: int, name: str | None, surface: str, proper: bool = False) -> None:
        s, e = tokens[first].start, tokens[last - 1].end
        if not any(s < te and ts < e for ts, te in taken):
            found.append(OrgMention(first, last, name, surface, proper))
            taken.append((s, e))

    for i in range(len(tokens) - 1):
        for n in (3, 2):
            if tuple(t.lower for t in tokens[i : i + n]) in lex.anaphors and i + n <= len(tokens):
                named_next = i + n < len(tokens) and tokens[i + n].kind == "word" and tokens[i + n].text[:1].isupper()
                if not named_next:  # "the charity Sea-Watch said": a description of a name, not an anaphor
                    add(i, i + n, None, text[tokens[i].start : tokens[i + n - 1].end])
                break
    folded_re, exact_re, folded, exact = gazetteer_patterns(lex)
    hits = [(m.start(), m.end(), folded[m.group().lower()]) for m in folded_re.finditer(text, lo, hi)]
    hits += [(m.start(), m.end(), exact[m.group()]) for m in exact_re.finditer(text, lo, hi)]
    gazetteer: dict[tuple[int, int], str] = {}
    for s, e, name in hits:
        rng = _token_range(starts, tokens, s, e)
        if rng is not None:
            gazetteer.setdefault(rng, name)
    # Longest first; a description ending in a known alias keeps the canonical name
    # ("the Haitian National Police" is police) but its own words as source_text.
    candidates: list[tuple[tuple[int, int], str | None, bool]] = [(rng, name, False) for rng, name in gazetteer.items()]
    common = common_aliases(lex)
    for rng in described_orgs(tokens, lex):
        inside = [(a, b, name) for (a, b), name in gazetteer.items() if rng[0] <= a and b <= rng[1]]
        if any(text[tokens[a].start : tokens[b - 1].end].lower() not in common or b - a >= 2 for a, b, _ in inside):
            continue  # a name inside a description: "the UK-based Syrian Observatory for Human Rights"
        inner = next((name for a, b, name in inside if b == rng[1]), None)
        candidates.append((rng, inner, inner is None))
    for (first, last), canonical, own_name in sorted(candidates, key=lambda c: (c[0][0] - c[0][1], c[2])):
        surface = text[tokens[first].start : tokens[last - 1].end]
        proper = any(_is_name_word(t) for t in tokens[first:last]) and (own_name or surface.lower() not in common)
        if own_name and not proper and tokens[last - 1].lower in lex.anaphor_heads:
            add(first, last, None, text[tokens[first - 1].start : tokens[last - 1].end] if first and tokens[first - 1].lower == "the" else surface)
            continue  # "the medical group", "the Geneva-based monitor": a description that refers back
        add(first, last, surface if own_name else canonical, surface, proper)
    for s, e in entity_spans:
        if e <= lo or s >= hi:
            continue
        name = _TRAILING_POSSESSIVE.sub("", _LEADING_THE.sub("", text[s:e])).strip()
        rng = _token_range(starts, tokens, s + (len(text[s:e]) - len(_LEADING_THE.sub("", text[s:e]))), e)
        if name and rng is not None:
            add(rng[0], rng[1], name, name)
    return sorted(found, key=lambda o: o.start)


def _is_name_word(tok: Token) -> bool:
    """A word that makes a phrase a proper name: capitalised, but not "Geneva-based" or "US-led"."""
    return tok.kind == "word" and tok.text[:1].isupper() and not tok.lower.endswith(("-based", "-led", "-run", "-backed"))


def described_orgs(tokens: Sequence[Token], lex: Lexicon) -> list[tuple[int, int]]:
    """Token ranges of organisations the text describes rather than names from the gazetteer.

    A noun phrase ending in an organisation noun after "the" or a possessive ("the transitional
    government", "Mexico's National Search Commission"), and a proper name set off by commas next to
    such a noun ("Hengaw, a Kurdish rights group," / "a rights group, Sahel Civic Watch,").
    """
    out: list[tuple[int, int]] = []
    stop = lex.words["stop_words"]
    n = len(tokens)
    for h, tok in enumerate(tokens):
        if tok.lower not in lex.org_nouns:
            continue
        first = h
        while first > 0:
            prev = tokens[first - 1]
            if prev.lower in ("'s", "’s"):
                if first >= 2 and (tokens[first - 2].text[:1].isupper() or tokens[first].text[:1].isupper()):
                    break  # "Mexico's National Search Commission", "the city's Disaster Risk Management Centre"
                first -= 1
                continue
            if prev.lower in ("and", "&") and first >= 2 and tokens[first - 2].text[:1].isupper() and tokens[first].text[:1].isupper():
                first -= 1  # "National Disaster Risk Reduction and Management Council"
                continue
            if prev.kind != "word" or prev.lower in stop or prev.lower in ("said", "says"):
                break
            first -= 1
        before = tokens[first - 1].lower if first > 0 else ""
        last = h + 1
        # "Office of the Prosecutor General", "Association for Political Prisoners"
        if last + 1 < n and tokens[last].lower in ("of", "for", "on") and tok.text[:1].isupper():
            k = last + 1 + (tokens[last + 1].lower == "the")
            end = k
            while end < n and tokens[end].kind == "word" and (tokens[end].text[:1].isupper() or tokens[end].lower == "and"):
                end += 1
            while end > k and tokens[end - 1].lower == "and":
                end -= 1
            if end > k:
                last = end
        if before in ("a", "an", "its", "their", "his", "her", "another", "one") or (first == h and last == h + 1 and tok.lower not in lex.org_nouns_standalone):
            continue  # "a rights group" names nobody; "its monitoring mission" is part of the speaker
        # "the maritime rescue service Salvamento Marítimo said": the name after the description.
        name_end = last
        while name_end < n and tokens[name_end].kind == "word" and tokens[name_end].text[:1].isupper():
            name_end += 1
        if name_end > last and tok.text.islower():
            out.append((last, name_end))
        elif before in ("the", "'s", "’s", "") or first < h:
            out.append((first, last))
    # Proper names in apposition with an organisation noun.
    for i in range(n - 2):
        if tokens[i].text != "," or tokens[i + 1].lower not in ("a", "an"):
            continue
        close = next((j for j in range(i + 2, min(n, i + 10)) if tokens[j].text in (",", ".")), None)
        if close is None or tokens[close - 1].lower not in lex.org_nouns:
            continue
        name_end = i
        name_start = name_end
        while name_start > 0 and tokens[name_start - 1].kind == "word" and tokens[name_start - 1].text[:1].isupper():
            name_start -= 1
        if name_start < name_end:
            out.append((name_start, name_end))
        # "a local rights group, Sahel Civic Watch, put ..."
        j = close + 1
        while j < n and tokens[j].kind == "word" and tokens[j].text[:1].isupper():
            j += 1
        if j > close + 1 and j < n and tokens[j].text == ",":
            out.append((close + 1, j))
    return out


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
    # "X told Reuters": the news agency is the listener, not the source.
    if org.start > start and tokens[org.start - 1].lower in ("told", "tells", "telling"):
        return False
    return (
        _headline_credit(tokens, org, start, end)
        or _speaks(tokens, org, end, lex)
        or _goes_on_saying(tokens, org, start, end, lex)
        or _is_cited(tokens, org, start, lex)
        or _speaks_after_quote(tokens, org, start, end, lex)
    )


def _headline_credit(tokens: Sequence[Token], org: OrgMention, start: int, end: int) -> bool:
    """ "Overnight Strikes on Gaza Kill 32: Civil Defence" """
    return org.start > start and tokens[org.start - 1].text == ":" and (org.end == end or tokens[org.end].text in (".", "!"))


def _speaks(tokens: Sequence[Token], org: OrgMention, end: int, lex: Lexicon) -> bool:
    """ "X said", "X's spokesman told …", "the Health Ministry in Gaza said", "X, a rights group, said" """
    j = org.end
    if j < end and tokens[j].text == ",":
        close = next((k for k in range(j + 1, min(end, j + 16)) if tokens[k].text == ","), None)
        if close is not None and _phrase_starting_at(tokens, close + 1, lex.after_speaker, end) is not None:
            return True
    skipped = 0
    while j < end and skipped <= 6:
        if _phrase_starting_at(tokens, j, lex.after_speaker, end) is not None:
            return True
        # Titles, places and possessives may stand between.
        tok = tokens[j]
        between = (
            tok.lower in lex.speaker_nouns
            or tok.lower in lex.org_nouns  # "the civil defence agency said"
            or (tok.lower in lex.words["place_nouns"] and tok.lower not in ("the", "a"))
            or tok.text in (",", "'s", "’s")
            or tok.text[:1].isupper()
        )
        if not between:
            return False
        j += 1
        skipped += 1
    return False


def _goes_on_saying(tokens: Sequence[Token], org: OrgMention, start: int, end: int, lex: Lexicon) -> bool:
    """ "X questioned the claim, saying …", "X recovered 27 bodies, and said …" (X the subject)."""
    if org.start - start > 3:
        return False
    for k in range(org.end, end - 1):
        if tokens[k].text == "," and _phrase_starting_at(tokens, k + 1, lex.participles, end) is not None:
            return True
        if tokens[k].text in (";", ":"):
            return False
    return False


def _is_cited(tokens: Sequence[Token], org: OrgMention, start: int, lex: Lexicon) -> bool:
    """ "according to (a new report released by) X", "citing X", "data from X" """
    words = lex.words
    k = org.start
    hops = 0
    while k > start and hops <= 8:
        before = _phrase_ending_at(tokens, k, lex.before_speaker, start)
        if before is not None:
            if tuple(t.lower for t in tokens[before:k]) not in (("by",), ("from",)):
                return True
            # "by"/"from" only after a report: "a report released by X", "figures from X"
            window = tokens[max(start, before - 5) : before]
            if hops <= 3 and any(t.lower in words["report_nouns"] or (t.lower,) in lex.after_speaker for t in window):
                return True
        if tokens[k - 1].text in (".", ";") or (tokens[k - 1].lower in words["blockers"] and tokens[k - 1].lower != "according"):
            return False
        k -= 1
        hops += 1
    return False


def _speaks_after_quote(tokens: Sequence[Token], org: OrgMention, start: int, end: int, lex: Lexicon) -> bool:
    """ "…, said the ministry." but not "…, said security forces had detained 230 people"."""
    k = org.start
    if k > start and tokens[k - 1].lower == "the":
        k -= 1
    inv = _phrase_ending_at(tokens, k, lex.inverted, start)
    if inv is None or not (inv == start or tokens[inv - 1].text in (",", '"', "”", "'", "’")):
        return False
    nxt = tokens[org.end] if org.end < end else None
    return nxt is None or nxt.text in (".", ",", ";", ":") or nxt.lower in ("on", "in", "late", "earlier", "last", "this", "yesterday", "today", "overnight")


def pronoun_speaks(tokens: Sequence[Token], start: int, end: int, lex: Lexicon) -> bool:
    """"It said …", "they reported …": a pronoun reporter that refers back to the last source."""
    for j in range(start, end - 1):
        if tokens[j].lower in lex.words["pronoun_speakers"] and _phrase_starting_at(tokens, j + 1, lex.after_speaker, end):
            return True
    return False


def has_speech(tokens: Sequence[Token], start: int, end: int, lex: Lexicon) -> bool:
    """Whether someone is quoted in the sentence ("a witness said", "according to residents",
    "local activists put the number at 200")."""
    for j in range(start, end):
        if tokens[j].lower in ("said", "says", "told", "according"):
            return True
        if tokens[j].lower in lex.person_speakers and _phrase_starting_at(tokens, j + 1, lex.after_speaker, end) is not None:
            return True
    return False
