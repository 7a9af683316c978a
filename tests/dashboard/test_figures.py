"""The figure: one marker per event with its id, spans for vague dates, escaped labels."""

from __future__ import annotations

import numpy as np
from support.synthetic import synthetic_events

from timeline.dashboard import figures
from timeline.dashboard.figures import DAY_MS, lane_label, type_colours
from timeline.dashboard.filters import Filters
from timeline.dashboard.hover import hover_fields, wrap_text
from timeline.dashboard.table import EventTable
from timeline.dashboard.views import build_view


def markers(figure):
    return [trace for trace in figure["data"] if trace.get("customdata")]


def marker_ids(figure):
    return [row[0] for trace in markers(figure) for row in trace["customdata"]]


def view(table, **filters):
    return build_view(table, Filters(**filters), type_colours(table.event_types()))


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
    assert deployment["marker"]["symbol"] == [2]


def test_lanes_ordered_by_first_event_unnamed_last(sample_table):
    layout = view(sample_table).figure["layout"]
    labels = layout["yaxis"]["ticktext"]
    assert labels[0].startswith("Richard Roe") and "(1)" in labels[0]
    assert labels[1].startswith("Jane Doe") and "(2)" in labels[1]
    assert "No named person" in labels[2]
    assert layout["yaxis"]["range"] == [2.5, -0.5]


def test_hover_parts_are_escaped(sample_table):
    figure = view(sample_table).figure
    statement = next(t for t in markers(figure) if t["legendgroup"] == "statement")
    row = statement["customdata"][0]
    text = " ".join(row[1:])
    assert "<img" not in text and "<a href" not in text
    assert "&lt;img src=x" in text and "&lt;a<br>href=" in text
    assert "&quot;" not in text  # quote=False keeps plain double quotes readable
    assert row[1] == "6 November 2021"


def test_hover_fields_wrap_and_escape():
    who, quote, source = hover_fields("1 May 2020", "<b>Eve</b>", "word " * 40, "T & <i>x</i>")
    assert who == "&lt;b&gt;Eve&lt;/b&gt;"
    assert quote.count("<br>") >= 2
    assert source == "T &amp; &lt;i&gt;x&lt;/i&gt;"
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
    assert type_colours(["other", "b", "a"])["other"] == figures.OTHER_COLOUR
    assert type_colours(["b", "a"])["a"] == type_colours(["a", "b", "c"])["a"]


def test_one_legend_entry_per_type(sample_table):
    figure = view(sample_table).figure
    legend = [t["legendgroup"] for t in figure["data"] if t.get("showlegend")]
    assert sorted(legend) == sorted(set(sample_table.frame["event_type"]))


def test_webgl_above_the_threshold():
    table = EventTable.from_events(synthetic_events(events=7_000, people=20, types=3, seed=1))
    result = view(table)
    assert result.drawn > figures.WEBGL_THRESHOLD
    assert {t["type"] for t in markers(result.figure)} == {"scattergl"}
    small = view(table, people=("Person 0005",))
    assert {t["type"] for t in markers(small.figure)} == {"scatter"}


def test_empty_figure_says_why():
    figure = figures.empty_figure("No <events>")
    assert figure["data"] == []
    assert figure["layout"]["annotations"][0]["text"] == "No &lt;events&gt;"


def test_the_first_trace_is_the_empty_selection_ring(sample_table):
    first = view(sample_table).figure["data"][0]
    assert first["name"] == "selected" and first["x"] == [] and "customdata" not in first
