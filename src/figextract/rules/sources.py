"""Who a sentence names as a possible reporter, and which of those it quotes.

A reporter is a body (an organisation, an official body such as the police, a news outlet), a role
(officials, witnesses, doctors) or a person, who speaks for a body, holds a role or title, or is
named alone. ``find_sources`` finds them on the surface of the text: gazetteer aliases (a generic
body keeps its own words when qualified: "Kebbi state police"), described bodies ("the Jalisco state
prosecutor's office"), news outlets ("state media", "KTVU"), roles, titled and introduced people
("Sgt. Jane Roe of the Dayton police department", "Bernard Rawls, a neighbour,") and anaphors ("the
ministry"). ``is_attributed`` says whether the sentence quotes one of them by its surface (rule-only
mode), ``parse_reporters`` by its dependency parse. Pure functions; no spaCy.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Sequence

import regex

from .lexicon import Lexicon, Phrase, is_case_sensitive
from .syntax import PROPER_TAGS, SUBJECTS, VERB_TAGS, Parse, align
from .tokens import Token

__all__ = [
    "ANAPHOR", "BODY", "PERSON", "ROLE", "Reporter", "SourceMention", "common_aliases", "find_sources", "gazetteer_patterns", "has_speech",
    "is_attributed", "naming_pattern", "parse_reporters", "phrase_pattern", "pronoun_speaks", "reporting_pattern",
]  # fmt: skip

BODY = "body"  # a body named or described: its own name
ANAPHOR = "anaphor"  # "the ministry": a body named earlier
ROLE = "role"  # officials, witnesses, doctors: people who are no body
PERSON = "person"  # a person: speaks for a body, holds a role or title, or is named alone

_LEADING_THE = regex.compile(r"^(?:the|The|THE)\s+")
_TRAILING_POSSESSIVE = regex.compile(r"['’]s$")
_POSSESSIVE = ("'s", "’s")
_DETERMINERS = ("a", "an", "the")
_MAX_NAME = 4  # tokens of a person's name: "Robert McManus", "Ahmed Said", "Mary Ann de la Cruz"


@dataclass(frozen=True)
class SourceMention:
    """A possible reporter over tokens ``[start, end)``.

    ``name`` and ``kind`` are the record's ``source`` and ``source_kind`` when they do not depend on
    earlier sentences; an anaphor has none (its referent decides), a person has its title's source,
    or none. ``text`` is the record's ``source_text``.
    """

    start: int
    end: int
    form: str
    name: str | None
    kind: str | None
    text: str
    proper: bool = False  # named by a proper name: "the group" can refer back to it
    head: str = ""  # anaphor: the noun a referent's name should hold ("ministry")
    hint: str | None = None  # anaphor: the kind a referent should have ("the news agency": media)
    fallback: str | None = None  # anaphor: its source when nothing was named before ("ministry")
    surname: str | None = None  # person: the word a later sentence names them by ("Roe")
    body: SourceMention | None = None  # person or role phrase: the body it speaks for
    bare: bool = False  # person: a name alone, no title, role or body


def _first_word(tokens: Sequence[Token], first: int, last: int) -> int:
    """Skip a leading article: records never carry "the"."""
    return first + 1 if first < last - 1 and tokens[first].lower in _DETERMINERS[2:] else first


def _surface(text: str, tokens: Sequence[Token], first: int, last: int) -> str:
    return text[tokens[first].start : tokens[last - 1].end]


def _own_name(text: str, tokens: Sequence[Token], first: int, last: int, lex: Lexicon) -> str:
    """A body's own words as its name; a common word capitalised only because it opens the
    sentence is written in lower case ("State media said" -> "state media")."""
    words = _surface(text, tokens, first, last)
    tok = tokens[first]
    sp = lex.speech
    common = tok.lower in sp.qualifier_words or (tok.lower,) in sp.media_nouns or tok.lower in lex.org_nouns or (tok.lower,) in sp.describing_modifiers
    if first == 0 and common and tok.text[1:].islower() and all(not _is_name_word(t) for t in tokens[first + 1 : last]):
        return tok.text[:1].lower() + words[1:]
    return words


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
        body = _trie(sorted(names), space=r"\s+") or "(?!)"  # longest first: the trie's tails are greedy
        return regex.compile(rf"(?<![\p{{L}}\d])(?:{body})(?![\p{{L}}\d])", flags)

    return alternation(list(folded), regex.IGNORECASE), alternation(list(exact), 0), folded, exact


def _alias_name(table: dict[str, str], matched: str, folded: bool) -> str | None:
    """The organisation an alias the pattern matched names. The pattern takes any white space
    between words ("disaster\t agency", "UN  OCHA") and, case-insensitively, characters that only
    fold to the alias's ("ſ" for "s"), so the words are looked up as the alias spells them."""
    key = " ".join(matched.split())
    if not folded:
        return table.get(key)
    key = key.lower()
    if key in table:
        return table[key]
    return next((name for alias, name in table.items() if alias.casefold() == key.casefold()), None)


@lru_cache(maxsize=8)
def _official_words(lex: Lexicon) -> frozenset[str]:
    """Single words that make a described body officialdom: "sheriff", "police"."""
    roles = {p[0] for p, role in lex.speech.roles.items() if len(p) == 1 and role.kind == "official" and p[0] == role.name and not role.name.endswith("s")}
    aliases = {a.lower() for org in lex.organisations if org.kind == "official" for a in org.aliases if " " not in a}
    return frozenset(roles | aliases)


@lru_cache(maxsize=8)
def _organisations(lex: Lexicon) -> dict[str, tuple[str, bool]]:
    """Canonical name -> (kind, generic)."""
    return {org.name: (org.kind, org.generic) for org in lex.organisations}


def _token_range(starts: Sequence[int], tokens: Sequence[Token], start: int, end: int) -> tuple[int, int] | None:
    """Token indices covering characters ``[start, end)``; None if the span splits a token."""
    first = bisect_left(starts, start)
    if first >= len(tokens) or tokens[first].start != start:
        return None
    last = first
    while last < len(tokens) and tokens[last].end <= end:
        last += 1
    return (first, last) if last > first else None


def _is_name_word(tok: Token) -> bool:
    """A word that makes a phrase a proper name: capitalised, but not "Geneva-based" or "US-led"."""
    return tok.kind == "word" and tok.text[:1].isupper() and not tok.lower.endswith(("-based", "-led", "-run", "-backed"))


@lru_cache(maxsize=8)
def _first_words(lex: Lexicon) -> tuple[frozenset[str], frozenset[str]]:
    """The first words of the role phrases and of the media nouns: a cheap test before a lookup."""
    sp = lex.speech
    return frozenset(p[0] for p in sp.roles), frozenset(p[0] for p in sp.media_nouns)


def _phrase_at(tokens: Sequence[Token], i: int, end: int, phrases: Iterable[Phrase] | frozenset[Phrase], longest: int = 4, firsts: frozenset[str] | None = None) -> int | None:
    """End of the longest phrase from ``phrases`` that starts at token ``i`` (``firsts``: their first words)."""
    if firsts is not None and tokens[i].lower not in firsts:
        return None
    for n in range(longest, 0, -1):
        if i + n <= end and tuple(t.lower for t in tokens[i : i + n]) in phrases:  # type: ignore[operator]
            return i + n
    return None


def _phrase_ending_at(tokens: Sequence[Token], end: int, phrases: frozenset[Phrase], floor: int) -> int | None:
    """Start of a phrase from ``phrases`` that ends just before token ``end``."""
    for n in (3, 2, 1):
        s = end - n
        if s >= floor and tuple(t.lower for t in tokens[s:end]) in phrases:
            return s
    return None


def _phrase_starting_at(tokens: Sequence[Token], i: int, phrases: frozenset[Phrase], ceiling: int) -> int | None:
    for n in (3, 2, 1):
        if i + n <= ceiling and tuple(t.lower for t in tokens[i : i + n]) in phrases:
            return i + n
    return None


# --- what a sentence names ------------------------------------------------------------------------


def find_sources(
    text: str,
    tokens: Sequence[Token],
    lex: Lexicon,
    organisation_spans: Sequence[tuple[int, int]] = (),
) -> list[SourceMention]:
    """Possible reporters named in ``tokens``, in text order, none overlapping another.

    ``organisation_spans`` are character spans the model judged to be organisations; they name a
    body only where the rules found none.
    """
    if not tokens:
        return []
    atoms = _atoms(text, tokens, lex)
    mentions = _phrases(text, tokens, lex, atoms)
    starts = [t.start for t in tokens]
    lo, hi = tokens[0].start, tokens[-1].end
    for s, e in organisation_spans:
        if e <= lo or s >= hi:
            continue
        name = _TRAILING_POSSESSIVE.sub("", _LEADING_THE.sub("", text[s:e])).strip()
        rng = _token_range(starts, tokens, s + (len(text[s:e]) - len(_LEADING_THE.sub("", text[s:e]))), e)
        if not name or rng is None:
            continue
        overlapping = [m for m in mentions if m.start < rng[1] and rng[0] < m.end]
        if any(not (m.form == PERSON and m.bare) for m in overlapping):
            continue  # the rules named it already
        mentions = [m for m in mentions if m not in overlapping]
        mentions.append(SourceMention(rng[0], rng[1], BODY, name, "organisation", name))
    return _named_after_description(tokens, sorted(mentions, key=lambda m: m.start))


def _named_after_description(tokens: Sequence[Token], mentions: list[SourceMention]) -> list[SourceMention]:
    """A body described, then named: the name stands ("Turkey's disaster agency AFAD said", "the
    national disaster management agency, INGD, said")."""
    n = len(tokens)
    out = list(mentions)
    for a, b in zip(mentions, mentions[1:]):
        if a.form != BODY or b.form != BODY or not tokens[a.end - 1].text.islower():
            continue  # (a description ends in a common noun: "agency", "ministry")
        direct = b.start == a.end
        set_off = b.start == a.end + 1 and tokens[a.end].text == "," and b.end < n and tokens[b.end].text == ","
        if (direct or set_off) and _is_acronym(tokens[b.start]) and b.end == b.start + 1:
            out.remove(a)
    return out


def _atoms(text: str, tokens: Sequence[Token], lex: Lexicon) -> list[SourceMention]:
    """Bodies, anaphors and roles, most specific first, none overlapping."""
    sp = lex.speech
    lo, hi = tokens[0].start, tokens[-1].end
    starts = [t.start for t in tokens]
    found: list[SourceMention] = []
    taken: list[tuple[int, int]] = []

    def free(first: int, last: int) -> bool:
        return not any(first < b and a < last for a, b in taken)

    def add(m: SourceMention) -> None:
        if free(m.start, m.end):
            found.append(m)
            taken.append((m.start, m.end))

    folded_re, exact_re, folded, exact = gazetteer_patterns(lex)
    hits = [(m.start(), m.end(), _alias_name(folded, m.group(), True)) for m in folded_re.finditer(text, lo, hi)]
    hits += [(m.start(), m.end(), _alias_name(exact, m.group(), False)) for m in exact_re.finditer(text, lo, hi)]
    gazetteer: dict[tuple[int, int], str] = {}
    for s, e, name in hits:
        rng = _token_range(starts, tokens, s, e)
        if rng is not None and name is not None:
            gazetteer.setdefault(rng, name)
    orgs = _organisations(lex)
    candidates: list[tuple[tuple[int, int], SourceMention]] = []
    for (first, last), name in gazetteer.items():
        kind, generic = orgs[name]
        if (tokens[last - 1].lower,) in lex.speech.roles and kind == "organisation":
            kind = "official"  # "health officials": officials of the ministry
        if generic:
            q = _qualified_start(tokens, first, lex, last)
            end = last
            if end < len(tokens) and tokens[end].lower in lex.org_nouns and tokens[end].text[:1].isupper() == tokens[end - 1].text[:1].isupper():
                end += 1  # "the Kenya Red Cross Society", "the state civil defence agency"
            if q < first or end > last:
                own = _surface(text, tokens, q, end)
                candidates.append(((q, end), SourceMention(q, end, BODY, _own_name(text, tokens, q, end, lex), kind, own, proper=True)))
                continue
        surface = _surface(text, tokens, first, last)
        proper = not generic or surface.lower() not in common_aliases(lex)
        candidates.append(((first, last), SourceMention(first, last, BODY, name, kind, surface, proper=proper)))
    common = common_aliases(lex)
    for (first, last), via_of in _described(tokens, lex):
        inside = [(a, b, name) for (a, b), name in gazetteer.items() if first <= a and b <= last]
        specific = [x for x in inside if not orgs[x[2]][1]]
        if specific:
            continue  # a name inside a description: "the UK-based Syrian Observatory for Human Rights"
        at_end = next((name for a, b, name in inside if b == last), None)
        if inside and not (via_of and at_end is not None):
            continue  # the generic body reads its own qualifiers: "the Gaza health ministry"
        surface = _surface(text, tokens, first, last)
        kind = orgs[at_end][0] if at_end is not None else "organisation"
        if any(t.lower in _official_words(lex) for t in tokens[first:last]):
            kind = "official"  # "the Arapahoe County Sheriff's Office"
        proper = any(_is_name_word(t) for t in tokens[first:last])
        if not proper and tokens[last - 1].lower in lex.anaphor_heads and _only_describes(tokens, first, last - 1, lex):
            the = first - 1 if first and tokens[first - 1].lower == "the" else first
            candidates.append(((first, last), _anaphor(text, tokens, the, last, lex)))
            continue  # "the medical group", "the Geneva-based monitor": a description that refers back
        if not proper and surface.lower() in common:
            continue
        candidates.append(((first, last), SourceMention(first, last, BODY, _own_name(text, tokens, first, last, lex), kind, surface, proper=proper)))
    for (first, last), m in _media(text, tokens, lex):
        candidates.append(((first, last), m))
    for i in range(len(tokens) - 1):
        for n in (3, 2):
            if i + n <= len(tokens) and tuple(t.lower for t in tokens[i : i + n]) in lex.anaphors:
                named_next = i + n < len(tokens) and _is_name_word(tokens[i + n]) and tokens[i + n].lower not in lex.speech.speech_verbs
                if not named_next:  # "the charity Sea-Watch said": a description of a name, not an anaphor
                    candidates.append(((i, i + n), _anaphor(text, tokens, i, i + n, lex)))
                break
    role_firsts = _first_words(lex)[0]

    def roles(longer: bool) -> None:
        i = 0
        while i < len(tokens):
            end = _phrase_at(tokens, i, len(tokens), sp.roles, 4, role_firsts)
            if end is None or not free(i, end) or (end - i > 1) != longer:
                i += 1
                continue
            role = sp.roles[tuple(t.lower for t in tokens[i:end])]
            q = _qualified_start(tokens, i, lex)
            while q < i and not free(q, i):
                q += 1  # "Army officials": the army is a body of its own
            add(SourceMention(q, end, ROLE, role.name, role.kind, _surface(text, tokens, q, end)))
            i = end

    # Roles of several words first ("civil society leaders", "hospital officials"), one-word roles
    # last ("Army officials" is the army; "health officials" an alias of the ministry).
    roles(longer=True)
    for (first, last), m in sorted(candidates, key=lambda c: (c[0][0] - c[0][1], c[1].form != BODY)):
        add(m)
    roles(longer=False)
    return sorted(found, key=lambda m: m.start)




def _anaphor(text: str, tokens: Sequence[Token], first: int, last: int, lex: Lexicon) -> SourceMention:
    words = [t.lower for t in tokens[first:last]]
    head = words[-1]
    own = _surface(text, tokens, _first_word(tokens, first, last), last)
    media = any((w,) in lex.speech.media_nouns for w in words) or tuple(words[-2:]) in lex.speech.media_nouns
    fallback = own if head in lex.org_nouns or media else None
    return SourceMention(first, last, ANAPHOR, None, None, _surface(text, tokens, first, last), head=head, hint="media" if media else None, fallback=fallback)


def _only_describes(tokens: Sequence[Token], first: int, last: int, lex: Lexicon) -> bool:
    """Whether the words ``[first, last)`` before a noun only describe a body named earlier
    ("the Geneva-based monitor", "the medical group") rather than name another ("the railway ministry")."""
    described = lex.speech.describing_modifiers
    j = first
    while j < last:
        tok = tokens[j]
        if tok.lower.endswith(("-based", "-led", "-run", "-backed")):
            j += 1
            continue
        end = _phrase_at(tokens, j, last, described, 2)
        if end is None:
            return False
        j = end
    return True


def _qualified_start(tokens: Sequence[Token], first: int, lex: Lexicon, last: int | None = None) -> int:
    """Where the qualifiers of a body or role before token ``first`` begin: "Kebbi state police",
    "the Gaza health ministry", "Russia's Defence Ministry", "city officials"."""
    sp = lex.speech
    stop = lex.words["stop_words"]
    j = first
    while j > 0:
        prev = tokens[j - 1]
        if prev.lower in _POSSESSIVE:
            if j >= 2 and _qualifier_word(tokens[j - 2], lex) and _is_name_word(tokens[j - 2]):
                j -= 2
                continue
            break
        if _qualifier_word(prev, lex):
            j -= 1
            continue
        if prev.lower in ("and", "&") and j >= 2 and _is_name_word(tokens[j - 2]) and _is_name_word(tokens[j]):
            j -= 1  # "Japan's Fire and Disaster Management Agency"
            continue
        break
    # Any words between "the" and the body qualify it: "the cantonal police", "the city's fire department".
    k = j
    while k > 0 and j - k < 3 and tokens[k - 1].kind == "word" and (tokens[k - 1].lower not in stop or tokens[k - 1].lower in _POSSESSIVE) and tokens[k - 1].lower not in lex.speech.speech_verbs:
        k -= 1
    ends = last is not None and (last >= len(tokens) or tokens[last].kind != "word" or tokens[last].lower in stop or tokens[last].lower in lex.speech.speech_verbs)
    if ends and k < j and k > 0 and tokens[k - 1].lower == "the" and tokens[k].lower not in _POSSESSIVE:
        return k  # (only where the body ends the noun phrase: not "the aggressive military campaign")
    return j


def _qualifier_word(tok: Token, lex: Lexicon) -> bool:
    """A word that can qualify a body: a listed one ("state", "local") or a name ("Gaza", "UN")."""
    sp = lex.speech
    if tok.kind != "word" or tok.lower in lex.words["stop_words"] or tok.text in sp.not_names or tok.lower in sp.speech_verbs:
        return False
    return tok.lower in sp.qualifier_words or _is_name_word(tok)


def _described(tokens: Sequence[Token], lex: Lexicon) -> list[tuple[tuple[int, int], bool]]:
    """Token ranges of bodies the text describes rather than names from the gazetteer, each with
    whether it was read through "of" ("the Columbus Division of Police").

    A noun phrase ending in an organisation noun after "the" or a possessive ("the transitional
    government", "Mexico's National Search Commission"), and a proper name set off by commas next to
    such a noun ("Hengaw, a Kurdish rights group," / "a rights group, Sahel Civic Watch,").
    """
    out: list[tuple[tuple[int, int], bool]] = []
    stop = lex.words["stop_words"]
    n = len(tokens)
    for h, tok in enumerate(tokens):
        if tok.lower not in lex.org_nouns:
            continue
        first = h
        while first > 0:
            prev = tokens[first - 1]
            if prev.lower in _POSSESSIVE:
                if first >= 2 and tokens[first - 2].kind == "word" and tokens[first - 2].lower not in stop:
                    first -= 2  # "the city's Disaster Risk Management Centre", "the state prosecutor's office"
                    if _is_name_word(tokens[first]):
                        while first > 0 and first > h - 8 and _is_name_word(tokens[first - 1]) and tokens[first - 1].text not in lex.speech.not_names:
                            first -= 1  # a named possessor ends the phrase: "the Arapahoe County Sheriff's Office"
                        break
                    continue
                break
            if prev.lower in ("and", "&") and first >= 2 and tokens[first - 2].text[:1].isupper() and tokens[first].text[:1].isupper():
                first -= 1  # "National Disaster Risk Reduction and Management Council"
                continue
            if prev.kind != "word" or prev.lower in stop or prev.lower in lex.speech.speech_verbs or prev.text in lex.speech.not_names:
                break
            first -= 1
        while first < h and tokens[first].lower in _POSSESSIVE:
            first += 1
        before = tokens[first - 1].lower if first > 0 else ""
        last = h + 1
        via_of = False
        # "Office of the Prosecutor General", "Association for Political Prisoners", "Division of Police"
        link = last
        while link < min(n, last + 2) and _is_name_word(tokens[link]) and tokens[link].lower not in ("of", "for", "on"):
            link += 1  # "Directorate General of Health Services"
        if link + 1 < n and tokens[link].lower in ("of", "for", "on") and tok.text[:1].isupper():
            last = link
            k = last + 1 + (tokens[last + 1].lower == "the")
            end = k
            while end < n and tokens[end].kind == "word" and (tokens[end].text[:1].isupper() or tokens[end].lower == "and"):
                end += 1
            while end > k and tokens[end - 1].lower == "and":
                end -= 1
            if end > k:
                last = end
                via_of = True
        if before in ("a", "an") and first < h and last < n and tokens[last].lower in lex.speech.speech_verbs:
            out.append(((first - 1, last), False))  # "a rights group said": text with its article
            continue
        if before in ("a", "an", "its", "their", "his", "her", "another", "one") or (first == h and last == h + 1 and tok.lower not in lex.org_nouns_standalone):
            continue  # "a rights group" names nobody; "its monitoring mission" is part of the speaker
        # "the maritime rescue service Salvamento Marítimo said": the name after the description.
        name_end = last
        while name_end < n and _is_name_word(tokens[name_end]) and tokens[name_end].lower not in lex.speech.speech_verbs:
            name_end += 1
        if name_end > last and tok.text.islower() and tokens[last].text not in lex.speech.titles:
            out.append(((last, name_end), False))
        elif before in ("the", "'s", "’s", "") or first < h:
            out.append(((first, last), via_of))
    # Proper names in apposition with an organisation noun.
    for i in range(n - 2):
        if tokens[i].text != "," or tokens[i + 1].lower not in ("a", "an"):
            continue
        close = next((j for j in range(i + 2, min(n, i + 10)) if tokens[j].text in (",", ".")), None)
        if close is None or tokens[close - 1].lower not in lex.org_nouns:
            continue
        if any(t.lower in lex.speech.representatives or t.lower in lex.speech.speaker_links for t in tokens[i + 2 : close - 1]):
            continue  # "John Smith, a spokesman for the fire department,": a person
        name_end = i
        name_start = name_end
        while name_start > 0 and tokens[name_start - 1].kind == "word" and tokens[name_start - 1].text[:1].isupper():
            name_start -= 1
        if name_start < name_end:
            out.append(((name_start, name_end), False))
        # "a local rights group, Sahel Civic Watch, put ..."
        j = close + 1
        while j < n and tokens[j].kind == "word" and tokens[j].text[:1].isupper():
            j += 1
        if j > close + 1 and j < n and tokens[j].text == ",":
            out.append(((close + 1, j), False))
    return out


def _media(text: str, tokens: Sequence[Token], lex: Lexicon) -> list[tuple[tuple[int, int], SourceMention]]:
    """News outlets: a media noun with its qualifiers ("state media", "the state news agency"), and a
    proper name holding a media word or a call sign ("WREG News Channel 3", "News4", "KTVU")."""
    sp = lex.speech
    out: list[tuple[tuple[int, int], SourceMention]] = []
    n = len(tokens)
    i = 0
    while i < n:
        end = _phrase_at(tokens, i, n, sp.media_nouns, 2, _first_words(lex)[1])
        if end is not None and end < n and (tokens[end].lower in lex.speech.representatives or tokens[end].lower in lex.org_nouns or tokens[end].lower == "wing"):
            i = end
            continue  # "the military's media wing": the military speaks
        if end is not None and tokens[i].text[:1].islower():
            q = _qualified_start(tokens, i, lex)
            if q < i or (i and tokens[i - 1].lower in ("the", *_POSSESSIVE)) or tokens[i].lower == "media":
                own = _surface(text, tokens, q, end)
                out.append(((q, end), SourceMention(q, end, BODY, _own_name(text, tokens, q, end, lex), "media", own)))
            i = end
            continue
        i += 1
    i = 0
    while i < n:
        if not _is_name_word(tokens[i]) or tokens[i].text in sp.not_names:
            i += 1
            continue
        j = i
        media = False
        while j < n and (_is_name_word(tokens[j]) or (media and tokens[j].kind == "num" and tokens[j].text.isdigit())):
            tok = tokens[j]
            if tok.lower in lex.speech.speech_verbs:
                break
            word = tok.text.rstrip("0123456789")
            if word in sp.media_name_words or (sp.call_sign is not None and sp.call_sign.fullmatch(tok.text)):
                media = True
            j += 1
        if media:
            first = i + (tokens[i].text == "The")
            own = _surface(text, tokens, first, j)
            out.append(((first, j), SourceMention(first, j, BODY, own, "media", own)))
        i = max(j, i + 1)
    return out


def _title_at(tokens: Sequence[Token], i: int, end: int, lex: Lexicon) -> tuple[str, int] | None:
    """The source a title at token ``i`` makes a person speak for, and the token after the title(s):
    "Sgt.", "Deputy Chief", "Lt. Col."."""
    titles = lex.speech.titles
    target = None
    j = i
    while j < end and tokens[j].kind == "word" and tokens[j].text in titles:
        target = target or titles[tokens[j].text]
        j += 1
        if j < end and tokens[j].text == "." and tokens[j].start == tokens[j - 1].end:
            j += 1
    return (target, j) if target is not None else None


def _name_end(tokens: Sequence[Token], i: int, end: int, lex: Lexicon, taken: set[int]) -> int:
    """End of a person's name starting at token ``i`` ("Robert McManus", "Ahmed Said", "John F. Doe")."""
    j = i
    while j < end and j - i < _MAX_NAME and j not in taken:
        tok = tokens[j]
        verb_next = j + 1 < end and tokens[j + 1].text in lex.speech.speech_verbs
        if not (_is_name_word(tok) and (tok.lower not in lex.speech.speech_verbs or verb_next) and tok.text not in lex.speech.not_names):
            break
        if tok.lower in lex.words["stop_words"] and j > i and not verb_next:
            break
        j += 1
        if j < end and tokens[j].text == "." and len(tokens[j - 1].text) == 1:
            j += 1  # a middle initial
    return j


def _phrases(text: str, tokens: Sequence[Token], lex: Lexicon, atoms: list[SourceMention]) -> list[SourceMention]:
    """People and representatives, with the bodies they speak for, and names alone (see ``_People``)."""
    return _People(text, tokens, lex, atoms).read()


class _People:
    """The people of one sentence, read over its bodies, anaphors and roles (``atoms``): titled
    ("San Leandro police Lt. Robert McManus", "Sheriff John Doe"), representatives ("a police
    spokesman", "Interior Ministry spokesman Ahmed Said", "a spokesman for the department"), roles
    with what they speak for ("UN officials", "a doctor at the hospital"), names ("Jane Roe of the
    Red Cross", "Roe", "MINUSMA") and appositions ("Bernard Rawls, a neighbour,")."""

    def __init__(self, text: str, tokens: Sequence[Token], lex: Lexicon, atoms: list[SourceMention]) -> None:
        self.text, self.tokens, self.lex, self.atoms = text, tokens, lex, atoms
        self.n = len(tokens)
        self.at_start = {m.start: m for m in atoms}
        self.at_end = {m.end: m for m in atoms}
        self.covered = {j for m in atoms for j in range(m.start, m.end)}
        self.out: list[SourceMention] = []
        self.used: set[int] = set()

    def read(self) -> list[SourceMention]:
        self._titled()
        self._representatives()
        self._roles()
        self._names()
        self._appositions()
        kept = [m for m in self.atoms if not any(j in self.used for j in range(m.start, m.end))]
        return kept + self.out

    # helpers

    def _link_body(self, j: int) -> tuple[SourceMention | None, int]:
        """A body after "of/for/with/at/from [the]" at token ``j``, and the token after the phrase."""
        tokens = self.tokens
        if j >= self.n or tokens[j].lower not in self.lex.speech.speaker_links:
            return None, j
        k = j + 1
        body = self.at_start.get(k) or (self.at_start.get(k + 1) if k < self.n and tokens[k].lower in _DETERMINERS else None)
        if body is not None and body.form in (BODY, ANAPHOR):
            return body, body.end
        return None, j

    def _body_before(self, j: int) -> SourceMention | None:
        """A body that ends at token ``j``, or a bare organisation noun ("a ministry spokesman")."""
        m = self.at_end.get(j)
        if m is not None and m.form in (BODY, ANAPHOR):
            return m
        if j > 0 and self.tokens[j - 1].lower in self.lex.anaphor_heads and j - 1 not in self.covered:
            return _anaphor(self.text, self.tokens, j - 1, j, self.lex)
        return None

    def _opener(self, first: int) -> int:
        """Take in the article before a phrase: "a police spokesman"."""
        return first - 1 if first > 0 and self.tokens[first - 1].lower in _DETERMINERS else first

    def _emit(self, first: int, last: int, body: SourceMention | None, name: str | None, kind: str | None, surname: str | None, form: str = PERSON) -> None:
        if any(j in self.used for j in range(first, last)):
            return
        if body is not None and body.form == BODY and body.proper:
            words = body.text  # a body named by its own name stands for the phrase: "Fresno police"
        else:
            words = _surface(self.text, self.tokens, _first_word(self.tokens, first, last), last)
        self.out.append(SourceMention(first, last, form, name, kind, words, surname=surname, body=body))
        self.used.update(range(first, last))

    # passes

    def _titled(self) -> None:
        """TITLE NAME [of BODY], after a body or its representative: "Sheriff John Doe", "San Leandro
        police Lt. Robert McManus", "Sgt. Jane Roe of the Dayton police department"."""
        tokens, sp = self.tokens, self.lex.speech
        i = 0
        while i < self.n:
            title = _title_at(tokens, i, self.n, self.lex)
            if title is None or title[1] >= self.n or not _is_name_word(tokens[title[1]]) or title[1] in self.covered:
                i += 1
                continue
            target, name_start = title
            name_end = _name_end(tokens, name_start, self.n, self.lex, self.covered)
            if name_end == name_start:
                i += 1
                continue
            first, body = i, self._body_before(i)
            if body is None and i > 0 and tokens[i - 1].lower in sp.representatives:
                body = self._body_before(i - 1)  # "Interior Ministry spokesman Col. Ahmed Said"
            if body is not None:
                first = self._opener(body.start)
            after, last = self._link_body(name_end)
            self._emit(first, last if after is not None else name_end, after or body, target, sp.kinds.get(target), tokens[name_end - 1].text)
            i = max(last, name_end)

    def _representatives(self) -> None:
        """[BODY] REPRESENTATIVE [NAME] [of BODY]: "a police spokesman", "Interior Ministry spokesman
        Ahmed Said", "a spokesman for the department", "the police chief", "the agency's chief"."""
        tokens, sp = self.tokens, self.lex.speech
        i = 0
        while i < self.n:
            tok = tokens[i]
            if tok.lower not in sp.representatives or not tok.text[:1].islower() or i in self.covered or i in self.used:
                i += 1
                continue
            body = self._body_before(i)
            if i >= 2 and tokens[i - 1].lower in _POSSESSIVE and self._body_before(i - 1) is not None:
                body = self._body_before(i - 1)
            first = body.start if body is not None else i
            name_end = _name_end(tokens, i + 1, self.n, self.lex, self.covered)
            surname = tokens[name_end - 1].text if name_end > i + 1 else None
            after, last = self._link_body(name_end)
            body = after or body
            if body is None and surname is None:
                i += 1
                continue
            self._emit(self._opener(first), last, body, None, None, surname)
            i = max(last, i + 1)

    def _roles(self) -> None:
        """ROLE [at/of NP], after the body it speaks for: "UN officials", "a doctor at the hospital", "a witness"."""
        tokens, sp = self.tokens, self.lex.speech
        for m in self.atoms:
            if m.form != ROLE or any(j in self.used for j in range(m.start, m.end)):
                continue
            body = self._body_before(m.start)
            if body is None or body.form != BODY or body.kind == "media":
                body = None
            after, last = self._link_body(m.end)
            if after is not None and after.form == BODY:
                body = after
            elif m.end < self.n and tokens[m.end].lower in sp.speaker_links and tokens[m.end].lower != "of":
                last = _np_end(tokens, m.end + 1, self.n, self.lex)
            first = self._opener(body.start if body is not None and body.start < m.start else m.start)
            if body is not None:
                self._emit(first, last, body, None, None, None)
            else:
                self._emit(first, last, None, m.name, m.kind, None, ROLE)

    def _names(self) -> None:
        """NAME [of BODY], or a name alone: "Jane Roe of the Red Cross", "Roe", "MINUSMA", "the Taliban"."""
        tokens, sp = self.tokens, self.lex.speech
        stop = self.lex.words["stop_words"]
        i = 0
        while i < self.n:
            tok = tokens[i]
            if i in self.used or i in self.covered or not _is_name_word(tok) or tok.text in sp.not_names or tok.lower in stop:
                i += 1
                continue
            name_end = _name_end(tokens, i, self.n, self.lex, self.covered | self.used)
            if name_end == i:
                i += 1
                continue
            body, last = self._link_body(name_end)
            if body is not None:
                self._emit(i, last, body, None, None, tokens[name_end - 1].text)
                i = last
                continue
            words = _surface(self.text, tokens, i, name_end)
            if name_end == i + 1 and _is_acronym(tok):
                m = SourceMention(i, name_end, BODY, words, "organisation", words, proper=True)  # "MINUSMA said"
            elif i > 0 and tokens[i - 1].lower == "the":
                # "the Taliban said": a name after "the" is no person (and no referent unless quoted:
                # "the Austrian Alps" is no body either).
                m = SourceMention(i, name_end, BODY, words, "organisation", words)
            else:
                m = SourceMention(i, name_end, PERSON, None, None, words, surname=tokens[name_end - 1].text, bare=True)
            self.out.append(m)
            self.used.update(range(i, name_end))
            i = name_end

    def _appositions(self) -> None:
        """A person, then their role or what they speak for, set off by commas: "Bernard Rawls, a
        neighbour,", "Officer Truman Fitzgerald, a department spokesman,", "said Rosa Jimenez, a
        neighbor who called 911"."""
        tokens = self.tokens
        by_start = {m.start: m for m in self.out}
        for person in sorted(self.out, key=lambda m: m.start):
            if person.form != PERSON or person.body is not None or (person.name is not None and person.bare) or person not in self.out:
                continue
            k = person.end
            inner = by_start.get(k + 1) if k < self.n and tokens[k].text == "," else None
            if inner is None or inner.form not in (PERSON, ROLE) or inner.bare or inner.surname is not None:
                continue
            if inner.end < self.n and tokens[inner.end].text not in (",", ".", ";") and tokens[inner.end].lower != "who":
                continue  # an apposition is closed: "Bernard Rawls, a neighbour, said"
            self.out.remove(person)
            self.out.remove(inner)
            self.used.difference_update(range(person.start, inner.end))
            name, kind = (inner.name, inner.kind) if inner.form == ROLE or inner.name is not None else (person.name, person.kind)
            self._emit(person.start, inner.end, inner.body, name, kind, person.surname)


def _is_acronym(tok: Token) -> bool:
    """An all-capital word of letters ("MINUSMA", "UNGRD"): an organisation, never a person."""
    letters = [c for c in tok.text if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters) and not any(c.isdigit() for c in tok.text)


def _np_end(tokens: Sequence[Token], k: int, n: int, lex: Lexicon) -> int:
    """End of a short noun phrase after a link word: "(at) the hospital"."""
    j = k
    if j < n and tokens[j].lower in _DETERMINERS:
        j += 1
    start = j
    while j < n and j - start < 4 and tokens[j].kind == "word" and tokens[j].lower not in lex.words["stop_words"] and tokens[j].lower not in lex.speech.speech_verbs:
        j += 1
    return j if j > start else k - 1


# --- whether the sentence quotes it ----------------------------------------------------------------


def is_attributed(tokens: Sequence[Token], m: SourceMention, start: int, end: int, lex: Lexicon, others: frozenset[int] = frozenset()) -> bool:
    """Whether the sentence ``[start, end)`` quotes ``m`` as a reporter (not as its subject or object).

    ``others`` are the first tokens of the sentence's other mentions: "the Austrian Alps, police
    said" quotes the police, not the Alps."""
    # "X told Reuters": the news agency is the listener, not the source.
    if m.start > start and tokens[m.start - 1].lower in lex.speech.to_listener:
        return False
    return (
        _headline_credit(tokens, m, start, end)
        or _speaks(tokens, m, end, lex, others)
        or _goes_on_saying(tokens, m, start, end, lex, others)
        or _is_cited(tokens, m, start, lex)
        or _speaks_after_quote(tokens, m, start, end, lex)
    )


def _headline_credit(tokens: Sequence[Token], m: SourceMention, start: int, end: int) -> bool:
    """ "Overnight Strikes on Gaza Kill 32: Civil Defence", "UNHCR: 1.2 million displaced", "Police: 4 shot" """
    if m.start > start and tokens[m.start - 1].text == ":" and (m.end == end or tokens[m.end].text in (".", "!")):
        return True
    return m.start == start and m.end < end and tokens[m.end].text == ":" and m.end + 1 < end


def _speaks(tokens: Sequence[Token], m: SourceMention, end: int, lex: Lexicon, others: frozenset[int] = frozenset()) -> bool:
    """ "X said", "X's spokesman told …", "the Health Ministry in Gaza said", "X, a rights group, said" """
    j = m.end
    if m.form == PERSON and m.bare:  # a name alone speaks only as the subject of "said" or "told": "Roe said"
        after_link = m.start > 0 and tokens[m.start - 1].lower in lex.words["stop_words"] and tokens[m.start - 1].lower not in ("and", "said")
        return not after_link and j < end and tokens[j].lower in lex.speech.speech_verbs
    if j < end and tokens[j].text == ",":
        close = next((k for k in range(j + 1, min(end, j + 16)) if tokens[k].text == ","), None)
        if close is not None and _phrase_starting_at(tokens, close + 1, lex.after_speaker, end) is not None:
            return True
    skipped = 0
    while j < end and skipped <= 6:
        if _phrase_starting_at(tokens, j, lex.after_speaker, end) is not None:
            return True
        # Titles, places and possessives may stand between, but no other reporter.
        tok = tokens[j]
        if j in others:
            return False
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


def _goes_on_saying(tokens: Sequence[Token], m: SourceMention, start: int, end: int, lex: Lexicon, others: frozenset[int] = frozenset()) -> bool:
    """ "X questioned the claim, saying …", "X recovered 27 bodies, and said …" (X the subject)."""
    if m.start - start > 3 or (m.form == PERSON and m.bare):
        return False
    for k in range(m.end, end - 1):
        if k in others:
            return False  # "Greek police detained 63 migrants, a police spokesman said, adding …"
        if tokens[k].text == "," and _phrase_starting_at(tokens, k + 1, lex.participles, end) is not None:
            return True
        if tokens[k].text in (";", ":"):
            return False
    return False


def _is_cited(tokens: Sequence[Token], m: SourceMention, start: int, lex: Lexicon) -> bool:
    """ "according to (a new report released by) X", "citing X", "data from X" """
    words = lex.words
    k = m.start
    if m.form == PERSON and m.bare:  # a name alone only right after the cue: "according to Roe"
        before = _phrase_ending_at(tokens, k, lex.before_speaker, start)
        return before is not None and tuple(t.lower for t in tokens[before:k]) not in (("by",), ("from",))
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


def _speaks_after_quote(tokens: Sequence[Token], m: SourceMention, start: int, end: int, lex: Lexicon) -> bool:
    """ "…, said the ministry." but not "…, said security forces had detained 230 people"."""
    k = m.start
    if k > start and tokens[k - 1].lower == "the":
        k -= 1
    inv = _phrase_ending_at(tokens, k, lex.inverted, start)
    if inv is None or not (inv == start or tokens[inv - 1].text in (",", '"', "”", "'", "’")):
        return False
    nxt = tokens[m.end] if m.end < end else None
    follows = ("on", "in", "late", "earlier", "last", "this", "yesterday", "today", "overnight")
    return nxt is None or nxt.text in (".", ",", ";", ":") or nxt.lower in follows or (m.form in (PERSON, ROLE) and nxt.lower == "who")


def pronoun_speaks(tokens: Sequence[Token], start: int, end: int, lex: Lexicon) -> bool:
    """"It said …", "they reported …": a pronoun reporter that refers back to the last source."""
    for j in range(start, end - 1):
        if tokens[j].lower in lex.words["pronoun_speakers"] and _phrase_starting_at(tokens, j + 1, lex.after_speaker, end):
            return True
    return False


def has_speech(tokens: Sequence[Token], start: int, end: int, lex: Lexicon) -> bool:
    """Whether someone is quoted in the sentence ("a man said", "according to activists",
    "local activists put the number at 200")."""
    for j in range(start, end):
        if tokens[j].lower in ("said", "says", "told", "according"):
            return True
        if tokens[j].lower in lex.person_speakers and _phrase_starting_at(tokens, j + 1, lex.after_speaker, end) is not None:
            return True
    return False


# --- what the parse says -----------------------------------------------------------------------------

_RELATIVE = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp", "parataxis"})
_PHRASE_EDGES = frozenset({"punct", "cc", "prep"})


@dataclass(frozen=True)
class Reporter:
    """A phrase the parse makes a reporter, in core token indices ``[start, end)``; ``head`` is the
    core token of its head word."""

    start: int
    end: int
    head: int
    proper: bool  # the head is a proper noun
    strict: bool  # the cue is "say", "tell", "report" or the like, or "according to", not "claim"
    speaks_for: bool  # the head is a report or a representative: "a report by X", "X's spokesman"


def parse_reporters(tokens: Sequence[Token], parse: Parse, lex: Lexicon) -> list[Reporter]:
    """The phrases ``parse`` makes reporters: the subject of a reporting verb ("the ministry said",
    "said the ministry", "officials put the toll at"), the object of "according to", the agent of a
    report ("a report released by X"). Not the listener of "told"."""
    sp = lex.speech
    core_of = _core_index(tokens, parse)
    report_nouns = lex.words["report_nouns"]
    heads: list[tuple[int, bool]] = []
    for i in range(len(parse)):
        lemma, tag, dep = parse.lemmas[i], parse.tags[i], parse.deps[i]
        if tag in VERB_TAGS and lemma in sp.reporting_verbs and not _reported(parse, i, sp.reporting_verbs):
            subjects = [c for c in parse.children[i] if parse.deps[c] in SUBJECTS]
            verb = i
            # "X recovered 27 bodies and said …", "X questioned the claim, saying …": X speaks.
            while not subjects and parse.deps[verb] in ("conj", "advcl", "xcomp") and parse.heads[verb] != verb:
                verb = parse.heads[verb]
                subjects = [c for c in parse.children[verb] if parse.deps[c] in SUBJECTS]
            heads += [(h, lemma in sp.speech_lemmas) for h in subjects]
        elif lemma == "accord" or (parse.deps[i] == "pobj" and i > 0 and parse.lemmas[parse.heads[i]] == "to" and parse.lemmas[parse.heads[parse.heads[i]]] == "accord"):
            if lemma == "accord":
                for to in parse.children[i]:
                    if parse.lemmas[to] == "to":
                        heads += [(c, True) for c in parse.children[to] if parse.deps[c] == "pobj"]
        if dep == "agent" and parse.lemmas[parse.heads[i]] in sp.agent_verbs:
            heads += [(c, False) for c in parse.children[i] if parse.deps[c] == "pobj"]
    out: list[Reporter] = []
    for h, strict in dict.fromkeys(heads):
        keep_clauses = parse.lemmas[h] in report_nouns  # "a report released by Amnesty"
        lo, hi = _phrase_span(parse, h, keep_clauses)
        first = core_of[lo]
        last = core_of[hi - 1]
        head = core_of[h]
        if first is None or last is None or head is None:
            continue
        end = last + 1
        while end < len(tokens) and tokens[end].end <= parse.ends[hi - 1]:
            end += 1
        speaks_for = keep_clauses or parse.lemmas[h] in sp.representatives or (parse.lemmas[h],) in sp.roles
        out.append(Reporter(first, end, head, parse.tags[h] in PROPER_TAGS, strict, speaks_for))
    return out


def _reported(parse: Parse, i: int, reporting_verbs: frozenset[str]) -> bool:
    """Whether the reporting verb ``i`` is itself what someone else reports: in "Investigators
    believe …, the chief said" the chief is the source, not the investigators."""
    h = parse.heads[i]
    return (
        parse.deps[i] in ("ccomp", "parataxis") and h != i and parse.lemmas[h] in reporting_verbs
        and any(parse.deps[c] in SUBJECTS for c in parse.children[h])
    )  # fmt: skip


def _core_index(tokens: Sequence[Token], parse: Parse) -> list[int | None]:
    """For each parse token, the first core token that starts inside it."""
    out: list[int | None] = [None] * len(parse)
    for j, p in enumerate(align(tokens, parse)):
        if p is not None and out[p] is None:
            out[p] = j
    return out


def _phrase_span(parse: Parse, h: int, keep_clauses: bool) -> tuple[int, int]:
    """The tokens of the noun phrase headed by ``h``, without relative clauses (unless the head is a
    report) and without punctuation at its edges."""
    keep = {h}
    stack = [h]
    while stack:
        j = stack.pop()
        for c in parse.children[j]:
            if parse.deps[c] in _RELATIVE and not keep_clauses:
                continue
            keep.add(c)
            stack.append(c)
    lo, hi = min(keep), max(keep) + 1
    while hi - 1 > h and parse.deps[hi - 1] in _PHRASE_EDGES:
        hi -= 1
    while lo < h and parse.deps[lo] in ("punct", "cc"):
        lo += 1
    return lo, hi

# --- cheap scans of the raw text -----------------------------------------------------------------------


def phrase_pattern(phrases: Iterable[Phrase]) -> regex.Pattern[str]:
    """Whole phrases as the core's tokenizer delimits them, case-insensitively.

    Two neighbouring tokens have only white space between them, or nothing ("ministry" + "'s"), so
    a phrase the linker matches token by token always matches here too.
    """
    body = _trie(sorted({" ".join(phrase).lower() for phrase in phrases if phrase})) or "(?!)"
    return regex.compile(rf"(?<![\p{{L}}\p{{M}}\d]){body}(?![\p{{L}}\p{{M}}\d])", regex.IGNORECASE)


def _trie(strings: list[str], space: str = r"\s*") -> str:
    """One pattern for many strings, shared prefixes written once ("kill(?:ed|ing|s)?"): the regex
    engine then tries a few characters at each position instead of every alternative."""
    root: dict[str, dict] = {}  # type: ignore[type-arg]
    for text in strings:
        node = root
        for ch in text:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:  # type: ignore[type-arg]
        branches = [(space if ch == " " else regex.escape(ch)) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        group = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:  # a string ends here: what follows is optional
            return f"(?:{group})?"
        return group

    return emit(root)


@lru_cache(maxsize=8)
def reporting_pattern(lex: Lexicon) -> regex.Pattern[str]:
    """A word that can make a sentence quote a reporter ("said", "according to", a report noun) or a
    headline colon ("Strikes Kill 32: Civil Defence", "Police: 4 shot"; not "4:00pm").

    Only a sentence with one can quote anybody, so only there do the model's parse and entities count.
    """
    # "by" and "from" quote only after a report word ("figures from X"), which is listed itself.
    quoting = [p for p in lex.before_speaker if p not in (("by",), ("from",))]
    phrases = [*lex.after_speaker, *lex.participles, *lex.inverted, *quoting, *((w,) for w in lex.words["report_nouns"])]
    return regex.compile(r"(?<!\d):|:(?!\d)|" + phrase_pattern(phrases).pattern, regex.IGNORECASE)


@lru_cache(maxsize=8)
def naming_pattern(lex: Lexicon) -> regex.Pattern[str]:
    """A word without which a sentence names no body and quotes nobody: an organisation noun, an
    anaphor, a media word or call sign, an acronym, a reporting word or a headline colon. (Gazetteer
    aliases are scanned by ``gazetteer_patterns``; people only matter where they are quoted, or by
    surname, which the plan looks for itself.)"""
    sp = lex.speech
    words = phrase_pattern([*((w,) for w in lex.org_nouns), *lex.anaphors, *sp.media_nouns]).pattern
    names = "|".join(regex.escape(w) for w in sorted(sp.media_name_words, key=len, reverse=True)) or "(?!)"
    call = sp.call_sign.pattern if sp.call_sign is not None else "(?!)"
    acronym = r"\p{Lu}(?:[.\-'’]?\p{Lu}){2,}\.?"  # "MINUSMA": a body by name (sources._is_acronym)
    cased = rf"(?<![\p{{L}}\p{{M}}\d])(?:(?:{names})\d*|{call}|{acronym})(?![\p{{L}}\p{{M}}\d])"
    return regex.compile(rf"{reporting_pattern(lex).pattern}|{words}|(?-i:{cased})", regex.IGNORECASE)
