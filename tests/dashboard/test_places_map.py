"""The map's figure: one marker per place, sized by count, every document string escaped."""

from __future__ import annotations

import numpy as np

from timeline.dashboard.places_map import MAX_PLACES, map_figure, marker_size, places_in
from timeline.dashboard.table import EventTable
from timeline.output.schema import events_frame


def _event(event_id: str, location: str, lat: float | None, quote: str = "He left.", day="03"):
    return {
        "doc_id": "d", "event_id": event_id, "person": "Jane Roe", "event_type": "arrest",
        "date": f"2021-05-{day}", "granularity": "day", "date_start": f"2021-05-{day}",
        "date_end": f"2021-05-{day}", "quote": quote, "start": int(day), "end": 40,
        "confidence": 1.0, "title": "A <b>title</b>", "location": location,
        "country": "Myanmar" if location else "", "latitude": lat,
        "longitude": None if lat is None else 94.3, "geo_precision": 1 if location else None,
    }  # fmt: skip


def test_one_marker_per_place_sized_by_its_count():
    table = EventTable.from_events(
        events_frame(
            [_event("e3", "Loikaw", 19.7), _event("e1", "Tamu", 24.2),
             _event("e2", "Tamu", 24.2, day="05"), _event("e4", "", None)]
        )
    )  # fmt: skip
    places = places_in(table, np.arange(len(table)))
    assert places["location"].tolist() == ["Tamu", "Loikaw"]
    assert places["count"].tolist() == [2, 1]
    trace = map_figure(table)["data"][0]
    assert trace["type"] == "scattergeo"
    assert trace["marker"]["size"] == [marker_size(2), marker_size(1)]
    assert trace["customdata"][0][0] == "e2"  # the place's latest event
    assert trace["customdata"][0][2] == "2 events"


def test_only_the_events_at_the_positions_count():
    table = EventTable.from_events(
        events_frame([_event("e1", "Tamu", 24.2), _event("e2", "Tamu", 24.2, day="05"),
                      _event("e3", "Loikaw", 19.7, day="07")])
    )  # fmt: skip
    trace = map_figure(table, np.array([0, 2]))["data"][0]
    assert [row[0] for row in trace["customdata"]] == ["e1", "e3"]
    assert trace["marker"]["size"] == [marker_size(1), marker_size(1)]


def test_points_a_few_metres_apart_are_one_place_and_at_most_max_places_are_drawn():
    rows = [_event(f"e{k}", f"P{k}", 10 + k * 0.01) for k in range(MAX_PLACES + 5)]
    rows.append(_event("near", "P0 again", 10 + 0.00001))
    table = EventTable.from_events(events_frame(rows))
    places = places_in(table, np.arange(len(table)))
    assert len(places) == MAX_PLACES
    assert places.iloc[0]["count"] == 2 and places.iloc[0]["location"] == "P0"


def test_document_strings_are_escaped_in_the_hover():
    hostile = "<img src=x onerror=alert(1)>"
    table = EventTable.from_events(
        events_frame([_event("e1", hostile, 24.2, quote=f"He said {hostile}.")])
    )
    card = " ".join(map_figure(table)["data"][0]["customdata"][0])
    assert "<img" not in card and "&lt;img" in card
    assert "<b>title</b>" not in card


def test_no_place_gives_an_empty_map_that_says_so():
    figure = map_figure(EventTable.from_events(events_frame([_event("e4", "", None)])))
    assert figure["data"] == []
    assert "No event in this view has a place" in figure["layout"]["annotations"][0]["text"]
