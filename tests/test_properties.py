"""Properties that hold for any text: it runs, offsets are right, bounds are ordered, JSON round-trips."""

from __future__ import annotations

import json

import spacy
from hypothesis import given
from hypothesis import strategies as st

import figextract
from figextract.rules.lexicon import load_lexicon
from figextract.rules.linking import find_figures
from figextract.rules.records import Figure

LEX = load_lexicon()
WORDS = [
    "killed", "were", "injured", "dead", "at", "least", "more", "than", "almost", "hundreds", "of", "civilians",
    "people", "children", "police", "said", "according", "to", "the", "UN", "group", "a", "quarter", "million",
    "half", "dozen", "two", "twenty-one", "between", "and", "including", "fled", "homes", "in", "2015", "45-year-old",
    "1,400", "12", "3.5", "$5", "%", ",", ".", "\n", "\n\n", "(", ")", "-", "Dead", "Hurt", "missing", "Observatory",
]  # fmt: skip
newsish = st.lists(st.one_of(st.sampled_from(WORDS), st.integers(0, 10**7).map(str)), max_size=60).map(" ".join)
any_text = st.one_of(st.text(max_size=300), newsish)


def check(figs: list[Figure], text: str) -> None:
    for i, f in enumerate(figs):
        assert 0 <= f.start < f.end <= len(text)
        assert text[f.start : f.end] == f.text
        assert f.low is None or f.low <= f.value
        assert f.high is None or f.value <= f.high
        assert f.part_of is None or (0 <= f.part_of < len(figs) and f.part_of != i)
        assert Figure.from_dict(json.loads(json.dumps(f.to_dict()))) == f


@given(any_text)
def test_core_runs_on_any_text(text: str) -> None:
    check(find_figures(text, lexicon=LEX), text)


@given(newsish)
def test_core_with_model_style_sentences(text: str) -> None:
    # Sentences as a model may give them: arbitrary cut points, possibly empty pieces.
    cuts = sorted({0, len(text), *range(0, len(text), 17)})
    check(find_figures(text, sentences=list(zip(cuts, cuts[1:])), lexicon=LEX), text)


BLANK = figextract.load(spacy.blank("en"))


@given(any_text)
def test_pipeline_runs_on_any_text(text: str) -> None:
    check(figextract.extract(text, BLANK), text)
