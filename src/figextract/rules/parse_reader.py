"""The linker's view of one parsed sentence: the parse's tokens matched to the core's tokens.

The core reads numbers, cues and victim words with its own tokenizer (the same under every model);
the parse says which of them hang together. ``ParseReader`` answers, for a number mention, what the
parse says governs it, and reads a victim noun that no vocabulary lists ("five members of the gang",
"one Mayi Mayi") when the parse makes it the victim of a casualty predicate.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Sequence

from .candidates import Mention
from .lexicon import Lexicon
from .predicates import Governed, Places, Roles, governing
from .syntax import NOUN_TAGS, Parse, align
from .tokens import Token
from .victims import VictimPhrase, cue_at

__all__ = ["ParseReader", "non_people", "places"]

_NO_ROLES: Roles = frozenset()


@lru_cache(maxsize=8)
def non_people(lex: Lexicon) -> frozenset[str]:
    """Nouns that count things, times or animals, never people ("300 homes", "12 cattle")."""
    return lex.words["thing_nouns"] | lex.words["time_nouns"] | lex.words["non_people_nouns"]


@lru_cache(maxsize=8)
def places(lex: Lexicon) -> Places:
    return Places(lex.words["shelter_places"], lex.words["hospital_places"])


class ParseReader:
    """One sentence's parse, aligned with the core tokens ``tokens[ts:te]``."""

    def __init__(self, tokens: Sequence[Token], ts: int, te: int, parse: Parse, lex: Lexicon) -> None:
        self.tokens, self.ts, self.te, self.parse, self.lex = tokens, ts, te, parse, lex
        self.core_to_parse = align(tokens, parse)
        self.starting = {t.start: j for j, t in enumerate(tokens) if ts <= j < te}

    def cue_roles(self, i: int) -> Roles:
        """The roles of the cue phrase that starts at parse token ``i`` (in the core's tokens)."""
        j = self.starting.get(self.parse.starts[i])
        if j is None:
            return _NO_ROLES
        hit = cue_at(self.tokens, j, self.te, self.lex)
        return hit[0] if hit is not None else _NO_ROLES

    def _parse_tokens(self, first: int, last: int) -> list[int]:
        return [i for j in range(first, last) if (i := self.core_to_parse[j]) is not None]

    def governing(self, m: Mention, phrase: VictimPhrase) -> Governed | None:
        """What governs the number of ``m`` in the parse (see ``predicates.governing``)."""
        number = self.core_to_parse[m.end - 1]
        if number is None:
            return None
        span = self._parse_tokens(m.start, max(m.end, phrase.end))
        return governing(self.parse, number, span, self.cue_roles, places(self.lex))

    def needs_victims(self, governed: Governed) -> bool:
        """Whether the predicate governing a bare number reads as a casualty only with a victim noun."""
        return governed.verb >= 0 and (self.parse.lemmas[governed.verb] in self.lex.needs_victims or self._word(governed.verb) in self.lex.needs_victims)

    def _word(self, i: int) -> str:
        j = self.starting.get(self.parse.starts[i])
        return self.tokens[j].lower if j is not None else ""

    def unlisted_victims(self, m: Mention, phrase: VictimPhrase, governed: Governed | None) -> VictimPhrase:
        """``phrase`` read again when the surface took its noun for a thing: a noun no list names is
        the victim when a casualty predicate governs it and it is no known thing ("300 homes")."""
        p = self.parse
        if governed is None or governed.type is None or governed.agent or p.tags[governed.noun] not in NOUN_TAGS:
            return phrase
        number = self.core_to_parse[m.end - 1]
        noun = governed.noun
        if noun == number or p.lemmas[noun] in non_people(self.lex) or p.starts[noun] < self.tokens[m.end - 1].end:
            return phrase
        # The phrase runs to the end of the noun, or of its "of" phrase ("members of the gang").
        end_char = p.ends[noun]
        for c in p.children[noun]:
            if c > noun and p.deps[c] == "prep" and p.lemmas[c] == "of":
                end_char = max(end_char, p.ends[p.subtree_span(c)[1] - 1])
        end = next((j + 1 for j in range(self.te - 1, m.end - 1, -1) if self.tokens[j].end <= end_char), m.end)
        if end <= m.end:
            return phrase
        return VictimPhrase(m.end, end, "people", m.end, partitive=phrase.partitive)
