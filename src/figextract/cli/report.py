"""``figextract report`` and ``extract --report``: one HTML page over what extract wrote; and the
archive and HTML forms of ``show`` (``show FILE.jsonl --html``: the first N articles on one page)."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any, Callable, Iterator

from ..report.aggregate import PERIODS

__all__ = [
    "ARCHIVE_FORMATS", "REPORT_HELP", "SHOW_LIMIT", "add_report_options", "add_report_parser", "archive_format", "check_extract_report", "cmd_report",
    "cmd_show_archive", "first_articles", "report_after_extract", "show_html", "show_input_name", "write_show_html",
]  # fmt: skip

REPORT_HELP = """\
Write one self-contained HTML page (no script, nothing loaded from the network) about FIGURES, the
output of figextract extract in any of its formats: a summary (articles read, with figures, without,
with errors by kind), totals by type, category, kind of source and source, people per week or month
when a date field was kept, the distribution of the values and qualifiers, the largest and the vague
or cumulative figures with their sentences (extract --keep-text), and the days on which sources
differ. Charts need the report extra: pip install 'figextract[report]'.
"""
SHOW_LIMIT = 10
# What show reads as an archive of articles; a folder stays an error there (extract reads folders).
ARCHIVE_FORMATS = ("jsonl", "csv", "parquet", "zip", "tar")


def add_report_parser(sub: Any) -> None:
    """Register ``figextract report``."""
    rp = sub.add_parser(
        "report", help="an HTML page about the output of figextract extract", description=REPORT_HELP, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    rp.add_argument("figures", metavar="FIGURES", help="what figextract extract wrote: .jsonl, .csv or .parquet")
    rp.add_argument("-o", "--output", required=True, metavar="REPORT", help="the HTML file to write")
    add_report_options(rp, prefix="")
    rp.add_argument("--totals", metavar="TOTALS_PATH", help="with a CSV or Parquet FIGURES: the totals table extract --totals wrote beside it")
    rp.add_argument("--force", action="store_true", help="overwrite REPORT")
    rp.set_defaults(func=cmd_report)


def add_report_options(parser: argparse.ArgumentParser, prefix: str) -> None:
    """The options that shape the page, as ``--date-field`` (report) or ``--report-date-field`` (extract)."""
    parser.add_argument(f"--{prefix}date-field", metavar="NAME", help="the kept field that dates each article (default: 'date', or the one kept field named *date*)")
    parser.add_argument(f"--{prefix}period", choices=PERIODS, default="auto", help="sum per week or month (default: auto, weeks when the dates span a year or less)")
    parser.add_argument(f"--{prefix}title", metavar="TEXT", help="the page's title (default: figextract report: FILE NAME)")


def cmd_report(args: argparse.Namespace) -> int:
    from ..report import check_report_path, make_report, write_page

    started = time.monotonic()
    check_report_path(args.output, args.force)
    report = make_report(args.figures, totals=args.totals, date_field=args.date_field, period=args.period, title=args.title)
    write_page(args.output, report.html)
    print(_report_line(args.output, report, time.monotonic() - started), file=sys.stderr)
    return 0


def _report_line(path: str, report: Any, elapsed: float) -> str:
    agg = report.result.counts
    return f"wrote {path}: {agg.articles:,} articles, {agg.figures:,} figures, elapsed {elapsed:.1f}s"


def check_extract_report(args: argparse.Namespace) -> None:
    """``extract --report``: refuse, before the model loads, what would fail after the run."""
    if args.report is None:
        return
    from ..report import check_report_path, require_report_extra

    if args.output == "-":
        raise ValueError("--report reads the output back, so it needs -o FILE, not standard output")
    require_report_extra()
    check_report_path(args.report, args.force or args.resume)


def report_after_extract(args: argparse.Namespace) -> int:
    """``extract --report``: the page over the output (and totals table) the run just completed."""
    if args.report is None:
        return 0
    from ..report import make_report, write_page

    started = time.monotonic()
    report = make_report(args.output, totals=args.totals, date_field=args.report_date_field, period=args.report_period, title=args.report_title)
    write_page(args.report, report.html)
    print(_report_line(args.report, report, time.monotonic() - started), file=sys.stderr)
    return 0


# --- show over an archive, and show --html ---------------------------------------------------------


def archive_format(arg: str) -> str | None:
    """The input format of ``show``'s argument when it names an archive of articles, else None."""
    from ..archives.readers import detect_format

    path = Path(arg)
    try:
        exists = path.exists()
    except OSError:  # a long text is no file name at all
        return None
    if not exists:
        return None
    fmt = detect_format(arg)
    return fmt if fmt in ARCHIVE_FORMATS else None


def first_articles(arg: str, fmt: str, text_field: str, limit: int) -> Iterator[Any]:
    """The first ``limit`` records of an archive, as extract reads them (``Article`` or ``Failure``)."""
    from ..archives.articles import FieldSpec
    from ..archives.readers import iter_inputs

    if limit < 1:
        raise ValueError(f"--limit: expected a positive integer, instead got {limit}")
    for n, item in enumerate(iter_inputs([(arg, fmt)], FieldSpec(text=text_field))):
        if n >= limit:
            return
        yield item


def cmd_show_archive(args: argparse.Namespace, fmt: str, load: Callable[[], Any]) -> int:
    """``show FILE.jsonl``: the figures of the first ``--limit`` articles, a table (or JSON) each, and
    with ``--html`` one page that draws them all. The model is loaded (``load``) once they are read."""
    from ..archives.articles import Article
    from ..pipeline.run import figures as figures_of
    from ..report.displacy import View
    from ..rules.totals import totals
    from .main import format_table, format_totals

    items = list(first_articles(args.text, fmt, "text", args.limit))
    docs = iter(load().pipe(i.text for i in items if isinstance(i, Article)))
    records, tables, views = [], [], []
    for item in items:
        if not isinstance(item, Article):
            records.append({"id": item.id, "error": item.error()})
            tables.append(f"error {item.kind}: {item.message}")
            continue
        doc = next(docs)
        figs = figures_of(doc)
        by_type = totals(figs) if args.totals else None
        record: dict[str, Any] = {"id": item.id, "figures": [f.to_dict() for f in figs]}
        if by_type is not None:
            record["totals"] = {kind: t.to_dict() for kind, t in by_type.items()}
        records.append(record)
        tables.append(format_table(figs) + ("" if by_type is None else "\n\n" + format_totals(by_type)))
        views.append(View(doc.text, record["figures"], title=item.id, meta=item.where))
    if args.json:
        print(json.dumps(records, ensure_ascii=False, indent=1))
    else:
        print("\n\n".join(f"# {record['id']}\n{table}" for record, table in zip(records, tables)))
    if args.html:
        write_show_html(args.html, f"figextract show: {Path(args.text).name}, the first {len(items)} records", views)
    return 0


def show_input_name(arg: str) -> str:
    """How the page title names ``show``'s input: the file name, standard input, or the text's start."""
    if arg == "-":
        return "standard input"
    try:
        if Path(arg).is_file():
            return Path(arg).name
    except OSError:
        pass
    return repr(arg if len(arg) <= 60 else arg[:57] + "...")


def show_html(path: str, arg: str, text: str, figures: list[dict[str, Any]]) -> None:
    """``show TEXT --html FILE``: the text with its figures drawn on it."""
    from ..report.displacy import View

    write_show_html(path, f"figextract show: {show_input_name(arg)}", [View(text, figures)])


def write_show_html(path: str, title: str, views: list[Any]) -> None:
    from ..report.displacy import views_page

    Path(path).write_text(views_page(title, views), encoding="utf-8")
    print(f"wrote {path}", file=sys.stderr)
