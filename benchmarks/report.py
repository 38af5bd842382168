"""Time and memory of ``figextract report`` on the archive of ``benchmarks/batch.py``.

1. Builds the 100,000-article archive of ``benchmarks/batch.py`` (its ``build_archive``: corpus
   reports mixed with news that holds numbers but no casualties, dated across 2024) and runs
   ``figextract extract ARCHIVE -o figures.jsonl --keep-fields date --keep-text`` on it, one
   process. Both are kept in ``--workdir`` and reused by the next run (delete them to redo).
2. Writes the same records as CSV and Parquet with extract's own row function
   (``writers.figure_rows``, the rows ``extract -o figures.csv`` writes), instead of running the
   model twice more.
3. Times ``figextract report`` on each of the three, pinned to one core (``taskset -c 0``), with the
   peak resident memory of the command (sampled every 20 ms), and writes the page.
4. Memory against size: figures files of 10^4, 10^5 and 10^6 figures, made from the extract output's
   own records, repeated with new ids until the count is reached (the real output's shape, not a
   model of it), reported on in each format.
5. Opens the 100k page in headless Chromium with the network off (``figextract.report.browser``):
   console messages and requests must be none; saves a screenshot of the top of the page.

    .venv/bin/python benchmarks/report.py                                   # the full run
    .venv/bin/python benchmarks/report.py --articles 2000 --scales 1000,10000 --model blank   # a quick one

Linux only (reads /proc, uses taskset when present).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Iterator

sys.path.insert(0, str(Path(__file__).resolve().parent))
from batch import build_archive, run_sampled  # noqa: E402

from figextract.archives.writers import arrow_schema, columns, figure_rows  # noqa: E402
from figextract.report.browser import chromium, open_offline  # noqa: E402

KEEP = ("date",)
FIGEXTRACT = [sys.executable, "-m", "figextract.cli.main"]
PARQUET_ROWS = 65_536


def one_core(cmd: list[str]) -> list[str]:
    """``cmd`` pinned to the first CPU, when taskset is there."""
    return ["taskset", "-c", "0", *cmd] if shutil.which("taskset") else cmd


def extract_output(workdir: Path, articles: int, model: str) -> Path:
    """The JSONL that ``figextract extract`` writes for the benchmark archive (reused when present)."""
    out = workdir / f"figures-{articles}-{model}.jsonl"
    if out.exists():
        print(f"reusing {out}")
        return out
    archive = workdir / f"archive-{articles}.jsonl"
    if not archive.exists():
        build_archive(archive, articles)
    partial = out.with_suffix(".partial.jsonl")  # renamed when complete: a killed run is not reused
    cmd = [*FIGEXTRACT, "extract", str(archive), "-o", str(partial), "--keep-fields", ",".join(KEEP), "--keep-text", "--quiet", "--force"]
    if model != "default":
        cmd += ["--model", model]
    started = time.monotonic()
    subprocess.run(cmd, check=True)
    os.replace(partial, out)
    for leftover in partial.parent.glob(f"{partial.name}.*"):  # extract's run record, kept beside the output it names
        leftover.unlink()
    print(f"extract: {articles:,} articles in {time.monotonic() - started:.0f} s -> {out}")
    return out


def records(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            yield json.loads(line)


def repeated(path: Path, figures: int) -> Iterator[dict[str, Any]]:
    """The output's records over and over, with new ids, until ``figures`` figures have been given."""
    given, round_ = 0, 0
    while given < figures:
        for record in records(path):
            if given >= figures:
                return
            given += len(record.get("figures", []))
            yield {**record, "id": f"{record['id']}-{round_}"}
        round_ += 1


def write_jsonl(path: Path, recs: Iterator[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for record in recs:
            fh.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")


def write_table(jsonl: Path, out: Path) -> None:
    """``jsonl``'s records as the CSV or Parquet table ``extract`` writes (by ``out``'s suffix)."""
    names = [name for name, _ in columns(KEEP, True)]
    rows = (row for record in records(jsonl) for row in figure_rows(record, KEEP, True))
    if out.suffix == ".csv":
        with out.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh, lineterminator="\n")
            writer.writerow(names)
            writer.writerows([row[n] for n in names] for row in rows)
        return
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = arrow_schema(KEEP, True)
    with pq.ParquetWriter(out, schema) as writer:
        chunk: list[dict[str, Any]] = []
        for row in rows:
            chunk.append(row)
            if len(chunk) >= PARQUET_ROWS:
                writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
                chunk = []
        if chunk:
            writer.write_table(pa.Table.from_pylist(chunk, schema=schema))


def three_formats(jsonl: Path) -> dict[str, Path]:
    paths = {"jsonl": jsonl}
    for fmt in ("csv", "parquet"):
        paths[fmt] = jsonl.with_suffix(f".{fmt}")
        if not paths[fmt].exists():
            write_table(jsonl, paths[fmt])
    return paths


def report(figures: Path, page: Path) -> tuple[float, int, str]:
    """Seconds, peak RSS bytes and the summary line of ``figextract report`` on one core."""
    elapsed, peak, result = run_sampled(one_core([*FIGEXTRACT, "report", str(figures), "-o", str(page), "--force"]))
    if result.returncode != 0:
        raise SystemExit(f"figextract report failed ({result.returncode}): {result.stderr}")
    return elapsed, peak, result.stderr.strip().splitlines()[-1]


def count(path: Path) -> tuple[int, int]:
    """Articles and figures in a JSONL output."""
    n = figs = 0
    for record in records(path):
        n += 1
        figs += len(record.get("figures", []))
    return n, figs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=100_000, help="articles in the archive (default: 100,000, as benchmarks/batch.py)")
    parser.add_argument("--model", default="default", help="'default' (en_core_web_sm), 'blank' (rule-only) or a pipeline name, for extract")
    parser.add_argument("--scales", default="10000,100000,1000000", help="figures in the files of the memory test (default: 10^4,10^5,10^6)")
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "figextract-report-bench", help="where the archive and outputs are kept")
    parser.add_argument("--screenshot", type=Path, default=Path("report-top.png"), help="the screenshot of the top of the page")
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    scales = [int(s) for s in args.scales.split(",")]

    print(f"cores: {os.cpu_count()}, report pinned to one: {bool(shutil.which('taskset'))}")
    output = extract_output(args.workdir, args.articles, args.model)
    articles, figures = count(output)
    print(f"\n{articles:,} articles, {figures:,} figures: figextract report, one core")
    print("| format | file MB | seconds | peak RSS MB | summary |\n|---|---:|---:|---:|---|")
    page = args.workdir / "report.html"
    for fmt, path in three_formats(output).items():
        elapsed, peak, line = report(path, page if fmt == "jsonl" else args.workdir / f"report-{fmt}.html")
        print(f"| {fmt} | {path.stat().st_size / 2**20:,.0f} | {elapsed:.1f} | {peak / 2**20:,.0f} | {line} |", flush=True)

    print("\nPeak memory against the number of figures (the output's records repeated with new ids)")
    print("| figures | articles | format | file MB | seconds | peak RSS MB |\n|---:|---:|---|---:|---:|---:|")
    peaks: dict[str, list[int]] = {}
    for scale in scales:
        scaled = args.workdir / f"scaled-{scale}.jsonl"
        if not scaled.exists():
            write_jsonl(scaled, repeated(output, scale))
        n, figs = count(scaled)
        for fmt, path in three_formats(scaled).items():
            elapsed, peak, _ = report(path, args.workdir / "scaled.html")
            peaks.setdefault(fmt, []).append(peak)
            print(f"| {figs:,} | {n:,} | {fmt} | {path.stat().st_size / 2**20:,.0f} | {elapsed:.1f} | {peak / 2**20:,.0f} |", flush=True)
    for fmt, values in peaks.items():
        change = values[-1] / values[0] - 1
        print(f"{fmt}: peak RSS {values[0] / 2**20:.0f} MB at {scales[0]:,} figures -> {values[-1] / 2**20:.0f} MB at {scales[-1]:,} ({change:+.1%})")

    if chromium() is None:
        print("\nchromium is not installed: no browser check and no screenshot (Debian: apt-get install chromium)")
        return
    dom = open_offline(page)
    shot = open_offline(page, screenshot=args.screenshot, size=(1280, 1400))
    print(f"\nchromium, network off: {len(dom.console + shot.console)} console messages, {len(dom.requests + shot.requests)} requests; "
          f"screenshot of the top of the page: {args.screenshot}")  # fmt: skip
    for line in dom.console + dom.requests:
        print(f"  {line}")


if __name__ == "__main__":
    main()
