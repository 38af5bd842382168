from __future__ import annotations

import pytest

from figextract.rules.segment import paragraph_breaks, paragraph_of, rule_sentences, split_lines


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One. Two.", ["One.", "Two."]),
        ("Mr. Smith said 5 died. Then more.", ["Mr. Smith said 5 died.", "Then more."]),
        ("The U.N. said so. It was 12.", ["The U.N. said so.", "It was 12."]),
        ("Det. Jane Roe said 3 were shot. Cpl. Ray agreed.", ["Det. Jane Roe said 3 were shot.", "Cpl. Ray agreed."]),
        ("Headline\nBody text here.", ["Headline", "Body text here."]),
        ('He said "12 died." Then left.', ['He said "12 died."', "Then left."]),
        ("", []),
    ],
)
def test_rule_sentences(text: str, expected: list[str]) -> None:
    assert [text[s:e] for s, e in rule_sentences(text)] == expected


def test_blank_lines_make_paragraphs_when_present() -> None:
    text = "Title\nSub\n\nPara one. Still one.\n\nPara two."
    sents = rule_sentences(text)
    assert paragraph_of(sents, text) == [0, 0, 1, 1, 2]


def test_single_newlines_make_paragraphs_otherwise() -> None:
    text = "Line one.\nLine two."
    assert paragraph_breaks(text) == [10]


def test_split_lines_trims() -> None:
    text = "  a\n b  "
    assert [text[s:e] for s, e in split_lines([(0, len(text))], text)] == ["a", "b"]
