"""The benchmark scripts still run and print what the README quotes (a smoke test, not a timing)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_speed_benchmark_prints_every_configuration_and_the_verdicts() -> None:
    args = ["--articles", "24", "--repeats", "1", "--processes", "1", "--scaling-articles", "0", "--texts", "news"]
    run = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "speed.py"), *args], capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    rows = [line.split(" | ") for line in run.stdout.splitlines() if line.startswith("| news | ")]
    configurations = {row[3] for row in rows if len(row) == 8}
    assert configurations == {"figextract", "figextract --no-prefilter", "en_core_web_sm", "quantulum3"}
    assert "news: figextract / en_core_web_sm on 1 process = " in run.stdout
    split = next(row for row in rows if len(row) == 5)  # | news | repair + plan | linker | parse stage | entity stage |
    assert sum(int(cell.strip(" |%")) for cell in split[1:]) in range(97, 104)  # shares of one whole, rounded


def test_speed_benchmark_refuses_an_unknown_text() -> None:
    run = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "speed.py"), "--texts", "news,wiki"], capture_output=True, text=True, timeout=120)
    assert run.returncode == 2
    assert "--texts: unknown text wiki" in run.stderr
