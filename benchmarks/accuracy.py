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
    if args.write:
        data = {mode: {name: {f: round(rep.scores[f].f1, 4) for f in FIELD_ORDER} for name, rep in sets.items()} for mode, sets in results.items()}
        SCORES.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {SCORES.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
