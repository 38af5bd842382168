"""How the figures of one sentence relate: a part of a larger figure, the same figure in other
words or units, an earlier toll that a new one replaces.

These run on a sentence's drafts once their types are known. The first three return pairs of drafts,
so that the linker can keep or drop drafts afterwards and turn the pairs into indices; the last ones
set ``parent`` on the kept list. Pure functions.
"""

from __future__ import annotations

from typing import Sequence

from .drafts import Draft
from .lexicon import Lexicon
from .tokens import Token
from .victims import cue_at

__all__ = ["outcome_parts", "partitive_pairs", "refers_back", "restatement_pairs", "superseded_pairs"]

# "rose to 45 from 30", "45, up from 30", "from 30 to 45": an earlier number the sentence replaces.
_CHANGE_WORDS = frozenset({"up", "down", "rising", "rose", "risen", "climbing", "climbed", "jumped", "increased", "revised", "fell", "dropped"})
# "2,400 families, or 12,000 people", "100 families (about 400 people)": one figure, said twice.
_RESTATEMENT_GAPS = frozenset({("or",), (",", "or"), ("(",), (",", "("), ("or", "some"), ("—",), ("–",), (",", "that", "is", ",")})
# Words that make a bare number a part of the figure before it: "6 wounded, 1 critically".
_OUTCOMES = frozenset({"critically", "seriously", "severely", "badly", "gravely", "fatally", "mortally", "slightly", "lightly", "critical", "serious"})
_CASUALTY_PARTS = frozenset({"killed", "injured"})


def superseded_pairs(drafts: Sequence[Draft], tokens: Sequence[Token]) -> list[tuple[Draft, Draft]]:
    """``(old, new)`` for each number the sentence says a toll changed from."""
    out = []
    for d in drafts:
        k = d.mention.start
        if k == 0 or tokens[k - 1].lower != "from" or (d.phrase.category is not None and d.phrase.category != "people"):
            continue
        before = tokens[k - 2].lower if k >= 2 else ""
        # "rose to 45 from 30", "45, up from 30": the new figure comes first.
        new = next((e for e in reversed(drafts) if e.mention.end <= k - 1 and e.type is not None and k - e.end <= 8), None)
        if new is not None and (before in _CHANGE_WORDS or any(t.lower in _CHANGE_WORDS for t in tokens[max(0, new.mention.start - 4) : new.mention.start])):
            out.append((d, new))
            continue
        # "climbed from 30 to 45"
        new = next((e for e in drafts if e.mention.start > d.end and e.type is not None), None)
        if new is not None and [t.lower for t in tokens[d.end : new.mention.start]] == ["to"] and before in _CHANGE_WORDS | {"has", "had", "toll", "number"}:
            out.append((d, new))
    return out


def restatement_pairs(drafts: Sequence[Draft], tokens: Sequence[Token]) -> list[tuple[Draft, Draft]]:
    """``(restating, first)`` for a figure said again in other units right after it."""
    out = []
    for a, b in zip(drafts, drafts[1:]):
        gap = tuple(t.lower for t in tokens[a.end : b.mention.start])
        if gap not in _RESTATEMENT_GAPS:
            continue
        if a.phrase.unit != b.phrase.unit or "(" in gap:
            out.append((b, a))
    return out


def partitive_pairs(drafts: Sequence[Draft]) -> list[tuple[Draft, Draft]]:
    """``(part, whole)`` for "two of the five victims": the whole is the number after "of the"."""
    out = []
    for a, b in zip(drafts, drafts[1:]):
        if a.phrase.partitive and a.phrase.category is None and a.phrase.after == b.mention.start:
            out.append((a, b))
    return out


def outcome_parts(kept: list[Draft], tokens: Sequence[Token]) -> None:
    """Parts that a sentence tells by their outcome: "4 shot, 1 fatally", "2 dead after 4 shot"
    (the dead are among the people shot), "6 wounded, 1 critically"."""
    # The wholes, found once: a loop does not give them a parent (they are not killed or injured),
    # and a sentence that lists thousands of numbers must not be read once per number.
    wholes = [j for j, e in enumerate(kept) if e.type == "casualties" and e.parent is None and e.person is None]
    for i, d in enumerate(kept):
        if d.parent is not None or d.type not in _CASUALTY_PARTS or d.person is not None:
            continue  # (a victim named beside a count is one more: "Officer Wounded; 2 Bystanders Shot")
        shot = [j for j in wholes if j != i and kept[j].mention.value >= d.mention.value]
        if shot:
            d.parent = min(shot, key=lambda j: abs(j - i))
            continue
        if i == 0 or d.phrase.category is not None:
            continue
        outcome = d.phrase.head_word in _OUTCOMES or any(t.lower == "condition" for t in tokens[d.end : d.tail])
        prev = kept[i - 1]
        gap = tokens[max(prev.end, prev.tail) : d.mention.start]
        if outcome and prev.type in (d.type, "casualties") and prev.mention.value > d.mention.value and all(t.text == "," for t in gap):
            d.parent = i - 1 if prev.parent is None else prev.parent


def refers_back(d: Draft, tokens: Sequence[Token], ts: int, lex: Lexicon) -> bool:
    """Whether a figure breaks down one of an earlier sentence: "Of the dead, 12 were children",
    "Two of the wounded were in critical condition", "The ministry said 13 of the dead were
    children", "1,200 of them remained in custody", "The dead included three children"."""
    if d.parent is not None:
        return False
    if d.phrase.partitive:
        return True
    opening = [t.lower for t in tokens[ts : min(d.mention.start, ts + 3)]]
    if opening[:1] in (["of"], ["among"]) and len(opening) >= 2 and opening[1] in ("the", "those", "them", "these"):
        return True
    # "The dead included …", "Those killed were …": the subject names the earlier figure's people.
    hit = cue_at(tokens, ts, min(len(tokens), ts + 4), lex)
    return hit is not None and tokens[ts].lower in ("the", "those") and any(role == "nouns" for _, role in hit[0])
