"""Recall and precision on real text nobody on this project wrote: the development half of the
real-text evaluation set (../shared/realdev/README.md builds it from public repositories).

    .venv/bin/python benchmarks/realdev.py                        # default model, then rule-only
    .venv/bin/python benchmarks/realdev.py --data ../realdev-data --scorer ../shared/realdev

The data and the scorer live outside this repository (their licences allow measuring, not copying);
when they are absent the benchmark says so and exits 0. Figures are scored with the set's own
``score.py --casualties-either`` (recall over every gold item, precision over records without other
casualty-cued numbers). A second precision column counts as neutral the one kind of figure the
scorer counts against a correct extractor: a ``casualties`` figure ("four people were shot") that
restates an article's killed or injured total, which ``score.py`` treats as neutral for every
other type; both columns are printed, with the number of such figures.

Article totals (issue 10) are scored as the set's ``totals.py --subset gva_semeval_docs`` scores them:
``figextract.totals`` of each Gun Violence Archive article against the incident's killed and injured
totals, exact match, 0 included, over all articles (``dev_all.jsonl``) and over those whose numbers
are written in the text (``dev_literal.jsonl``); ``--naive`` is the set's baseline.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from pathlib import Path
from types import ModuleType
from typing import Any

import spacy

import figextract
from figextract import Figure

ROOT = Path(__file__).resolve().parent.parent
SUBSETS = ("gva_semeval_docs", "gva_semeval_titles", "idmc", "ucdp_ged", "d4d_fact_tests")
TARGETS = {"recall": 0.92, "precision": 0.95}
TOTAL_TARGETS = {"dev_all": (0.75, 0.70), "dev_literal": (0.93, 0.88)}  # killed, injured (issue 10)
TOTAL_TYPES = ("killed", "injured")


def load_scorer(folder: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("realdev_score", folder / "score.py")
    if spec is None or spec.loader is None:
        raise OSError(f"{folder / 'score.py'}: cannot be loaded")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def predict(records: list[dict[str, Any]], nlp: spacy.Language) -> dict[str, list[dict[str, Any]]]:
    texts = [r["text"] for r in records]
    return {r["id"]: [f.to_dict() for f in figs] for r, figs in zip(records, figextract.extract_many(texts, nlp))}


def restated_casualties(score: ModuleType, rec: dict[str, Any], figs: list[dict[str, Any]], types: set[str]) -> int:
    """Unmatched ``casualties`` figures equal to a killed or injured total of a one-total-per-type record."""
    if rec.get("gold_kind") != "document_total" or rec.get("extra_cued_numbers"):
        return 0
    gold = [g for g in rec["gold"] if g.get("type") in types and g.get("value") != 0]
    used = [False] * len(figs)
    done = [False] * len(gold)
    for matcher in (score.exact_match, score.range_match):  # the scorer's own matching, in its order
        for gi, g in enumerate(gold):
            for pi, p in enumerate(figs):
                if not done[gi] and not used[pi] and score.ptype(p) == g["type"] and matcher(g, p):
                    done[gi] = used[pi] = True
    for gi, g in enumerate(gold):
        for pi, p in enumerate(figs):
            if not done[gi] and not used[pi] and g["type"] in ("killed", "injured") and score.ptype(p) == "casualties" and (score.exact_match(g, p) or score.range_match(g, p)):
                done[gi] = used[pi] = True
    return sum(
        1 for pi, p in enumerate(figs)
        if not used[pi] and score.ptype(p) == "casualties" and p.get("part_of") is None
        and any(g["type"] in ("killed", "injured") and score.exact_match(g, p) for g in gold)
    )  # fmt: skip


def measure(score: ModuleType, records: list[dict[str, Any]], preds: dict[str, list[dict[str, Any]]]) -> dict[str, dict[str, float | int]]:
    types = set(score.DEFAULT_TYPES)
    acc = {name: score.new_acc() for name in ("all", *SUBSETS)}
    neutral = dict.fromkeys(acc, 0)
    for rec in records:
        figs = preds.get(rec["id"], [])
        res = score.score_record(rec, figs, types, True)
        n = restated_casualties(score, rec, figs, types)
        for name in ("all", rec.get("subset", "?")):
            if name in acc:
                score.add(acc[name], res, False)
                neutral[name] += n
    out = {}
    for name, a in acc.items():
        m = score.finish(a)
        fp, tp = a["fp"], a["tp"]
        out[name] = {
            "records": a["records"], "gold": a["n_gold"], "recall": m["recall"] or 0.0, "precision": m["precision"] or 0.0,
            "restated": neutral[name], "precision_restated_neutral": tp / (tp + fp - neutral[name]) if tp + fp - neutral[name] else 0.0,
        }  # fmt: skip
    return out


def totals_accuracy(records: list[dict[str, Any]], figures: dict[str, list[Figure]]) -> dict[str, float]:
    """Exact-match accuracy of ``figextract.totals`` against the GVA incident totals, per type."""
    right = dict.fromkeys(TOTAL_TYPES, 0)
    for rec in records:
        got = figextract.totals(figures[rec["id"]])
        gold = {g["type"]: g["value"] for g in rec["gold"]}
        for kind in TOTAL_TYPES:
            right[kind] += (got[kind].value if kind in got else 0) == gold.get(kind, 0)
    return {kind: right[kind] / len(records) if records else 0.0 for kind in TOTAL_TYPES}


def totals_rows(data: Path, label: str, nlp: spacy.Language) -> list[str]:
    """The totals rows for one mode: all GVA articles and the literal ones (a subset of them)."""
    all_path, literal_path = data / "dev_all.jsonl", data / "dev_literal.jsonl"
    if not all_path.exists():
        return [f"| {label} | (no {all_path}) | | | |"]
    gva = [r for r in (json.loads(x) for x in all_path.read_text(encoding="utf-8").splitlines() if x.strip()) if r.get("subset") == "gva_semeval_docs"]
    literal_ids = {json.loads(x)["id"] for x in literal_path.read_text(encoding="utf-8").splitlines() if x.strip()}
    figures = dict(zip((r["id"] for r in gva), figextract.extract_many([r["text"] for r in gva], nlp)))
    rows = []
    for name, recs in (("dev_all", gva), ("dev_literal", [r for r in gva if r["id"] in literal_ids])):
        acc = totals_accuracy(recs, figures)
        rows.append(f"| {label} | {name} | {len(recs)} | {acc['killed']:.3f} | {acc['injured']:.3f} |")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=ROOT.parent / "realdev-data", help="folder with dev_literal.jsonl (default ../realdev-data)")
    parser.add_argument("--scorer", type=Path, default=ROOT.parent / "shared" / "realdev", help="folder with score.py (default ../shared/realdev)")
    parser.add_argument("--modes", default="model,rule-only")
    parser.add_argument("--no-totals", dest="totals", action="store_false", help="skip the article totals (a few minutes)")
    args = parser.parse_args()
    gold_path = args.data / "dev_literal.jsonl"
    if not gold_path.exists() or not (args.scorer / "score.py").exists():
        print(f"realdev: {gold_path} or {args.scorer / 'score.py'} is missing; build the set as ../shared/realdev/README.md says. Nothing measured.")
        return
    score = load_scorer(args.scorer)
    records = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    print(f"{gold_path}: {len(records)} records; figextract {figextract.__version__}; score.py --casualties-either\n")
    print("| mode | set | records | gold items | recall | precision | precision, restated casualties neutral (n) |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for mode in args.modes.split(","):
        nlp = figextract.load() if mode == "model" else figextract.load(spacy.blank("en"))
        t0 = time.perf_counter()
        preds = predict(records, nlp)
        seconds = time.perf_counter() - t0
        label = "en_core_web_sm" if mode == "model" else "rule-only (spacy.blank)"
        for name, m in measure(score, records, preds).items():
            print(f"| {label} | {name} | {m['records']} | {m['gold']} | {m['recall']:.3f} | {m['precision']:.3f} | {m['precision_restated_neutral']:.3f} ({m['restated']}) |")
        print(f"| {label} | ({seconds:.1f} s) | | | | | |", file=sys.stderr)
    print(f"\ntargets (issue 9, development half): recall >= {TARGETS['recall']}, precision >= {TARGETS['precision']}")
    if args.totals:
        print("\nArticle totals, GVA articles (gva_semeval_docs), exact match:\n")
        print("| mode | set | articles | killed | injured |")
        print("|---|---|---:|---:|---:|")
        for mode in args.modes.split(","):
            nlp = figextract.load() if mode == "model" else figextract.load(spacy.blank("en"))
            for row in totals_rows(args.data, "en_core_web_sm" if mode == "model" else "rule-only (spacy.blank)", nlp):
                print(row)
        print("\ntargets (issue 10): " + "; ".join(f"{k} killed >= {v[0]}, injured >= {v[1]}" for k, v in TOTAL_TARGETS.items()))


if __name__ == "__main__":
    main()
