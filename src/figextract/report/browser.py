"""Open a page in headless Chromium with the network off: what its console said and what it asked for.

Used by the tests and ``benchmarks/report.py`` to check that a report opens offline without errors.
No DevTools protocol: the console comes from Chromium's own log (``--enable-logging=stderr``, one
``CONSOLE`` line per message of any level, so a page without scripts must log none), the requests
from its network log (``--log-net-log``), where the page's requests carry a ``file://`` isolation
key and the browser's own background requests do not. Every host resolves to nothing and the proxy
is a closed port, so nothing could load even if the page asked.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

__all__ = ["BrowserRun", "OFFLINE_FLAGS", "chromium", "open_offline", "page_requests"]

OFFLINE_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run", "--disable-extensions", "--disable-sync",
    "--disable-background-networking", "--disable-component-update", "--disable-default-apps", "--proxy-server=127.0.0.1:9",
    "--host-resolver-rules=MAP * ~NOTFOUND", "--enable-logging=stderr", "--v=0",
)  # fmt: skip


@dataclass(frozen=True)
class BrowserRun:
    console: list[str]  # the page's console messages, as Chromium logged them
    requests: list[str]  # URLs the page asked for over the network
    dom: str  # the page's DOM after loading ("" when a screenshot was taken instead)


def chromium() -> str | None:
    """The Chromium binary on the PATH (Debian's ``chromium`` package), or None."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


def open_offline(page: Path, screenshot: Path | None = None, size: tuple[int, int] = (1280, 1600), timeout: float = 180) -> BrowserRun:
    """Load ``page`` offline; dump its DOM, or save a screenshot of its top ``size`` pixels."""
    binary = chromium()
    if binary is None:
        raise FileNotFoundError("chromium is not installed (Debian: apt-get install chromium)")
    with tempfile.TemporaryDirectory() as profile:
        netlog = Path(profile) / "netlog.json"
        args = [binary, *OFFLINE_FLAGS, f"--user-data-dir={profile}/user", f"--log-net-log={netlog}", f"--window-size={size[0]},{size[1]}"]
        args.append(f"--screenshot={screenshot.resolve()}" if screenshot else "--dump-dom")
        run = subprocess.run([*args, page.resolve().as_uri()], capture_output=True, text=True, timeout=timeout)
        if run.returncode != 0:
            raise RuntimeError(f"chromium exited with {run.returncode}: {run.stderr[-2000:]}")
        console = [line for line in run.stderr.splitlines() if ":CONSOLE" in line]
        return BrowserRun(console, page_requests(netlog), "" if screenshot else run.stdout)


def page_requests(netlog: Path) -> list[str]:
    """The network URLs a ``file://`` page asked for, from a Chromium network log."""
    events = json.loads(netlog.read_text(encoding="utf-8")).get("events", [])
    urls = []
    for event in events:
        params = event.get("params") or {}
        url, key = params.get("url"), str(params.get("network_isolation_key", ""))
        if url and key.startswith("file://") and not url.startswith(("file:", "data:", "about:")):
            urls.append(url)
    return sorted(set(urls))
