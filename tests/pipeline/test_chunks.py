"""Texts longer than nlp.max_length: cut between paragraphs or sentences, figures put back whole."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from hypothesis import given
from hypothesis import strategies as st

import figextract
from figextract.pipeline.chunks import chunk_spans, join_chunks
from figextract.rules.records import Figure
from figextract.rules.segment import paragraph_breaks, rule_sentences

SEED = (Path(__file__).resolve().parents[2] / "seeds" / "000_ba8fba4bcf8b3400.txt").read_text(encoding="utf-8")
TOWNS = ("Aden", "Basra", "Cali", "Dakar", "Enugu", "Fes", "Goma", "Herat", "Ibb", "Jos", "Kano", "Lima", "Mosul", "Nablus", "Osh")
PARAGRAPH = "According to the UN, {n} civilians were killed in the north. Another {m} were injured, the agency said."


def rule_only(max_length: int | None = None) -> spacy.Language:
    nlp = figextract.load(spacy.blank("en"))
    if max_length is not None:
        nlp.max_length = max_length
    return nlp


def test_a_short_text_is_one_chunk() -> None:
    assert chunk_spans("Five died.", 100) == [(0, 10)]


@pytest.mark.parametrize(
    ("text", "limit", "cuts"),
    [
        # a paragraph start in the second half of the window wins over a later sentence start
        ("Aaaa aaaa. Bbbb.\n\nCccc cccc. Dddd dddd. Eeee.", 30, [18]),
        # no paragraph start in reach: the last sentence start
        ("Aaaa aaaa. Bbbb bbbb. Cccc cccc. Dddd.", 25, [22]),
        # one long sentence: after the last white space
        ("aaaa bbbb cccc dddd eeee", 12, [10, 20]),
        # no white space at all: a blind cut, the only way to stay under the limit
        ("abcdefghij", 4, [4, 8]),
    ],
)
def test_cut_points(text: str, limit: int, cuts: list[int]) -> None:
    spans = chunk_spans(text, limit)
    assert [s for s, _ in spans[1:]] == cuts


@given(st.text(alphabet="ab .\n", max_size=400), st.integers(1, 60))
def test_chunks_cover_the_text_and_respect_the_limit(text: str, limit: int) -> None:
    spans = chunk_spans(text, limit)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(e1 == s2 for (_, e1), (s2, _) in zip(spans, spans[1:]))
    assert all(0 < e - s <= limit for s, e in spans) or text == ""


def test_cuts_fall_on_sentence_starts_when_sentences_fit() -> None:
    starts = {s for s, _ in rule_sentences(SEED)} | set(paragraph_breaks(SEED))
    spans = chunk_spans(SEED, 400)
    assert len(spans) > 4 and all(s in starts for s, _ in spans[1:])


def test_join_renumbers_offsets_sentences_and_index_fields() -> None:
    def fig(text: str, start: int, sentence: int, **kw: object) -> Figure:
        base = dict(text=text, start=start, end=start + len(text), number=text.split()[0], value=3, low=3, high=3, qualifier="exact",
                    unit="people", type="killed", category="people", group="unspecified", category_text=None, source=None,
                    source_text=None, source_kind=None, part_of=None, same_as=None, superseded_by=None, sentence=sentence,
                    implicit=False, scope="incident")  # fmt: skip
        return Figure(**{**base, **kw})  # type: ignore[arg-type]

    whole, part = fig("12 dead", 0, 0), fig("3 children", 9, 1, part_of=0)
    old, new = fig("10 dead", 0, 0, superseded_by=1), fig("12 dead", 11, 0)
    families, people = fig("3 families", 0, 0), fig("15 people", 14, 0, same_as=0)
    joined = join_chunks([(0, 2, [whole]), (100, 3, [whole, part]), (200, 1, [old, new]), (300, 1, [families, people])])
    got = [(f.start, f.sentence, f.part_of, f.superseded_by, f.same_as) for f in joined]
    assert got == [
        (0, 0, None, None, None), (100, 2, None, None, None), (109, 3, 1, None, None),
        (200, 5, None, 4, None), (211, 5, None, None, None), (300, 6, None, None, None), (314, 6, None, None, 5),
    ]  # fmt: skip


def test_limit_must_be_positive() -> None:
    with pytest.raises(ValueError, match="positive"):
        chunk_spans("text", 0)


def test_long_text_of_paragraphs_gives_what_one_pass_gives() -> None:
    """Cuts between paragraphs keep everything, sources included."""
    text = "\n\n".join(PARAGRAPH.format(n=10 + i, m=i + 1) for i in range(40))
    whole = figextract.extract(text, rule_only())
    small = rule_only(max_length=500)
    assert len(text) > 8 * small.max_length
    chunked = figextract.extract(text, small)
    assert chunked == whole and len(whole) == 80
    assert all(text[f.start : f.end] == f.text for f in chunked)
    assert [f.sentence for f in chunked] == list(range(80))


@pytest.mark.parametrize("model", ["blank", "default"])
def test_long_seed_loses_no_figure_at_a_border(model: str, nlp: spacy.Language) -> None:
    """Cuts inside paragraphs keep every figure, offset, value, type, sentence and part_of; only a
    source carried over from the paragraph before the cut can be lost."""
    whole_nlp = rule_only() if model == "blank" else nlp
    small = rule_only(800) if model == "blank" else figextract.load()
    small.max_length = 800
    whole, chunked = figextract.extract(SEED, whole_nlp), figextract.extract(SEED, small)
    key = lambda f: (f.text, f.start, f.end, f.value, f.low, f.high, f.qualifier, f.type, f.category, f.sentence, f.part_of)  # noqa: E731
    assert [key(f) for f in chunked] == [key(f) for f in whole] and len(whole) == 12


def test_figure_right_after_a_cut_is_kept() -> None:
    # Every sentence holds a figure, and every sentence start is a cut.
    text = " ".join(f"{i + 2} people were killed in {town}." for i, town in enumerate(TOWNS))
    small = rule_only(max_length=70)
    chunked = figextract.extract(text, small)
    assert [f.value for f in chunked] == [i + 2 for i in range(len(TOWNS))]
    assert [f.sentence for f in chunked] == list(range(len(TOWNS)))
    assert all(text[f.start : f.end] == f.text for f in chunked)


@pytest.mark.parametrize("n_process", [1, 2])
def test_extract_many_chunks_long_texts_among_short_ones(n_process: int) -> None:
    long_text = "\n\n".join(PARAGRAPH.format(n=i + 5, m=2) for i in range(10))
    texts = ["Nine people died.", long_text, "", "Four soldiers were wounded."] * 3
    small = rule_only(max_length=300)
    got = list(figextract.extract_many(texts, small, batch_size=2, n_process=n_process))
    whole = rule_only()
    want = [figextract.extract(t, whole) for t in texts]
    assert got == want and [len(x) for x in got] == [1, 20, 0, 1] * 3
