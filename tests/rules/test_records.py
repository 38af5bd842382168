from __future__ import annotations

from typing import Any

import pytest

from figextract.rules.records import FIELDS, Figure, RecordError, check_offsets

GOOD: dict[str, Any] = {
    "text": "12 people", "start": 0, "end": 9, "number": "12", "value": 12, "low": 12, "high": 12,
    "qualifier": "exact", "unit": "people", "implicit": False, "type": "killed", "category": "people", "group": "unspecified",
    "category_text": "people", "source": None, "source_text": None, "source_kind": None, "part_of": None,
    "same_as": None, "superseded_by": None, "scope": "incident", "sentence": 0,
}  # fmt: skip


def test_round_trip() -> None:
    fig = Figure.from_dict(GOOD)
    assert fig.to_dict() == GOOD and tuple(fig.to_dict()) == FIELDS


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"value": "12"}, r"x.value: expected a non-negative integer, instead got '12'"),
        ({"low": 13}, r"bounds do not hold"),
        ({"qualifier": "roughly"}, r"x.qualifier: expected one of"),
        ({"type": "hurt"}, r"x.type: expected one of"),
        ({"source": 5}, r"x.source: expected a string or null"),
        ({"extra": 1}, r"unknown key"),
        ({"start": 10}, r"start 10 is after end 9"),
        ({"value": True}, r"x.value: expected a non-negative integer"),
        ({"unit": "persons"}, r"x.unit: expected one of \['people', 'households', 'families'\]"),
        ({"source": "police", "source_text": "police"}, r"x.source_kind: must be null exactly when source is null"),
        ({"source_kind": "official"}, r"x.source_kind: must be null exactly when source is null"),
        ({"source": "police", "source_text": "police", "source_kind": "cop"}, r"x.source_kind: expected one of"),
        ({"same_as": -1}, r"x.same_as: expected a non-negative integer or null"),
        ({"superseded_by": "0"}, r"x.superseded_by: expected a non-negative integer or null"),
        ({"implicit": 1}, r"x.implicit: expected true or false"),
        ({"implicit": True}, r"x.implicit: an implicit figure counts one person, instead got value 12"),
        ({"scope": "total"}, r"x.scope: expected one of \['incident', 'cumulative'\]"),
        ({"value": 2**63, "low": None, "high": None}, r"x.value: 9223372036854775808 is more than any count of people \(at most 10,000,000,000\)"),
        ({"high": 10**10 + 1}, r"x.high: 10000000001 is more than any count"),
    ],
)
def test_invalid_records(change: dict[str, Any], message: str) -> None:
    with pytest.raises(RecordError, match=message):
        Figure.from_dict({**GOOD, **change}, "x")


def test_missing_key() -> None:
    bad = dict(GOOD)
    del bad["group"]
    with pytest.raises(RecordError, match=r"missing key\(s\) \['group'\]"):
        Figure.from_dict(bad, "x")


def test_offsets_checked_against_text() -> None:
    fig = Figure.from_dict(GOOD)
    check_offsets([fig], "12 people died", "item")
    with pytest.raises(RecordError, match=r"item.figures\[0\]: text\[0:9\] is '12 peoplx'"):
        check_offsets([fig], "12 peoplx died", "item")
    with pytest.raises(RecordError, match="part_of"):
        check_offsets([Figure.from_dict({**GOOD, "part_of": 0})], "12 people died", "item")
