"""extract_records, the local engine, and the run loop: order, one output per input, failures kept."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

import figextract
from figextract.archives.articles import Article, Extracted, Failure, Item
from figextract.archives.batch import extract_records, local_outcomes, run, skip_done, summary_line
from figextract.archives.writers import ResumeError, Tally, open_writer
from samples import sample_records


@Language.component("fx_test_explode")
def explode(doc: Doc) -> Doc:
    """Stands for a bug the pipeline might hit on one article among millions."""
    if "EXPLODE" in doc.text:
        raise RuntimeError("boom")
    return doc


@pytest.fixture(scope="module")
def fragile_nlp() -> Language:
    nlp = figextract.load(spacy.blank("en"))
    nlp.add_pipe("fx_test_explode", first=True)
    return nlp


@pytest.mark.parametrize("n_process", [1, 2])
def test_extract_many_keeps_input_order(blank_nlp: Language, n_process: int) -> None:
    texts = [f"{i + 1} people were killed." if i % 3 else "Markets were calm." for i in range(60)]
    got = list(figextract.extract_many(texts, blank_nlp, batch_size=4, n_process=n_process))
    assert [[f.value for f in figs] for figs in got] == [[i + 1] if i % 3 else [] for i in range(60)]


def test_extract_records_mirrors_the_cli(blank_nlp: Language) -> None:
    records = [
        {"id": "a", "text": "Five people died.", "url": "u1"},
        {"text": "No numbers."},
        {"id": "c", "text": ""},
        "not a record",
        {"id": "e", "body": "Two died."},
    ]
    out = list(extract_records(records, blank_nlp, keep_fields=["url"], keep_text=True))
    figs = figextract.extract("Five people died.", blank_nlp)
    assert out[0] == {"id": "a", "url": "u1", "text": "Five people died.", "figures": [figs[0].to_dict()], "totals": {"killed": figextract.totals(figs)["killed"].to_dict()}}
    assert out[0]["totals"]["killed"]["value"] == 5
    assert out[1] == {"id": "1", "url": None, "text": "No numbers.", "figures": [], "totals": {}}
    assert [o.get("error", {}).get("kind") for o in out[2:]] == ["empty_text", "not_an_object", "missing_text"]
    assert out[2]["error"]["where"] == "records[2] (id c)" and out[3]["error"]["where"] == "records[3]"
    assert list(extract_records([{"body": "Two died."}], blank_nlp, text_field="body"))[0]["figures"][0]["value"] == 2


@pytest.mark.parametrize("n_process", [1, 2])
def test_n_process_gives_the_same_records(blank_nlp: Language, n_process: int) -> None:
    records = sample_records(80)
    assert list(extract_records(records, blank_nlp, n_process=n_process, batch_size=8)) == list(extract_records(records, blank_nlp))


@pytest.mark.parametrize("n_process", [1, 2])
def test_an_article_the_pipeline_fails_on_becomes_an_error_and_the_run_goes_on(fragile_nlp: Language, n_process: int) -> None:
    texts = [f"{i + 1} people were killed." for i in range(20)]
    texts[7] = "EXPLODE: 3 people died."
    out = list(extract_records(({"id": str(i), "text": t} for i, t in enumerate(texts)), fragile_nlp, batch_size=4, n_process=n_process))
    assert [o["id"] for o in out] == [str(i) for i in range(20)]
    assert out[7]["error"]["kind"] == "extraction_failed" and "RuntimeError: boom" in out[7]["error"]["message"]
    assert [o["figures"][0]["value"] for i, o in enumerate(out) if i != 7] == [i + 1 for i in range(20) if i != 7]


def test_a_reader_bug_is_not_swallowed(blank_nlp: Language) -> None:
    def items() -> Iterator[Item]:
        yield Article("a", "Five died.", "w")
        raise KeyError("reader bug")

    with pytest.raises(KeyError, match="reader bug"):
        list(local_outcomes(items(), blank_nlp))


def test_failures_keep_their_place(blank_nlp: Language) -> None:
    items: list[Item] = [Failure("x", "empty_text", "m", "w"), Article("a", "Five died.", "w"), Failure("y", "invalid_json", "m", "w")]
    out = list(local_outcomes(items, blank_nlp))
    assert [type(o).__name__ for o in out] == ["Failure", "Extracted", "Failure"]
    assert isinstance(out[1], Extracted) and out[1].figures[0].value == 5


def test_n_process_minus_one_means_one_per_cpu(blank_nlp: Language) -> None:
    records = [{"id": str(i), "text": f"{i + 2} people died."} for i in range(12)]
    assert list(extract_records(records, blank_nlp, n_process=-1, batch_size=4)) == list(extract_records(records, blank_nlp))


@pytest.mark.parametrize("bad", [dict(batch_size=0), dict(n_process=0), dict(n_process=-2), dict(batch_size=-1), dict(batch_size="8")])
def test_sizes_must_be_positive_integers(blank_nlp: Language, bad: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match="expected a positive integer"):
        list(extract_records([], blank_nlp, **bad))


def test_skip_done_checks_the_input_against_the_output() -> None:
    items = [Article(str(i), "x", "w") for i in range(3)]
    rest = iter(items)
    skip_done(rest, Tally(records=2, last_id="1"), "o.jsonl")
    assert next(rest).id == "2"
    with pytest.raises(ResumeError, match="record 2 of o.jsonl has id 'zz' but input record 2 has id '1'"):
        skip_done(iter(items), Tally(records=2, last_id="zz"), "o.jsonl")
    with pytest.raises(ResumeError, match="holds 5 records but the input has only 3"):
        skip_done(iter(items), Tally(records=5, last_id="4"), "o.jsonl")


def test_run_writes_batches_and_tallies(tmp_path: Path, blank_nlp: Language) -> None:
    items: list[Item] = [Article(str(i), f"{i + 1} people died.", "w") for i in range(10)] + [Failure("f", "empty_text", "m", "w")]
    writer = open_writer(str(tmp_path / "o.jsonl"), "jsonl")
    seen: list[int] = []
    tally = run(iter(items), writer, lambda it: local_outcomes(it, blank_nlp), batch_size=3, progress=seen.append)
    assert (tally.records, tally.ok, tally.errors, tally.figures) == (11, 10, 1, 10)
    assert seen == list(range(1, 12))
    assert len((tmp_path / "o.jsonl").read_text().splitlines()) == 11
    assert summary_line(tally, 2.25) == "read 11, ok 10, errors 1, figures 10, elapsed 2.2s"


def test_run_aborts_the_writer_when_stopped(tmp_path: Path, blank_nlp: Language) -> None:
    def engine(items: Iterator[Item]) -> Iterator[Any]:
        yield from local_outcomes([next(items)], blank_nlp)
        raise KeyboardInterrupt

    writer = open_writer(str(tmp_path / "o.parquet"), "parquet")
    with pytest.raises(KeyboardInterrupt):
        run(iter([Article("a", "Five died.", "w"), Article("b", "x", "w")]), writer, engine, batch_size=1)
    assert list(tmp_path.iterdir()) == []


def test_ctrl_c_writes_the_batch_in_hand_and_the_tally_says_what_is_written(tmp_path: Path, blank_nlp: Language) -> None:
    def engine(items: Iterator[Item]) -> Iterator[Any]:
        for i, outcome in enumerate(local_outcomes(items, blank_nlp)):
            if i == 5:
                raise KeyboardInterrupt
            yield outcome

    out = tmp_path / "o.jsonl"
    tally = Tally()
    with pytest.raises(KeyboardInterrupt):
        run(iter([Article(str(i), "Five died.", "w") for i in range(9)]), open_writer(str(out), "jsonl"), engine, batch_size=4, tally=tally)
    assert tally.records == 5 and len(out.read_text().splitlines()) == 5
    assert open_writer(str(out), "jsonl", resume=True).resumed == tally
