"""How figures relate: parts (in the sentence and in the next one), restatements, replaced tolls.

Rule-only (no parse): these relations are read from the surface, so they hold under every model.
"""

from __future__ import annotations

import pytest

from figextract.rules.lexicon import Lexicon
from figextract.rules.linking import find_figures

Row = tuple[str, str, int | None, int | None, int | None]  # text, type, part_of, same_as, superseded_by


def rows(text: str, lex: Lexicon) -> list[Row]:
    return [(f.text, f.type, f.part_of, f.same_as, f.superseded_by) for f in find_figures(text, lexicon=lex)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The dead are among the people shot; an outcome word makes a part of the figure before it.
        ("2 dead after 4 shot", [("2 dead", "killed", 1, None, None), ("4 shot", "casualties", None, None, None)]),
        ("4 shot, 1 fatally, in East Orange", [("4 shot", "casualties", None, None, None), ("1 fatally", "killed", 0, None, None)]),
        ("6 wounded, 1 critically, in a shooting outside a bar", [("6 wounded", "injured", None, None, None), ("1 critically", "injured", 0, None, None)]),
        ("Fourteen others injured, 5 critically", [("Fourteen others", "injured", None, None, None), ("5 critically", "injured", 0, None, None)]),
        ("3 killed, 1 seriously injured in a shooting", [("3 killed", "killed", None, None, None), ("1 seriously injured", "injured", None, None, None)]),
        # Breakdowns said by a marker, a partitive, or a preposition.
        ("Five dead, including three Russian citizens, in an attack", [("Five dead", "killed", None, None, None), ("three Russian citizens", "killed", 0, None, None)]),
        ("Two of the five victims were taken to hospitals in critical condition.", [("Two", "injured", 1, None, None), ("five victims", "injured", None, None, None)]),
        ("The gunfire injured 11 people, eight from the same family.", [("11 people", "injured", None, None, None), ("eight", "injured", 0, None, None)]),
        ("Kidnappers released 17 of the 28 students abducted last month.", [("28 students", "abducted", None, None, None)]),
        # The same figure in other units.
        ("About 3,800 families, or more than 18,000 people, were displaced.", [("About 3,800 families", "displaced", None, None, None), ("more than 18,000 people", "displaced", None, 0, None)]),
        ("As many as 100 families (about 400 people) were displaced.", [("As many as 100 families", "displaced", None, None, None), ("about 400 people", "displaced", None, 0, None)]),
        ("Floods displaced 300 families and 1,200 people fled the hills.", [("300 families", "displaced", None, None, None), ("1,200 people", "displaced", None, None, None)]),
        # An earlier toll the sentence replaces.
        ("The death toll rose to 45 from 30 on Tuesday.", [("45", "killed", None, None, None), ("30", "killed", None, None, 0)]),
        ("The toll climbed from 30 to 45.", [("30", "killed", None, None, 1), ("45", "killed", None, None, None)]),
        ("The number of displaced reached 71,000, up from 67,000 a year earlier.", [("71,000", "displaced", None, None, None), ("67,000", "displaced", None, None, 0)]),
        ("Troops killed 12 people from 3 villages.", [("12 people", "killed", None, None, None)]),
        # A part in the next sentence points back into the paragraph.
        ("A bomb killed 40 people on Monday. Of the dead, 12 were children.", [("40 people", "killed", None, None, None), ("12 were children", "killed", 0, None, None)]),
        ("Seven people were wounded. Two of the wounded were in critical condition.", [("Seven people", "injured", None, None, None), ("Two of the wounded", "injured", 0, None, None)]),
        ("Police detained 300 people. The ministry said 42 of those detained were minors.", [("300 people", "detained", None, None, None), ("42 of those detained were minors", "detained", 0, None, None)]),
        ("A bomb killed 40 people on Monday.\n\nOf the dead, 12 were children.", [("40 people", "killed", None, None, None), ("12 were children", "killed", None, None, None)]),
    ],
)
def test_relations(text: str, expected: list[Row], lex: Lexicon) -> None:
    assert rows(text, lex) == expected
