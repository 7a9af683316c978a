"""Screenshot the dashboard on the articles of a data directory (the README's picture).

    python scripts/screenshot.py [--data data] [--out docs/dashboard.png] [--click]

``--click`` opens the detail panel on one of the latest events before the shot.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import sync_playwright

# The checkout's package, and the test helpers (tests/support/, imported as ``support``).
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from support.serving import HOVERED, MARKER_CENTRES, launch_chromium, serving

from timeline.dashboard import create_app


def open_detail_of_a_marker(page) -> None:
    """Hover markers (latest first) until plotly reports one hovered, then click it."""
    page.wait_for_timeout(500)
    for marker in reversed(page.evaluate(MARKER_CENTRES)):
        page.mouse.move(5, 5)
        page.mouse.move(marker["x"], marker["y"])
        try:
            page.wait_for_function(HOVERED, arg=marker["id"], timeout=1_500)
        except PlaywrightTimeout:
            continue
        page.mouse.click(marker["x"], marker["y"])
        page.wait_for_selector("#event-detail mark", timeout=10_000)
        page.mouse.move(5, 5)
        return


def main(argv: list[str] | None = None) -> int:
    """Start the app in-process, load it in Chromium, save a PNG."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default="data")
    parser.add_argument("--out", default="docs/dashboard.png")
    parser.add_argument("--width", type=int, default=1600)
    parser.add_argument("--height", type=int, default=1000)
    parser.add_argument("--click", action="store_true", help="open the detail panel first")
    parser.add_argument("--full-page", action="store_true")
    args = parser.parse_args(argv)
    app = create_app(data_dir=args.data)
    with serving(app) as url, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        page = browser.new_page(viewport={"width": args.width, "height": args.height})
        page.goto(url)
        page.wait_for_selector("#timeline .scatterlayer .trace .points path", timeout=30_000)
        if args.click:
            open_detail_of_a_marker(page)
        page.wait_for_timeout(500)
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=args.out, full_page=args.full_page)
        browser.close()
    print(args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
