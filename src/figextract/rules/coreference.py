"""Who is who across sentences: victims named without a number, and the counts they belong to.

A local news article names one victim several ways: "Boy dies in shooting" (headline), "a 13-year-old
boy died …" (lead), "he was pronounced dead" (body), "Khalil Reed was hit …". Counting each phrase
as a victim turns one death into four. Two rules, both inside one article:

- ``same_person``: a phrase of a later sentence is the person an earlier one named when nothing
  tells them apart — the same head noun or category, or either says only "someone" ("boy" ~
  "13-year-old boy" ~ "the teen" ~ "the victim" ~ "he"); no conflicting age; no "another"/"second";
  a compatible outcome (shot, wounded and killed are stages of one fate; arrested is not). A name is
  the latest described person who has no name yet; two different surnames are two people. Local
  news about one shooting describes its victims this way; two people of one description in one
  article are told apart by age, name or "another".
- ``counted_in``: a person described after a count ("Four people were shot. A 23-year-old woman was
  hit in the leg") is one of the counted, not a fifth: the linker records it as a part of that count
  (``part_of``), or as the same figure when the count is one.

Pure functions over ``Figure`` records and small descriptions of the phrases.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Mapping, Sequence

from .records import Figure

__all__ = ["Described", "FATES", "GENERIC_HEADS", "HOLDS", "counted_in", "describe", "same_person"]

FATES = frozenset({"killed", "injured", "casualties"})  # stages of one victim's fate
# A count of a type holds victims of these types: "4 shot" holds the one who died and the one wounded.
HOLDS = {"casualties": FATES, "killed": frozenset({"killed", "casualties"}), "injured": frozenset({"injured", "casualties"})}
_AGE = re.compile(r"\b(\d{1,3})[- ]years?[- ]old\b", re.IGNORECASE)
_ANOTHER = re.compile(r"\b(another|second|third|fourth|fifth|other)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Described:
    """What the text says of a victim named without a number, enough to tell two apart."""

    head: str  # "woman"; "" for a pronoun; the surname for a name
    category: str
    age: str | None
    refers: bool  # a pronoun or a definite phrase: someone named before
    name: bool
    another: bool  # "another man", "a second victim": someone new


def describe(fig: Figure, head: str, refers: bool, name: bool) -> Described:
    """The description of an implicit figure with the head noun the linker found."""
    age = _AGE.search(fig.text)
    return Described(head, fig.category, age.group(1) if age else None, refers, name, bool(_ANOTHER.search(fig.text)))


def _compatible(a: str, b: str) -> bool:
    return a == b or (a in FATES and b in FATES)


def same_person(figures: Sequence[Figure], persons: Mapping[int, Described], new: Described, new_type: str, sentence: int) -> int | None:
    """The first figure of the earlier person ``new`` (of type ``new_type``, in ``sentence``) names
    again, if any (see the module docstring); ``persons`` maps figure indices to descriptions. Within
    one sentence only a pronoun or a definite phrase refers back: "a man and a man" are two."""
    if new.another:
        return None
    named = {_root(figures, i) for i, p in persons.items() if p.name}
    for i in sorted(persons, reverse=True):
        old = persons[i]
        if not _compatible(figures[i].type, new_type) or (figures[i].sentence == sentence and not new.refers):
            continue
        if new.age is not None and old.age is not None and new.age != old.age:
            continue
        if new.name and old.name:
            match = old.head == new.head  # two names are two people unless the surname is the same
        elif new.name:
            match = _root(figures, i) not in named  # a name for someone described before
        else:
            match = old.head == new.head or _same_kind(old, new)
        if match:
            return _root(figures, i)
    return None


GENERIC_HEADS = frozenset({"", "victim", "person", "individual"})  # "he", "the victim": anyone


def _same_kind(old: Described, new: Described) -> bool:
    """Nothing tells them apart: the same specific category ("boy" ~ "teen"), or one of them could be
    anyone ("the victim", "he", a name); "the suspect" is not "a woman"."""
    if old.category == new.category != "people":
        return True
    return any(d.head in GENERIC_HEADS or d.name for d in (old, new))


def _root(figures: Sequence[Figure], i: int) -> int:
    same = figures[i].same_as
    return same if same is not None else i


def counted_in(figures: Sequence[Figure], i: int) -> int | None:
    """The count that holds the person of figure ``i``: the nearest before it, else the first after
    it; None when the article counts no such victims. Within the person's own sentence only an
    earlier count of the same type holds it ("three people were wounded …, a 41-year-old man was
    wounded in the leg"): "two men were shot and a woman was killed" are three victims."""
    person = figures[i]
    if person.category == "attackers" or (person.category_text or "").lower().endswith("suspect"):
        return None  # the gunman is not among the victims counted

    def holds(j: int, f: Figure) -> bool:
        if f.category != person.category and "people" not in (f.category, person.category):
            return False  # "two students" do not hold the bus driver; "four men" hold "the victim"
        if f.sentence == person.sentence:
            return j < i and f.type == person.type
        return person.type in HOLDS.get(f.type, frozenset({f.type}))

    holders = [
        j for j, f in enumerate(figures)
        if not f.implicit and f.scope == person.scope == "incident" and f.superseded_by is None and holds(j, f)
    ]  # fmt: skip
    before = [j for j in holders if j < i]
    if before:
        return before[-1]
    return holders[0] if holders else None
