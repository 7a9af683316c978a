"""Spreading markers within their lanes, so that every event can be seen and clicked.

Markers that would be drawn closer than ``MARKER_GAP_PX`` in a lane are spread over
sub-rows, like a beeswarm; the x of a marker is never moved, since it is the date. Where a
run of close markers would need more than ``MAX_ROWS`` sub-rows, the run is drawn as count
badges instead, one per ``BADGE_PX`` of the axis, and clicking a badge zooms in on its
events (below ``MIN_BADGE_DAYS`` on screen, nothing is grouped: every event is drawn).

Distances are reckoned on a plot ``PLOT_WIDTH_PX`` wide, the narrowest the page's layout
gives the chart, so on any wider screen markers stand further apart.

How the rows are found: sort each lane's markers by x and cut the lane into *runs* wherever
two neighbours stand at least a gap apart (in numpy). In a run, ``R``, the most markers
found within one gap of each other, is the least number of rows that can hold it. A marker
alone is on the lane's middle row; in a run each marker takes the first row (middle first,
then out) whose last marker is a gap behind it, which never needs more than ``R`` rows
(first fit is optimal for intervals of one width). Only markers in runs of two rows or
more go through that loop; dense runs are badges.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

#: The narrowest plot area the layout gives the chart, in pixels.
PLOT_WIDTH_PX = 480
#: Least distance between the centres of two markers on one sub-row, in pixels.
MARKER_GAP_PX = 14
#: Most sub-rows a lane is given before close markers become count badges ...
MAX_ROWS = 5
#: ... unless few lanes are drawn: then they share this many sub-rows, up to ``MOST_ROWS``.
ROWS_TO_SHARE = 48
MOST_ROWS = 12
#: Width of the axis one count badge stands for, in pixels.
BADGE_PX = 30
#: Least distance between the centres of two badges, in pixels (a badge is 20 wide).
BADGE_GAP_PX = 24
#: On a window at most this many days wide, nothing is grouped into badges.
MIN_BADGE_DAYS = 10


@dataclass(frozen=True)
class Badges:
    """Count badges: the lane of each (an index into the drawn lanes), its x (a fractional
    day number), how many events it stands for, and their first and last day."""

    lane: np.ndarray
    x: np.ndarray
    count: np.ndarray
    first: np.ndarray
    last: np.ndarray

    def __len__(self) -> int:
        return len(self.lane)


@dataclass(frozen=True)
class Spread:
    """Where markers go: the sub-row of each event (-1 when a badge stands for it), the
    number of sub-rows of each lane, and the badges."""

    row: np.ndarray
    lane_rows: np.ndarray
    badges: Badges


def spread_markers(
    lane: np.ndarray,
    centre: np.ndarray,
    lanes: int,
    window: tuple[float, float],
    first: np.ndarray | None = None,
    last: np.ndarray | None = None,
    width_px: float = PLOT_WIDTH_PX,
) -> Spread:
    """Sub-rows and badges for markers at ``centre`` (fractional day numbers) in lanes
    ``lane`` (0 to ``lanes - 1``), seen through ``window`` (first and last day shown) on a
    plot ``width_px`` wide (a narrower one groups more). ``first`` and ``last`` are each
    event's first and last day (default: ``centre``); a badge spans its events' days. A
    lane gets up to ``rows_per_lane(lanes)`` sub-rows."""
    count = len(lane)
    first = centre if first is None else first
    last = centre if last is None else last
    lane_rows = np.ones(lanes, dtype="int64")
    if not count:
        return Spread(np.zeros(0, dtype="int64"), lane_rows, _no_badges())
    low, high = window
    scale = width_px / max(high - low, 1e-9)
    px = (np.asarray(centre, dtype="float64") - low) * scale
    # One increasing key over all lanes: a lane's keys lie past the previous lane's by
    # more than a gap, so searching a gap back never reaches another lane.
    stride = float(px.max() - px.min()) + 4 * MARKER_GAP_PX
    key = np.asarray(lane, dtype="int64") * stride + (px - px.min())
    order = np.argsort(key)
    key, px_sorted, lane_sorted = key[order], px[order], np.asarray(lane)[order]
    index = np.arange(count)
    within = index - np.searchsorted(key, key - MARKER_GAP_PX, side="right") + 1
    new_lane = lane_sorted[1:] != lane_sorted[:-1]
    breaks = np.r_[True, new_lane | (np.diff(px_sorted) >= MARKER_GAP_PX)]
    starts = np.flatnonzero(breaks)
    run = np.cumsum(breaks) - 1
    depth = np.maximum.reduceat(within, starts)
    # On a narrow enough window every event is drawn, however many rows that takes.
    dense = (depth > rows_per_lane(lanes)) & (high - low > MIN_BADGE_DAYS)
    grouped = dense[run]
    row_sorted = np.zeros(count, dtype="int64")
    stacked = np.flatnonzero(~grouped & (depth[run] > 1))
    row_sorted[stacked] = first_fit(px_sorted[stacked], run[stacked])
    row_sorted[grouped] = -1
    np.maximum.at(lane_rows, lane_sorted[~grouped], row_sorted[~grouped] + 1)
    row = np.empty(count, dtype="int64")
    row[order] = row_sorted
    ends = np.r_[starts[1:], count] - 1
    runs = Runs(run=run[grouped], low=px_sorted[starts], high=px_sorted[ends])
    days = (np.asarray(first)[order][grouped], np.asarray(last)[order][grouped])
    badges = _badges(runs, lane_sorted[grouped], px_sorted[grouped], days, (low, scale))
    return Spread(row, lane_rows, badges)


def first_fit(px: np.ndarray, run: np.ndarray) -> np.ndarray:
    """The row of each marker (sorted by run, then x): the first whose last marker stands a
    gap behind it."""
    rows = np.zeros(len(px), dtype="int64")
    ends: list[float] = []
    current = -1
    for index, (x, this_run) in enumerate(zip(px.tolist(), run.tolist(), strict=True)):
        if this_run != current:
            ends, current = [], this_run
        for row, end in enumerate(ends):
            if x - end >= MARKER_GAP_PX:
                ends[row] = x
                rows[index] = row
                break
        else:
            rows[index] = len(ends)
            ends.append(x)
    return rows


@dataclass(frozen=True)
class Runs:
    """The run of each grouped marker, and the first and last x (pixels) of every run."""

    run: np.ndarray
    low: np.ndarray
    high: np.ndarray


def _badges(
    runs: Runs,
    lane: np.ndarray,
    px: np.ndarray,
    days: tuple[np.ndarray, np.ndarray],
    axis: tuple[float, float],
) -> Badges:
    """One badge per ``BADGE_PX`` cell of each dense run, at the cell's middle kept inside
    the run (so it keeps a gap from the markers around the run). The markers come sorted
    by lane and x, so each badge's markers are one stretch of them."""
    if not len(lane):
        return _no_badges()
    cell = np.floor(px / BADGE_PX).astype("int64")
    heads = np.flatnonzero(np.r_[True, (runs.run[1:] != runs.run[:-1]) | (np.diff(cell) != 0)])
    middle = (cell[heads] + 0.5) * BADGE_PX
    x_px = np.clip(middle, runs.low[runs.run[heads]], runs.high[runs.run[heads]])
    # A run's first and last badges are kept inside the run, which can bring one within a
    # badge's width of its neighbour: such neighbours become one badge.
    run_of = runs.run[heads]
    apart = (np.diff(x_px) >= BADGE_GAP_PX) | (run_of[1:] != run_of[:-1])
    groups = np.flatnonzero(np.r_[True, apart])
    if len(groups) < len(heads):
        sizes = np.diff(np.r_[groups, len(heads)])
        x_px = np.add.reduceat(x_px, groups) / sizes
        heads = heads[groups]
    count = np.diff(np.r_[heads, len(lane)])
    low, scale = axis
    return Badges(
        lane=lane[heads],
        x=low + x_px / scale,
        count=count,
        first=np.minimum.reduceat(days[0], heads),
        last=np.maximum.reduceat(days[1], heads),
    )


def _no_badges() -> Badges:
    empty = np.zeros(0)
    return Badges(empty.astype("int64"), empty, empty.astype("int64"), empty, empty)


def rows_per_lane(lanes: int) -> int:
    """The most sub-rows a lane gets: ``MAX_ROWS``, or more when only a few lanes are drawn
    (one person's lane can use the room of many)."""
    return max(MAX_ROWS, min(MOST_ROWS, ROWS_TO_SHARE // max(lanes, 1)))


def badge_window(first: float, last: float) -> tuple[float, float]:
    """The window a click on a badge zooms to: its events with a margin, and at least
    ``MIN_BADGE_DAYS`` wide, so the click always draws them apart in the end."""
    middle, half = (first + last + 1) / 2, max((last + 1 - first) * 0.6, MIN_BADGE_DAYS / 2)
    return middle - half, middle + half
