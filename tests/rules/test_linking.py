"""Behaviour of the linker on sentences written in wire style (rule sentences, no model)."""

from __future__ import annotations

import pytest

from figextract.rules.linking import find_figures
from figextract.rules.lexicon import Lexicon

Row = tuple[str, int, str, str]  # mention text, value, type, category


def figs(text: str, lex: Lexicon) -> list[Row]:
    return [(f.text, f.value, f.type, f.category) for f in find_figures(text, lexicon=lex)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gunmen killed 12 villagers in Zamfara state.", [("12 villagers", 12, "killed", "residents")]),
        ("At least 12 people were killed and 30 injured.", [("At least 12 people", 12, "killed", "people"), ("30 injured", 30, "injured", "people")]),
        ("The blast killed 12 and wounded 30 others.", [("12", 12, "killed", "people"), ("30 others", 30, "injured", "people")]),
        ("2 Dead, 7 Hurt in Chicago Shooting", [("2 Dead", 2, "killed", "people"), ("7 Hurt", 7, "injured", "people")]),
        ("Flood Kills 12 in Kenya; Thousands Flee", [("12", 12, "killed", "people"), ("Thousands", 2000, "displaced", "people")]),
        ("Gunmen Kidnap 20 Students Near Abuja", [("20 Students", 20, "abducted", "civilians")]),
        ("Twelve gunmen killed five soldiers at a checkpoint.", [("five soldiers", 5, "killed", "soldiers")]),
        ("Five soldiers were killed by 12 gunmen.", [("Five soldiers", 5, "killed", "soldiers")]),
        ("The death toll from the floods rose to 52 on Tuesday.", [("52", 52, "killed", "people")]),
        ("The quake left 2,000 people dead.", [("2,000 people", 2000, "killed", "people")]),
        ("The war has claimed more than 300 lives.", [("more than 300 lives", 300, "killed", "people")]),
        ("Rescuers saved 300 lives.", []),
        ("Police arrested 45 protesters in the capital.", [("45 protesters", 45, "detained", "protesters")]),
        ("More than 5,000 people fled their homes.", [("More than 5,000 people", 5000, "displaced", "people")]),
        ("The fighting forced 20,000 people from their homes.", [("20,000 people", 20000, "displaced", "people")]),
        ("Fourteen migrants remain missing after the boat capsized.", [("Fourteen migrants", 14, "missing", "migrants")]),
        ("The attack left 30 casualties.", [("30 casualties", 30, "casualties", "people")]),
        ("12 wounded soldiers were evacuated by helicopter.", [("12 wounded soldiers", 12, "injured", "soldiers")]),
        ("Some 2,000 displaced people live in the camp.", [("Some 2,000 displaced people", 2000, "displaced", "people")]),
        ("The strikes killed 12 Hamas fighters.", [("12 Hamas fighters", 12, "killed", "fighters")]),
        ("Troops killed 20 al-Shabaab in Lower Shabelle.", [("20 al-Shabaab", 20, "killed", "militants")]),
        ("Two police officers were shot dead.", [("Two police officers", 2, "killed", "police")]),
        ("The floods destroyed 300 homes and killed 12 people.", [("12 people", 12, "killed", "people")]),
        ("Air strikes on 12 villages killed civilians.", []),
        ("The 45-year-old was killed in 2015.", [("The 45-year-old", 1, "killed", "people")]),  # one victim, not 45
        ("The team won 4-0 in front of 30,000 fans.", []),
        ("The ministry pledged $5 million for 200 families.", []),
        ("One of the victims was a nurse.", []),
        ("Dozens of people were injured.", [("Dozens of people", 24, "injured", "people")]),
        ("Hundreds of families fled.", [("Hundreds of families", 200, "displaced", "people")]),  # unit: families
        ("Several people were hurt.", [("Several people", 3, "injured", "people")]),
        ("A bomb killed 12 people in a market where 200 shoppers had gathered.", [("12 people", 12, "killed", "people")]),
        ("Three soldiers and seven militants were killed.", [("Three soldiers", 3, "killed", "soldiers"), ("seven militants", 7, "killed", "militants")]),
        ("Troops rescued 76 of the 110 schoolgirls abducted last month.", [("110 schoolgirls", 110, "abducted", "children")]),
        ("17 Palestinians, including four children, were killed.", [("17 Palestinians", 17, "killed", "people"), ("four children", 4, "killed", "children")]),
        ("Over 100 feared dead in Indonesia landslide", [("Over 100", 100, "killed", "people")]),
        ("Hundreds more were missing.", [("Hundreds", 200, "missing", "people")]),
        ("Iran still hosts about 3.5 million Afghan refugees.", [("about 3.5 million Afghan refugees", 3_500_000, "displaced", "refugees")]),
        ("The heatwave caused 1,435 excess deaths.", [("1,435 excess deaths", 1435, "killed", "people")]),
        ("Ebola in Uganda: 7 Deaths, 14 Confirmed Cases", [("7 Deaths", 7, "killed", "people")]),
        ("Of the dead, 112 were children under 15.", [("112 were children", 112, "killed", "children")]),
        ("Millions of people in Sindh province remain displaced.", [("Millions of people", 2_000_000, "displaced", "people")]),
        ("The institute said 3,960 patients were in hospital.", [("3,960 patients", 3960, "injured", "civilians")]),
        ("Twenty-one policemen were among the dead.", [("Twenty-one policemen", 21, "killed", "police")]),
        ("The ministry said 1,200 of them remained in custody.", [("1,200", 1200, "detained", "people")]),
    ],
)
def test_links_type_and_category(text: str, expected: list[Row], lex: Lexicon) -> None:
    assert figs(text, lex) == expected


def part_of(text: str, lex: Lexicon) -> list[tuple[str, int | None]]:
    return [(f.text, f.part_of) for f in find_figures(text, lexicon=lex)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The attack killed 12 people, including three children.", [("12 people", None), ("three children", 0)]),
        ("Twelve people died, five of them children.", [("Twelve people", None), ("five of them children", 0)]),
        (
            "The dead include 1,380 civilians, of which 332 were children, and 195 women, 853 men, 965 fighters and 1,233 rebels.",
            [("1,380 civilians", None), ("332 were children", 0), ("195 women", 0), ("853 men", 0), ("965 fighters", None), ("1,233 rebels", None)],
        ),
        ("Gunmen killed 20 people and wounded 30 others.", [("20 people", None), ("30 others", None)]),
        ("Two Journalists Among 9 Killed in Israeli Strike", [("Two Journalists", 1), ("9 Killed", None)]),
        ("Strikes killed 12 soldiers, including 20 civilians.", [("12 soldiers", None), ("20 civilians", None)]),
    ],
)
def test_breakdowns(text: str, expected: list[tuple[str, int | None]], lex: Lexicon) -> None:
    assert part_of(text, lex) == expected


def sources(text: str, lex: Lexicon) -> list[tuple[str, str | None, str | None]]:
    return [(f.text, f.source, f.source_text) for f in find_figures(text, lexicon=lex)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Twelve people were killed, police said.", [("Twelve people", "police", "police")]),
        ("According to the UN, 300 civilians have been killed.", [("300 civilians", "United Nations", "UN")]),
        ("The health ministry said 40 people died.", [("40 people", "health ministry", "health ministry")]),
        ("A police spokesman told Reuters that 12 people were killed.", [("12 people", "police", "A police spokesman")]),
        ("At least 12 people were killed, said the Syrian Observatory.", [("At least 12 people", "Syrian Observatory for Human Rights", "Syrian Observatory")]),
        ("Twelve people were killed, a witness said.", [("Twelve people", "witnesses", "a witness")]),  # witnesses are sources too
        ("Twelve people were killed in the attack.", [("Twelve people", None, None)]),
        (
            "UNHCR said 5,000 people had fled. Another 2,000 crossed into Chad on Friday.",
            [("5,000 people", "UN Refugee Agency (UNHCR)", "UNHCR"), ("2,000", "UN Refugee Agency (UNHCR)", "UNHCR")],
        ),
        (
            "UNHCR said 5,000 people had fled.\n\nAnother 2,000 crossed into Chad on Friday.",
            [("5,000 people", "UN Refugee Agency (UNHCR)", "UNHCR"), ("2,000", None, None)],
        ),
        (
            "The strikes hit a market in Idlib.\n\nAccording to the group, 40 civilians were killed.",
            [("40 civilians", None, None)],
        ),
        (
            "Amnesty International has documented the strikes.\n\nAccording to the group, 40 civilians were killed.",
            [("40 civilians", "Amnesty International", "the group")],
        ),
        (
            "Amnesty International said the strikes were unlawful.\n\nAccording to the group, 40 civilians were killed.",
            [("40 civilians", "Amnesty International", "the group")],
        ),
    ],
)
def test_sources(text: str, expected: list[tuple[str, str | None, str | None]], lex: Lexicon) -> None:
    assert sources(text, lex) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The junta said 50 people were killed.", ("junta", "junta")),
        ("The Jalisco state prosecutor's office said 31 bodies were found.", ("Jalisco state prosecutor's office", "Jalisco state prosecutor's office")),
        ("Mexico's National Search Commission lists 110 people as missing.", ("Mexico's National Search Commission", "Mexico's National Search Commission")),  # country kept
        ("Hengaw, a Norway-based Kurdish rights group, said 230 people were detained.", ("Hengaw", "Hengaw")),
        ("A local rights group, Sahel Civic Watch, said 90 people were killed.", ("Sahel Civic Watch", "Sahel Civic Watch")),
        ("Amnesty International questioned the claim, saying 16 villagers were killed.", ("Amnesty International", "Amnesty International")),
        ("Red Cross volunteers recovered 31 bodies, the organisation said.", ("Red Cross", "the organisation")),
        ("A group of 12 people was killed.", (None, None)),
    ],
)
def test_described_and_appositive_sources(text: str, expected: tuple[str | None, str | None], lex: Lexicon) -> None:
    f = find_figures(text, lexicon=lex)[0]
    assert (f.source, f.source_text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The floods displaced 310 households in the district.", [("310 households", 310, "households", "people", "displaced")]),
        ("The storm displaced 8,900 families.", [("8,900 families", 8900, "families", "people", "displaced")]),
        ("Some 12,000 family members fled the fighting.", [("Some 12,000 family members", 12000, "people", "people", "displaced")]),
        ("The ministry pledged $5 million for 200 families.", []),
    ],
)
def test_units_are_counted_as_written(text: str, expected: list[tuple[str, int, str, str, str]], lex: Lexicon) -> None:
    assert [(f.text, f.value, f.unit, f.category, f.type) for f in find_figures(text, lexicon=lex)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Seven people were shot outside a bar.", [("Seven people", "casualties")]),
        ("4 Teens Shot at House Party", [("4 Teens", "casualties")]),
        ("Police said two men were shot.", [("two men", "casualties")]),
        ("Two people were shot dead at a gas station.", [("Two people", "killed")]),
        ("Three men were fatally shot on Sunday.", [("Three men", "killed")]),
        ("Four people were shot and wounded.", [("Four people", "injured")]),
        ("Two men suffered gunshot wounds.", [("Two men", "injured")]),
        ("2 Critically Hurt After Shooting", [("2 Critically Hurt", "injured")]),
        ("Gunman Shoots 5 at Transit Center", [("5", "casualties")]),
        ("There was one shot and everyone dropped to the floor.", []),
        ("Officials said 12 of the 15 drones were shot down.", []),
        ("She shot 68 in the final round.", []),
        ("Adults 65 and older can get a flu shot.", []),
    ],
)
def test_shootings(text: str, expected: list[tuple[str, str]], lex: Lexicon) -> None:
    assert [(f.text, f.type) for f in find_figures(text, lexicon=lex)] == expected
