"""The run file beside an output, ``OUTPUT.run.json``: the fingerprint of the run that writes it (what
it reads, with which options, by which figextract) and whether that run finished.

``--resume`` continues an output only when its run file holds the fingerprint of the run asked for:
other inputs or options are refused, and a run that finished is reported as such. The run file is
written before the output is started, marked complete once the output is final, and removed with an
output that cannot be continued (an aborted Parquet run).
"""

from __future__ import annotations

import contextlib
import json
import os
from typing import Any, Mapping, Sequence

from .articles import Outcome
from .readers import ReadOptions, input_fingerprint
from .writers import STDOUT, ResumeError, Tally, Writer, open_writer, write_atomically

__all__ = ["RUN_FILE_SUFFIX", "Recorded", "RunComplete", "fingerprint", "open_run", "run_file"]

RUN_FILE_SUFFIX = ".run.json"
# What each key of an input's fingerprint is, for the message that says which one differs.
_INPUT_KEYS = {
    "format": "its format", "path": "its path", "bytes": "its size in bytes", "files": "its number of files",
    "head_sha256": "its first MiB", "listing_sha256": "its list of files and sizes",
}  # fmt: skip


class RunComplete(Exception):
    """``--resume`` of a run that finished: there is nothing left to do; the message says so."""


def run_file(output: str) -> str:
    return output + RUN_FILE_SUFFIX


def fingerprint(inputs: Sequence[tuple[str, str]], read: ReadOptions, options: Mapping[str, Any]) -> dict[str, Any]:
    """The fingerprint of a run, as plain JSON: figextract's version, each input's
    (``readers.input_fingerprint``) and ``options``, those that decide what the output holds (keyed
    by their flag), with the reading options among them."""
    from .. import __version__

    opts = {**options, "max-chars": read.max_chars, "follow-symlinks": read.follow_symlinks}
    data = {"figextract": __version__, "inputs": [input_fingerprint(path, fmt, read) for path, fmt in inputs], "options": opts}
    return dict(json.loads(json.dumps(data)))  # as it reads back: lists for tuples


def open_run(
    output: str,
    fmt: str,
    keep: Sequence[str] = (),
    keep_text: bool = False,
    *,
    run: Mapping[str, Any],
    force: bool = False,
    resume: bool = False,
    totals: str | None = None,
) -> Writer:
    """``writers.open_writer`` with the run file holding the fingerprint ``run``.

    With ``resume``, an existing output is continued only if its run file holds ``run``; when that
    run finished, ``RunComplete`` is raised. Standard output has no run file.
    """
    if output == STDOUT or (force and resume):
        return open_writer(output, fmt, keep, keep_text, force=force, resume=resume, totals=totals)
    continuing = resume and os.path.exists(output)
    if continuing:
        try:
            _check_same_run(output, run)
        except RunComplete:
            if totals is not None and not os.path.exists(totals):
                raise ResumeError(f"{output} is complete but {totals} is not there: a totals table is written with its run; pass --force to write both") from None
            raise
    elif force or not os.path.exists(output):  # else open_writer refuses, and the old run file stays
        _remove(run_file(output))
    writer = open_writer(output, fmt, keep, keep_text, force=force, resume=resume, totals=totals)
    try:
        if not continuing:
            _save(output, run, None)
    except BaseException:
        writer.abort()
        raise
    return Recorded(writer, output, run)


def _check_same_run(output: str, run: Mapping[str, Any]) -> None:
    path = run_file(output)
    try:
        with open(path, encoding="utf-8") as fh:
            saved = json.load(fh)
    except FileNotFoundError:
        raise ResumeError(
            f"cannot resume {output}: there is no run file {path} beside it, so what it was written from cannot be checked "
            "(an older figextract or another program wrote it); pass --force to start over"
        ) from None
    except ValueError as exc:
        raise ResumeError(f"cannot resume {output}: its run file {path} is damaged ({exc}); pass --force to start over") from None
    then = saved.get("fingerprint") if isinstance(saved, dict) else None
    difference = _difference(then, run) if isinstance(then, dict) else f"its run file {path} is damaged (no fingerprint)"
    if difference:
        raise ResumeError(f"cannot resume {output}: {difference}; resume with the same inputs and options, or pass --force to start over")
    if saved.get("complete"):
        records = saved.get("records")
        held = f"{records:,} records" if isinstance(records, int) else "every record"
        raise RunComplete(f"{output} is complete: the run that wrote it finished ({held}); nothing to resume")


def _difference(then: Mapping[str, Any], now: Mapping[str, Any]) -> str | None:
    """What differs between the run that wrote an output and this one, first found; None if nothing."""
    if then.get("figextract") != now["figextract"]:
        return f"figextract {then.get('figextract')} wrote it, this is figextract {now['figextract']}"
    inputs = then.get("inputs")
    if not isinstance(inputs, list) or len(inputs) != len(now["inputs"]):
        return f"it was written from {len(inputs) if isinstance(inputs, list) else 'unknown'} input(s), this run reads {len(now['inputs'])}"
    for i, (a, b) in enumerate(zip(inputs, now["inputs"]), 1):
        if a != b:
            return f"input {i} is not the one it was written from ({_input_difference(a, b)})"
    saved = then.get("options")
    options: Mapping[str, Any] = saved if isinstance(saved, dict) else {}
    for key in sorted(options.keys() | now["options"].keys()):
        if options.get(key) != now["options"].get(key):
            return f"it was written with --{key} {options.get(key)!r}, this run has {now['options'].get(key)!r}"
    return None


def _input_difference(then: Any, now: Mapping[str, Any]) -> str:
    then = then if isinstance(then, dict) else {}
    for key, what in _INPUT_KEYS.items():
        if then.get(key) != now.get(key):
            return f"{what} differs" if key.endswith("sha256") else f"{what}: {then.get(key)} then, {now.get(key)} now"
    return "its fingerprint differs"


def _save(output: str, run: Mapping[str, Any], tally: Tally | None) -> None:
    """Write the run file: complete, with the counts, when ``tally`` is given."""
    data: dict[str, Any] = {"fingerprint": run, "complete": tally is not None}
    if tally is not None:
        data.update(records=tally.records, ok=tally.ok, errors=tally.errors, figures=tally.figures)
    write_atomically(run_file(output), json.dumps(data, indent=1).encode("utf-8"))


def _remove(path: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.remove(path)


class Recorded(Writer):
    """A writer whose run file is marked complete when its output is, and removed when an aborted
    output cannot be continued."""

    def __init__(self, writer: Writer, output: str, run: Mapping[str, Any]) -> None:
        super().__init__(writer.path, writer.keep, writer.keep_text)
        self.writer, self.output, self.run = writer, output, run
        self.resumed, self.resumable = writer.resumed, writer.resumable
        self.tally = Tally(**vars(writer.resumed))

    def write(self, outcomes: Sequence[Outcome]) -> list[Outcome]:
        written = self.writer.write(outcomes)
        for outcome in written:
            self.tally.add(outcome)
        return written

    def close(self) -> None:
        self.writer.close()
        _save(self.output, self.run, self.tally)

    def abort(self) -> None:
        try:
            self.writer.abort()
        finally:
            if not self.resumable:
                _remove(run_file(self.output))
