"""Command line: ``figextract show``, ``figextract evaluate`` and ``figextract extract``."""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
import time
from pathlib import Path
from typing import Any, Callable, Iterator, Mapping, Sequence

from ..rules.records import INDEX_FIELDS, Figure, RecordError
from ..rules.totals import Total, totals

EXIT_OK, EXIT_USAGE, EXIT_IO, EXIT_INTERRUPTED = 0, 2, 1, 130


def _nlp(args: argparse.Namespace) -> Any:
    from ..pipeline.run import load_named

    return load_named(args.model, prefilter=not args.no_prefilter)


def _read_text(arg: str) -> str:
    if arg == "-":
        return sys.stdin.read()
    path = Path(arg)
    try:
        is_file = path.is_file()
    except OSError:  # a long text is no file name at all ("File name too long")
        is_file = False
    if is_file:
        try:
            return path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            raise OSError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    return arg


def format_table(figs: Sequence[Figure]) -> str:
    """A plain-text table of figures, one row each; the three index fields share a "relation" column."""
    if not figs:
        return "no figures"
    head = ("#", "mention", "value", "low", "high", "qualifier", "unit", "type", "category", "group", "source", "kind", "relation")
    rows = [
        (str(i), f.text, str(f.value), _cell(f.low), _cell(f.high), f.qualifier, f.unit, f.type, f.category, f.group,
         _cell(f.source), _cell(f.source_kind), relation(f))
        for i, f in enumerate(figs)
    ]  # fmt: skip
    return _columns(head, rows)


def format_totals(by_type: Mapping[str, Total]) -> str:
    """A plain-text table of an article's totals, one row per type; ``figures`` lists the indices
    of the figures table it rests on."""
    if not by_type:
        return "no totals"
    head = ("type", "value", "low", "high", "how", "figures", "cumulative")
    rows = [
        (t.type, str(t.value), _cell(t.low), _cell(t.high), t.how, ", ".join(map(str, t.figures)), _cell(t.cumulative))
        for t in by_type.values()
    ]  # fmt: skip
    return _columns(head, rows)


def _cell(value: Any) -> str:
    return "" if value is None else str(value)


def _columns(head: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> str:
    widths = [max(len(r[c]) for r in (head, *rows)) for c in range(len(head))]
    line = lambda r: "  ".join(v.ljust(w) for v, w in zip(r, widths)).rstrip()  # noqa: E731
    return "\n".join([line(head), line(tuple("-" * w for w in widths)), *map(line, rows)])


def relation(fig: Figure) -> str:
    """ "part_of 0", "same_as 2", "superseded_by 1": how a figure points at another, for tables."""
    return ", ".join(f"{name} {getattr(fig, name)}" for name in INDEX_FIELDS if getattr(fig, name) is not None)


def cmd_show(args: argparse.Namespace) -> int:
    from ..pipeline.run import figures

    text = _read_text(args.text)
    nlp = _nlp(args)
    doc = nlp(text)
    figs = figures(doc)
    by_type = totals(figs) if args.totals else None
    if args.json:
        records = [f.to_dict() for f in figs]
        out: Any = records if by_type is None else {"figures": records, "totals": {kind: t.to_dict() for kind, t in by_type.items()}}
        print(json.dumps(out, ensure_ascii=False, indent=1))
    else:
        print(format_table(figs))
        if by_type is not None:
            print()
            print(format_totals(by_type))
    if args.html:
        from spacy import displacy

        html = displacy.render(doc, style="span", options={"spans_key": "figextract"}, page=True)
        out = Path(args.html)
        if out.exists() and not args.force:
            print(f"figextract show: {out} exists; pass --force to overwrite", file=sys.stderr)
            return EXIT_USAGE
        out.write_text(html, encoding="utf-8")
        print(f"wrote {out}", file=sys.stderr)
    return EXIT_OK


def cmd_evaluate(args: argparse.Namespace) -> int:
    from .evaluate import evaluate, format_report, iter_gold
    from ..pipeline.run import extract_many

    items = [item for path in args.gold for item in iter_gold(path)]
    nlp = _nlp(args)
    report = evaluate(items, lambda texts: extract_many(texts, nlp))
    if args.json:
        print(json.dumps(report.to_dict(), indent=1))
    else:
        print(format_report(report))
    if args.errors:
        with open(args.errors, "w", encoding="utf-8") as fh:
            for err in report.errors:
                fh.write(json.dumps(err, ensure_ascii=False) + "\n")
        print(f"wrote {len(report.errors)} errors to {args.errors}", file=sys.stderr)
    return EXIT_OK


def cmd_extract(args: argparse.Namespace) -> int:
    from ..archives.articles import FieldSpec
    from ..archives.batch import check_sizes, run, summary_line
    from ..archives.progress import ProgressBar
    from ..archives.readers import Meter, check_inputs, iter_inputs
    from ..archives.writers import Tally, check_totals, open_writer, output_format

    started = time.monotonic()
    keep = tuple(k.strip() for k in args.keep_fields.split(",") if k.strip()) if args.keep_fields else ()
    spec = FieldSpec(args.text_field, args.id_field, keep)
    check_sizes(args.batch_size, args.n_process)
    if args.scheduler and args.engine != "dask":
        raise ValueError("--scheduler needs --engine dask")
    inputs = check_inputs(args.inputs, args.input_format, output=args.output)
    if args.totals is not None:
        check_inputs(args.inputs, args.input_format, output=args.totals)
    fmt = output_format(args.output, args.format)
    totals_fmt = check_totals(args.output, fmt, args.totals)  # before the model loads
    with _engine(args) as engine:
        writer = open_writer(args.output, fmt, keep, args.keep_text, force=args.force, resume=args.resume, totals=args.totals)
        if writer.resumed.records:
            held = f"{args.output} already holds" if args.totals is None else f"{args.output} and {args.totals} already hold the first"
            print(f"resuming: {held} {writer.resumed.records} records", file=sys.stderr)
        meter = Meter()
        bar = ProgressBar(sys.stderr, meter.fraction) if sys.stderr.isatty() and not args.quiet else None
        tally = Tally(**vars(writer.resumed))
        try:
            run(iter_inputs(inputs, spec, meter), writer, engine, args.batch_size, bar, tally)
        except KeyboardInterrupt:
            if bar:
                bar.close()
            resumable = "parquet" not in (fmt, totals_fmt) and args.output != "-"
            kept = "every record finished so far; continue with --resume" if resumable else "nothing that can be continued"
            print(f"figextract extract: interrupted; the output holds {kept}", file=sys.stderr)
            print(summary_line(tally, time.monotonic() - started), file=sys.stderr)
            return EXIT_INTERRUPTED
        if bar:
            bar.close()
    print(summary_line(tally, time.monotonic() - started), file=sys.stderr)
    return EXIT_OK


@contextlib.contextmanager
def _engine(args: argparse.Namespace) -> Iterator[Callable[[Iterator[Any]], Iterator[Any]]]:
    """What turns articles into outcomes: the pipeline here, or a Dask cluster (started if need be)."""
    if args.engine == "dask":
        from ..archives.extras import require

        for module in ("dask.dataframe", "distributed"):
            require(module, "--engine dask", extra="dask")
        from ..archives.dask import cluster_outcomes, open_client

        with open_client(args.scheduler, args.n_process) as client:
            yield lambda items: cluster_outcomes(items, client, args.model, args.batch_size, {"prefilter": not args.no_prefilter})
    else:
        from ..archives.batch import local_outcomes

        nlp = _nlp(args)
        yield lambda items: local_outcomes(items, nlp, args.batch_size, args.n_process)


INPUT_FORMATS = ("jsonl", "csv", "parquet", "txt", "html", "dir", "zip", "tar")
EXTRACT_HELP = """\
Extract the figures of every article in INPUT... and write them to OUTPUT, in input order.

JSONL output has one line per input record: {"id", ...kept fields, "figures": [...], "totals":
{type: {...}}}, or {"id", ...kept fields, "error": {"kind", "message", "where"}} for a record that
could not be read. CSV and Parquet have one row per figure (and one per failed record), with typed
columns; --totals TOTALS.csv (or .parquet) writes the article totals beside them, one row per
article and casualty type (and one per failed record).

A bad record never stops the run: it becomes an error line, and the summary line counts it. The exit
code is non-zero only when the run itself cannot go on (bad options: 2; an unreadable input or an
unwritable output: 1; interrupted: 130).

--resume continues a killed or interrupted run: the output is written whole batches at a time and
synced, and the resumed output is byte for byte the one an uninterrupted run writes. It works for
JSONL and CSV (which keeps OUTPUT.progress beside it while running); a Parquet file is written under a
temporary name and appears only when complete, so a Parquet run cannot be resumed. A totals table
follows the same rules as the output: --force overwrites both, --resume continues both.
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="figextract", description="Casualty figures out of news text.")
    sub = parser.add_subparsers(dest="command", required=True)
    model_help = "spaCy pipeline name or path (default: the installed en_core_web_sm); 'blank' for rule-only mode"
    prefilter_help = "run the model and the linker on every sentence, not only on those that can hold a figure or its source (same figures, slower)"

    show = sub.add_parser("show", help="print the figures in a text or a file")
    show.add_argument("text", help="the text itself, a path to a UTF-8 file, or - for stdin")
    show.add_argument("--model", default=None, help=model_help)
    show.add_argument("--no-prefilter", action="store_true", help=prefilter_help)
    show.add_argument("--json", action="store_true", help="print records as JSON instead of a table")
    show.add_argument(
        "--totals", action="store_true", help='also print the article totals, one per type (with --json: {"figures": [...], "totals": {type: {...}}})'
    )
    show.add_argument("--html", metavar="FILE", help="also write a displaCy span view to FILE")
    show.add_argument("--force", action="store_true", help="overwrite the --html file")
    show.set_defaults(func=cmd_show)

    ev = sub.add_parser("evaluate", help="precision, recall and F1 against gold JSONL files")
    ev.add_argument("gold", nargs="+", help="gold JSONL files (see corpus/README.md)")
    ev.add_argument("--model", default=None, help=model_help)
    ev.add_argument("--no-prefilter", action="store_true", help=prefilter_help)
    ev.add_argument("--json", action="store_true", help="print the scores as JSON")
    ev.add_argument("--errors", metavar="FILE", help="write every mismatch, miss and spurious figure to FILE as JSONL")
    ev.set_defaults(func=cmd_evaluate)

    ex = sub.add_parser(
        "extract",
        help="figures of every article in archives (JSONL, CSV, Parquet, folders or archives of .txt/.html)",
        description=EXTRACT_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ex.add_argument("inputs", nargs="+", metavar="INPUT", help="JSONL(.gz), CSV(.gz), Parquet, .txt/.html, a directory, .zip or .tar(.gz) of .txt/.html files, or - for JSONL on stdin")
    ex.add_argument("-o", "--output", required=True, metavar="OUTPUT", help="output file; - for standard output (JSONL or CSV)")
    ex.add_argument("--input-format", choices=INPUT_FORMATS, help="read every input as this format instead of telling it by name")
    ex.add_argument("--format", choices=("jsonl", "csv", "parquet"), help="output format (default: by OUTPUT's suffix, else jsonl)")
    ex.add_argument("--text-field", default="text", help="field or column that holds the article text (default: text)")
    ex.add_argument("--id-field", default="id", help="field or column that holds the article id (default: id; files: their path)")
    ex.add_argument("--keep-fields", metavar="A,B", help="fields to copy to the output, such as date,url,outlet")
    ex.add_argument("--keep-text", action="store_true", help="also write the article text (for HTML: the extracted text the offsets refer to)")
    ex.add_argument("--model", default=None, help=model_help)
    ex.add_argument("--no-prefilter", action="store_true", help=prefilter_help)
    ex.add_argument("--n-process", type=int, default=1, help="worker processes (with --engine dask and no --scheduler: local workers)")
    ex.add_argument("--batch-size", type=int, default=64, help="articles per batch; the output is synced to disk after each batch")
    ex.add_argument("--quiet", action="store_true", help="no progress bar (the summary line is still printed)")
    ex.add_argument(
        "--totals", metavar="TOTALS_PATH", help="with a CSV or Parquet OUTPUT: also write the article totals, one row per article and type, to TOTALS_PATH (.csv or .parquet)"
    )
    ex.add_argument("--force", action="store_true", help="overwrite OUTPUT (and TOTALS_PATH)")
    ex.add_argument("--resume", action="store_true", help="continue an interrupted run in OUTPUT (and TOTALS_PATH) (jsonl, csv)")
    ex.add_argument("--engine", choices=("local", "dask"), default="local", help="run here (local) or on a Dask cluster (needs figextract[dask])")
    ex.add_argument("--scheduler", metavar="ADDRESS", help="Dask scheduler address, e.g. tcp://10.0.0.5:8786 (default: start a local cluster)")
    ex.set_defaults(func=cmd_extract)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except (RecordError, ValueError, TypeError) as exc:
        print(f"figextract {args.command}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:
        print(f"figextract {args.command}: {exc}", file=sys.stderr)
        return EXIT_IO


if __name__ == "__main__":
    sys.exit(main())
