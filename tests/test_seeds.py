"""The seed article: every figure, every field, under every way of running the pipeline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy

import figextract
from figextract.rules.linking import find_figures

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
CASES = sorted(SEEDS.glob("*.txt"))


def expected(path: Path) -> list[dict[str, object]]:
    golden = json.loads(path.with_suffix(".expected.json").read_text(encoding="utf-8"))
    return golden["figures"]


def test_seed_folder_is_complete() -> None:
    assert CASES, "no seed articles found"
    for case in CASES:
        assert case.with_suffix(".expected.json").is_file(), f"{case.name} has no .expected.json"


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_seed_with_default_model(case: Path, nlp: spacy.Language) -> None:
    text = case.read_text(encoding="utf-8")
    assert [f.to_dict() for f in figextract.extract(text, nlp)] == expected(case)


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_seed_rule_only(case: Path, blank_nlp: spacy.Language) -> None:
    text = case.read_text(encoding="utf-8")
    assert [f.to_dict() for f in figextract.extract(text, blank_nlp)] == expected(case)


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_seed_pure_core(case: Path) -> None:
    text = case.read_text(encoding="utf-8")
    assert [f.to_dict() for f in find_figures(text)] == expected(case)


def test_seed_article_facts() -> None:
    """The facts the issue names, spelled out so a regenerated golden file cannot drift from them."""
    figs = expected(SEEDS / "000_ba8fba4bcf8b3400.txt")
    assert len(figs) == 12
    by_text = {f["text"]: f for f in figs}
    total = figs.index(by_text["1,380 civilians"])
    assert [f["text"] for f in figs if f["part_of"] == total] == ["332 were children", "195 women", "853 men"]
    assert by_text["1,380 civilians"]["source"] == "Syrian Observatory for Human Rights"
    assert by_text["1,380 civilians"]["source_text"] == "the group"
    assert by_text["hundreds of civilians"]["source"] == "Amnesty International"
    assert by_text["more than 260,000 people"]["source"] is None
    quarter = by_text["over a quarter million people"]
    assert (quarter["value"], quarter["qualifier"], quarter["type"], quarter["source"]) == (250000, "more_than", "displaced", "Carter Center")
