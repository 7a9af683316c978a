"""The figure: one marker per event with its id, spans for vague dates, escaped labels."""

from __future__ import annotations

import numpy as np
from support.synthetic import synthetic_events

from timeline.dashboard import figures
from timeline.dashboard.figures import DAY_MS, lane_label
from timeline.dashboard.filters import Filters
from timeline.dashboard.hover import hover_fields, wrap_text
from timeline.dashboard.palette import OTHER_COLOUR, type_colours, type_styles
from timeline.dashboard.table import EventTable
from timeline.dashboard.views import build_view
from timeline.dashboard.window import ALL_YEARS


def markers(figure):
    """The traces of events (count badges left out)."""
    return [
        trace
        for trace in figure["data"]
        if trace.get("customdata") and trace.get("name") != "grouped events"
    ]


def marker_ids(figure):
    return [row[0] for trace in markers(figure) for row in trace["customdata"]]


def view(table, window=None, **filters):
    return build_view(table, Filters(**filters), type_styles(table.event_types()), 0, window)


def test_one_marker_per_event_carrying_its_id(sample_table):
    figure = view(sample_table).figure
    assert sorted(marker_ids(figure)) == sorted(sample_table.frame["event_id"])
    assert all(trace["type"] == "scatter" for trace in figure["data"])


def test_vague_dates_are_spans_over_the_whole_period(sample_table):
    figure = view(sample_table).figure
    spans = [trace for trace in figure["data"] if trace.get("mode") == "lines"]
    ends = {trace["legendgroup"]: trace["x"][:2] for trace in spans}
    june_first = np.datetime64("2021-06-01", "D").astype(int) * DAY_MS
    july_first = np.datetime64("2021-07-01", "D").astype(int) * DAY_MS
    assert ends["deployment"] == [june_first, july_first]
    year_2016 = [np.datetime64(d, "D").astype(int) * DAY_MS for d in ("2016-01-01", "2017-01-01")]
    assert ends["enlistment"] == year_2016
    assert "defection" not in ends  # a day event has no span
    # The span's marker sits at the middle of the period, as a diamond.
    deployment = next(t for t in markers(figure) if t["legendgroup"] == "deployment")
    assert deployment["x"] == [(june_first + july_first) // 2]
    assert deployment["marker"]["symbol"] == ["diamond"]


def test_lanes_ordered_by_first_event_unnamed_last(sample_table):
    layout = view(sample_table).figure["layout"]
    labels = layout["yaxis"]["ticktext"]
    assert labels[0].startswith("Richard Roe") and "(1)" in labels[0]
    assert labels[1].startswith("Jane Doe") and "(2)" in labels[1]
    assert "No named person: Statement" in labels[2]
    # The y axis counts pixels: three lanes share the least plot height, top to bottom.
    height = figures.PLOT_MIN_PX
    assert layout["yaxis"]["range"] == [height, 0]
    assert layout["yaxis"]["tickvals"] == [40.0, 120.0, 200.0]
    margins = layout["margin"]["t"] + layout["margin"]["b"]
    assert layout["height"] == height + margins


def test_hover_parts_are_escaped(sample_table):
    figure = view(sample_table).figure
    statement = next(t for t in markers(figure) if t["legendgroup"] == "statement")
    row = statement["customdata"][0]
    text = " ".join(row[1:])
    assert "<img" not in text and "<a href" not in text
    assert "&lt;img src=x" in text and "&lt;a<br>href=" in text
    assert "&quot;" not in text  # quote=False keeps plain double quotes readable
    assert row[1] == "6 November 2021"
    assert "published 21 November 2021" in row[4]


def test_hover_fields_wrap_and_escape():
    who, quote, source = hover_fields("1 May 2020", "<b>Eve</b>", "word " * 40, "T & <i>x</i>")
    assert who == "&lt;b&gt;Eve&lt;/b&gt;"
    assert quote.count("<br>") >= 2
    assert source == "T &amp; &lt;i&gt;x&lt;/i&gt;"
    # The whole title, however long, and the publication date.
    title = "A headline " * 20
    _, _, long_source = hover_fields("2020", "x", "q", title, published="2021-11-21")
    assert long_source.replace("<br>", " ").startswith(" ".join(title.split()))
    assert long_source.endswith("<br>published 21 November 2021")
    assert "No named person" in hover_fields("2020", "", "q", "")[0]
    _, short, _ = hover_fields("2020", "x", "word " * 40, "t", short=True)
    assert len(short) < len(quote) and short.endswith("…”")


def test_wrap_text():
    assert wrap_text("a b c", 3) == ["a b", "c"]
    assert wrap_text("x" * 7, 3) == ["xxx", "xxx", "x"]
    assert len(wrap_text("w " * 100, 10, max_lines=3)) == 3


def test_lane_labels_are_escaped_and_shortened():
    assert lane_label("<script>", 2) == "&lt;script&gt; <span style='color:#6b7280'>(2)</span>"
    assert "…" in lane_label("A" * 80, 1)
    assert "<i>No named person</i>" in lane_label("", 3)
    assert "<i>No named person: Arrest</i>" in lane_label("", 3, "arrest")
    assert "(2 of 5)" in lane_label("Eve", 5, None, 2)


def test_template_keeps_type_names_literal():
    assert "%%{x}" in figures.hover_template("%{x}")
    assert figures.hover_template("forced_labour").count("%{customdata[") == 4


def test_colours_do_not_depend_on_the_filters(sample_table):
    colours = type_colours(sample_table.event_types())
    narrowed = view(sample_table, types=("defection",)).figure
    full = view(sample_table).figure
    defection = [
        t["marker"]["color"]
        for f in (narrowed, full)
        for t in markers(f)
        if t["legendgroup"] == "defection"
    ]
    assert defection == [colours["defection"]] * 2
    assert type_colours(["other", "b", "a"])["other"] == OTHER_COLOUR
    assert type_colours(["b", "a"])["a"] == type_colours(["a", "b", "c"])["a"]


def test_no_plotly_legend_the_type_list_is_the_legend(sample_table):
    figure = view(sample_table).figure
    assert figure["layout"]["showlegend"] is False
    assert not any(t.get("showlegend") for t in figure["data"])


def crowded_days(events: int, days: int = 9):
    """Synthetic events all known to the day, within ``days`` days of 2020."""
    frame = synthetic_events(events=events, people=40, types=3, seed=1)
    day = (np.datetime64("2020-01-01") + np.arange(events) % days).astype(str)
    return frame.assign(date=day, granularity="day", date_start=day, date_end=day)


def test_webgl_above_the_threshold():
    # A window of a few days groups nothing: every event is drawn.
    table = EventTable.from_events(crowded_days(6_000))
    first = int(np.datetime64("2020-01-01", "D").astype(int))
    result = view(table, [first, first + 9])
    assert result.drawn > figures.WEBGL_THRESHOLD
    assert {t["type"] for t in markers(result.figure)} == {"scattergl"}
    small = view(table, [first, first + 9], people=("Person 0005",))
    assert {t["type"] for t in markers(small.figure)} == {"scatter"}


def test_the_all_years_window_shows_every_event(sample_table):
    figure = view(sample_table, ALL_YEARS).figure
    assert sorted(marker_ids(figure)) == sorted(sample_table.frame["event_id"])


def test_empty_figure_says_why():
    figure = figures.empty_figure("No <events>")
    assert figure["data"] == []
    assert figure["layout"]["annotations"][0]["text"] == "No &lt;events&gt;"


def test_the_first_trace_is_the_empty_selection_ring(sample_table):
    first = view(sample_table).figure["data"][0]
    assert first["name"] == "selected" and first["x"] == [] and "customdata" not in first
