"""Which sentences the linker and the model must read: a cheap scan of the raw text.

A figure is a number and a casualty word in one sentence, so a sentence without both yields none.
Sources are the only thing that reaches across sentences: a source carries over to later sentences
of its paragraph, "the ministry" refers back to a body named earlier anywhere before it, and "Roe
said" to a person introduced earlier. What a sentence can change there is decided by one rule that
the attribution obeys too (``attribution.read_surface``), so the plan keeps, besides the candidate
sentences:

- back through a candidate's paragraph, the sentences that name a reporter or hold a reporting word,
  up to the nearest *barrier* (a sentence the rules find quoting a reporter who does not hang on the
  carried source: the carried source comes from there on, whatever came before);
- for a kept sentence that quotes a bare surname, every earlier sentence that holds that word;
- for a kept sentence with an anaphor, every earlier sentence that names a reporter;

and sends to the model only the kept sentences with a reporting word, the only ones where the
attribution reads the model's parse and entities.

Every word list comes from the lexicon, so a word added to a vocabulary is also seen here. Pure
functions; one set of compiled patterns per lexicon.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

import regex

from .attribution import SentenceFacts, read_surface
from .lexicon import Lexicon, Phrase
from .segment import paragraph_of, rule_sentences
from .sources import gazetteer_patterns, naming_pattern, phrase_pattern, reporting_pattern
from .tokens import tokenize

__all__ = ["Plan", "plan"]

_phrases = phrase_pattern  # (the name the tests and the candidate patterns use)


@dataclass(frozen=True)
class Plan:
    """The sentences of a text and which of them the linker (``core``) and the model read."""

    sentences: list[tuple[int, int]]
    counts: frozenset[int]  # sentence indices that can hold a figure: a number and a casualty word
    core: frozenset[int]  # sentence indices the linker reads (``counts`` and where sources come from)
    model: frozenset[int]  # sentence indices the statistical model reads (a subset of ``core``)


_RUN = regex.compile(r"[\p{L}\p{M}\d]+")


@dataclass(frozen=True)
class _Patterns:
    number: regex.Pattern[str]  # a digit or a number word ("twelve", "dozens", "half")
    casualty: regex.Pattern[str]  # a casualty cue or a victim phrase that implies a type
    casualty_words: frozenset[str]  # one word of each of those phrases, as a cheap first test
    person: regex.Pattern[str]  # a victim named without a number: "a woman", "the gunman", "she", "Smith was"
    headline_person: regex.Pattern[str]  # ...at the start of a sentence, as headlines have it: "Child shot"


@lru_cache(maxsize=8)
def _patterns(lex: Lexicon) -> _Patterns:
    number_words = [*lex.units, *lex.tens, *lex.scales, *lex.groups_of]
    number_phrases = [tuple(f.split()) for f in lex.fractions] + [*lex.vague, *lex.vague_multipliers]
    # "a fatality", "a death": the article counts one (rules/articles.py).
    singular_heads = [p for p, roles in lex.cues.items() if len(p) == 1 and any(r == "heads" for _, r in roles) and not p[0].endswith("s")]
    number_phrases += [(article, *p) for p in singular_heads for article in ("a", "an")]
    # "1,400", "2.5m", "1990s": any digit may start a number.
    number = regex.compile(r"\d|" + _phrases([*((w,) for w in number_words), *number_phrases]).pattern, regex.IGNORECASE)
    implied = [p for table in (lex.victims, lex.victims_cased) for p, category in table.items() if category in lex.implied_types]
    cues = [phrase for phrase, roles in lex.cues.items() if roles]  # not the masks ("shot down")
    # Places the displaced or the injured are taken to: the parse links a number to them
    # ("moved 650,000 people into shelters", "three men were transported to a hospital").
    cues += [p for name in ("shelter_places", "hospital_places") for p in lex.phrases.get(name, ()) if p]
    casualty = _phrases([*cues, *implied])
    # A phrase the linker finds token by token has each of its letter-and-digit runs in the text as a
    # whole run (tokens never split one), so the rarest run of each phrase is a necessary sign.
    common = lex.words["stop_words"]
    runs = ([r for w in phrase for r in _RUN.findall(w)] for phrase in (*cues, *implied))
    casualty_words = frozenset(max(rs, key=lambda r: (r not in common, len(r))) for rs in runs if rs)
    # A victim named without a number ("a woman was shot", "the gunman", "she died", "Smith was
    # pronounced dead"; rules/implicit.py) stands where a number would.
    victims = phrase_pattern([*lex.victims, *(tuple(t.lower() for t in k) for k in lex.victims_cased)]).pattern
    person = regex.compile(
        rf"(?<![\p{{L}}\d])(?i:(?:a|an|the)\s+(?:[\p{{L}}\d][\p{{L}}\p{{M}}\d'’.-]*\s+){{0,3}}{victims})"
        r"|(?<![\p{L}])(?i:he|she)(?![\p{L}])"
        rf"|[,;:]\s*(?i:(?:[\p{{L}}\d][\p{{L}}\p{{M}}\d'’.-]*\s+)?{victims})"  # "Child shot, mother injured"
        r"|(?<![\p{L}])\p{Lu}\p{Ll}+(?:\s+\p{Lu}\p{Ll}+){0,2}(?:\s*,\s*\d+\s*,)?\s+(?:was|is|had|has|got|died|dies)(?![\p{L}])"
        # "the 62-year-old died", "killed Marcus Hill", "the death of 23-year-old Julius Gray"
        r"|\d-(?i:year|month|week)-old|(?<![\p{L}])\p{Lu}\p{Ll}+\s+\p{Lu}\p{Ll}+"
    )
    # A headline drops the article: "Child shot, mother injured", "Teen, 16, fatally shot".
    headline_person = regex.compile(rf"(?i:(?:[\p{{L}}\d][\p{{L}}\p{{M}}\d'’.-]*\s+)?{victims})")
    return _Patterns(number, casualty, casualty_words, person, headline_person)


@lru_cache(maxsize=8)
def _anaphor_heads(lex: Lexicon) -> regex.Pattern[str]:
    """The last word of an anaphor ("the ministry", "a department spokesman"): a necessary sign of one."""
    return phrase_pattern((h,) for h in lex.anaphor_heads)


def plan(text: str, lex: Lexicon, prefilter: bool = True) -> Plan:
    """The plan for ``text``: every sentence when ``prefilter`` is off, else only those that matter."""
    sentences = rule_sentences(text)
    if not prefilter:
        every = frozenset(range(len(sentences)))
        return Plan(sentences, every, every, every)
    p = _patterns(lex)

    def candidate(s: int, e: int) -> bool:
        if p.casualty_words.isdisjoint(r.lower() for r in _RUN.findall(text, s, e)):
            return False
        named = p.person.search(text, s, e) or p.headline_person.match(text, s, e)
        return bool((p.number.search(text, s, e) or named) and p.casualty.search(text, s, e))

    candidates = [i for i, (s, e) in enumerate(sentences) if candidate(s, e)]
    if not candidates:
        return Plan(sentences, frozenset(), frozenset(), frozenset())
    folded, exact = gazetteer_patterns(lex)[:2]
    naming, reporting, heads = naming_pattern(lex), reporting_pattern(lex), _anaphor_heads(lex)

    @cache  # asked again by the walks and the passes
    def names(i: int) -> bool:
        """Whether sentence ``i`` can name or quote a reporter at all (a necessary sign)."""
        s, e = sentences[i]
        return bool(naming.search(text, s, e) or folded.search(text, s, e) or exact.search(text, s, e))

    @cache
    def facts(i: int) -> SentenceFacts:
        return read_surface(text, tokenize(text, *sentences[i]), lex).facts

    def quotes(i: int) -> bool:  # (a reporting word is a necessary sign of a barrier and of a quoted surname)
        return names(i) and reporting.search(text, *sentences[i]) is not None

    def refers(i: int) -> bool:  # (and an anaphor's head word of an anaphor)
        return names(i) and heads.search(text, *sentences[i]) is not None and facts(i).anaphoric

    paragraphs = paragraph_of(sentences, text)
    core = set(candidates)
    counts = frozenset(candidates)
    for c in candidates:  # a source carries over from earlier sentences of the same paragraph ...
        for j in range(c - 1, -1, -1):
            if paragraphs[j] != paragraphs[c] or j in counts:
                break  # (the walk from that earlier candidate went on from there)
            if not names(j):
                continue
            if quotes(c) and facts(c).barrier:
                break  # ... but not into a sentence that quotes its own
            core.add(j)
            if quotes(j) and facts(j).barrier:
                break  # the carried source comes from here on
    # People and bodies named earlier, in any paragraph: until nothing new is kept.
    done_names: set[int] = set()
    done_anaphors = -1
    while True:
        added = False
        for i in sorted(core - done_names):
            done_names.add(i)
            found = facts(i).names if quotes(i) else frozenset()
            if found:
                word = regex.compile(r"(?<![\p{L}\p{M}\d])(?:" + "|".join(regex.escape(w) for w in sorted(found)) + r")(?![\p{L}\p{M}\d])")
                for j in range(i):
                    if j not in core and word.search(text, *sentences[j]):
                        core.add(j)
                        added = True
        anaphoric = [i for i in core if refers(i)]
        last = max(anaphoric, default=-1)
        if last > done_anaphors:
            new = {j for j in range(last) if j not in core and names(j)}
            core |= new
            added = added or bool(new)
            done_anaphors = last
        if not added:
            break
    model = frozenset(i for i in core if reporting.search(text, *sentences[i]))
    return Plan(sentences, counts, frozenset(core), model)
