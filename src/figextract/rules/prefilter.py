"""Which sentences the linker and the model must read: a cheap scan of the raw text.

A figure is a number and a casualty word in one sentence, so a sentence without both yields none.
Sources are the only thing that reaches across sentences: a source carries over to later sentences
of its paragraph, and "the group" refers to the organisation named last anywhere before it. So the
plan keeps, besides the candidate sentences, the earlier sentences that can change that state — the
ones that name, describe or quote an organisation, back to the nearest one the rules alone find
quoting an organisation by name (the carried source comes from there on) — and sends to the model
only the kept sentences where an ORG entity could be quoted (a reporting word such as "said" or
"according to").

Every word list comes from the lexicon, so a word added to a vocabulary is also seen here. Pure
functions; one set of compiled patterns per lexicon.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Iterable

import regex

from .lexicon import Lexicon, Phrase
from .segment import paragraph_of, rule_sentences
from .sources import find_orgs, gazetteer_patterns, is_attributed
from .tokens import tokenize


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
    org: regex.Pattern[str]  # an organisation noun, an anaphor or a reporting word
    reporting: regex.Pattern[str]  # a word that can make a sentence quote an organisation
    anaphor: regex.Pattern[str]  # the head of "the group", "the agency", ...


def _phrases(phrases: Iterable[Phrase]) -> regex.Pattern[str]:
    """Whole phrases as the core's tokenizer delimits them, case-insensitively.

    Two neighbouring tokens have only white space between them, or nothing ("ministry" + "'s"), so
    a phrase the linker matches token by token always matches here too.
    """
    body = _trie(sorted({" ".join(phrase).lower() for phrase in phrases if phrase})) or "(?!)"
    return regex.compile(rf"(?<![\p{{L}}\p{{M}}\d]){body}(?![\p{{L}}\p{{M}}\d])", regex.IGNORECASE)


def _trie(strings: list[str]) -> str:
    """One pattern for many strings, shared prefixes written once ("kill(?:ed|ing|s)?"): the regex
    engine then tries a few characters at each position instead of every alternative."""
    root: dict[str, dict] = {}  # type: ignore[type-arg]
    for text in strings:
        node = root
        for ch in text:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:  # type: ignore[type-arg]
        branches = [(r"\s*" if ch == " " else regex.escape(ch)) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        group = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:  # a string ends here: what follows is optional
            return f"(?:{group})?"
        return group

    return emit(root)


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
    # "by" and "from" quote only after a report word ("figures from X"), which is listed itself.
    quoting = [p for p in lex.before_speaker if p not in (("by",), ("from",))]
    reporting_phrases = [*lex.after_speaker, *lex.participles, *lex.inverted, *quoting, *((w,) for w in lex.words["report_nouns"])]
    # A headline credit ("Strikes Kill 32: Civil Defence") quotes after a colon; "4:00pm" does not.
    reporting = regex.compile(r"(?<!\d):|:(?!\d)|" + _phrases(reporting_phrases).pattern, regex.IGNORECASE)
    anaphor = _phrases(lex.anaphors)
    org = _phrases([*((w,) for w in lex.org_nouns), *lex.anaphors, *reporting_phrases])
    return _Patterns(number, casualty, casualty_words, org, reporting, anaphor)


def plan(text: str, lex: Lexicon, prefilter: bool = True) -> Plan:
    """The plan for ``text``: every sentence when ``prefilter`` is off, else only those that matter."""
    sentences = rule_sentences(text)
    if not prefilter:
        every = frozenset(range(len(sentences)))
        return Plan(sentences, every, every, every)
    p = _patterns(lex)

    def candidate(s: int, e: int) -> bool:
        if not p.number.search(text, s, e):
            return False
        return not p.casualty_words.isdisjoint(r.lower() for r in _RUN.findall(text, s, e)) and bool(p.casualty.search(text, s, e))

    candidates = [i for i, (s, e) in enumerate(sentences) if candidate(s, e)]
    if not candidates:
        return Plan(sentences, frozenset(), frozenset(), frozenset())
    folded, exact = gazetteer_patterns(lex)[:2]

    @cache  # asked again by the walks, the quote test and the anaphor pass
    def names_org(i: int) -> bool:
        s, e = sentences[i]
        return bool(p.org.search(text, s, e) or folded.search(text, s, e) or exact.search(text, s, e))

    @cache
    def certainly_quotes(i: int) -> bool:
        return names_org(i) and quotes_named_org(text, *sentences[i], lex)

    paragraphs = paragraph_of(sentences, text)
    core = set(candidates)
    counts = frozenset(candidates)
    for c in candidates:  # a source carries over from earlier sentences of the same paragraph ...
        for j in range(c - 1, -1, -1):
            if paragraphs[j] != paragraphs[c] or j in counts:
                break  # (the walk from that earlier candidate went on from there)
            if not names_org(j):
                continue
            # ... unless a sentence on the way quotes an organisation: the source carried on then
            # comes from it, whatever came before; and a figure in a sentence that quotes one
            # takes no carried source at all.
            if certainly_quotes(c):
                break
            core.add(j)
            if certainly_quotes(j):
                break
    # "the group" refers to the organisation named last before it, in any paragraph.
    anaphors = [i for i in core if p.anaphor.search(text, *sentences[i])]
    if anaphors:
        core.update(i for i in range(max(anaphors)) if names_org(i))
    model = frozenset(i for i in core if p.reporting.search(text, *sentences[i]))
    return Plan(sentences, counts, frozenset(core), model)


def quotes_named_org(text: str, start: int, end: int, lex: Lexicon) -> bool:
    """Whether the sentence ``[start, end)`` quotes an organisation by name with the rules alone.

    The model's entities only add organisations, and an anaphor needs an earlier name, so such a
    sentence quotes a source in every mode and sets the source later sentences carry over.
    """
    tokens = tokenize(text, start, end)
    return any(o.name is not None and is_attributed(tokens, o, 0, len(tokens), lex) for o in find_orgs(text, tokens, lex))
