"""The corpus: well-formed, large and varied enough, and scored at or above the recorded floor."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import pytest
import spacy

import figextract
from figextract.rules.candidates import find_mentions
from figextract.cli.evaluate import FIELD_ORDER, GoldItem, Report, evaluate, iter_gold
from figextract.rules.lexicon import load_lexicon
from figextract.rules.tokens import tokenize

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
FILES = sorted(CORPUS.glob("*.jsonl"))
RECORDED = json.loads((CORPUS / "scores.json").read_text(encoding="utf-8")) if (CORPUS / "scores.json").exists() else {}
TOLERANCE = 1e-4  # scores.json is rounded to 4 places


@lru_cache(maxsize=1)
def items() -> tuple[GoldItem, ...]:
    return tuple(item for path in FILES for item in iter_gold(path))


def test_corpus_size_and_domains() -> None:
    assert {p.name for p in FILES} >= {"conflict.jsonl", "disasters.jsonl", "displacement.jsonl"}
    assert len(items()) >= 300
    assert len({it.id for it in items()}) == len(items()), "item ids must be unique"


def test_a_quarter_of_items_hold_numbers_that_are_not_casualties() -> None:
    lex = load_lexicon()

    def has_other_number(item: GoldItem) -> bool:
        toks = tokenize(item.text)
        for m in find_mentions(toks, lex):
            s, e = toks[m.num_start].start, toks[m.end - 1].end
            if not any(f.start <= s and e <= f.end for f in item.figures):
                return True
        return False

    share = sum(has_other_number(it) for it in items()) / len(items())
    assert share >= 0.25, f"only {share:.0%} of items hold a non-casualty number"


@lru_cache(maxsize=2)
def report(mode: str) -> Report:
    nlp = figextract.load() if mode == "en_core_web_sm" else figextract.load(spacy.blank("en"))
    return evaluate(items(), lambda texts: figextract.extract_many(texts, nlp))


def test_targets_with_the_default_model() -> None:
    scores = report("en_core_web_sm").scores
    assert scores["figure"].f1 >= 0.90, scores["figure"]
    assert scores["value+type"].f1 >= 0.95, scores["value+type"]


@pytest.mark.parametrize("mode", ["en_core_web_sm", "rule-only (spacy.blank)"])
@pytest.mark.parametrize("field", FIELD_ORDER)
def test_no_regression_below_recorded_scores(mode: str, field: str) -> None:
    floor = RECORDED.get(mode, {}).get("corpus", {}).get(field)
    if floor is None:
        pytest.fail(f"corpus/scores.json has no {mode}/{field}; run benchmarks/accuracy.py --write")
    assert report(mode).scores[field].f1 >= floor - TOLERANCE


TOTALS = ("totals killed", "totals injured", "totals displaced", "totals all types")


@pytest.mark.parametrize("mode", ["en_core_web_sm", "rule-only (spacy.blank)"])
@pytest.mark.parametrize("name", TOTALS)
def test_no_regression_of_article_totals(mode: str, name: str) -> None:
    """Every corpus item has its totals, written by hand; their accuracy may not fall."""
    rep = report(mode)
    assert rep.totals.items == len(items())
    kind = name.removeprefix("totals ")
    accuracy = rep.totals.accuracy(None if kind == "all types" else kind)
    floor = RECORDED.get(mode, {}).get("corpus", {}).get(name)
    if floor is None:
        pytest.fail(f"corpus/scores.json has no {mode}/{name}; run benchmarks/accuracy.py --write")
    assert accuracy >= floor - TOLERANCE


BACKGROUND = [line for line in (CORPUS / "background.txt").read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("mode", ["model", "rule-only"])
def test_ordinary_news_gives_no_figure(mode: str, nlp: spacy.Language, blank_nlp: spacy.Language) -> None:
    """background.txt: numbers everywhere, casualties nowhere; each line's gold is no figure."""
    assert len(BACKGROUND) >= 100 and len(set(BACKGROUND)) == len(BACKGROUND)
    found = figextract.extract_many(BACKGROUND, nlp if mode == "model" else blank_nlp)
    assert [(line, [f.text for f in figs]) for line, figs in zip(BACKGROUND, found) if figs] == []
