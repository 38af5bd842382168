"""Figures drawn on their text by displaCy's span renderer: ``show --html`` and the report's sentences.

Each figure is a span coloured by its casualty type and labelled with its index, type, qualifier,
value, source and relations ("#1 killed exact 332 · SOHR · part of #0"), so that a breakdown and
the figure it breaks down can be read off the page. Overlapping spans stack, as displaCy draws them.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Mapping, Sequence

from .style import CSS, TYPE_COLOURS

__all__ = ["LABEL_HELP", "QUALIFIER_SIGNS", "RELATIONS", "View", "figure_label", "label_rows", "legend", "page", "render_view", "views_page"]

RELATIONS = (("part_of", "part of"), ("same_as", "same as"), ("superseded_by", "replaced by"))
LABEL_EM = 0.68  # the label's type size, in the text's em (see style.CSS, .fx-label)


@dataclass(frozen=True)
class View:
    """A text with figures on it. Offsets are into ``text``; ``numbers`` are the figures' indices in
    their article (for the labels and the relations), by default their positions."""

    text: str
    figures: Sequence[Mapping[str, Any]]
    title: str | None = None
    numbers: Sequence[int] | None = None
    meta: str | None = None  # a line under the title: where the text comes from


# Qualifiers as the signs a reader knows; "range" and "vague" stay words (see LABEL_HELP).
QUALIFIER_SIGNS = {"exact": "=", "approximate": "~", "less_than": "<", "more_than": ">", "at_least": "≥", "at_most": "≤", "range": "range ", "vague": "vague "}
LABEL_HELP = (
    "Each figure is labelled #index, type, qualifier and value (= exact, ~ approximate, < less than, > more than, ≥ at least, "
    "≤ at most, range, vague), source, and how it points at another figure (part of, same as, replaced by)."
)


def figure_label(number: int, fig: Mapping[str, Any]) -> str:
    """ "#1 killed =332 · SOHR · part of #0": what a span's label says."""
    qualifier = QUALIFIER_SIGNS.get(fig["qualifier"], f"{fig['qualifier']} ")
    parts = [f"#{number} {fig['type']} {qualifier}{fig['value']:,}"]
    if fig.get("source"):
        parts.append(str(fig["source"]))
    parts += [f"{words} #{fig[name]}" for name, words in RELATIONS if fig.get(name) is not None]
    return " · ".join(parts)


@lru_cache(maxsize=1)
def _tokenizer() -> Any:
    import spacy

    return spacy.blank("en").tokenizer


# displaCy's templates (its documented ``template`` option), changed in one way: the label is our own
# markup, so that a label can sit on a lower row when the one before it would cover it.
_TOKEN = """<span style="font-weight: bold; display: inline-block; position: relative; height: calc({{total_height}}px + {extra:.2f}em);">
    {{text}}
    {{span_slices}}
    {{span_starts}}
</span>
"""
_SLICE = """<span style="background: {bg}; top: {top_offset}px; height: 4px; left: -1px; width: calc(100% + 2px); position: absolute;"></span>"""
_START = """<span style="background: {bg}; top: {top_offset}px; height: 4px; border-top-left-radius: 3px; border-bottom-left-radius: 3px; left: -1px; width: calc(100% + 2px); position: absolute;">
    <span style="z-index: 10; top: -0.5em; left: 0; position: absolute;">{label}{kb_link}</span>
</span>"""
ROW_EM = 1.35  # one label row, in the text's em
LABEL_CHARS = 0.75  # a label character (small bold type) is about this many characters of the text
MAX_ROWS = 4


def label_rows(starts: Sequence[int], labels: Sequence[str]) -> list[int]:
    """A row for each label (spans in text order): the first row on which the label before it has
    ended, by an estimate in characters of the text, so that labels do not cover each other."""
    ends: list[float] = []
    rows = []
    for start, label in zip(starts, labels):
        row = next((r for r, end in enumerate(ends) if end <= start), len(ends))
        row = min(row, MAX_ROWS - 1)
        if row == len(ends):
            ends.append(0.0)
        ends[row] = start + len(label) * LABEL_CHARS + 1
        rows.append(row)
    return rows


def render_view(view: View) -> str:
    """One text with its figures as displaCy span markup (a ``div``), a title above it if given."""
    from spacy import displacy

    doc = _tokenizer()(view.text)
    numbers = view.numbers if view.numbers is not None else range(len(view.figures))
    placed = []
    for number, fig in sorted(zip(numbers, view.figures), key=lambda nf: (nf[1]["start"], nf[0])):
        span = doc.char_span(fig["start"], fig["end"], alignment_mode="expand")
        if span is not None and len(span):
            placed.append((span, figure_label(number, fig), TYPE_COLOURS.get(fig["type"], "#ddd")))
    rows = label_rows([span.start_char for span, _, _ in placed], [label for _, label, _ in placed])
    spans, colours = [], {}
    for (span, label, colour), row in zip(placed, rows):
        # displaCy puts a label into the markup as it is: it is escaped here, and drawn in its type's colour.
        markup = f'<span class="fx-label" style="background: {colour}; top: {row * ROW_EM / LABEL_EM:.2f}em">{html.escape(label)}</span>'
        colours[markup] = colour
        spans.append({"start_token": span.start, "end_token": span.end, "label": markup})
    extra = (max(rows) if rows else 0) * ROW_EM
    template = {"span": _TOKEN.format(extra=extra), "slice": _SLICE, "start": _START}
    parsed = {"text": view.text, "tokens": [t.text for t in doc], "spans": spans, "title": None, "settings": {"lang": "en", "direction": "ltr"}}
    markup = displacy.render(parsed, style="span", manual=True, options={"colors": colours, "template": template}, jupyter=False)
    head = f"<h3>{html.escape(view.title)}</h3>" if view.title else ""
    meta = f'<div class="meta">{html.escape(view.meta)}</div>' if view.meta else ""
    return f'<div class="view">{head}{meta}{markup}</div>'


def legend(types: Sequence[str] = tuple(TYPE_COLOURS)) -> str:
    """The colour of each casualty type, as a row of labelled chips."""
    chips = "".join(f'<span style="background: {TYPE_COLOURS[t]}">{t}</span>' for t in types)
    return f'<div class="legend">{chips}</div>'


def page(title: str, body: str) -> str:
    """A whole HTML page: inline CSS, no script, nothing loaded from elsewhere."""
    return (
        f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


def views_page(title: str, views: Sequence[View], note: str = "") -> str:
    """``show --html``: every view on one page, under a title naming the input and the type legend."""
    body = [f"<h1>{html.escape(title)}</h1>", f'<p class="note">{html.escape(" ".join(filter(None, (note, LABEL_HELP))))}</p>', legend()]
    body += [render_view(v) for v in views] or ['<p class="note">No text to show.</p>']
    return page(title, "\n".join(body))
