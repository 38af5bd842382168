"""Batch runs: articles through the pipeline in order, written a batch at a time, resumable.

``extract_records`` is the Python form of ``figextract extract``: the same records in, the same
JSONL records out. ``run`` is the job behind the command: skip what a resumed output already holds,
extract, write each batch, report progress.
"""

from __future__ import annotations

from collections import deque
from typing import Any, Callable, Iterable, Iterator, Mapping, Sequence

from spacy.language import Language

from .articles import Article, Extracted, Failure, FieldSpec, Item, Outcome, article_from_record, output_record
from ..pipeline.run import default_nlp, extract, extract_many
from .writers import ResumeError, Tally, Writer

__all__ = ["Engine", "check_sizes", "extract_records", "local_outcomes", "run", "skip_done", "summary_line"]

Engine = Callable[[Iterator[Item]], Iterator[Outcome]]


def local_outcomes(items: Iterable[Item], nlp: Language, batch_size: int = 64, n_process: int = 1) -> Iterator[Outcome]:
    """One outcome per item, in order: articles through ``nlp.pipe``, failures passed through.

    A failure records stand for goes through the pipeline as an empty text, so that every item keeps
    its place in the stream. Should the pipeline raise on some article, the articles in flight are
    redone one at a time: the one that raises becomes an ``extraction_failed`` record and the run
    goes on.
    """
    source = iter(items)
    reader_error: list[BaseException] = []
    while True:
        pending: deque[Item] = deque()

        def texts() -> Iterator[str]:
            while True:
                try:
                    item = next(source)
                except StopIteration:
                    return
                except Exception as exc:  # a reader's own bug: not the pipeline's, so not to be retried
                    reader_error.append(exc)
                    raise
                pending.append(item)
                yield item.text if isinstance(item, Article) else ""

        try:
            for figs in extract_many(texts(), nlp, batch_size=batch_size, n_process=n_process):
                item = pending.popleft()
                yield Extracted(item, figs) if isinstance(item, Article) else item
            return
        except Exception:
            if reader_error:
                raise
            while pending:
                yield _one_by_one(pending.popleft(), nlp)


def _one_by_one(item: Item, nlp: Language) -> Outcome:
    if not isinstance(item, Article):
        return item
    try:
        return Extracted(item, extract(item.text, nlp))
    except Exception as exc:  # noqa: BLE001 - one article must not end a run over millions
        message = f"figextract failed on this article ({type(exc).__name__}: {exc}); please report it with the text"
        return Failure(item.id, "extraction_failed", message, item.where, item.kept)


def extract_records(
    records: Iterable[Mapping[str, Any]],
    nlp: Language | None = None,
    *,
    text_field: str = "text",
    id_field: str = "id",
    keep_fields: Sequence[str] = (),
    keep_text: bool = False,
    batch_size: int = 64,
    n_process: int = 1,
) -> Iterator[dict[str, Any]]:
    """One output record per input record, in input order, as ``figextract extract`` writes them.

    ``{"id", ...keep_fields, ["text",] "figures": [...]}``, or ``{"id", ...keep_fields, "error":
    {"kind", "message", "where"}}`` for a record without a usable text. A record without an id field
    gets its position ("0", "1", ...) as id.
    """
    spec = FieldSpec(text_field, id_field, tuple(keep_fields))
    check_sizes(batch_size, n_process)
    items = (article_from_record(r, f"records[{i}]", spec, str(i)) for i, r in enumerate(records))
    for outcome in local_outcomes(items, nlp or default_nlp(), batch_size, n_process):
        yield output_record(outcome, keep_text)


def check_sizes(batch_size: int, n_process: int) -> None:
    """Refuse a batch size or a number of processes that is no positive integer (-1 processes: one per CPU)."""
    for name, value, also in (("batch size", batch_size, ""), ("number of processes", n_process, " or -1 (one per CPU)")):
        if not isinstance(value, int) or isinstance(value, bool) or not (value >= 1 or (also and value == -1)):
            raise ValueError(f"{name}: expected a positive integer{also}, instead got {value!r}")


def skip_done(items: Iterator[Item], done: Tally, output: str) -> None:
    """Pass over the records a resumed output already holds, checking the last one is the same record."""
    last: Item | None = None
    for n in range(done.records):
        last = next(items, None)
        if last is None:
            raise ResumeError(f"cannot resume: {output} holds {done.records} records but the input has only {n}; was it written from other inputs?")
    if last is not None and last.id != done.last_id:
        raise ResumeError(
            f"cannot resume: record {done.records} of {output} has id {done.last_id!r} but input record {done.records} has id "
            f"{last.id!r}; resume with the same inputs and --id-field, or pass --force to start over"
        )


def run(
    items: Iterator[Item], writer: Writer, engine: Engine, batch_size: int, progress: Callable[[int], None] | None = None, tally: Tally | None = None
) -> Tally:
    """Extract and write every item after those ``writer`` already holds.

    ``tally`` (new, or one the caller passes to read after an interrupt) counts what the output
    holds, resumed records included (an error record the writer put in place of one it could not
    write counts as an error). The writer is closed when the run completes; when it stops early,
    closing included (a full disk), it is aborted, which leaves JSONL and CSV resumable and no
    temporary file; on Ctrl-C the batch in hand is written first.
    """
    tally = tally if tally is not None else Tally(**vars(writer.resumed))
    batch: list[Outcome] = []

    def flush() -> None:
        for outcome in writer.write(batch):
            tally.add(outcome)
        batch.clear()

    try:
        skip_done(items, writer.resumed, writer.path)
        for outcome in engine(items):
            batch.append(outcome)
            if len(batch) >= batch_size:
                flush()
            if progress is not None:
                progress(tally.records + len(batch))
        flush()
        writer.close()
    except KeyboardInterrupt:
        try:
            flush()
        finally:
            writer.abort()
        raise
    except BaseException:
        writer.abort()
        raise
    return tally


def summary_line(tally: Tally, elapsed: float) -> str:
    """The line a run ends with: counts over the whole output, time of this run."""
    return f"read {tally.records}, ok {tally.ok}, errors {tally.errors}, figures {tally.figures}, elapsed {elapsed:.1f}s"

