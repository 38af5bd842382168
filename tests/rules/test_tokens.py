from __future__ import annotations

import pytest

from figextract.rules.tokens import tokenize


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("killed 1,400 civilians.", ["killed", "1,400", "civilians", "."]),
        ("the 45-year-old man", ["the", "45-year-old", "man"]),
        ("2.5m people, 10-15 dead", ["2.5m", "people", ",", "10-15", "dead"]),
        ("the U.N. said.", ["the", "U.N.", "said", "."]),
        ("the ministry's spokesman", ["the", "ministry", "'s", "spokesman"]),
        ("al-Nusra (Isis)", ["al-Nusra", "(", "Isis", ")"]),
        ("$5 million or 5%", ["$", "5", "million", "or", "5", "%"]),
        ("1\u00a0400 people", ["1\u00a0400", "people"]),
        ("", []),
    ],
)
def test_tokenize_splits(text: str, expected: list[str]) -> None:
    assert [t.text for t in tokenize(text)] == expected


def test_offsets_point_into_text() -> None:
    text = "Police said 12 people were killed in Kabul on Monday."
    for tok in tokenize(text):
        assert text[tok.start : tok.end] == tok.text


def test_slice_keeps_absolute_offsets() -> None:
    text = "First. Then 12 died."
    toks = tokenize(text, 7, len(text))
    assert toks[0].text == "Then" and toks[0].start == 7
