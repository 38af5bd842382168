"""Time and memory against the size of one document: is figextract linear in its input?

    .venv/bin/python benchmarks/scale.py                        # 1, 2, 5 and 10 MB of news, default model
    .venv/bin/python benchmarks/scale.py --sizes 1,2 --numbers 100000 --model blank

Each document is news built from the corpus (casualty reports from corpus/*.jsonl among ordinary
paragraphs from corpus/background.txt and benchmarks/batch.py's number-heavy news), seeded, as
one text given to ``figextract.extract``: a text longer than ``nlp.max_length`` goes through the
pipeline in chunks cut between paragraphs or sentences (README, "Long texts"). Then one sentence of
``--numbers`` numbers ("Shelling killed 0, 1, 2, … people."), the worst case for the per-figure steps.

Each run is a fresh process. The table gives seconds, seconds per MB and its ratio to the smallest
size (linear time keeps the ratio near 1), figures found, and peak resident memory (``ru_maxrss``)
of the process, in all and above the loaded pipeline. MB here is 2**20 characters.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from batch import OTHER_NEWS, casualty_texts  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
MB = 2**20
TARGET_RATIO = 1.5  # seconds per MB of the largest size against the smallest: at most this
TARGET_NUMBERS_MB = 590  # peak memory of the sentence of numbers (issue 11: it took 590 MB)


def news_document(chars: int, seed: int = 11) -> str:
    """About ``chars`` characters of news in paragraphs: one casualty report in three paragraphs."""
    rng = random.Random(seed)
    background = [line for line in (ROOT / "corpus" / "background.txt").read_text(encoding="utf-8").splitlines() if line.strip()]
    ordinary = background + list(OTHER_NEWS)
    reports = casualty_texts()
    paragraphs: list[str] = []
    size = 0
    while size < chars:
        paragraph = rng.choice(reports) if rng.random() < 1 / 3 else rng.choice(ordinary)
        paragraphs.append(paragraph)
        size += len(paragraph) + 2
    return "\n\n".join(paragraphs)[:chars]


def numbers_sentence(n: int) -> str:
    return "Shelling killed " + ", ".join(str(i % 997) for i in range(n)) + " people. Floods killed 40 people."


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # (kilobytes on Linux)


def worker(kind: str, amount: float, model: str | None) -> None:
    """One measurement in this process; prints a JSON line."""
    import figextract
    from figextract.pipeline.run import load_named

    nlp = load_named(model)
    figextract.extract("Shelling killed 5 people, police said.", nlp)  # (loads what loads lazily)
    loaded = peak_rss_mb()
    text = news_document(int(amount * MB)) if kind == "news" else numbers_sentence(int(amount))
    start = time.perf_counter()
    figures = figextract.extract(text, nlp)
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "chars": len(text), "figures": len(figures), "peak": peak_rss_mb(), "loaded": loaded}))


def measure(kind: str, amount: float, model: str | None) -> dict[str, float]:
    cmd = [sys.executable, __file__, "--worker", kind, "--amount", str(amount)] + (["--model", model] if model else [])
    run = subprocess.run(cmd, capture_output=True, text=True)
    if run.returncode != 0:
        raise SystemExit(f"{kind} {amount} failed ({run.returncode}): {run.stderr[-2000:]}")
    result: dict[str, float] = json.loads(run.stdout.strip().splitlines()[-1])
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1,2,5,10", help="document sizes in MB (default 1,2,5,10)")
    parser.add_argument("--numbers", type=int, default=600_000, help="numbers in the one long sentence (default 600,000; 0: skip)")
    parser.add_argument("--model", default=None, help="spaCy pipeline name, or 'blank' for rule-only (default: the default model)")
    parser.add_argument("--worker", choices=("news", "numbers"), help=argparse.SUPPRESS)
    parser.add_argument("--amount", type=float, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, args.amount, args.model)
        return 0
    sizes = [float(s) for s in args.sizes.split(",")]
    print(f"model: {args.model or 'default'}")
    print()
    print("| input | characters | seconds | s/MB | × smallest s/MB | figures | peak RSS MB | above the loaded pipeline MB |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    first: float | None = None
    ratio = 1.0
    for size in sizes:
        r = measure("news", size, args.model)
        per_mb = r["seconds"] / (r["chars"] / MB)
        first = first or per_mb
        ratio = per_mb / first
        print(f"| news, {size:g} MB | {r['chars']:,.0f} | {r['seconds']:.1f} | {per_mb:.1f} | {ratio:.2f} | {r['figures']:,.0f} | {r['peak']:,.0f} | {r['peak'] - r['loaded']:,.0f} |")
    verdicts = [f"time per MB at {sizes[-1]:g} MB / at {sizes[0]:g} MB = {ratio:.2f} ({'meets' if ratio <= TARGET_RATIO else 'ABOVE'} the {TARGET_RATIO} target: linear)"]
    ok = ratio <= TARGET_RATIO
    if args.numbers:
        r = measure("numbers", args.numbers, args.model)
        print(f"| one sentence of {args.numbers:,} numbers | {r['chars']:,.0f} | {r['seconds']:.1f} | {r['seconds'] / (r['chars'] / MB):.1f} | | {r['figures']:,.0f} | {r['peak']:,.0f} | {r['peak'] - r['loaded']:,.0f} |")
        ok = ok and r["peak"] < TARGET_NUMBERS_MB
        verdicts.append(f"one sentence of {args.numbers:,} numbers: peak {r['peak']:,.0f} MB ({'meets' if r['peak'] < TARGET_NUMBERS_MB else 'ABOVE'} the {TARGET_NUMBERS_MB} MB target)")
    print()
    print("\n".join(verdicts))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
