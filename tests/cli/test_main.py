from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from figextract.cli.main import main

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_ba8fba4bcf8b3400.txt"


def test_show_text_prints_a_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "At least 12 people were killed, police said.", "--model", "blank"]) == 0
    out = capsys.readouterr().out
    assert "At least 12 people" in out and "at_least" in out and "police" in out


def test_show_a_text_too_long_for_a_file_name(capsys: pytest.CaptureFixture[str]) -> None:
    text = "Flooding cut roads across the province for a week. " * 8 + "Four people drowned, officials said."
    assert main(["show", text, "--model", "blank"]) == 0  # no "File name too long"
    assert "Four people" in capsys.readouterr().out


def test_show_file_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", str(SEED), "--json", "--model", "blank"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert len(records) == 12 and records[0]["text"] == "almost 1,400 civilians"


def test_show_html_refuses_to_overwrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "view.html"
    assert main(["show", "Twelve people died.", "--model", "blank", "--html", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    assert "Twelve" in html and "killed" in html
    assert main(["show", "Twelve people died.", "--model", "blank", "--html", str(out)]) == 2
    assert "pass --force" in capsys.readouterr().err
    assert main(["show", "Twelve people died.", "--model", "blank", "--html", str(out), "--force"]) == 0


def test_show_no_figures(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "The match ended 4-0.", "--model", "blank"]) == 0
    assert capsys.readouterr().out.strip() == "no figures"


def test_evaluate_prints_scores_and_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gold = tmp_path / "g.jsonl"
    gold.write_text(json.dumps({"id": "a", "text": "Five people died.", "figures": []}) + "\n", encoding="utf-8")
    errors = tmp_path / "errors.jsonl"
    assert main(["evaluate", str(gold), "--model", "blank", "--errors", str(errors)]) == 0
    assert "| figure | 0.000 | 1.000 | 0.000 |" in capsys.readouterr().out
    assert json.loads(errors.read_text(encoding="utf-8").splitlines()[0])["kind"] == "spurious"


def test_evaluate_bad_gold_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gold = tmp_path / "g.jsonl"
    gold.write_text("{oops\n", encoding="utf-8")
    assert main(["evaluate", str(gold), "--model", "blank"]) == 2
    assert "g.jsonl:1: not valid JSON" in capsys.readouterr().err


def test_missing_gold_file_is_an_io_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["evaluate", str(tmp_path / "nope.jsonl"), "--model", "blank"]) == 1
    assert "nope.jsonl" in capsys.readouterr().err


@pytest.mark.parametrize("command", [["show", str(SEED), "--json"], ["evaluate", str(SEED.parent.parent / "corpus" / "conflict.jsonl"), "--json"]])
def test_no_prefilter_gives_the_same_output(command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(command) == 0
    fast = capsys.readouterr().out
    assert main([*command, "--no-prefilter"]) == 0
    assert capsys.readouterr().out == fast and fast.strip()


def test_extract_no_prefilter_writes_the_same_file(tmp_path: Path) -> None:
    archive = tmp_path / "a.jsonl"
    archive.write_text(json.dumps({"id": "s", "text": SEED.read_text(encoding="utf-8")}) + "\n", encoding="utf-8")
    outs = [tmp_path / "fast.jsonl", tmp_path / "full.jsonl"]
    assert main(["extract", str(archive), "-o", str(outs[0]), "--quiet"]) == 0
    assert main(["extract", str(archive), "-o", str(outs[1]), "--quiet", "--no-prefilter"]) == 0
    assert outs[0].read_bytes() == outs[1].read_bytes() and b'"value":1400' in outs[0].read_bytes()


SHOW_TOTALS = "Gunmen killed 3 soldiers and 5 civilians on Monday, officials said. More than 260,000 people have been killed since 2011."


def test_show_totals_prints_a_second_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", SHOW_TOTALS, "--model", "blank", "--totals"]) == 0
    figures, totals = capsys.readouterr().out.strip().split("\n\n")
    assert figures.splitlines()[0].startswith("#  mention") and len(figures.splitlines()) == 2 + 3
    assert totals.splitlines()[0].split() == ["type", "value", "low", "high", "how", "figures", "cumulative"]
    assert re.split(r"\s{2,}", totals.splitlines()[2]) == ["killed", "8", "8", "8", "summed", "0, 1", "260000"]


@pytest.mark.parametrize(
    ("args", "shape"),
    [
        (["--json"], list),
        (["--json", "--totals"], dict),
    ],
)
def test_show_json_gains_totals_only_when_asked(capsys: pytest.CaptureFixture[str], args: list[str], shape: type) -> None:
    assert main(["show", SHOW_TOTALS, "--model", "blank", *args]) == 0
    out = json.loads(capsys.readouterr().out)
    assert isinstance(out, shape)
    if shape is dict:
        assert list(out) == ["figures", "totals"] and len(out["figures"]) == 3
        assert out["totals"]["killed"] == {"type": "killed", "value": 8, "low": 8, "high": 8, "figures": [0, 1], "how": "summed",
                                           "cumulative": 260000, "cumulative_figures": [2]}  # fmt: skip


def test_show_totals_of_a_text_without_figures(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "The match ended 4-0.", "--model", "blank", "--totals"]) == 0
    assert capsys.readouterr().out.split() == ["no", "figures", "no", "totals"]
    assert main(["show", "The match ended 4-0.", "--model", "blank", "--totals", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"figures": [], "totals": {}}


def test_evaluate_scores_gold_totals(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gold = tmp_path / "g.jsonl"
    items = [{"id": "a", "text": "Five people died.", "figures": [], "totals": {"killed": 5}}, {"id": "b", "text": "Six people died.", "figures": [], "totals": {"killed": 7}}]
    gold.write_text("".join(json.dumps(item) + "\n" for item in items), encoding="utf-8")
    errors = tmp_path / "errors.jsonl"
    assert main(["evaluate", str(gold), "--model", "blank", "--errors", str(errors)]) == 0
    out = capsys.readouterr().out
    assert "| totals killed | 0.500 | 0.500 | 0.500 |" in out and "| totals all types | 0.500 | 0.500 | 0.500 |" in out
    totals_errors = [e for e in map(json.loads, errors.read_text(encoding="utf-8").splitlines()) if e["kind"] == "totals"]
    assert totals_errors == [{"id": "b", "kind": "totals", "type": "killed", "gold": 7, "predicted": 6}]
    assert main(["evaluate", str(gold), "--model", "blank", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["totals"] == {"items": 2, "types": {"killed": {"accuracy": 0.5, "right": 1}}, "all_types": {"accuracy": 0.5, "right": 1}}


@pytest.mark.parametrize(
    ("totals", "message"),
    [
        ({"wounded": 2}, "g.jsonl:1 (id a).totals: expected casualty types ['killed', 'injured', 'missing', 'displaced', 'detained', 'abducted', 'casualties'] as keys, instead got 'wounded'"),
        ({"killed": 2.5}, "g.jsonl:1 (id a).totals.killed: expected a non-negative integer, instead got 2.5"),
    ],
)
def test_evaluate_bad_gold_totals_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str], totals: dict[str, object], message: str) -> None:
    gold = tmp_path / "g.jsonl"
    gold.write_text(json.dumps({"id": "a", "text": "Five people died.", "figures": [], "totals": totals}) + "\n", encoding="utf-8")
    assert main(["evaluate", str(gold), "--model", "blank"]) == 2
    assert message in capsys.readouterr().err
