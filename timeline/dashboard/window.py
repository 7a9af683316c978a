"""The chart's window: which days the figure shows, and the note that says so.

The window is not a filter: the event count, the table and the downloads hold every event
the filters keep, and the note under the header says which part of them the chart shows.
What the reader asked for travels in a ``dcc.Store`` as one of:

- None: the first view. The chosen dates when there are any; else every year, unless a few
  far-off events would squeeze the rest into a sliver: then the shortest window holding
  ``FOCUS_SHARE`` of the events, and the note says how many lie outside.
- ``ALL_YEARS``: every event in view ("Show all years", "Clear all filters", a double-click).
- ``[first, last]``: days the reader zoomed or panned to, or a count badge opened.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from timeline.dashboard.filters import Filters
from timeline.dashboard.months import day_label, day_year, first_day_of, last_day_of

ALL_YEARS = "all"
#: The first view zooms to the shortest window holding this share of the events ...
FOCUS_SHARE = 0.9
#: ... when that window is shorter than this fraction of the whole span.
FOCUS_MAX_FRACTION = 0.25


@dataclass(frozen=True)
class Window:
    """Days shown (fractional day numbers, margins included), why ("all", "focus", "dates"
    or "zoom"), and the days the note names (without the margins)."""

    first: float
    last: float
    mode: str
    named: tuple[float, float] = (0.0, 0.0)

    def holds(self, first: np.ndarray, last: np.ndarray) -> np.ndarray:
        """Which periods overlap the window."""
        return (last + 1 > self.first) & (first < self.last)

    @property
    def days(self) -> float:
        """How many days the window spans."""
        return self.last - self.first


def choose_window(
    first: np.ndarray, last: np.ndarray, filters: Filters, requested: object = None
) -> Window:
    """The window for events spanning ``first`` to ``last`` (day numbers of the events in
    view) and what the reader asked for (see the module docstring)."""
    low, high = int(first.min()), int(last.max())
    zoom = zoom_range(requested)
    if zoom is not None:
        return Window(zoom[0], zoom[1], "zoom", zoom)
    if requested != ALL_YEARS and filters.dated:
        chosen_low = first_day_of(filters.date_from) if filters.date_from else low
        chosen_high = last_day_of(filters.date_to) if filters.date_to else high
        return _padded_window(max(low, chosen_low), min(high, chosen_high), "dates")
    if requested != ALL_YEARS:
        focus_low, focus_high, outside = focus_window(first, last)
        if outside:
            return _padded_window(focus_low, focus_high, "focus")
    return _padded_window(low, high, "all")


def _padded_window(first_day: int, last_day: int, mode: str) -> Window:
    return Window(*padded(first_day, last_day), mode, (first_day, last_day + 1))


def zoom_range(requested: object) -> tuple[float, float] | None:
    """The days of a zoomed window, or None when ``requested`` is not one."""
    if not isinstance(requested, (list, tuple)) or len(requested) != 2:
        return None
    try:
        low, high = sorted(float(value) for value in requested)
    except (TypeError, ValueError):
        return None
    if not (np.isfinite(low) and np.isfinite(high)) or high - low < 1 / 24:
        return None
    return low, high


def padded(first_day: int, last_day: int) -> tuple[float, float]:
    """A span of days with a margin either side, so edge markers are not cut in half."""
    pad = max(20, int((last_day - first_day) * 0.03))
    return float(first_day - pad), float(last_day + 1 + pad)


def focus_window(
    first: np.ndarray, last: np.ndarray, share: float = FOCUS_SHARE
) -> tuple[int, int, int]:
    """The days to show at first: the whole span, unless a few far-off events would squeeze
    the rest into a sliver. Then the shortest window holding ``share`` of the events is shown,
    if it is under ``FOCUS_MAX_FRACTION`` of the span. Returns (first day, last day, number of
    events outside the window)."""
    low, high = int(first.min()), int(last.max())
    count = len(first)
    keep = int(np.ceil(share * count))
    if count < 5 or keep >= count:
        return low, high, 0
    # Rows come in date order, so the middles are nearly sorted already: a stable sort
    # (timsort) takes them in about one pass.
    middle = np.sort((first + last) / 2, kind="stable")
    widths = middle[keep - 1 :] - middle[: count - keep + 1]
    start = int(np.argmin(widths))
    window_low, window_high = middle[start], middle[start + keep - 1]
    if (window_high - window_low) > FOCUS_MAX_FRACTION * (high - low):
        return low, high, 0
    inside = (last >= window_low) & (first <= window_high)
    window_low = int(first[inside].min())
    window_high = int(last[inside].max())
    return window_low, window_high, int(count - inside.sum())


@dataclass(frozen=True)
class Shown:
    """What the chart shows of the events in view, for the note."""

    window: Window
    #: Events in view, and how many of them the window holds.
    events: int
    inside: int
    #: Lanes with events in view but none in the window (not drawn), and the names of the
    #: first few of them.
    empty_lanes: int = 0
    empty_names: tuple[str, ...] = ()
    #: Count badges drawn, and whether events were grouped more than usual to open fast
    #: (``views.capped_spread``).
    badges: int = 0
    coarse: bool = False


def window_note(shown: Shown) -> str:
    """The note above the chart: which days it shows, and what it leaves out."""
    window = shown.window
    outside = shown.events - shown.inside
    span = _span(window)
    if window.mode == "all":
        parts = [f"Showing every year with events in view: {span}."]
    elif window.mode == "dates":
        parts = [f"Showing the dates chosen: {span}."]
    elif window.mode == "focus":
        noun = "event lies" if outside == 1 else "events lie"
        parts = [
            f"Zoomed to {span}, where most events are; {outside:,} {noun} outside. "
            "“Show all years” shows every one."
        ]
    else:
        parts = [
            f"Showing {span}: {shown.inside:,} of {shown.events:,} events in view. "
            "Double-click the chart or press “Show all years” to see every year."
        ]
    if shown.empty_lanes:
        lanes = "lane has" if shown.empty_lanes == 1 else "lanes have"
        drawn = "is" if shown.empty_lanes == 1 else "are"
        named = _names(shown.empty_names, shown.empty_lanes)
        parts.append(f"{shown.empty_lanes:,} {lanes} no event here and {drawn} not drawn{named}.")
    if shown.badges:
        parts.append(
            "A number in a circle stands for events too close together to draw apart: "
            "click it to zoom in."
        )
    if shown.coarse:
        parts.append(
            "To open fast, this first view groups more events than later views: any change "
            "of the filters or the window draws more of them apart."
        )
    return " ".join(parts)


def _names(names: tuple[str, ...], count: int) -> str:
    """The first few names of a list, and how many more: ": Ann, Bo and 3 more"."""
    if not names:
        return ""
    more = count - len(names)
    if more > 0:
        return f": {', '.join(names)} and {more:,} more"
    if len(names) == 1:
        return f": {names[0]}"
    return f": {', '.join(names[:-1])} and {names[-1]}"


def _span(window: Window) -> str:
    """The named days in words: years for long spans, days for short ones."""
    first, end = window.named
    if window.mode in ("all", "focus") or end - first > 3 * 365:
        first_year, last_year = day_year(first), day_year(end - 1)
        return str(first_year) if first_year == last_year else f"{first_year}–{last_year}"
    return f"{day_label(first)} – {day_label(max(first, end - 1))}"
