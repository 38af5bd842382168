"""Who a sentence names as a possible reporter, which of them it quotes (surface and parse), and
the vocabulary those rules read from sources.json."""

from __future__ import annotations

import copy
from typing import Any, Callable

import pytest

from figextract.rules.attribution import read_surface
from figextract.rules.lexicon import Lexicon, LexiconError, build_lexicon, read_lexicon_files
from figextract.rules.sources import ANAPHOR, BODY, PERSON, ROLE, find_sources, naming_pattern, parse_reporters, reporting_pattern
from figextract.rules.tokens import tokenize
from parses import hand_parse

Named = tuple[str, str | None, str | None, str]  # form, name, kind, text


def named(text: str, lex: Lexicon) -> list[Named]:
    """The reporters a sentence names, bare names left out."""
    return [(m.form, m.name, m.kind, m.text) for m in find_sources(text, tokenize(text), lex) if not m.bare]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A listed body by one of its aliases: the canonical name.
        ("the UK-based Syrian Observatory for Human Rights", [(BODY, "Syrian Observatory for Human Rights", "organisation", "Syrian Observatory for Human Rights")]),
        ("Pakistan's NDMA", [(BODY, "National Disaster Management Authority (NDMA)", "organisation", "NDMA")]),
        ("the health ministry", [(BODY, "health ministry", "organisation", "health ministry")]),
        # A generic body with a qualifier keeps its own words.
        ("the Gaza health ministry", [(BODY, "Gaza health ministry", "organisation", "Gaza health ministry")]),
        ("the Nigerian army", [(BODY, "Nigerian army", "organisation", "Nigerian army")]),
        ("Kebbi state police", [(BODY, "Kebbi state police", "official", "Kebbi state police")]),
        ("the Palestinian Red Crescent", [(BODY, "Palestinian Red Crescent", "organisation", "Palestinian Red Crescent")]),
        ("the Kenya Red Cross Society", [(BODY, "Kenya Red Cross Society", "organisation", "Kenya Red Cross Society")]),
        ("the cantonal police", [(BODY, "cantonal police", "official", "cantonal police")]),
        ("Iraq's interior ministry", [(BODY, "Iraq's interior ministry", "organisation", "Iraq's interior ministry")]),
        ("Japan's Fire and Disaster Management Agency", [(BODY, "Japan's Fire and Disaster Management Agency", "organisation", "Japan's Fire and Disaster Management Agency")]),
        ("the aggressive military campaign", [(BODY, "military", "organisation", "military")]),  # no qualifier inside a phrase
        # Unlisted bodies by their own words, without "the".
        ("the railway ministry", [(BODY, "railway ministry", "organisation", "railway ministry")]),
        ("the Jalisco state prosecutor's office", [(BODY, "Jalisco state prosecutor's office", "organisation", "Jalisco state prosecutor's office")]),
        ("the Arapahoe County Sheriff's Office", [(BODY, "Arapahoe County Sheriff's Office", "official", "Arapahoe County Sheriff's Office")]),
        ("the Columbus Division of Police", [(BODY, "Columbus Division of Police", "official", "Columbus Division of Police")]),
        ("MINUSMA", [(BODY, "MINUSMA", "organisation", "MINUSMA")]),  # an acronym is no person
        # A body described, then named: the name stands.
        ("Turkey's disaster agency AFAD", [(BODY, "Disaster and Emergency Management Authority (AFAD)", "organisation", "AFAD")]),
        ("the national disaster management agency, INGD, said", [(BODY, "INGD", "organisation", "INGD")]),
        # Descriptions that refer back are anaphors; "the railway ministry" above is not.
        ("the ministry", [(ANAPHOR, None, None, "the ministry")]),
        ("the medical group", [(ANAPHOR, None, None, "the medical group")]),
        ("the Geneva-based monitor", [(ANAPHOR, None, None, "the Geneva-based monitor")]),
        # News outlets.
        ("state media", [(BODY, "state media", "media", "state media")]),
        ("KTVU", [(BODY, "KTVU", "media", "KTVU")]),
        ("WREG News Channel 3", [(BODY, "WREG News Channel 3", "media", "WREG News Channel 3")]),
        ("the military's media wing", [(BODY, "military", "organisation", "military")]),
        # Roles: the role's name, their qualifiers dropped.
        ("a witness", [(ROLE, "witnesses", "witness", "a witness")]),
        ("city officials", [(ROLE, "officials", "official", "city officials")]),
        ("hospital sources", [(ROLE, "hospital sources", "official", "hospital sources")]),
        ("a doctor at the hospital", [(ROLE, "doctors", "official", "a doctor at the hospital")]),
        # People, with the body or title they speak for.
        ("Sheriff John Doe", [(PERSON, "sheriff", "official", "Sheriff John Doe")]),
        ("Sgt. Jane Roe of the Dayton police department", [(PERSON, "police", "official", "Dayton police department")]),
        ("San Leandro police Lt. Robert McManus", [(PERSON, "police", "official", "San Leandro police")]),
        ("a police spokeswoman", [(PERSON, None, None, "a police spokeswoman")]),
        ("Interior Ministry spokesman Ahmed Said said", [(PERSON, None, None, "Interior Ministry spokesman Ahmed Said")]),
        ("Bernard Rawls, a neighbour,", [(PERSON, "neighbours", "witness", "Bernard Rawls, a neighbour")]),
    ],
)
def test_finds_reporters(text: str, expected: list[Named], lex: Lexicon) -> None:
    assert named(text, lex) == expected


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # The alias pattern takes any white space between words and characters that only fold to
        # the alias's; the name is looked up all the same (the fuzz benchmark found a KeyError).
        ("Turkey's disaster\t agency AFAD said", "Disaster and Emergency Management Authority (AFAD)"),
        ("the UN  humanitarian office said", "UN Office for the Coordination of Humanitarian Affairs"),
        ("the United Nation\u017f said", "United Nations"),
    ],
)
def test_an_alias_matched_with_other_spaces_or_folding_names_its_body(text: str, name: str, lex: Lexicon) -> None:
    assert name in [m.name for m in find_sources(text, tokenize(text), lex) if m.form == BODY]


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("Sgt. Jane Roe of the Dayton police department said", "Dayton police department"),
        ("John Smith, a spokesman for the fire department, said", "civil defence"),
        ("Interior Ministry spokesman Ahmed Said said", "interior ministry"),
        ("a police spokeswoman said", "police"),
    ],
)
def test_people_speak_for_a_body(text: str, body: str, lex: Lexicon) -> None:
    person = next(m for m in find_sources(text, tokenize(text), lex) if m.form == PERSON)
    assert person.body is not None and person.body.name == body


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("Twelve people were killed, police said.", ["police"]),
        ("According to the UN, 300 civilians have been killed.", ["UN"]),
        ("At least 12 people were killed, said the Syrian Observatory.", ["Syrian Observatory"]),
        ("Amnesty International questioned the claim, saying 16 villagers were killed.", ["Amnesty International"]),
        ("A report released by Amnesty International said 300 people died.", ["Amnesty International"]),
        ("Overnight Strikes on Gaza Kill 32: Civil Defence", ["Civil Defence"]),
        ("UNHCR: 1.2 million displaced in Sudan", ["UNHCR"]),
        ("Police: 4 Teens Shot at House Party", ["Police"]),
        ("Two Cousins Shot and Killed in Family Dispute, Sheriff Says", ["Sheriff"]),
        ("A police spokesman told Reuters that 12 people were killed.", ["A police spokesman"]),  # not the listener
        ("Two people were shot, a witness told WREG News Channel 3.", ["a witness"]),
        ("A dozen tourists were hurt in the Austrian Alps, police said.", ["police"]),  # not the Alps
        ("Hospitals in Beira reported 1,500 injuries, the Mozambican health ministry said.", ["Mozambican health ministry"]),
        ("Storm Daniel claimed the lives of 13 people, officials said.", ["officials"]),  # a storm claims no figure
        ("Greek police detained 63 migrants, a police spokesman said, adding that 11 were minors.", ["a police spokesman"]),
        ("Metrorail said 40 passengers were hurt.", ["Metrorail"]),  # a bare name: quoted, placed later
        ("Security forces killed 12 people on Sunday.", []),
    ],
)
def test_surface_quotes(text: str, quoted: list[str], lex: Lexicon) -> None:
    assert [m.text for m in read_surface(text, tokenize(text), lex).quoted] == quoted


PUT = "The ministry put the number of wounded at 1,532."
PUT_PARSE = [
    ("The", 1, "det", "the", "DT"), ("ministry", 2, "nsubj", "ministry", "NN"), ("put", 2, "ROOT", "put", "VBD"),
    ("the", 4, "det", "the", "DT"), ("number", 2, "dobj", "number", "NN"), ("of", 4, "prep", "of", "IN"),
    ("wounded", 5, "pobj", "wounded", "VBN"), ("at", 2, "prep", "at", "IN"), ("1,532", 7, "pobj", "1,532", "CD"), (".", 2, "punct", ".", "."),
]  # fmt: skip
TOLD = "A police spokesman told Reuters that 12 people died."
TOLD_PARSE = [
    ("A", 2, "det", "a", "DT"), ("police", 2, "compound", "police", "NN"), ("spokesman", 3, "nsubj", "spokesman", "NN"),
    ("told", 3, "ROOT", "tell", "VBD"), ("Reuters", 3, "dobj", "reuters", "NNP"), ("that", 8, "mark", "that", "IN"),
    ("12", 7, "nummod", "12", "CD"), ("people", 8, "nsubj", "people", "NNS"), ("died", 3, "ccomp", "die", "VBD"), (".", 3, "punct", ".", "."),
]  # fmt: skip
ACCORDING = "According to the Gaza health ministry, 40 people were killed."
ACCORDING_PARSE = [
    ("According", 10, "prep", "accord", "VBG"), ("to", 0, "prep", "to", "IN"), ("the", 5, "det", "the", "DT"),
    ("Gaza", 5, "compound", "gaza", "NNP"), ("health", 5, "compound", "health", "NN"), ("ministry", 1, "pobj", "ministry", "NN"),
    (",", 10, "punct", ",", ","), ("40", 8, "nummod", "40", "CD"), ("people", 10, "nsubjpass", "people", "NNS"),
    ("were", 10, "auxpass", "be", "VBD"), ("killed", 10, "ROOT", "kill", "VBN"), (".", 10, "punct", ".", "."),
]  # fmt: skip
AGENT = "A report released by Amnesty International said 300 people died."
AGENT_PARSE = [
    ("A", 1, "det", "a", "DT"), ("report", 6, "nsubj", "report", "NN"), ("released", 1, "acl", "release", "VBN"),
    ("by", 2, "agent", "by", "IN"), ("Amnesty", 5, "compound", "amnesty", "NNP"), ("International", 3, "pobj", "international", "NNP"),
    ("said", 6, "ROOT", "say", "VBD"), ("300", 8, "nummod", "300", "CD"), ("people", 9, "nsubj", "people", "NNS"),
    ("died", 6, "ccomp", "die", "VBD"), (".", 6, "punct", ".", "."),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "rows", "phrases"),
    [
        (PUT, PUT_PARSE, ["The ministry"]),  # the subject of a reporting verb
        (TOLD, TOLD_PARSE, ["A police spokesman"]),  # not the listener of "told"
        (ACCORDING, ACCORDING_PARSE, ["the Gaza health ministry"]),  # the object of "according to"
        (AGENT, AGENT_PARSE, ["Amnesty International", "A report released by Amnesty International"]),  # the agent of a report
    ],
)
def test_parse_reporters(text: str, rows: list[tuple[str, int, str, str, str]], phrases: list[str], lex: Lexicon) -> None:
    tokens = tokenize(text)
    found = parse_reporters(tokens, hand_parse(rows, text), lex)
    assert [text[tokens[r.start].start : tokens[r.end - 1].end] for r in found] == phrases


@pytest.mark.parametrize(
    ("text", "reporting", "naming"),
    [
        ("The river burst its banks.", False, False),
        ("Floods killed 12 people, the Red Cross said.", True, True),
        ("Police: 4 shot", True, True),
        ("The meeting ends at 4:00 today.", False, False),  # no headline colon between digits
        ("The ministry of transport closed the road.", False, True),  # names a body, quotes nobody
        ("KTVU showed the scene.", False, True),  # a call sign
    ],
)
def test_cheap_scans(text: str, reporting: bool, naming: bool, lex: Lexicon) -> None:
    assert (bool(reporting_pattern(lex).search(text)), bool(naming_pattern(lex).search(text))) == (reporting, naming)


@pytest.fixture(scope="module")
def data() -> dict[str, Any]:
    return read_lexicon_files()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["roles"].append({"name": "x", "kind": "bystander", "words": ["x"]}), r"sources.json.roles\[\d+\].kind: expected one of"),
        (lambda d: d["roles"].append({"name": "x", "kind": "witness"}), r"sources.json.roles\[\d+\].words: expected a list"),
        (lambda d: d["roles"].append({"name": "x", "kind": "witness", "words": ["witness"]}), r"sources.json.roles\[\d+\].words\[0\]: 'witness' is already"),
        (lambda d: d["roles"].append({"name": "police", "kind": "official", "words": ["cop"]}), r"sources.json.roles\[\d+\].name: 'police' is also"),
        (lambda d: d["titles"].update(ghosts=["Ghost"]), r"sources.json.titles.ghosts: unknown source"),
        (lambda d: d["titles"]["police"].append("sgt"), r"sources.json.titles.police\[\d+\]: a title is written capitalised"),
        (lambda d: d["media"].update(call_sign="[KW"), r"sources.json.media.call_sign: not a valid regular expression"),
        (lambda d: d["media"].update(stations=["x"]), r"sources.json.media: unknown key"),
        (lambda d: d["parse"].update(reporting_verbs="say"), r"sources.json.parse.reporting_verbs: expected a list"),
        (lambda d: d["parse"].update(verbs=["say"]), r"sources.json.parse: unknown key"),
        (lambda d: d["parse"]["speech_lemmas"].append(3), r"sources.json.parse.speech_lemmas\[\d+\]: expected a non-empty string"),
        (lambda d: d["attribution"].update(clause_breaks="but"), r"sources.json.attribution.clause_breaks: expected a list"),
        (lambda d: d["attribution"].update(listeners=["told"]), r"sources.json.attribution: unknown key"),
        (lambda d: d["representatives"].append(""), r"sources.json.representatives\[\d+\]: expected a non-empty string"),
        (lambda d: d.update(speakers=[]), r"sources.json: unknown key"),
    ],
)
def test_invalid_speech_vocabularies_are_named(data: dict[str, Any], change: Callable[[dict[str, Any]], None], message: str) -> None:
    out = copy.deepcopy(data)
    change(out["sources.json"])
    with pytest.raises(LexiconError, match=message):
        build_lexicon(out)
