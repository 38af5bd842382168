"""``figextract report``, ``extract --report`` and ``show`` over an archive or with --html."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from figextract.cli.main import main

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_ba8fba4bcf8b3400.txt"


def write_jsonl(path: Path, records: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


ARTICLES = [
    {"id": "a1", "date": "2024-03-02", "text": "Floods killed at least 40 people in the north, the Red Cross said."},
    {"id": "a2", "date": "2024-03-02", "text": "Officials said 35 people died in the floods."},
    {"id": "a3", "date": "2024-03-09", "text": "Markets were calm on Monday."},
    {"id": "a4", "date": "2024-03-10", "text": ""},
]


def test_report_writes_a_page_and_says_what_it_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    archive = write_jsonl(tmp_path / "in.jsonl", ARTICLES)
    assert main(["extract", str(archive), "-o", str(tmp_path / "f.jsonl"), "--keep-fields", "date", "--model", "blank", "--quiet"]) == 0
    out = tmp_path / "report.html"
    assert main(["report", str(tmp_path / "f.jsonl"), "-o", str(out)]) == 0
    capsys.readouterr()
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "<title>figextract report: f.jsonl</title>" in html
    assert main(["report", str(tmp_path / "f.jsonl"), "-o", str(out)]) == 2
    assert "report.html exists; pass --force" in capsys.readouterr().err


def test_report_line_counts_articles_and_figures(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    archive = write_jsonl(tmp_path / "in.jsonl", ARTICLES)
    assert main(["extract", str(archive), "-o", str(tmp_path / "f.csv"), "--keep-fields", "date", "--model", "blank", "--quiet"]) == 0
    capsys.readouterr()
    assert main(["report", str(tmp_path / "f.csv"), "-o", str(tmp_path / "r.html")]) == 0
    assert f"wrote {tmp_path / 'r.html'}: 4 articles, 2 figures" in capsys.readouterr().err


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_extract_report_writes_the_page_after_the_run(tmp_path: Path, fmt: str) -> None:
    archive = write_jsonl(tmp_path / "in.jsonl", ARTICLES)
    out, page = tmp_path / f"f.{fmt}", tmp_path / "r.html"
    totals = [] if fmt == "jsonl" else ["--totals", str(tmp_path / f"t.{fmt}")]
    args = ["extract", str(archive), "-o", str(out), "--keep-fields", "date", "--model", "blank", "--quiet", "--report", str(page), *totals]
    assert main(args) == 0
    html = page.read_text(encoding="utf-8")
    assert 'data-key="without-figures">1<' in html and 'data-key="error:empty_text">1<' in html
    assert "people in article totals" in html  # the totals table (or the JSONL totals) were read


def test_extract_report_checks_its_path_before_the_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    archive = write_jsonl(tmp_path / "in.jsonl", ARTICLES)
    (tmp_path / "r.html").write_text("mine", encoding="utf-8")
    out = tmp_path / "f.jsonl"
    assert main(["extract", str(archive), "-o", str(out), "--model", "blank", "--quiet", "--report", str(tmp_path / "r.html")]) == 2
    assert "r.html exists; pass --force" in capsys.readouterr().err and not out.exists()
    assert main(["extract", str(archive), "--model", "blank", "--quiet", "--report", str(tmp_path / "s.html")]) == 2
    assert "--report reads the output back, so it needs -o FILE" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        ("", "empty.jsonl", "empty.jsonl is empty: it holds no records"),
        ('{"id": "a", "error": {"kind": "empty_text", "message": "field \'text\' is empty", "where": "in.jsonl:1 (id a)"}}\n', "errors.jsonl",
         "errors.jsonl holds 1 records, every one of them an error (empty_text: 1)"),
        ("id,figure,text\na,0,x\n", "old.csv", "old.csv was written by an older figextract: it lacks the column(s)"),
        ("not json\n", "bad.jsonl", "bad.jsonl:1: not valid JSON"),
    ],
)  # fmt: skip
def test_bad_input_gives_a_message_and_no_traceback(tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, name: str, message: str) -> None:
    (tmp_path / name).write_text(content, encoding="utf-8")
    assert main(["report", str(tmp_path / name), "-o", str(tmp_path / "r.html")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("figextract report: ") and message in err and "Traceback" not in err
    assert not (tmp_path / "r.html").exists()


def test_a_missing_file_is_an_io_error_said_as_extract_says_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", str(tmp_path / "nope.jsonl"), "-o", str(tmp_path / "r.html")]) == 1
    assert capsys.readouterr().err.strip() == f"figextract report: {tmp_path / 'nope.jsonl'}: no such file or directory"
    assert not (tmp_path / "r.html").exists()


def test_totals_beside_a_jsonl_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    archive = write_jsonl(tmp_path / "in.jsonl", ARTICLES)
    assert main(["extract", str(archive), "-o", str(tmp_path / "f.jsonl"), "--model", "blank", "--quiet"]) == 0
    assert main(["report", str(tmp_path / "f.jsonl"), "-o", str(tmp_path / "r.html"), "--totals", str(tmp_path / "t.csv")]) == 2
    assert "whose records hold their totals already" in capsys.readouterr().err


def test_show_html_colours_each_type_and_labels_value_qualifier_source_and_part_of(tmp_path: Path) -> None:
    out = tmp_path / "view.html"
    text = "Gunmen killed 12 people, including 3 children, and wounded 20 others, police said."
    assert main(["show", text, "--model", "blank", "--html", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    assert "<title>figextract show: &#x27;Gunmen killed 12 people, including 3 children, and wounde...&#x27;</title>" in html
    assert "#0 killed =12 · police" in html and "#1 killed =3 · police · part of #0" in html and "#2 injured =20 · police" in html
    assert "background: #e45756" in html and "background: #f58518" in html  # killed red, injured orange
    assert "<script" not in html and "http" not in html.replace("http://www.w3.org", "")


def test_show_a_jsonl_archive_renders_its_first_n_articles_on_one_page(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    archive = write_jsonl(tmp_path / "news.jsonl", ARTICLES)
    out = tmp_path / "view.html"
    assert main(["show", str(archive), "--model", "blank", "--limit", "2", "--html", str(out)]) == 0
    printed = capsys.readouterr().out
    assert printed.startswith("# a1\n") and "# a2\n" in printed and "# a3" not in printed
    html = out.read_text(encoding="utf-8")
    assert "<title>figextract show: news.jsonl, the first 2 records</title>" in html
    assert html.count('<div class="view">') == 2 and "<h3>a1</h3>" in html and "<h3>a2</h3>" in html
    assert "#0 killed ≥40 · Red Cross" in html


def test_show_a_jsonl_archive_as_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    archive = write_jsonl(tmp_path / "news.jsonl", ARTICLES)
    assert main(["show", str(archive), "--model", "blank", "--json", "--totals"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert [r["id"] for r in records] == ["a1", "a2", "a3", "a4"]
    assert records[0]["totals"]["killed"]["value"] == 40 and records[2]["figures"] == [] and records[3]["error"]["kind"] == "empty_text"


def test_show_limit_must_be_positive(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    archive = write_jsonl(tmp_path / "news.jsonl", ARTICLES)
    assert main(["show", str(archive), "--model", "blank", "--limit", "0"]) == 2
    assert "--limit: expected a positive integer, instead got 0" in capsys.readouterr().err
