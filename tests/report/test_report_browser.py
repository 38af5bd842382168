"""The report in a real browser: headless Chromium, network off, no console message, nothing fetched."""

from __future__ import annotations

from pathlib import Path

import pytest

from figextract.report import make_report, write_page
from figextract.report.browser import chromium, open_offline
from figextract.report.charts import CHARTS
from figextract.report.page import SECTIONS

pytestmark = pytest.mark.skipif(chromium() is None, reason="chromium is not installed (Debian: apt-get install chromium; .ci/run installs it)")


def test_the_check_sees_console_errors_and_requests(tmp_path: Path) -> None:
    """The method itself: a page that logs an error and fetches an image is caught."""
    page = tmp_path / "bad.html"
    page.write_text(
        '<!DOCTYPE html><html><head><title>t</title></head><body><img src="https://cdn.example.org/x.png">'
        '<svg><rect width="10" height="x"/></svg><script>console.error("boom")</script></body></html>',
        encoding="utf-8",
    )
    run = open_offline(page)
    assert any('"boom"' in line for line in run.console)
    assert any("attribute height" in line for line in run.console)  # an SVG error is a console error too
    assert run.requests == ["https://cdn.example.org/x.png"]


def test_the_report_opens_offline_without_console_messages(tmp_path: Path, outputs: dict[str, Path]) -> None:
    page = tmp_path / "report.html"
    write_page(str(page), make_report(str(outputs["csv"]), totals=str(outputs["csv-totals"])).html)
    run = open_offline(page)
    assert run.console == [] and run.requests == []
    assert all(f'id="{key}"' in run.dom for key, _ in SECTIONS)
    assert all(f'id="chart-{key}"' in run.dom for key in CHARTS)
    assert run.dom.count("<svg") >= len(CHARTS)
