"""The journalist's pass in Debian's Chromium: a view that never traps, typed dates, markers
that never overlap, a detail panel that follows the filters, Add that merges at once, and a
person's dossier.

Marker positions are measured in the page, from the markers plotly drew.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import numpy as np
import pandas as pd
import pytest
from support.serving import MARKER_CENTRES, markers_in_sight, serving
from support.spacing import close_pairs
from support.synthetic import synthetic_events

from timeline.corpus.store import StoredDocument, open_store, refresh_merged_with, write_document
from timeline.dashboard import create_app
from timeline.dashboard.source import FrameSource, load_directory
from timeline.output.schema import events_frame

from .conftest import ARTICLE, HOSTILE, SAMPLE_ROWS
from .test_browser import (
    figure_ids,
    fill_input,
    open_app,
    open_detail,
    search_dropdown,
    wait_for_count,
)

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
#: No two markers' centres may come closer than this, in pixels.
LEAST_PIXELS = 4.0
TIMEOUT = 60_000


@pytest.fixture(scope="module")
def seed(sample_dir):
    """The app on the seed article and a short one of ours with the real engine, and the
    events it shows."""
    events = load_directory(sample_dir).events()
    with serving(create_app(data_dir=sample_dir)) as url:
        yield url, events


def count_of(page) -> tuple[int, int]:
    shown, total = re.match(r"([\d,]+) of ([\d,]+)", page.inner_text("#event-count")).groups()
    return int(shown.replace(",", "")), int(total.replace(",", ""))


def note(page) -> str:
    return page.inner_text("#figure-note")


def wait_for_note(page, start: str) -> str:
    page.wait_for_function(
        "s => (document.querySelector('#figure-note') || {}).textContent?.startsWith(s)",
        arg=start,
    )
    return note(page)


def ids_in_sight(page) -> set[str]:
    return {point["id"] for point in markers_in_sight(page)}


def wait_for_ids_in_sight(page, expected: set[str]) -> None:
    for _ in range(40):
        if ids_in_sight(page) == expected:
            return
        page.wait_for_timeout(250)
    assert ids_in_sight(page) == expected


def double_click_chart(page) -> None:
    box = page.locator("#timeline .nsewdrag").bounding_box()
    page.mouse.dblclick(box["x"] + box["width"] / 2, box["y"] + 5)


def least_spacing(page) -> float:
    points = page.evaluate(MARKER_CENTRES)
    pairs = close_pairs([p["x"] for p in points], [p["y"] for p in points], 1e9)
    return min((distance for _, _, distance in pairs), default=float("inf"))


# ---------------------------------------------------------------------------- the trap


def test_clearing_a_shared_link_shows_every_event_and_says_so(page, seed):
    url, events = seed
    total = len(events)
    prison = events.loc[events["quote"].str.casefold().str.contains("prison"), "event_id"]
    assert 0 < len(prison) < total
    page.goto(url + "/?q=prison")
    wait_for_count(page, f"^{len(prison)} of {total} events")
    # Clear all filters, then double-click as the old note said: every event, every year.
    page.click("#clear-filters")
    wait_for_count(page, f"^{total} of {total} events")
    assert wait_for_note(page, "Showing every year").startswith(
        "Showing every year with events in view: 1988–2021."
    )
    assert parse_qs(urlsplit(page.url).query) == {}
    wait_for_ids_in_sight(page, set(events["event_id"]))
    double_click_chart(page)
    page.wait_for_timeout(800)
    wait_for_ids_in_sight(page, set(events["event_id"]))
    assert count_of(page) == (total, total)
    assert note(page).startswith("Showing every year")
    assert page.errors == []


def test_show_all_years_leaves_any_zoom_or_first_window(page, seed):
    url, events = seed
    total = len(events)
    open_app(page, url)
    # The first view leaves the one 1988 event out, and says so.
    assert wait_for_note(page, "Zoomed to").startswith(
        "Zoomed to 2016–2021, where most events are; 1 event lies outside."
    )
    assert len(ids_in_sight(page)) == total - 1
    # A drag zooms in: the note names the days shown.
    box = page.locator("#timeline .nsewdrag").bounding_box()
    y = box["y"] + 10
    page.mouse.move(box["x"] + box["width"] * 0.85, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.95, y, steps=5)
    page.mouse.up()
    zoomed = wait_for_note(page, "Showing ")
    assert re.match(r"Showing \d+ \w+ 2021 – \d+ \w+ 2021: \d+ of 14 events in view", zoomed)
    page.click("#show-all-years")
    wait_for_note(page, "Showing every year")
    wait_for_ids_in_sight(page, set(events["event_id"]))
    # Typed dates are cleared by it too.
    page.fill("#date-from", "2021-06")
    wait_for_note(page, "Showing the dates chosen")
    page.click("#show-all-years")
    wait_for_note(page, "Showing every year")
    assert page.input_value("#date-from") == ""
    assert count_of(page) == (total, total)
    assert page.errors == []


# ---------------------------------------------------------------------------- typed dates


def test_typed_dates_keep_events_whose_period_overlaps_them(page, seed):
    url, events = seed
    total = len(events)
    open_app(page, url)
    page.fill("#date-from", "2021-06-15")
    page.fill("#date-to", "2021-09")
    page.locator("#date-to").press("Enter")
    overlap = events.loc[
        (events["date_end"] >= "2021-06-15") & (events["date_start"] <= "2021-09-30")
    ]
    assert 0 < len(overlap) < total
    assert "2021-06" in set(overlap["date"])  # a month that overlaps the range is kept
    wait_for_count(page, f"^{len(overlap)} of {total}")
    page.wait_for_function("() => location.search.includes('to=2021-09')")
    assert parse_qs(urlsplit(page.url).query) == {"from": ["2021-06-15"], "to": ["2021-09"]}
    assert sorted(figure_ids(page)) == sorted(overlap["event_id"])
    assert wait_for_note(page, "Showing the dates chosen")
    # A year alone, and from the URL.
    page.goto(url + "/?from=2016&to=2017")
    early = events.loc[
        (events["date_end"] >= "2016-01-01") & (events["date_start"] <= "2017-12-31")
    ]
    wait_for_count(page, f"^{len(early)} of {total}")
    assert page.input_value("#date-from") == "2016"
    # A wrong date is named next to the inputs and filters nothing.
    page.fill("#date-from", "2021-13")
    page.locator("#date-from").press("Enter")
    page.wait_for_selector("#date-error:not(:empty)")
    assert "“2021-13” is not a date" in page.inner_text("#date-error")
    assert page.evaluate("() => !!document.getElementById('date-from').closest('.invalid')")
    only_to = events.loc[events["date_start"] <= "2017-12-31"]
    wait_for_count(page, f"^{len(only_to)} of {total}")
    assert page.errors == []


# ---------------------------------------------------------------------------- spacing


def test_no_two_markers_overlap_in_the_all_years_view_of_the_seed(page, seed):
    url, events = seed
    page.goto(url + "/")
    page.click("#show-all-years")
    wait_for_note(page, "Showing every year")
    wait_for_ids_in_sight(page, set(events["event_id"]))
    assert least_spacing(page) >= LEAST_PIXELS
    assert page.errors == []


def typed_synthetic(events: int, people: int) -> pd.DataFrame:
    """Synthetic events with the closed set of types."""
    frame = synthetic_events(events=events, people=people, types=17, years=12, seed=events)
    kinds = sorted(frame["event_type"].unique())
    names = ["coup", "defection", "escape", "arrest", "imprisonment", "sentence", "release"]
    names += ["deployment", "attack", "casualty", "death", "enlistment", "graduation"]
    names += ["recruitment", "statement", "accident", "other"]
    return frame.assign(event_type=frame["event_type"].map(dict(zip(kinds, names, strict=True))))


@pytest.mark.parametrize(("events", "people"), [(1_000, 40), (100_000, 2_000)])
def test_no_two_markers_overlap_on_bigger_sets(page, events, people):
    app = create_app(FrameSource(frame=typed_synthetic(events, people)))
    with serving(app) as url:
        page.goto(url + "/")
        wait_for_count(page, f"^{events:,} of {events:,}")
        page.click("#show-all-years")
        wait_for_note(page, "Showing every year")
        page.wait_for_timeout(500)
        points = page.evaluate(MARKER_CENTRES)
        assert len(points) > 100
        assert least_spacing(page) >= LEAST_PIXELS
        # A count badge opens on a click: its events are drawn apart.
        badges = [p for p in points if p["id"].startswith("zoom:")]
        if badges:
            page.mouse.click(badges[0]["x"], badges[0]["y"])
            wait_for_note(page, "Showing ")
            page.wait_for_timeout(500)
            assert least_spacing(page) >= LEAST_PIXELS
        assert page.errors == []


# ---------------------------------------------------------------------------- detail panel


def test_the_detail_panel_empties_when_its_event_leaves_the_view(page, seed):
    url, events = seed
    open_app(page, url)
    event = events.loc[events["granularity"] == "day"].iloc[-1]
    open_detail(page, event["event_id"], event["quote"])
    label = event["event_type"].capitalize()
    page.locator("#type-filter label", has_text=re.compile(f"^{label}$")).click()
    page.wait_for_function(
        "() => document.querySelector('#event-detail mark') === null"
        " && document.querySelector('#event-detail .detail-placeholder') !== null"
    )
    assert page.locator("#only-this-person").is_hidden()
    # Another filter change that keeps an open event leaves it open.
    other = events.loc[events["event_type"] != event["event_type"]].iloc[0]
    open_detail(page, other["event_id"], other["quote"])
    page.fill("#date-from", "1900")
    page.locator("#date-from").press("Enter")
    page.wait_for_timeout(1_000)
    assert page.locator("#event-detail mark").inner_text() == other["quote"]
    assert page.errors == []


# ---------------------------------------------------------------------------- Add merges


STORED = dict(
    SAMPLE_ROWS[1],
    doc_id="base",
    event_id="base-oct",
    title="First report",
    url="https://example.org/first",
    published="2021-10-08",
)


def same_happening(text: str, **metadata) -> pd.DataFrame:
    """A stand-in engine: the pasted article tells the stored defection again, and one
    new event."""
    doc = metadata["doc_id"]
    told_again = dict(SAMPLE_ROWS[1], doc_id=doc, event_id=f"{doc}-oct", title=metadata["title"])
    new = dict(SAMPLE_ROWS[2], doc_id=doc, event_id=f"{doc}-2016", title=metadata["title"])
    return events_frame([told_again, new])


@pytest.fixture
def store_url(tmp_path):
    path = tmp_path / "timeline.duckdb"
    document = StoredDocument(
        doc_id="base",
        source="base.txt",
        content_hash="x",
        title="First report",
        url="https://example.org/first",
        published="2021-10-08",
        text=ARTICLE,
    )
    with open_store(path) as connection:
        write_document(connection, document, events_frame([STORED]))
        refresh_merged_with(connection)  # as ingest leaves it
    with serving(create_app(store=path, extract=same_happening)) as url:
        yield url


def test_an_added_article_joins_the_stored_happening_at_once(page, store_url):
    page.goto(store_url + "/")
    wait_for_count(page, "^1 of 1 event")
    page.fill(
        "#article-text", "On 7 October, Jane Doe left her base. Richard Roe enlisted in 2016."
    )
    fill_input(page, "article-published", "2021-11-21")
    fill_input(page, "article-title", "Second report")
    page.click("#add-article")
    page.wait_for_selector("#article-status.ok")
    message = page.inner_text("#article-status")
    assert "Added 2 events" in message
    assert "1 new, 1 joined an event already on the timeline" in message
    # The text box empties; the defection is one event with two sources.
    assert page.input_value("#article-text") == page.input_value("#article-title") == ""
    assert page.input_value("#article-published") == "2021-11-21"
    wait_for_count(page, "^2 of 2 events")
    page.wait_for_function(
        "() => [...document.querySelectorAll('#event-table .ag-row [col-id=source_count]')]"
        ".some(cell => cell.textContent.trim() === '2')"
    )
    assert page.errors == []


# ---------------------------------------------------------------------------- dossier


@pytest.fixture(scope="module")
def hostile_person_url():
    rows = [dict(row) for row in SAMPLE_ROWS]
    rows[1]["quote"] = f"On 7 October, Jane Doe said {HOSTILE} to the press."
    rows[1]["url"] = "javascript:window.__xss=6"
    rows[0]["title"] = '<img src=x onerror="window.__xss=7">Title'
    app = create_app(FrameSource(frame=events_frame(rows), texts={"doc1": ARTICLE}))
    with serving(app) as url:
        yield url


def download(page, button: str) -> tuple[str, str]:
    with page.expect_download() as info:
        page.click(button)
    value = info.value
    return value.suggested_filename, Path(value.path()).read_text("utf-8")


def test_a_persons_dossier_downloads_with_every_string_as_text(page, hostile_person_url):
    open_app(page, hostile_person_url)
    open_detail(page, "e-june", SAMPLE_ROWS[0]["quote"])
    name, content = download(page, "#dossier-html")
    assert name == "timeline-jane-doe.html"
    assert "<h1>Timeline of Jane Doe</h1>" in content
    assert "&lt;img src=x onerror=&quot;window.__xss=1&quot;&gt;" in content
    assert "<img" not in content and '<a href="javascript' not in content
    assert content.index("June 2021") < content.index("7 October 2021")
    # Opened on its own, it shows the markup as text and runs nothing.
    dossier = page.context.new_page()
    dossier.set_content(content)
    assert HOSTILE in dossier.inner_text("body")
    assert dossier.evaluate("() => window.__xss") is None
    assert dossier.locator("img").count() == 0 and dossier.locator("script").count() == 0
    dossier.close()
    # From the person filter, as Markdown.
    search_dropdown(page, "#person-filter", "Jane")
    page.locator(".dash-dropdown-option", has_text="Jane Doe").click()
    page.keyboard.press("Escape")
    page.wait_for_selector("#person-dossier:not([hidden])")
    name, markdown = download(page, "#person-dossier-markdown")
    assert name == "timeline-jane-doe.md"
    assert markdown.startswith("# Timeline of Jane Doe")
    assert "&lt;img src=x" in markdown and "<img" not in markdown
    assert "](javascript" not in markdown
    assert page.evaluate("() => window.__xss") is None
    assert page.errors == []


def test_synthetic_helper_types_are_the_closed_set():
    frame = typed_synthetic(500, 10)
    assert frame["event_type"].nunique() == 17 and not frame["event_type"].isna().any()
    assert np.all(frame["event_type"].str.islower())
