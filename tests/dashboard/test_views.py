"""From a table and filters to what the page shows: counts, pages, thinning, table rows."""

from __future__ import annotations

import numpy as np
from support.synthetic import synthetic_events

from timeline.dashboard import views
from timeline.dashboard.figures import type_colours
from timeline.dashboard.filters import Filters, matching_positions
from timeline.dashboard.table import EventTable
from timeline.output.schema import events_frame

from .conftest import SAMPLE_ROWS


def build(table, page=0, **filters):
    return views.build_view(table, Filters(**filters), type_colours(table.event_types()), page)


def test_counts_and_messages(sample_table):
    everything = build(sample_table)
    assert (everything.shown, everything.total) == (4, 4)
    assert everything.count_text == "4 of 4 events"
    assert everything.empty_message == ""
    nothing = build(sample_table, text="no such words")
    assert nothing.count_text == "0 of 4 events"
    assert nothing.empty_message == "No events match these filters."
    assert nothing.rows == []
    blank = build(EventTable.from_events(events_frame()))
    assert blank.empty_message.startswith("No events yet")


def test_table_rows_follow_the_filters(sample_table):
    rows = build(sample_table, people=("Jane Doe",)).rows
    assert [row["event_id"] for row in rows] == ["e-june", "e-oct"]
    assert rows[0]["when"] == "June 2021" and rows[0]["event_type"] == "Deployment"
    assert rows[0]["confidence"] == 0.9


def test_undated_events_are_left_out():
    rows = [dict(SAMPLE_ROWS[0], event_id="bad", date_start="", date_end=""), SAMPLE_ROWS[1]]
    table = EventTable.from_events(events_frame(rows))
    assert table.frame["event_id"].tolist() == ["e-oct"]


def test_many_people_are_paged():
    table = EventTable.from_events(synthetic_events(events=3_000, people=100, seed=3))
    first = build(table)
    assert first.page_count == 3 and first.lane_count > 80
    assert len(first.figure["layout"]["yaxis"]["ticktext"]) == views.LANES_PER_PAGE
    assert first.pager_label == f"People 1–40 of {first.lane_count}"
    last = build(table, page=99)
    assert last.page == 2
    drawn = {row[0] for t in last.figure["data"] if t.get("customdata") for row in t["customdata"]}
    page_people = set(table.frame.loc[table.frame["event_id"].isin(drawn), "person"])
    assert len(page_people) <= views.LANES_PER_PAGE
    # The table and count cover every page.
    assert first.shown == last.shown == len(table)


def test_thinning_keeps_the_limit_and_one_event_per_spot():
    table = EventTable.from_events(synthetic_events(events=20_000, people=5, types=2, seed=4))
    positions = matching_positions(table, Filters())
    lanes, _ = views.lane_order(table, positions)
    kept = views.thin_out(table, positions, lanes, limit=2_000)
    assert 0 < len(kept) <= 2_000
    assert np.all(np.diff(kept) > 0) and set(kept) <= set(positions)
    # Every person and type still shows.
    assert set(table.person_codes[kept]) == set(table.person_codes[positions])
    assert set(table.type_codes[kept]) == set(table.type_codes[positions])
    assert views.thin_out(table, positions[:100], lanes, limit=2_000) is not None


def test_the_view_of_a_big_table_stays_small():
    table = EventTable.from_events(synthetic_events(events=30_000, people=300, seed=5))
    result = build(table)
    assert result.drawn <= views.MAX_POINTS
    assert len(result.rows) == views.TABLE_ROW_LIMIT
    assert "first 1,000 of 30,000" in result.table_note


def test_focus_window_skips_a_far_off_outlier():
    first = np.array([0] + [20_000 + day for day in range(0, 300, 30)])
    low, high, outside = views.focus_window(first, first)
    assert (low, high, outside) == (20_000, 20_270, 1)
    spread = np.arange(0, 20_000, 1_000)
    assert views.focus_window(spread, spread) == (0, 19_000, 0)


def test_focus_note_tells_what_is_out_of_sight():
    recent = [
        dict(
            SAMPLE_ROWS[1],
            event_id=f"e{day}",
            date=f"2021-10-{day:02d}",
            date_start=f"2021-10-{day:02d}",
            date_end=f"2021-10-{day:02d}",
        )
        for day in range(1, 11)
    ]
    old = dict(
        SAMPLE_ROWS[2], event_id="old", date="1948", date_start="1948-01-01", date_end="1948-12-31"
    )
    table = EventTable.from_events(events_frame([*recent, old]))
    result = build(table)
    assert result.note.startswith("Zoomed to 2021, where most events are; 1 event lies outside")
    assert result.figure["layout"]["xaxis"]["range"][0].startswith("2021-09")
    # A chosen date range is shown as chosen, with no note.
    chosen = build(table, months=(1948 * 12, 2021 * 12 + 11))
    assert chosen.note == ""
    assert "1945" < chosen.figure["layout"]["xaxis"]["range"][0] < "1948"
