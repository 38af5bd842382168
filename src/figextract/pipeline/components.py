"""The spaCy component: a thin wrapper that plans which sentences matter, has the model parse them
and find ORG entities where needed, hands the text to the pure core and writes the figures back as spans.

Where the analysis comes from: with ``model_pipes`` (what ``figextract.load`` sets up) the component
runs those pipes itself, one sentence at a time, on only the sentences the plan sends to the model;
``load`` disables them in the pipeline so that spaCy does not run them over the whole text. The pipes
run in two stages: the parse stage (tagger, parser, lemmatizer and the embedding layer they share) on
the sentences that can hold a figure or quote a source, and the entity stage (the entity recogniser
and whatever embedding layer it listens to) on the sentences that quote a source. Without
``model_pipes`` (the component added to a pipeline of your own) it reads the Doc's own parse and ``doc.ents``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from spacy.language import Language
from spacy.pipeline import Pipe
from spacy.tokens import Doc, Span
from spacy.util import minibatch, registry

from ..rules.attribution import organisation_spans, unknown_names
from ..rules.candidates import VAGUE_POLICIES
from .extensions import DOC_ATTR, DOC_TOTALS_ATTR, register_extensions
from ..rules.cleanup import repair
from ..rules.lexicon import FILES, TYPES, Lexicon, build_lexicon, load_lexicon
from ..rules.linking import find_figures
from ..rules.prefilter import Plan, plan
from ..rules.records import Figure
from ..rules.segment import rule_sentences
from ..rules.syntax import Parse
from ..rules.totals import totals

__all__ = [
    "DEFAULT_SPANS_KEY", "FigureFinder", "LEXICON_DIR", "MAX_MODEL_CHARS", "MODEL_BATCH_CHARS", "PARSE_NEEDS", "char_batches", "lexicon_v1",
    "make_figures", "model_stages", "modelled", "parse_of_span",
]  # fmt: skip

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
    assigns=["doc.spans", f"doc._.{DOC_ATTR}", f"doc._.{DOC_TOTALS_ATTR}"],
    requires=[],
    default_config={
        "spans_key": DEFAULT_SPANS_KEY,
        "vague_value": "low",
        "use_entities": True,
        "prefilter": True,
        "model_pipes": [],
        "lexicon": {"@misc": "figextract.lexicon.v1", "path": None},
    },
)
def make_figures(nlp: Language, name: str, *, spans_key: str, vague_value: str, use_entities: bool, prefilter: bool,
                 model_pipes: list[str], lexicon: Lexicon) -> FigureFinder:  # fmt: skip
    """Create the figextract component (``nlp.add_pipe("figextract_figures")``)."""
    return FigureFinder(nlp, name, spans_key=spans_key, vague_value=vague_value, use_entities=use_entities, prefilter=prefilter,
                        model_pipes=model_pipes, lexicon=lexicon)  # fmt: skip


def model_stages(nlp: Language, pipes: list[str]) -> tuple[list[str], list[str]]:
    """``pipes`` split into the parse stage and the entity stage, each in pipeline order.

    An entity recogniser goes to the entity stage with the embedding layers it listens to (none for
    the trained en_core_web pipelines, whose ``ner`` embeds on its own); everything else parses.
    """
    recognisers = [p for p in pipes if "doc.ents" in nlp.get_pipe_meta(p).assigns]
    upstream = {
        p for p in pipes
        if any(r in getattr(nlp.get_pipe(p), "listener_map", {}) for r in recognisers)
    }  # fmt: skip
    # The parse stage needs heads, labels and tags (and the embeddings they read); lemmas and
    # coarse POS (lemmatizer, attribute_ruler) cost as much as the parser and the core does not
    # need them: a parse without lemmas gives lower-case words (``parse_of_span``).
    parse = [p for p in pipes if p not in recognisers and not PARSE_NEEDS.isdisjoint(nlp.get_pipe_meta(p).assigns)]
    entity = [p for p in pipes if p in recognisers or p in upstream]
    return parse, entity


PARSE_NEEDS = frozenset({"token.dep", "token.head", "token.tag", "doc.tensor"})
# A "sentence" longer than this is a table or a list run into one line, not prose: its parse costs
# memory by the gigabyte (a 200,000-token Doc takes 3 GB) and tells the rules nothing, so the rules
# read it alone, with neither prefilter setting.
MAX_MODEL_CHARS = 5_000
MODEL_BATCH_CHARS = 20_000  # (about 130 sentences of news: the batch the model's pipes would make)


def modelled(sentence: tuple[int, int]) -> bool:
    """Whether the model reads the sentence ``(start, end)``: not when it is longer than ``MAX_MODEL_CHARS``."""
    return sentence[1] - sentence[0] <= MAX_MODEL_CHARS


def char_batches(spans: list[tuple[int, int, int]], budget: int) -> Iterator[list[tuple[int, int, int]]]:
    """``(text, start, end)`` spans in order, in batches of at most ``budget`` characters (a longer
    span alone)."""
    batch: list[tuple[int, int, int]] = []
    size = 0
    for span in spans:
        length = span[2] - span[1]
        if batch and size + length > budget:
            yield batch
            batch, size = [], 0
        batch.append(span)
        size += length
    if batch:
        yield batch


def parse_of_span(doc: Doc, start: int, end: int, offset: int = 0) -> Parse:
    """The tokens of ``doc`` inside characters ``[start, end)`` as a ``Parse``, offsets moved by
    ``offset``; a head outside the span makes its dependent a root."""
    toks = [t for t in doc if start <= t.idx and t.idx + len(t) <= end]
    if not toks:
        return Parse((), (), (), (), (), ())
    first = toks[0].i
    n = len(toks)
    return Parse(
        starts=tuple(t.idx + offset for t in toks),
        ends=tuple(t.idx + len(t) + offset for t in toks),
        heads=tuple(t.head.i - first if 0 <= t.head.i - first < n else t.i - first for t in toks),
        deps=tuple(t.dep_ for t in toks),
        lemmas=tuple((t.lemma_ or t.text).lower() for t in toks),
        tags=tuple(t.tag_ for t in toks),
        ents=tuple(t.ent_type_ for t in toks),
    )


class FigureFinder(Pipe):
    """Finds casualty figures; writes ``doc.spans[spans_key]``, ``doc._.fx_figures`` and ``doc._.fx_totals``."""

    def __init__(self, nlp: Language, name: str = "figextract_figures", *, spans_key: str = DEFAULT_SPANS_KEY,
                 vague_value: str = "low", use_entities: bool = True, prefilter: bool = True, model_pipes: Iterable[str] = (),
                 lexicon: Lexicon | None = None) -> None:  # fmt: skip
        if not isinstance(spans_key, str) or not spans_key or "#" in spans_key:
            raise ValueError(f"figextract_figures: spans_key: expected a non-empty string without '#', instead got {spans_key!r}")
        if vague_value not in VAGUE_POLICIES:
            raise ValueError(f"figextract_figures: vague_value: expected one of {list(VAGUE_POLICIES)}, instead got {vague_value!r}")
        for key, flag in (("use_entities", use_entities), ("prefilter", prefilter)):
            if not isinstance(flag, bool):
                raise ValueError(f"figextract_figures: {key}: expected true or false, instead got {flag!r}")
        model_pipes = list(model_pipes)
        missing = [p for p in model_pipes if p not in nlp.component_names]
        if missing or not all(isinstance(p, str) for p in model_pipes):
            raise ValueError(f"figextract_figures: model_pipes: {missing or model_pipes} are not components of this pipeline {nlp.component_names}")
        register_extensions()
        self.name = name
        self.spans_key = spans_key
        self.vague_value = vague_value
        self.use_entities = use_entities
        self.prefilter = prefilter
        self.model_pipes = model_pipes
        self.parse_pipes, self.entity_pipes = model_stages(nlp, model_pipes)
        self.nlp = nlp
        self.lexicon = lexicon if lexicon is not None else load_lexicon()

    @property
    def labels(self) -> tuple[str, ...]:
        """The labels of the spans this component writes: the casualty types."""
        return TYPES

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc

    def pipe(self, stream: Iterable[Doc], *, batch_size: int = 128) -> Iterator[Doc]:
        for docs in minibatch(stream, batch_size):
            for doc, figures in zip(docs, self.match_many(docs)):
                self.set_annotations(doc, figures)
                yield doc

    def match(self, doc: Doc) -> list[Figure]:
        """The figures in ``doc``; pure apart from reading the Doc (and running ``model_pipes``)."""
        return self.match_many([doc])[0]

    def match_many(self, docs: list[Doc]) -> list[list[Figure]]:
        """The figures of each Doc; the model reads the planned sentences of all of them in one batch."""
        return self.figures_of([doc.text for doc in docs], docs)  # Doc.text joins every token: once

    def figures_of(self, texts: list[str], docs: list[Doc] | None = None) -> list[list[Figure]]:
        """The figures of each text. Without ``docs`` the analysis comes only from ``model_pipes``.

        Everything reads the repaired text (``cleanup.repair``); the figures come back with the
        original's offsets. A Doc's own analysis is of the text as given, so it is used only where
        repair changed nothing (a damaged text in a pipeline of your own is read rule-only).
        """
        repaired = [repair(text, self.lexicon) for text in texts]
        texts = [r.text for r in repaired]
        analysed: list[Doc | None] | None = None if docs is None else [doc if r.text is r.original else None for doc, r in zip(docs, repaired)]
        plans = [plan(text, self.lexicon, self.prefilter) for text in texts]
        parses = self._parses(texts, plans, analysed)
        entities = self._entities(texts, plans, analysed, parses)
        return [
            find_figures(r.original, p.sentences, ents, self.lexicon, self.vague_value, keep=p.core, counts=p.counts, parses=parsed, repaired=r)
            for r, p, ents, parsed in zip(repaired, plans, entities, parses)
        ]

    def plan_of(self, text: str) -> Plan:
        """The plan this component makes for ``text`` (after repair): which sentences it reads."""
        return plan(repair(text, self.lexicon).text, self.lexicon, self.prefilter)

    def sentence_count(self, text: str) -> int:
        """How many sentences figextract splits ``text`` into (after repair): the unit of ``Figure.sentence``."""
        return len(rule_sentences(repair(text, self.lexicon).text))

    def _run(self, pipes: list[str], texts: list[str], spans: list[tuple[int, int, int]]) -> Iterator[Doc]:
        """``pipes`` run on one Doc per sentence span ``(text index, start, end)``.

        One sentence per Doc: the model sees the same words whether or not the prefilter is on. The
        Docs go in batches of at most ``MODEL_BATCH_CHARS`` characters: the model's memory grows
        with the tokens of a batch (about 16 KB a token), not with its number of Docs."""
        for batch in char_batches(spans, MODEL_BATCH_CHARS):
            sentence_docs: Iterable[Doc] = (self.nlp.make_doc(texts[d][s:e]) for d, s, e in batch)
            for name in pipes:
                proc = self.nlp.get_pipe(name)
                sentence_docs = proc.pipe(sentence_docs, batch_size=len(batch)) if hasattr(proc, "pipe") else map(proc, sentence_docs)
            yield from sentence_docs

    def _parses(self, texts: list[str], plans: list[Plan], docs: list[Doc | None] | None) -> list[dict[int, Parse]]:
        """The parse of each sentence that can hold a figure or quote a source, by sentence index."""
        out: list[dict[int, Parse]] = [{} for _ in texts]
        wanted = [(d, i) for d, p in enumerate(plans) for i in sorted(p.counts | p.model) if modelled(p.sentences[i])]  # (a reporter's sentence too)
        if not self.model_pipes:
            if docs is not None:
                for d, i in wanted:
                    doc = docs[d]
                    if doc is not None and doc.has_annotation("DEP"):
                        out[d][i] = parse_of_span(doc, *plans[d].sentences[i])
            return out
        if not self.parse_pipes:
            return out
        spans = [(d, *plans[d].sentences[i]) for d, i in wanted]
        for (d, i), sdoc in zip(wanted, self._run(self.parse_pipes, texts, spans)):
            if sdoc.has_annotation("DEP"):
                out[d][i] = parse_of_span(sdoc, 0, len(sdoc.text), offset=plans[d].sentences[i][0])
        return out

    def _entities(
        self, texts: list[str], plans: list[Plan], docs: list[Doc | None] | None, parses: list[dict[int, Parse]] | None = None
    ) -> list[list[tuple[int, int]]]:
        """Organisation spans per text, from the entity stage run only on the sentences that quote a
        name the rules cannot place (``unknown_names``: "Metrorail said"), else from ``doc.ents``."""
        if not self.use_entities or (not self.model_pipes and docs is None):
            return [[] for _ in texts]
        parsed = parses if parses is not None else [{} for _ in texts]
        wanted = [
            (d, i, names)
            for d, p in enumerate(plans)
            for i in sorted(p.model)
            if modelled(p.sentences[i]) and (names := unknown_names(texts[d], *p.sentences[i], parsed[d].get(i), self.lexicon))
        ]
        out: list[list[tuple[int, int]]] = [[] for _ in texts]
        if not self.model_pipes:
            assert docs is not None
            for d, i, names in wanted:
                doc = docs[d]
                if doc is None:
                    continue
                s, e = plans[d].sentences[i]
                ents = [(x.start_char, x.end_char, x.label_) for x in doc.ents if s <= x.start_char and x.end_char <= e]
                out[d] += organisation_spans(texts[d], names, ents, self.lexicon)
            return out
        if not self.entity_pipes:
            return out
        spans = [(d, *plans[d].sentences[i]) for d, i, _ in wanted]
        for (d, s, _), (_, _, names), sdoc in zip(spans, wanted, self._run(self.entity_pipes, texts, spans)):
            ents = [(s + x.start_char, s + x.end_char, x.label_) for x in sdoc.ents]
            out[d] += organisation_spans(texts[d], names, ents, self.lexicon)
        return out

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
        totals_by_key = dict(doc._.get(DOC_TOTALS_ATTR) or {})
        totals_by_key[self.spans_key] = {kind: total.to_dict() for kind, total in totals(figures).items()}
        doc._.set(DOC_TOTALS_ATTR, totals_by_key)

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
