"""What a batch run reads and what it produces: an article, a record that is not one, and the result.

Pure functions. Every input record becomes exactly one ``Article`` or one ``Failure``; every article
becomes one ``Extracted`` or one ``Failure``. Nothing is dropped on the way, so the output has one
line per input record.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from typing import Any, Mapping, Union

from ..rules.cleanup import unpaired_surrogate
from ..rules.records import FIELDS, Figure
from ..rules.totals import totals

__all__ = [
    "Article", "Extracted", "Failure", "FieldSpec", "Item", "OUTPUT_KEYS", "Outcome", "RESERVED", "TABLE_KEYS", "article_from_record", "dumps",
    "empty_kept", "failure", "output_record", "plain_value",
]  # fmt: skip

# Keys of an output record besides the kept fields; a kept field may not take one of these names, nor
# a column name of the one-row-per-figure and one-row-per-total tables (see writers.columns).
OUTPUT_KEYS = ("id", "text", "figures", "totals", "error")
TABLE_KEYS = ("article_text", "figure", "article_figures", *FIELDS, "how", "cumulative", "cumulative_figures", "error_kind", "error_message", "error_where")
RESERVED = frozenset(OUTPUT_KEYS + TABLE_KEYS)


@dataclass(frozen=True)
class FieldSpec:
    """Which input fields hold the text and the id, and which to pass through to the output."""

    text: str = "text"
    id: str = "id"
    keep: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for name, value in (("text field", self.text), ("id field", self.id)):
            if not isinstance(value, str) or not value:
                raise ValueError(f"{name}: expected a non-empty name, instead got {value!r}")
        for name in self.keep:
            if not isinstance(name, str) or not name:
                raise ValueError(f"keep fields: expected non-empty names, instead got {name!r}")
            if name in RESERVED:
                raise ValueError(f"keep fields: {name!r} is a name figextract writes itself; rename that field first (reserved: {', '.join(sorted(RESERVED))})")
        if len(set(self.keep)) != len(self.keep):
            raise ValueError(f"keep fields: {list(self.keep)} names a field twice")


@dataclass(frozen=True)
class Article:
    """A text to read. ``where`` says where it came from (file, line or member); ``kept`` is the
    pass-through metadata, in the order asked for."""

    id: str
    text: str
    where: str
    kept: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Failure:
    """A record that gave no figures, and why. ``kind`` is a stable key to count or filter on."""

    id: str
    kind: str
    message: str
    where: str
    kept: dict[str, Any] = field(default_factory=dict)
    # The record's field names, when it was read but had no usable text: tells a text field that no
    # record has (a wrong --text-field) from one some records leave empty.
    fields: tuple[str, ...] | None = field(default=None, compare=False, repr=False)

    def error(self) -> dict[str, str]:
        return {"kind": self.kind, "message": self.message, "where": self.where}


@dataclass(frozen=True)
class Extracted:
    article: Article
    figures: list[Figure]


Item = Union[Article, Failure]
Outcome = Union[Extracted, Failure]


def empty_kept(spec: FieldSpec) -> dict[str, Any]:
    return {name: None for name in spec.keep}


def failure(spec: FieldSpec, id: str, kind: str, message: str, where: str) -> Failure:
    """A failure for a record whose fields could not be read; its kept fields are null."""
    return Failure(id, kind, message, where, empty_kept(spec))


def article_from_record(record: Any, where: str, spec: FieldSpec, fallback_id: str) -> Item:
    """The article in one input record (a JSON object, a CSV row, a table row), or why there is none.

    ``fallback_id`` names a record that has no id field (its position, as ``where`` does).
    """
    if not isinstance(record, Mapping):
        return failure(spec, fallback_id, "not_an_object", f"expected a JSON object, instead got {_type_name(record)}", where)
    id_ = _record_id(record.get(spec.id), fallback_id)
    if id_ is None:
        return failure(spec, fallback_id, "bad_id", f"field {spec.id!r}: expected a string or an integer, instead got {_show(record[spec.id])}", where)
    where = f"{where} (id {id_})"
    kept = {name: plain_value(record.get(name)) for name in spec.keep}
    text = record.get(spec.text)
    problem: tuple[str, str] | None = None
    if spec.text not in record:
        fields = ", ".join(repr(str(k)) for k in list(record)[:20]) or "none"
        problem = ("missing_text", f"no field {spec.text!r} (the record's fields: {fields}); name the text field with --text-field")
    elif text is None or (isinstance(text, float) and math.isnan(text)):
        problem = ("missing_text", f"field {spec.text!r} is null")
    elif not isinstance(text, str):
        problem = ("not_text", f"field {spec.text!r}: expected a string, instead got {_show(text)}")
    elif not text.strip():
        problem = ("empty_text", f"field {spec.text!r} is empty" if not text else f"field {spec.text!r} holds only white space")
    else:
        bad = unpaired_surrogate(id_, "the id") or unpaired_surrogate(text, f"field {spec.text!r}") or unpaired_surrogate(kept, "")
        if bad:
            problem = ("unpaired_surrogate", f"{bad}; such a string cannot be written as UTF-8: fix the \\u escape in the input")
    if problem is not None:
        return Failure(id_, problem[0], problem[1], where, kept, tuple(map(str, record)))
    assert isinstance(text, str)  # every other value is a problem above
    return Article(id_, text, where, kept)


def _record_id(value: Any, fallback: str) -> str | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return fallback
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float) and value.is_integer():  # an integer id that a table stored as float
        return str(int(value))
    if hasattr(value, "item") and not isinstance(value, (list, dict)):  # a numpy scalar
        return _record_id(value.item(), fallback)
    return None


def plain_value(value: Any) -> Any:
    """A kept value as plain JSON: numpy scalars, dates and missing values of tables converted."""
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, float):
        return None if math.isnan(value) else value
    if isinstance(value, Mapping):
        return {str(k): plain_value(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain_value(v) for v in value]
    if type(value).__name__ in ("NAType", "NaTType"):  # pandas' missing values, without importing pandas
        return None
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "item"):  # numpy scalar
        return plain_value(value.item())
    if hasattr(value, "tolist"):  # numpy array
        return plain_value(value.tolist())
    return str(value)




def _type_name(value: Any) -> str:
    return {dict: "an object", list: "a list", str: "a string", int: "a number", float: "a number", bool: "true/false"}.get(type(value), "null" if value is None else type(value).__name__)


def _show(value: Any) -> str:
    text = repr(value)
    return f"{_type_name(value)} {text[:60] + '…' if len(text) > 60 else text}"


def output_record(outcome: Outcome, keep_text: bool = False) -> dict[str, Any]:
    """The JSONL line of one outcome: ``{"id", ...kept, ["text",] "figures", "totals"}`` or ``{"id", ...kept, "error"}``.

    ``totals`` is ``{type: Total.to_dict()}`` (``rules.totals``), its indices into ``figures``.
    """
    if isinstance(outcome, Failure):
        return {"id": outcome.id, **outcome.kept, "error": outcome.error()}
    article = outcome.article
    record: dict[str, Any] = {"id": article.id, **article.kept}
    if keep_text:
        record["text"] = article.text
    record["figures"] = [f.to_dict() for f in outcome.figures]
    record["totals"] = {kind: total.to_dict() for kind, total in totals(outcome.figures).items()}
    return record


def dumps(record: Mapping[str, Any]) -> str:
    """One JSONL line, without the newline: compact, UTF-8 text as written."""
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))
