"""What the parse adds: victims no list names, cues far away or in another clause, places.

These run the default model (en_core_web_sm); the rule-only column says what spacy.blank gives up.
"""

from __future__ import annotations

import pytest
import spacy

import figextract

Row = tuple[str, int, str, str, str | None]  # text, value, type, category, category_text

CASES: list[tuple[str, list[Row], bool]] = [
    # (text, figures with the model, whether rule-only finds the same)
    ("Five members of the gang died in the raid.", [("Five members of the gang", 5, "killed", "people", "members of the gang")], True),
    ("One Mayi Mayi was killed in the clash.", [("One Mayi Mayi", 1, "killed", "people", "Mayi Mayi")], False),
    ("Two hunters were shot near the lake on Saturday.", [("Two hunters", 2, "casualties", "people", "hunters")], False),
    ("The militia exchanged fire across the line, in which one Pakistani civilian was killed.", [("one Pakistani civilian", 1, "killed", "civilians", "Pakistani civilian")], True),
    ("The death toll from Saturday's suicide bombing at a wedding in the capital has climbed to 63.", [("63", 63, "killed", "people", None)], False),
    ("About 18,000 people arrived in the town after fleeing clashes.", [("About 18,000 people", 18000, "displaced", "people", "people")], False),
    ("The fighting forced 20,000 people to flee.", [("20,000 people", 20000, "displaced", "people", "people")], True),
    ("Authorities moved some 650,000 people into 4,000 storm shelters before the cyclone.", [("some 650,000 people", 650000, "displaced", "people", "people")], False),
    ("In Sindh, 1.8 million people had moved to safer places by the end of August.", [("1.8 million people", 1_800_000, "displaced", "people", "people")], False),
    ("One woman was killed and three men were transported to a hospital.", [("One woman", 1, "killed", "women", "woman"), ("three men", 3, "injured", "men", "men")], False),
    ("The crews treated 46 people for injuries after the attack.", [("46 people", 46, "injured", "people", "people")], False),
    ("The number of journalists killed in the conflict has risen to 73.", [("73", 73, "killed", "people", None)], False),
    ("A total of 2.5 lakh people have been shifted to 1,318 relief camps.", [("2.5 lakh people", 250_000, "displaced", "people", "people")], False),
    ("More than 500,000 people were pre-emptively evacuated from coastal areas.", [("More than 500,000 people", 500_000, "displaced", "people", "people")], True),
    ("Twelve gunmen killed five soldiers at a checkpoint.", [("five soldiers", 5, "killed", "soldiers", "soldiers")], True),
    ("Troops shot 12 cattle that strayed across the border.", [], True),
    ("The storm destroyed 300 homes in the district.", [], True),
    ("Smith shot 68 in the final round to take the lead.", [], True),
    ("Okafor shot 12 of 20 from the field and scored 31 points.", [], True),
]


def rows(text: str, nlp: spacy.Language) -> list[Row]:
    return [(f.text, f.value, f.type, f.category, f.category_text) for f in figextract.extract(text, nlp)]


@pytest.mark.parametrize(("text", "expected", "rule_only_too"), CASES)
def test_the_parse_links_what_the_surface_cannot(text: str, expected: list[Row], rule_only_too: bool, nlp: spacy.Language, blank_nlp: spacy.Language) -> None:
    assert rows(text, nlp) == expected
    assert (rows(text, blank_nlp) == expected) == rule_only_too
