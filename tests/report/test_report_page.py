"""The report page: every section, every chart as SVG, and summary numbers that match the file."""

from __future__ import annotations

import csv
import json
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from figextract.report import make_report
from figextract.report.charts import CHARTS
from figextract.report.page import SECTIONS


class PageParser(HTMLParser):
    """What the tests read off a page: summary numbers by ``data-key``, chart figures holding an SVG,
    section ids, and any reference to another file or host."""

    def __init__(self) -> None:
        super().__init__()
        self.numbers: dict[str, str] = {}
        self.charts: dict[str, int] = {}  # chart id -> <svg> elements inside it
        self.sections: list[str] = []
        self.references: list[str] = []
        self.scripts = 0
        self._key: str | None = None
        self._chart: str | None = None
        self._depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "figure" and (a.get("id") or "").startswith("chart-"):
            self._chart, self._depth = a["id"], 0
            self.charts[a["id"] or ""] = 0
        if self._chart is not None:
            self._depth += tag == "figure"
            self.charts[self._chart] += tag == "svg"
        if tag == "section":
            self.sections.append(a.get("id") or "")
        if a.get("data-key"):
            self._key = a["data-key"]
        self.scripts += tag == "script"
        for name in ("src", "href", "xlink:href"):
            value = a.get(name)
            if value and not value.startswith("#"):
                self.references.append(value)

    def handle_endtag(self, tag: str) -> None:
        if self._chart is not None and tag == "figure":
            self._depth -= 1
            if self._depth == 0:
                self._chart = None

    def handle_data(self, data: str) -> None:
        if self._key is not None:
            self.numbers[self._key] = data.strip()
            self._key = None


def parse(page: str) -> PageParser:
    parser = PageParser()
    parser.feed(page)
    return parser


def summary_from_jsonl(path: Path) -> Counter[str]:
    """The summary counted here, line by line, without figextract's reader."""
    counts: Counter[str] = Counter()
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        counts["articles"] += 1
        if "error" in record:
            counts["errors"] += 1
            counts[f"error:{record['error']['kind']}"] += 1
        else:
            counts["with-figures" if record["figures"] else "without-figures"] += 1
            counts["figures"] += len(record["figures"])
    return counts


def summary_from_table(rows: list[dict[str, object]]) -> Counter[str]:
    """The summary counted from table rows: an article starts at figure 0 or at a row with no figure."""
    counts: Counter[str] = Counter()
    for row in rows:
        figure, error = row["figure"], row["error_kind"]
        counts["articles"] += figure in (None, "", 0, "0")
        counts["with-figures"] += figure in (0, "0")
        counts["without-figures"] += figure in (None, "") and error in (None, "")
        counts["figures"] += figure not in (None, "")
        if error not in (None, ""):
            counts["errors"] += 1
            counts[f"error:{error}"] += 1
    return counts


def independent_summary(fmt: str, path: Path) -> Counter[str]:
    if fmt == "jsonl":
        return summary_from_jsonl(path)
    if fmt == "csv":
        with path.open(encoding="utf-8", newline="") as fh:
            return summary_from_table(list(csv.DictReader(fh)))
    return summary_from_table(pq.read_table(path).to_pylist())


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_every_summary_number_equals_one_counted_from_the_file(fmt: str, outputs: dict[str, Path]) -> None:
    totals = outputs.get(f"{fmt}-totals")
    page = parse(make_report(str(outputs[fmt]), totals=str(totals) if totals else None).html)
    expected = independent_summary(fmt, outputs[fmt])
    shown = {key: int(text.replace(",", "")) for key, text in page.numbers.items()}
    assert shown == {k: expected[k] for k in ("articles", "with-figures", "without-figures", "errors", "figures")} | {
        k: n for k, n in expected.items() if k.startswith("error:")
    }
    assert expected["without-figures"] > 0 and expected["errors"] == 3 and expected["error:empty_text"] == 2


def test_the_three_formats_give_the_same_summary(outputs: dict[str, Path]) -> None:
    pages = [parse(make_report(str(outputs[fmt])).html).numbers for fmt in ("jsonl", "csv", "parquet")]
    assert pages[0] == pages[1] == pages[2]


def test_each_chart_is_an_inline_svg_and_every_section_is_there(outputs: dict[str, Path]) -> None:
    page = parse(make_report(str(outputs["jsonl"])).html)
    assert page.charts == {f"chart-{key}": 1 for key in CHARTS}
    assert page.sections == [key for key, _ in SECTIONS]


def test_the_page_loads_nothing_from_elsewhere(outputs: dict[str, Path]) -> None:
    html = make_report(str(outputs["csv"]), totals=str(outputs["csv-totals"])).html
    page = parse(html)
    assert page.references == [] and page.scripts == 0
    assert "@import" not in html and "url(" not in html


def test_people_by_type_in_article_totals_match_the_totals_in_the_file(outputs: dict[str, Path]) -> None:
    """The "people (article totals)" column adds up each record's totals, cumulative-only types left out."""
    expected: Counter[str] = Counter()
    for line in outputs["jsonl"].read_text(encoding="utf-8").splitlines():
        for kind, total in json.loads(line).get("totals", {}).items():
            if total["how"] != "none":
                expected[kind] += total["value"]
    for fmt, totals in (("jsonl", None), ("csv", outputs["csv-totals"]), ("parquet", outputs["parquet-totals"])):
        result = make_report(str(outputs[fmt]), totals=str(totals) if totals else None).result
        assert result.counts.total_people == expected and sum(expected.values()) > 0


def test_without_a_totals_table_the_sums_over_time_are_of_standalone_figures(outputs: dict[str, Path]) -> None:
    """Each dated figure that stands alone is in exactly one week; restatements, breakdowns, replaced
    tolls, cumulative figures and undated articles are not."""
    expected: Counter[str] = Counter()
    for line in outputs["jsonl"].read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if record.get("date", "").startswith("2024-"):
            for f in record.get("figures", []):
                if f["scope"] == "incident" and f["part_of"] is None and f["same_as"] is None and f["superseded_by"] is None:
                    expected[f["type"]] += f["value"]
    report = make_report(str(outputs["csv"]))
    summed: Counter[str] = Counter()
    for _, kind, people in report.result.series:
        summed[kind] += people
    assert not report.result.counts.use_totals and "people in figures that stand alone" in report.html
    assert summed == expected and report.result.counts.bad_dates == 1


def test_largest_figures_come_with_their_sentence_and_article(outputs: dict[str, Path]) -> None:
    result = make_report(str(outputs["jsonl"])).result
    largest = result.counts.largest.largest_first()
    # The test archive holds most texts three times: a figure of the same text at the same place is
    # one figure, shown once with the number of other articles that repeat it.
    seen: dict[tuple[str, int], list[int]] = {}  # (text, start) -> [value, order of first sight, repeats]
    for line in outputs["jsonl"].read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        for f in record.get("figures", []):
            entry = seen.setdefault((record["text"], f["start"]), [f["value"], len(seen), -1])
            entry[2] += 1
    expected = sorted(seen.values(), key=lambda e: (-e[0], e[1]))[:20]
    assert [(s.value, n) for s, n in largest] == [(value, repeats) for value, _, repeats in expected]
    assert {n for _, n in largest} == {1, 2}
    first = largest[0][0]
    assert first.sentence[first.start : first.end] == first.mention and len(first.sentence) > len(first.mention)
    assert first.article.startswith("a")


def test_a_date_field_can_be_named_and_must_exist(outputs: dict[str, Path]) -> None:
    with pytest.raises(ValueError, match=r"--date-field published: .*figures.jsonl has no such field \(its kept fields: date\)"):
        make_report(str(outputs["jsonl"]), date_field="published")
    assert make_report(str(outputs["jsonl"]), date_field="date", period="month").result.period == "month"
