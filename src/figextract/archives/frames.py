"""Figures as a pandas DataFrame: one row per figure, the Parquet output's columns and types."""

from __future__ import annotations

import json
import os
from typing import TYPE_CHECKING, Any, Iterable, Mapping, Sequence

from .articles import OUTPUT_KEYS
from .extras import require
from .writers import arrow_schema, figure_rows

if TYPE_CHECKING:
    import pandas

__all__ = ["frame_from_rows", "to_dataframe"]


def frame_from_rows(rows: Sequence[Mapping[str, Any]], keep: Sequence[str] = (), keep_text: bool = False) -> pandas.DataFrame:
    """Table rows (see ``writers.figure_rows``) as a DataFrame with Arrow-backed, nullable dtypes."""
    pd = require("pandas", "DataFrames")
    pa = require("pyarrow", "DataFrames")
    table = pa.Table.from_pylist(list(rows), schema=arrow_schema(keep, keep_text))
    return table.to_pandas(types_mapper=pd.ArrowDtype)


def to_dataframe(
    results: Iterable[Mapping[str, Any]] | str | os.PathLike[str], *, keep_fields: Sequence[str] | None = None, keep_text: bool | None = None
) -> pandas.DataFrame:
    """One row per figure, one per article without figures (figure columns null, ``article_figures``
    0), and one per failed record (figure columns null, ``error_*`` set).

    ``results`` are output records, as ``extract_records`` yields them, or the path of a JSONL file
    that ``figextract extract`` wrote. Kept fields are the records' other keys unless given; the
    article text is kept (as ``article_text``) when the records carry it.
    """
    if isinstance(results, (str, os.PathLike)):
        results = _read_jsonl(os.fspath(results))
    records = list(results)
    for i, record in enumerate(records):
        if not isinstance(record, Mapping) or "id" not in record or ("figures" in record) == ("error" in record):
            raise ValueError(f"to_dataframe: results[{i}]: expected an output record with 'id' and either 'figures' or 'error' (as extract_records yields)")
    if keep_fields is None:
        keep_fields = list(dict.fromkeys(k for r in records for k in r if k not in OUTPUT_KEYS))
    if keep_text is None:
        keep_text = any("text" in r for r in records)
    rows = [row for r in records for row in figure_rows(r, keep_fields, keep_text)]
    return frame_from_rows(rows, keep_fields, keep_text)


def _read_jsonl(path: str) -> Iterable[Mapping[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            try:
                yield json.loads(line)
            except ValueError as exc:
                raise ValueError(f"to_dataframe: {path}:{lineno}: not valid JSON: {exc}") from None
