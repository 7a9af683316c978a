"""What the dashboard draws from stored events: corrections applied, then merged sources,
shown in the hover, the table and the detail panel."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from timeline.corpus.corrections import read_corrections
from timeline.corpus.merge import merge_events
from timeline.corpus.store import StoredDocument, open_store, write_document
from timeline.dashboard import edits, handlers
from timeline.dashboard.data import DashboardData
from timeline.dashboard.detail import detail_children
from timeline.dashboard.shown import member_ids, shown_events, single_sources, sources_of
from timeline.dashboard.store_source import StoreSource
from timeline.dashboard.table import EventTable
from timeline.dashboard.views import table_rows
from timeline.output.schema import events_frame

QUOTES = {
    "a": "On 5 May 2023, Nadia Ferrante gave a speech to the port workers in Valmora.",
    "b": "Nadia Ferrante gave a speech to port workers in Valmora on 6 May 2023.",
    "c": "On 5 May 2023, Nadia Ferrante gave her speech to the port workers of Valmora.",
}


def report(doc: str, date: str, url: str) -> dict:
    quote = QUOTES[doc]
    return {
        "doc_id": doc,
        "event_id": f"{doc}1",
        "person": "Nadia Ferrante",
        "event_type": "statement",
        "date": date,
        "granularity": "day",
        "date_start": date,
        "date_end": date,
        "date_text": date,
        "quote": quote,
        "start": 0,
        "end": len(quote),
        "confidence": 0.9,
        "title": f"Report {doc} <b>bold</b>",
        "url": url,
        "published": "2023-05-07",
    }


@pytest.fixture
def reports() -> pd.DataFrame:
    return events_frame(
        [
            report("a", "2023-05-05", "https://a.example/speech"),
            report("b", "2023-05-06", "javascript:alert(1)"),
            report("c", "2023-05-05", "http://c.example/speech"),
        ]
    )


def corrections(rows: list[dict]) -> pd.DataFrame:
    base = {"person": None, "event_type": None, "date": None, "hidden": False}
    return read_corrections(pd.DataFrame([{**base, **row} for row in rows]))


def test_three_reports_of_one_speech_are_one_event_with_a_conflict(reports):
    shown = shown_events(reports, None, merge_events)
    assert len(shown) == 1
    event = shown.iloc[0].to_dict()
    assert event["source_count"] == 3
    assert sorted(member_ids(event)) == ["a1", "b1", "c1"]
    assert event["conflict"] and sorted(event["conflict_dates"]) == ["2023-05-05", "2023-05-06"]
    assert [source["doc_id"] for source in sources_of(event)] == sorted(["a", "b", "c"])
    assert not event["edited"]


def test_a_correction_of_one_member_marks_the_merged_event_edited(reports):
    shown = shown_events(reports, corrections([{"event_id": "b1", "person": "Nadia Ferrante"}]))
    assert shown["edited"].tolist() == [False, True, False]  # no merging: single sources
    merged = shown_events(
        reports, corrections([{"event_id": "b1", "person": "Nadia Ferrante"}]), merge_events
    )
    assert merged["edited"].tolist() == [True]
    hidden = shown_events(reports, corrections([{"event_id": "b1", "hidden": True}]), merge_events)
    assert hidden.iloc[0]["source_count"] == 2 and not hidden.iloc[0]["conflict"]


def test_single_sources_hold_no_lists():
    event = single_sources(events_frame([report("a", "2023-05-05", "")])).iloc[0].to_dict()
    assert event["sources"] is None and event["event_ids"] is None
    assert member_ids(event) == ["a1"]
    assert sources_of(event)[0]["quote"] == QUOTES["a"]


def test_hover_table_and_panel_show_sources_conflict_and_edits(reports):
    shown = shown_events(
        reports, corrections([{"event_id": "c1", "date": "2023-05"}]), merge_events
    )
    table = EventTable.from_events(shown)
    hover = table.frame.loc[0, "_hover_source"]
    assert "3 sources" in hover and "2023-05-05 / 2023-05-06" in hover and "edited" in hover
    assert "<b>bold</b>" not in hover  # the title stays escaped
    row = table_rows(table.rows())[0]
    assert (row["source_count"], row["edited"]) == (3, "edited")
    event = table.find(table.frame.loc[0, "event_id"])
    panel = str(detail_children(event, None))
    assert "The sources disagree on the date: 5 May 2023 and 6 May 2023." in panel
    assert "All 3 sources" in panel and "edited-mark" in panel
    assert "https://a.example/speech" in panel and "http://c.example/speech" in panel
    assert "javascript:" not in panel
    assert "Report b <b>bold</b>" in panel  # as text: Dash never renders it as HTML


def test_a_correction_on_a_merged_event_applies_to_every_source(tmp_path, reports):
    store = tmp_path / "s.duckdb"
    with open_store(store) as connection:
        for doc, frame in reports.groupby("doc_id"):
            document = StoredDocument(doc, doc, doc, doc, "", "2023-05-07", QUOTES[doc])
            write_document(connection, document, frame)
    data = DashboardData.load(StoreSource.open(store), extract=None)
    assert len(data.base) == 1
    event = data.base.find(data.base.frame.loc[0, "event_id"])
    result = edits.correct_event(data, edits.SAVE, event, None, "attack", None)
    assert result.ok, result.message
    source = data.source
    from timeline.corpus.corrections import load_corrections

    fixed = load_corrections(source.path)
    assert sorted(fixed["event_id"]) == ["a1", "b1", "c1"]
    assert set(fixed["event_type"]) == {"attack"}
    assert result.event["edited"] and result.event["event_type"] == "attack"
    assert result.event["source_count"] == 3


def write_merged_table(store, merged: pd.DataFrame) -> None:
    """A ``merged_events`` table as ingest leaves it (list columns as JSON text)."""
    frame = merged.copy()
    for column in ("event_ids", "sources", "conflict_dates"):
        frame[column] = [json.dumps(value) for value in frame[column]]
    with open_store(store) as connection:
        connection.register("merged_frame", frame)
        connection.execute("CREATE OR REPLACE TABLE merged_events AS SELECT * FROM merged_frame")


def test_merged_events_stored_by_ingest_are_read_with_later_additions(tmp_path, reports):
    store = tmp_path / "s.duckdb"
    with open_store(store) as connection:
        for doc, frame in reports.groupby("doc_id"):
            document = StoredDocument(doc, doc, doc, doc, "", "2023-05-07", QUOTES[doc])
            write_document(connection, document, frame)
    write_merged_table(store, merge_events(reports))
    source = StoreSource.open(store, merge=lambda frame: pytest.fail("merged again"))
    shown = source.events()
    assert len(shown) == 1 and shown.iloc[0]["source_count"] == 3
    assert sorted(member_ids(shown.iloc[0].to_dict())) == ["a1", "b1", "c1"]
    # An article added from the page after the ingest shows as a single source.
    later = dict(report("a", "2023-06-01", ""), doc_id="d", event_id="d1", person="Ivo Marsh")
    with open_store(store) as connection:
        document = StoredDocument("d", "d", "d", "d", "", "2023-06-02", later["quote"])
        write_document(connection, document, events_frame([later]))
    shown = source.events().set_index("event_id")
    assert len(shown) == 2 and shown.loc["d1", "source_count"] == 1
    # A correction saved on a member that is not the representative still applies.
    representative = shown.index[shown["source_count"] == 3][0]
    member = next(m for m in ["a1", "b1", "c1"] if m != representative)
    source.save_correction([member], event_type="attack")
    shown = source.events().set_index("event_id")
    assert shown.loc[representative, ["event_type", "edited"]].tolist() == ["attack", True]
    source.hide_events(["d1"])
    assert list(source.events()["event_id"]) == [representative]
    # Opening the merged event reads its sources from the store.
    data = DashboardData.load(source, extract=None)
    children, event = handlers.detail_for(data, representative, None, None)
    assert sorted(event["event_ids"]) == ["a1", "b1", "c1"]
    assert len(event["sources"]) == 3
    assert "All 3 sources" in str(children) and "6 May 2023" in str(children)
