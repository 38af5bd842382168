"""The same victim across sentences, and victims among a count (rules/coreference.py)."""

from __future__ import annotations

import pytest

from figextract.rules.lexicon import Lexicon
from figextract.rules.linking import find_figures

Row = tuple[str, int | None, int | None]  # text, same_as, part_of


def relations(text: str, lex: Lexicon) -> list[Row]:
    return [(f.text, f.same_as, f.part_of) for f in find_figures(text, lexicon=lex)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a headline's bare noun, the lead's description and a pronoun are one boy
        ("Boy dies after shooting in Dayton\n\nA 13-year-old boy died after he was shot in the head. He was pronounced dead at 9 p.m.",
         [("Boy", None, None), ("A 13-year-old boy", 0, None), ("He", 0, None)]),
        # the same description, a name for it, and "the teen"
        ("A teenager was shot dead on Friday. Police named him as Jordan Pike. Jordan Pike was killed near his school. The teen was 16.",
         [("A teenager", None, None), ("Jordan Pike", 0, None)]),
        # told apart: ages, "another", a man and a woman
        ("A 25-year-old man was shot in the arm. A 31-year-old man was shot in the leg.", [("A 25-year-old man", None, None), ("A 31-year-old man", None, None)]),
        ("A man was killed on Elm Street. Another man was wounded.", [("A man", None, None), ("Another man", None, None)]),
        ("A woman was shot on Friday. A man was shot on Saturday.", [("A woman", None, None), ("A man", None, None)]),
        # one sentence: "a man and a man" are two, whatever the words
        ("A man was killed and a man was wounded.", [("A man", None, None), ("a man", None, None)]),
        # an outcome that is no stage of the same fate: an arrest is someone else
        ("A man was shot dead on Monday. Police arrested a man on Tuesday.", [("A man", None, None), ("a man", None, None)]),
        # victims described after a count are among the counted
        ("Four people were shot outside a bar. A 23-year-old woman was wounded in the leg.", [("Four people", None, None), ("A 23-year-old woman", None, 0)]),
        ("Four people were shot outside a bar. A 23-year-old woman died. She was a nurse.", [("Four people", None, None), ("A 23-year-old woman", None, 0)]),
        ("One man was killed in the shooting. A 19-year-old man died at the scene.", [("One man", None, None), ("A 19-year-old man", 0, None)]),
        # but not among a count of another fate
        ("Two people were killed. A woman was wounded.", [("Two people", None, None), ("A woman", None, None)]),
    ],
)
def test_same_person_and_counted_victims(text: str, expected: list[Row], lex: Lexicon) -> None:
    assert relations(text, lex) == expected
