"""figextract on a Dask cluster (``pip install 'figextract[dask]'``).

Each worker process loads a pipeline once, the first time a task needs it, and keeps it in a cache
keyed by model and settings; later partitions and batches on that worker reuse it. Workers must have
figextract (and the model) installed.

- ``extract_bag(bag)``: a bag of input records -> a bag of output records, as ``extract_records``.
- ``extract_dataframe(ddf)``: a Dask DataFrame of articles -> one row per figure, with the schema of
  the Parquet output (its other columns kept, unless ``keep_fields`` names the ones to keep).
- ``cluster_outcomes``: the engine behind ``figextract extract --engine dask``.
"""

from __future__ import annotations

import json
import logging
import threading
import warnings
from collections import Counter, deque
from contextlib import contextmanager
from typing import Any, Iterator, Mapping, Sequence

import dask
import dask.bag
import dask.dataframe
import distributed
from spacy.language import Language

from .articles import Article, Extracted, Failure, FieldSpec, Item, Outcome, article_from_record, output_record
from .batch import check_sizes, local_outcomes
from .frames import frame_from_rows
from ..pipeline.run import load_named
from .writers import figure_rows

__all__ = ["cluster_outcomes", "extract_bag", "extract_dataframe", "open_client", "pipeline_loads", "worker_pipeline"]

_PIPELINES: dict[tuple[str | None, str], Language] = {}
_LOADS: Counter[str] = Counter()
_LOCK = threading.Lock()  # a worker may run tasks in several threads


def worker_pipeline(model: str | None = None, config: Mapping[str, Any] | None = None) -> Language:
    """This process's pipeline for ``model`` and ``config``, loaded the first time it is asked for."""
    key = (model, json.dumps(dict(config or {}), sort_keys=True))
    with _LOCK:
        if key not in _PIPELINES:
            _PIPELINES[key] = load_named(model, **dict(config or {}))
            _LOADS[f"{model}|{key[1]}"] += 1
        return _PIPELINES[key]


def pipeline_loads() -> dict[str, int]:
    """How often this process loaded each pipeline (model|config): 1 each when the cache works."""
    return dict(_LOADS)


def _outcome_rows(outcomes: Iterator[Outcome], keep: Sequence[str], keep_text: bool) -> list[dict[str, Any]]:
    return [row for o in outcomes for row in figure_rows(output_record(o, keep_text), keep, keep_text)]


def _bag_partition(records: Sequence[Any], number: int, spec: FieldSpec, keep_text: bool, model: str | None, config: dict[str, Any], batch_size: int) -> list[dict[str, Any]]:
    items = (article_from_record(r, f"partition {number}, record {i}", spec, f"{number}:{i}") for i, r in enumerate(records))
    return [output_record(o, keep_text) for o in local_outcomes(items, worker_pipeline(model, config), batch_size)]


def extract_bag(
    bag: dask.bag.Bag,
    *,
    model: str | None = None,
    text_field: str = "text",
    id_field: str = "id",
    keep_fields: Sequence[str] = (),
    keep_text: bool = False,
    batch_size: int = 64,
    **config: Any,
) -> dask.bag.Bag:
    """A bag of output records (as ``extract_records`` yields), one per input record, in order.

    ``model`` is a pipeline name or path installed on the workers, "blank" for rule-only, or None for
    the default; ``config`` goes to the component. A record without an id gets "PARTITION:INDEX".
    """
    spec = FieldSpec(text_field, id_field, tuple(keep_fields))
    check_sizes(batch_size, 1)
    parts = [
        dask.delayed(_bag_partition)(part, n, spec, keep_text, model, config, batch_size)  # type: ignore[attr-defined]
        for n, part in enumerate(bag.to_delayed())
    ]
    return dask.bag.from_delayed(parts)


def _frame_partition(frame: Any, spec: FieldSpec, keep_text: bool, model: str | None, config: dict[str, Any], batch_size: int, partition_info: dict[str, Any] | None = None) -> Any:
    number = partition_info["number"] if partition_info else "?"
    records = zip(frame.index, frame.to_dict("records"))
    items = (article_from_record(r, f"partition {number}, row {index}", spec, str(index)) for index, r in records)
    outcomes = local_outcomes(items, worker_pipeline(model, config), batch_size)
    return frame_from_rows(_outcome_rows(outcomes, spec.keep, keep_text), spec.keep, keep_text)


def extract_dataframe(
    ddf: dask.dataframe.DataFrame,
    text_column: str = "text",
    id_column: str = "id",
    *,
    model: str | None = None,
    keep_fields: Sequence[str] | None = None,
    keep_text: bool = False,
    batch_size: int = 64,
    keep_columns: Sequence[str] | None = None,
    **config: Any,
) -> dask.dataframe.DataFrame:
    """One row per figure (and per article without figures, and per failed row) with the Parquet output's columns and dtypes.

    ``keep_fields`` are the columns copied to the output; None (as for ``to_dataframe``): every
    column but the text and the id. ``keep_columns`` is its old name, deprecated. A row without an
    id gets its index label as id.
    """
    if keep_columns is not None:
        if keep_fields is not None:
            raise TypeError("extract_dataframe: pass keep_fields only; keep_fields and keep_columns (its old name) were both given")
        warnings.warn("extract_dataframe: keep_columns is deprecated; use keep_fields", DeprecationWarning, stacklevel=2)
        keep_fields = keep_columns
    if keep_fields is None:
        keep_fields = [str(c) for c in ddf.columns if c not in (text_column, id_column)]
    spec = FieldSpec(text_column, id_column, tuple(keep_fields))
    check_sizes(batch_size, 1)
    meta = frame_from_rows([], spec.keep, keep_text)
    return ddf.map_partitions(_frame_partition, spec, keep_text, model, config, batch_size, meta=meta, align_dataframes=False)


def _extract_texts(texts: Sequence[str], model: str | None, config: dict[str, Any], batch_size: int) -> list[Any]:
    """On a worker: the figures of each text, or the message of an extraction failure."""
    items = (Article(str(i), text, "") for i, text in enumerate(texts))
    return [o.figures if isinstance(o, Extracted) else o.message for o in local_outcomes(items, worker_pipeline(model, config), batch_size)]


def _collect(batch: Sequence[Item], future: Any) -> Iterator[Outcome]:
    results = iter(future.result() if future is not None else ())
    for item in batch:
        if not isinstance(item, Article):
            yield item
            continue
        result = next(results)
        yield Extracted(item, result) if isinstance(result, list) else Failure(item.id, "extraction_failed", result, item.where, item.kept)


def cluster_outcomes(items: Iterator[Item], client: distributed.Client, model: str | None = None, batch_size: int = 64, config: Mapping[str, Any] | None = None) -> Iterator[Outcome]:
    """One outcome per item, in order, the articles extracted on the cluster one batch per task.

    The records are read here and sent to the workers, so the inputs need not be on the cluster; a
    few batches per worker are in flight at a time, so memory stays flat however long the input is.
    """
    workers = max(1, len(client.scheduler_info()["workers"]))
    in_flight: deque[tuple[list[Item], Any]] = deque()
    batch: list[Item] = []
    for item in items:
        batch.append(item)
        if len(batch) >= batch_size:
            in_flight.append(_submit(client, batch, model, dict(config or {}), batch_size))
            batch = []
            while len(in_flight) > 2 * workers:
                yield from _collect(*in_flight.popleft())
    if batch:
        in_flight.append(_submit(client, batch, model, dict(config or {}), batch_size))
    while in_flight:
        yield from _collect(*in_flight.popleft())


def _submit(client: distributed.Client, batch: list[Item], model: str | None, config: dict[str, Any], batch_size: int) -> tuple[list[Item], Any]:
    texts = [item.text for item in batch if isinstance(item, Article)]
    future = client.submit(_extract_texts, texts, model, config, batch_size, pure=False) if texts else None
    return batch, future


@contextmanager
def open_client(scheduler: str | None = None, n_workers: int = 1) -> Iterator[distributed.Client]:
    """A client of the scheduler at ``scheduler``, or of a new local cluster of ``n_workers`` processes."""
    if scheduler:
        with distributed.Client(scheduler) as client:
            yield client
        return
    # On this machine only: the scheduler, the workers and their status pages listen on localhost.
    with distributed.LocalCluster(
        n_workers=n_workers, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address="127.0.0.1:0", silence_logs=logging.ERROR
    ) as cluster, distributed.Client(cluster) as client:
        yield client
