"""The spaCy component: a thin wrapper that hands a Doc's text, sentences and ORG entities to the
pure core and writes the figures back as spans."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from spacy.language import Language
from spacy.pipeline import Pipe
from spacy.tokens import Doc, Span
from spacy.util import registry

from .candidates import VAGUE_POLICIES
from .extensions import DOC_ATTR, register_extensions
from .lexicon import FILES, Lexicon, build_lexicon, load_lexicon
from .linking import find_figures
from .records import Figure
from .segment import split_lines

DEFAULT_SPANS_KEY = "figextract"
LEXICON_DIR = "lexicon"


@registry.misc("figextract.lexicon.v1")
def lexicon_v1(path: str | None = None) -> Lexicon:
    """The vocabularies: the package's data files, or a folder whose files replace some of them.

    Referenced from the config by name, so saved pipelines do not carry the word lists in config.cfg.
    """
    return load_lexicon(path)


@Language.factory(
    "figextract_figures",
    assigns=["doc.spans", f"doc._.{DOC_ATTR}"],
    requires=[],
    default_config={
        "spans_key": DEFAULT_SPANS_KEY,
        "vague_value": "low",
        "use_entities": True,
        "lexicon": {"@misc": "figextract.lexicon.v1", "path": None},
    },
)
def make_figures(nlp: Language, name: str, *, spans_key: str, vague_value: str, use_entities: bool, lexicon: Lexicon) -> FigureFinder:
    """Create the figextract component (``nlp.add_pipe("figextract_figures")``)."""
    return FigureFinder(nlp, name, spans_key=spans_key, vague_value=vague_value, use_entities=use_entities, lexicon=lexicon)


class FigureFinder(Pipe):
    """Finds casualty figures; writes ``doc.spans[spans_key]`` and ``doc._.fx_figures``."""

    def __init__(self, nlp: Language, name: str = "figextract_figures", *, spans_key: str = DEFAULT_SPANS_KEY,
                 vague_value: str = "low", use_entities: bool = True, lexicon: Lexicon | None = None) -> None:  # fmt: skip
        if not isinstance(spans_key, str) or not spans_key or "#" in spans_key:
            raise ValueError(f"figextract_figures: spans_key: expected a non-empty string without '#', instead got {spans_key!r}")
        if vague_value not in VAGUE_POLICIES:
            raise ValueError(f"figextract_figures: vague_value: expected one of {list(VAGUE_POLICIES)}, instead got {vague_value!r}")
        if not isinstance(use_entities, bool):
            raise ValueError(f"figextract_figures: use_entities: expected true or false, instead got {use_entities!r}")
        register_extensions()
        self.name = name
        self.spans_key = spans_key
        self.vague_value = vague_value
        self.use_entities = use_entities
        self.lexicon = lexicon if lexicon is not None else load_lexicon()

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc

    def pipe(self, stream: Iterable[Doc], *, batch_size: int = 128) -> Iterator[Doc]:
        for doc in stream:
            yield self(doc)

    def match(self, doc: Doc) -> list[Figure]:
        """The figures in ``doc``; pure apart from reading the Doc."""
        sentences = split_lines(((s.start_char, s.end_char) for s in doc.sents), doc.text) if doc.has_annotation("SENT_START") else None
        entities = [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "ORG"] if self.use_entities else []
        return find_figures(doc.text, sentences, entities, self.lexicon, self.vague_value)

    def set_annotations(self, doc: Doc, figures: list[Figure]) -> None:
        spans = []
        for i, fig in enumerate(figures):
            span = doc.char_span(fig.start, fig.end, label=fig.type, alignment_mode="expand", span_id=f"{self.spans_key}#{i}")
            if span is None:  # offsets inside white space only; cannot happen for a non-empty figure
                span = Span(doc, 0, 0, label=fig.type, span_id=f"{self.spans_key}#{i}")
            spans.append(span)
        doc.spans[self.spans_key] = spans
        by_key = dict(doc._.get(DOC_ATTR) or {})
        by_key[self.spans_key] = [fig.to_dict() for fig in figures]
        doc._.set(DOC_ATTR, by_key)

    # The lexicon is the component's state: save it as data so a saved pipeline is self-contained.
    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        folder = Path(path) / LEXICON_DIR
        folder.mkdir(parents=True, exist_ok=True)
        for name, content in self.lexicon.to_dict().items():
            (folder / name).write_text(json.dumps(content, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> FigureFinder:
        folder = Path(path) / LEXICON_DIR
        if folder.is_dir():
            data: dict[str, Any] = {}
            for name in FILES:
                file = folder / name
                data[name] = json.loads(file.read_text(encoding="utf-8"))
            self.lexicon = build_lexicon(data)
        return self

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return json.dumps(self.lexicon.to_dict(), ensure_ascii=False).encode("utf-8")

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> FigureFinder:
        self.lexicon = build_lexicon(json.loads(data.decode("utf-8")))
        return self

    def initialize(self, get_examples: Callable[[], Iterable[Any]] | None = None, *, nlp: Language | None = None) -> None:
        """Nothing to train; present so ``nlp.initialize()`` works on a pipeline that includes us."""
