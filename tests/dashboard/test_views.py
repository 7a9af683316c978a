"""From a table and filters to what the page shows: counts, pages, lanes, the window and
its note, markers spread apart, table rows."""

from __future__ import annotations

import numpy as np
import pytest
from support.spacing import figure_pixels, least_distance
from support.synthetic import synthetic_events

from timeline.dashboard import views
from timeline.dashboard.filters import Filters
from timeline.dashboard.palette import type_styles
from timeline.dashboard.spread import MARKER_GAP_PX, PLOT_WIDTH_PX
from timeline.dashboard.table import EventTable
from timeline.dashboard.window import ALL_YEARS, focus_window
from timeline.output.schema import events_frame

from .conftest import SAMPLE_ROWS


def build(table, page=0, window=None, **filters):
    styles = type_styles(table.event_types())
    return views.build_view(table, Filters(**filters), styles, page, window)


def drawn_ids(view):
    return [row[0] for t in view.figure["data"] if t.get("customdata") for row in t["customdata"]]


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
    assert rows[0]["published"] == "2021-11-21"


def test_undated_events_are_left_out():
    rows = [dict(SAMPLE_ROWS[0], event_id="bad", date_start="", date_end=""), SAMPLE_ROWS[1]]
    table = EventTable.from_events(events_frame(rows))
    assert table.frame["event_id"].tolist() == ["e-oct"]


def test_many_people_are_paged():
    table = EventTable.from_events(synthetic_events(events=3_000, people=100, seed=3))
    first = build(table)
    assert first.page_count == 3 and first.lane_count > 80
    assert len(first.figure["layout"]["yaxis"]["ticktext"]) == views.LANES_PER_PAGE
    assert first.pager_label == f"Lanes 1–40 of {first.lane_count}"
    last = build(table, page=99)
    assert last.page == 2
    drawn = set(drawn_ids(last))
    page_people = set(table.frame.loc[table.frame["event_id"].isin(drawn), "person"])
    assert len(page_people) <= views.LANES_PER_PAGE
    # The table and count cover every page.
    assert first.shown == last.shown == len(table)


def test_the_view_of_a_big_table_stays_small():
    table = EventTable.from_events(synthetic_events(events=30_000, people=300, seed=5))
    result = build(table)
    # Close events are count badges: what is drawn is bounded by the lanes and the width.
    assert result.drawn < 5_000
    badges = [t for t in result.figure["data"] if t.get("name") == "grouped events"]
    assert sum(int(text.replace(",", "")) for text in badges[0]["text"]) > 10_000
    assert len(result.rows) == views.TABLE_ROW_LIMIT
    assert "first 1,000 of 30,000" in result.table_note


def test_focus_window_skips_a_far_off_outlier():
    first = np.array([0] + [20_000 + day for day in range(0, 300, 30)])
    low, high, outside = focus_window(first, first)
    assert (low, high, outside) == (20_000, 20_270, 1)
    spread = np.arange(0, 20_000, 1_000)
    assert focus_window(spread, spread) == (0, 19_000, 0)


def outlier_table():
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
    return EventTable.from_events(events_frame([*recent, old]))


def test_the_note_always_says_what_the_chart_shows():
    table = outlier_table()
    first = build(table)
    assert first.note.startswith("Zoomed to 2021, where most events are; 1 event lies outside")
    assert "1 lane has no event here and is not drawn: Richard Roe." in first.note
    assert first.figure["layout"]["xaxis"]["range"][0].startswith("2021-09")
    assert "old" not in drawn_ids(first)
    # Every year: the old event is drawn, and the note says so.
    every = build(table, window=ALL_YEARS)
    assert every.note == "Showing every year with events in view: 1948–2021."
    assert "old" in drawn_ids(every)
    # Chosen dates are shown as chosen.
    chosen = build(table, date_from="1948", date_to="2021")
    assert chosen.note.startswith("Showing the dates chosen: 1948–2021.")
    assert "1945" < chosen.figure["layout"]["xaxis"]["range"][0] < "1948"
    # A zoom names its days and how many events it holds.
    day = int(np.datetime64("2021-10-01", "D").astype(int))
    zoomed = build(table, window=[day, day + 5])
    assert zoomed.note.startswith("Showing 1 Oct 2021 – 5 Oct 2021: 5 of 11 events in view.")


def test_lanes_ordered_as_the_reader_chooses(sample_table):
    def people(view):
        return [label.split(" <")[0] for label in view.figure["layout"]["yaxis"]["ticktext"]]

    assert people(build(sample_table, window=ALL_YEARS))[:2] == ["Richard Roe", "Jane Doe"]
    assert people(build(sample_table, window=ALL_YEARS, order="count"))[:2] == [
        "Jane Doe",
        "Richard Roe",
    ]
    by_name = people(build(sample_table, window=ALL_YEARS, order="name"))
    assert by_name[:2] == ["Jane Doe", "Richard Roe"] and "No named person" in by_name[2]


def test_unnamed_events_get_a_lane_per_type():
    rows = [
        dict(SAMPLE_ROWS[3], event_id=f"s{index}", event_type=kind)
        for index, kind in enumerate(["statement", "attack", "attack"])
    ]
    table = EventTable.from_events(events_frame([SAMPLE_ROWS[1], *rows]))
    labels = build(table).figure["layout"]["yaxis"]["ticktext"]
    assert labels[0].startswith("Jane Doe")
    assert "No named person: Statement</i> <span style='color:#6b7280'>(1)" in labels[1]
    assert "No named person: Attack</i> <span style='color:#6b7280'>(2)" in labels[2]


def spacing(view) -> float:
    _, x, y = figure_pixels(view.figure, PLOT_WIDTH_PX)
    return least_distance(x, y)


@pytest.mark.parametrize("events", [14, 1_000, 100_000])
def test_no_two_markers_overlap_in_the_all_years_view(events, sample_table):
    if events == 14:
        table = sample_table
    else:
        frame = synthetic_events(events=events, people=max(5, events // 40), seed=events)
        table = EventTable.from_events(frame)
    every = build(table, window=ALL_YEARS)
    # Centres stand a gap apart (a sub-row lies ROW_PX below its neighbour).
    assert spacing(every) >= min(MARKER_GAP_PX, 14) - 0.01
    # Every event is drawn or counted in a badge.
    counted = every.drawn + sum(
        int(text.replace(",", "").replace("k", "000"))
        for trace in every.figure["data"]
        if trace.get("name") == "grouped events"
        for text in trace["text"]
    )
    drawn_lanes = len(every.figure["layout"]["yaxis"]["ticktext"])
    if drawn_lanes == every.lane_count:
        assert counted == every.shown


def test_a_badge_click_window_draws_its_events_apart():
    frame = synthetic_events(events=3_000, people=3, types=2, years=2, seed=9)
    table = EventTable.from_events(frame)
    every = build(table, window=ALL_YEARS)
    badges = next(t for t in every.figure["data"] if t.get("name") == "grouped events")
    token = badges["customdata"][0][0]
    first, last = (int(part) for part in token.split(":")[1:])
    from timeline.dashboard.spread import badge_window

    opened = build(table, window=list(badge_window(first, last)))
    assert spacing(opened) >= MARKER_GAP_PX - 0.01
    assert opened.drawn > 0
