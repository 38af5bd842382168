"""The README's examples run and print what the README says they print."""

from __future__ import annotations

import contextlib
import io
import re
import shlex
import subprocess
from pathlib import Path

import pytest

from figextract.cli.main import main

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```(\w*)\n(.*?)```", README, re.S)


def test_python_example_prints_what_it_says() -> None:
    code = next(body for lang, body in BLOCKS if lang == "python")
    expected = [line[2:] for line in code.splitlines() if line.startswith("# ")]
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "README.md", "exec"), {})
    assert out.getvalue().splitlines() == expected


def test_cli_example_prints_the_table_shown(capsys: pytest.CaptureFixture[str]) -> None:
    i = next(i for i, (lang, body) in enumerate(BLOCKS) if lang == "bash" and "figextract show" in body)
    first = BLOCKS[i][1].splitlines()[0]
    args = shlex.split(first)[1:]
    assert main(args) == 0
    assert capsys.readouterr().out.strip() == BLOCKS[i + 1][1].strip()


def test_show_totals_example_prints_the_tables_shown(capsys: pytest.CaptureFixture[str]) -> None:
    i = next(i for i, (lang, body) in enumerate(BLOCKS) if lang == "bash" and body.startswith(".venv/bin/figextract show") and "--totals" in body.splitlines()[0])
    args = shlex.split(BLOCKS[i][1].splitlines()[0])[1:]
    assert main(args) == 0
    assert capsys.readouterr().out.strip() == BLOCKS[i + 1][1].strip()


def test_readme_names_the_two_commands() -> None:
    ci = (Path(__file__).resolve().parent.parent / ".ci" / "run").read_text(encoding="utf-8")
    setup = next(body.strip() for lang, body in BLOCKS if lang == "bash" and "venv" in body)
    test = next(body.strip() for lang, body in BLOCKS if lang == "bash" and "pytest" in body)
    assert setup in ci.splitlines() and test in ci.splitlines()


def test_batch_example_writes_the_rows_shown(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    i = next(i for i, (lang, body) in enumerate(BLOCKS) if lang == "bash" and "figextract extract" in body)
    script = BLOCKS[i][1].replace("\\\n", " ")
    make, run = script.splitlines()[:2]
    monkeypatch.chdir(tmp_path)
    subprocess.run(["bash", "-c", make], check=True)
    assert main(shlex.split(run)[1:] + ["--quiet"]) == 0
    assert (tmp_path / "figures.csv").read_text(encoding="utf-8") == BLOCKS[i + 1][1]
    assert "--totals totals.csv" in run and (tmp_path / "totals.csv").read_text(encoding="utf-8") == BLOCKS[i + 2][1]
