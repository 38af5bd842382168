"""A sentence's dependency parse as plain data, and the questions the linker asks of it.

The spaCy component turns each parsed sentence into a ``Parse`` (arrays of offsets, heads, labels,
lemmas and tags), so the core reads syntax without importing spaCy and gives the same answer for the
same arrays whatever produced them. Without a parser (``spacy.blank``) there is no ``Parse`` and the
linker reads the surface alone.

Dependency labels are those of spaCy's English pipelines (ClearNLP style: nsubj, nsubjpass, dobj,
pobj, nummod, conj, relcl, acl, appos, compound…). They are kept here as named sets, so that a rule
says what it wants ("a passive subject") and not which strings mean it.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property
from typing import Iterator, Sequence

from .tokens import Token

__all__ = [
    "CLAUSE_MODIFIERS", "COMPLEMENTS", "COORDINATION", "NOUN_TAGS", "NUMBER_DEPS", "OBJECTS", "PASSIVE_SUBJECTS", "PROPER_TAGS", "Parse", "SUBJECTS",
    "VERB_TAGS", "align",
]  # fmt: skip

SUBJECTS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECTS = frozenset({"nsubjpass", "csubjpass"})
OBJECTS = frozenset({"dobj", "obj", "dative"})
COMPLEMENTS = frozenset({"oprd", "acomp", "xcomp", "ccomp", "attr"})
NUMBER_DEPS = frozenset({"nummod", "quantmod"})
CLAUSE_MODIFIERS = frozenset({"relcl", "acl", "advcl"})
COORDINATION = frozenset({"conj"})
NOUN_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS"})
PROPER_TAGS = frozenset({"NNP", "NNPS"})
VERB_TAGS = frozenset({"VB", "VBD", "VBG", "VBN", "VBP", "VBZ"})


@dataclass(frozen=True)
class Parse:
    """One sentence as a parser saw it. Index ``i`` is the sentence's i-th token.

    ``starts``/``ends`` are character offsets into the whole text; ``heads`` are token indices inside
    the sentence (a root is its own head); ``lemmas`` are lower-case (the words themselves when the
    pipeline runs no lemmatizer, which figextract.load skips for speed); ``tags`` are fine-grained Penn
    tags ("" without a tagger); ``ents`` are entity labels per token ("" outside an entity, or
    without an entity recogniser).
    """

    starts: tuple[int, ...]
    ends: tuple[int, ...]
    heads: tuple[int, ...]
    deps: tuple[str, ...]
    lemmas: tuple[str, ...]
    tags: tuple[str, ...]
    ents: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        n = len(self.starts)
        lengths = {len(self.ends), len(self.heads), len(self.deps), len(self.lemmas), len(self.tags)}
        if lengths != {n} or (self.ents and len(self.ents) != n):
            raise ValueError(f"Parse: arrays of unequal length ({n} starts; others {sorted(lengths)})")
        if any(not 0 <= h < n for h in self.heads):
            raise ValueError("Parse: a head points outside the sentence")

    def __len__(self) -> int:
        return len(self.starts)

    @cached_property
    def children(self) -> tuple[tuple[int, ...], ...]:
        """The dependents of each token, left to right."""
        kids: list[list[int]] = [[] for _ in self.starts]
        for i, h in enumerate(self.heads):
            if h != i:
                kids[h].append(i)
        return tuple(tuple(k) for k in kids)

    def token_at(self, offset: int) -> int | None:
        """The parse token covering character ``offset``, if any."""
        i = bisect_right(self.starts, offset) - 1
        return i if i >= 0 and offset < self.ends[i] else None

    def ancestors(self, i: int) -> Iterator[int]:
        """The heads above token ``i``, nearest first (stops at the root; never loops)."""
        seen = {i}
        while self.heads[i] != i:
            i = self.heads[i]
            if i in seen:
                return
            seen.add(i)
            yield i

    def subtree_span(self, i: int) -> tuple[int, int]:
        """Token range ``[first, last + 1)`` of the subtree of ``i``."""
        lo = hi = i
        stack = [i]
        while stack:
            j = stack.pop()
            lo, hi = min(lo, j), max(hi, j)
            stack.extend(self.children[j])
        return lo, hi + 1

    def conjunct_head(self, i: int) -> int:
        """The first conjunct of a coordination ("soldiers" in "three soldiers and a civilian")."""
        while self.deps[i] in COORDINATION and self.heads[i] != i:
            i = self.heads[i]
        return i


def align(tokens: Sequence[Token], parse: Parse) -> list[int | None]:
    """For each core token, the parse token that covers its first character (None if none does).

    The core and spaCy tokenize differently ("1,400" vs "1,400"; "ministry's" vs "ministry" "'s"), but
    every core token starts inside some spaCy token unless it is white space spaCy dropped.
    """
    return [parse.token_at(t.start) for t in tokens]
