"""The map's figure: one marker per place, sized by count, every document string escaped."""

from __future__ import annotations

from timeline.dashboard.places_map import map_figure, marker_size, places_of
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
    frame = events_frame(
        [_event("e1", "Tamu", 24.2), _event("e2", "Tamu", 24.2, day="05"),
         _event("e3", "Loikaw", 19.7), _event("e4", "", None)]
    )  # fmt: skip
    places = places_of(frame)
    assert places["location"].tolist() == ["Tamu", "Loikaw"]
    assert places["count"].tolist() == [2, 1]
    trace = map_figure(frame)["data"][0]
    assert trace["type"] == "scattergeo"
    assert trace["marker"]["size"] == [marker_size(2), marker_size(1)]
    assert trace["customdata"][0][0] == "e2"  # the place's latest event
    assert trace["ids"][0] == "e1|e2"


def test_document_strings_are_escaped_in_the_hover():
    hostile = "<img src=x onerror=alert(1)>"
    frame = events_frame([_event("e1", hostile, 24.2, quote=f"He said {hostile}.")])
    card = " ".join(map_figure(frame)["data"][0]["customdata"][0])
    assert "<img" not in card and "&lt;img" in card
    assert "<b>title</b>" not in card


def test_the_selected_events_place_is_ringed():
    frame = events_frame([_event("e1", "Tamu", 24.2), _event("e3", "Loikaw", 19.7)])
    widths = map_figure(frame, selected="e3")["data"][0]["marker"]["line"]["width"]
    assert widths == [0.5, 3]


def test_no_place_gives_an_empty_map_that_says_so():
    figure = map_figure(events_frame([_event("e4", "", None)]))
    assert figure["data"] == []
    assert "No event in this view has a place" in figure["layout"]["annotations"][0]["text"]
