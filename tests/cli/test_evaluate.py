from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from figextract.cli.evaluate import FIELD_ORDER, Report, evaluate, format_report, iter_gold, iter_seeds, match, score_item, score_totals
from figextract.rules.records import Figure, RecordError


def fig(text: str, start: int, **kw: Any) -> Figure:
    base: dict[str, Any] = {
        "text": text, "start": start, "end": start + len(text), "number": text.split()[0], "value": 12, "low": 12,
        "high": 12, "qualifier": "exact", "type": "killed", "category": "people", "group": "unspecified",
        "category_text": None, "source": None, "source_text": None, "source_kind": None, "part_of": None,
        "same_as": None, "superseded_by": None, "unit": "people", "sentence": 0, "implicit": False, "scope": "incident",
    }  # fmt: skip
    return Figure(**{**base, **kw})


def test_perfect_prediction_scores_one() -> None:
    g = [fig("12 people", 0), fig("3 children", 20, value=3, low=3, high=3, category="children", group="civilians", part_of=0)]
    report = Report()
    score_item(g, g, report)
    assert all(report.scores[k].f1 == 1.0 for k in FIELD_ORDER)


def test_field_errors_are_counted_separately() -> None:
    gold = [fig("12 people", 0, source="police")]
    pred = [fig("12 people", 0, type="injured", source="police")]
    report = Report()
    score_item(pred, gold, report, "x")
    s = report.scores
    assert (s["span"].f1, s["type"].f1, s["source"].f1, s["value"].f1, s["figure"].f1) == (1.0, 0.0, 1.0, 1.0, 0.0)
    assert report.errors[0]["fields"] == ["type", "value+type"]


def test_spurious_and_missed() -> None:
    report = Report()
    score_item([fig("12 people", 0)], [fig("3 dead", 30)], report)
    s = report.scores["span"]
    assert (s.right, s.predicted, s.gold, s.precision, s.recall) == (0, 1, 1, 0.0, 0.0)
    assert sorted(e["kind"] for e in report.errors) == ["missed", "spurious"]


def test_part_of_is_compared_through_the_matching() -> None:
    gold = [fig("12 people", 0), fig("3 children", 20, part_of=0)]
    pred = [fig("3 children", 20, part_of=1), fig("12 people", 0)]
    report = Report()
    score_item(pred, gold, report)
    assert report.scores["part_of"].right == 2


def test_match_is_one_to_one_by_overlap() -> None:
    assert match([fig("12 people", 0), fig("12", 0)], [fig("12 people", 0)]) == {0: 0}


def write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_iter_gold_validates_with_file_line_and_id(tmp_path: Path) -> None:
    ok = {"id": "a", "text": "12 people died", "figures": [fig("12 people", 0).to_dict()]}
    bad_offsets = {"id": "b", "text": "xx", "figures": [fig("12 people", 0).to_dict()]}
    path = write(tmp_path / "g.jsonl", [json.dumps(ok), json.dumps(bad_offsets)])
    with pytest.raises(RecordError, match=r"g.jsonl:2 \(id b\).figures\[0\]"):
        list(iter_gold(path))
    path = write(tmp_path / "h.jsonl", [json.dumps(ok), "{oops"])
    with pytest.raises(RecordError, match=r"h.jsonl:2: not valid JSON"):
        list(iter_gold(path))
    path = write(tmp_path / "i.jsonl", ['{"id": "c", "text": 5, "figures": []}'])
    with pytest.raises(RecordError, match=r"i.jsonl:1: expected an object"):
        list(iter_gold(path))


def test_evaluate_and_format(tmp_path: Path) -> None:
    item = {"id": "a", "text": "12 people died", "figures": [fig("12 people", 0).to_dict()]}
    path = write(tmp_path / "g.jsonl", [json.dumps(item)])
    report = evaluate(iter_gold(path), lambda texts: [[fig("12 people", 0)] for _ in texts])
    table = format_report(report)
    assert "| figure | 1.000 | 1.000 | 1.000 |" in table and report.to_dict()["items"] == 1


# Totals: exact-match accuracy per type over the items with gold totals.

KILLED_12 = [fig("12 people", 0)]
KILLED_8 = [fig("3 soldiers", 0, value=3, low=3, high=3), fig("5 civilians", 15, value=5, low=5, high=5)]
INJURED_4 = [fig("4 hurt", 30, value=4, low=4, high=4, type="injured")]


@pytest.mark.parametrize(
    ("predicted", "gold", "wrong"),
    [
        (KILLED_12, {"killed": 12}, []),
        (KILLED_8, {"killed": 8}, []),  # one sentence's figures add up
        (KILLED_12, {"killed": 10}, [("killed", 10, 12)]),
        (KILLED_12, {}, [("killed", 0, 12)]),  # gold {}: every type is 0
        ([], {"killed": 12}, [("killed", 12, 0)]),  # nothing predicted: 0
        (KILLED_12 + INJURED_4, {"killed": 12}, [("injured", 0, 4)]),
        (KILLED_12, {"killed": 12, "missing": 0}, []),  # an explicit 0 is the same as absent
    ],
)
def test_score_totals_compares_values_absent_as_zero(predicted: list[Figure], gold: dict[str, int], wrong: list[tuple[str, int, int]]) -> None:
    report = Report()
    score_totals(predicted, gold, report, "x")
    assert [(e["type"], e["gold"], e["predicted"]) for e in report.errors] == wrong
    assert all(e["kind"] == "totals" and e["id"] == "x" for e in report.errors)
    assert report.totals.items == 1 and report.totals.all_right == (not wrong)


def test_totals_rows_json_and_errors_over_items_with_gold_totals(tmp_path: Path) -> None:
    def item(id_: str, totals: dict[str, int] | None) -> str:
        record = {"id": id_, "text": "12 people died", "figures": [fig("12 people", 0).to_dict()]}
        return json.dumps(record if totals is None else {**record, "totals": totals})

    path = write(tmp_path / "g.jsonl", [item("a", {"killed": 12}), item("b", {"killed": 12, "injured": 3}), item("c", {"killed": 9}), item("d", None)])
    report = evaluate(iter_gold(path), lambda texts: [[fig("12 people", 0)] for _ in texts])
    data = report.to_dict()["totals"]
    assert data == {
        "items": 3,
        "types": {"killed": {"accuracy": 0.6667, "right": 2}, "injured": {"accuracy": 0.6667, "right": 2}},
        "all_types": {"accuracy": 0.3333, "right": 1},
    }
    table = format_report(report)
    assert "totals: accuracy over the 3 items with gold totals" in table
    assert table.splitlines()[-3:] == ["| totals killed | 0.667 | 0.667 | 0.667 |", "| totals injured | 0.667 | 0.667 | 0.667 |", "| totals all types | 0.333 | 0.333 | 0.333 |"]
    assert [e for e in report.errors if e["kind"] == "totals"] == [
        {"id": "b", "kind": "totals", "type": "injured", "gold": 3, "predicted": 0},
        {"id": "c", "kind": "totals", "type": "killed", "gold": 9, "predicted": 12},
    ]


def test_no_gold_totals_no_totals_rows(tmp_path: Path) -> None:
    path = write(tmp_path / "g.jsonl", [json.dumps({"id": "a", "text": "12 people died", "figures": []})])
    report = evaluate(iter_gold(path), lambda texts: [[fig("12 people", 0)] for _ in texts])
    assert "totals" not in format_report(report) and report.to_dict()["totals"]["items"] == 0
    assert [e["kind"] for e in report.errors] == ["spurious"]


@pytest.mark.parametrize(
    ("totals", "message"),
    [
        ({"killed": 12}, None),
        ({}, None),
        ({"wounded": 3}, r"g.jsonl:1 \(id a\).totals: expected casualty types \['killed', .*\] as keys, instead got 'wounded'"),
        ({"killed": 2.0}, r"g.jsonl:1 \(id a\).totals.killed: expected a non-negative integer, instead got 2.0"),
        ({"killed": 2.5}, r"g.jsonl:1 \(id a\).totals.killed: expected a non-negative integer, instead got 2.5"),
        ({"killed": -1}, r"totals.killed: expected a non-negative integer, instead got -1"),
        ({"killed": True}, r"totals.killed: expected a non-negative integer, instead got True"),
        ({"killed": "12"}, r"totals.killed: expected a non-negative integer, instead got '12'"),
        ([12], r"g.jsonl:1 \(id a\).totals: expected an object of casualty type -> count, instead got \[12\]"),
        (None, r"totals: expected an object of casualty type -> count, instead got None"),
    ],
)
def test_gold_totals_are_validated(tmp_path: Path, totals: object, message: str | None) -> None:
    path = write(tmp_path / "g.jsonl", [json.dumps({"id": "a", "text": "12 people died", "figures": [], "totals": totals})])
    if message is None:
        assert next(iter_gold(path)).totals == totals
        return
    with pytest.raises(RecordError, match=message):
        list(iter_gold(path))


def test_seed_totals_are_optional_and_validated(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("12 people died", encoding="utf-8")
    golden = tmp_path / "a.expected.json"
    golden.write_text(json.dumps({"id": "a", "figures": [fig("12 people", 0).to_dict()]}), encoding="utf-8")
    assert next(iter_seeds(tmp_path)).totals is None
    golden.write_text(json.dumps({"id": "a", "figures": [], "totals": {"killed": 12}}), encoding="utf-8")
    assert next(iter_seeds(tmp_path)).totals == {"killed": 12}
    golden.write_text(json.dumps({"id": "a", "figures": [], "totals": {"dead": 12}}), encoding="utf-8")
    with pytest.raises(RecordError, match=r"a.expected.json \(id a\).totals: expected casualty types"):
        list(iter_seeds(tmp_path))
