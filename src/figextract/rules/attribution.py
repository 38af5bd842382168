"""Who reported each figure: the sources a sentence quotes, and what it passes on to later sentences.

Sentences are read in order. A sentence can change three things later sentences read: the source
its paragraph carries over (the last one it quotes), the bodies "the ministry" or "the group" can
refer back to (any paragraph), and the people a bare surname names ("Roe said", any paragraph).
``read_surface`` says from a sentence's surface alone which of these it can change; the prefilter
plans with it and ``Attribution`` obeys it, so the two cannot disagree about which sentences matter:

- a sentence without a reporting word (``SentenceFacts.cue``) reads no parse and no entities;
- a *barrier* (the surface finds it quoting a reporter whose identity does not hang on the carried
  source) sets the carried source from itself alone, even to none, and its figures never take a
  carried one: nothing before it in the paragraph matters to what follows;
- an anaphor is resolved among bodies that sentences naming a body put on record, and a bare surname
  is looked up only when the surface finds it quoted (``SentenceFacts.names``), among people the
  sentences that hold that word introduced.

With a parse, the reporter is who the parse makes the subject of a reporting verb, the object of
"according to" or the agent of a report (``sources.parse_reporters``); the surface rules decide
where the parse finds none. The model's entities are read only for a quoted name the rules cannot
place (``unknown_names``), and only to tell an organisation ("Metrorail said") from a person or a
place (``organisation_spans``).

Rule-only mode (no parse, no entities) gives up: a bare unknown name quoted alone ("Metrorail
said", "Hezbollah said", "Deutsche Bahn said") is taken for a person and gives no source, unless it
is an acronym ("MINUSMA said"), follows "the" ("the Taliban said") or ends in an organisation noun
("Bangladesh Railway said"); a reporter more than a few words from its verb is missed ("the
ministry, which …, said"); and on the surface "X said" in a clause of its own can claim a figure
of another clause.

Pure functions and one small state object; no spaCy.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Sequence

from .lexicon import Lexicon
from .sources import (
    ANAPHOR,
    BODY,
    PERSON,
    ROLE,
    Reporter,
    SourceMention,
    find_sources,
    has_speech,
    is_attributed,
    parse_reporters,
    pronoun_speaks,
    reporting_pattern,
    _headline_credit,
)
from .syntax import Parse
from .tokens import Token, tokenize

__all__ = ["Attribution", "SentenceFacts", "SentenceReading", "SentenceSources", "Source", "organisation_spans", "read_surface", "unknown_names"]


@dataclass(frozen=True)
class Source:
    """The reporter of a figure: ``name`` for records, the words used (``text``) and its kind."""

    name: str
    text: str
    kind: str


@dataclass(frozen=True)
class SentenceFacts:
    """What one sentence can do to later ones, read from its surface alone (no model, no state)."""

    cue: bool  # a reporting word or a headline colon: only here can the model's analysis count
    barrier: bool  # quotes a reporter that does not hang on the carried source
    anaphoric: bool  # refers back to a body named earlier ("the ministry", "a department spokesman")
    names: frozenset[str]  # bare surnames it quotes ("Roe said"): earlier sentences may introduce them


@dataclass(frozen=True)
class SentenceReading:
    """A sentence's surface reading: its facts, the reporters it names and those it quotes."""

    facts: SentenceFacts
    mentions: tuple[SourceMention, ...]
    quoted: tuple[SourceMention, ...]


def read_surface(text: str, tokens: Sequence[Token], lex: Lexicon) -> SentenceReading:
    """The surface reading of the sentence ``tokens`` (the one rule the prefilter shares)."""
    if not tokens:
        return _read_surface(text, tokens, lex)
    return _read_cached(text, tokens[0].start, tokens[-1].end, len(tokens), lex)


@lru_cache(maxsize=4096)  # the plan reads a sentence, then the linker reads it again
def _read_cached(text: str, start: int, end: int, n: int, lex: Lexicon) -> SentenceReading:
    tokens = tokenize(text, start, end)
    assert len(tokens) == n
    return _read_surface(text, tokens, lex)


def _read_surface(text: str, tokens: Sequence[Token], lex: Lexicon) -> SentenceReading:
    if not tokens:
        return SentenceReading(SentenceFacts(False, False, False, frozenset()), (), ())
    cue = reporting_pattern(lex).search(text, tokens[0].start, tokens[-1].end) is not None
    mentions = tuple(find_sources(text, tokens, lex))
    n = len(tokens)
    quoted = _surface_quoted(tokens, mentions, lex) if cue else ()
    barrier = any(not (m.form == PERSON and m.bare) for m in quoted)
    anaphoric = any(_anaphors(m) for m in mentions)
    names = frozenset(m.surname for m in quoted if m.form == PERSON and m.bare and m.surname)
    return SentenceReading(SentenceFacts(cue, barrier, anaphoric, names), mentions, quoted)


def _surface_quoted(tokens: Sequence[Token], mentions: Sequence[SourceMention], lex: Lexicon) -> tuple[SourceMention, ...]:
    """The mentions the surface finds quoted; of two joined by "and", the first speaks too ("police
    and medical officials told The Associated Press")."""
    starts = frozenset(m.start for m in mentions if not (m.form == PERSON and m.bare))
    quoted = [m for m in mentions if is_attributed(tokens, m, 0, len(tokens), lex, starts - {m.start})]
    for a, b in zip(mentions, mentions[1:]):
        joined = b in quoted and a not in quoted and not (a.form == PERSON and a.bare) and a.end < b.start <= a.end + 3
        if joined and tokens[a.end].lower == "and" and all(t.kind == "word" for t in tokens[a.end : b.start]):
            quoted[quoted.index(b)] = a  # the first speaks for both
    return tuple(sorted(quoted, key=lambda m: m.start))


def _anaphors(m: SourceMention) -> bool:
    return m.form == ANAPHOR or (m.body is not None and m.body.form == ANAPHOR)


def unknown_names(text: str, start: int, end: int, parse: Parse | None, lex: Lexicon) -> list[tuple[int, int]]:
    """Character spans of the unknown names the sentence ``[start, end)`` quotes ("Metrorail said"):
    where only the model's entities can tell an organisation from a person, so the only sentences
    the entity stage reads. Empty without a reporting word."""
    tokens = tokenize(text, start, end)
    reading = read_surface(text, tokens, lex)
    if not reading.facts.cue:
        return []
    quoted = _parse_quoted(tokens, reading, parse, lex) if parse is not None else None
    chosen = reading.quoted if quoted is None else quoted
    return [(tokens[m.start].start, tokens[m.end - 1].end) for m in chosen if m.form == PERSON and m.bare]


def organisation_spans(
    text: str, candidates: Sequence[tuple[int, int]], entities: Sequence[tuple[int, int, str]], lex: Lexicon
) -> list[tuple[int, int]]:
    """Which unknown quoted names (``candidates``, character spans) are organisations, by the model's
    entities (``(start, end, label)``): one it tags ORG; and a single word it does not tag as a
    place or nationality ("Metrorail said"), because a person is introduced by their full name
    before a surname alone can stand for them (and then ``Attribution`` knows them)."""
    out: list[tuple[int, int]] = []
    not_org = lex.speech.not_organisations
    for s, e in candidates:
        over = [(es, ee, label) for es, ee, label in entities if es < e and s < ee]
        if any(label == "ORG" for _, _, label in over):
            out.append((s, e))  # the name as the rules delimit it: "Seven Summit Treks", not "Summit Treks"
        elif len(text[s:e].split()) == 1 and not any(label in not_org or (label == "PERSON" and (es < s or ee > e)) for es, ee, label in over):
            out.append((s, e))
    return out


def _parse_quoted(tokens: Sequence[Token], reading: SentenceReading, parse: Parse, lex: Lexicon) -> tuple[SourceMention, ...] | None:
    """The mentions the parse makes reporters, with the surface's headline credits; None when the
    parse finds no reporter at all (then the surface decides)."""
    reporters = parse_reporters(tokens, parse, lex)
    n = len(tokens)
    chosen: list[SourceMention] = []
    for r in reporters:
        m = _speaker(reading.mentions, r)
        if m is not None and m.form == PERSON and m.bare and not (r.proper and r.strict):
            continue  # a name alone only as the proper-noun subject of "say", "tell", "report"
        if m is not None and m not in chosen:
            chosen.append(m)
    if not chosen:
        return None
    for m in reading.mentions:
        if m not in chosen and _headline_credit(tokens, m, 0, n):
            chosen.append(m)
    return tuple(sorted(chosen, key=lambda m: m.start))


_NO_FACTS = SentenceFacts(False, False, False, frozenset())
_RANK = {PERSON: 0, BODY: 1, ANAPHOR: 1, ROLE: 2}


def _speaker(mentions: Sequence[SourceMention], r: Reporter) -> SourceMention | None:
    """The mention that speaks for the reporter phrase ``r``: the one holding its head word, else
    the first body, role or person in it."""
    inside = [m for m in mentions if m.start < r.end and r.start < m.end]
    if not inside:
        return None
    holding = [m for m in inside if m.start <= r.head < m.end]
    if holding and holding[0].form == PERSON and holding[0].bare:
        # "Maria Lopez, the long-serving head of the regional Red Cross branch, said": the parse
        # holds the apposition the surface could not close; it says whom she speaks for.
        after = [m for m in inside if m.start >= holding[0].end and not (m.form == PERSON and m.bare)]
        if after:
            return min(after, key=lambda m: (_RANK.get(m.form, 3), m.start))
    if holding:
        return holding[0]
    if not r.speaks_for:
        return None  # "the aggressive military campaign claimed …": the campaign, not the military
    return min(inside, key=lambda m: (_RANK.get(m.form, 3), m.start))


@dataclass
class _Referent:
    name: str
    kind: str
    words: frozenset[str]


def _cut(tokens: Sequence[Token], quote: int, at: int, breaks: frozenset[str]) -> bool:
    """Whether a clause boundary ends the reach of a quote at token ``quote`` before the figure at
    ``at``: "2 dead in Chicago; police said 3 held", "Officials put the toll at 312, but aid groups
    said …" (but not "…, IOM said, but about 3,000 remain in camps")."""
    between = tokens[min(quote, at) : max(quote, at)]
    return any(t.text == ";" for t in between) or (quote > at and any(t.lower in breaks for t in between))


@dataclass(frozen=True)
class SentenceSources:
    """What one sentence says about reporters: each quoted reporter's first token and its source
    (None: someone who gives no source), whether it quotes someone unknown, and whether it is a
    barrier (see the module docstring)."""

    quoted: tuple[tuple[int, Source | None], ...]
    speaker_unknown: bool
    barrier: bool


@dataclass
class Attribution:
    """The state carried from sentence to sentence: the paragraph's source, the bodies named so far
    and the people introduced so far."""

    lex: Lexicon
    carry: Source | None = None  # the source of the paragraph so far
    referents: list[_Referent] = field(default_factory=list)  # bodies an anaphor can refer to, oldest first
    people: dict[str, Source | None] = field(default_factory=dict)  # surname -> whom they speak for

    def new_paragraph(self) -> None:
        self.carry = None

    def read(self, text: str, tokens: Sequence[Token], entities: Sequence[tuple[int, int]], parse: Parse | None = None) -> SentenceSources:
        """The sources sentence ``tokens`` quotes; records the bodies and people it names.

        ``entities`` are the character spans the model judged to be organisations; they and
        ``parse`` count only in a sentence with a reporting word."""
        reading = read_surface(text, tokens, self.lex)
        facts = reading.facts
        mentions, quoted = reading.mentions, reading.quoted
        if facts.cue and entities:
            # A surname the text introduced names that person, whatever the model thinks of it.
            known = {(tokens[m.start].start, tokens[m.end - 1].end) for m in mentions if m.bare and m.surname in facts.names and m.surname in self.people}
            mentions = tuple(find_sources(text, tokens, self.lex, [e for e in entities if tuple(e) not in known]))
            quoted = _surface_quoted(tokens, mentions, self.lex)
            reading = SentenceReading(facts, mentions, quoted)
        if facts.cue and parse is not None and len(parse):
            by_parse = _parse_quoted(tokens, reading, parse, self.lex)
            if by_parse is not None:
                quoted = by_parse
        # In text order, so that "the organisation" can be the Red Cross named earlier in the sentence.
        resolved: list[tuple[int, Source | None]] = []
        for m in sorted(set(mentions) | set(quoted), key=lambda m: m.start):
            if m in quoted:
                resolved.append((m.start, self._resolve(m, facts)))
            self._remember(m, m in quoted)
        n = len(tokens)
        unknown = not quoted and has_speech(tokens, 0, n, self.lex) and not pronoun_speaks(tokens, 0, n, self.lex)
        return SentenceSources(tuple(resolved), unknown, facts.barrier)

    def source_for(self, sentence: SentenceSources, tokens: Sequence[Token], at: int) -> Source | None:
        """The source of a figure at token ``at``: the nearest quoted source it can reach, else the carried one."""
        # A semicolon ends the reach of an attribution: "2 dead in Chicago; police said 3 held".
        reach = [(s, src) for s, src in sentence.quoted if not _cut(tokens, s, at, self.lex.speech.clause_breaks)]
        if reach:
            return min(reach, key=lambda q: abs(q[0] - at))[1]
        if sentence.speaker_unknown or sentence.quoted or sentence.barrier:
            return None
        return self.carry

    def end_sentence(self, sentence: SentenceSources) -> None:
        last = next((src for _, src in reversed(sentence.quoted) if src is not None), None)
        if last is not None or sentence.barrier:
            self.carry = last

    def _resolve(self, m: SourceMention, facts: SentenceFacts) -> Source | None:
        if m.form == BODY or m.form == ROLE:
            assert m.name is not None and m.kind is not None
            return Source(m.name, m.text, m.kind)
        if m.form == ANAPHOR:
            return self._refer(m, m.text)
        if m.body is not None:
            body = self._refer(m.body, m.text) if m.body.form == ANAPHOR else Source(m.body.name or "", m.text, m.body.kind or "organisation")
            if body is None:
                return None
            # Someone who speaks for a body is an official of it: "an army spokesman".
            return Source(body.name, m.text, "official" if body.kind in ("organisation", "official") else body.kind)
        if m.name is not None:
            return Source(m.name, m.text, m.kind or "official")
        if m.bare and m.surname in facts.names and m.surname is not None:
            known = self.people.get(m.surname)
            return Source(known.name, m.text, known.kind) if known is not None else None
        return None

    def _refer(self, m: SourceMention, words: str) -> Source | None:
        """The body an anaphor refers to: the last one named that it describes ("the ministry": the
        last ministry; "the news agency": the last outlet), or the last one named at all for a
        general word ("the group"); with none named, its own words ("ministry"), but a general
        word names nobody."""
        general = m.head in self.lex.speech.general_anaphors
        for ref in reversed(self.referents):
            if (m.hint is None or ref.kind == m.hint) and (general or m.head in ref.words):
                return Source(ref.name, words, ref.kind)
        if general:
            return None
        if m.fallback is not None:
            return Source(m.fallback, words, m.hint or "organisation")
        return None

    def _remember(self, m: SourceMention, quoted: bool) -> None:
        """Put on record a body an anaphor may refer to, and a person a surname may name."""
        if m.form == BODY and m.name is not None and m.kind is not None and (m.proper or quoted):
            words = frozenset(w.lower().strip(".,'’") for w in (m.name + " " + m.text).split())
            self.referents.append(_Referent(m.name, m.kind, words))
        if m.body is not None and m.body.form == BODY:
            self._remember(m.body, quoted)
        if m.form == PERSON and m.surname:
            if m.bare:
                if len(m.text.split()) > 1:
                    self.people.setdefault(m.surname, None)  # "Jamal Carter, 19,": a person, no source
                return
            self.people[m.surname] = self._resolve(m, _NO_FACTS)
