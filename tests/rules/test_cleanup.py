"""cleanup.repair: damaged text made readable, with a map back to the original offsets."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from figextract.rules.cleanup import Repaired, repair
from figextract.rules.lexicon import build_lexicon, load_lexicon, read_lexicon_files

LEX = load_lexicon()
ROOT = Path(__file__).resolve().parents[2]


def check_map(r: Repaired) -> None:
    """The map is monotonic, inside the original, whole for the whole text, and every character it
    says was copied is the original's."""
    n, m = len(r.text), len(r.original)
    assert r.span(0, n) == (0, m)
    starts = [r.span(i, n)[0] for i in range(n + 1)]
    ends = [r.span(0, i)[1] for i in range(n + 1)]
    assert starts == sorted(starts) and ends == sorted(ends)
    assert all(0 <= s <= m for s in starts) and all(0 <= e <= m for e in ends)
    for i in range(n):
        s, e = r.span(i, i + 1)
        assert 0 <= s <= e <= m
        j = r.source(i)
        if j is not None:
            assert r.text[i] == r.original[j] and (s, e) == (j, j + 1)
    # Undoing the edits gives the original back: nothing else changed.
    pieces, pos = [], 0
    for s, e, os, oe in r.edits:
        assert pos <= s <= e <= n and 0 <= os <= oe <= m
        pieces += [r.text[pos:s], r.original[os:oe]]
        pos = e
    assert "".join(pieces) + r.text[pos:] == r.original
    kept = sum(1 for i in range(n) if r.source(i) is not None)
    assert kept == m - sum(oe - os for _, _, os, oe in r.edits)


# --- each repair ---------------------------------------------------------------------------------

REPAIRS = [
    # glued words: two known words, or a name / an acronym / a number and a known word
    ("Some 4,400 peoplewere evacuated.", "Some 4,400 people were evacuated."),
    ("About 300 families weredisplaced by the floods.", "About 300 families were displaced by the floods."),
    ("The storm displacedabout 4,400 people.", "The storm displaced about 4,400 people."),
    ("Residents hadevacuated before the dam broke.", "Residents had evacuated before the dam broke."),
    ("Thousands fledShirqat after the assault.", "Thousands fled Shirqat after the assault."),
    ("Conditions in IDPcamps worsened.", "Conditions in IDP camps worsened."),
    ("Clashes killed 30 peoplebetween Monday and Friday.", "Clashes killed 30 people between Monday and Friday."),
    ("Attacks in Darfurbetween May and June killed 40.", "Attacks in Darfur between May and June killed 40."),
    ("Fighting in Mosulduring the offensive", "Fighting in Mosul during the offensive"),
    ("Around1.6 million people were displaced.", "Around 1.6 million people were displaced."),
    # a full stop glued to the next sentence
    ("It left two dead and five others injured.A third suspect was held.", "It left two dead and five others injured. A third suspect was held."),
    ("about2,700 homes were destroyed", "about 2,700 homes were destroyed"),
    ("A boy aged 13years was among the dead.", "A boy aged 13 years was among the dead."),
    ("about13years", "about 13 years"),
    ("4,400people fled", "4,400 people fled"),
    ("1.6million people", "1.6 million people"),
    ("Twelve civilianswere killed.", "Twelve civilians were killed."),
    ("At least 12 peoplekilled in the blast", "At least 12 people killed in the blast"),
    ("Police said fivepeople died.", "Police said five people died."),
    ("The shelling killedthousands.", "The shelling killed thousands."),
    ("nearlyfive hundred homes", "nearly five hundred homes"),
    ("the UNHCRsaid on Monday", "the UNHCR said on Monday"),
    ("Hundreds were displacedwhen fighting began", "Hundreds were displaced when fighting began"),
    ("Peoplewere evacuated", "People were evacuated"),
    ("(peoplewere evacuated)", "(people were evacuated)"),
    # words hyphenated across a line break
    ("were dis-\nplaced", "were displaced"),
    ("at least 12 peo-\nple were killed", "at least 12 people were killed"),
    ("were dis- \n  placed", "were displaced"),
    ("a cross-\nborder raid", "a cross-border raid"),
    ("twenty-\nfive people", "twenty-five people"),
    ("an al-\nShabaab attack", "an al-Shabaab attack"),
    ("a 45-\nyear-old man", "a 45-year-old man"),
    # hard-wrapped lines
    ("At least 12 people were killed and\n40 wounded in the attack.", "At least 12 people were killed and 40 wounded in the attack."),
    ("Floods forced 3,000 families from their\nhomes on Sunday.", "Floods forced 3,000 families from their homes on Sunday."),
    ("Fighting displaced about 4,000 people in\nDarfur last week.", "Fighting displaced about 4,000 people in Darfur last week."),
    ("The attack killed three soldiers,\nofficials said.", "The attack killed three soldiers, officials said."),
    ("The floods have killed at least\n12 people.", "The floods have killed at least 12 people."),
    ("12 people were\r\nkilled", "12 people were  killed"),
    ("Heavy rain fell.\nThe floods destroyed homes and killed\n12 people.", "Heavy rain fell.\nThe floods destroyed homes and killed 12 people."),
    ("the attack -\nwhich killed 12", "the attack - which killed 12"),
    # mojibake, once or twice
    ("Sudan PeopleÃ¢â‚¬â„¢s Liberation Army", "Sudan People’s Liberation Army"),
    ("the UNâ€™s refugee agency", "the UN’s refugee agency"),
    ("â€œWe fled at night,â€\x9d she said.", "“We fled at night,” she said."),
    ("it\u00e2\x80\x99s", "it’s"),  # read as latin-1: C1 controls
    ("the cafÃ© was hit", "the café was hit"),
    ("Ã¢â‚¬â€œ", "–"),
    ("Â£5m in aid", "£5m in aid"),
    ("SÃ£o Paulo", "São Paulo"),
    ("ZÃ¼rich and MalmÃ¶", "Zürich and Malmö"),
    # several at once
    ("The floods weredisplaced about\n4,400 peoplewere, the UNâ€™s agency said.", "The floods were displaced about 4,400 people were, the UN’s agency said."),
]


@pytest.mark.parametrize(("damaged", "expected"), REPAIRS)
def test_repairs(damaged: str, expected: str) -> None:
    r = repair(damaged, LEX)
    assert r.text == expected
    assert r.original is damaged
    check_map(r)


# --- traps: normal text that must stay as it is --------------------------------------------------

# Words that are, or look like, two known words glued; brands and names in camel case; acronyms
# with a plural; codes of letters and digits.
TRAP_WORDS = """
thousand Ireland husband Berlin often became another deadline shotgun
overkill childlike bodyguards Frenchwoman Englishmen kiddies underscore underscores foursome
fourteens someone somewhere everywhere moreover thereafter whereby herewith cannot understand
withstood takeover leftover wellbeing Herman policemen gunmen pilgrimages personages teenaged
afterlives everybody somebody overshoot offshoots mankind manslaughter lifeguards warlike gunfire
deathbed bloodshed firefighters schoolchildren headquarters throughout nevertheless
notwithstanding hereinafter therefore wherever whatsoever nonetheless furthermore outstanding
forthwith undergone overseas overnight afternoon displacement evacuation hospitalisation
fatherland motherhood killjoy deathtrap manhunt underage underestimated roundabout walkabout
turnaround breakthrough grandmother standstill meanwhile elsewhere worthwhile
iPhone eBay YouTube PayPal WhatsApp LinkedIn McDonald’s DeSantis PowerPoint JavaScript OpenAI
WeChat MySpace OnePlus FedEx SpaceX BlackRock LaGuardia MacArthur AstraZeneca BioNTech
ExxonMobil TikTok GitHub iOS macOS mRNA easyJet allAfrica
NGOs MPs IDPs PhDs CEOs UAVs ATMs POWs LGBTQ UNICEF
COVID19 Covid19 G7 G20 9mm 2nd 21st 1990s 4x4 H5N1 MP3 F16 A380 B52s 747s 24seven 3D 5G 10am
5km 100kg AK47 PM2.5 CO2 4ever 2day 10fold 30something 20somethings
""".split()

TRAP_TEXTS = [
    "He flew to the U.S. on Monday and met officials at 9 a.m. Tuesday.",
    # a capitalised word at a sentence start or in a name is not a name glued to a joiner
    "Meanwhile, the army said 12 people died.",
    "Elsewhere, floods displaced 300 families.",
    "He won the Breakthrough Prize.",
    "They stayed at the Walkabout Inn.",
    "The Roundabout Theatre closed.",
    "The Standstill Agreement held.",
    # addresses, handles, hashtags, file names
    "Visit www.peoplewere.org today",
    "see peoplewere.org/news",
    "#peoplewere is trending",
    "@hadevacuated wrote",
    "weredisplaced_2024.pdf",
    # headlines, paragraphs, tables, lists and sentence ends
    "Syria air strikes\nSyria: The devastating aftermath",
    "Floods in Kerala\n12 dead",
    "Floods Kill Many In\nnorthern India",
    "Killed 12\n14 injured",
    "Deaths\n12\nInjured\n40",
    "He said.\nthe end",
    "Officials said:\n12 people died",
    "Paragraph one.\n\nParagraph two",
    "Paragraph one\n  \nparagraph two",
    "Head\n\n\nbody",
    "Sign in | Subscribe | Weather\nThe army said",
    "• 12 killed\n• 40 injured",
    "“The dead,” he said\n“were many.”",
    "Runs  of   spaces\tand tabs stay.",
    # real accented text and typography, next to quotes that look like damage
    "CAFÉ’S",
    "“SÃO”",
    "NAÏVE’S",
    "café’s “naïve” résumé — Zürich",
    "Ångström, Łódź and Ölüdeniz",
    "€5 – £4 … ™",
    "",
]


@pytest.mark.parametrize("word", TRAP_WORDS)
def test_trap_words_stay_whole(word: str) -> None:
    for text in (word, f"the {word} said", f"12 {word} were", f"in {word.capitalize()} on"):
        r = repair(text, LEX)
        assert r.text is text, (text, r.text)


@pytest.mark.parametrize("text", TRAP_TEXTS)
def test_trap_texts_stay(text: str) -> None:
    r = repair(text, LEX)
    assert r.text is text and r.edits == ()


# --- the map -------------------------------------------------------------------------------------


def test_identity_map_is_free() -> None:
    text = "12 people were killed."
    r = repair(text, LEX)
    assert r.text is text and r.original is text and r.edits == ()
    assert r.span(3, 9) == (3, 9)
    assert r.span(-5, 99) == (0, len(text))  # clamped into the text
    assert r.source(4) == 4


def test_span_around_an_inserted_space() -> None:
    r = repair("4,400 peoplewere evacuated", LEX)
    assert r.text == "4,400 people were evacuated"
    assert r.original[slice(*r.span(0, 12))] == "4,400 people"
    assert r.span(0, 13) == (0, 12)  # ends at the inserted space: ends before it
    assert r.span(12, 17) == (12, 16)  # starts at the inserted space: starts at the next character
    assert r.original[slice(*r.span(13, 17))] == "were"
    assert r.span(12, 13) == (12, 12) and r.source(12) is None


def test_span_around_a_deleted_hyphen() -> None:
    r = repair("dis-\nplaced people", LEX)
    assert r.text == "displaced people"
    assert r.span(0, 9) == (0, 11)
    assert r.original[slice(*r.span(3, 9))] == "placed"
    assert r.original[slice(*r.span(0, 3))] == "dis"


def test_span_of_mojibake_covers_the_run() -> None:
    r = repair("Sudan PeopleÃ¢â‚¬â„¢s Liberation", LEX)
    assert r.original[slice(*r.span(6, 14))] == "PeopleÃ¢â‚¬â„¢s"
    assert r.original[slice(*r.span(12, 13))] == "Ã¢â‚¬â„¢"
    assert r.original[slice(*r.span(15, 25))] == "Liberation"


def test_joined_lines_keep_offsets() -> None:
    text = "12 people were killed in\nthe north"
    r = repair(text, LEX)
    assert r.text == "12 people were killed in the north" and len(r.text) == len(text)
    assert all(r.span(i, j) == (i, j) for i in range(len(text)) for j in range(i + 1, len(text) + 1))
    assert r.source(24) is None and r.source(25) == 25


# --- data ----------------------------------------------------------------------------------------


def test_words_come_from_the_lexicon() -> None:
    data = copy.deepcopy(read_lexicon_files())
    data["victims.json"]["categories"]["civilians"].append("zorblings")
    lex = build_lexicon(data)
    assert repair("12 zorblingswere hurt", lex).text == "12 zorblings were hurt"
    assert repair("12 zorblingswere hurt", LEX).text == "12 zorblingswere hurt"


def _corpus_texts() -> list[str]:
    texts = []
    for name in ("conflict", "disasters", "displacement"):
        for line in (ROOT / "corpus" / f"{name}.jsonl").read_text(encoding="utf-8").splitlines():
            if line.strip():
                texts.append(json.loads(line)["text"])
    texts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    texts += [line for line in (ROOT / "corpus" / "background.txt").read_text(encoding="utf-8").splitlines() if line.strip()]
    return texts


def test_normal_text_is_left_alone() -> None:
    """Every corpus text, seed and background paragraph comes back as the very same string."""
    texts = _corpus_texts()
    changed = [(t[:50], r.text[:50]) for t in texts if (r := repair(t, LEX)).text is not t]
    assert changed == []
    assert repair("\n\n".join(texts), LEX).text == "\n\n".join(texts)  # and all of them as one text
    words = {w.lower() for t in texts for w in re.findall(r"[^\W\d_]+", t)}
    assert len(texts) > 400 and len(words) > 2500


# --- properties ----------------------------------------------------------------------------------

# Pieces to glue: known words, trap words, names, numbers, mojibake and separators.
PIECES = [
    "people", "were", "displaced", "about", "had", "evacuated", "fled", "between", "killed", "civilians",
    "five", "thousand", "nearly", "Around", "IDP", "camps", "Darfur", "Shirqat", "UN", "said", "the", "of",
    "and", "in", "Ireland", "husband", "often", "another", "deadline", "over", "kill", "body", "guards",
    "13", "2,700", "1.6", "years", "million", "dis", "placed", "peo", "ple", "â€™", "â€œ", "Ã©", "Ã¢â‚¬â„¢",
    "Â", "é", "’", "”", "“", "É", "ß", "\ufeff", "\x9d", "ï»¿", "", " ", "  ", "\n", "\n\n", "-\n", "- \n", "\r\n",
    ",", ".", ":", "-", "#", "@", "/", "_", "\t", "A", "a",
]  # fmt: skip
glued = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)
cased = st.one_of(glued.map(str.upper), glued.map(str.lower), glued.map(str.title))


@given(st.one_of(st.text(max_size=200), glued, cased))
def test_map_properties(text: str) -> None:
    r = repair(text, LEX)
    assert r.original is text
    check_map(r)


@given(st.lists(st.sampled_from(sorted({w for phrase in LEX.victims for w in phrase} | {"were", "had", "about", "displaced", "killed", "between"})), min_size=1, max_size=30))
def test_spaced_known_words_stay(words: list[str]) -> None:
    text = " ".join(words) + "."
    assert repair(text, LEX).text is text
