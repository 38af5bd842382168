"""Incident figures against running and period totals (rules/scope.py), through the linker."""

from __future__ import annotations

import pytest

from figextract.rules.lexicon import Lexicon
from figextract.rules.linking import find_figures


def scopes(text: str, lex: Lexicon) -> list[tuple[str, str]]:
    return [(f.text, f.scope) for f in find_figures(text, lexicon=lex)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Two people were killed on Sunday.", [("Two people", "incident")]),
        ("More than 9,000 people have been killed since 2014.", [("More than 9,000 people", "cumulative")]),
        ("So far this year, 41 aid workers have been killed.", [("41 aid workers", "cumulative")]),
        ("Two people were killed on Sunday; 300 people have been killed this year.", [("Two people", "incident"), ("300 people", "cumulative")]),
        ("The civil war has claimed the lives of 380,000 people.", [("380,000 people", "cumulative")]),
        ("Landmines killed 212 people in 2019.", [("212 people", "cumulative")]),
        ("Russian air strikes have killed almost 1,400 civilians.", [("almost 1,400 civilians", "incident")]),
        # a breakdown of a period total is a period figure too
        ("The mission recorded 2,500 civilian casualties in the first half of the year, including 700 deaths.",
         [("2,500 civilian casualties", "cumulative"), ("700 deaths", "cumulative")]),
        # those displaced now, whatever moved them when: a stock
        ("About 6.8 million people remain displaced inside the country.", [("About 6.8 million people", "cumulative")]),
        ("Some 310,000 people uprooted by the insurgency live in camps.", [("Some 310,000 people", "cumulative")]),
        ("The floods forced 12,000 people from their homes on Monday.", [("12,000 people", "incident")]),
    ],
)
def test_scope(text: str, expected: list[tuple[str, str]], lex: Lexicon) -> None:
    assert scopes(text, lex) == expected
