"""figextract: casualty figures out of news text, as spaCy spans and plain records.

Layers, one per folder: ``rules`` (the pure core: text -> figures, and its vocabularies),
``pipeline`` (the spaCy component and loading), ``archives`` (batch runs: readers, writers, Dask)
and ``cli`` (the command line and evaluation).
"""

from __future__ import annotations

from .archives.batch import extract_records
from .archives.frames import to_dataframe
from .pipeline.components import FigureFinder, lexicon_v1, make_figures
from .pipeline.run import ModelNotFoundError, extract, extract_many, figures, load
from .rules.lexicon import LexiconError, load_lexicon
from .rules.linking import find_figures
from .rules.records import Figure, RecordError
from .rules.totals import Total, totals

__version__ = "0.1.0"
__all__ = [
    "Figure", "FigureFinder", "LexiconError", "ModelNotFoundError", "RecordError", "Total", "extract", "extract_many",
    "extract_records", "figures", "find_figures", "lexicon_v1", "load", "load_lexicon", "make_figures", "to_dataframe", "totals",
]  # fmt: skip
