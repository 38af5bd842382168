"""An archive at a glance: ``figextract report``, one self-contained HTML page over extract's output.

``read`` puts the articles back together from any of extract's formats, a chunk at a time;
``aggregate`` counts them (pure, memory bounded by distinct values); ``charts`` draws Altair charts as
SVG; ``page`` lays out the page; ``displacy`` draws figures on their sentences (also for ``show --html``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..archives.extras import require
from .aggregate import Aggregate, Result
from .page import PageInfo, build_page
from .read import FiguresFile, ReportInputError, iter_totals_table, open_figures

__all__ = ["Report", "ReportInputError", "check_report_path", "make_report", "pick_date_field", "require_report_extra", "write_page"]


@dataclass(frozen=True)
class Report:
    """The page, and the counts it shows."""

    html: str
    result: Result


def require_report_extra() -> None:
    """Fail early, before any work, when the ``report`` extra is not installed."""
    for module in ("altair", "vl_convert"):
        require(module, "figextract report", extra="report")


def pick_date_field(keep: tuple[str, ...], asked: str | None, where: str) -> str | None:
    """The kept field that dates each article: the one asked for, else ``date``, else the only kept
    field with "date" in its name, else none."""
    if asked is not None:
        if asked not in keep:
            fields = ", ".join(keep) or "none"
            raise ReportInputError(f"--date-field {asked}: {where} has no such field (its kept fields: {fields}); keep it with extract --keep-fields")
        return asked
    if "date" in keep:
        return "date"
    dated = [k for k in keep if "date" in k.lower()]
    return dated[0] if len(dated) == 1 else None


def make_report(figures: str, *, totals: str | None = None, date_field: str | None = None, period: str = "auto", title: str | None = None) -> Report:
    """Read ``figures`` (what ``figextract extract`` wrote) and, for a CSV or Parquet output, the
    totals table ``totals`` beside it; count; draw the page."""
    require_report_extra()
    file = open_figures(figures)
    if totals is not None and file.format == "jsonl":
        raise ReportInputError(f"--totals: {figures} is JSONL, whose records hold their totals already; --totals is for a CSV or Parquet output")
    day_field = pick_date_field(file.keep, date_field, figures)
    agg = Aggregate(day_field, use_totals=file.has_totals or totals is not None)
    for article in file.articles():
        agg.add(article)
    _check_counts(file, agg)
    if totals is not None:
        keep, rows = iter_totals_table(totals)
        if day_field is not None and day_field not in keep:
            raise ReportInputError(f"--totals {totals} has no field {day_field!r}, which {figures} has: were they written by the same run?")
        for row in rows:
            agg.add_total_row(row)
    result = agg.result(period)
    source = f"{figures} ({file.format})" + (f" and the totals table {totals}" if totals else "")
    from .. import __version__

    info = PageInfo(title or f"figextract report: {Path(figures).name}", source, __version__, day_field, file.has_text)
    return Report(build_page(result, info), result)


def _check_counts(file: FiguresFile, agg: Aggregate) -> None:
    """An output with no record, or with only errors, has nothing to draw: say why instead."""
    if not agg.articles:
        raise ReportInputError(f"{file.path} holds no records, only its header")
    if agg.errors and sum(agg.errors.values()) == agg.articles:
        kinds = ", ".join(f"{kind}: {n:,}" for kind, n in agg.errors.most_common())
        first = next(iter(agg.error_examples.values()))
        raise ReportInputError(
            f"{file.path} holds {agg.articles:,} records, every one of them an error ({kinds}), so there is no figure to report on; "
            f"the first: {first[0]}: {first[1]}"
        )


def check_report_path(path: str, force: bool) -> None:
    """Refuse, before any work, a report path that is a directory or, without ``force``, exists."""
    if path == "-":
        raise ValueError("the report needs a file name (-o report.html), not standard output")
    if os.path.isdir(path):
        raise ValueError(f"{path} is a directory; the report is one HTML file")
    if os.path.exists(path) and not force:
        raise ValueError(f"{path} exists; pass --force to overwrite it")


def write_page(path: str, html: str) -> None:
    """Write the page under a temporary name, then rename it: never a half-written report."""
    tmp = f"{path}.partial"
    Path(tmp).write_text(html, encoding="utf-8")
    os.replace(tmp, path)
