"""Every spaCy extension attribute figextract sets, declared in one table.

Figure data lives once, as plain dicts, in ``doc._.fx_figures[spans_key]``, and the article's totals
beside it in ``doc._.fx_totals[spans_key]`` (``{type: Total.to_dict()}``). Both hold only dicts,
lists, ints, strings and None, so ``n_process > 1`` and ``DocBin`` carry them. Span attributes are
getters that find their record through ``span.id_`` ("<spans_key>#<index>"), never through character
offsets: spaCy keys ``span._`` values by offsets, so two spans over the same words would otherwise
share one record, and a user's own span over the same words would show ours.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from spacy.tokens import Doc, Span

from ..rules.records import FIELDS

__all__ = ["DOC_ATTR", "DOC_TOTALS_ATTR", "SPAN_FIELDS", "SPAN_PREFIX", "register_extensions", "span_record"]

DOC_ATTR = "fx_figures"
DOC_TOTALS_ATTR = "fx_totals"
SPAN_PREFIX = "fx_"
# Span attributes: every figure field, plus the whole record. "text"/"start"/"end" are the span's own.
SPAN_FIELDS = tuple(f for f in FIELDS if f not in ("text", "start", "end"))


def span_record(span: Span) -> dict[str, Any] | None:
    """The figure record behind a figextract span, or None for any other span."""
    key, sep, index = span.id_.rpartition("#")
    if not sep or not index.isdigit():
        return None
    by_key = span.doc._.get(DOC_ATTR) or {}
    records = by_key.get(key)
    if records is None or int(index) >= len(records):
        return None
    return records[int(index)]


def _span_field(name: str, span: Span) -> Any:
    record = span_record(span)
    return None if record is None else record[name]


def register_extensions() -> None:
    """Declare the extensions once; safe to call again (another process, a reload)."""
    for attr in (DOC_ATTR, DOC_TOTALS_ATTR):
        if not Doc.has_extension(attr):
            Doc.set_extension(attr, default=None)
    if not Span.has_extension(f"{SPAN_PREFIX}record"):
        Span.set_extension(f"{SPAN_PREFIX}record", getter=span_record)
    for name in SPAN_FIELDS:
        if not Span.has_extension(f"{SPAN_PREFIX}{name}"):
            # partial of a module-level function pickles, so n_process > 1 works; a lambda would not.
            Span.set_extension(f"{SPAN_PREFIX}{name}", getter=partial(_span_field, name))
