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
from figextract.archives.readers import Meter, ReadOptions, check_inputs, detect_format, input_size, iter_inputs

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


# ---- issue 11: links, folders, quotes and sizes --------------------------------------------------


def kinds_of(items: list[Item]) -> list[tuple[str, str]]:
    return [(i.id, i.kind if isinstance(i, Failure) else "ok") for i in items]


@pytest.mark.parametrize("link", [os.link, os.symlink])
def test_an_output_linked_to_the_input_is_the_input(tmp_path: Path, link: Callable[[Path, Path], None]) -> None:
    """F5: a hard link is the same file under another name; so is a symbolic link."""
    src = write_jsonl(tmp_path / "v.jsonl", RECORDS)
    link(src, tmp_path / "out.jsonl")
    with pytest.raises(ValueError, match=r"the output .*out\.jsonl is the input .*v\.jsonl; write it elsewhere"):
        check_inputs([str(src)], output=str(tmp_path / "out.jsonl"))


def test_an_output_inside_a_linked_folder_is_inside_the_input(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    write_files(folder)
    os.symlink(folder, tmp_path / "alias")
    with pytest.raises(ValueError, match="is inside the input"):
        check_inputs([str(folder)], output=str(tmp_path / "alias" / "out.jsonl"))


def test_a_folder_that_cannot_be_listed_is_one_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """F6: os.walk passed over it in silence. Root can list any folder, so listing it is made to fail."""
    folder = tmp_path / "news"
    (folder / "locked").mkdir(parents=True)
    (folder / "locked" / "hidden.txt").write_text("Four people died.", encoding="utf-8")
    write_files(folder)
    real_scandir = os.scandir

    def scandir(path: Any) -> Any:
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    items = read(folder)
    assert kinds_of(items) == [("a1.txt", "ok"), ("a2.txt", "ok"), ("a3.txt", "ok"), ("locked", "unreadable_folder")]
    assert items[3].where == str(folder / "locked") and "Permission denied" in items[3].message  # type: ignore[union-attr]


def test_links_in_a_folder_are_followed_inside_it_and_loops_reported(tmp_path: Path) -> None:
    """F6: a linked folder is read (it was skipped in silence), a link back up is a loop, reported once."""
    folder = tmp_path / "news"
    (folder / "2024").mkdir(parents=True)
    (folder / "2024" / "b.txt").write_text("Two people died.", encoding="utf-8")
    os.symlink(folder / "2024", folder / "latest")
    os.symlink(folder, folder / "2024" / "up")
    items = read(folder)
    assert kinds_of(items) == [("2024/b.txt", "ok"), ("2024/up", "link_loop"), ("latest/b.txt", "ok"), ("latest/up", "link_loop")]
    assert "not followed again" in items[1].message  # type: ignore[union-attr]


def test_links_out_of_the_folder_need_follow_symlinks(tmp_path: Path) -> None:
    """F6: a link that leaves the input folder is reported, naming where it leads, unless followed."""
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "c.txt").write_text("Three people died.", encoding="utf-8")
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text("One person died.", encoding="utf-8")
    os.symlink(outside, folder / "dir-link")
    os.symlink(outside / "c.txt", folder / "file-link.txt")
    items = read(folder)
    assert kinds_of(items) == [("a.txt", "ok"), ("dir-link", "outside_link"), ("file-link.txt", "outside_link")]
    assert f"a symbolic link to {outside}, outside the input folder" in items[1].message  # type: ignore[union-attr]
    assert "--follow-symlinks" in items[2].message and items[2].where == str(folder / "file-link.txt")  # type: ignore[union-attr]
    followed = list(iter_inputs(check_inputs([str(folder)]), SPEC, options=ReadOptions(follow_symlinks=True)))
    assert kinds_of(followed) == [("a.txt", "ok"), ("file-link.txt", "ok"), ("dir-link/c.txt", "ok")]
    assert input_size(str(folder), "dir", ReadOptions(follow_symlinks=True)) == 2 * len("Three people died.") + len("One person died.")


def test_an_unclosed_quote_is_one_failure_and_the_rows_it_swallowed_are_read(tmp_path: Path) -> None:
    """F7: the issue's file; q3 vanished into q2's text."""
    path = tmp_path / "u.csv"
    path.write_text('id,text\nq1,killed 5 people\nq2,"oops killed 3\nq3,killed 9 people\nq4,killed 2 people\n', encoding="utf-8")
    items = read(path, spec=FieldSpec())
    assert kinds_of(items) == [("q1", "ok"), ("q2", "unclosed_quote"), ("q3", "ok"), ("q4", "ok")]
    assert items[1].message == (  # type: ignore[union-attr]
        "a quote opened on line 3 is never closed: it swallowed the 2 line(s) after it, to the end of the file; they are read again as rows"
    )
    assert items[1].where == f"{path}:3 (id q2)" and items[2].where == f"{path}:4 (id q3)"
    assert plain(items[2:]) == [("q3", "killed 9 people"), ("q4", "killed 2 people")]


def test_a_quote_closed_in_the_wrong_place_names_the_lines_it_ran_over(tmp_path: Path) -> None:
    """F7: when a later quote closes the stray one, the rows between are reported, not merged in silence."""
    path = tmp_path / "v.csv"
    path.write_text('id,text\nq1,killed 5 people\nq2,"oops killed 3\nq3,"killed 9 people"\nq4,killed 2 people\n', encoding="utf-8")
    items = read(path, spec=FieldSpec())
    assert kinds_of(items) == [("q1", "ok"), (f"{path}:3", "bad_csv_row"), ("q4", "ok")]
    message = items[1].message  # type: ignore[union-attr]
    assert message.startswith("not a valid CSV row (lines 3-4)") and "runs on over the next 1 line(s): check that they are not records" in message


def test_an_unclosed_quote_too_long_to_keep_says_what_was_not_read(tmp_path: Path) -> None:
    path = tmp_path / "w.csv"
    line = "r{},killed {} people in the floods that hit the north of the country on Monday\n"
    path.write_text('id,text\nq1,"oops\n' + "".join(line.format(i, i) for i in range(15_000)), encoding="utf-8")
    items = list(iter_inputs(check_inputs([str(path)]), FieldSpec(), options=ReadOptions(max_chars=1000)))
    assert kinds_of(items) == [("q1", "unclosed_quote")]  # more than the 1 MiB and 2,000 characters a row may take
    assert "swallowed the 15000 line(s) after it" in items[0].message and "so they are not read" in items[0].message  # type: ignore[union-attr]


@pytest.mark.parametrize("seed", range(3))
def test_csv_rows_split_as_the_csv_module_reads_them(tmp_path: Path, seed: int) -> None:
    """The reader finds each record's lines itself; on any file csv.writer writes, it gives csv's rows."""
    import random

    rng = random.Random(seed)
    pieces = ['"', ",", "\n", "\r\n", " ", "a", "é", '""', "killed 4"]
    rows = [{"id": f"r{i}", "text": "".join(rng.choice(pieces) for _ in range(rng.randint(1, 12))) + "x", "date": rng.choice(["", '"', "d,e"])} for i in range(300)]
    path = write_csv(tmp_path / "r.csv", rows)
    with open(path, encoding="utf-8", newline="") as fh:
        expected = [(r["id"], r["text"], r["date"]) for r in csv.DictReader(fh)]
    items = read(path)
    assert [(i.id, i.text, i.kept["date"]) for i in items if isinstance(i, Article)] == expected and len(items) == len(expected)


def big_member(tmp_path: Path, pack: str, size: int) -> Path:
    """A folder, .zip, .tar.gz or .txt holding "big.txt", ``size`` characters, after "a-small.txt"."""
    big = "Floods killed 40 people. " * (size // 25)
    if pack == "txt":
        (tmp_path / "big.txt").write_text(big, encoding="utf-8")
        return tmp_path / "big.txt"
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a-small.txt").write_text("Two people died.", encoding="utf-8")
    (folder / "big.txt").write_text(big, encoding="utf-8")
    if pack == "dir":
        return folder
    target = tmp_path / f"news.{pack}"
    if pack == "zip":
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.write(folder / "a-small.txt", "a-small.txt")
            zf.write(folder / "big.txt", "big.txt")
    else:
        with tarfile.open(target, "w:gz") as tf:
            tf.add(folder / "a-small.txt", "a-small.txt")
            tf.add(folder / "big.txt", "big.txt")
    return target


@pytest.mark.parametrize("pack", ["zip", "tar.gz", "dir", "txt"])
def test_a_file_beyond_max_chars_is_too_large_and_read_no_further(tmp_path: Path, pack: str) -> None:
    """F8: a member of 20 MB is read whole no more: memory stays near the cap, whatever the file holds."""
    import tracemalloc

    path = big_member(tmp_path, pack, 20_000_000)
    tracemalloc.start()
    try:
        items = list(iter_inputs(check_inputs([str(path)]), SPEC, options=ReadOptions(max_chars=100_000)))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    big = str(path) if pack == "txt" else "big.txt"
    assert kinds_of(items) == ([] if pack == "txt" else [("a-small.txt", "ok")]) + [(big, "too_large")]
    assert items[-1].message.startswith("the file holds more than 100,000 characters, more than --max-chars 100,000 allows")  # type: ignore[union-attr]
    assert peak < 4_000_000, f"{peak:,} bytes at the peak"


def test_records_beyond_max_chars_are_too_large(tmp_path: Path) -> None:
    """F8: a text over the cap is a too_large failure with its id; a JSONL line or CSV row far over it is not even kept."""
    texts = ["x" * 1000, "y" * 1001, "z" * 3_000_000]
    rows = [{"id": f"t{i}", "text": t, "date": None} for i, t in enumerate(texts)]
    for path in (write_jsonl(tmp_path / "t.jsonl", rows), write_csv(tmp_path / "t.csv", rows)):
        items = list(iter_inputs(check_inputs([str(path)]), SPEC, options=ReadOptions(max_chars=1000)))
        assert kinds_of(items)[:2] == [("t0", "ok"), ("t1", "too_large")]
        assert items[1].message == "the text holds 1,001 characters, more than --max-chars 1,000; raise --max-chars to read it"  # type: ignore[union-attr]
        assert items[2].kind == "too_large" and items[2].where == f"{path}:{3 if path.suffix == '.jsonl' else 4}"  # type: ignore[union-attr]
    assert "the line is longer than 1,060,576 bytes" in items[2].message or "the row (lines 4-4) is longer" in items[2].message  # type: ignore[union-attr]
