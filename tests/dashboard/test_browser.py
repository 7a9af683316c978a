"""The dashboard in Debian's Chromium, driven by Playwright, against a live in-process server.

The seed app reads ``data/`` with the real extraction engine; the hostile app serves hand-made
events whose quote, title and name carry markup that must never run.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

import numpy as np
import pandas as pd
import playwright.sync_api as playwright_api
import pytest
from support.serving import (
    HOVERED,
    MARKER_CENTRES,
    serving,
)

from timeline.dashboard import create_app
from timeline.dashboard.source import FrameSource
from timeline.output.schema import events_frame

from .conftest import ARTICLE, SAMPLE_ROWS

# No skip when Chromium is missing: a browser test that cannot run must fail, not vanish.
pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
TIMEOUT = 20_000

# Every event id in the figure's data (SVG or WebGL alike).
FIGURE_IDS = """() => {
  const gd = document.querySelector('#timeline .js-plotly-plot');
  if (!gd || !gd.data) return null;
  return gd.data.filter(t => t.customdata).flatMap(t => t.customdata.map(row => row[0]));
}"""


@pytest.fixture(scope="module")
def seed_app(sample_dir):
    """The app on the seed article and a short one of ours, extracted by the real engine."""
    app = create_app(data_dir=sample_dir)
    with serving(app) as url:
        yield url, app


@pytest.fixture(scope="module")
def seed_events(seed_app, sample_dir):
    """The events as the engine extracted them (read through a fresh source)."""
    from timeline.dashboard.source import load_directory

    return load_directory(sample_dir).events()


@pytest.fixture(scope="module")
def hostile_url():
    """An app whose only article carries markup in a quote, a title and a name."""
    rows = [dict(row) for row in SAMPLE_ROWS]
    rows[0]["title"] = '<img src=x onerror="window.__xss=3">Title'
    rows[0]["url"] = "javascript:window.__xss=4"
    rows[2]["person"] = "<b onmouseover=window.__xss=5>Roe</b>"
    app = create_app(FrameSource(frame=events_frame(rows), texts={"doc1": ARTICLE}))
    with serving(app) as url:
        yield url


def open_app(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("#timeline .scatterlayer .trace .points path.point")
    page.wait_for_function("() => !document.querySelector('._dash-loading')")


def named_people(events) -> list[str]:
    """The named people of some events, most events first."""
    return events.loc[events["person"] != "", "person"].value_counts().index.tolist()


def lane_labels(page) -> list[str]:
    return page.evaluate(
        "() => [...document.querySelectorAll('#timeline .ytick text')].map(t => t.textContent)"
    )


def figure_ids(page) -> list[str]:
    """The event ids in the figure's data, once plotly has drawn it."""
    page.wait_for_function(f"() => ({FIGURE_IDS})() !== null")
    return page.evaluate(FIGURE_IDS)


def wait_for_count(page, pattern: str) -> str:
    page.wait_for_function(
        "p => { const e = document.querySelector('#event-count');"
        " return e !== null && new RegExp(p).test(e.textContent); }",
        arg=pattern,
    )
    return page.inner_text("#event-count")


def shown_total(page) -> tuple[int, int]:
    shown, total = re.match(r"([\d,]+) of ([\d,]+)", page.inner_text("#event-count")).groups()
    return int(shown.replace(",", "")), int(total.replace(",", ""))


def point(page, event_id: str | None = None, exclude: tuple[str, ...] = ()) -> dict:
    points = [p for p in page.evaluate(MARKER_CENTRES) if p["id"] not in exclude]
    if event_id is not None:
        points = [p for p in points if p["id"] == event_id]
    assert points, f"no drawn point for {event_id}"
    return points[0]


def hover_point(page, event_id: str) -> None:
    """Hover a marker until plotly reports that event as the hovered one (a resize can move
    markers just after they were measured, so measure again when it does not)."""
    page.locator("#timeline").scroll_into_view_if_needed()
    for _ in range(5):
        page.mouse.move(5, 5)
        target = point(page, event_id)
        page.mouse.move(target["x"], target["y"])
        try:
            page.wait_for_function(HOVERED, arg=event_id, timeout=2_000)
            return
        except playwright_api.TimeoutError:
            continue
    raise AssertionError(f"could not hover {event_id}")


def click_point(page, event_id: str) -> None:
    """Click a marker the way a reader does: hovered first, then clicked where it is."""
    hover_point(page, event_id)
    target = point(page, event_id)
    page.mouse.click(target["x"], target["y"])


def open_detail(page, event_id: str, quote: str) -> None:
    """Click a marker until the detail panel shows its quote (one retry covers a click that
    plotly gave to the previously hovered marker while the page was still settling)."""
    shows = (
        "q => { const m = document.querySelector('#event-detail mark');"
        " return m !== null && m.textContent === q; }"
    )
    for _ in range(3):
        click_point(page, event_id)
        try:
            page.wait_for_function(shows, arg=quote, timeout=5_000)
            return
        except playwright_api.TimeoutError:
            continue
    raise AssertionError(f"the detail panel never showed {event_id}")


def search_query(page) -> dict:
    return parse_qs(urlsplit(page.url).query)


def test_page_loads_clean_with_one_point_per_event(page, seed_app, seed_events):
    url, _ = seed_app
    open_app(page, url)
    total = len(seed_events)
    assert total > 5
    wait_for_count(page, f"^{total} of {total} events")
    # The first view leaves the far-off 1988 event out, and says so; every year shows all.
    first = figure_ids(page)
    assert len(first) == total - 1
    assert "1 event lies outside" in page.inner_text("#figure-note")
    page.click("#show-all-years")
    page.wait_for_function(f"() => ({FIGURE_IDS})().length === {total}")
    drawn = figure_ids(page)
    assert sorted(drawn) == sorted(seed_events["event_id"])
    page.wait_for_function(f"() => ({MARKER_CENTRES})().length === {total}")
    assert len({p["id"] for p in page.evaluate(MARKER_CENTRES)}) == total
    labels = lane_labels(page)
    busiest = named_people(seed_events)[0]
    count = int((seed_events["person"] == busiest).sum())
    assert f"{busiest} ({count})" in labels
    assert page.errors == []


def test_hovering_a_point_shows_its_quote(page, seed_app, seed_events):
    open_app(page, seed_app[0])
    event = seed_events.loc[seed_events["granularity"] == "day"].iloc[0]
    hover_point(page, event["event_id"])
    hover = page.locator("#timeline .hoverlayer .hovertext")
    squeeze = lambda text: re.sub(r"\s+", "", text)  # noqa: E731 - lines are wrapped
    assert squeeze(event["quote"][:50]) in squeeze(hover.text_content())
    assert event["person"] in hover.text_content()


# A component's property as Dash's renderer holds it: what a callback's State receives.
DASH_PROP = """([id, prop]) => {
  const state = window.store.getState();
  let node = state.layout;
  for (const key of state.paths.strs[id] || [null]) {
    node = key === null ? undefined : node[key];
    if (node === undefined) return null;
  }
  return node.props[prop] ?? null;
}"""


def fill_input(page, component_id: str, text: str, tries: int = 3) -> None:
    """Type into a text input and wait until Dash holds the text. The input hands its value
    to Dash after React's next render, so a click at once (sooner than any reader) could
    still send the old value on a busy machine. A render still under way when the text goes
    in (a dropdown just chosen) can put the old value back, so the text goes in again then,
    as a reader would type it again."""
    for attempt in range(tries):
        page.fill(f"#{component_id}", text)
        try:
            page.wait_for_function(
                f"args => ({DASH_PROP})(args) === args[2]",
                arg=[component_id, "value", text],
                timeout=7_000,
            )
            return
        except playwright_api.TimeoutError:
            if attempt == tries - 1:
                raise


def search_dropdown(page, selector: str, text: str) -> None:
    """Open a dropdown and type into its menu's search box once it is there (keys sent
    while the menu opens are lost)."""
    page.click(selector)
    page.locator(".dash-dropdown-content input.dash-dropdown-search").fill(text)


def test_choosing_one_person_leaves_only_their_events(page, seed_app, seed_events):
    open_app(page, seed_app[0])
    person = named_people(seed_events)[0]
    search_dropdown(page, "#person-filter", person[:3])
    page.locator(".dash-dropdown-option", has_text=person).click()
    page.keyboard.press("Escape")
    expected = seed_events.loc[seed_events["person"] == person, "event_id"]
    wait_for_count(page, f"^{len(expected)} of ")
    page.wait_for_function(f"() => ({FIGURE_IDS})().length === {len(expected)}")
    assert sorted(figure_ids(page)) == sorted(expected)
    assert search_query(page)["person"] == [person]
    # The filtered view survives a reload from its URL.
    page.reload()
    wait_for_count(page, f"^{len(expected)} of ")
    assert sorted(figure_ids(page)) == sorted(expected)
    assert page.errors == []


def test_type_filter_and_date_range_narrow_the_view(page, seed_app, seed_events):
    open_app(page, seed_app[0])
    page.click("#show-all-years")
    total = len(seed_events)
    kind = seed_events["event_type"].value_counts().index[0]
    page.locator("#type-filter label", has_text=re.compile(f"^{kind}$", re.I)).click()
    remaining = seed_events.loc[seed_events["event_type"] != kind, "event_id"]
    wait_for_count(page, f"^{len(remaining)} of {total}")
    page.click("#show-all-years")
    page.wait_for_function(f"() => ({FIGURE_IDS})().length === {len(remaining)}")
    assert sorted(figure_ids(page)) == sorted(remaining)
    assert kind not in search_query(page)["type"]
    # A date range from the URL: the second half of 2021.
    page.goto(seed_app[0] + "/?from=2021-07&to=2021-09")
    in_range = seed_events.loc[
        (seed_events["date_end"] >= "2021-07-01") & (seed_events["date_start"] <= "2021-09-30")
    ]
    wait_for_count(page, f"^{len(in_range)} of {total}")
    assert 0 < len(in_range) < total
    assert sorted(figure_ids(page)) == sorted(in_range["event_id"])
    assert (page.input_value("#date-from"), page.input_value("#date-to")) == ("2021-07", "2021-09")
    # Typing a date moves the range; the URL follows.
    page.fill("#date-from", "2021-08")
    page.locator("#date-from").press("Enter")
    page.wait_for_function("() => location.search.includes('from=2021-08')")
    assert page.errors == []


def test_pasting_an_article_adds_its_people_and_events(page, seed_app):
    open_app(page, seed_app[0])
    before, _ = shown_total(page)
    page.click("#add-article")
    page.wait_for_selector("#article-status.error")
    assert "empty" in page.inner_text("#article-status")
    article = (
        "Maria Santos was elected mayor of Riverton on 3 March 2019. "
        "On 12 April 2020, Maria Santos resigned after a corruption inquiry."
    )
    fill_input(page, "article-text", article)
    fill_input(page, "article-published", "2020-05-01")
    fill_input(page, "article-title", "Riverton mayor resigns")
    page.click("#add-article")
    page.wait_for_selector("#article-status.ok")
    assert page.inner_text("#article-status").startswith("Added")
    page.wait_for_function(f"() => ({FIGURE_IDS})().length > {before}")
    shown, total = shown_total(page)
    assert shown == total > before
    labels = lane_labels(page)
    assert any(label.startswith("Maria Santos (") for label in labels)
    search_dropdown(page, "#person-filter", "Maria")
    assert page.locator(".dash-dropdown-option", has_text="Maria Santos").count() == 1
    page.keyboard.press("Escape")
    # Its source paragraph comes from the browser's own store of added texts.
    maria = page.evaluate(
        "() => document.querySelector('#timeline .js-plotly-plot').data"
        ".filter(t => t.customdata).flatMap(t => t.customdata)"
        ".filter(row => row[2] === 'Maria Santos').map(row => row[0])"
    )
    assert len(maria) >= 1
    click_point(page, maria[0])
    page.wait_for_function(
        "() => { const p = document.querySelector('#event-detail blockquote');"
        " return p !== null && p.textContent.includes('Riverton'); }"
    )
    assert page.locator("#event-detail mark").count() == 1
    assert "Riverton mayor resigns" in page.inner_text("#event-detail")
    assert page.errors == []


def test_a_missing_publication_date_is_an_error_next_to_the_form(page, seed_app):
    open_app(page, seed_app[0])
    fill_input(page, "article-text", "On 7 October, Jane Doe left her base.")
    page.click("#add-article")
    page.wait_for_selector("#article-status.error")
    message = page.inner_text("#article-status")
    assert "fill in Published (YYYY-MM-DD)" in message
    assert "Traceback" not in message and "\n" not in message.strip()


def test_a_hostile_quote_is_shown_as_text_and_runs_nothing(page, hostile_url):
    open_app(page, hostile_url)
    hover_point(page, "e-nov")
    hover = page.locator("#timeline .hoverlayer .hovertext")
    assert "<img src=x" in hover.text_content()
    assert page.locator("#timeline .hoverlayer img, #timeline .hoverlayer a").count() == 0
    open_detail(page, "e-nov", SAMPLE_ROWS[3]["quote"])
    assert '<a href="javascript:window.__xss=2">' in page.inner_text("#event-detail")
    open_detail(page, "e-june", SAMPLE_ROWS[0]["quote"])
    assert '<img src=x onerror="window.__xss=3">Title' in page.inner_text("#event-detail")
    assert page.locator("#event-detail a").count() == 0  # a javascript: URL is never a link
    page.locator("#event-table-slot").scroll_into_view_if_needed()  # the grid loads near
    page.hover("#event-table")
    assert page.evaluate("() => window.__xss") is None
    assert page.locator("a[href^='javascript']").count() == 0
    assert page.locator("#event-detail img, #event-table img").count() == 0
    labels = lane_labels(page)
    assert any("<b onmouseover" in label for label in labels)


def test_clicking_an_event_opens_the_detail_panel(page, seed_app, seed_events):
    open_app(page, seed_app[0])
    # A named event the first view draws (the 1988 one lies outside it).
    drawn = seed_events.loc[(seed_events["person"] != "") & (seed_events["date_start"] >= "2016")]
    event = drawn.iloc[-1]
    open_detail(page, event["event_id"], event["quote"])
    detail = page.inner_text("#event-detail")
    for expected in (event["person"], event["date_text"], event["granularity"], event["title"]):
        assert expected in detail
    # A row of the table opens its event too.
    first_row = seed_events.sort_values("date_start").iloc[0]
    page.locator("#event-table-slot").scroll_into_view_if_needed()  # the grid loads near
    page.locator("#event-table .ag-row[row-index='0'] [col-id='quote']").click()
    page.wait_for_function(
        "q => document.querySelector('#event-detail mark')?.textContent === q",
        arg=first_row["quote"],
    )
    open_detail(page, event["event_id"], event["quote"])
    page.click("#only-this-person")
    expected = seed_events.loc[seed_events["person"] == event["person"], "event_id"]
    wait_for_count(page, f"^{len(expected)} of ")
    assert sorted(figure_ids(page)) == sorted(expected)
    assert search_query(page)["person"] == [event["person"]]


def test_the_csv_download_matches_the_view(page, seed_app, seed_events):
    person = named_people(seed_events)[1]
    page.goto(seed_app[0] + "/?" + urlencode({"person": person}))
    expected = seed_events.loc[seed_events["person"] == person, "event_id"]
    wait_for_count(page, f"^{len(expected)} of ")
    with page.expect_download() as download_info:
        page.click("#export-csv")
    download = download_info.value
    assert download.suggested_filename.endswith(".csv")
    rows = list(csv.DictReader(io.StringIO(Path(download.path()).read_text("utf-8"))))
    assert sorted(row["event_id"] for row in rows) == sorted(figure_ids(page)) == sorted(expected)
    # The table loads once it is in view (dashboard/lazy.py), with the view's rows.
    page.wait_for_function(
        "n => document.querySelectorAll("
        "'#event-table .ag-center-cols-container .ag-row').length === n",
        arg=len(expected),
    )


def test_uploading_a_file_fills_the_form_or_says_what_is_wrong(page, seed_app):
    open_app(page, seed_app[0])
    upload = "#article-upload input[type=file]"
    binary = {"name": "photo.txt", "mimeType": "text/plain", "buffer": b"\x89PNG\x00\x01"}
    page.set_input_files(upload, files=[binary])
    page.wait_for_selector("#article-status.error")
    assert "photo.txt: the file is binary, not text" in page.inner_text("#article-status")
    text = "On 2 May 2019, Ana Lima joined the council."
    page.set_input_files(
        upload, files=[{"name": "a.txt", "mimeType": "text/plain", "buffer": text.encode()}]
    )
    page.wait_for_selector("#article-status.ok")
    assert page.input_value("#article-text") == text
    assert page.errors == []


def even_events(people: int = 40, each: int = 140) -> pd.DataFrame:
    """Events spread evenly over ten years, ``each`` per person: close enough that every
    lane is full, not so close that any become count badges."""
    from support.synthetic import synthetic_events

    frame = synthetic_events(events=people * each, people=people, types=3, seed=11)
    person = np.repeat([f"Person {index:04d}" for index in range(people)], each)
    step = 3_650 // each
    offsets = np.tile(np.arange(each) * step, people) + np.repeat(np.arange(people) % step, each)
    day = (np.datetime64("2010-01-01") + offsets).astype(str)
    return frame.assign(person=person, date=day, granularity="day", date_start=day, date_end=day)


@pytest.fixture(scope="module")
def big_url():
    """An app that draws more markers than the SVG renderer should."""
    with serving(create_app(FrameSource(frame=even_events()))) as url:
        yield url


def test_many_events_are_drawn_with_webgl_under_the_security_policy(page, big_url):
    page.goto(big_url)
    wait_for_count(page, "^5,600 of 5,600 events")
    page.wait_for_selector("#timeline .gl-container canvas")
    kinds = page.evaluate(
        "() => document.querySelector('#timeline .js-plotly-plot').data"
        ".filter(t => t.customdata).map(t => t.type)"
    )
    assert set(kinds) == {"scattergl"}
    assert len(figure_ids(page)) > 5_000
    assert "WebGL is not supported" not in page.inner_text("#timeline")
    assert page.errors == []
