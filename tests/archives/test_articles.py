"""One input record -> one Article or one Failure, with a message that says what to fix."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from figextract import find_figures, totals
from figextract.archives.articles import Article, Extracted, Failure, FieldSpec, article_from_record, output_record, plain_value

SPEC = FieldSpec("text", "id", ("date",))


@pytest.mark.parametrize(
    ("record", "kind", "message"),
    [
        ([1, 2], "not_an_object", "expected a JSON object, instead got a list"),
        ({"id": "a", "body": "x"}, "missing_text", "no field 'text' (the record's fields: 'id', 'body'); name the text field with --text-field"),
        ({"id": "a", "text": None}, "missing_text", "field 'text' is null"),
        ({"id": "a", "text": 42}, "not_text", "field 'text': expected a string, instead got a number 42"),
        ({"id": "a", "text": ["x"]}, "not_text", "field 'text': expected a string, instead got a list ['x']"),
        ({"id": "a", "text": ""}, "empty_text", "field 'text' is empty"),
        ({"id": "a", "text": " \n\t"}, "empty_text", "field 'text' holds only white space"),
        ({"id": ["a"], "text": "x"}, "bad_id", "field 'id': expected a string or an integer, instead got a list ['a']"),
        ({"id": True, "text": "x"}, "bad_id", "field 'id': expected a string or an integer, instead got true/false True"),
        ({"id": "a", "text": "bad \ud800 here"}, "unpaired_surrogate", "field 'text' holds an unpaired surrogate U+D800 at character 4"),
        ({"id": "a", "text": "ok", "date": "\udc00"}, "unpaired_surrogate", "field 'date' holds an unpaired surrogate U+DC00"),
    ],
)
def test_bad_records_become_failures(record: Any, kind: str, message: str) -> None:
    item = article_from_record(record, "f.jsonl:3", SPEC, "f.jsonl:3")
    assert isinstance(item, Failure) and item.kind == kind and message in item.message
    assert item.where.startswith("f.jsonl:3")
    assert list(item.kept) == ["date"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [("x1", "x1"), (17, "17"), (17.0, "17"), (None, "f.jsonl:3"), (float("nan"), "f.jsonl:3")],
)
def test_ids(value: Any, expected: str) -> None:
    item = article_from_record({"id": value, "text": "Five died."}, "f.jsonl:3", SPEC, "f.jsonl:3")
    assert isinstance(item, Article) and item.id == expected


def test_where_names_file_line_and_id() -> None:
    item = article_from_record({"id": "x9", "text": ""}, "f.jsonl:3", SPEC, "f.jsonl:3")
    assert item.where == "f.jsonl:3 (id x9)"


def test_kept_fields_in_order_and_missing_as_null() -> None:
    spec = FieldSpec(keep=("url", "date"))
    item = article_from_record({"text": "x", "date": "2024-01-02", "extra": 1}, "w", spec, "0")
    assert isinstance(item, Article) and list(item.kept.items()) == [("url", None), ("date", "2024-01-02")]


@pytest.mark.parametrize(
    ("value", "plain"),
    [(datetime.date(2024, 1, 2), "2024-01-02"), (float("nan"), None), ((1, 2), [1, 2]), ({"a": {1: 2}}, {"a": {"1": 2}}), (object, str(object))],
)
def test_kept_values_become_plain_json(value: Any, plain: Any) -> None:
    assert plain_value(value) == plain


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        (dict(keep=("figures",)), "'figures' is a name figextract writes itself"),
        (dict(keep=("value",)), "'value' is a name figextract writes itself"),
        (dict(keep=("totals",)), "'totals' is a name figextract writes itself"),
        (dict(keep=("how",)), "'how' is a name figextract writes itself"),
        (dict(keep=("cumulative_figures",)), "'cumulative_figures' is a name figextract writes itself"),
        (dict(keep=("a", "a")), "names a field twice"),
        (dict(text=""), "text field: expected a non-empty name"),
    ],
)
def test_field_spec_refuses_clashing_names(spec: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        FieldSpec(**spec)


def test_output_record_shapes() -> None:
    failure = Failure("a", "empty_text", "field 'text' is empty", "f:1 (id a)", {"date": None})
    assert output_record(failure) == {"id": "a", "date": None, "error": {"kind": "empty_text", "message": "field 'text' is empty", "where": "f:1 (id a)"}}
    text = "Gunmen killed 3 soldiers and 5 civilians, officials said."
    figs = find_figures(text)
    record = output_record(Extracted(Article("b", text, "f:2", {"date": "2024-01-02"}), figs), keep_text=True)
    assert list(record) == ["id", "date", "text", "figures", "totals"]
    assert record["totals"] == {kind: t.to_dict() for kind, t in totals(figs).items()}
    assert record["totals"]["killed"]["value"] == 8 and record["totals"]["killed"]["figures"] == [0, 1]
