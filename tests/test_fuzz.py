"""The fuzz benchmark's CI share (benchmarks/fuzz.py): 2,000 seeded inputs of every kind through the
default pipeline, none crashing or breaking an invariant, 200 of them the same without the prefilter."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import spacy

import figextract

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
import fuzz  # noqa: E402

from figextract.rules.lexicon import Lexicon  # noqa: E402

CI_INPUTS = 2000
CI_SEED = 2024


def test_the_ci_share_of_the_fuzz_finds_nothing(nlp: spacy.Language) -> None:
    inputs = fuzz.make_inputs(CI_INPUTS, CI_SEED, fuzz.corpus_texts())
    report = fuzz.fuzz(inputs, nlp, figextract.load(prefilter=False), compare_every=10)
    assert report.inputs == CI_INPUTS and set(report.by_kind) == set(fuzz.GENERATORS)
    assert report.compared == CI_INPUTS // 10 and report.figures > 0
    assert report.crashes == [] and report.violations == [] and report.differences == []


def test_inputs_are_seeded() -> None:
    corpus = fuzz.corpus_texts()
    assert list(fuzz.make_inputs(70, 5, corpus)) == list(fuzz.make_inputs(70, 5, corpus))
    assert list(fuzz.make_inputs(70, 5, corpus)) != list(fuzz.make_inputs(70, 6, corpus))


def test_the_checks_catch_what_they_look_for(blank_nlp: spacy.Language, lex: Lexicon) -> None:
    text = "Floods killed 40 people."
    good = figextract.extract(text, blank_nlp)[0]
    assert fuzz.violations(text, [good], lex) == []
    bad = [
        replace(good, value=2**63, low=None, high=None),  # outside int64 (and no count)
        replace(good, start=good.start + 1),  # offsets that do not cover the text
        replace(good, qualifier="roughly"),
        replace(good, low=41),
    ]
    for fig in bad:
        assert fuzz.violations(text, [fig], lex), fig


def test_a_crash_is_reported_not_raised() -> None:
    report = fuzz.fuzz([("mutated", "Floods killed 40 people.")], object(), None, compare_every=10)  # not a pipeline
    assert report.failed and len(report.crashes) == 1 and "AttributeError" in report.crashes[0]
