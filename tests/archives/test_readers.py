"""Each input format round-trips, and every bad record, member or file becomes exactly one Failure."""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import tarfile
import zipfile
from pathlib import Path
from typing import Any, Callable

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from figextract.archives.articles import Article, Failure, FieldSpec, Item
from figextract.archives.readers import Meter, check_inputs, detect_format, iter_inputs

RECORDS = [
    {"id": "a1", "text": "At least 12 people were killed, police said.", "date": "2024-01-01"},
    {"id": "a2", "text": "Shares rose 4% on Monday.\n\nNo one was hurt.", "date": "2024-01-02"},
    {"id": "a3", "text": 'A "quoted", multi-line\ntext, with commas; and é ü 中文.', "date": None},
]
SPEC = FieldSpec(keep=("date",))


def write_jsonl(path: Path, rows: list[Any], opener: Callable[..., Any] = open) -> Path:
    with opener(path, "wt", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row) + "\n")
    return path


def write_csv(path: Path, rows: list[dict[str, Any]]) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=["id", "text", "date"])
        writer.writeheader()
        writer.writerows({k: ("" if v is None else v) for k, v in row.items()} for row in rows)
    return path


def write_files(root: Path) -> None:
    for row in RECORDS:
        (root / f"{row['id']}.txt").write_text(row["text"], encoding="utf-8")


def read(path: Path | str, fmt: str | None = None, spec: FieldSpec = SPEC) -> list[Item]:
    return list(iter_inputs(check_inputs([str(path)], fmt), spec))


def only(items: list[Item]) -> Failure:
    assert len(items) == 1 and isinstance(items[0], Failure), items
    return items[0]


def plain(items: list[Item]) -> list[tuple[str, str]]:
    assert all(isinstance(i, Article) for i in items), items
    return [(i.id, i.text) for i in items if isinstance(i, Article)]


# ---- round trips --------------------------------------------------------------------------------


def test_jsonl_round_trips(tmp_path: Path) -> None:
    items = read(write_jsonl(tmp_path / "a.jsonl", RECORDS))
    assert plain(items) == [(r["id"], r["text"]) for r in RECORDS]
    assert [i.kept for i in items] == [{"date": r["date"]} for r in RECORDS]
    assert items[0].where == f"{tmp_path / 'a.jsonl'}:1 (id a1)"


def test_gzipped_jsonl_round_trips(tmp_path: Path) -> None:
    items = read(write_jsonl(tmp_path / "a.jsonl.gz", RECORDS, gzip.open))
    assert plain(items) == [(r["id"], r["text"]) for r in RECORDS]


def test_csv_round_trips_with_quoted_newlines(tmp_path: Path) -> None:
    items = read(write_csv(tmp_path / "a.csv", RECORDS))
    assert plain(items) == [(r["id"], r["text"]) for r in RECORDS]
    # the second record's text spans three lines, so the third record starts on line 6
    assert [i.where.split(" ")[0].rsplit(":", 1)[1] for i in items] == ["2", "3", "6"]
    assert items[2].kept == {"date": ""}  # CSV has no null: an empty cell is an empty string


def test_parquet_round_trips(tmp_path: Path) -> None:
    pq.write_table(pa.Table.from_pylist(RECORDS), tmp_path / "a.parquet")
    items = read(tmp_path / "a.parquet")
    assert plain(items) == [(r["id"], r["text"]) for r in RECORDS]
    assert [i.kept for i in items] == [{"date": r["date"]} for r in RECORDS]
    assert items[1].where.endswith("a.parquet:row 2 (id a2)")


@pytest.mark.parametrize("pack", ["dir", "zip", "tar.gz", "tar"])
def test_collections_of_files_round_trip_with_the_same_ids(tmp_path: Path, pack: str) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    write_files(folder)
    target = {"dir": folder, "zip": tmp_path / "news.zip", "tar.gz": tmp_path / "news.tar.gz", "tar": tmp_path / "news.tar"}[pack]
    if pack == "zip":
        with zipfile.ZipFile(target, "w") as zf:
            for p in sorted(folder.iterdir()):
                zf.write(p, p.name)
    elif pack.startswith("tar"):
        with tarfile.open(target, "w:gz" if pack == "tar.gz" else "w") as tf:
            tf.add(folder, arcname=".")  # members "./a1.txt", as `tar -C news -czf news.tar.gz .` writes
    items = read(target)
    assert plain(items) == [(f"{r['id']}.txt", r["text"]) for r in RECORDS]
    assert [i.kept for i in items] == [{"date": None}] * 3


def test_html_files_are_reduced_to_text(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text("<html><head><title>x</title></head><body><h1>2 Dead</h1><p>Police said.</p></body></html>", encoding="utf-8")
    assert plain(read(page)) == [(str(page), "2 Dead\n\nPolice said.")]
    assert plain(read(page, "txt"))[0][1].startswith("<html>")  # --input-format overrides the suffix


def test_stdin_is_jsonl(monkeypatch: pytest.MonkeyPatch) -> None:
    data = "".join(json.dumps(r) + "\n" for r in RECORDS).encode("utf-8")
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data)))
    items = read("-")
    assert plain(items) == [(r["id"], r["text"]) for r in RECORDS]
    assert items[0].where == "<stdin>:1 (id a1)"


def test_several_inputs_in_order_and_the_meter_reaches_the_end(tmp_path: Path) -> None:
    a = write_jsonl(tmp_path / "a.jsonl", RECORDS[:2])
    b = write_csv(tmp_path / "b.csv", RECORDS[2:])
    meter = Meter()
    items = list(iter_inputs(check_inputs([str(a), str(b)]), SPEC, meter))
    assert [i.id for i in items] == ["a1", "a2", "a3"]
    assert meter.total == os.path.getsize(a) + os.path.getsize(b) and meter.fraction() == 1.0


# ---- bad input: one failure per bad record, nothing lost ----------------------------------------


def test_bad_jsonl_lines_each_become_one_failure(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    lines = [
        b'{"id": "ok1", "text": "Five people died."}',
        b'{"id": "x", "text": "unterminated}',
        b"[1, 2]",
        b'{"id": "m", "body": "no text field"}',
        b'{"id": "n", "text": 7}',
        b'{"id": "e", "text": ""}',
        b'{"id": "u", "text": "caf\xe9"}',
        b"",  # a blank line is no record
        b'{"id": "ok2", "text": "Two were hurt."}',
    ]
    path.write_bytes(b"\n".join(lines) + b"\n")
    items = read(path)
    kinds = [i.kind if isinstance(i, Failure) else "ok" for i in items]
    assert kinds == ["ok", "invalid_json", "not_an_object", "missing_text", "not_text", "empty_text", "undecodable", "ok"]
    bad = {i.kind: i for i in items if isinstance(i, Failure)}
    assert bad["invalid_json"].where == f"{path}:2" and "Unterminated string" in bad["invalid_json"].message
    assert bad["missing_text"].where == f"{path}:4 (id m)" and "'body'" in bad["missing_text"].message
    assert bad["undecodable"].message.startswith("not UTF-8: byte 0xe9 at column")
    assert items[-1].where == f"{path}:9 (id ok2)"


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("empty.jsonl", b"", "empty_file"),
        ("blank.jsonl", b"\n  \n", "empty_file"),
        ("empty.jsonl.gz", gzip.compress(b""), "empty_file"),
        ("empty.csv", b"", "empty_file"),
        ("header-only.csv", b"id,text\n", "empty_file"),
        ("empty.zip", b"", "empty_file"),
        ("empty.tar.gz", b"", "empty_file"),
        ("not.zip", b"this is not a zip file", "unreadable_file"),
        ("not.tar.gz", b"this is not a tar file", "unreadable_file"),
        ("not.parquet", b"PAR1 nothing", "unreadable_file"),
        ("empty.txt", b"", "empty_text"),
        ("tags.html", b"<p> </p><script>x</script>", "empty_text"),
    ],
)
def test_empty_and_damaged_files_give_one_failure(tmp_path: Path, name: str, content: bytes, kind: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    failure = only(read(path))
    assert failure.kind == kind and failure.where.startswith(str(path))


def test_empty_parquet_and_empty_directory(tmp_path: Path) -> None:
    pq.write_table(pa.Table.from_pylist([], schema=pa.schema([("id", pa.string()), ("text", pa.string())])), tmp_path / "e.parquet")
    assert only(read(tmp_path / "e.parquet")).kind == "empty_file"
    (tmp_path / "empty").mkdir()
    assert only(read(tmp_path / "empty")).kind == "empty_file"


def test_truncated_gzip_keeps_the_lines_before_the_damage(tmp_path: Path) -> None:
    data = gzip.compress("".join(json.dumps({"id": i, "text": "x " * 2000}) + "\n" for i in range(50)).encode())
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    items = read(path)
    assert all(isinstance(i, Article) for i in items[:-1]) and len(items) > 2
    last = items[-1]
    assert isinstance(last, Failure) and last.kind == "unreadable_file" and "cannot be read past line" in last.message


def test_bad_csv_rows(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(b"id,text\nok,Five people died.\nshort\nlong,a,b\nbyte,caf\xe9\nempty,\nok2,Two died.\n")
    items = read(path)
    kinds = [(i.kind if isinstance(i, Failure) else "ok", i.where.split(" ")[0].rsplit(":", 1)[1]) for i in items]
    assert kinds == [("ok", "2"), ("bad_csv_row", "3"), ("bad_csv_row", "4"), ("undecodable", "5"), ("empty_text", "6"), ("ok", "7")]
    assert "the row has 1 fields but the header has 2" in items[1].message  # type: ignore[union-attr]
    assert "byte 0xe9 in column 'text'" in items[3].message  # type: ignore[union-attr]


def test_csv_without_the_text_column_says_which_columns_there_are(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text("id,body\n1,Five died.\n", encoding="utf-8")
    failure = only(read(path))
    assert failure.kind == "missing_text" and "'id', 'body'" in failure.message and "--text-field" in failure.message
    assert plain(read(path, spec=FieldSpec(text="body"))) == [("1", "Five died.")]


def test_parquet_bad_rows(tmp_path: Path) -> None:
    table = pa.table({"id": [1, 2, None], "text": ["Five people died.", None, ""]})
    pq.write_table(table, tmp_path / "p.parquet")
    items = read(tmp_path / "p.parquet")
    assert [(i.id, i.kind if isinstance(i, Failure) else "ok") for i in items] == [("1", "ok"), ("2", "missing_text"), (f"{tmp_path / 'p.parquet'}:row 3", "empty_text")]
    wrong = tmp_path / "w.parquet"
    pq.write_table(pa.table({"id": ["a"], "body": ["x"]}), wrong)
    assert "'id', 'body'" in only(read(wrong)).message


def test_zip_with_a_directory_a_binary_and_other_files(tmp_path: Path) -> None:
    path = tmp_path / "mixed.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("2024/", b"")  # a directory entry: it holds files, it is no record
        zf.writestr("2024/a.txt", "Nine people died.")
        zf.writestr("2024/photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
        zf.writestr("2024/latin1.txt", "caf\xe9".encode("latin-1"))
        zf.writestr("notes.pdf", b"%PDF-1.4")
        zf.writestr("b.html", "<p>Two soldiers were wounded.</p>")
    items = read(path)
    got = [(i.id, i.kind if isinstance(i, Failure) else "ok") for i in items]
    assert got == [("2024/a.txt", "ok"), ("2024/photo.txt", "binary_file"), ("2024/latin1.txt", "undecodable"), ("notes.pdf", "unsupported_file"), ("b.html", "ok")]
    assert items[1].where == f"{path}:2024/photo.txt"
    assert "NUL bytes" in items[1].message  # type: ignore[union-attr]


def test_tar_links_are_reported(tmp_path: Path) -> None:
    path = tmp_path / "links.tar"
    with tarfile.open(path, "w") as tf:
        info = tarfile.TarInfo("a.txt")
        info.size = 10
        tf.addfile(info, io.BytesIO(b"Six died. "))
        link = tarfile.TarInfo("b.txt")
        link.type, link.linkname = tarfile.SYMTYPE, "a.txt"
        tf.addfile(link)
    items = read(path)
    assert [(i.id, i.kind if isinstance(i, Failure) else "ok") for i in items] == [("a.txt", "ok"), ("b.txt", "not_a_file")]
    assert "a link to a.txt" in items[1].message  # type: ignore[union-attr]


# ---- inputs the run cannot start with ------------------------------------------------------------


@pytest.mark.parametrize(("name", "fmt"), [("a.jsonl", "jsonl"), ("a.JSONL.GZ", "jsonl"), ("a.csv.gz", "csv"), ("a.pq", "parquet"), ("a.tgz", "tar"), ("a.htm", "html")])
def test_format_by_name(name: str, fmt: str) -> None:
    assert detect_format(name) == fmt


def test_unknown_suffix_asks_for_input_format(tmp_path: Path) -> None:
    (tmp_path / "a.dat").write_text("x")
    with pytest.raises(ValueError, match=r"cannot tell the input format from the name; pass --input-format"):
        check_inputs([str(tmp_path / "a.dat")])


def test_missing_input_and_misused_formats(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="nope.jsonl: no such file"):
        check_inputs([str(tmp_path / "nope.jsonl")])
    with pytest.raises(ValueError, match="is a directory"):
        check_inputs([str(tmp_path)], "jsonl")
    with pytest.raises(ValueError, match="standard input is read as JSONL"):
        check_inputs(["-"], "csv")
    with pytest.raises(ValueError, match="only once"):
        check_inputs(["-", "-"])
