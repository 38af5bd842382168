"""The report as one self-contained HTML page: inline CSS and SVG, no script, nothing from a CDN.

Sections: summary, totals, over time, distribution, largest and strangest, sources compared. Each
number of the summary carries a ``data-key`` attribute and each chart an ``id``, so that tests (and
scripts) can find them.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Sequence

from .aggregate import TOP, Result, Shown, ranked
from .charts import CHARTS, people_note, to_svg
from .displacy import LABEL_HELP, View, legend, page, render_view

__all__ = ["PageInfo", "SECTIONS", "WHAT_IS_SUMMED", "build_page"]

SECTIONS = (("summary", "Summary"), ("totals", "Totals"), ("time", "Over time"), ("distribution", "Distribution"),
            ("largest", "Largest and strangest"), ("sources", "Sources compared"))  # fmt: skip
WHAT_IS_SUMMED = (
    "Sums of people never add up restated figures. Where the file holds article totals (figextract's one total per type per "
    "article: restatements counted once, breakdowns inside their whole, replaced tolls at their latest value, running and period "
    "totals left out), the sums by type and over time add those up. Otherwise, and for the breakdowns by category and source, they "
    "add up the figures that stand alone: incident figures that no later figure replaces (superseded_by), that restate no other "
    "(same_as) and that break down no larger one (part_of). An incident reported by several articles is counted once per article."
)


@dataclass(frozen=True)
class PageInfo:
    """What the page says about where its numbers come from."""

    title: str
    source: str  # the file reported on (and the totals table)
    version: str
    date_field: str | None
    has_text: bool
    date_note: str = ""  # why there is no time series, or which dates were not read


def build_page(result: Result, info: PageInfo) -> str:
    """The whole report page."""
    nav = " ".join(f'<a href="#{key}">{name}</a>' for key, name in SECTIONS)
    head = [
        f"<h1>{html.escape(info.title)}</h1>",
        f'<p class="note">{html.escape(info.source)} · figextract {html.escape(info.version)}</p>',
        f"<nav>{nav}</nav>",
    ]
    svgs = {key: _chart(key, make, result) for key, make in CHARTS.items()}
    body = [*head, _summary(result), _totals(result, svgs), _time(result, svgs, info), _distribution(svgs), _largest(result, info), _sources(result, svgs)]
    return page(info.title, "\n".join(body))


def _chart(key: str, make: Callable[[Result], Any], result: Result) -> str | None:
    chart = make(result)
    return None if chart is None else f'<figure class="chart" id="chart-{key}">{to_svg(chart)}</figure>'


def _section(key: str, *parts: str) -> str:
    name = dict(SECTIONS)[key]
    return f'<section id="{key}">\n<h2>{name}</h2>\n' + "\n".join(p for p in parts if p) + "\n</section>"


def _note(text: str) -> str:
    return f'<p class="note">{html.escape(text)}</p>'


def _n(value: int) -> str:
    return f"{value:,}"


def _table(head: Sequence[str], rows: Iterable[Sequence[str]], numeric: Sequence[bool]) -> str:
    """A table; cells are HTML already (escape text before)."""
    ths = "".join(f'<th class="n">{h}</th>' if num else f"<th>{h}</th>" for h, num in zip(head, numeric))
    trs = "".join("<tr>" + "".join(f'<td class="n">{c}</td>' if num else f"<td>{c}</td>" for c, num in zip(row, numeric)) + "</tr>" for row in rows)
    return f"<table><thead><tr>{ths}</tr></thead><tbody>{trs}</tbody></table>"


def _summary(result: Result) -> str:
    agg = result.counts
    cards = [("articles", "articles read", agg.articles), ("with-figures", "with figures", agg.with_figures),
             ("without-figures", "without figures", agg.without_figures), ("errors", "with errors", sum(agg.errors.values())),
             ("figures", "figures", agg.figures)]  # fmt: skip
    dl = "".join(f'<div class="card"><dt>{name}</dt><dd data-key="{key}">{_n(n)}</dd></div>' for key, name, n in cards)
    parts = [f'<dl class="cards">{dl}</dl>']
    if agg.errors:
        rows = [
            (html.escape(kind), f'<span data-key="error:{html.escape(kind)}">{_n(n)}</span>', html.escape(agg.error_examples[kind][0]), html.escape(agg.error_examples[kind][1]))
            for kind, n in ranked(agg.errors)
        ]  # fmt: skip
        parts += ["<h3>Errors by kind</h3>", _table(("kind", "records", "first one: where", "message"), rows, (False, True, False, False))]
    else:
        parts.append(_note("No record failed."))
    return _section("summary", *parts)


def _totals(result: Result, svgs: dict[str, str | None]) -> str:
    agg = result.counts
    head = ["type", "figures", "people (standalone figures)"] + (["people (article totals)", "articles with a total"] if agg.use_totals else [])
    rows = []
    for kind, n in ranked(agg.type_figures):
        row = [kind, _n(n), _n(agg.type_people[kind])]
        if agg.use_totals:
            row += [_n(agg.total_people[kind]), _n(agg.total_articles[kind])]
        rows.append(row)
    categories = [(html.escape(g), html.escape(c), _n(n), _n(agg.category_people[g, c])) for (g, c), n in ranked(agg.category_figures)]
    kinds = [(html.escape(k), _n(n), _n(agg.kind_people[k])) for k, n in ranked(agg.kind_figures)]
    sources = [(html.escape(s), _n(n), _n(agg.source_people[s])) for s, n in ranked(agg.source_figures, TOP)]
    charts = "".join(svg for key in ("types", "categories", "source-kinds", "sources") if (svg := svgs[key]))
    return _section(
        "totals",
        _note(WHAT_IS_SUMMED),
        f'<div class="grid">{charts}</div>' if charts else _note("No figures to draw."),
        "<h3>By type</h3>", _table(head, rows, [False] + [True] * (len(head) - 1)),
        "<h3>By group and category</h3>", _table(("group", "category", "figures", "people"), categories, (False, False, True, True)),
        "<h3>By kind of source</h3>", _table(("kind", "figures", "people"), kinds, (False, True, True)),
        f"<h3>By source (top {TOP} by figures)</h3>", _table(("source", "figures", "people"), sources, (False, True, True)),
    )  # fmt: skip


def _time(result: Result, svgs: dict[str, str | None], info: PageInfo) -> str:
    agg = result.counts
    if info.date_field is None:
        return _section("time", _note("No date field: run figextract extract with --keep-fields date (or name the field with --date-field)."))
    counted = f"Dates from the field {info.date_field!r}: {_n(agg.dated)} articles dated, {_n(agg.undated)} without a date"
    counted += f", {_n(agg.bad_dates)} with a date that could not be read (first: {agg.bad_date_example[0]}: {agg.bad_date_example[1]!r})." if agg.bad_date_example else "."
    what = f"Summed per {result.period}: {people_note(result)}."
    chart = svgs["time"] or _note("No dated figure to draw.")
    return _section("time", _note(f"{counted} {what} {info.date_note}".strip()), chart)


def _distribution(svgs: dict[str, str | None]) -> str:
    charts = "".join(svg for key in ("values", "qualifiers") if (svg := svgs[key]))
    return _section("distribution", f'<div class="grid">{charts}</div>' if charts else _note("No figures to draw."))


def _shown_rows(items: Sequence[tuple[Shown, int]]) -> str:
    if not items:
        return _note("None.")
    blocks = []
    for s, repeats in items:
        fig = {"start": s.start, "end": s.end, "type": s.type, "qualifier": s.qualifier, "value": s.value, "source": s.source}
        meta = f"article {s.article}" + (f" · {s.date}" if s.date else "") + f" · figure #{s.figure} · {s.scope}"
        meta += f" · the same figure in the same sentence in {_n(repeats)} more articles" if repeats else ""
        blocks.append(render_view(View(s.sentence, [fig], numbers=[s.figure], meta=meta)))
    return "\n".join(blocks)


def _largest(result: Result, info: PageInfo) -> str:
    agg = result.counts
    text_note = "" if info.has_text else "The file holds no article text (figextract extract --keep-text), so each figure is shown without its sentence."
    return _section(
        "largest",
        _note(text_note) if text_note else "",
        legend(),
        _note(LABEL_HELP),
        f"<h3>The {TOP} largest figures</h3>", _shown_rows(agg.largest.largest_first()),
        f"<h3>The {TOP} largest vague or cumulative figures</h3>",
        _note("Vague: a count in words (dozens, hundreds); cumulative: a running or period total (since 2011, this year)."),
        _shown_rows(agg.strangest.largest_first()),
    )  # fmt: skip


def _sources(result: Result, svgs: dict[str, str | None]) -> str:
    if not result.compared:
        why = "No date field, so no day to compare on." if result.counts.date_field is None else "No day on which two sources gave a figure of the same type."
        return _section("sources", _note(why))
    rows = [
        (day.isoformat(), kind, "; ".join(f"{html.escape(source)}: {_n(value)}" for source, value, _ in values))
        for day, kind, values in result.compared
    ]
    return _section(
        "sources",
        _note(f"Days on which two or more sources gave a figure of the same type (standalone figures; each source's largest), "
              f"those that differ most first; up to {TOP}."),
        svgs["compared"] or "",
        _table(("day", "type", "sources"), rows, (False, False, False)),
    )  # fmt: skip
