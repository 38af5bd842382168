"""to_dataframe: one row per figure, the Parquet output's columns and dtypes."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest
from spacy.language import Language

import figextract
from figextract.archives.writers import arrow_schema

RECORDS = [
    {"id": "a", "text": "At least 12 people were killed and 40 injured.", "date": "2024-01-01"},
    {"id": "b", "text": "Markets were calm.", "date": "2024-01-02"},
    {"id": "c", "text": "", "date": None},
]


def test_one_row_per_figure_per_article_without_figures_and_per_failure(blank_nlp: Language) -> None:
    df = figextract.to_dataframe(figextract.extract_records(RECORDS, blank_nlp, keep_fields=["date"]))
    assert list(df["id"]) == ["a", "a", "b", "c"]
    assert list(df["figure"].astype(object).where(df["figure"].notna(), None)) == [0, 1, None, None]
    assert list(df["article_figures"].astype(object).where(df["article_figures"].notna(), None)) == [2, 2, 0, None]
    assert df.loc[3, "error_kind"] == "empty_text" and pd.isna(df.loc[3, "value"]) and pd.isna(df.loc[2, "error_kind"])
    assert pa.Schema.from_pandas(df, preserve_index=False) == arrow_schema(["date"])
    assert str(df["value"].dtype) == "int64[pyarrow]" and str(df["date"].dtype) == "string[pyarrow]"


def test_from_a_jsonl_output_file(tmp_path: Path, blank_nlp: Language) -> None:
    path = tmp_path / "out.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in figextract.extract_records(RECORDS, blank_nlp, keep_fields=["date"], keep_text=True)))
    df = figextract.to_dataframe(path)
    assert list(df.columns[:4]) == ["id", "date", "article_text", "figure"] and "totals" not in df.columns
    assert df.loc[0, "article_text"] == RECORDS[0]["text"]


def test_no_records_gives_an_empty_typed_frame() -> None:
    df = figextract.to_dataframe([])
    assert len(df) == 0 and pa.Schema.from_pandas(df, preserve_index=False) == arrow_schema()


def test_records_of_another_shape_are_refused() -> None:
    with pytest.raises(ValueError, match=r"results\[0\]: expected an output record"):
        figextract.to_dataframe([{"id": "a", "text": "Five died."}])
