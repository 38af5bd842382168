"""What an archive's figures add up to: pure aggregation, one article at a time.

``Aggregate`` keeps counters, not rows: its size grows with the number of distinct types,
categories, sources and days, never with the number of figures, so a report over 10^6 figures
needs the memory of one over 10^4. Counts and sums are exact integers.

What is summed. An article restates its figures, breaks them down and updates them; adding every
figure up would count the same people several times. Sums of people therefore take either
- the article totals of ``figextract.totals`` (one per type per article; running and period totals
  left out), when the file holds them, or else
- the figures that stand alone: incident figures (``scope``) that no later figure replaces
  (``superseded_by``), that restate no other (``same_as``) and break down no larger one (``part_of``).
The same incident reported by several articles is still counted once per article.
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections import Counter
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Callable, Mapping

from ..rules.segment import rule_sentences
from .read import ArticleResult, TotalRow

__all__ = [
    "Aggregate", "NO_SOURCE", "PERIODS", "Ranked", "Result", "SENTENCE_CHARS", "Shown", "TOP", "next_bin", "period_start", "ranked",
    "read_date", "sentence_of", "stands_alone", "value_bin",
]  # fmt: skip

TOP = 20
SENTENCE_CHARS = 400  # longer sentences are cut around the figure
NO_SOURCE = "(no source)"
PERIODS = ("auto", "week", "month")


def stands_alone(fig: Mapping[str, Any]) -> bool:
    """An incident figure that is not a restatement, a replaced toll or a breakdown of another."""
    return fig["scope"] == "incident" and fig["part_of"] is None and fig["same_as"] is None and fig["superseded_by"] is None


def value_bin(value: int) -> int:
    """The lower edge of ``value``'s bin on a 1-2-5 log scale: 1, 2, 5, 10, 20, 50, 100…; 0 for 0."""
    if value <= 0:
        return 0
    power = 10 ** (len(str(value)) - 1)
    lead = value // power
    return power * (5 if lead >= 5 else 2 if lead >= 2 else 1)


def next_bin(low: int) -> int:
    """The upper edge of the bin that starts at ``low``."""
    if low == 0:
        return 1
    lead = int(str(low)[0])
    return low * 5 // 2 if lead == 2 else low * 2


def read_date(value: Any) -> dt.date | None:
    """A kept date field as a date: ISO dates and date-times ("2024-03-02", "2024-03-02T10:00Z")."""
    if isinstance(value, dt.date):
        return value if not isinstance(value, dt.datetime) else value.date()
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def period_start(day: dt.date, period: str) -> dt.date:
    """The Monday of ``day``'s ISO week, or the first of its month."""
    return day - dt.timedelta(days=day.weekday()) if period == "week" else day.replace(day=1)


@dataclass(frozen=True)
class Shown:
    """One figure shown with its sentence: the largest and the strangest lists."""

    article: str
    figure: int
    date: str | None
    value: int
    type: str
    qualifier: str
    scope: str
    source: str | None
    source_kind: str | None
    mention: str
    sentence: str  # the sentence (cut around the figure when long), or the mention when no text was kept
    start: int  # the mention's offsets in ``sentence``
    end: int

    def key(self) -> tuple[Any, ...]:
        """What makes two figures the same one repeated: value, type, qualifier, source, words and sentence."""
        return (self.value, self.type, self.qualifier, self.source, self.mention, self.sentence)


def sentence_of(text: str | None, fig: Mapping[str, Any]) -> tuple[str, int, int]:
    """The sentence that holds ``fig`` in the article ``text`` and the figure's offsets in it."""
    start, end, mention = fig["start"], fig["end"], fig["text"]
    if text is None or text[start:end] != mention:  # no text kept (or not the text the offsets refer to)
        return mention, 0, len(mention)
    spans = [(s, e) for s, e in rule_sentences(text) if s < end and e > start] or [(start, end)]
    s, e = min(spans[0][0], start), max(spans[-1][1], end)
    if e - s > SENTENCE_CHARS:  # keep the figure in view
        s = max(s, start - SENTENCE_CHARS // 2)
        e = min(e, max(end, s + SENTENCE_CHARS))
    return text[s:e], start - s, end - s


class Ranked:
    """The ``size`` largest figures offered, the first offered winning ties.

    A figure that repeats one already kept (the same value, type, words and sentence: a wire story
    in many outlets) is counted as a repeat of it (``repeats``), not kept twice. A figure is built
    (``make``, which cuts its sentence out) only when its value can be kept.
    """

    def __init__(self, size: int = TOP) -> None:
        self.size = size
        self.heap: list[tuple[int, int, Shown]] = []
        self.repeats: dict[tuple[Any, ...], int] = {}  # key of each kept figure -> articles that repeat it

    def offer(self, value: int, seq: int, make: Callable[[], Shown]) -> None:
        if len(self.heap) >= self.size and value < self.heap[0][0]:
            return
        shown = make()
        key = shown.key()
        if key in self.repeats:
            self.repeats[key] += 1
        elif len(self.heap) < self.size:
            heapq.heappush(self.heap, (value, -seq, shown))
            self.repeats[key] = 0
        elif (value, -seq) > self.heap[0][:2]:
            _, _, dropped = heapq.heapreplace(self.heap, (value, -seq, shown))
            del self.repeats[dropped.key()]
            self.repeats[key] = 0

    def largest_first(self) -> list[tuple[Shown, int]]:
        """The figures kept, largest first, each with the number of other articles that repeat it."""
        return [(shown, self.repeats[shown.key()]) for _, _, shown in sorted(self.heap, key=lambda item: item[:2], reverse=True)]


@dataclass
class Aggregate:
    """Running counts over an archive's output; ``add`` one article at a time, then ``result``."""

    date_field: str | None = None
    use_totals: bool = False  # sum article totals over time (the file holds them), else standalone figures
    articles: int = 0
    with_figures: int = 0
    without_figures: int = 0
    figures: int = 0
    errors: Counter[str] = field(default_factory=Counter)
    error_examples: dict[str, tuple[str, str]] = field(default_factory=dict)  # kind -> (where, message) of its first
    type_figures: Counter[str] = field(default_factory=Counter)
    type_people: Counter[str] = field(default_factory=Counter)  # standalone figures
    total_people: Counter[str] = field(default_factory=Counter)  # article totals
    total_articles: Counter[str] = field(default_factory=Counter)
    category_figures: Counter[tuple[str, str]] = field(default_factory=Counter)
    category_people: Counter[tuple[str, str]] = field(default_factory=Counter)
    kind_figures: Counter[str] = field(default_factory=Counter)
    kind_people: Counter[str] = field(default_factory=Counter)
    source_figures: Counter[str] = field(default_factory=Counter)
    source_people: Counter[str] = field(default_factory=Counter)
    qualifiers: Counter[str] = field(default_factory=Counter)
    bins: Counter[tuple[int, str]] = field(default_factory=Counter)
    days: Counter[tuple[dt.date, str]] = field(default_factory=Counter)
    dated: int = 0
    undated: int = 0
    bad_dates: int = 0
    bad_date_example: tuple[str, str] | None = None  # (where, value)
    compared: dict[tuple[dt.date, str], dict[str, tuple[int, str | None]]] = field(default_factory=dict)
    largest: Ranked = field(default_factory=Ranked)
    strangest: Ranked = field(default_factory=Ranked)

    def add(self, article: ArticleResult) -> None:
        """Count one article: its error, or its figures (and totals)."""
        self.articles += 1
        if article.error is not None:
            kind = str(article.error["kind"])
            self.errors[kind] += 1
            self.error_examples.setdefault(kind, (str(article.error.get("where") or article.where), str(article.error.get("message"))))
            return
        day = self._day(article.kept, article.where)
        if article.figures:
            self.with_figures += 1
        else:
            self.without_figures += 1
        for i, fig in enumerate(article.figures):
            self._add_figure(article, i, fig, day)
        if self.use_totals and article.totals is not None:
            for kind, total in article.totals.items():
                self._add_total(day, kind, total.get("value"), total.get("how"))

    def add_total_row(self, row: TotalRow) -> None:
        """Count one row of a totals table (``extract --totals``) into the totals by type and over time."""
        if row.error_kind is None and row.type is not None:
            self._add_total(read_date(row.kept.get(self.date_field)) if self.date_field else None, row.type, row.value, row.how)

    def _add_total(self, day: dt.date | None, kind: str, value: Any, how: Any) -> None:
        if how == "none" or not isinstance(value, int):  # a type with only running or period totals
            return
        self.total_people[kind] += value
        self.total_articles[kind] += 1
        if day is not None:
            self.days[day, kind] += value

    def _day(self, kept: Mapping[str, Any], where: str) -> dt.date | None:
        if self.date_field is None:
            return None
        raw = kept.get(self.date_field)
        day = read_date(raw)
        if raw is None:
            self.undated += 1
        elif day is None:
            self.bad_dates += 1
            if self.bad_date_example is None:
                self.bad_date_example = (where, str(raw)[:60])
        else:
            self.dated += 1
        return day

    def _add_figure(self, article: ArticleResult, index: int, fig: Mapping[str, Any], day: dt.date | None) -> None:
        self.figures += 1
        value, kind = fig["value"], fig["type"]
        source = fig["source"] or NO_SOURCE
        alone = stands_alone(fig)
        people = value if alone else 0
        self.type_figures[kind] += 1
        self.type_people[kind] += people
        category = (fig["group"], fig["category"])
        self.category_figures[category] += 1
        self.category_people[category] += people
        self.kind_figures[fig["source_kind"] or NO_SOURCE] += 1
        self.kind_people[fig["source_kind"] or NO_SOURCE] += people
        self.source_figures[source] += 1
        self.source_people[source] += people
        self.qualifiers[fig["qualifier"]] += 1
        self.bins[value_bin(value), kind] += 1
        if day is not None and alone:
            if not self.use_totals:
                self.days[day, kind] += value
            if fig["source"]:
                by_source = self.compared.setdefault((day, kind), {})
                if value > by_source.get(fig["source"], (-1, None))[0]:
                    by_source[fig["source"]] = (value, fig["source_kind"])
        seq = self.figures
        strange = fig["qualifier"] == "vague" or fig["scope"] == "cumulative"
        for ranked, wanted in ((self.largest, True), (self.strangest, strange)):
            if wanted:
                ranked.offer(value, seq, lambda: self._shown(article, index, fig, day))

    def _shown(self, article: ArticleResult, index: int, fig: Mapping[str, Any], day: dt.date | None) -> Shown:
        sentence, start, end = sentence_of(article.text, fig)
        date = day.isoformat() if day else None
        return Shown(
            article.id, index, date, fig["value"], fig["type"], fig["qualifier"], fig["scope"], fig["source"], fig["source_kind"], fig["text"],
            sentence, start, end,
        )  # fmt: skip

    def result(self, period: str = "auto") -> Result:
        """The tables the page shows, each sorted for reading."""
        return Result(self, *_series(self.days, period), compared=_compared(self.compared))


@dataclass
class Result:
    """An ``Aggregate`` finished: the time series binned and the source comparison ranked."""

    counts: Aggregate
    period: str
    series: list[tuple[dt.date, str, int]]  # (period start, type, people)
    compared: list[tuple[dt.date, str, list[tuple[str, int, str | None]]]] = field(default_factory=list)


def _series(days: Counter[tuple[dt.date, str]], period: str) -> tuple[str, list[tuple[dt.date, str, int]]]:
    if period not in PERIODS:
        raise ValueError(f"--period: expected one of {', '.join(PERIODS)}, instead got {period!r}")
    if period == "auto":
        span = (max(d for d, _ in days) - min(d for d, _ in days)).days if days else 0
        period = "week" if span <= 366 else "month"
    binned: Counter[tuple[dt.date, str]] = Counter()
    for (day, kind), people in days.items():
        binned[period_start(day, period), kind] += people
    # A period in which no article reported a type adds 0 people of it: drawn as 0, not skipped over.
    starts = _periods(min(binned)[0], max(binned)[0], period) if binned else []
    kinds = sorted({kind for _, kind in binned})
    return period, [(start, kind, binned[start, kind]) for start in starts for kind in kinds]


def _periods(first: dt.date, last: dt.date, period: str) -> list[dt.date]:
    """Every period start from ``first`` to ``last``."""
    out, start = [], first
    while start <= last:
        out.append(start)
        start = start + dt.timedelta(days=7) if period == "week" else (start + dt.timedelta(days=32)).replace(day=1)
    return out


def _compared(compared: Mapping[tuple[dt.date, str], Mapping[str, tuple[int, str | None]]]) -> list[tuple[dt.date, str, list[tuple[str, int, str | None]]]]:
    """Days and types where two or more sources gave a figure: those that differ most first."""
    rows = []
    for (day, kind), by_source in compared.items():
        if len(by_source) < 2:
            continue
        values = sorted(((source, value, sk) for source, (value, sk) in by_source.items()), key=lambda r: (-r[1], r[0]))
        spread = Fraction(values[0][1], max(values[-1][1], 1))
        rows.append((spread, len(values), day, kind, values))
    rows.sort(key=lambda r: (-r[0], -r[1], r[2], r[3]))
    return [(day, kind, values) for _, _, day, kind, values in rows[:TOP]]


def ranked(counter: Mapping[Any, int], top: int | None = None) -> list[tuple[Any, int]]:
    """``counter``'s items, largest first, ties by key."""
    items = sorted(counter.items(), key=lambda kv: (-kv[1], str(kv[0])))
    return items if top is None else items[:top]
