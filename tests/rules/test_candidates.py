from __future__ import annotations

import pytest

from figextract.rules.candidates import find_mentions, vague_value
from figextract.rules.lexicon import Lexicon
from figextract.rules.tokens import tokenize


def mentions(text: str, lex: Lexicon, policy: str = "low") -> list[tuple[str, int, int | None, int | None, str, str | None]]:
    toks = tokenize(text)
    return [
        (text[toks[m.start].start : toks[m.end - 1].end], m.value, m.low, m.high, m.qualifier, m.reject)
        for m in find_mentions(toks, lex, policy)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("killed almost 1,400 civilians", ("almost 1,400", 1400, None, 1400, "less_than")),
        ("nearly 300 people", ("nearly 300", 300, None, 300, "less_than")),
        ("fewer than 20 people", ("fewer than 20", 20, None, 20, "less_than")),
        ("just under 50 people", ("just under 50", 50, None, 50, "less_than")),
        ("more than 260,000 people", ("more than 260,000", 260000, 260000, None, "more_than")),
        ("over a quarter million people", ("over a quarter million", 250000, 250000, None, "more_than")),
        ("at least 12 people", ("at least 12", 12, 12, None, "at_least")),
        ("no fewer than 12 people", ("no fewer than 12", 12, 12, None, "at_least")),
        ("up to 40 people", ("up to 40", 40, None, 40, "at_most")),
        ("as many as 40 people", ("as many as 40", 40, None, 40, "at_most")),
        ("about 300 people", ("about 300", 300, None, None, "approximate")),
        ("some 300 people", ("some 300", 300, None, None, "approximate")),
        ("an estimated 965 militants", ("an estimated 965", 965, None, None, "approximate")),
        ("roughly 70 people", ("roughly 70", 70, None, None, "approximate")),
        ("between 10 and 15 people", ("between 10 and 15", 10, 10, 15, "range")),
        ("10 to 15 people", ("10 to 15", 10, 10, 15, "range")),
        ("two or three people", ("two or three", 2, 2, 3, "range")),
        ("2 to 3 million people", ("2 to 3 million", 2_000_000, 2_000_000, 3_000_000, "range")),
        ("hundreds of civilians", ("hundreds", 200, 200, 999, "vague")),
        ("more than a dozen people", ("more than a dozen", 12, 12, None, "more_than")),
        ("more than tens of thousands", ("more than tens of thousands", 20000, 20000, None, "more_than")),
    ],
)
def test_qualifiers_and_bounds(text: str, expected: tuple[str, int, int | None, int | None, str], lex: Lexicon) -> None:
    assert mentions(text, lex)[0] == (*expected, None)


@pytest.mark.parametrize(
    ("text", "number", "reason"),
    [
        ("killed in 2015", "2015", "year"),
        ("died on May 3", "3", "date"),
        ("died on 3 May", "3", "date"),
        ("at 10:30 local time", "10", "time"),
        ("at 9 p.m.", "9", "time"),
        ("the 45-year-old was killed", "45-year-old", "age"),
        ("a man aged 32 died", "32", "age"),
        ("the suspect, 32, was arrested", "32", "age"),
        ("a man who was 80 years old", "80", "age"),
        ("$5 million in aid", "5 million", "money"),
        ("5 million dollars", "5 million", "money"),
        ("rose 5% last year", "5", "percent"),
        ("12 per cent of voters", "12", "percent"),
        ("7 km from the border", "7", "measure"),
        ("a magnitude 7.8 quake", "7.8", "fraction"),
        ("Flight 370 vanished", "370", "label"),
        ("won 4-0 on Sunday", "4-0", "score"),
        ("beat them 2-3", "2-3", "score"),
        ("one of the victims", "one", "not_a_count"),
        ("no one was hurt", "one", "not_a_count"),
        ("the 5th victim", "5th", "ordinal"),
        ("in the 1990s", "1990s", "decade"),
        ("call 555-123-4567", "555-123-4567", "code"),
        ("anyone who saw it should call 911", "911", "label"),
        ("the shooting in the 2300 block of Louise Harris Drive", "2300", "label"),
        ("Man Wounded in Shooting Outside Gas Station - KTVB 7", "7", "label"),
        ("the attack on Sept. 21 killed two", "21", "date"),
        ("victims ranging in age from 19 to 27 were hurt", "27", "age"),
        ("victims ranging in age from 19 to 27 were hurt", "19", "age"),
        ("police said Brown killed a 26 year-old man", "26", "age"),
        ("adults 65 and older can get the shot", "65", "age"),
        ("the two wounded teens, 15 and 17, were in stable condition", "15", "age"),
        ("the two wounded teens, 15 and 17, were in stable condition", "17", "age"),
        ("The students, both 13, were in fair condition.", "13", "age"),
        ("Vincent Holt Jr., 27, was shot eight times", "27", "age"),
        ("a clash in which one civilian was killed", "one", None),
        ("which one is it?", "one", "not_a_count"),
        # More than the world's population (numbers.MAX_COUNT): an overflow, a code, never a count.
        ("Shelling killed 9223372036854775808 people.", "9223372036854775808", "too_large"),
        ("killed " + "9" * 309 + " people", "9" * 309, "too_large"),
    ],
)
def test_rejects_with_reason(text: str, number: str, reason: str, lex: Lexicon) -> None:
    found = {m[0].split(" ", 1)[-1] if m[4] != "exact" else m[0]: m[5] for m in mentions(text, lex)}
    assert found.get(number) == reason, found


@pytest.mark.parametrize(("policy", "value"), [("low", 200), ("mid", 599), ("high", 999)])
def test_vague_policy(policy: str, value: int, lex: Lexicon) -> None:
    assert mentions("hundreds of people", lex, policy)[0][1] == value
    assert vague_value(200, 999, policy) == value


def test_vague_policy_rejects_unknown() -> None:
    with pytest.raises(ValueError, match="expected one of"):
        vague_value(1, 2, "median")


def test_from_to_is_not_a_range(lex: Lexicon) -> None:
    found = mentions("the toll rose from 12 to 15", lex)
    assert [m[0] for m in found] == ["12", "15"]
