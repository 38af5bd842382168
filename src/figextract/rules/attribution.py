"""Who reported each figure: the sources a sentence quotes, and what carries over to the next.

Sentences are read in order. A sentence that quotes an organisation gives its figures that source
and passes it on to the later sentences of its paragraph; "the group" refers to the organisation
named last, in any paragraph. Pure functions and one small state object; no spaCy.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

from .lexicon import Lexicon
from .sources import OrgMention, find_orgs, has_speech, is_attributed, pronoun_speaks
from .syntax import Parse
from .tokens import Token


@dataclass(frozen=True)
class Source:
    """The reporter of a figure: ``name`` for records, the words used (``text``) and its kind."""

    name: str
    text: str
    kind: str


@dataclass(frozen=True)
class SentenceSources:
    """What one sentence says about reporters: the sources it quotes (anaphors resolved), and
    whether it quotes someone who gives no source (then it inherits none)."""

    quoted: tuple[OrgMention, ...]
    speaker_unknown: bool


@dataclass
class Attribution:
    """The state carried from sentence to sentence: the paragraph's source and the referent of "the group"."""

    lex: Lexicon
    carry: OrgMention | None = None  # the source of the paragraph so far
    referent: OrgMention | None = None  # the organisation an anaphor refers to
    _kinds: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._kinds = {org.name: org.kind for org in self.lex.organisations}

    def new_paragraph(self) -> None:
        self.carry = None

    def read(self, text: str, tokens: Sequence[Token], entities: Sequence[tuple[int, int]], parse: Parse | None = None) -> SentenceSources:
        """The sources sentence ``tokens`` quotes; updates what "the group" refers to."""
        n = len(tokens)
        orgs = find_orgs(text, tokens, self.lex, entities)
        quoted: list[OrgMention] = []
        # An anaphor refers to the last organisation quoted or named by a proper name; common nouns
        # ("the military campaign") and model-only ORGs (often an armed group or a place) are not referents.
        for org in orgs:
            attributed = is_attributed(tokens, org, 0, n, self.lex)
            if org.name is None:
                if attributed and self.referent is not None:
                    quoted.append(OrgMention(org.start, org.end, self.referent.name, org.text))
                continue
            if attributed:
                quoted.append(org)
            if attributed or org.proper:
                self.referent = org
        unknown = not quoted and has_speech(tokens, 0, n, self.lex) and not pronoun_speaks(tokens, 0, n, self.lex)
        return SentenceSources(tuple(quoted), unknown)

    def source_for(self, sentence: SentenceSources, tokens: Sequence[Token], at: int) -> Source | None:
        """The source of a figure at token ``at``: the nearest quoted source it can reach, else the carried one."""
        # A semicolon ends the reach of an attribution: "2 dead in Chicago; police said 3 held".
        reach = [o for o in sentence.quoted if not any(t.text == ";" for t in tokens[min(o.start, at) : max(o.start, at)])]
        if reach:
            org: OrgMention | None = min(reach, key=lambda o: abs(o.start - at))
        else:
            org = None if sentence.speaker_unknown or sentence.quoted else self.carry
        if org is None or org.name is None:
            return None
        return Source(org.name, org.text, self._kinds.get(org.name, "organisation"))

    def end_sentence(self, sentence: SentenceSources) -> None:
        if sentence.quoted:
            self.carry = sentence.quoted[-1]
