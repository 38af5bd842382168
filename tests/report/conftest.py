"""Outputs of ``figextract extract`` in its three formats, from one small dated archive, for the report tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from figextract.cli.main import main

from samples import TEXTS


def archive_records() -> list[dict[str, str]]:
    """Dated articles: the test texts three times over, on days shared by several sources, and two bad records."""
    records = [{"id": f"a{i:03d}", "date": f"2024-{1 + i % 3:02d}-{1 + i % 4:02d}", "text": text} for i, text in enumerate(TEXTS * 3)]
    records[7]["text"] = ""
    records[11]["text"] = "   "
    del records[20]["text"]
    records[30]["date"] = "sometime in spring"
    return records


@pytest.fixture(scope="session")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """``jsonl``, ``csv`` (and ``csv-totals``), ``parquet`` (and ``parquet-totals``), and the ``input``."""
    folder = tmp_path_factory.mktemp("report")
    archive = folder / "archive.jsonl"
    archive.write_text("".join(json.dumps(r) + "\n" for r in archive_records()), encoding="utf-8")
    paths = {"input": archive}
    common = ["--keep-fields", "date", "--keep-text", "--model", "blank", "--quiet"]
    for fmt in ("jsonl", "csv", "parquet"):
        out = folder / f"figures.{fmt}"
        extra = [] if fmt == "jsonl" else ["--totals", str(folder / f"totals.{fmt}")]
        assert main(["extract", str(archive), "-o", str(out), *common, *extra]) == 0
        paths[fmt] = out
        if extra:
            paths[f"{fmt}-totals"] = folder / f"totals.{fmt}"
    return paths
