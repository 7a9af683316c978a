"""Screenshot the dashboard on the articles of a data directory (the README's picture).

    python scripts/screenshot.py [--data data] [--out docs/dashboard.png] [--click]

``--click`` opens the detail panel on the first day-precision event before the shot.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from timeline.dashboard import create_app  # noqa: E402
from timeline.dashboard.serving import launch_chromium, serving  # noqa: E402

CLICK_FIRST_DAY_EVENT = """() => {
  const gd = document.querySelector('#timeline .js-plotly-plot');
  const points = gd.querySelectorAll('.scatterlayer .trace .points path');
  for (const point of points) {
    const datum = point.__data__;
    if (datum && datum.data && Array.isArray(datum.data) && datum.data[0]) {
      const box = point.getBoundingClientRect();
      return [box.x + box.width / 2, box.y + box.height / 2];
    }
  }
  return null;
}"""


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
            centre = page.evaluate(CLICK_FIRST_DAY_EVENT)
            if centre:
                page.mouse.click(*centre)
                page.wait_for_selector("#event-detail mark", timeout=10_000)
        page.wait_for_timeout(500)
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=args.out, full_page=args.full_page)
        browser.close()
    print(args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
