"""Shared fixtures: one pipeline per session, hypothesis profiles, and opt-in slow tests."""

from __future__ import annotations

import os

import pytest
import spacy
from hypothesis import HealthCheck, settings

import figextract
from figextract.rules.lexicon import Lexicon, load_lexicon

settings.register_profile("ci", deadline=None, max_examples=1000, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", deadline=None, max_examples=80)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--runslow", action="store_true", default=False, help="run tests marked slow")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--runslow"):
        return
    skip = pytest.mark.skip(reason="slow: pass --runslow to run")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def lex() -> Lexicon:
    return load_lexicon()


@pytest.fixture(scope="session")
def nlp() -> spacy.Language:
    """The default pipeline (en_core_web_sm), loaded once."""
    return figextract.load()


@pytest.fixture(scope="session")
def blank_nlp() -> spacy.Language:
    """The rule-only pipeline on spacy.blank('en')."""
    return figextract.load(spacy.blank("en"))
