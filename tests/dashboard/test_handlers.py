"""The callbacks' work as plain functions: URL sync, paging, detail, adding articles, export."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from dash import no_update

from timeline.dashboard import edits, handlers
from timeline.dashboard.data import TABLE_CACHE_SIZE, DashboardData
from timeline.dashboard.labels import NO_PERSON
from timeline.output.schema import events_frame
from timeline.text.documents import DocumentError

from .conftest import SAMPLE_ROWS


def json_or_list(members):
    return json.loads(members) if isinstance(members, str) else list(members)


TYPES = ["defection", "deployment", "enlistment", "statement"]
WIDEST = ([], TYPES, "", "", "", "first")


def sync(trigger, search, controls=WIDEST):
    return handlers.sync_controls(
        trigger,
        search,
        controls,
        TYPES,
        url_id="url",
        clear_ids=("clear",),
        all_years_id="all-years",
        order_id="order",
    )


def no_extract(text, **metadata):
    raise AssertionError("not called")


@pytest.fixture
def data(sample_source):
    return DashboardData.load(sample_source, no_extract)


def test_the_url_sets_the_controls_on_load():
    result = sync(None, "?person=Jane+Doe&type=defection&from=2021-01&q=base&order=name")
    assert result == (
        no_update,
        ["Jane Doe"],
        ["defection"],
        "2021-01",
        no_update,
        "base",
        "name",
        no_update,
    )
    # On load the window store already holds the first view's None; after the reader goes
    # back or forward it starts a new first view.
    assert sync("url", "") == (no_update, *[no_update] * 6, None)


def test_the_controls_write_the_url_and_start_a_new_first_view():
    controls = (["Jane Doe"], TYPES, "2021", "2021-10-07", "", "first")
    assert sync("person-filter", "", controls) == (
        "?person=Jane+Doe&from=2021&to=2021-10-07",
        *[no_update] * 6,
        None,
    )
    assert sync("person-filter", "?person=Jane+Doe&from=2021&to=2021-10-07", controls)[0] is (
        no_update
    )
    # A date that cannot be read stays in its box but not in the URL; the lane order keeps
    # the window.
    typo = (["Jane Doe"], TYPES, "2021-13", "", "", "count")
    result = sync("order", "", typo)
    assert result[0] == "?person=Jane+Doe&order=count" and result[-1] is no_update


def test_clearing_the_filters_shows_every_year_whatever_the_link():
    controls = (["Jane Doe"], ["defection"], "2021-03", "", "x", "count")
    result = sync("clear", "?person=Jane+Doe&q=x&from=2021-03&order=count", controls)
    assert result == ("?order=count", [], TYPES, "", no_update, "", no_update, "all")


def test_show_all_years_drops_the_dates_only():
    controls = (["Jane Doe"], TYPES, "2021-03", "2021-04", "", "first")
    result = sync("all-years", "?person=Jane+Doe&from=2021-03&to=2021-04", controls)
    assert result == ("?person=Jane+Doe", *[no_update] * 2, "", "", *[no_update] * 2, "all")


def test_window_requests_from_the_chart():
    assert handlers.window_request({"xaxis.autorange": True}, None, False) == "all"
    zoom = {"xaxis.range[0]": "2021-01-01", "xaxis.range[1]": "2021-01-11 12:00:00"}
    assert handlers.window_request(zoom, None, False) == [18628.0, 18638.5]
    pan = {"xaxis.range": ["2021-01-11", "2021-01-01"]}
    assert handlers.window_request(pan, None, False) == [18628.0, 18638.0]
    assert handlers.window_request({"autosize": True}, None, False) is handlers.UNCHANGED
    badge = {"points": [{"customdata": ["zoom:18628:18628", "x"]}]}
    low, high = handlers.window_request(None, badge, True)
    assert low < 18628 < 18629 < high and high - low >= 10
    marker = {"points": [{"customdata": ["e-oct", "x"]}]}
    assert handlers.window_request(None, marker, True) is handlers.UNCHANGED
    assert handlers.is_badge("zoom:1:2") and not handlers.is_badge("e-oct")


def test_date_feedback():
    assert handlers.date_feedback("2021", "2021-06-30") == ("", "text-input", "text-input")
    message, first, last = handlers.date_feedback("2021-13", "")
    assert "“2021-13” is not a date" in message and "YYYY-MM-DD" in message
    assert first.endswith("invalid") and last == "text-input"
    message, first, last = handlers.date_feedback("2022", "2021")
    assert "after" in message and first.endswith("invalid") and last.endswith("invalid")


def test_refresh_controls_keeps_widest_controls_widest(data):
    summary = data.summary
    widened = handlers.refresh_controls(summary, ["defection"], ["defection"])
    assert widened["types"] == TYPES
    assert widened["type_options"][0] == {"label": "Defection", "value": "defection"}
    assert len(widened["swatches"]) == len(TYPES)
    assert (widened["from_placeholder"], widened["to_placeholder"]) == ("e.g. 2016", "e.g. 2021")
    kept = handlers.refresh_controls(summary, ["defection"], TYPES)
    assert kept["types"] == ["defection"]


def test_one_person():
    assert handlers.one_person(["Jane Doe"]) == "Jane Doe"
    assert handlers.one_person(["Jane Doe", "Richard Roe"]) is None
    assert handlers.one_person([NO_PERSON]) is None
    assert handlers.one_person(None) is None


def test_lane_page():
    assert handlers.lane_page("lane-next", 2, "lane-previous", "lane-next") == 3
    assert handlers.lane_page("lane-previous", 0, "lane-previous", "lane-next") == 0
    assert handlers.lane_page("person-filter", 5, "lane-previous", "lane-next") == 0
    assert handlers.lane_page("view-window", 5, "lane-previous", "lane-next", ("view-window",)) == 5


def test_clicked_event_id():
    click = {"points": [{"curveNumber": 1}, {"customdata": ["e-oct", "x"]}]}
    assert handlers.clicked_event_id(click, None, "timeline", "table") == "e-oct"
    assert handlers.clicked_event_id(click, {"rowId": "e-june"}, "table", "table") == "e-june"
    assert handlers.clicked_event_id({"points": [{"x": 1}]}, None, "timeline", "table") == ""
    assert handlers.clicked_event_id(None, None, None, "table") == ""


def test_reader_acted_tells_a_press_from_a_part_coming_into_the_page():
    # What Dash reports when buttons arrive in a lazily built form: every count is 0.
    arrived = [{"prop_id": f"{name}.n_clicks", "value": 0} for name in ("save", "hide")]
    assert not handlers.reader_acted(arrived)
    assert not handlers.reader_acted([{"prop_id": "grid.cellClicked", "value": None}])
    assert not handlers.reader_acted([])
    assert handlers.reader_acted([{"prop_id": "save.n_clicks", "value": 1}])
    assert handlers.reader_acted([{"prop_id": "timeline.clickData", "value": {"points": []}}])


def test_detail_for_an_event_and_for_nothing(data):
    children, event = handlers.detail_for(data, "e-oct", [], {})
    assert "On 7 October" in str(children)
    assert event["person"] == "Jane Doe" and event["start"] == SAMPLE_ROWS[1]["start"]
    assert isinstance(event["start"], int)
    assert handlers.only_person(event) == ["Jane Doe"]
    assert handlers.only_person({"person": ""}) == [NO_PERSON]
    assert handlers.detail_for(data, "missing", [], {})[1] is None
    assert handlers.detail_for(data, "", [], {})[1] is None


def test_view_for_combines_added_events(data):
    added = [dict(SAMPLE_ROWS[1], event_id="new", person="Ann Lee", doc_id="doc2")]
    view = handlers.view_for(data, added, WIDEST, 0)
    assert view.count_text == "5 of 5 events"
    assert any("Ann Lee" in label for label in view.figure["layout"]["yaxis"]["ticktext"])
    # Adding the same events twice does not duplicate them.
    assert handlers.view_for(data, added + added, WIDEST, 0).total == 5


def test_add_article_reports_errors_in_one_line(data):
    result = edits.add_article(data, "", "2021-01-01", "", "", [])
    assert not result.ok and "empty" in result.message and result.added is None


def test_add_article_replaces_an_article_added_twice(sample_source):
    def fake(text, **metadata):
        row = dict(SAMPLE_ROWS[1], doc_id=metadata["doc_id"], title=metadata["title"])
        return events_frame([dict(row, event_id=f"{metadata['doc_id']}-oct")])

    data = DashboardData.load(sample_source, fake)
    first = edits.add_article(data, "Some text.", "2021-11-21", "T", "", [])
    # The same happening as the sample's e-oct, told by another article: merged at once.
    assert first.ok and first.message == (
        "Added 1 event about 1 person from “T”: 0 new, 1 joined an event already on the timeline."
    )
    table, _ = data.table_and_summary(first.added)
    assert len(table) == 4
    (joined,) = table.frame.loc[table.frame["source_count"] == 2].to_dict("records")
    assert set(json_or_list(joined["event_ids"])) == {"e-oct", first.added[0]["event_id"]}
    again = edits.add_article(data, "Some text.", "2021-11-21", "T", "", first.added)
    assert len(again.added) == 1
    (operation,) = again.texts.to_plotly_json()["operations"]
    assert operation["params"]["value"] == "Some text."
    assert operation["location"] == [first.added[0]["doc_id"]]


def test_read_upload(tmp_path):
    text, message, ok = edits.read_upload("data:text/plain;base64,SGVsbG8=", "a.txt")
    assert (text, ok) == ("Hello", True) and "a.txt" in message
    text, message, ok = edits.read_upload("data:;base64,AAEC", "b.bin")
    assert not ok and "binary" in message


def test_export_view_follows_the_filters(data):
    controls = (["Jane Doe"], TYPES, "", "", "", "first")
    payload = handlers.export_view(data, [], controls, "csv", today=dt.date(2024, 1, 2))
    assert payload["filename"] == "timeline-2024-01-02.csv" and payload["type"] == "text/csv"
    rows = list(csv.DictReader(io.StringIO(payload["content"])))
    assert [row["event_id"] for row in rows] == ["e-june", "e-oct"]
    timelinejs = handlers.export_view(data, [], WIDEST, "timelinejs")
    assert timelinejs["filename"].endswith(".timeline.json")


def test_adding_a_real_article_with_the_engine(sample_source):
    """The real extraction engine behind the form: events come back, bad input is a message."""
    pipeline = pytest.importorskip("timeline.extraction.pipeline")
    from timeline.dashboard.application import engine_extract

    data = DashboardData.load(sample_source, engine_extract)
    text = "On 12 April 2020, Maria Santos resigned as mayor of Riverton after an inquiry."
    result = edits.add_article(data, text, "2020-05-01", "Mayor resigns", "", [])
    assert result.ok, result.message
    assert {row["person"] for row in result.added} == {"Maria Santos"}
    assert {row["date"] for row in result.added} == {"2020-04-12"}
    undated = edits.add_article(data, "On 7 October, Jane Doe left.", "", "", "", [])
    assert not undated.ok and "\n" not in undated.message
    assert pipeline is not None
    with pytest.raises(DocumentError):
        engine_extract("   ", published="2020-01-01")


def test_selection_patch_rings_the_clicked_marker():
    click = {"points": [{"x": "2021-10-07 12:00", "y": 1, "customdata": ["e-oct"]}]}
    patch = handlers.selection_patch(click, "timeline", "timeline")
    operations = patch.to_plotly_json()["operations"]
    assert {(tuple(op["location"]), tuple(op["params"]["value"])) for op in operations} == {
        (("data", 0, "x"), ("2021-10-07 12:00",)),
        (("data", 0, "y"), (1,)),
    }
    assert handlers.selection_patch(click, "event-table", "timeline") is None
    assert handlers.selection_patch({"points": []}, "timeline", "timeline") is None


def test_combined_tables_are_cached_and_the_cache_is_bounded(data):
    added = [dict(SAMPLE_ROWS[1], event_id="new", person="Ann Lee", doc_id="doc2")]
    table, summary = data.table_and_summary(added)
    assert data.table_and_summary(list(added))[0] is table
    assert "Ann Lee" in [option["value"] for option in summary.people]
    assert data.table_and_summary([])[0] is data.base
    for index in range(TABLE_CACHE_SIZE + 2):
        data.table_and_summary([dict(added[0], event_id=f"n{index}")])
    assert len(data._combined) == TABLE_CACHE_SIZE
    assert data.table_and_summary(added)[0] is not table  # evicted, rebuilt the same
    assert len(data.table_and_summary(added)[0]) == len(table)
