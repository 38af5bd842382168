"""Victims named without a number (rules/implicit.py), read through the linker as users see them."""

from __future__ import annotations

import pytest

from figextract.rules.lexicon import Lexicon
from figextract.rules.linking import find_figures

Row = tuple[str, str, str]  # mention text, type, category


def implicit(text: str, lex: Lexicon) -> list[Row]:
    return [(f.text, f.type, f.category) for f in find_figures(text, lexicon=lex) if f.implicit]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A woman was shot dead outside a bakery on Friday.", [("A woman", "killed", "women")]),
        ("A 22-year-old man died at the scene.", [("A 22-year-old man", "killed", "men")]),
        ("The gunman was killed by police.", [("The gunman", "killed", "attackers")]),
        ("Farrell was pronounced dead at the scene.", [("Farrell", "killed", "people")]),
        ("A child was wounded by a stray bullet.", [("A child", "injured", "children")]),
        ("A 10-year-old girl and a 19-year-old woman were shot.", [("A 10-year-old girl", "casualties", "children"), ("a 19-year-old woman", "casualties", "women")]),
        ("Deputies shot and killed Darnell Ruiz after a chase.", [("Darnell Ruiz", "killed", "people")]),
        ("Detectives are investigating the shooting death of 31-year-old Lena Ortiz.", [("31-year-old Lena Ortiz", "killed", "people")]),
        ("A teenager was charged in the fatal shooting of a 7-year-old boy.", [("a 7-year-old boy", "killed", "children")]),
        ("Temitope Adeyemi died in hospital on Sunday.", [("Temitope Adeyemi", "killed", "people")]),
        ("Their driver was shot dead at the roadblock.", [("Their driver", "killed", "civilians")]),
        ("Gunmen killed nine people, among them a 6-year-old girl.", [("a 6-year-old girl", "killed", "children")]),
        # no victim: plural, a group, an agent, a place, a Title Case headline
        ("Civilians were killed in the shelling.", []),
        ("The men were wounded in the crossfire.", []),
        ("Members of a rival crew were shot.", []),
        ("Flooding along the Mekong has displaced 40,000 people.", []),
        ("A woman said she heard four shots.", []),
        ("Shooting Investigation Underway in North Portland", []),
        ("A man fled the scene on foot.", []),  # one person who flees is no displaced count
    ],
)
def test_victims_named_without_a_number(text: str, expected: list[Row], lex: Lexicon) -> None:
    assert implicit(text, lex) == expected


def test_an_implicit_figure_counts_one(lex: Lexicon) -> None:
    for f in find_figures("A woman was shot dead. More than a quarter million people fled.", lexicon=lex):
        assert f.value == 1 if f.implicit else f.value == 250_000
    assert [f.implicit for f in find_figures("More than a quarter million people fled.", lexicon=lex)] == [False]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # pronouns only after someone named; "the 54-year-old" for someone described before
        ("She died in hospital.", []),
        ("A woman was shot on Friday. She died in hospital.", [("A woman", None), ("She", 0)]),
        ("A man was shot on Friday. Police said the 54-year-old died on Sunday.", [("A man", None), ("the 54-year-old", 0)]),
    ],
)
def test_pronouns_and_definite_ages(text: str, expected: list[tuple[str, int | None]], lex: Lexicon) -> None:
    assert [(f.text, f.same_as) for f in find_figures(text, lexicon=lex) if f.implicit] == expected
