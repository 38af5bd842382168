"""The figure record: the one output type of figextract, and its validation when read back."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any, Mapping

from .lexicon import QUALIFIERS, SCOPES, SOURCE_KINDS, TYPES, UNITS
from .numbers import MAX_COUNT

__all__ = ["FIELDS", "Figure", "INDEX_FIELDS", "RecordError", "check_offsets"]

FIELDS = (
    "text", "start", "end", "number", "value", "low", "high", "qualifier", "unit", "implicit", "type", "category", "group",
    "category_text", "source", "source_text", "source_kind", "part_of", "same_as", "superseded_by", "scope", "sentence",
)  # fmt: skip
# Fields that point at another figure of the same list, by index.
INDEX_FIELDS = ("part_of", "same_as", "superseded_by")


class RecordError(ValueError):
    """A record does not follow the figure schema; the message says which field and why."""


@dataclass(frozen=True)
class Figure:
    """One casualty figure. ``start``/``end`` are character offsets into the input text."""

    text: str
    start: int
    end: int
    number: str
    value: int
    low: int | None
    high: int | None
    qualifier: str
    unit: str  # what is counted: people, households or families; value is never converted
    implicit: bool  # no number is written: "a woman was shot dead", "a fatality" (value 1)
    type: str
    category: str
    group: str
    category_text: str | None
    source: str | None
    source_text: str | None
    source_kind: str | None  # organisation, official, witness or media; null exactly when source is
    part_of: int | None  # the larger figure this one breaks down
    same_as: int | None  # the figure this one restates in other words or units ("…families, or 2.5 million people")
    superseded_by: int | None  # the later figure that replaces this earlier toll ("rose to 45 from 30")
    scope: str  # incident, or cumulative for a running or period total ("since 2011", "this year")
    sentence: int

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON types only, keys in schema order."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], where: str = "figure") -> Figure:
        """Validate a dict against the schema; errors name ``where`` and the field."""
        if not isinstance(data, Mapping):
            raise RecordError(f"{where}: expected an object, instead got {type(data).__name__}")
        missing = [k for k in FIELDS if k not in data]
        if missing:
            raise RecordError(f"{where}: missing key(s) {missing}")
        extra = sorted(set(data) - set(FIELDS))
        if extra:
            raise RecordError(f"{where}: unknown key(s) {extra}")
        for f in fields(cls):
            _check_type(f.name, data[f.name], where)
        if data["qualifier"] not in QUALIFIERS:
            raise RecordError(f"{where}.qualifier: expected one of {list(QUALIFIERS)}, instead got {data['qualifier']!r}")
        if data["scope"] not in SCOPES:
            raise RecordError(f"{where}.scope: expected one of {list(SCOPES)}, instead got {data['scope']!r}")
        if data["implicit"] and data["value"] != 1:
            raise RecordError(f"{where}.implicit: an implicit figure counts one person, instead got value {data['value']}")
        if data["unit"] not in UNITS:
            raise RecordError(f"{where}.unit: expected one of {list(UNITS)}, instead got {data['unit']!r}")
        if data["source_kind"] is not None and data["source_kind"] not in SOURCE_KINDS:
            raise RecordError(f"{where}.source_kind: expected one of {list(SOURCE_KINDS)} or null, instead got {data['source_kind']!r}")
        if (data["source"] is None) != (data["source_kind"] is None):
            raise RecordError(f"{where}.source_kind: must be null exactly when source is null (source {data['source']!r}, source_kind {data['source_kind']!r})")
        if data["type"] not in TYPES:
            raise RecordError(f"{where}.type: expected one of {list(TYPES)}, instead got {data['type']!r}")
        if data["start"] > data["end"]:
            raise RecordError(f"{where}: start {data['start']} is after end {data['end']}")
        lo, v, hi = data["low"], data["value"], data["high"]
        for name, count in (("value", v), ("low", lo), ("high", hi)):
            if count is not None and count > MAX_COUNT:
                raise RecordError(f"{where}.{name}: {count} is more than any count of people (at most {MAX_COUNT:,})")
        if (lo is not None and lo > v) or (hi is not None and v > hi):
            raise RecordError(f"{where}: bounds do not hold: low={lo} value={v} high={hi}")
        return cls(**{k: data[k] for k in FIELDS})


_INT = ("start", "end", "value", "sentence")
_OPT_INT = ("low", "high", *INDEX_FIELDS)
_STR = ("text", "number", "qualifier", "unit", "type", "category", "group", "scope")
_BOOL = ("implicit",)
_OPT_STR = ("category_text", "source", "source_text", "source_kind")


def _check_type(name: str, value: Any, where: str) -> None:
    def is_int(v: Any) -> bool:
        return isinstance(v, int) and not isinstance(v, bool)

    ok = (
        (name in _BOOL and isinstance(value, bool))
        or (name in _INT and is_int(value) and value >= 0)
        or (name in _OPT_INT and (value is None or (is_int(value) and value >= 0)))
        or (name in _STR and isinstance(value, str))
        or (name in _OPT_STR and (value is None or isinstance(value, str)))
    )
    if not ok:
        kind = "true or false" if name in _BOOL else "a non-negative integer" if name in _INT else "a non-negative integer or null" if name in _OPT_INT else "a string" if name in _STR else "a string or null"
        raise RecordError(f"{where}.{name}: expected {kind}, instead got {value!r}")


def check_offsets(figures: list[Figure], text: str, where: str) -> None:
    """Offsets lie inside ``text`` and cover each figure's text; index fields point inside the list."""
    for i, fig in enumerate(figures):
        if fig.end > len(text) or text[fig.start : fig.end] != fig.text:
            raise RecordError(f"{where}.figures[{i}]: text[{fig.start}:{fig.end}] is {text[fig.start:fig.end]!r}, not {fig.text!r}")
        for name in INDEX_FIELDS:
            target = getattr(fig, name)
            if target is not None and (not (0 <= target < len(figures)) or target == i):
                raise RecordError(f"{where}.figures[{i}].{name}: {target} is not another figure's index")
