"""Reading extract's outputs back: articles put together from rows, and bad files refused by name."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from figextract.report import make_report
from figextract.report.read import ReportInputError, open_figures


def articles(path: Path) -> list[tuple[str, int, str | None]]:
    """(id, figures, error kind) of every article the reader gives."""
    return [(a.id, len(a.figures), a.error["kind"] if a.error else None) for a in open_figures(str(path)).articles()]


def test_the_three_formats_give_the_same_articles(outputs: dict[str, Path]) -> None:
    from_jsonl = articles(outputs["jsonl"])
    assert from_jsonl == articles(outputs["csv"]) == articles(outputs["parquet"])
    assert len(from_jsonl) == len(outputs["input"].read_text(encoding="utf-8").splitlines())


def test_kept_fields_and_text_are_found(outputs: dict[str, Path]) -> None:
    for fmt in ("jsonl", "csv", "parquet"):
        file = open_figures(str(outputs[fmt]))
        assert (file.keep, file.has_text, file.has_totals) == (("date",), True, fmt == "jsonl")


def rewrite_csv(src: Path, dst: Path, edit) -> Path:  # type: ignore[no-untyped-def]
    with src.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    with dst.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(edit(rows))
    return dst


def drop_column(name: str):  # type: ignore[no-untyped-def]
    def edit(rows: list[list[str]]) -> list[list[str]]:
        i = rows[0].index(name)
        return [r[:i] + r[i + 1 :] for r in rows]

    return edit


def test_a_csv_from_before_articles_without_figures_had_rows_is_refused(outputs: dict[str, Path], tmp_path: Path) -> None:
    """The version before this one wrote no 'article_figures' column and no row for an article without figures."""

    def older(rows: list[list[str]]) -> list[list[str]]:
        i = rows[0].index("article_figures")
        kept = [rows[0]] + [r for r in rows[1:] if r[rows[0].index("figure")] or r[rows[0].index("error_kind")]]
        return [r[:i] + r[i + 1 :] for r in kept]

    old = rewrite_csv(outputs["csv"], tmp_path / "old.csv", older)
    with pytest.raises(ReportInputError, match=r"old.csv was written by an older figextract: it has no column 'article_figures', so articles without figures"):
        open_figures(str(old))


def test_a_csv_from_before_scope_and_implicit_is_refused(outputs: dict[str, Path], tmp_path: Path) -> None:
    def older(rows: list[list[str]]) -> list[list[str]]:
        return drop_column("scope")(drop_column("implicit")(drop_column("article_figures")(rows)))

    old = rewrite_csv(outputs["csv"], tmp_path / "old.csv", older)
    with pytest.raises(ReportInputError, match=r"old.csv was written by an older figextract: it lacks the column\(s\) article_figures, scope; write it again"):
        open_figures(str(old))


def test_a_parquet_with_missing_columns_is_refused(outputs: dict[str, Path], tmp_path: Path) -> None:
    table = pq.read_table(outputs["parquet"]).drop_columns(["type", "value"])
    pq.write_table(table, tmp_path / "cut.parquet")
    with pytest.raises(ReportInputError, match=r"cut.parquet was written by an older figextract: it lacks the column\(s\) value, type"):
        open_figures(str(tmp_path / "cut.parquet"))
    pq.write_table(pa.table({"name": ["x"], "count": [3]}), tmp_path / "other.parquet")
    with pytest.raises(ReportInputError, match=r"other.parquet is not a figures table written by figextract extract: it lacks the column\(s\) id, figure"):
        open_figures(str(tmp_path / "other.parquet"))


def test_a_parquet_column_of_the_wrong_type_is_named(outputs: dict[str, Path], tmp_path: Path) -> None:
    table = pq.read_table(outputs["parquet"])
    i = table.schema.get_field_index("value")
    table = table.set_column(i, "value", pa.array([None if v is None else str(v) for v in table.column("value").to_pylist()], pa.string()))
    pq.write_table(table, tmp_path / "typed.parquet")
    with pytest.raises(ReportInputError, match=r"typed.parquet: row \d+: column 'value' should hold an integer, instead got '\d+'"):
        list(open_figures(str(tmp_path / "typed.parquet")).articles())


def test_a_totals_table_given_as_figures_is_named(outputs: dict[str, Path]) -> None:
    with pytest.raises(ReportInputError, match=r"totals.csv is a totals table \(extract --totals\); report on the figures table and pass this one with --totals"):
        open_figures(str(outputs["csv-totals"]))


@pytest.mark.parametrize("name", ["empty.jsonl", "empty.csv", "empty.parquet"])
def test_an_empty_file_is_refused(tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_bytes(b"")
    with pytest.raises(ReportInputError, match=rf"{name} is empty: it holds no records"):
        open_figures(str(tmp_path / name))


def test_a_csv_with_only_its_header_holds_no_records(outputs: dict[str, Path], tmp_path: Path) -> None:
    header = rewrite_csv(outputs["csv"], tmp_path / "header.csv", lambda rows: rows[:1])
    with pytest.raises(ReportInputError, match=r"header.csv holds no records, only its header"):
        make_report(str(header))


def test_a_file_of_only_errors_says_so(tmp_path: Path) -> None:
    path = tmp_path / "errors.jsonl"
    errors = [{"id": f"e{i}", "error": {"kind": "missing_text", "message": "no field 'text'", "where": f"in.jsonl:{i + 1} (id e{i})"}} for i in range(3)]
    path.write_text("".join(json.dumps(e) + "\n" for e in errors), encoding="utf-8")
    with pytest.raises(ReportInputError, match=r"errors.jsonl holds 3 records, every one of them an error \(missing_text: 3\), so there is no figure .* in.jsonl:1 \(id e0\): no field 'text'"):
        make_report(str(path))


def test_csv_rows_out_of_order_or_cut_short_are_named(outputs: dict[str, Path], tmp_path: Path) -> None:
    def cut(rows: list[list[str]]) -> list[list[str]]:
        fig = rows[0].index("figure")
        first_second = next(i for i, r in enumerate(rows) if r[fig] == "1")
        return rows[:first_second] + rows[first_second + 1 :]  # an article loses its figure 1

    broken = rewrite_csv(outputs["csv"], tmp_path / "cut.csv", cut)
    with pytest.raises(ReportInputError, match=r"cut.csv:\d+: (article '\w+' has 1 figure rows but 'article_figures' says \d|figure 2 of article)"):
        list(open_figures(str(broken)).articles())


def test_a_jsonl_line_of_another_shape_is_named(tmp_path: Path) -> None:
    path = tmp_path / "other.jsonl"
    path.write_text('{"id": "a", "figures": []}\n{"id": "b", "text": "Five died."}\n', encoding="utf-8")
    with pytest.raises(ReportInputError, match=r"other.jsonl:2: expected a record figextract extract writes"):
        list(open_figures(str(path)).articles())


def test_a_jsonl_from_before_scope_is_refused(tmp_path: Path, outputs: dict[str, Path]) -> None:
    records = [json.loads(line) for line in outputs["jsonl"].read_text(encoding="utf-8").splitlines()]
    for r in records:
        for f in r.get("figures", []):
            del f["scope"]
    path = tmp_path / "old.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    with pytest.raises(ReportInputError, match=r"old.jsonl:\d+: figure 0 has no 'scope': the file was written by an older figextract"):
        list(open_figures(str(path)).articles())
