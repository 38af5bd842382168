"""The report's aggregation: pure functions and exact counts."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from figextract.report.aggregate import Aggregate, Ranked, Shown, next_bin, read_date, sentence_of, stands_alone, value_bin
from figextract.report.read import ArticleResult


@pytest.mark.parametrize(
    ("value", "low", "high"),
    [(0, 0, 1), (1, 1, 2), (2, 2, 5), (4, 2, 5), (5, 5, 10), (9, 5, 10), (10, 10, 20), (19, 10, 20), (20, 20, 50), (99, 50, 100),
     (1400, 1000, 2000), (250_000, 200_000, 500_000), (10**30 + 7, 10**30, 2 * 10**30)],
)  # fmt: skip
def test_values_fall_in_1_2_5_bins(value: int, low: int, high: int) -> None:
    assert (value_bin(value), next_bin(value_bin(value))) == (low, high)


@given(st.integers(min_value=1, max_value=10**40))
def test_every_value_lies_in_its_bin(value: int) -> None:
    low = value_bin(value)
    assert low <= value < next_bin(low)


def figure(**fields: Any) -> dict[str, Any]:
    base = {"text": "5 people", "start": 0, "end": 8, "value": 5, "qualifier": "exact", "type": "killed", "category": "people",
            "group": "unspecified", "source": None, "source_kind": None, "part_of": None, "same_as": None, "superseded_by": None,
            "scope": "incident"}  # fmt: skip
    return {**base, **fields}


@pytest.mark.parametrize(
    ("fields", "alone"),
    [({}, True), ({"part_of": 0}, False), ({"same_as": 0}, False), ({"superseded_by": 1}, False), ({"scope": "cumulative"}, False)],
)
def test_what_stands_alone(fields: dict[str, Any], alone: bool) -> None:
    assert stands_alone(figure(**fields)) is alone


@pytest.mark.parametrize(
    ("raw", "day"),
    [("2024-03-02", dt.date(2024, 3, 2)), ("2024-03-02T10:00:00Z", dt.date(2024, 3, 2)), ("02/03/2024", None), ("", None), (None, None), (20240302, None)],
)
def test_dates_are_read_from_iso_text(raw: Any, day: dt.date | None) -> None:
    assert read_date(raw) == day


def article(id_: str, figures: list[dict[str, Any]], date: str | None = "2024-03-04", text: str | None = None, **kw: Any) -> ArticleResult:
    return ArticleResult(id_, f"f.jsonl:{id_}", {"date": date}, text, figures, kw.get("totals"), kw.get("error"))


def test_restated_replaced_and_breakdown_figures_are_not_summed() -> None:
    agg = Aggregate("date")
    agg.add(article("a", [figure(value=30), figure(value=45), figure(value=3, category="children", group="civilians", part_of=1)]))
    agg.add(article("b", [figure(value=30, superseded_by=1), figure(value=45), figure(value=2000, scope="cumulative")]))
    agg.add(article("c", []))
    agg.add(article("d", [], error={"kind": "empty_text", "message": "field 'text' is empty", "where": "in.jsonl:4"}))
    assert (agg.articles, agg.with_figures, agg.without_figures, agg.figures, dict(agg.errors)) == (4, 2, 1, 6, {"empty_text": 1})
    assert agg.type_people["killed"] == 30 + 45 + 45 and agg.type_figures["killed"] == 6
    assert agg.category_people["civilians", "children"] == 0 and agg.category_figures["civilians", "children"] == 1


def test_article_totals_are_summed_when_the_file_has_them() -> None:
    agg = Aggregate("date", use_totals=True)
    totals = {"killed": {"value": 8, "how": "summed"}, "injured": {"value": 0, "how": "none"}}
    agg.add(article("a", [figure(value=3), figure(value=5)], totals=totals))
    result = agg.result("week")
    assert dict(agg.total_people) == {"killed": 8} and result.series == [(dt.date(2024, 3, 4), "killed", 8)]


def test_weeks_without_reports_are_zero_and_months_start_on_the_first() -> None:
    agg = Aggregate("date")
    agg.add(article("a", [figure(value=4)], date="2024-03-06"))
    agg.add(article("b", [figure(value=6)], date="2024-03-20"))
    weeks = agg.result("week").series
    assert weeks == [(dt.date(2024, 3, 4), "killed", 4), (dt.date(2024, 3, 11), "killed", 0), (dt.date(2024, 3, 18), "killed", 6)]
    assert agg.result("month").series == [(dt.date(2024, 3, 1), "killed", 10)]
    assert agg.result("auto").period == "week"


def test_unreadable_and_missing_dates_are_counted_not_dropped() -> None:
    agg = Aggregate("date")
    agg.add(article("a", [figure()], date="last spring"))
    agg.add(article("b", [figure()], date=None))
    assert (agg.dated, agg.undated, agg.bad_dates, agg.bad_date_example) == (0, 1, 1, ("f.jsonl:a", "last spring"))
    assert agg.figures == 2 and agg.result().series == []


def test_sources_on_the_same_day_are_compared_those_that_differ_most_first() -> None:
    agg = Aggregate("date")
    agg.add(article("a", [figure(value=10, source="police", source_kind="official")]))
    agg.add(article("b", [figure(value=40, source="Red Cross", source_kind="organisation")]))
    agg.add(article("c", [figure(value=12, source="UN", source_kind="organisation", type="injured"), figure(value=11, source="police", source_kind="official", type="injured")]))
    agg.add(article("d", [figure(value=7, source="UN", source_kind="organisation")], date="2024-03-05"))
    compared = agg.result().compared
    day = dt.date(2024, 3, 4)
    assert compared == [
        (day, "killed", [("Red Cross", 40, "organisation"), ("police", 10, "official")]),
        (day, "injured", [("UN", 12, "organisation"), ("police", 11, "official")]),
    ]


def shown(value: int, mention: str, article: str = "a") -> Shown:
    return Shown(article, 0, None, value, "killed", "exact", "incident", None, None, mention, mention, 0, len(mention))


def test_the_largest_are_kept_and_ties_go_to_the_first() -> None:
    ranked = Ranked(size=2)
    for seq, value in enumerate([5, 9, 9, 1, 9], 1):
        ranked.offer(value, seq, lambda: shown(value, f"figure {seq}"))  # noqa: B023 - called at once
    assert [(s.mention, n) for s, n in ranked.largest_first()] == [("figure 2", 0), ("figure 3", 0)]


def test_a_figure_repeated_in_other_articles_is_kept_once_and_counted() -> None:
    ranked = Ranked(size=2)
    for seq, (value, mention) in enumerate([(9, "9 dead"), (9, "9 dead"), (5, "5 hurt"), (9, "9 dead"), (7, "7 missing"), (5, "5 hurt")], 1):
        ranked.offer(value, seq, lambda: shown(value, mention, f"a{seq}"))  # noqa: B023 - called at once
    assert [(s.mention, s.article, n) for s, n in ranked.largest_first()] == [("9 dead", "a1", 2), ("7 missing", "a5", 0)]


def test_a_figure_is_shown_in_its_sentence() -> None:
    text = "Rain fell all week. Floods killed 40 people in the north, officials said. Roads reopened."
    start = text.index("40 people")
    fig = figure(text="40 people", start=start, end=start + 9)
    sentence, s, e = sentence_of(text, fig)
    assert sentence == "Floods killed 40 people in the north, officials said." and sentence[s:e] == "40 people"
    assert sentence_of(None, fig) == ("40 people", 0, 9)


def test_a_long_sentence_is_cut_around_its_figure() -> None:
    text = "word " * 300 + "killed 40 people " + "word " * 300
    start = text.index("40 people")
    sentence, s, e = sentence_of(text, figure(text="40 people", start=start, end=start + 9))
    assert len(sentence) <= 400 and sentence[s:e] == "40 people"
