""""a" and "an" as the number one: "a fatality", "a death was reported", "three soldiers and a civilian".

A lone "a woman was shot" is not a figure here (no number is written); "a" counts where the text
treats it as one: before a singular casualty noun, or as an item of a list of numbered figures.
Pure functions; they run after the number mentions are known, because a list needs its neighbours.
"""

from __future__ import annotations

from typing import Sequence

from .candidates import Mention
from .lexicon import Lexicon
from .tokens import Token
from .victims import cue_at, victim_at

__all__ = ["MAX_MODIFIERS", "article_mentions"]

_ARTICLES = frozenset({"a", "an"})
_LIST_GLUE = frozenset({"and", ",", "as", "well", "plus"})
MAX_MODIFIERS = 3  # "a senior Taliban commander", "a local tribal leader"


def _singular_casualty_noun(tokens: Sequence[Token], k: int, end: int, lex: Lexicon) -> bool:
    """A casualty noun that counts one: "fatality", "death", "casualty" (not "dead", "killed")."""
    hit = cue_at(tokens, k, end, lex)
    if hit is None or hit[1] != k + 1:
        return False
    word = tokens[k].lower
    # not "a shot", which is a gunshot far more often than a person shot
    return any(role == "heads" for _, role in hit[0]) and not word.endswith("s") and word not in ("dead", "killed", "injured", "wounded", "hurt", "missing", "critical", "fatally", "critically", "seriously", "shot")


def _victim_within(tokens: Sequence[Token], k: int, end: int, lex: Lexicon) -> int | None:
    """The end of a singular victim noun within a few modifiers of ``k`` ("a [local tribal] leader")."""
    for j in range(k, min(end, k + MAX_MODIFIERS + 1)):
        v = victim_at(tokens, j, end, lex)
        if v is not None:
            return v[1]
        if tokens[j].kind != "word" or tokens[j].lower in lex.words["stop_words"]:
            return None
    return None


def _numbered_item_before(tokens: Sequence[Token], glue: int, starts: set[int], lex: Lexicon) -> bool:
    """Whether the list item right before ``glue`` is a numbered victim phrase ("three soldiers")."""
    for k in range(glue - 1, max(-1, glue - 1 - MAX_MODIFIERS - 2), -1):
        if k in starts:
            return True
        tok = tokens[k]
        if tok.kind != "word" or tok.lower in _ARTICLES or tok.lower in lex.words["stop_words"]:
            return False
    return False


def article_mentions(tokens: Sequence[Token], mentions: Sequence[Mention], lex: Lexicon) -> list[Mention]:
    """``mentions`` with "a"/"an" added where it counts one person, in text order."""
    taken = {j for m in mentions for j in range(m.start, m.end)}
    starts = {m.start for m in mentions}
    ends = {m.end for m in mentions}
    end = len(tokens)
    added = []
    for i, tok in enumerate(tokens):
        if tok.lower not in _ARTICLES or i in taken or i + 1 >= end:
            continue
        if _singular_casualty_noun(tokens, i + 1, end, lex):
            added.append(Mention(i, i, i + 1, 1, 1, 1, "exact"))
            continue
        noun_end = _victim_within(tokens, i + 1, end, lex)
        if noun_end is None:
            continue
        # An item of a list of numbered figures: "three soldiers and a civilian", "an officer and 10 conscripts"
        # (but not "the other two victims, a man and a woman": there the list describes the number).
        before = i >= 2 and tokens[i - 1].lower == "and" and _numbered_item_before(tokens, i - 1, starts, lex)
        after = noun_end < end and tokens[noun_end].lower in _LIST_GLUE and any(s in starts for s in range(noun_end + 1, min(end, noun_end + 3)))
        if before or after:
            added.append(Mention(i, i, i + 1, 1, 1, 1, "exact"))
    return sorted([*mentions, *added], key=lambda m: m.start) if added else list(mentions)
