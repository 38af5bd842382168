"""Victims named without a number: "a woman was shot dead", "the gunman was killed by police",
"Smith was pronounced dead", "She died in hospital".

Each is a candidate figure of value 1 (``implicit`` in the record). Whether it is a figure at all is
the linker's call, as for any number: a casualty predicate must govern it ("A woman said …" is
none). A pronoun, or a definite noun phrase ("the victim"), may be a person named before: the linker
then links it to that figure with ``same_as``, and drops a pronoun that has no one to refer to.
Pure functions over tokens.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from .candidates import Mention
from .lexicon import Lexicon
from .tokens import Token
from .victims import VictimPhrase, cue_at, victim_at

__all__ = ["MAX_MODIFIERS", "Person", "people"]

MAX_MODIFIERS = 3  # "a 22-year-old [man]", "the [off-duty police] officer"
_INDEFINITE = frozenset({"a", "an", "another"})
_DEFINITE = frozenset({"the"})
_PRONOUNS = frozenset({"he", "she"})
_PLURALS = frozenset({"people", "children", "police", "personnel", "folk"})  # plurals without -s
# Nouns for a group, never one victim: "a rival crew", "the population".
_COLLECTIVE = frozenset({"crew", "gang", "group", "team", "family", "unit", "squad", "patrol", "convoy", "population", "crowd", "mob", "community", "household"})
_POSSESSIVE = frozenset({"his", "her", "their"})  # "their driver was shot dead": someone new, not a pronoun
_BE = frozenset({"was", "is", "had", "has", "got"})  # a name is a victim only as the subject of such a verb
_DIED = frozenset({"died", "dies"})
_AGE_SUFFIX = ("-year-old", "-month-old", "-week-old")
_PLACE_BEFORE = frozenset({"of", "in", "from", "at", "near", "to"})  # "Oscar Garcia, 22, of [Vallejo] was killed"


@dataclass(frozen=True)
class Person:
    """One victim named without a number, over tokens ``[mention.start, phrase.end)``.

    ``head`` is the lower-case head noun ("woman", "gunman"; "" for a pronoun, the surname for a
    name); ``refers`` marks a pronoun or a definite phrase, which may be someone named before."""

    mention: Mention
    phrase: VictimPhrase
    head: str
    refers: bool


def _singular_victim(tokens: Sequence[Token], k: int, end: int, lex: Lexicon) -> tuple[str, int, int] | None:
    """Category, head index and end of a singular victim noun within a few modifiers of ``k``."""
    for j in range(k, min(end, k + MAX_MODIFIERS + 1)):
        v = victim_at(tokens, j, end, lex)
        if v is not None:
            word = tokens[v[1] - 1].lower
            if _plural(word) or _noun_goes_on(tokens, v[1], lex):
                return None
            return (v[0], v[1] - 1, v[1])
        tok = tokens[j]
        if tok.kind == "punct" or tok.lower in lex.words["stop_words"] or cue_at(tokens, j, end, lex) is not None:
            return None
        if tok.kind == "num" and not _is_age(tok):
            return None  # "the mission recorded [2,500] civilian casualties": a count's noun
    return None


def _plural(word: str) -> bool:
    """"the men", "the people": a group, not a victim named without a number."""
    return (word.endswith("s") and not word.endswith(("ss", "us"))) or word.endswith("men") or word in _PLURALS or word in _COLLECTIVE


def _noun_goes_on(tokens: Sequence[Token], k: int, lex: Lexicon) -> bool:
    """Whether the word after a victim noun continues the noun phrase, making the victim noun a
    modifier: "the jihadist [assault]", "a police [car]"."""
    if k >= len(tokens):
        return False
    tok = tokens[k]
    if tok.kind != "word" or tok.lower in lex.words["stop_words"] or (tok.lower,) in lex.phrases["auxiliaries"]:
        return False
    return cue_at(tokens, k, len(tokens), lex) is None and not tok.lower.endswith(("ed", "ing"))


def _in_apposition(tokens: Sequence[Token], i: int, taken: set[int], lex: Lexicon) -> bool:
    """ "the other two victims, a man and a woman,": the phrase describes a number before it. A
    breakdown names one of the counted and is a figure, a part of the number: "nine people, among
    them a 6-year-old girl"."""
    markers = lex.phrases["breakdown_markers"]
    if any(tuple(t.lower for t in tokens[max(0, i - n) : i]) in markers for n in (1, 2, 3)):
        return False
    for k in range(i - 1, max(-1, i - 8), -1):
        if k in taken:
            return True
        if tokens[k].text in (".", ";", ":"):
            return False
    return False


def _is_name_word(tok: Token, lex: Lexicon) -> bool:
    low = tok.lower
    return (
        tok.kind == "word" and tok.text[:1].isupper() and tok.text[1:2].islower()
        and low not in lex.words["stop_words"] and low not in lex.words["months"] and low not in lex.org_nouns
        and (low,) not in lex.victims and (low,) not in lex.cues
    )  # fmt: skip


def _name_at(tokens: Sequence[Token], i: int, end: int, lex: Lexicon) -> int | None:
    """The end of a person's name at ``i`` that is the subject of "was"/"is"/"had been"
    ("Smith was pronounced dead", "John Smith, 27, was shot"), else None."""
    j = i
    while j < end and j - i < 3 and _is_name_word(tokens[j], lex):
        j += 1
    if j == i:
        return None
    k = j
    if k + 2 < end and tokens[k].text == "," and tokens[k + 1].kind == "num" and tokens[k + 2].text == ",":
        k += 3  # "John Smith, 27, was shot"
    if k < end and tokens[k].lower in _DIED:
        return j  # "Khalil Reed died at the hospital"
    if k >= end or tokens[k].lower not in _BE:
        return None
    # "Smith had died", "Smith has been charged" but not "the Yangtze has displaced 2.5m people"
    perfect = tokens[k].lower in ("has", "had")
    return j if not perfect or (k + 1 < end and tokens[k + 1].lower in ("been", "died")) else None


def _cue_before(tokens: Sequence[Token], i: int, lex: Lexicon) -> bool:
    """Whether a casualty cue ends right before ``i``: "shot and killed [Marcus Hill]", "the
    shooting death of [Julius Gray]" (a cue's own "of" included)."""
    for start in range(max(0, i - 4), i):
        found = cue_at(tokens, start, i, lex)
        if found is not None and found[1] == i:
            return True
    return i >= 2 and tokens[i - 1].lower == "of" and _cue_before(tokens, i - 1, lex)


def _is_age(tok: Token) -> bool:
    return tok.kind == "num" and tok.lower.endswith(_AGE_SUFFIX)


def people(tokens: Sequence[Token], mentions: Sequence[Mention], lex: Lexicon, pronouns: bool = True) -> list[Person]:
    """The victims named without a number in one sentence's ``tokens``, in order; "he" and "she"
    only when ``pronouns`` (someone was named before them)."""
    taken = {j for m in mentions for j in range(m.start, m.end)}
    numbers_end = {m.end for m in mentions}
    end = len(tokens)
    out: list[Person] = []
    # In a Title Case headline every word looks like a name: "Shooting Investigation Underway".
    words = [t for t in tokens if t.kind == "word" and t.lower not in lex.words["stop_words"]]
    names_ok = len(words) < 4 or sum(t.text[:1].isupper() for t in words) <= 0.6 * len(words)
    i = 0
    while i < end:
        tok = tokens[i]
        low = tok.lower
        if i in taken or i in numbers_end:
            i += 1  # (a noun right after a number is that number's: "1 Firefighter Injured")
            continue
        headline_start = (i == 0 and tok.text[:1].isupper()) or (i > 0 and tokens[i - 1].text in (",", ";", ":"))
        if headline_start and low not in _INDEFINITE | _DEFINITE | _PRONOUNS:
            # A headline drops the article: "Child shot, mother injured", "Teen, 16, fatally shot".
            found = _singular_victim(tokens, i, min(end, i + 2), lex)
            if found is not None and i not in taken and not any(j in taken for j in range(i, found[2])):
                category, head, stop = found
                out.append(Person(Mention(i, i, i, 1, 1, 1, "exact"), VictimPhrase(i, stop, category, i), tokens[head].lower, False))
                i = stop
                continue
        if low in _DEFINITE and i + 1 < end and _is_age(tokens[i + 1]) and (i + 2 >= end or tokens[i + 2].text == "," or tokens[i + 2].lower in _BE | _DIED):
            # "the 62-year-old died in hospital": the age stands for the person named before.
            out.append(Person(Mention(i, i + 2, i + 2, 1, 1, 1, "exact"), VictimPhrase(i + 1, i + 2, "people", i + 1), "", True))
            i += 2
            continue
        if low in _INDEFINITE or low in _DEFINITE or low in _POSSESSIVE:
            found = _singular_victim(tokens, i + 1, end, lex)
            if found is not None and not (low in _INDEFINITE and _in_apposition(tokens, i, numbers_end | taken, lex)):
                category, head, stop = found
                if low in _INDEFINITE:  # "a" is the number: it counts one
                    mention = Mention(i, i, i + 1, 1, 1, 1, "exact")
                    phrase = VictimPhrase(i + 1, stop, category, i + 1)
                else:  # "the gunman", "their driver": no number word at all
                    mention = Mention(i, i + 1, i + 1, 1, 1, 1, "exact")
                    phrase = VictimPhrase(i + 1, stop, category, i + 1)
                out.append(Person(mention, phrase, tokens[head].lower, low in _DEFINITE))
                i = stop
                continue
        elif pronouns and low in _PRONOUNS and (i == 0 or tokens[i - 1].text in (",", ";", '"', "“") or tokens[i - 1].lower in ("and", "but", "where", "when")):
            # "She died in hospital", "…, and he was pronounced dead": a person named before, if any.
            out.append(Person(Mention(i, i, i, 1, 1, 1, "exact"), VictimPhrase(i, i + 1, "people", None), "", True))
            i += 1
            continue
        elif names_ok and (i == 0 or not (_is_name_word(tokens[i - 1], lex) or tokens[i - 1].lower in _PLACE_BEFORE | _DEFINITE)) and (name_end := _name_at(tokens, i, end, lex)) is not None:
            phrase = VictimPhrase(i, name_end, "people", i)
            out.append(Person(Mention(i, i, i, 1, 1, 1, "exact"), phrase, tokens[name_end - 1].lower, False))
            i = name_end
            continue
        # (not a noun a gerund modifies: "Shooting Suspect Charged")
        cued = _cue_before(tokens, i, lex) and not (i > 0 and tokens[i - 1].lower.endswith("ing"))
        v = victim_at(tokens, i, end, lex) or (victim_at(tokens, i + 1, end, lex) if cued and i + 1 < end and cue_at(tokens, i, end, lex) is None else None)  # "Death of Grocery [Clerk]"
        if not names_ok and i not in taken and v is not None and not _plural(tokens[v[1] - 1].lower):
            # A Title Case headline drops the article anywhere: "Officers Fatally Shoot [Man]",
            # "Coroner Identifies [Man] Killed", "[Man] Found Shot to Death".
            category, noun_end = v
            if cued or any(cue_at(tokens, j, end, lex) is not None for j in range(noun_end, min(end, noun_end + 2))):
                out.append(Person(Mention(i, i, i, 1, 1, 1, "exact"), VictimPhrase(i, noun_end, category, i), tokens[noun_end - 1].lower, False))
                i = noun_end
                continue
        if names_ok and cued:
            # The object of a casualty word: "shot and killed Marcus Hill", "the death of 23-year-old Julius Gray".
            first = i + 1 if _is_age(tok) else i
            stop = first
            while stop < end and stop - first < 3 and _is_name_word(tokens[stop], lex):
                stop += 1
            modifier = stop < end and victim_at(tokens, stop, end, lex) is not None  # "kills [Paulding County] child"
            if not modifier and (stop - first >= 2 or (stop > first and first > i)):  # a full name, or an age and a name
                out.append(Person(Mention(i, i, i, 1, 1, 1, "exact"), VictimPhrase(i, stop, "people", i), tokens[stop - 1].lower, False))
                i = stop
                continue
        i += 1
    return out
