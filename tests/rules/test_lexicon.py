"""Vocabulary files: validated on load, with errors that name the file and the entry."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any, Callable

import pytest

from figextract.rules.lexicon import FILES, LexiconError, build_lexicon, load_lexicon, read_lexicon_files


@pytest.fixture(scope="module")
def data() -> dict[str, Any]:
    return read_lexicon_files()


def broken(data: dict[str, Any], change: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    out = copy.deepcopy(data)
    change(out)
    return out


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.pop("cues.json"), r"cues.json: file is missing"),
        (lambda d: d["cues.json"]["types"].update(maimed={"verbs": ["x"]}), r"cues.json.types.maimed: unknown casualty type"),
        (lambda d: d["cues.json"]["types"]["killed"].update(adverbs=["x"]), r"cues.json.types.killed: unknown key"),
        (lambda d: d["cues.json"]["types"]["killed"]["verbs"].append(""), r"cues.json.types.killed.verbs\[\d+\]: expected a non-empty string"),
        (lambda d: d["numbers.json"]["vague"].update(dozens=[99, 24]), r"numbers.json.vague.dozens: expected \[low, high\]"),
        (lambda d: d["numbers.json"]["units"].update(one="1"), r"numbers.json.units.one: expected a non-negative integer"),
        (lambda d: d["numbers.json"]["qualifiers"].update(roughly=["x"]), r"numbers.json.qualifiers.roughly: unknown qualifier"),
        (lambda d: d["victims.json"]["categories"].update(ghosts=["ghosts"]), r"victims.json.categories.ghosts: category has no group"),
        (lambda d: d["victims.json"]["groups"].update(aliens=["x"]), r"victims.json.groups.aliens: unknown group"),
        (lambda d: d["victims.json"]["modifiers"].update(rebel="insurgents"), r"victims.json.modifiers.rebel: unknown category"),
        (lambda d: d["sources.json"]["organisations"].append({"kind": "ngo"}), r"sources.json.organisations\[\d+\]: missing key 'name'"),
        (lambda d: d["grammar.json"].pop("blockers"), r"grammar.json: missing word class 'blockers'"),
        (lambda d: d["grammar.json"].pop("shelter_places"), r"grammar.json: missing word class 'shelter_places'"),
        (lambda d: d["victims.json"]["units"].update(tribes=["tribe"]), r"victims.json.units.tribes: unknown unit"),
        (lambda d: d["victims.json"]["units"].update(people=["person"]), r"victims.json.units.people: unknown unit"),
        (lambda d: d["victims.json"]["units"].update(families="families"), r"victims.json.units.families: expected a list of strings"),
        (lambda d: d["cues.json"]["needs_victims"].append(3), r"cues.json.needs_victims\[\d+\]: expected a non-empty string"),
        (lambda d: d["cues.json"].update(not_cues="shot down"), r"cues.json.not_cues: expected a list of strings"),
        (lambda d: d["sources.json"]["organisations"][0].update(kind="ngo"), r"sources.json.organisations\[0\].kind: expected one of"),
        (lambda d: d["sources.json"]["organisations"][0].update(generic="yes"), r"sources.json.organisations\[0\].generic: expected true or false"),
    ],
)
def test_invalid_vocabularies_are_named(data: dict[str, Any], change: Callable[[dict[str, Any]], None], message: str) -> None:
    with pytest.raises(LexiconError, match=message):
        build_lexicon(broken(data, change))


def test_bad_json_names_the_file(tmp_path: Path) -> None:
    (tmp_path / "cues.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"cues.json: not valid JSON: .* line 1"):
        read_lexicon_files(tmp_path)


def test_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(LexiconError, match="lexicon folder does not exist"):
        read_lexicon_files(tmp_path / "nope")


def test_round_trip_through_to_dict(data: dict[str, Any]) -> None:
    lex = build_lexicon(data)
    again = build_lexicon(json.loads(json.dumps(lex.to_dict())))
    assert again.cues == lex.cues and again.victims == lex.victims and set(lex.to_dict()) == set(FILES)


def test_all_capital_entries_match_only_as_written() -> None:
    lex = load_lexicon()
    assert ("IS",) in lex.victims_cased and ("is",) not in lex.victims
