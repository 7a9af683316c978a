"""Markers spread over sub-rows, and count badges past a density: the guarantees."""

from __future__ import annotations

import numpy as np
import pytest

from timeline.dashboard.spread import (
    BADGE_GAP_PX,
    MARKER_GAP_PX,
    MAX_ROWS,
    MIN_BADGE_DAYS,
    PLOT_WIDTH_PX,
    badge_window,
    rows_per_lane,
    spread_markers,
)


def pixels(centre, window):
    return (np.asarray(centre) - window[0]) * PLOT_WIDTH_PX / (window[1] - window[0])


@pytest.mark.parametrize("count", [14, 1_000, 100_000])
def test_markers_on_one_row_stand_a_gap_apart(count):
    rng = np.random.default_rng(count)
    lanes = 40
    lane = rng.integers(0, lanes, count)
    window = (0.0, 11_000.0)
    centre = rng.uniform(*window, count)
    spread = spread_markers(lane, centre, lanes, window)
    px = pixels(centre, window)
    drawn = spread.row >= 0
    for index in range(lanes):
        for row in range(int(spread.lane_rows[index])):
            xs = np.sort(px[drawn & (lane == index) & (spread.row == row)])
            assert len(xs) < 2 or np.diff(xs).min() >= MARKER_GAP_PX - 1e-9
    assert spread.lane_rows.max() <= rows_per_lane(lanes)
    # Every event is drawn or counted in a badge, once.
    assert drawn.sum() + spread.badges.count.sum() == count
    for index in range(lanes):
        xs = np.sort(pixels(spread.badges.x[spread.badges.lane == index], window))
        assert len(xs) < 2 or np.diff(xs).min() >= BADGE_GAP_PX - 1e-9


def test_lone_markers_stay_on_the_first_row():
    spread = spread_markers(np.array([0, 0, 1]), np.array([0.0, 5_000.0, 10.0]), 2, (0, 10_000))
    assert spread.row.tolist() == [0, 0, 0] and spread.lane_rows.tolist() == [1, 1]


def test_close_markers_take_sub_rows_and_a_crowd_becomes_badges():
    three = spread_markers(np.zeros(3, int), np.array([100.0, 101.0, 102.0]), 1, (0, 10_000))
    assert sorted(three.row.tolist()) == [0, 1, 2] and len(three.badges) == 0
    crowd = np.full(60, 100.0)
    dense = spread_markers(np.zeros(60, int), crowd, 1, (0, 10_000))
    assert (dense.row == -1).all() and dense.badges.count.tolist() == [60]
    assert dense.badges.first.tolist() == [100.0]
    # On a window of a few days nothing is grouped: every event is drawn.
    narrow = spread_markers(np.zeros(60, int), crowd, 1, (95, 95 + MIN_BADGE_DAYS))
    assert (narrow.row >= 0).all() and narrow.lane_rows.tolist() == [60]


def test_few_lanes_share_more_rows():
    assert rows_per_lane(40) == MAX_ROWS
    assert rows_per_lane(1) > MAX_ROWS


def test_a_badge_window_is_never_narrower_than_the_grouping_threshold():
    low, high = badge_window(100, 100)
    assert high - low == MIN_BADGE_DAYS and low < 100 < 101 < high
    low, high = badge_window(100, 400)
    assert low < 100 and high > 401


@pytest.mark.parametrize("cap", [1_000, 300, 100])
def test_a_capped_spread_draws_at_most_the_cap_and_still_counts_every_event(cap):
    from timeline.dashboard.views import capped_spread

    rng = np.random.default_rng(cap)
    lanes, count = 40, 2_500
    lane = rng.integers(0, lanes, count)
    window = (0.0, 3_000.0)
    first = np.floor(rng.uniform(0, 2_990, count))
    last = first + rng.integers(0, 3, count)
    usual, coarse = capped_spread(lane, (first, last), lanes, window)
    assert not coarse and int((usual.row >= 0).sum()) + len(usual.badges) > 1_000
    spread, coarse = capped_spread(lane, (first, last), lanes, window, cap)
    assert coarse
    assert int((spread.row >= 0).sum()) + len(spread.badges) <= cap
    assert (spread.row >= 0).sum() + spread.badges.count.sum() == count
    # A view under the cap is left as it is.
    same, coarse = capped_spread(lane[:50], (first[:50], last[:50]), lanes, window, cap)
    assert not coarse and (same.row >= 0).all()


def test_a_cap_cannot_group_a_window_of_a_few_days():
    """Below MIN_BADGE_DAYS nothing is grouped: every event is drawn, cap or not."""
    from timeline.dashboard.views import capped_spread

    centre = np.linspace(100, 100 + MIN_BADGE_DAYS - 2, 400)
    lane = np.zeros(400, dtype="int64")
    window = (99.5, 99.5 + MIN_BADGE_DAYS)
    spread, _coarse = capped_spread(lane, (centre, centre), 1, window, 50)
    assert (spread.row >= 0).all()
