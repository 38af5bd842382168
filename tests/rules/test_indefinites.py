""""a"/"an" as the number one: before a singular casualty noun, or as an item of a numbered list."""

from __future__ import annotations

import pytest

from figextract.rules.candidates import find_mentions
from figextract.rules.indefinites import article_mentions
from figextract.rules.lexicon import Lexicon
from figextract.rules.linking import find_figures
from figextract.rules.tokens import tokenize


@pytest.mark.parametrize(
    ("text", "ones"),
    [
        ("The shooting resulted in a fatality.", ["a"]),
        ("Police said a death was also reported at a nearby hospital.", ["a"]),
        ("The fire department reported a fatality and 5 injuries.", ["a"]),
        ("Three soldiers and a civilian were killed.", ["a"]),
        ("The raid killed an officer and 10 conscripts.", ["an"]),
        ("Four women and a man were taken to hospital.", ["a"]),
        ("The other two victims, a man and a woman, were in stable condition.", []),  # they describe "two"
        ("A woman was shot dead.", []),  # no number written: not a figure here
        ("He suffered a shot to the abdomen.", []),  # a gunshot
        ("A bomb killed a man.", []),
    ],
)
def test_article_counts_one(text: str, ones: list[str], lex: Lexicon) -> None:
    tokens = tokenize(text)
    found = [m for m in article_mentions(tokens, find_mentions(tokens, lex), lex) if m.start == m.num_start and tokens[m.start].lower in ("a", "an")]
    assert [tokens[m.start].text for m in found] == ones and all(m.value == m.low == m.high == 1 for m in found)


def test_indefinite_figures_carry_the_article_as_their_number(lex: Lexicon) -> None:
    figs = find_figures("Three soldiers and a civilian were killed.", lexicon=lex)
    assert [(f.text, f.number, f.value, f.type, f.category) for f in figs] == [
        ("Three soldiers", "Three", 3, "killed", "soldiers"), ("a civilian", "a", 1, "killed", "civilians"),
    ]  # fmt: skip
