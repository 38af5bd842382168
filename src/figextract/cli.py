"""Command line: ``figextract show`` and ``figextract evaluate``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Sequence

from .records import Figure, RecordError

EXIT_OK, EXIT_USAGE, EXIT_IO = 0, 2, 1


def _nlp(model: str | None):  # type: ignore[no-untyped-def]
    from .pipeline import load

    if model == "blank":
        import spacy

        return load(spacy.blank("en"))
    return load(model)


def _read_text(arg: str) -> str:
    if arg == "-":
        return sys.stdin.read()
    path = Path(arg)
    if path.is_file():
        try:
            return path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            raise OSError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    return arg


def format_table(figs: Sequence[Figure]) -> str:
    """A plain-text table of figures, one row each."""
    if not figs:
        return "no figures"
    head = ("#", "mention", "value", "low", "high", "qualifier", "type", "category", "group", "source", "part_of")
    rows = [
        (str(i), f.text, str(f.value), "" if f.low is None else str(f.low), "" if f.high is None else str(f.high), f.qualifier,
         f.type, f.category, f.group, f.source or "", "" if f.part_of is None else str(f.part_of))
        for i, f in enumerate(figs)
    ]  # fmt: skip
    widths = [max(len(r[c]) for r in (head, *rows)) for c in range(len(head))]
    line = lambda r: "  ".join(v.ljust(w) for v, w in zip(r, widths)).rstrip()  # noqa: E731
    return "\n".join([line(head), line(tuple("-" * w for w in widths)), *map(line, rows)])


def cmd_show(args: argparse.Namespace) -> int:
    from .pipeline import figures

    text = _read_text(args.text)
    nlp = _nlp(args.model)
    doc = nlp(text)
    figs = figures(doc)
    if args.json:
        print(json.dumps([f.to_dict() for f in figs], ensure_ascii=False, indent=1))
    else:
        print(format_table(figs))
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
    from .pipeline import extract_many

    items = [item for path in args.gold for item in iter_gold(path)]
    nlp = _nlp(args.model)
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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="figextract", description="Casualty figures out of news text.")
    sub = parser.add_subparsers(dest="command", required=True)
    model_help = "spaCy pipeline name or path (default: the installed en_core_web_sm); 'blank' for rule-only mode"

    show = sub.add_parser("show", help="print the figures in a text or a file")
    show.add_argument("text", help="the text itself, a path to a UTF-8 file, or - for stdin")
    show.add_argument("--model", default=None, help=model_help)
    show.add_argument("--json", action="store_true", help="print records as JSON instead of a table")
    show.add_argument("--html", metavar="FILE", help="also write a displaCy span view to FILE")
    show.add_argument("--force", action="store_true", help="overwrite the --html file")
    show.set_defaults(func=cmd_show)

    ev = sub.add_parser("evaluate", help="precision, recall and F1 against gold JSONL files")
    ev.add_argument("gold", nargs="+", help="gold JSONL files (see corpus/README.md)")
    ev.add_argument("--model", default=None, help=model_help)
    ev.add_argument("--json", action="store_true", help="print the scores as JSON")
    ev.add_argument("--errors", metavar="FILE", help="write every mismatch, miss and spurious figure to FILE as JSONL")
    ev.set_defaults(func=cmd_evaluate)
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
