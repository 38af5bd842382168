"""figextract.archives.dask on a 2-worker LocalCluster (processes, localhost only): same results as one process."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Iterator

import pandas as pd
import pytest
from spacy.language import Language

import figextract
from figextract.cli.main import main
from samples import sample_records

distributed = pytest.importorskip("distributed")
dd = pytest.importorskip("dask.dataframe")
db = pytest.importorskip("dask.bag")
fxdask = pytest.importorskip("figextract.archives.dask")


@pytest.fixture(scope="module")
def client() -> Iterator[distributed.Client]:
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address="127.0.0.1:0", silence_logs=50
    ) as cluster, distributed.Client(cluster) as c:
        yield c


@pytest.fixture(scope="module")
def records() -> list[dict[str, str]]:
    return sample_records()


def test_dataframe_equals_the_single_process_path(client: distributed.Client, records: list[dict[str, str]], blank_nlp: Language) -> None:
    ddf = dd.from_pandas(pd.DataFrame(records), npartitions=6)
    got = fxdask.extract_dataframe(ddf, model="blank", keep_fields=["outlet"], batch_size=16).compute(scheduler=client)
    want = figextract.to_dataframe(figextract.extract_records(records, blank_nlp, keep_fields=["outlet"]))
    assert len(want) > len(records) // 2
    pd.testing.assert_frame_equal(got.reset_index(drop=True), want)
    # one pipeline per worker process, loaded once however many partitions it ran
    loads = client.run(fxdask.pipeline_loads)
    assert len(loads) == 2 and all(set(n.values()) <= {1} for n in loads.values())


def test_dataframe_keeps_the_other_columns_by_default_as_to_dataframe_does(client: distributed.Client, records: list[dict[str, str]], blank_nlp: Language) -> None:
    dated = [{**r, "date": f"2024-01-{i % 28 + 1:02d}"} for i, r in enumerate(records)]
    got = fxdask.extract_dataframe(dd.from_pandas(pd.DataFrame(dated), npartitions=3), model="blank").compute(scheduler=client)
    # to_dataframe's default (keep_fields=None): the records' other keys
    want = figextract.to_dataframe(figextract.extract_records(dated, blank_nlp, keep_fields=["outlet", "date"]))
    assert list(want.columns[:3]) == ["id", "outlet", "date"]
    pd.testing.assert_frame_equal(got.reset_index(drop=True), want)


def test_dataframe_keep_columns_is_a_deprecated_name_of_keep_fields(records: list[dict[str, str]]) -> None:
    ddf = dd.from_pandas(pd.DataFrame(records[:20]).assign(date="2024-01-01"), npartitions=2)
    with pytest.warns(DeprecationWarning, match=r"keep_columns is deprecated; use keep_fields"):
        old = fxdask.extract_dataframe(ddf, model="blank", keep_columns=["outlet"]).compute(scheduler="sync")
    new = fxdask.extract_dataframe(ddf, model="blank", keep_fields=["outlet"]).compute(scheduler="sync")
    pd.testing.assert_frame_equal(old, new)
    assert "outlet" in new.columns and "date" not in new.columns
    with pytest.raises(TypeError, match="keep_fields and keep_columns"):
        fxdask.extract_dataframe(ddf, model="blank", keep_columns=["outlet"], keep_fields=["outlet"])


def test_bag_equals_extract_records(client: distributed.Client, records: list[dict[str, str]], blank_nlp: Language) -> None:
    bag = db.from_sequence(records + [{"id": "bad", "text": ""}], npartitions=5)
    got = fxdask.extract_bag(bag, model="blank", keep_fields=["outlet"]).compute(scheduler=client)
    want = list(figextract.extract_records(records, blank_nlp, keep_fields=["outlet"]))
    assert got[:-1] == want
    assert got[-1]["error"]["kind"] == "empty_text" and re.fullmatch(r"partition \d+, record \d+ \(id bad\)", got[-1]["error"]["where"])


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_cli_engine_dask_writes_what_the_local_engine_writes(client: distributed.Client, records: list[dict[str, str]], tmp_path: Path, fmt: str) -> None:
    """JSONL with its "totals", or CSV with a totals table beside it: the same writers, the same bytes."""
    archive = tmp_path / "archive.jsonl"
    lines = [json.dumps(r) for r in records] + ["{broken", json.dumps({"id": "e", "text": ""})]
    archive.write_text("\n".join(lines) + "\n", encoding="utf-8")
    local, remote = tmp_path / f"local.{fmt}", tmp_path / f"dask.{fmt}"
    totals = {local: [], remote: []} if fmt == "jsonl" else {local: ["--totals", str(tmp_path / "local-totals.csv")], remote: ["--totals", str(tmp_path / "dask-totals.csv")]}
    assert main(["extract", str(archive), "-o", str(local), "--model", "blank", "--quiet", "--keep-fields", "outlet", *totals[local]]) == 0
    args = ["extract", str(archive), "-o", str(remote), "--model", "blank", "--quiet", "--keep-fields", "outlet", "--batch-size", "8", *totals[remote]]
    assert main([*args, "--engine", "dask", "--scheduler", client.scheduler.address]) == 0
    assert remote.read_bytes() == local.read_bytes()
    if fmt == "csv":
        assert (tmp_path / "dask-totals.csv").read_bytes() == (tmp_path / "local-totals.csv").read_bytes()
    else:
        assert b'"totals":{"killed":' in local.read_bytes()


def test_cli_engine_dask_starts_a_local_cluster(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    archive = tmp_path / "a.jsonl"
    archive.write_text(json.dumps({"id": "a", "text": "Five people died."}) + "\n", encoding="utf-8")
    assert main(["extract", str(archive), "-o", str(tmp_path / "o.jsonl"), "--model", "blank", "--engine", "dask"]) == 0
    assert json.loads((tmp_path / "o.jsonl").read_text())["figures"][0]["value"] == 5
    assert "read 1, ok 1, errors 0, figures 1" in capsys.readouterr().err
