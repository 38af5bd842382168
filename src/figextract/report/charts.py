"""The report's charts: Vega-Altair specifications, rendered to inline SVG by vl-convert.

Both come with the ``report`` extra. Each function takes the finished aggregation and returns an
Altair chart, or None when there is nothing to draw; ``to_svg`` turns one into SVG markup, which
needs no script and nothing from the network to display.
"""

from __future__ import annotations

from typing import Any, Sequence

from ..archives.extras import require
from .aggregate import TOP, NO_SOURCE, Result, next_bin, ranked
from .style import GROUP_COLOURS, KIND_COLOURS, OTHER_COLOUR, TYPE_COLOURS

__all__ = [
    "CHARTS", "WIDTH", "altair", "categories_chart", "compared_chart", "people_note", "qualifiers_chart", "source_kinds_chart", "sources_chart",
    "time_chart", "to_svg", "types_chart", "values_chart",
]  # fmt: skip

WIDTH = 420


def altair() -> Any:
    """The ``altair`` module, or a ValueError naming the extra to install."""
    return require("altair", "figextract report", extra="report")


def to_svg(chart: Any) -> str:
    """The chart as an ``<svg>`` element."""
    vlc = require("vl_convert", "figextract report", extra="report")
    svg: str = vlc.vegalite_to_svg(chart.to_dict())
    return svg


def _scale(colours: dict[str, str], present: Sequence[str]) -> Any:
    alt = altair()
    domain = [k for k in colours if k in present] + [k for k in present if k not in colours]
    return alt.Scale(domain=domain, range=[colours.get(k, OTHER_COLOUR) for k in domain])


def _bars(rows: list[dict[str, Any]], label: str, measure: str, title: str, colour: Any, x_title: str) -> Any:
    """Horizontal bars, largest on top, each with its exact number at its end."""
    alt = altair()
    base = alt.Chart(alt.Data(values=rows), title=title).encode(
        y=alt.Y(f"{label}:N", sort=[r[label] for r in rows], title=None), x=alt.X(f"{measure}:Q", title=x_title)
    )
    bars = base.mark_bar().encode(color=colour)
    text = base.mark_text(align="left", dx=3, fontSize=10).encode(text=alt.Text(f"{measure}:Q", format=",d"))
    return (bars + text).properties(width=WIDTH)


def people_note(result: Result) -> str:
    return "people in article totals" if result.counts.use_totals else "people in figures that stand alone"


def types_chart(result: Result) -> Any | None:
    """People by casualty type: article totals when the file has them, else standalone figures."""
    agg = result.counts
    people = agg.total_people if agg.use_totals else agg.type_people
    rows = [{"type": t, "people": n} for t, n in ranked(people)]
    if not rows:
        return None
    colour = altair().Color("type:N", scale=_scale(TYPE_COLOURS, [r["type"] for r in rows]), legend=None)
    return _bars(rows, "type", "people", "People by type", colour, people_note(result))


def categories_chart(result: Result) -> Any | None:
    """People by victim category, coloured by group."""
    rows = [{"category": c, "group": g, "people": n} for (g, c), n in ranked(result.counts.category_people) if n]
    if not rows:
        return None
    alt = altair()
    colour = alt.Color("group:N", scale=_scale(GROUP_COLOURS, sorted({r["group"] for r in rows})), title="group", legend=alt.Legend(orient="bottom"))
    return _bars(rows, "category", "people", "People by group and category", colour, "people in figures that stand alone")


def source_kinds_chart(result: Result) -> Any | None:
    """Figures by kind of source."""
    rows = [{"kind": k, "figures": n} for k, n in ranked(result.counts.kind_figures)]
    if not rows:
        return None
    colour = altair().Color("kind:N", scale=_scale({**KIND_COLOURS, NO_SOURCE: OTHER_COLOUR}, [r["kind"] for r in rows]), legend=None)
    return _bars(rows, "kind", "figures", "Figures by kind of source", colour, "figures")


def sources_chart(result: Result) -> Any | None:
    """The sources that gave the most figures."""
    rows = [{"source": s, "figures": n} for s, n in ranked(result.counts.source_figures) if s != NO_SOURCE][:TOP]
    if not rows:
        return None
    return _bars(rows, "source", "figures", f"The {len(rows)} sources with the most figures", altair().value("#4c78a8"), "figures")


def time_chart(result: Result) -> Any | None:
    """People per week or month, one panel per type, each with its own scale."""
    if not result.series:
        return None
    alt = altair()
    rows = [{"period": start.isoformat(), "type": t, "people": n} for start, t, n in result.series]
    types = [t for t in TYPE_COLOURS if any(r["type"] == t for r in rows)]
    x_title = "week (starting Monday)" if result.period == "week" else "month"
    base = alt.Chart().encode(
        x=alt.X("period:T", title=x_title),
        y=alt.Y("people:Q", title=None),
        color=alt.Color("type:N", scale=_scale(TYPE_COLOURS, types), legend=None),
    )
    chart = (
        alt.layer(base.mark_line(), base.mark_point(filled=True, size=16), data=alt.Data(values=rows))
        .properties(width=2 * WIDTH, height=90)
        .facet(row=alt.Row("type:N", sort=types, title=None, header=alt.Header(labelAngle=0, labelAlign="left")))
        .resolve_scale(y="independent")
        .properties(title=f"People per {result.period}: {people_note(result)}")
    )
    return chart


def values_chart(result: Result) -> Any | None:
    """How many figures have a value in each 1-2-5 bin, on a log scale, stacked by type."""
    bins = [(low, t, n) for (low, t), n in sorted(result.counts.bins.items()) if low > 0]
    if not bins:
        return None
    alt = altair()
    rows = [{"low": low, "high": next_bin(low), "type": t, "figures": n} for low, t, n in bins]
    domain = [1, next_bin(max(low for low, _, _ in bins))]
    types = [t for t in TYPE_COLOURS if any(r["type"] == t for r in rows)]
    return (
        alt.Chart(alt.Data(values=rows), title="Values of the figures (log scale)")
        .mark_bar(stroke="white", strokeWidth=0.5)
        .encode(
            x=alt.X("low:Q", scale=alt.Scale(type="log", domain=domain), title="value (bins 1, 2, 5, 10, 20, 50…)", axis=alt.Axis(format="~s")),
            x2="high:Q",
            y=alt.Y("sum(figures):Q", title="figures", stack="zero"),
            color=alt.Color("type:N", scale=_scale(TYPE_COLOURS, types), title="type"),
        )
        .properties(width=WIDTH)
    )


def qualifiers_chart(result: Result) -> Any | None:
    """The share of the figures with each qualifier."""
    counts = result.counts.qualifiers
    total = sum(counts.values())
    if not total:
        return None
    alt = altair()
    rows = [{"qualifier": q, "figures": n, "share": f"{100 * n / total:.1f}%"} for q, n in ranked(counts)]
    base = alt.Chart(alt.Data(values=rows), title="Share of the figures per qualifier").encode(
        y=alt.Y("qualifier:N", sort=[r["qualifier"] for r in rows], title=None), x=alt.X("figures:Q", title="figures")
    )
    bars = base.mark_bar(color="#72b7b2")
    text = base.mark_text(align="left", dx=3, fontSize=10).encode(text="share:N")
    return (bars + text).properties(width=WIDTH)


def compared_chart(result: Result) -> Any | None:
    """For the days and types where sources differ most, each source's figure on a log scale."""
    if not result.compared:
        return None
    alt = altair()
    points = [(f"{day.isoformat()} {kind}", source, value, sk or NO_SOURCE) for day, kind, values in result.compared for source, value, sk in values]
    rows = [{"day": label, "source": source, "value": value, "kind": sk} for label, source, value, sk in points]
    order = list(dict.fromkeys(label for label, _, _, _ in points))
    kinds = sorted({sk for _, _, _, sk in points})
    return (
        alt.Chart(alt.Data(values=rows), title="Figures of one type on one day, by source")
        .mark_point(filled=True, size=70, opacity=0.85)
        .encode(
            x=alt.X("value:Q", scale=alt.Scale(type="log"), title="value (log scale)", axis=alt.Axis(format="~s")),
            y=alt.Y("day:N", sort=order, title=None),
            color=alt.Color("kind:N", scale=_scale(KIND_COLOURS, kinds), title="kind of source", legend=alt.Legend(orient="bottom")),
        )
        .properties(width=WIDTH)
    )


CHARTS = {
    "types": types_chart, "categories": categories_chart, "source-kinds": source_kinds_chart, "sources": sources_chart,
    "time": time_chart, "values": values_chart, "qualifiers": qualifiers_chart, "compared": compared_chart,
}  # fmt: skip
