"""Article totals (rules/totals.py): table-driven on written articles, properties on any figures."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from figextract.rules.lexicon import SCOPES, TYPES, Lexicon
from figextract.rules.linking import find_figures
from figextract.rules.records import Figure
from figextract.rules.totals import HOWS, Total, totals


def of(text: str, lex: Lexicon) -> dict[str, tuple[int, str]]:
    return {k: (t.value, t.how) for k, t in totals(find_figures(text, lexicon=lex), lex).items() if t.value}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a headline and a body that restate each other
        ("2 Dead, 4 Hurt in Overnight Shooting\n\nTwo people were killed and four were wounded, police said.",
         {"killed": (2, "restated"), "injured": (4, "restated")}),
        # disjoint groups add up; a breakdown does not
        ("Three soldiers and five civilians were killed.", {"killed": (8, "summed")}),
        ("Gunmen killed 12 people, including three children.", {"killed": (12, "stated")}),
        # an updated toll counts at its latest value
        ("The death toll from the floods rose to 45 from 30 on Tuesday.", {"killed": (45, "updated")}),
        ("4 shot, 1 fatally, in a park shooting. The death toll rose to 2 from 1 on Sunday.", {"killed": (2, "updated"), "injured": (2, "derived")}),
        # people shot and not reported dead are injured
        ("Seven people were shot outside a nightclub.", {"injured": (7, "derived")}),
        ("Five people were shot, one fatally.", {"killed": (1, "stated"), "injured": (4, "derived")}),
        # the word "casualties" stays a total of its own
        ("The attack left 30 casualties.", {"casualties": (30, "stated")}),
        # one victim named three ways, with the last outcome
        ("Woman shot in Fresno\n\nA woman was shot on Friday. She died in hospital on Sunday.", {"killed": (1, "stated")}),
        ("A 10-year-old girl and a 19-year-old woman were shot.", {"injured": (2, "derived")}),
        # named victims never lower a number the text gives
        ("Three people were killed on Sunday. A 41-year-old man died at the scene.", {"killed": (3, "stated")}),
        # cumulative figures stay out of the incident
        ("Two people were killed on Sunday. More than 260,000 people have been killed since 2011.", {"killed": (2, "stated")}),
        # no casualties at all
        ("The match ended 4-0 in front of 30,000 fans.", {}),
    ],
)
def test_totals_of_articles(text: str, expected: dict[str, tuple[int, str]], lex: Lexicon) -> None:
    assert of(text, lex) == expected


def test_cumulative_figures_are_reported_beside(lex: Lexicon) -> None:
    got = totals(find_figures("Two people were killed on Sunday. More than 260,000 people have been killed since 2011.", lexicon=lex), lex)
    assert got["killed"].cumulative == 260_000 and got["killed"].cumulative_figures == (1,)
    only = totals(find_figures("More than 260,000 people have been killed since 2011.", lexicon=lex), lex)
    assert only["killed"].value == 0 and only["killed"].how == "none" and only["killed"].cumulative == 260_000


def test_total_to_dict_is_plain_json(lex: Lexicon) -> None:
    t = totals(find_figures("Three soldiers and five civilians were killed.", lexicon=lex), lex)["killed"]
    assert t.to_dict() == {"type": "killed", "value": 8, "low": 8, "high": 8, "figures": [0, 1], "how": "summed", "cumulative": None, "cumulative_figures": []}


@st.composite
def figure_lists(draw: Any) -> list[Figure]:
    """Any list of valid figures: links point inside the list, bounds hold, implicit ones count one."""
    n = draw(st.integers(0, 8))
    out = []
    for i in range(n):
        implicit = draw(st.booleans())
        value = 1 if implicit else draw(st.integers(0, 10**7))
        low = draw(st.one_of(st.none(), st.integers(0, value)))
        high = draw(st.one_of(st.none(), st.integers(value, value + 10**6)))
        others = [j for j in range(n) if j != i]  # a figure never points at itself
        link = st.one_of(st.none(), st.sampled_from(others)) if others else st.none()
        out.append(Figure(
            text="x", start=0, end=1, number="" if implicit else "1", value=value, low=low, high=high,
            qualifier="exact", unit="people", implicit=implicit, type=draw(st.sampled_from(TYPES)),
            category=draw(st.sampled_from(["people", "women", "children", "soldiers"])), group="unspecified",
            category_text=draw(st.one_of(st.none(), st.just("woman"))), source=None, source_text=None, source_kind=None,
            part_of=draw(link), same_as=draw(link), superseded_by=draw(link), scope=draw(st.sampled_from(SCOPES)),
            sentence=draw(st.integers(0, 4)),
        ))  # fmt: skip
    return out


@given(figure_lists())
def test_totals_hold_their_bounds_and_point_inside(figures: list[Figure]) -> None:
    for kind, t in totals(figures).items():
        assert isinstance(t, Total) and t.type == kind and t.how in (*HOWS, "none")
        assert t.value >= 0 and all(0 <= i < len(figures) for i in (*t.figures, *t.cumulative_figures))
        if t.low is not None:
            assert t.low <= t.value
        if t.high is not None:
            assert t.value <= t.high
        assert (t.cumulative is None) == (not t.cumulative_figures)
