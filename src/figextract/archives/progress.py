"""A one-line progress bar on a terminal: articles done, articles per second, and the time left."""

from __future__ import annotations

import time
from typing import Callable, TextIO

__all__ = ["ProgressBar", "REDRAW_SECONDS", "WIDTH", "progress_line"]

WIDTH = 24
REDRAW_SECONDS = 0.25


def _clock(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def progress_line(done: int, rate: float, fraction: float | None, eta: float | None) -> str:
    """``12,345 articles  1,234 articles/s  [######------]  45%  ETA 0:03:12``; no bar without a size."""
    line = f"{done:,} articles  {rate:,.0f} articles/s"
    if fraction is not None:
        filled = round(WIDTH * fraction)
        line += f"  [{'#' * filled}{'-' * (WIDTH - filled)}] {fraction:4.0%}  ETA {'?' if eta is None else _clock(eta)}"
    return line


class ProgressBar:
    """Redraws the line at most every ``interval`` seconds (``REDRAW_SECONDS``); ``close`` clears it.

    Rate and time left count only this run's work, not what a resumed output already held.
    """

    def __init__(self, stream: TextIO, fraction: Callable[[], float | None], interval: float | None = None) -> None:
        self.stream, self.fraction = stream, fraction
        self.interval = REDRAW_SECONDS if interval is None else interval
        self.start = self.last = time.monotonic()
        self.first: tuple[int, float] | None = None  # records and input fraction when extraction began
        self.width = 0

    def __call__(self, done: int) -> None:
        fraction = self.fraction()
        if self.first is None:
            self.first = (done - 1, fraction or 0.0)
        now = time.monotonic()
        if now - self.last < self.interval:
            return
        self.last = now
        elapsed = now - self.start
        first_done, first_fraction = self.first
        eta = None
        if fraction is not None and fraction > first_fraction:
            eta = elapsed * (1 - fraction) / (fraction - first_fraction)
        line = progress_line(done, (done - first_done) / elapsed if elapsed > 0 else 0.0, fraction, eta)
        self.stream.write("\r" + line.ljust(self.width))
        self.stream.flush()
        self.width = len(line)

    def close(self) -> None:
        if self.width:
            self.stream.write("\r" + " " * self.width + "\r")
            self.stream.flush()
