"""What governs a number, read from hand-made parses, so the rules are tested apart from any model.

Each case gives a sentence split on spaces with each word's head, label and tag, the word that is
the number, and what ``governing`` must say. Cue roles come from a small table of lemmas, as the
linker's cue vocabulary would give them.
"""

from __future__ import annotations

from typing import NamedTuple

import pytest

from figextract.rules.predicates import Governed, Places, governing
from figextract.rules.syntax import Parse

ROLES = {
    "kill": {("killed", "verbs")},
    "shoot": {("casualties", "verbs")},
    "dead": {("killed", "heads"), ("killed", "intransitive")},
    "flee": {("displaced", "intransitive")},
    "die": {("killed", "intransitive")},
    "toll": {("killed", "tolls")},
    "the dead": {("killed", "nouns")},
    "injury": {("injured", "heads")},
}
PLACES = Places(shelters=frozenset({"shelter", "camp", "evacuation centre"}), hospitals=frozenset({"hospital"}))


class Case(NamedTuple):
    words: str
    heads: list[int]
    deps: list[str]
    tags: str
    number: int
    want: tuple[str | None, bool] | None  # (type, agent), or None when nothing governs it


def build(c: Case) -> Parse:
    words = c.words.split(" ")
    starts, pos = [], 0
    for w in words:
        starts.append(pos)
        pos += len(w) + 1
    return Parse(
        tuple(starts), tuple(s + len(w) for s, w in zip(starts, words)), tuple(c.heads), tuple(c.deps),
        tuple(w.lower() for w in words), tuple(c.tags.split()),
    )  # fmt: skip


def roles_of(p: Parse):  # type: ignore[no-untyped-def]
    def cue_roles(i: int) -> frozenset[tuple[str, str]]:
        pair = f"{p.lemmas[i]} {p.lemmas[i + 1]}" if i + 1 < len(p) else ""
        return frozenset(ROLES.get(pair, set()) | ROLES.get(p.lemmas[i], set()))

    return cue_roles


CASES = {
    "passive subject": Case("Seven people were shoot", [1, 3, 3, 3], ["nummod", "nsubjpass", "auxpass", "ROOT"], "CD NNS VBD VBN", 0, ("casualties", False)),
    "object": Case("Gunmen kill twelve villagers", [1, 1, 3, 1], ["nsubj", "ROOT", "nummod", "dobj"], "NNS VBD CD NNS", 2, ("killed", False)),
    "the doers": Case("Twelve gunmen kill five soldiers", [1, 2, 2, 4, 2], ["nummod", "nsubj", "ROOT", "nummod", "dobj"], "CD NNS VBD CD NNS", 0, (None, True)),
    "killed by": Case("Five soldiers were kill by twelve gunmen", [1, 3, 3, 3, 3, 6, 4], ["nummod", "nsubjpass", "auxpass", "ROOT", "agent", "nummod", "pobj"], "CD NNS VBD VBN IN CD NNS", 5, (None, True)),
    "left dead": Case("The quake left 2,000 people dead", [1, 2, 2, 4, 2, 2], ["det", "nsubj", "ROOT", "nummod", "dobj", "oprd"], "DT NN VBD CD NNS JJ", 3, ("killed", False)),
    "forced to flee": Case("Fighting forced 20,000 people to flee", [1, 1, 3, 1, 5, 1], ["nsubj", "ROOT", "nummod", "dobj", "aux", "xcomp"], "NN VBD CD NNS TO VB", 2, ("displaced", False)),
    "toll climbed to": Case("The death toll has climbed to 63", [2, 2, 4, 4, 4, 4, 5], ["det", "compound", "nsubj", "aux", "ROOT", "prep", "pobj"], "DT NN NN VBZ VBN IN CD", 6, ("killed", False)),
    "moved into shelters": Case("They moved 650,000 people into 4,000 storm shelter", [1, 1, 3, 1, 1, 7, 7, 4], ["nsubj", "ROOT", "nummod", "dobj", "prep", "nummod", "compound", "pobj"], "PRP VBD CD NNS IN CD NN NNS", 2, ("displaced", False)),
    "taken to hospital": Case("Three men were transported to a hospital", [1, 3, 3, 3, 3, 6, 4], ["nummod", "nsubjpass", "auxpass", "ROOT", "prep", "det", "pobj"], "CD NNS VBD VBN IN DT NN", 0, ("injured", False)),
    "treated for injuries": Case("Crews treated 46 people for injury", [1, 1, 3, 1, 1, 4], ["nsubj", "ROOT", "nummod", "dobj", "prep", "pobj"], "NNS VBD CD NNS IN NNS", 2, ("injured", False)),
    "arrived after fleeing": Case("18,000 people arrived after flee clashes", [1, 2, 2, 2, 3, 4], ["nummod", "nsubj", "ROOT", "prep", "pcomp", "dobj"], "CD NNS VBD IN VBG NNS", 0, ("displaced", False)),
    "relative clause": Case("12 people who were kill", [1, 1, 4, 4, 1], ["nummod", "ROOT", "nsubjpass", "auxpass", "relcl"], "CD NNS WP VBD VBN", 0, ("killed", False)),
    "reduced relative": Case("five people shoot outside", [1, 1, 1, 2], ["nummod", "ROOT", "acl", "advmod"], "CD NNS VBN RB", 0, ("casualties", False)),
    "count noun": Case("The number of journalists kill has risen to 73", [1, 6, 1, 2, 3, 6, 6, 6, 7], ["det", "nsubj", "prep", "pobj", "acl", "aux", "ROOT", "prep", "pobj"], "DT NN IN NNS VBN VBZ VBN IN CD", 8, ("killed", False)),
    "the dead comprised": Case("the dead comprise 1,380 civilians", [1, 2, 2, 4, 2], ["det", "nsubj", "ROOT", "nummod", "dobj"], "DT NNS VBD CD NNS", 3, ("killed", False)),
    "coordination": Case("three soldiers and a civilian die", [1, 5, 1, 4, 1, 5], ["nummod", "nsubj", "cc", "det", "conj", "ROOT"], "CD NNS CC DT NN VBD", 3, None),
    "hundreds of": Case("hundreds of civilians flee", [3, 0, 1, 3], ["nsubj", "prep", "pobj", "ROOT"], "NNS IN NNS VBD", 0, ("displaced", False)),
    "a clause of its own": Case("Three men were questioned", [1, 3, 3, 3], ["nummod", "nsubjpass", "auxpass", "ROOT"], "CD NNS VBD VBN", 0, (None, False)),
    "no predicate": Case("Route 12 closed", [2, 0, 2], ["compound", "nummod", "ROOT"], "NNP CD VBD", 1, None),
}


@pytest.mark.parametrize("name", CASES)
def test_governing(name: str) -> None:
    c = CASES[name]
    p = build(c)
    got = governing(p, c.number, [c.number], roles_of(p), PLACES)
    assert (None if got is None else (got.type, got.agent)) == c.want


def test_a_clause_of_its_own_is_marked() -> None:
    c = CASES["a clause of its own"]
    p = build(c)
    got = governing(p, c.number, [c.number], roles_of(p), PLACES)
    assert got is not None and got.other_clause and got.noun == 1 and p.lemmas[got.verb] == "questioned"
    assert not Governed("killed", False, 1, 3).other_clause


def test_the_counted_noun_of_a_partitive_is_not_what_the_predicate_governs() -> None:
    # "released 17 of the 28 students abducted": "abducted" describes the students, not the 17.
    c = Case("Kidnappers released 17 of the 28 students abduct", [1, 1, 1, 2, 6, 6, 3, 6], ["nsubj", "ROOT", "dobj", "prep", "det", "nummod", "pobj", "acl"],
             "NNS VBD CD IN DT CD NNS VBN", 2, None)  # fmt: skip
    p = build(c)
    ROLES["abduct"] = {("abducted", "verbs")}
    try:
        got = governing(p, 2, [2], roles_of(p), PLACES)
    finally:
        del ROLES["abduct"]
    assert got is not None and got.type is None
