from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from figextract.cli.evaluate import FIELD_ORDER, Report, evaluate, format_report, iter_gold, match, score_item
from figextract.rules.records import Figure, RecordError


def fig(text: str, start: int, **kw: Any) -> Figure:
    base: dict[str, Any] = {
        "text": text, "start": start, "end": start + len(text), "number": text.split()[0], "value": 12, "low": 12,
        "high": 12, "qualifier": "exact", "type": "killed", "category": "people", "group": "unspecified",
        "category_text": None, "source": None, "source_text": None, "source_kind": None, "part_of": None,
            "same_as": None, "superseded_by": None, "unit": "people", "sentence": 0,
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
