"""Throughput and memory of ``figextract extract`` over archives of growing size.

Builds a JSONL archive per size from casualty reports (the corpus, else the seed article) mixed with
news text that holds numbers but no casualties (sport, markets, politics, weather), then runs
``figextract extract`` on it with ``--n-process 1`` and ``2``. For each run it prints articles/s and
the peak resident memory of the whole process tree (the command and its workers, summed), sampled
from /proc every 20 ms; then the 2-process/1-process ratio per size and whether peak memory stays
within ±10% from the smallest size to the largest (streaming: memory must not grow with the input).

    .venv/bin/python benchmarks/batch.py                       # 10k and 100k articles, default model
    .venv/bin/python benchmarks/batch.py --sizes 1000,5000 --model blank

Articles/s counts the whole command, model loading included. Linux only (reads /proc).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIGEXTRACT = [sys.executable, "-m", "figextract.cli.main", "extract"]

# Written for this benchmark: numbers everywhere, casualties nowhere.
OTHER_NEWS = (
    "The home side won 3-1 on Saturday, their fourth straight victory, and now sit 6 points clear at the top of the table.",
    "Shares in the carmaker fell 7.2% to $48.10 after it cut its forecast for 2025 deliveries to 1.9 million vehicles.",
    "The bill passed the lower house by 221 votes to 204 and now goes to the Senate, where it needs 60 votes.",
    "Forecasters expect highs of 31C on Thursday before a band of rain brings up to 40mm to coastal areas overnight.",
    "The central bank left its benchmark rate at 4.25 percent, the 5th meeting in a row without a change.",
    "Organisers said 42,000 tickets had been sold for the festival, which runs for 10 days from 14 July.",
    "The company will open 120 stores next year and hire about 3,500 staff, its chief executive told investors.",
    "Turnout reached 68 percent, up from 61 percent in 2019, with 12 of the 15 districts reporting by midnight.",
    "The 34-year-old midfielder signed a two-year deal worth a reported £80,000 a week.",
    "Oil prices rose 2% to $84 a barrel after producers agreed to cut output by 500,000 barrels a day.",
    "The council approved a budget of 1.2 billion for the year, including 45 million for new bus lanes.",
    "Snow closed 14 mountain passes and airports reported delays of up to 3 hours on Monday morning.",
    "The museum's new wing, 6 years in the making, will show 400 works from the 19th century.",
    "Unemployment fell to 3.8% in May as employers added 272,000 jobs, more than the 180,000 economists expected.",
    "The relay team finished in 3 minutes 9 seconds, 0.4 seconds outside the world record set in 2023.",
    "Voters in 27 constituencies will return to the polls on 9 March after the results there were annulled.",
)


def casualty_texts() -> list[str]:
    texts = []
    for path in sorted((ROOT / "corpus").glob("*.jsonl")):
        texts += [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    if not texts:
        seed = (ROOT / "seeds" / "000_ba8fba4bcf8b3400.txt").read_text(encoding="utf-8")
        texts = [p for p in seed.split("\n\n") if p.strip()]
    return texts


def build_archive(path: Path, size: int, seed: int = 7) -> None:
    """``size`` articles: half of them carry a casualty report among 2-5 paragraphs of other news."""
    rng = random.Random(seed)
    reports = casualty_texts()
    with path.open("w", encoding="utf-8") as fh:
        for i in range(size):
            paragraphs = rng.sample(OTHER_NEWS, rng.randint(2, 5))
            if i % 2 == 0:
                paragraphs.insert(rng.randint(0, len(paragraphs)), rng.choice(reports))
            record = {"id": f"bench-{i:07d}", "date": f"2024-{i % 12 + 1:02d}-{i % 28 + 1:02d}", "text": "\n\n".join(paragraphs)}
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")


def tree_rss(root: int) -> int:
    """Resident bytes of ``root`` and all its descendants."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    page = os.sysconf("SC_PAGE_SIZE")
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
            parents[int(entry)] = int(fields[1])
            with open(f"/proc/{entry}/statm") as fh:
                rss[int(entry)] = int(fh.read().split()[1]) * page
        except (OSError, IndexError, ValueError):  # the process ended while we looked
            continue
    tree, frontier = {root}, [root]
    while frontier:
        pid = frontier.pop()
        for child, parent in parents.items():
            if parent == pid and child not in tree:
                tree.add(child)
                frontier.append(child)
    return sum(rss.get(pid, 0) for pid in tree)


def run_sampled(cmd: list[str]) -> tuple[float, int, subprocess.CompletedProcess[str]]:
    """Run ``cmd``: wall seconds, peak RSS of its process tree (sampled every 20 ms), and its result."""
    start = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_rss(proc.pid))
            time.sleep(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    elapsed = time.monotonic() - start
    done.set()
    sampler.join()
    return elapsed, peak, subprocess.CompletedProcess(cmd, proc.returncode, out, err)


def measure(archive: Path, out: Path, n_process: int, model: str, batch_size: int) -> tuple[float, int, str]:
    """Wall seconds, peak tree RSS in bytes, and the command's summary line."""
    cmd = [*FIGEXTRACT, str(archive), "-o", str(out), "--force", "--quiet", "--n-process", str(n_process), "--batch-size", str(batch_size)]
    if model != "default":
        cmd += ["--model", model]
    elapsed, peak, result = run_sampled(cmd)
    if result.returncode != 0:
        raise SystemExit(f"figextract extract failed ({result.returncode}): {result.stderr}")
    return elapsed, peak, result.stderr.strip().splitlines()[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,100000", help="comma-separated archive sizes in articles (default: 10000,100000)")
    parser.add_argument("--model", default="default", help="'default' (en_core_web_sm), 'blank' (rule-only) or a pipeline name")
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--processes", default="1,2", help="--n-process values to compare (default: 1,2)")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    processes = [int(p) for p in args.processes.split(",")]

    rows: dict[tuple[int, int], tuple[float, int]] = {}
    print(f"model: {args.model}, batch size: {args.batch_size}, cores: {os.cpu_count()}")
    print(f"{'articles':>9}  {'n-process':>9}  {'seconds':>8}  {'articles/s':>10}  {'peak RSS MB':>11}  summary")
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            archive = Path(tmp) / f"archive-{size}.jsonl"
            build_archive(archive, size)
            for n in processes:
                elapsed, peak, summary = measure(archive, Path(tmp) / "out.jsonl", n, args.model, args.batch_size)
                rows[size, n] = (size / elapsed, peak)
                print(f"{size:>9}  {n:>9}  {elapsed:>8.1f}  {size / elapsed:>10.0f}  {peak / 2**20:>11.0f}  {summary}", flush=True)
            archive.unlink()
    print()
    for size in sizes:
        if len(processes) > 1:
            base, other = rows[size, processes[0]][0], rows[size, processes[-1]][0]
            print(f"{size} articles: n-process {processes[-1]} / {processes[0]} = {other / base:.2f}x")
    if len(sizes) > 1:
        for n in processes:
            low, high = rows[sizes[0], n][1], rows[sizes[-1], n][1]
            change = high / low - 1
            verdict = "within" if abs(change) <= 0.10 else "OUTSIDE"
            print(f"n-process {n}: peak RSS {low / 2**20:.0f} MB at {sizes[0]} -> {high / 2**20:.0f} MB at {sizes[-1]} ({change:+.1%}, {verdict} ±10%)")


if __name__ == "__main__":
    main()
