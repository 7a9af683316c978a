"""The chart's window: what the reader asked for, and the note that says what is shown."""

from __future__ import annotations

import numpy as np

from timeline.dashboard.filters import Filters
from timeline.dashboard.window import (
    ALL_YEARS,
    Shown,
    Window,
    choose_window,
    window_note,
    zoom_range,
)


def test_zoom_ranges_are_checked():
    assert zoom_range([10, 2]) == (2.0, 10.0)
    for bad in (None, "all", [1], [1, "x"], [1, float("inf")], [5, 5], {"a": 1}):
        assert zoom_range(bad) is None


def test_the_window_follows_the_request():
    first = np.array([0, *range(10_000, 10_100, 10)])
    assert choose_window(first, first, Filters()).mode == "focus"
    assert choose_window(first, first, Filters(), ALL_YEARS).mode == "all"
    assert choose_window(first, first, Filters(date_from="1997")).mode == "dates"
    zoom = choose_window(first, first, Filters(date_from="1997"), [5, 50])
    assert (zoom.first, zoom.last, zoom.mode) == (5.0, 50.0, "zoom")
    # "Show all years" wins over typed dates only by clearing them (see sync_controls).
    assert choose_window(first, first, Filters(date_from="1997"), ALL_YEARS).mode == "all"


def test_notes_count_in_words():
    window = Window(0, 10, "focus", (0, 366))
    one = window_note(Shown(window, events=5, inside=4, empty_lanes=1))
    assert "1 event lies outside" in one and "1 lane has no event here and is not drawn" in one
    many = window_note(Shown(window, 9, 4, empty_lanes=5, empty_names=("A", "B"), badges=2))
    assert "5 events lie outside" in many
    assert "5 lanes have no event here and are not drawn: A, B and 3 more." in many
    both = window_note(Shown(window, 9, 4, empty_lanes=2, empty_names=("A", "B")))
    assert both.endswith("not drawn: A and B.")
    assert many.endswith("click it to zoom in.")
