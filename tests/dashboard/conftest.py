"""Shared fixtures: a small hand-made article and its events (no extraction involved)."""

from __future__ import annotations

from pathlib import Path

import pytest

from timeline.dashboard.source import FrameSource
from timeline.dashboard.table import EventTable
from timeline.output.schema import events_frame

HOSTILE = '<img src=x onerror="window.__xss=1"> and <a href="javascript:window.__xss=2">link</a>'

ARTICLE = (
    "Soldiers leave the army\n"
    "\n"
    "In June, Jane Doe was sent to the north. She stayed there for weeks.\n"
    "\n"
    "On 7 October, Jane Doe left her base and joined the movement.\n"
    "\n"
    "Richard Roe enlisted in 2016 after seeing a parade.\n"
    "\n"
    f"On 6 November, a UN official said {HOSTILE} were crimes.\n"
)


def _event(event_id, person, kind, date, granularity, first, last, quote, date_text, **extra):
    start = ARTICLE.index(quote)
    row = {
        "doc_id": "doc1",
        "event_id": event_id,
        "person": person,
        "event_type": kind,
        "date": date,
        "granularity": granularity,
        "date_start": first,
        "date_end": last,
        "date_text": date_text,
        "quote": quote,
        "start": start,
        "end": start + len(quote),
        "confidence": 0.9,
        "title": "Soldiers leave the army",
        "url": "https://example.org/soldiers",
        "published": "2021-11-21",
    }
    row.update(extra)
    return row


SAMPLE_ROWS = [
    _event(
        "e-june",
        "Jane Doe",
        "deployment",
        "2021-06",
        "month",
        "2021-06-01",
        "2021-06-30",
        "In June, Jane Doe was sent to the north.",
        "In June",
    ),
    _event(
        "e-oct",
        "Jane Doe",
        "defection",
        "2021-10-07",
        "day",
        "2021-10-07",
        "2021-10-07",
        "On 7 October, Jane Doe left her base and joined the movement.",
        "On 7 October",
    ),
    _event(
        "e-2016",
        "Richard Roe",
        "enlistment",
        "2016",
        "year",
        "2016-01-01",
        "2016-12-31",
        "Richard Roe enlisted in 2016 after seeing a parade.",
        "in 2016",
    ),
    _event(
        "e-nov",
        "",
        "statement",
        "2021-11-06",
        "day",
        "2021-11-06",
        "2021-11-06",
        f"On 6 November, a UN official said {HOSTILE} were crimes.",
        "On 6 November",
    ),
]


@pytest.fixture
def sample_frame():
    """Four events: a month, a day, a year and an unnamed day event with a hostile quote."""
    return events_frame(SAMPLE_ROWS)


@pytest.fixture
def sample_table(sample_frame):
    """The sample events, prepared."""
    return EventTable.from_events(sample_frame)


@pytest.fixture
def sample_source(sample_frame):
    """The sample events and their article text as a source."""
    return FrameSource(frame=sample_frame, texts={"doc1": ARTICLE})


#: Playwright's wait for each step, unless a browser-test module sets its own ``TIMEOUT``.
TIMEOUT = 20_000


@pytest.fixture
def page(browser, request):
    """A fresh page that records console errors, uncaught exceptions and dialogs (each
    dismissed), and accepts downloads."""
    context = browser.new_context(viewport={"width": 1500, "height": 1000}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(getattr(request.module, "TIMEOUT", TIMEOUT))
    page.errors = []
    page.dialogs = []
    page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: page.errors.append(str(error)))

    def on_dialog(dialog) -> None:
        page.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    yield page
    context.close()


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium through Playwright, one per browser-test module."""
    import playwright.sync_api as playwright_api
    from support.serving import CHROMIUM, launch_chromium

    assert Path(CHROMIUM).exists(), f"{CHROMIUM} is missing: apt-get install chromium"
    with playwright_api.sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


#: Our own short article beside the seed: one event far from the others in time (1988) and a
#: second place on the map, so the first view has an outlier to leave out and a person
#: filter has places to narrow.
VETERAN = Path(__file__).resolve().parents[1] / "data" / "dashboard" / "veteran-remembers.txt"


@pytest.fixture(scope="session")
def sample_dir(tmp_path_factory) -> Path:
    """A data folder with the sample article of ``data/`` and the veteran's article."""
    folder = tmp_path_factory.mktemp("sample")
    repo = Path(__file__).resolve().parents[2]
    for article in (repo / "data" / "myanmar-defections.txt", VETERAN):
        (folder / article.name).write_bytes(article.read_bytes())
    return folder
