from __future__ import annotations

import warnings
from fractions import Fraction

import pytest

from figextract.rules.lexicon import Lexicon
from figextract.rules.numbers import MAX_COUNT, digits_value, read_number
from figextract.rules.tokens import tokenize


def read(text: str, lex: Lexicon) -> tuple[int, int | None, int | None, str, str | None, str] | None:
    toks = tokenize(text)
    r = read_number(toks, 0, lex)
    if r is None:
        return None
    surface = text[toks[r.start].start : toks[r.end - 1].end]
    return (r.value, r.low, r.high, r.kind, r.reject, surface)


@pytest.mark.parametrize(
    ("text", "value", "low", "high", "kind", "surface"),
    [
        ("1,400 civilians", 1400, 1400, 1400, "exact", "1,400"),
        ("1 400 people", 1400, 1400, 1400, "exact", "1 400"),
        ("1\u202f400 people", 1400, 1400, 1400, "exact", "1\u202f400"),
        ("1.400 people", 1400, 1400, 1400, "exact", "1.400"),
        ("1.2 million people", 1_200_000, 1_200_000, 1_200_000, "exact", "1.2 million"),
        ("2.5m people", 2_500_000, 2_500_000, 2_500_000, "exact", "2.5m"),
        ("10k people", 10_000, 10_000, 10_000, "exact", "10k"),
        ("3 lakh people", 300_000, 300_000, 300_000, "exact", "3 lakh"),
        ("twenty-one", 21, 21, 21, "exact", "twenty-one"),
        ("one hundred and twenty-five", 125, 125, 125, "exact", "one hundred and twenty-five"),
        ("twelve hundred", 1200, 1200, 1200, "exact", "twelve hundred"),
        ("a dozen", 12, 12, 12, "exact", "a dozen"),
        ("two dozen", 24, 24, 24, "exact", "two dozen"),
        ("half a dozen", 6, 6, 6, "exact", "half a dozen"),
        ("half a million", 500_000, 500_000, 500_000, "exact", "half a million"),
        ("a quarter million", 250_000, 250_000, 250_000, "exact", "a quarter million"),
        ("a quarter of a million", 250_000, 250_000, 250_000, "exact", "a quarter of a million"),
        ("three quarters of a million", 750_000, 750_000, 750_000, "exact", "three quarters of a million"),
        ("one and a half million", 1_500_000, 1_500_000, 1_500_000, "exact", "one and a half million"),
        ("a million", 1_000_000, 1_000_000, 1_000_000, "exact", "a million"),
        ("two million", 2_000_000, 2_000_000, 2_000_000, "exact", "two million"),
        ("hundreds", 200, 200, 999, "vague", "hundreds"),
        ("dozens", 24, 24, 99, "vague", "dozens"),
        ("scores", 40, 40, 99, "vague", "scores"),
        ("several", 3, 3, 9, "vague", "several"),
        ("tens of thousands", 20_000, 20_000, 99_999, "vague", "tens of thousands"),
        ("hundreds of thousands", 200_000, 200_000, 999_999, "vague", "hundreds of thousands"),
        ("several hundred", 300, 300, 900, "vague", "several hundred"),
        ("a few thousand", 2000, 2000, 5000, "vague", "a few thousand"),
        ("10-15 people", 10, 10, 15, "range", "10-15"),
    ],
)
def test_reads_counts(text: str, value: int, low: int, high: int, kind: str, surface: str, lex: Lexicon) -> None:
    assert read(text, lex) == (value, low, high, kind, None, surface)


@pytest.mark.parametrize(
    ("text", "reason"),
    [("45-year-old", "age"), ("5th", "ordinal"), ("1990s", "decade"), ("2.5 people", "fraction"), ("4-0", "score"), ("7.8-magnitude", "code")],
)
def test_rejects_non_counts(text: str, reason: str, lex: Lexicon) -> None:
    result = read(text, lex)
    assert result is not None and result[4] == reason


@pytest.mark.parametrize("text", ["people", "the", ",", "half of them", "a man"])
def test_no_number(text: str, lex: Lexicon) -> None:
    assert read(text, lex) is None


@pytest.mark.parametrize(("text", "value"), [("1,400", 1400.0), ("12", 12.0), ("2.5", 2.5), ("1'000", 1000.0), ("abc", None), ("1,2,3", None)])
def test_digits_value(text: str, value: float | None) -> None:
    assert digits_value(text) == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("9007199254740993", 9007199254740993),  # 2**53 + 1: a float reads 9007199254740992
        ("1,400,000,000,000,000,001", 1400000000000000001),
        ("1.400.000.000.000.000.001", 1400000000000000001),
        ("1000000.0000001", Fraction(10000000000001, 10**7)),
        ("0.1", Fraction(1, 10)),
    ],
)
def test_digits_value_is_exact(text: str, value: Fraction) -> None:
    assert digits_value(text) == value


@pytest.mark.parametrize("digits", [309, 4301, 600_000])
def test_digits_value_of_a_long_digit_run_is_over_any_count(digits: int) -> None:
    value = digits_value("9" * digits)  # a float overflows at 309 digits; int() refuses 4,301
    assert value is not None and value > MAX_COUNT


@pytest.mark.parametrize(
    ("text", "value", "surface"),
    [
        ("9,999,999,999 people", 9_999_999_999, "9,999,999,999"),
        ("9.999999999 billion people", 9_999_999_999, "9.999999999 billion"),
        ("a quarter million people", 250_000, "a quarter million"),
        ("three quarters of a billion", 750_000_000, "three quarters of a billion"),
        ("one and a half billion", 1_500_000_000, "one and a half billion"),
    ],
)
def test_counts_are_exact_ints(text: str, value: int, surface: str, lex: Lexicon) -> None:
    result = read(text, lex)
    assert result == (value, value, value, "exact", None, surface)
    assert all(type(v) is int for v in result[:3])  # not a Fraction or a float that compares equal


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("1000000.0000001 people", "fraction"),  # within a float tolerance of a whole number, but not one
        ("9007199254740993 people", "too_large"),
        ("1,400,000,000,000,000,001 people", "too_large"),
        ("10,000,000,001 people", "too_large"),
        ("9" * 309 + " people", "too_large"),
        ("100 " * 110 + "people", "too_large"),
        ("eleven billion", "too_large"),
        ("a hundred hundred hundred hundred hundred hundred", "too_large"),
        ("20-30 billion people", "too_large"),
        ("several billion billion people", "too_large"),
        ("12bn people", "too_large"),
    ],
)
def test_rejects_what_is_no_whole_count_of_people(text: str, reason: str, lex: Lexicon) -> None:
    result = read(text, lex)
    assert result is not None and result[4] == reason


# quantulum3 as an independent oracle: where it reads a count right, we agree with it; where it
# is wrong (documented in the README), we are right and it is not.
quantulum_parser = pytest.importorskip("quantulum3.parser")


def quantulum_value(text: str) -> float | None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        found = quantulum_parser.parse(text)
    return found[0].value if found else None


@pytest.mark.parametrize("text", ["1,400 civilians", "260,000 people", "1.2 million people", "twenty-one people", "a quarter million people", "332 children"])
def test_agrees_with_quantulum_where_it_is_right(text: str, lex: Lexicon) -> None:
    ours = read(text, lex)
    assert ours is not None and ours[0] == quantulum_value(text)


@pytest.mark.parametrize(
    ("text", "truth"),
    [("half a million people", 500_000), ("two dozen people", 24), ("hundreds of civilians", 200), ("2.5m people", 2_500_000)],
)
def test_right_where_quantulum_is_wrong(text: str, truth: int, lex: Lexicon) -> None:
    ours = read(text, lex)
    assert ours is not None and ours[0] == truth
    assert quantulum_value(text) != truth
