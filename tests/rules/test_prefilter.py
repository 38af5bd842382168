"""The prefilter: what the plan keeps, and the rule that it loses nothing.

The rule: on the corpus, the seeds, every text written in a test module, and articles mixed from
them, the prefiltered path gives exactly the figures of the full path (every field). The plan and
the attribution read what a sentence passes on with one function (``attribution.read_surface``),
so the property tests mix sentences that pass on sources in every way: carried, referred back to
("the ministry", "the news agency"), by surname ("Roe said"), and barriers between.
"""

from __future__ import annotations

import ast
import json
import random
from pathlib import Path

import pytest
import spacy
from functools import cache

from hypothesis import given, settings
from hypothesis import strategies as st

import figextract
from figextract.rules.lexicon import Lexicon
from figextract.rules.attribution import read_surface
from figextract.rules.prefilter import _phrases, plan
from figextract.rules.segment import rule_sentences
from figextract.rules.sources import gazetteer_patterns, naming_pattern
from figextract.rules.tokens import tokenize
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
        # A description that refers back is an anaphor for the plan as for the attribution.
        ("The World Food Programme said it was flying aid.\n\nThe cyclone injured 1,060 people, the aid agency said.", [0, 1], [0, 1]),
        ("The World Food Programme said it was flying aid.\n\nThe cyclone injured 1,060 people, the regional agency said.", [1], [1]),
        # A surname the sentence quotes: the earlier sentences that hold it.
        ("Sgt. Jane Roe of the Dayton police spoke first. Shares fell. Roe said two men were killed.", [0, 2], [2]),
        ("Sgt. Jane Roe of the Dayton police spoke first.\n\nRoe said two men were killed.", [0, 1], [1]),
        # A sentence that quotes its own reporter takes nothing from before.
        ("The UN said the camp flooded. Officials said twelve people died.", [1], [1]),
        ("The UN said the camp flooded. It said twelve people died.", [0, 1], [0, 1]),
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

# Sentences that introduce or quote reporters, and figures whose source hangs on earlier sentences.
INTRODUCING = [
    "The World Food Programme said it was flying aid.",
    "Amnesty International has documented the strikes.",
    "The Gaza health ministry said the hospital was full.",
    "Reuters reported heavy fighting near the border.",
    "Xinhua said rescue teams had arrived.",
    "Sgt. Jane Roe of the Dayton police department spoke to reporters.",
    "Lt. Paul Cicero of the Hartford Police Department said the scene was secure.",
    "Jamal Carter, 19, was at the park.",
    "Officials said the road was closed.",
    "Police said the gunman had fled.",
    "The regional agency said it had sent tents.",
    "A ministry spokesman said the camp was overcrowded.",
    "Hamas issued a statement on Sunday.",
    "The Birmingham Police Department opened an inquiry.",
    "MINUSMA sent more troops.",
    "The river burst its banks.",
    "It said the water was rising.",
]
QUOTING = [
    "The cyclone injured 1,060 people, the regional agency said.",
    "The cyclone injured 1,060 people, the aid agency said.",
    "According to the group, 40 civilians were killed.",
    "The ministry put the number of wounded at 1,532.",
    "Roe said three men were shot.",
    "Cicero said two people were wounded.",
    "Carter said three people were killed.",
    "The news agency said 12 people died.",
    "Twelve people were killed, police said.",
    "Another 2,000 people fled on Friday.",
    "It said 30 people were hurt.",
    "A department spokesman said four people were shot.",
    "The agency said 28 people had been killed.",
    "Floods killed 12 people.",
    "Smith said 5 people drowned.",
    "The mission said 12 peacekeepers were killed.",
]
SOURCE_MIXES = st.tuples(st.lists(st.sampled_from(INTRODUCING + QUOTING), min_size=2, max_size=7), st.sampled_from(JOINERS))


def test_what_the_plan_skips_names_no_body(lex: Lexicon) -> None:
    """The plan's necessary sign (``naming_pattern`` and the gazetteer): a sentence without it names
    no body an anaphor could refer to, quotes nobody and holds no anaphor, so skipping it loses nothing."""
    folded, exact = gazetteer_patterns(lex)[:2]
    naming = naming_pattern(lex)
    texts = CORPUS + FIXTURES + BACKGROUND + INTRODUCING + QUOTING + SEEDS
    for text in texts:
        for s, e in rule_sentences(text):
            if naming.search(text, s, e) or folded.search(text, s, e) or exact.search(text, s, e):
                continue
            reading = read_surface(text, tokenize(text, s, e), lex)
            state = [m for m in reading.mentions if (m.form == "body" and m.proper) or m.form == "anaphor" or m.body is not None]
            assert not reading.quoted and not state and not reading.facts.anaphoric, text[s:e]


@given(SOURCE_MIXES)
def test_sources_mix_the_same_rule_only(mix: tuple[list[str], str]) -> None:
    text = mix[1].join(mix[0])
    assert figextract.extract(text, _FAST_BLANK) == figextract.extract(text, _FULL_BLANK)


@cache
def _with_model() -> tuple[spacy.Language, spacy.Language]:
    return figextract.load(), figextract.load(prefilter=False)


@settings(max_examples=40)
@given(SOURCE_MIXES)
def test_sources_mix_the_same_with_the_model(mix: tuple[list[str], str]) -> None:
    fast, full = _with_model()
    text = mix[1].join(mix[0])
    assert figextract.extract(text, fast) == figextract.extract(text, full)


# Issue 11 (F3): a body named in one paragraph, a figure quoted from "the agency", "the news
# agency" or "police" in a later one. Written as parts so that every pairing and order is drawn.
NAMERS = [
    "The World Food Programme", "Reuters", "The Associated Press", "Police", "The health ministry", "Metrorail", "AFP",
    "The UN refugee agency", "The state news agency SANA", "Acme Relief Group", "Officials", "The Red Cross",
]  # fmt: skip
NAMER_ACTS = ["said it was flying aid.", "reported heavy rain.", "was flying aid.", "sent teams to the area.", "said on Monday."]
REFERRERS = [
    "the agency", "the regional agency", "the news agency", "police", "the ministry", "the group", "the UN agency",
    "the aid agency", "the broadcaster", "local police", "officials", "the charity",
]  # fmt: skip
FIGURES = ["The cyclone injured 1,060 people", "Floods killed 12 people", "At least 40 people were killed", "The storm displaced 3,000 families"]


@st.composite
def agency_articles(draw: st.DrawFn) -> str:
    """Paragraphs that name bodies and quote figures from a body referred to, in any order."""
    sentences = []
    for _ in range(draw(st.integers(1, 5))):
        if draw(st.booleans()):
            sentences.append(f"{draw(st.sampled_from(NAMERS))} {draw(st.sampled_from(NAMER_ACTS))}")
        elif draw(st.booleans()):
            sentences.append(f"{draw(st.sampled_from(FIGURES))}, {draw(st.sampled_from(REFERRERS))} said.")
        else:
            referrer = draw(st.sampled_from(REFERRERS))
            sentences.append(f"{referrer[0].upper()}{referrer[1:]} said {draw(st.sampled_from(FIGURES)).lower()}.")
    text = sentences[0]
    for sentence in sentences[1:]:
        text += draw(st.sampled_from(JOINERS)) + sentence
    return text


@given(agency_articles())
def test_referred_bodies_are_the_same_with_and_without_the_prefilter_rule_only(text: str) -> None:
    assert figextract.extract(text, _FAST_BLANK) == figextract.extract(text, _FULL_BLANK)


@settings(max_examples=40)
@given(agency_articles())
def test_referred_bodies_are_the_same_with_and_without_the_prefilter_with_the_model(text: str) -> None:
    fast, full = _with_model()
    assert figextract.extract(text, fast) == figextract.extract(text, full)
