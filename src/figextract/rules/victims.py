"""Read the victim noun phrase that follows a number: "civilians", "Islamic State (Isis) militants",
"of civilians", "were children", "members of fellow insurgent groups", or a casualty word ("dead").

Pure functions over tokens. The head noun decides the category; a modifier in front never does.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from .lexicon import Lexicon
from .tokens import Token

__all__ = ["MAX_PHRASE", "VictimPhrase", "cue_at", "read_victim_phrase", "victim_at"]

MAX_PHRASE = 8  # tokens scanned for a head noun; wire copy rarely stacks more modifiers
_DETERMINERS = frozenset({"the", "its", "their", "his", "her", "our", "those", "these", "my", "your"})


@dataclass(frozen=True)
class VictimPhrase:
    """What follows a number, over tokens ``[start, end)``.

    ``category`` is None for a bare number. ``thing`` is True when the number counts something that
    is not people ("300 homes"). ``head_type`` is set when a casualty word is the head ("12 dead"),
    ``adjective_type`` when one modifies the head ("12 wounded soldiers").
    """

    start: int
    end: int
    category: str | None
    text_start: int | None = None
    thing: bool = False
    head_type: str | None = None
    head_word: str | None = None
    adjective_type: str | None = None
    partitive: bool = False  # "five of them children", "of whom 12 were women"
    after: int | None = None  # where the clause goes on when that is past ``end`` ("1,200 of them| remained")
    unit: str = "people"  # what the number counts: people, households or families


def victim_at(tokens: Sequence[Token], i: int, end: int, lex: Lexicon) -> tuple[str, int] | None:
    """The victim category of the longest victim word sequence at ``i``, with its end."""
    for n in (3, 2, 1):
        if i + n > end:
            continue
        cased = tuple(t.text for t in tokens[i : i + n])
        if cased in lex.victims_cased:
            return lex.victims_cased[cased], i + n
        key = tuple(t.lower for t in tokens[i : i + n])
        if key in lex.victims and not (n == 1 and key[0] in ("other",)):
            return lex.victims[key], i + n
    return None


def cue_at(tokens: Sequence[Token], i: int, end: int, lex: Lexicon) -> tuple[frozenset[tuple[str, str]], int] | None:
    """The casualty cue (``{(type, role)}``) of the longest cue phrase at ``i``, with its end."""
    for n in (5, 4, 3, 2, 1):
        if i + n > end:
            continue
        key = tuple(t.lower for t in tokens[i : i + n])
        if key in lex.cues:
            return lex.cues[key], i + n
    return None


def _is_plural_noun(word: str) -> bool:
    """Casualty nouns ("deaths", "casualties") rather than predicates ("dead", "killed")."""
    return word.endswith("s") and word not in ("lives", "was")


def _types_with_role(roles: frozenset[tuple[str, str]], role: str) -> list[str]:
    return sorted(t for t, r in roles if r == role)


def _of_phrase_category(tokens: Sequence[Token], k: int, end: int, lex: Lexicon) -> tuple[str, int] | None:
    """Category and end of "of X" after a member noun: "of fellow insurgent groups" -> rebels."""
    stop = lex.words["stop_words"]
    found: str | None = None
    last = k
    j = k
    while j < min(end, k + 6):
        tok = tokens[j]
        if tok.kind != "word" or (tok.lower in stop and tok.lower not in ("the", "a", "an", "of", "armed")):
            break
        if cue_at(tokens, j, end, lex) is not None or (tok.lower,) in lex.phrases["auxiliaries"]:
            break  # the clause's verb: "five members of the gang| died"
        v = victim_at(tokens, j, end, lex)
        if v is not None:
            found, j = (found or v[0]), v[1]
            last = j
            continue
        mod = next((lex.modifiers[key] for n in (2, 1) if (key := tuple(t.lower for t in tokens[j : j + n])) in lex.modifiers), None)
        if mod is not None and found is None:
            found = mod
        j += 1
        if tok.lower not in ("the", "a", "an", "of"):
            last = j
    return (found or "people", last) if last > k else None


def read_victim_phrase(tokens: Sequence[Token], i: int, end: int, lex: Lexicon) -> VictimPhrase:
    """The phrase after a number ending at token ``i`` (exclusive ``end`` is the sentence end)."""
    stop = lex.words["stop_words"]
    k = i
    partitive = False
    if k + 1 < end and tokens[k].lower == "of" and tokens[k + 1].lower in ("them", "whom", "those", "these"):
        k, partitive = k + 2, True
    elif k < end and tokens[k].lower == "of":
        k += 1  # "hundreds of civilians", "241 of its staff members", "three of its own soldiers"
        if k < end and tokens[k].lower in _DETERMINERS:
            k += 1
            partitive = True
        if k < end and tokens[k].lower == "own":
            k += 1
    after_partitive = k
    if k + 1 < end and tokens[k].lower in ("more", "other") and victim_at(tokens, k + 1, end, lex) is not None:
        k += 1  # "three more people died", "50 other worshippers"
    if k + 1 < end and tokens[k].lower in ("were", "was", "are", "being") and (
        partitive or any(victim_at(tokens, j, end, lex) is not None for j in range(k + 1, min(end, k + 4)))
    ):
        k += 1  # "of which 332 were children", "roughly 11,000 were unaccompanied children"
    text_start = k

    # A casualty word first: a head ("12 dead") or an adjective before the head ("12 wounded soldiers").
    cue = cue_at(tokens, k, end, lex)
    adjective_type = None
    if cue is not None:
        roles, after = cue
        heads = _types_with_role(roles, "heads")
        if heads:
            if victim_at(tokens, after, end, lex) is not None and tokens[k].lower != "lives":
                adjective_type = heads[0]
                k = after
            else:
                # "12 of the dead were children": the copula names who they were.
                if after + 1 < end and tokens[after].lower in ("were", "was", "are") and (v := victim_at(tokens, after + 1, end, lex)):
                    return VictimPhrase(i, v[1], v[0], after + 1, head_type=heads[0], head_word=tokens[k].lower, partitive=partitive)
                # "1 critically injured", "2 Seriously Hurt": the adverb and the word it modifies are one head.
                if tokens[k].lower.endswith("ly") and (more := cue_at(tokens, after, end, lex)) is not None and _types_with_role(more[0], "heads"):
                    after = more[1]
                return VictimPhrase(i, after, None, None, head_type=heads[0], head_word=tokens[k].lower, partitive=partitive)

    head: tuple[str, int] | None = None
    j = k
    limit = min(end, k + MAX_PHRASE)
    while j < limit:
        tok = tokens[j]
        if tok.text == "(":
            close = next((m for m in range(j + 1, min(end, j + 6)) if tokens[m].text == ")"), None)
            if close is None:
                break
            j = close + 1
            continue
        if tok.kind != "word":
            break
        if tok.lower in lex.member_nouns:
            if j + 1 < end and tokens[j + 1].lower == "of":
                of = _of_phrase_category(tokens, j + 2, end, lex)
                if of is not None:
                    head = (of[0], of[1])
                    j = of[1]
                    break
            head = ("people", j + 1)
            j += 1
            continue
        v = victim_at(tokens, j, end, lex)
        if v is not None:
            head = v
            j = v[1]
            continue
        if head is None and tok.lower in lex.unit_nouns:
            # "12,000 families", "310 households": people counted by the home they share.
            return VictimPhrase(i, j + 1, "people", text_start, partitive=partitive, unit=lex.unit_nouns[tok.lower])
        cue = cue_at(tokens, j, end, lex)
        heads = _types_with_role(cue[0], "heads") if cue is not None else []
        if cue is not None and heads and _is_plural_noun(tokens[cue[1] - 1].lower) and (head is not None or j > k):
            # The casualty noun is the head: "30 civilian casualties" (victims in front),
            # "1,435 excess deaths" (other modifiers in front).
            category, start = (head[0], text_start) if head is not None else (None, None)
            return VictimPhrase(i, cue[1], category, start, head_type=heads[0], partitive=partitive)
        if head is None and (tok.lower in lex.words["time_nouns"] or tok.lower in lex.words["thing_nouns"]):
            return VictimPhrase(i, j + 1, None, thing=True)  # "over four days", "14 Confirmed Cases"
        if head is None and j + 1 < limit and tokens[j + 1].lower in lex.words["thing_nouns"] and tok.kind == "word":
            return VictimPhrase(i, j + 2, None, thing=True)
        if tok.lower in stop or cue is not None or tok.lower == "'s" or (tok.lower,) in lex.phrases["auxiliaries"]:
            break
        if head is not None:
            # A plural lower-case noun after the victim word is the real head ("civilian homes",
            # "police stations"); anything else there is the verb of the clause ("migrants remain").
            if tok.text.islower() and tok.lower.endswith("s") and not tok.lower.endswith(("ss", "us")):
                return VictimPhrase(i, j + 1, None, thing=True)
            break
        j += 1

    if head is not None:
        category, head_end = head
        return VictimPhrase(i, head_end, category, text_start, adjective_type=adjective_type, partitive=partitive)
    if adjective_type is not None:
        return VictimPhrase(i, k, None, None, head_type=adjective_type, partitive=partitive)
    if j > k:
        return VictimPhrase(i, j, None, thing=True)
    # "1,200 of them remained in custody": no victim noun, but the clause goes on after "of them".
    return VictimPhrase(i, i, None, partitive=partitive, after=after_partitive if partitive else None)
