"""The prefilter: what the plan keeps, and the rule that it loses nothing.

The rule: on the corpus, the seeds, every text written in a test module, and articles mixed from
them, the prefiltered path gives exactly the figures of the full path (every field).
"""

from __future__ import annotations

import ast
import json
import random
from pathlib import Path

import pytest
import spacy
from hypothesis import given
from hypothesis import strategies as st

import figextract
from figextract.rules.lexicon import Lexicon
from figextract.rules.prefilter import _phrases, plan
from figextract.rules.records import Figure

ROOT = Path(__file__).resolve().parents[2]
CORPUS = [json.loads(line)["text"] for path in sorted((ROOT / "corpus").glob("*.jsonl")) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
SEEDS = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]


def _test_texts() -> list[str]:
    """Every string of two or more words written in a test module: the tests' own fixtures."""
    out = []
    for path in sorted(ROOT.glob("tests/**/test_*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and " " in node.value.strip():
                out.append(node.value)
    # A text with an unpaired surrogate is one extract refuses (tested in test_pipeline).
    return sorted(t for t in set(out) if not any("\ud800" <= c <= "\udfff" for c in t))


FIXTURES = _test_texts()
JOINERS = (" ", "\n", "\n\n")


def _mixed(rng: random.Random, n: int) -> list[str]:
    """Articles of 2-8 pieces (corpus items, seed paragraphs, fixtures) joined as one line, lines or paragraphs."""
    pieces = CORPUS + [p for s in SEEDS for p in s.split("\n\n") if p.strip()] + FIXTURES
    return [rng.choice(JOINERS).join(rng.sample(pieces, rng.randint(2, 8))) for _ in range(n)]


MIXED = _mixed(random.Random(4), 300)
# Ordinary news with numbers and no casualty figure, written for figextract (see corpus/README.md).
BACKGROUND = [line for line in (ROOT / "corpus" / "background.txt").read_text(encoding="utf-8").splitlines() if line.strip()]


def _articles(rng: random.Random, n: int) -> list[str]:
    """Articles of 3-8 background paragraphs, one in six with a corpus report: mostly ordinary news."""
    out = []
    for i in range(n):
        paragraphs = rng.sample(BACKGROUND, rng.randint(3, 8))
        if i % 6 == 0:
            paragraphs.insert(rng.randint(0, len(paragraphs)), rng.choice(CORPUS))
        out.append(rng.choice(JOINERS).join(paragraphs))
    return out


@pytest.mark.parametrize(
    ("text", "core", "model"),
    [
        ("The home side won 3-1 on Saturday, their fourth straight win.", [], []),
        ("The bill was killed in committee, the speaker said.", [], []),  # no number
        ("Floods killed 12 people in the north.", [0], []),
        ("Floods killed 12 people, the Red Cross said.", [0], [0]),
        ("Hundreds fled their homes overnight.", [0], []),
        ("Some 2,000 refugees crossed the border.", [0], []),  # refugees imply a type
        ("Strikes Kill 32 in Gaza: Civil Defence", [0], [0]),  # a headline credit
        # A source carries over within the paragraph: the sentence that names it is read.
        ("The Red Cross said on Monday that the river burst its banks. Twelve people died.", [0, 1], [0]),
        ("Markets rose. The Red Cross said the river burst. Twelve people died. Stocks fell.", [1, 2], [1]),
        # The walk back stops at a sentence that quotes an organisation by name: the source carried
        # on comes from there, so the UN sentence cannot matter...
        ("The UN said the camp flooded. The Red Cross said the river burst. Twelve people died.", [1, 2], [1]),
        ("The Red Cross said the river burst. Police said twelve people died.", [1], [1]),
        # ...but not at one that may quote an ORG only the model finds, or that needs "the group"'s referent.
        ("The UN said the camp flooded. Mr Smith said the river burst. Twelve people died.", [0, 1, 2], [0, 1]),
        ("The UN said the camp flooded. The group said the river burst. Twelve people died.", [0, 1, 2], [0, 1]),
        # ...but not into the next paragraph.
        ("The Red Cross said the river burst its banks.\n\nTwelve people died.", [1], []),
        # "the group" refers back across paragraphs to the organisation named last.
        ("Hamas issued a statement on Sunday.\n\nThe group said 12 fighters were killed.", [0, 1], [0, 1]),
        ("Shares fell 2%.\n\nHamas issued a statement.\n\nThe group said 12 fighters were killed.", [1, 2], [1, 2]),
    ],
)
def test_plan_keeps_what_can_matter(text: str, core: list[int], model: list[int], lex: Lexicon) -> None:
    p = plan(text, lex)
    assert (sorted(p.core), sorted(p.model)) == (core, model)
    full = plan(text, lex, prefilter=False)
    assert full.core == full.model == frozenset(range(len(full.sentences)))


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Floods KILLED 12", ["KILLED"]),
        ("twelve were shot  dead; one was shot", ["shot  dead", "shot"]),
        ("the ministry's figures", []),
        ("a skilled killer", []),  # whole words only
        ("Kill 32: kills", ["Kill", "kills"]),
    ],
)
def test_phrase_patterns_match_whole_phrases_only(text: str, found: list[str]) -> None:
    pattern = _phrases([("kill",), ("kills",), ("killed",), ("shot",), ("shot", "dead")])
    assert [m.group() for m in pattern.finditer(text)] == found


def _both(texts: list[str], fast: spacy.Language, full: spacy.Language) -> list[tuple[str, list[Figure], list[Figure]]]:
    return [(t, a, b) for t, a, b in zip(texts, figextract.extract_many(texts, fast), figextract.extract_many(texts, full)) if a != b]


@pytest.fixture(scope="module")
def full_nlp() -> spacy.Language:
    return figextract.load(prefilter=False)


@pytest.fixture(scope="module")
def full_blank() -> spacy.Language:
    return figextract.load(spacy.blank("en"), prefilter=False)


SETS = {"corpus": CORPUS, "seeds": SEEDS, "fixtures": FIXTURES, "mixed": MIXED, "news": _articles(random.Random(6), 200)}


@pytest.mark.parametrize("name", SETS)
def test_no_figure_is_lost_with_the_model(name: str, nlp: spacy.Language, full_nlp: spacy.Language) -> None:
    texts = SETS[name]
    assert texts and _both(texts, nlp, full_nlp) == []


@pytest.mark.parametrize("name", SETS)
def test_no_figure_is_lost_rule_only(name: str, blank_nlp: spacy.Language, full_blank: spacy.Language) -> None:
    texts = SETS[name]
    assert texts and _both(texts, blank_nlp, full_blank) == []


def test_the_prefilter_skips_most_of_ordinary_news(lex: Lexicon) -> None:
    """Not a speed test: on ordinary news the plan must leave out nearly everything, or it saves nothing."""
    assert len(BACKGROUND) >= 100
    articles = _articles(random.Random(5), 200)
    plans = [plan(t, lex) for t in articles]
    total, read, model = (sum(len(getattr(p, k)) for p in plans) for k in ("sentences", "core", "model"))
    assert read < 0.25 * total and model < 0.15 * total


@given(st.lists(st.sampled_from(CORPUS + FIXTURES + BACKGROUND), min_size=1, max_size=6), st.sampled_from(JOINERS))
def test_any_mix_gives_the_same_figures_rule_only(pieces: list[str], joiner: str) -> None:
    text = joiner.join(pieces)
    assert figextract.extract(text, _FAST_BLANK) == figextract.extract(text, _FULL_BLANK)


_FAST_BLANK = figextract.load(spacy.blank("en"))
_FULL_BLANK = figextract.load(spacy.blank("en"), prefilter=False)
