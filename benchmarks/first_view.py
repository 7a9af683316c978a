"""The first view: how soon a new reader sees markers, and how many bytes it costs them.

    python benchmarks/first_view.py [--store FILE ...] [--loads 3] [--query '?person=...']

For each store (default: the sample, ``data/`` ingested into a temporary store as
``python app.py`` does; add ``--store`` for the 1M store that
``benchmarks/dashboard_store.py`` builds), the app is started in a fresh process the way
``python app.py --store FILE`` serves it, then Debian's Chromium (headless, through
Playwright) loads the page once untimed (browser and server warm, as for any reader after
the first), then ``--loads`` times, each in a fresh browser context (a cold cache), and
reports medians of:

- ``first_markers_s``: from navigation start to the first frame where markers are drawn
  (SVG points, or a WebGL scene drawn by plotly);
- ``cold_mb``: bytes over the wire (encoded, with headers) until the network is quiet;
- ``warm_mb``: the same for a reload in the same context (the browser's cache warm).

Targets: the sample <= 1.5 s and <= 3 MB cold; the 1M store <= 2.5 s; a warm reload
<= 0.3 MB.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

ROOT = Path(__file__).resolve().parents[1]
# The checkout's package, and the test helpers (tests/support/, imported as ``support``).
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

TARGETS = {"sample_s": 1.5, "sample_mb": 3.0, "big_s": 2.5, "warm_mb": 0.3}
#: Stores with at least this many events are held to the big store's time target.
BIG_EVENTS = 500_000

#: JavaScript run before the page's own: records when markers are first drawn, checking
#: every animation frame (SVG markers, or a scattergl scene that plotly has drawn).
FIRST_MARKERS = """
(() => {
  const drawn = () => {
    const root = document.getElementById('timeline');
    if (!root) return false;
    if (root.querySelector('.scatterlayer path.point')) return true;
    const gd = root.querySelector('.js-plotly-plot');
    const plots = gd && gd._fullLayout && gd._fullLayout._plots;
    return !!plots && Object.values(plots).some(
      p => p._scene && p._scene.dirty === false && p._scene.count > 0);
  };
  const check = () => {
    if (drawn()) { window.__firstMarkers = performance.now(); return; }
    requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})();
"""


def sample_store(folder: Path) -> Path:
    """The articles of ``data/`` ingested into a store, as ``python app.py`` does."""
    from timeline.dashboard.command import build_default_store

    return build_default_store(ROOT / "data", folder / "sample.duckdb")


def start_app(store: Path, port: int) -> subprocess.Popen:
    """``python app.py --store FILE`` on a loopback port; returns when it answers."""
    path = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    env = {**os.environ, "PYTHONPATH": path}
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "app.py"), "--store", str(store), "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the app exited with status {process.returncode}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5):
                return process
        except OSError:
            time.sleep(0.5)
    process.terminate()
    raise SystemExit("the app did not answer within 10 minutes")


class WireBytes:
    """Bytes received on a page, as Chromium's network layer counts them (encoded bodies
    plus headers), through the DevTools protocol."""

    def __init__(self, context, page) -> None:
        self.total = 0
        self.by_url: dict[str, int] = {}
        self._urls: dict[str, str] = {}
        self.in_flight: set[str] = set()
        self.last_activity = time.monotonic()
        session = context.new_cdp_session(page)
        session.on("Network.requestWillBeSent", self._sent)
        session.on("Network.responseReceived", self._response)
        session.on("Network.loadingFinished", self._finished)
        session.on("Network.loadingFailed", self._failed)
        session.send("Network.enable")

    def _sent(self, event: dict) -> None:
        self.in_flight.add(event["requestId"])
        self.last_activity = time.monotonic()

    def _response(self, event: dict) -> None:
        self._urls[event["requestId"]] = event["response"]["url"]

    def _failed(self, event: dict) -> None:
        self.in_flight.discard(event["requestId"])
        self.last_activity = time.monotonic()

    def _finished(self, event: dict) -> None:
        self.in_flight.discard(event["requestId"])
        self.last_activity = time.monotonic()
        size = int(event.get("encodedDataLength") or 0)
        self.total += size
        url = self._urls.get(event["requestId"], "?").split("?")[0]
        self.by_url[url] = self.by_url.get(url, 0) + size

    def settle(self, page: Page, quiet_s: float = 1.5, limit_s: float = 20.0) -> None:
        """Wait until no request has been in flight for ``quiet_s`` (the table's script is
        asked for only after the first draw, when the browser is idle)."""
        deadline = time.monotonic() + limit_s
        while time.monotonic() < deadline:
            page.wait_for_timeout(100)
            if not self.in_flight and time.monotonic() - self.last_activity >= quiet_s:
                return

    def take(self) -> tuple[int, dict[str, int]]:
        """The bytes so far, and by address; then start counting again."""
        total, by_url = self.total, self.by_url
        self.total, self.by_url = 0, {}
        return total, by_url


def first_markers(page: Page, timeout_ms: int = 60_000) -> float:
    """Seconds from navigation start to the first drawn markers."""
    page.wait_for_function("() => window.__firstMarkers !== undefined", timeout=timeout_ms)
    return page.evaluate("() => window.__firstMarkers") / 1000


def cold_and_warm(browser: Browser, url: str) -> dict:
    """One cold load in a fresh context, then a warm reload in the same context."""
    context = browser.new_context(viewport={"width": 1500, "height": 1000})
    context.add_init_script(FIRST_MARKERS)
    page = context.new_page()
    wire = WireBytes(context, page)
    page.goto(url)
    cold_s = first_markers(page)
    wire.settle(page)
    cold_bytes, cold_by_url = wire.take()
    page.reload()
    warm_s = first_markers(page)
    wire.settle(page)
    warm_bytes, warm_by_url = wire.take()
    context.close()
    return {
        "first_markers_s": cold_s,
        "cold_bytes": cold_bytes,
        "warm_first_markers_s": warm_s,
        "warm_bytes": warm_bytes,
        "largest": sorted(cold_by_url.items(), key=lambda item: -item[1])[:6],
        "warm_largest": sorted(warm_by_url.items(), key=lambda item: -item[1])[:6],
    }


def measure(url: str, loads: int) -> dict:
    """Medians of ``loads`` cold loads (each with its warm reload) of ``url``."""
    import playwright.sync_api as playwright_api
    from support.serving import launch_chromium

    with playwright_api.sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            # One load first, not counted: the browser process and the server are warm for
            # a reader (the server has compressed its bundles once, the browser is running);
            # each counted load still has a cold cache of its own.
            cold_and_warm(browser, url)
            runs = [cold_and_warm(browser, url) for _ in range(loads)]
        finally:
            browser.close()
    return {
        "first_markers_s": round(statistics.median(r["first_markers_s"] for r in runs), 2),
        "first_markers_each_s": [round(r["first_markers_s"], 2) for r in runs],
        "cold_mb": round(statistics.median(r["cold_bytes"] for r in runs) / 1e6, 3),
        "warm_mb": round(statistics.median(r["warm_bytes"] for r in runs) / 1e6, 3),
        "warm_first_markers_s": round(
            statistics.median(r["warm_first_markers_s"] for r in runs), 2
        ),
        "largest_kb": {
            address.rsplit("/", 1)[-1] or address: round(size / 1000, 1)
            for address, size in runs[-1]["largest"]
        },
        "warm_largest_kb": {
            address.rsplit("/", 1)[-1] or address: round(size / 1000, 1)
            for address, size in runs[-1]["warm_largest"]
        },
    }


def event_count(store: Path) -> int:
    """The number of events a store holds."""
    from timeline.corpus.store import open_store

    with open_store(store, read_only=True) as connection:
        return int(connection.execute("SELECT count(*) FROM events").fetchone()[0])


def main(argv: list[str] | None = None) -> int:
    """Measure the sample and each store given, and say whether the targets are met."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", action="append", default=[], help="a store to serve")
    parser.add_argument("--no-sample", action="store_true", help="skip the sample")
    parser.add_argument("--loads", type=int, default=3, help="cold loads per store")
    parser.add_argument("--query", default="", help="URL query of the view to open")
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args(argv)
    from support.serving import free_port

    ok = True
    with tempfile.TemporaryDirectory(prefix="first-view-") as folder:
        stores = [Path(store) for store in args.store]
        if not args.no_sample:
            stores.insert(0, sample_store(Path(folder)))
        for store in stores:
            events = event_count(store)
            port = free_port() if args.port == 0 else args.port
            process = start_app(store, port)
            try:
                load_before = os.getloadavg()[0]
                result = measure(f"http://127.0.0.1:{port}/{args.query}", args.loads)
            finally:
                process.terminate()
                process.wait(timeout=30)
            big = events >= BIG_EVENTS
            result = {
                "store": store.name,
                "events": events,
                **result,
                "load_average": [round(load_before, 2), round(os.getloadavg()[0], 2)],
            }
            print(json.dumps(result), flush=True)
            time_target = TARGETS["big_s"] if big else TARGETS["sample_s"]
            ok &= result["first_markers_s"] <= time_target
            ok &= result["warm_mb"] <= TARGETS["warm_mb"]
            if not big:
                ok &= result["cold_mb"] <= TARGETS["sample_mb"]
    print("targets met" if ok else "targets missed")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
