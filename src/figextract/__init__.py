"""figextract: casualty figures out of news text, as spaCy spans and plain records."""

from __future__ import annotations

from .batch import extract_records
from .components import FigureFinder, lexicon_v1, make_figures
from .frames import to_dataframe
from .lexicon import LexiconError, load_lexicon
from .linking import find_figures
from .pipeline import ModelNotFoundError, extract, extract_many, figures, load
from .records import Figure, RecordError

__version__ = "0.1.0"
__all__ = [
    "Figure", "FigureFinder", "LexiconError", "ModelNotFoundError", "RecordError", "extract", "extract_many",
    "extract_records", "figures", "find_figures", "lexicon_v1", "load", "load_lexicon", "make_figures", "to_dataframe",
]  # fmt: skip
