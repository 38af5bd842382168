"""Accuracy on corpus/ and seeds/, with the default model and in rule-only mode.

    .venv/bin/python benchmarks/accuracy.py            # print the README table
    .venv/bin/python benchmarks/accuracy.py --write    # also record the scores in corpus/scores.json

tests/test_corpus.py fails if a score falls below the one recorded in corpus/scores.json.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import spacy

import figextract
from figextract.cli.evaluate import FIELD_ORDER, Report, evaluate, iter_gold, iter_seeds

ROOT = Path(__file__).resolve().parent.parent
SCORES = ROOT / "corpus" / "scores.json"
MODES = {"en_core_web_sm": lambda: figextract.load(), "rule-only (spacy.blank)": lambda: figextract.load(spacy.blank("en"))}


def measure() -> dict[str, dict[str, Report]]:
    files = sorted((ROOT / "corpus").glob("*.jsonl"))
    sets = {"corpus": [item for path in files for item in iter_gold(path)]}
    sets.update({f"corpus/{path.stem}": list(iter_gold(path)) for path in files})
    sets["seeds"] = list(iter_seeds(ROOT / "seeds"))
    out: dict[str, dict[str, Report]] = {}
    for mode, make in MODES.items():
        nlp = make()
        predict = lambda texts: figextract.extract_many(texts, nlp)  # noqa: E731
        out[mode] = {name: evaluate(items, predict) for name, items in sets.items()}
    return out


TOTAL_KINDS = ("killed", "injured", "displaced")  # the totals recorded and guarded, with all types together


def totals_scores(rep: Report) -> dict[str, float]:
    """Exact-match accuracy of the article totals: per type and over all types of an item."""
    out = {f"totals {kind}": round(rep.totals.accuracy(kind), 4) for kind in TOTAL_KINDS}
    out["totals all types"] = round(rep.totals.accuracy(), 4)
    return out


def totals_table(results: dict[str, dict[str, Report]]) -> str:
    names = [f"totals {k}" for k in TOTAL_KINDS] + ["totals all types"]
    lines = ["| mode | set | items | " + " | ".join(names) + " |", "|---|---|---:|" + "---:|" * len(names)]
    for mode, sets in results.items():
        for name, rep in sets.items():
            scores = totals_scores(rep)
            lines.append(f"| {mode} | {name} | {rep.totals.items} | " + " | ".join(f"{scores[n]:.3f}" for n in names) + " |")
    return "\n".join(lines)


def table(results: dict[str, dict[str, Report]]) -> str:
    fields = [f for f in FIELD_ORDER]
    lines = ["| mode | set | items | gold figures | " + " | ".join(f"{f} F1" for f in fields) + " |", "|---|---|---:|---:|" + "---:|" * len(fields)]
    for mode, sets in results.items():
        for name, rep in sets.items():
            gold = rep.scores["span"].gold
            lines.append(f"| {mode} | {name} | {rep.items} | {gold} | " + " | ".join(f"{rep.scores[f].f1:.3f}" for f in fields) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--write", action="store_true", help="record the scores in corpus/scores.json")
    args = parser.parse_args(argv)
    results = measure()
    print(table(results))
    print()
    print(totals_table(results))
    if args.write:
        data = {
            mode: {name: {**{f: round(rep.scores[f].f1, 4) for f in FIELD_ORDER}, **totals_scores(rep)} for name, rep in sets.items()}
            for mode, sets in results.items()
        }
        SCORES.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {SCORES.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
