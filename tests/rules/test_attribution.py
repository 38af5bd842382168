"""Who reported each figure: sources by kind, carried over and referred back to, with and without a
parse, and the facts a sentence passes on (the rule the prefilter shares)."""

from __future__ import annotations

import pytest

from figextract.rules.attribution import Attribution, read_surface, organisation_spans, unknown_names
from figextract.rules.lexicon import Lexicon
from figextract.rules.linking import find_figures
from figextract.rules.syntax import Parse
from figextract.rules.tokens import tokenize
from parses import hand_parse

Row = tuple[str, str | None, str | None, str | None]  # figure, source, source_text, source_kind


def sources(text: str, lex: Lexicon) -> list[Row]:
    return [(f.text, f.source, f.source_text, f.source_kind) for f in find_figures(text, lexicon=lex)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Bodies: canonical names for listed bodies, own words for the rest.
        ("Twelve people were killed, police said.", [("Twelve people", "police", "police", "official")]),
        ("According to the Gaza health ministry, 40 people were killed.", [("40 people", "Gaza health ministry", "Gaza health ministry", "organisation")]),
        ("The Nigerian army said 12 soldiers were killed.", [("12 soldiers", "Nigerian army", "Nigerian army", "organisation")]),
        ("Kebbi state police said 20 students were abducted.", [("20 students", "Kebbi state police", "Kebbi state police", "official")]),
        ("The Palestinian Red Crescent said 12 people were injured.", [("12 people", "Palestinian Red Crescent", "Palestinian Red Crescent", "organisation")]),
        ("The railway ministry said 40 passengers died.", [("40 passengers", "railway ministry", "railway ministry", "organisation")]),
        ("Floods killed 30 people, Pakistan's NDMA said.", [("30 people", "National Disaster Management Authority (NDMA)", "NDMA", "organisation")]),
        ("Quakes killed 30 people, Turkey's AFAD said.", [("30 people", "Disaster and Emergency Management Authority (AFAD)", "AFAD", "organisation")]),
        # Headline credits, first or last.
        ("UNHCR: 1.2 million displaced in Sudan", [("1.2 million displaced", "UN Refugee Agency (UNHCR)", "UNHCR", "organisation")]),
        ("Police: 4 Dead, 7 Hurt at House Party", [("4 Dead", "police", "Police", "official"), ("7 Hurt", "police", "Police", "official")]),
        ("Overnight Strikes on Gaza Kill 32: Civil Defence", [("32", "civil defence", "Civil Defence", "organisation")]),
        # Officials, witnesses, media.
        ("Officials said 12 people were killed.", [("12 people", "officials", "Officials", "official")]),
        ("An official said 12 people were killed.", [("12 people", "officials", "An official", "official")]),
        ("Local officials said 12 people were killed.", [("12 people", "officials", "Local officials", "official")]),
        ("Hospital sources said 9 protesters were killed.", [("9 protesters", "hospital sources", "Hospital sources", "official")]),
        ("Eleven people were hurt, a doctor at the hospital said.", [("Eleven people", "doctors", "a doctor at the hospital", "official")]),
        ("Two people were shot dead, Sheriff John Doe said.", [("Two people", "sheriff", "Sheriff John Doe", "official")]),
        ("Twelve people were killed, a witness said.", [("Twelve people", "witnesses", "a witness", "witness")]),
        ("Residents said 40 houses burned and 12 people died.", [("12 people", "residents", "Residents", "witness")]),
        ("Bernard Rawls, a neighbour, said two people were killed.", [("two people", "neighbours", "Bernard Rawls, a neighbour", "witness")]),
        ("According to Reuters, 12 people died.", [("12 people", "Reuters", "Reuters", "media")]),
        ("State media reported 30 people were killed.", [("30 people", "state media", "State media", "media")]),
        ("Local media said 15 people drowned.", [("15 people", "local media", "Local media", "media")]),
        ("Four people were wounded at a sideshow, KTVU reported.", [("Four people", "KTVU", "KTVU", "media")]),
        # Who speaks for a body is an official of it.
        ("A police spokesman told Reuters that 12 people were killed.", [("12 people", "police", "A police spokesman", "official")]),
        ("Interior Ministry spokesman Ahmed Said said 12 people were killed.", [("12 people", "interior ministry", "Interior Ministry spokesman Ahmed Said", "official")]),
        ("John Smith, a spokesman for the fire department, said three people died.", [("three people", "civil defence", "John Smith, a spokesman for the fire department", "official")]),
        ("Six people were wounded, Fresno police Lt. Bill Dooley said.", [("Six people", "Fresno police", "Fresno police", "official")]),
        # A person named with no role gives no source (and takes none).
        ("Smith said 12 people were injured.", [("12 people", None, None, None)]),
        ("UNHCR said 5,000 people had fled. Smith said 2,000 more were missing.", [
            ("5,000 people", "UN Refugee Agency (UNHCR)", "UNHCR", "organisation"), ("2,000", None, None, None)]),
        ("Twelve people were killed in the attack.", [("Twelve people", None, None, None)]),
    ],
)
def test_sources_by_kind(text: str, expected: list[Row], lex: Lexicon) -> None:
    assert sources(text, lex) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The paragraph carries its source over, not into the next paragraph.
        ("UNHCR said 5,000 people had fled. Another 2,000 crossed into Chad on Friday.", [
            ("5,000 people", "UN Refugee Agency (UNHCR)", "UNHCR", "organisation"), ("2,000", "UN Refugee Agency (UNHCR)", "UNHCR", "organisation")]),
        ("UNHCR said 5,000 people had fled.\n\nAnother 2,000 crossed into Chad on Friday.", [
            ("5,000 people", "UN Refugee Agency (UNHCR)", "UNHCR", "organisation"), ("2,000", None, None, None)]),
        ("Police said 12 people were wounded. It said three people died.", [
            ("12 people", "police", "Police", "official"), ("three people", "police", "Police", "official")]),
        # "The ministry" is the ministry named earlier, or "ministry" when none was.
        ("The health ministry said 12 people died.\n\nThe ministry put the number of wounded at 1,532.", [
            ("12 people", "health ministry", "health ministry", "organisation"), ("1,532", "health ministry", "The ministry", "organisation")]),
        ("The Gaza health ministry said 12 people died. UNICEF said 3 children were hurt. The ministry put the number of wounded at 1,532.", [
            ("12 people", "Gaza health ministry", "Gaza health ministry", "organisation"), ("3 children", "UNICEF", "UNICEF", "organisation"),
            ("1,532", "Gaza health ministry", "The ministry", "organisation")]),
        ("The ministry put the number of wounded at 1,532.", [("1,532", "ministry", "The ministry", "organisation")]),
        ("The strikes hit a market.\n\nThe group said 40 civilians were killed.", [("40 civilians", None, None, None)]),  # a general word names nobody
        ("The health ministry said 12 people died. A ministry spokesman said 30 were hurt.", [
            ("12 people", "health ministry", "health ministry", "organisation"), ("30", "health ministry", "A ministry spokesman", "official")]),
        # "The group" is the body named last; not a place or a common noun.
        ("Amnesty International has documented the strikes.\n\nAccording to the group, 40 civilians were killed.", [
            ("40 civilians", "Amnesty International", "the group", "organisation")]),
        ("The IOM said 1,200 shelters burned. The UN agency said two children died.", [
            ("two children", "International Organization for Migration", "The UN agency", "organisation")]),
        # "The news agency" is the outlet named last, not the last body.
        ("Reuters reported heavy fighting. The health ministry said 3 people died. The news agency said 12 people died.", [
            ("3 people", "health ministry", "health ministry", "organisation"), ("12 people", "Reuters", "The news agency", "media")]),
        # A person introduced with a role speaks for that body later by surname.
        ("Sgt. Jane Roe of the Dayton police department said two men were killed. Roe said three others were hurt.", [
            ("two men", "Dayton police department", "Dayton police department", "official"), ("three others", "Dayton police department", "Roe", "official")]),
        ("Jamal Carter, 19, was at the park.\n\nCarter said three people were killed.", [("three people", None, None, None)]),
        # A clause boundary ends an attribution's reach.
        ("2 dead in Chicago; police said 3 were arrested.", [("2 dead", None, None, None), ("3", "police", "police", "official")]),
        ("Officials put the toll at 312, but aid groups said the true figure was far higher.", [("312", "officials", "Officials", "official")]),
        ("Some 14,000 people fled, IOM said, but about 3,000 remain displaced.", [
            ("Some 14,000 people", "International Organization for Migration", "IOM", "organisation"),
            ("about 3,000", "International Organization for Migration", "IOM", "organisation")]),
        # Of two reporters joined by "and", the first speaks.
        ("A car bomb killed 20 people, police and medical officials told The Associated Press.", [("20 people", "police", "police", "official")]),
    ],
)
def test_carried_and_referred(text: str, expected: list[Row], lex: Lexicon) -> None:
    assert [r for r in sources(text, lex) if r[0] in {e[0] for e in expected}] == expected


@pytest.mark.parametrize(
    ("text", "cue", "barrier", "anaphoric", "names"),
    [
        ("The river burst its banks.", False, False, False, set()),
        ("The Red Cross said the river burst.", True, True, False, set()),
        ("Officials said the river burst.", True, True, False, set()),
        ("The group said the river burst.", True, True, True, set()),  # its reporter hangs on no carried source
        ("A ministry spokesman said the river burst.", True, True, True, set()),
        ("Roe said the river burst.", True, False, False, {"Roe"}),  # a surname: who it is hangs on earlier sentences
        ("It said the river burst.", True, False, False, set()),
        ("The Red Cross sent aid.", False, False, False, set()),  # names, quotes nobody
    ],
)
def test_sentence_facts(text: str, cue: bool, barrier: bool, anaphoric: bool, names: set[str], lex: Lexicon) -> None:
    facts = read_surface(text, tokenize(text), lex).facts
    assert (facts.cue, facts.barrier, facts.anaphoric, set(facts.names)) == (cue, barrier, anaphoric, names)


def test_a_barrier_sets_the_carried_source_even_to_none(lex: Lexicon) -> None:
    """A sentence the surface finds quoting sets the carried source from itself alone: what came
    before in the paragraph cannot reach past it, whatever the parse then says."""
    att = Attribution(lex)
    first = "UNHCR said 5,000 people had fled."
    att.end_sentence(att.read(first, tokenize(first), ()))
    assert att.carry is not None and att.carry.name == "UN Refugee Agency (UNHCR)"
    second = "The Red Cross said the river burst."
    parse = Parse(starts=(0,), ends=(3,), heads=(0,), deps=("ROOT",), lemmas=("the",), tags=("DT",))  # finds no reporter
    said = att.read(second, tokenize(second), (), parse)
    assert said.barrier
    att.end_sentence(said)
    assert att.carry is not None and att.carry.name == "Red Cross"


FAR = "The Gaza health ministry which runs the hospitals in the territory and counts the dead every day said 40 people died."


def test_the_parse_reaches_a_far_subject(lex: Lexicon) -> None:
    """The surface lets only a few words stand between a reporter and its verb; the parse finds the
    subject wherever it is."""
    words = FAR.rstrip(".").split() + ["."]
    said = words.index("said")
    rows = []
    for i, w in enumerate(words):
        if w == "ministry":
            rows.append((w, said, "nsubj", w, "NN"))
        elif w in ("The", "Gaza", "health"):
            rows.append((w, 3, {"The": "det", "Gaza": "compound", "health": "compound"}[w], w.lower(), "NNP" if w == "Gaza" else "NN"))
        elif w == "said":
            rows.append((w, i, "ROOT", "say", "VBD"))
        elif 4 <= i < said:  # "which runs … every day": a relative clause on "ministry"
            rows.append((w, 3 if i == 5 else 5, "relcl" if i == 5 else "dep", w.lower(), "VBZ" if i == 5 else "NN"))
        else:
            rows.append((w, said, "ccomp" if w == "died" else "dep", w.lower(), "NN"))
    att = Attribution(lex)
    tokens = tokenize(FAR)
    without = att.read(FAR, tokens, ())
    with_parse = Attribution(lex).read(FAR, tokens, (), hand_parse(rows, FAR))
    assert [src for _, src in without.quoted] == []
    assert [src.name for _, src in with_parse.quoted if src] == ["Gaza health ministry"]


@pytest.mark.parametrize(
    ("text", "names", "entities", "organisations"),
    [
        ("Metrorail said 40 passengers were hurt.", ["Metrorail"], [(0, 9, "PERSON")], ["Metrorail"]),  # one word: no person unless introduced
        ("Russia said 40 soldiers were hurt.", ["Russia"], [(0, 6, "GPE")], []),  # a country is no organisation
        ("Deutsche Bahn said 40 passengers were hurt.", ["Deutsche Bahn"], [(0, 13, "ORG")], ["Deutsche Bahn"]),
        ("John Smith said 40 passengers were hurt.", ["John Smith"], [(0, 10, "PERSON")], []),
        ("The Red Cross said 40 people were hurt.", [], [], []),  # the rules know it: no entities needed
        ("Forty people were hurt in Leeds.", [], [], []),  # nobody quoted
    ],
)
def test_entities_only_for_unknown_quoted_names(text: str, names: list[str], entities: list[tuple[int, int, str]], organisations: list[str], lex: Lexicon) -> None:
    found = unknown_names(text, 0, len(text), None, lex)
    assert [text[s:e] for s, e in found] == names
    assert [text[s:e] for s, e in organisation_spans(text, found, entities, lex)] == organisations


def test_an_organisation_span_names_the_reporter(lex: Lexicon) -> None:
    text = "Metrorail said 40 passengers were hurt."
    figs = find_figures(text, entities=[(0, 9)], lexicon=lex)
    assert [(f.source, f.source_kind) for f in figs] == [("Metrorail", "organisation")]
    text = "Sgt. Luis Ortega of the Pasadena Police Department said one man died. Ortega said two were hurt."
    ortega = text.rindex("Ortega")
    figs = find_figures(text, entities=[(ortega, ortega + 6)], lexicon=lex)  # an introduced surname stays a person
    assert [f.source for f in figs] == ["Pasadena Police Department", "Pasadena Police Department"]
