"""Fuzz figextract: seeded inputs of every kind that broke it once, checked for crashes and invariants.

    .venv/bin/python benchmarks/fuzz.py                          # 100,000 inputs, default model
    .venv/bin/python benchmarks/fuzz.py --inputs 2000 --seed 7 --model blank

Kinds of input (in turn, so every kind gets its share): corpus articles and sentences (corpus/*.jsonl)
mutated by edits (numbers swapped for huge, decimal, worded or grouped ones; characters inserted,
deleted, duplicated, case-flipped; sentences spliced in; paragraph breaks), random Unicode, long
digit runs, huge integers in casualty sentences, nested parentheses, flattened tables and long
number lists. Every input runs through ``figextract.extract_many`` (``nlp.pipe`` in batches); one
in ``--compare-every`` also runs with ``prefilter=False``.

Checked: no exception; for every figure, offsets inside the text and ``text[start:end] == text``,
``low <= value <= high``, type, qualifier, unit, scope, category, group and source kind within the
vocabularies, value/low/high exact ``int`` within int64 (and at most ``numbers.MAX_COUNT``), index
fields pointing at another figure, and ``Figure.from_dict(json.loads(json.dumps(to_dict())))`` equal
to the figure; the same figures with and without the prefilter. Prints the counts (and the first
examples of each failure) and exits 1 on any failure.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

import regex

sys.path.insert(0, str(Path(__file__).resolve().parent))
from batch import casualty_texts  # noqa: E402

import figextract  # noqa: E402
from figextract.rules.lexicon import GROUPS, QUALIFIERS, SCOPES, SOURCE_KINDS, TYPES, UNITS, Lexicon, load_lexicon  # noqa: E402
from figextract.rules.numbers import MAX_COUNT  # noqa: E402
from figextract.rules.records import Figure, RecordError, check_offsets  # noqa: E402

INT64_MAX = 2**63 - 1
EXAMPLES = 3  # failures shown per kind of failure

# --- the inputs ------------------------------------------------------------------------------

CASUALTY_PHRASES = (
    "killed", "were killed", "were wounded", "died", "injured", "missing", "displaced", "people", "civilians",
    "the agency said", "the news agency said", "police said", "the ministry said", "officials said", "according to the UN",
    "the regional agency said", "The World Food Programme said", "at least", "more than", "nearly", "between",
)  # fmt: skip
NUMBER_WORDS = (
    "a quarter million", "three quarters of a billion", "half a dozen", "twenty-one", "one and a half million", "eleven billion",
    "a hundred hundred hundred hundred hundred", "several billion billion", "dozens", "tens of thousands", "a dozen dozen dozen",
    "one hundred and five", "two score", "nine hundred ninety-nine million",
)  # fmt: skip
# Code points by range: ASCII, Latin-1, general BMP (no surrogates: a Python str read from a file has
# none, and extract refuses one with a clear error), combining marks, zero-width and bidi controls,
# CJK, Arabic, astral (emoji, math), controls.
UNICODE_RANGES = (
    (0x20, 0x7E), (0xA0, 0xFF), (0x100, 0xD7FF), (0x300, 0x36F), (0x200B, 0x200F), (0x202A, 0x202E),
    (0x4E00, 0x9FFF), (0x0600, 0x06FF), (0x1F300, 0x1FAFF), (0x1D400, 0x1D7FF), (0x0, 0x1F), (0xE000, 0xFFFD),
)  # fmt: skip


def number_string(rng: random.Random) -> str:
    """A number as news (or a broken scrape) may write it: small, grouped, huge, decimal, worded, ranged."""
    pick = rng.randrange(12)
    if pick == 0:
        return str(rng.randint(0, 500))
    if pick == 1:
        return f"{rng.randint(1000, 10**9):,}"
    if pick == 2:  # around the limits: 2**53, 2**63, 2**64, MAX_COUNT
        return str(rng.choice((2**53, 2**63, 2**64, MAX_COUNT, 10**18)) + rng.randint(-2, 2))
    if pick == 3:
        return str(rng.randint(10**10, 10**40))
    if pick == 4:
        return f"{rng.randint(10**10, 10**30):,}"
    if pick == 5:
        return f"{rng.randint(0, 10**6)}.{rng.randint(0, 10**rng.randint(1, 40))}"
    if pick == 6:
        return rng.choice(NUMBER_WORDS)
    if pick == 7:
        low = rng.randint(0, 10**6)
        return rng.choice((f"{low}-{low + rng.randint(1, 10**12)}", f"{low} to {rng.randint(1, 99)} million", f"between {low} and {low * 7}"))
    if pick == 8:
        return f"{rng.randint(1, 999)}.{rng.randint(0, 9)}{rng.choice(('m', 'bn', 'k', ' million', ' billion', ' lakh', ' crore'))}"
    if pick == 9:  # European grouping
        return rng.choice((".", " ", "\u202f")).join(["1"] + [f"{rng.randint(0, 999):03d}" for _ in range(rng.randint(1, 12))])
    if pick == 10:
        return rng.choice(("5th", "1990s", "2015", "45-year-old", "$5", "7.8-magnitude", "4-0", "555-123-4567"))
    return "9" * rng.randint(1, 400)


def random_unicode(rng: random.Random, length: int) -> str:
    out = []
    for _ in range(length):
        low, high = rng.choice(UNICODE_RANGES)
        out.append(chr(rng.randint(low, high)))
    return "".join(out)


def _mutate(text: str, rng: random.Random, others: Sequence[str]) -> str:
    """One edit of ``text``."""
    edit = rng.randrange(8)
    pos = rng.randint(0, len(text))
    if edit == 0:  # swap a number
        numbers = list(regex.finditer(r"\d[\d,.]*", text))
        if numbers:
            m = rng.choice(numbers)
            return text[: m.start()] + number_string(rng) + text[m.end() :]
        return text[:pos] + " " + number_string(rng) + " " + text[pos:]
    if edit == 1:
        return text[:pos] + random_unicode(rng, rng.randint(1, 8)) + text[pos:]
    if edit == 2:
        return text[:pos] + text[pos + rng.randint(1, 30) :]
    if edit == 3:
        end = min(len(text), pos + rng.randint(1, 60))
        return text[:end] + text[pos:end] + text[end:]
    if edit == 4:
        end = min(len(text), pos + rng.randint(1, 40))
        return text[:pos] + text[pos:end].swapcase() + text[end:]
    if edit == 5:
        return text[:pos] + " " + rng.choice(CASUALTY_PHRASES) + " " + text[pos:]
    if edit == 6:
        return text[:pos] + rng.choice(("\n\n", "\n", ". ", " (", ") ", "\t")) + text[pos:]
    other = rng.choice(others)
    return text[:pos] + " " + other[: rng.randint(0, 400)] + " " + text[pos:]


def mutated(rng: random.Random, corpus: Sequence[str]) -> str:
    text = rng.choice(corpus)
    if rng.random() < 0.5:  # one sentence of it
        sentences = [s for s in regex.split(r"(?<=[.!?])\s+", text) if s]
        text = rng.choice(sentences) if sentences else text
    for _ in range(rng.randint(1, 4)):
        text = _mutate(text, rng, corpus)
    return text


def unicode_text(rng: random.Random, corpus: Sequence[str]) -> str:
    text = random_unicode(rng, rng.randint(0, 300))
    if rng.random() < 0.5:  # with casualty words among the noise
        for _ in range(rng.randint(1, 4)):
            pos = rng.randint(0, len(text))
            text = text[:pos] + " " + rng.choice((number_string(rng), *CASUALTY_PHRASES)) + " " + text[pos:]
    return text


def digit_run(rng: random.Random, corpus: Sequence[str]) -> str:
    length = rng.randint(4000, 6000) if rng.random() < 0.1 else rng.randint(1, 2000)  # (int() refuses more than 4,300)
    digits = "".join(rng.choice("0123456789") for _ in range(length))
    if rng.random() < 0.3:
        digits = rng.choice((",", ".", " ")).join(digits[i : i + 3] for i in range(0, len(digits), 3))
    template = rng.choice((
        "killed {} people", "Shelling killed {} people. Floods killed 40 people.", "{}", "At least {} civilians were wounded, police said.",
        "The teens, 15 and {}, were killed.", "Aged 19 to {}, they were shot.",
    ))  # fmt: skip
    return template.format(digits)


def huge_integer(rng: random.Random, corpus: Sequence[str]) -> str:
    template = rng.choice((
        "Shelling killed {} people.", "The toll rose to {} dead, the ministry said.", "{} people were displaced, according to the UN.",
        "More than {} civilians have been killed since 2011.", "Fighting left {} dead and {} wounded.",
    ))  # fmt: skip
    return template.format(*(number_string(rng) for _ in range(template.count("{}"))))


def parentheses(rng: random.Random, corpus: Sequence[str]) -> str:
    depth = rng.randint(1, 60)
    inner = rng.choice((rng.choice(corpus)[:500], f"killed {number_string(rng)} people", "(12 dead)", "the agency said"))
    closing = depth if rng.random() < 0.7 else rng.randint(0, depth)  # sometimes unbalanced
    text = rng.choice("([{") * depth + inner + rng.choice(")]}") * closing
    if rng.random() < 0.5:
        text = f"Shelling killed {rng.randint(1, 99)} people {text} police said."
    return text


def flattened_table(rng: random.Random, corpus: Sequence[str]) -> str:
    cols = rng.sample(["Killed", "Injured", "Missing", "Displaced", "Dead", "Affected", "Houses"], rng.randint(2, 5))
    sep = rng.choice((" ", " | ", "\t", "  ", ";"))
    rows = [sep.join(["Province", *cols])]
    for r in range(rng.randint(2, 40)):
        rows.append(sep.join([f"District {r}", *(number_string(rng) if rng.random() < 0.2 else f"{rng.randint(0, 5000):,}" for _ in cols)]))
    joiner = rng.choice((" ", "\n", sep))
    caption = rng.choice(("", "Casualties by province, according to OCHA: ", "Table 2. Flood impact\n"))
    return caption + joiner.join(rows)


def number_list(rng: random.Random, corpus: Sequence[str]) -> str:
    n = rng.randint(2, 1500)
    items = [number_string(rng) if rng.random() < 0.05 else str(rng.randint(0, 999)) for _ in range(n)]
    sep = rng.choice((", ", " ", " and ", ","))
    return rng.choice(("Shelling killed {} people.", "The victims were aged {}.", "{} were wounded", "Tolls: {}.")).format(sep.join(items))


GENERATORS: dict[str, Callable[[random.Random, Sequence[str]], str]] = {
    "mutated": mutated, "unicode": unicode_text, "digits": digit_run, "huge": huge_integer,
    "parentheses": parentheses, "table": flattened_table, "number_list": number_list,
}  # fmt: skip


def make_inputs(n: int, seed: int, corpus: Sequence[str]) -> Iterator[tuple[str, str]]:
    """``n`` (kind, text) pairs, made as they are asked for, the same for the same seed; kinds take turns."""
    rng = random.Random(seed)
    kinds = list(GENERATORS)
    for i in range(n):
        kind = kinds[i % len(kinds)]
        yield kind, GENERATORS[kind](rng, corpus)


# --- the checks ------------------------------------------------------------------------------


def _exact_count(value: object) -> bool:
    return type(value) is int and 0 <= value <= min(MAX_COUNT, INT64_MAX)


def violations(text: str, figs: Sequence[Figure], lex: Lexicon) -> list[str]:
    """Every broken invariant of ``figs`` found in ``text``, described."""
    out = []
    try:
        check_offsets(list(figs), text, "figures")
    except RecordError as exc:
        out.append(str(exc))
    for i, f in enumerate(figs):
        where = f"figures[{i}]"
        if not (0 <= f.start < f.end <= len(text)):
            out.append(f"{where}: offsets {f.start}:{f.end} outside the text (length {len(text)})")
        for name in ("value", "low", "high"):
            v = getattr(f, name)
            if not (v is None and name != "value") and not _exact_count(v):
                out.append(f"{where}.{name}: {v!r} ({type(v).__name__}) is no exact int within 0..{MAX_COUNT}")
        if (f.low is not None and f.low > f.value) or (f.high is not None and f.value > f.high):
            out.append(f"{where}: bounds do not hold: {f.low} <= {f.value} <= {f.high}")
        vocab = {"type": TYPES, "qualifier": QUALIFIERS, "unit": UNITS, "scope": SCOPES, "category": tuple(lex.group_of), "group": GROUPS}
        for name, allowed in vocab.items():
            if getattr(f, name) not in allowed:
                out.append(f"{where}.{name}: {getattr(f, name)!r} is not in the vocabulary")
        if f.source_kind is not None and f.source_kind not in SOURCE_KINDS:
            out.append(f"{where}.source_kind: {f.source_kind!r} is not in the vocabulary")
        try:
            if Figure.from_dict(json.loads(json.dumps(f.to_dict()))) != f:
                out.append(f"{where}: to_dict does not round-trip through JSON")
        except (RecordError, TypeError, ValueError) as exc:
            out.append(f"{where}: to_dict does not round-trip through JSON: {exc}")
    return out


@dataclass
class Report:
    """What a fuzz run found; ``failed`` when anything at all went wrong."""

    inputs: int = 0
    figures: int = 0
    compared: int = 0
    crashes: list[str] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)
    differences: list[str] = field(default_factory=list)
    by_kind: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def failed(self) -> bool:
        return bool(self.crashes or self.violations or self.differences)


def _results(texts: Sequence[str], nlp: object, batch_size: int) -> list[list[Figure] | str]:
    """The figures of each text, or the exception it raised, described (a batch that raises is
    run again text by text, so one bad input does not hide the others' results)."""
    try:
        return list(figextract.extract_many(texts, nlp, batch_size=batch_size))  # type: ignore[arg-type]
    except Exception:  # noqa: BLE001 - any exception is a finding
        pass
    out: list[list[Figure] | str] = []
    for text in texts:
        try:
            out.append(figextract.extract(text, nlp))  # type: ignore[arg-type]
        except Exception as exc:  # noqa: BLE001
            out.append(f"{type(exc).__name__}: {str(exc)[:200]}")
    return out


def _short(text: str) -> str:
    return repr(text if len(text) <= 160 else text[:100] + f"… ({len(text):,} characters) …" + text[-40:])


def fuzz(inputs: Iterable[tuple[str, str]], nlp: object, plain: object | None, compare_every: int,
         batch_size: int = 64, progress: Callable[[str], None] | None = None, total: int | None = None) -> Report:  # fmt: skip
    """Run every input through ``nlp`` and one in ``compare_every`` through ``plain`` (prefilter off)."""
    lex = load_lexicon()
    report = Report()
    start = time.perf_counter()
    batch: list[tuple[str, str]] = []

    def flush() -> None:
        texts = [t for _, t in batch]
        results = _results(texts, nlp, batch_size)
        compare = [j for j in range(len(batch)) if plain is not None and (report.inputs + j) % compare_every == 0]
        plain_results = _results([texts[j] for j in compare], plain, batch_size) if compare else []
        others = dict(zip(compare, plain_results))
        for j, ((kind, text), got) in enumerate(zip(batch, results)):
            report.by_kind[kind] = report.by_kind.get(kind, 0) + 1
            label = f"input {report.inputs + j} ({kind}) {_short(text)}"
            if isinstance(got, str):
                report.crashes.append(f"{label}: {got}")
                continue
            report.figures += len(got)
            report.violations += [f"{label}: {v}" for v in violations(text, got, lex)]
            if j in others:
                report.compared += 1
                other = others[j]
                if isinstance(other, str):
                    report.crashes.append(f"{label} with prefilter=False: {other}")
                elif [f.to_dict() for f in got] != [f.to_dict() for f in other]:
                    report.differences.append(f"{label}: prefilter {[(f.text, f.value, f.source) for f in got]} != {[(f.text, f.value, f.source) for f in other]}")
        report.inputs += len(batch)
        batch.clear()
        if progress is not None:
            elapsed = time.perf_counter() - start
            of = f"/{total:,}" if total else ""
            progress(f"{report.inputs:,}{of} inputs, {elapsed:,.0f} s, {report.inputs / elapsed:,.0f}/s; crashes {len(report.crashes)}, "
                     f"violations {len(report.violations)}, prefilter differences {len(report.differences)} of {report.compared:,}")  # fmt: skip

    for item in inputs:
        batch.append(item)
        if len(batch) == 1000:
            flush()
    if batch:
        flush()
    report.seconds = time.perf_counter() - start
    return report


def print_report(report: Report) -> None:
    print(f"inputs: {report.inputs:,} ({', '.join(f'{k} {v:,}' for k, v in report.by_kind.items())})")
    print(f"figures: {report.figures:,}; seconds: {report.seconds:,.0f} ({report.inputs / max(report.seconds, 1e-9):,.0f} inputs/s)")
    for name, found in (("crashes", report.crashes), ("invariant violations", report.violations), ("prefilter differences", report.differences)):
        extra = f" (of {report.compared:,} inputs run both ways)" if name == "prefilter differences" else ""
        print(f"{name}: {len(found):,}{extra}")
        for line in found[:EXAMPLES]:
            print(f"  {line[:600]}")
    print("FAILED" if report.failed else "OK: no crash, no violation, no prefilter difference")


def corpus_texts() -> list[str]:
    return casualty_texts()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--inputs", type=int, default=100_000, help="how many inputs (default 100,000)")
    parser.add_argument("--compare-every", type=int, default=10, help="one input in N also runs with prefilter=False (default 10: 10,000 of 100,000)")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--model", default=None, help="spaCy pipeline name, or 'blank' for rule-only (default: the default model)")
    parser.add_argument("--batch-size", type=int, default=64)
    args = parser.parse_args()
    from figextract.pipeline.run import load_named

    nlp, plain = load_named(args.model), load_named(args.model, prefilter=False)
    inputs = make_inputs(args.inputs, args.seed, corpus_texts())
    report = fuzz(inputs, nlp, plain, args.compare_every, args.batch_size, lambda line: print(line, file=sys.stderr, flush=True), args.inputs)
    print_report(report)
    return 1 if report.failed else 0


if __name__ == "__main__":
    sys.exit(main())
