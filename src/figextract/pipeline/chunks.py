"""Texts longer than a pipeline's ``max_length``: where to cut them, and how to put the figures back.

Pure functions. A figure lies inside one sentence, so cutting between sentences loses none; cutting
between paragraphs also keeps a paragraph's source carry-over intact, so paragraph starts come first.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace
from typing import Any, Iterable, Sequence

from ..rules.records import INDEX_FIELDS, Figure
from ..rules.segment import paragraph_breaks, rule_sentences

__all__ = ["chunk_spans", "join_chunks"]


def chunk_spans(text: str, limit: int) -> list[tuple[int, int]]:
    """Contiguous ``(start, end)`` spans that cover ``text``, each at most ``limit`` characters.

    A cut goes at a paragraph start in the second half of the window, else at the last sentence start
    in it, else after the last white space; only a single "sentence" longer than ``limit`` without any
    white space is cut blindly.
    """
    if limit < 1:
        raise ValueError(f"chunk_spans: limit: expected a positive number of characters, instead got {limit}")
    if len(text) <= limit:
        return [(0, len(text))]
    paragraphs = paragraph_breaks(text)
    sentences = [start for start, _ in rule_sentences(text)]
    spans = []
    pos = 0
    while len(text) - pos > limit:
        end = pos + limit
        cut = _last_between(paragraphs, pos + limit // 2, end) or _last_between(sentences, pos, end) or _after_last_space(text, pos, end) or end
        spans.append((pos, cut))
        pos = cut
    spans.append((pos, len(text)))
    return spans


def _last_between(points: Sequence[int], low: int, high: int) -> int | None:
    """The largest point with ``low < point <= high``."""
    i = bisect_right(points, high)
    return points[i - 1] if i and points[i - 1] > low else None


def _after_last_space(text: str, low: int, high: int) -> int | None:
    for i in range(high - 1, low, -1):
        if text[i].isspace():
            return i + 1
    return None


def join_chunks(parts: Iterable[tuple[int, int, Sequence[Figure]]]) -> list[Figure]:
    """The figures of consecutive chunks as figures of the whole text.

    Each part is ``(chunk start, number of sentences in the chunk, the chunk's figures)``: offsets move
    by the chunk start, sentence indices by the sentences before it, index fields (``part_of``,
    ``same_as``, ``superseded_by``) by the figures before it.
    """
    out: list[Figure] = []
    sentences = 0
    for start, n_sentences, figs in parts:
        base = len(out)
        for fig in figs:
            moved: dict[str, Any] = {name: None if getattr(fig, name) is None else getattr(fig, name) + base for name in INDEX_FIELDS}
            out.append(replace(fig, start=fig.start + start, end=fig.end + start, sentence=fig.sentence + sentences, **moved))
        sentences += n_sentences
    return out
