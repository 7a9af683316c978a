"""Exports: columns kept, dates never more precise than the text, HTML escaped, only http links."""

from __future__ import annotations

import csv
import io
import json

import pytest

from timeline.output.export import (
    date_parts,
    display_date,
    export_events,
    http_url,
    to_csv,
    to_json,
    to_jsonl,
    to_timelinejs,
)
from timeline.output.schema import EVENT_COLUMNS, events_frame


def test_csv_has_the_schema_columns_and_every_row(sample_frame):
    rows = list(csv.DictReader(io.StringIO(to_csv(sample_frame))))
    assert list(rows[0]) == EVENT_COLUMNS
    assert [row["event_id"] for row in rows] == sample_frame["event_id"].tolist()
    assert rows[0]["quote"] == sample_frame["quote"][0]


def test_json_and_jsonl_round_trip(sample_frame):
    records = json.loads(to_json(sample_frame))
    assert records == [json.loads(line) for line in to_jsonl(sample_frame).splitlines()]
    assert list(records[0]) == EVENT_COLUMNS
    assert records[1]["start"] == int(sample_frame["start"][1])
    assert isinstance(records[1]["confidence"], float)


@pytest.mark.parametrize(
    ("date", "granularity", "parts", "words"),
    [
        ("2021-10-07", "day", {"year": "2021", "month": "10", "day": "7"}, "7 October 2021"),
        ("2021-06", "month", {"year": "2021", "month": "6"}, "June 2021"),
        ("2016", "year", {"year": "2016"}, "2016"),
        ("2021-06-15", "month", {"year": "2021", "month": "6"}, "June 2021"),
        ("bad", "day", {}, "bad"),
    ],
)
def test_date_parts_keep_only_what_the_granularity_allows(date, granularity, parts, words):
    assert date_parts(date, granularity) == parts
    assert display_date(date, granularity) == words


def test_timelinejs_slides(sample_frame):
    result = to_timelinejs(sample_frame, title="Soldiers")
    events = {event["unique_id"]: event for event in result["events"]}
    assert len(events) == len(sample_frame)
    june = events["event-e-june"]
    assert june["start_date"] == {"year": "2021", "month": "6"}
    assert june["end_date"] == {"year": "2021", "month": "6"}
    assert june["group"] == "Jane Doe"
    assert june["text"]["headline"] == "Jane Doe — deployment"
    assert events["event-e-2016"]["start_date"] == {"year": "2016"}
    assert "group" not in events["event-e-nov"]
    assert result["title"]["text"]["headline"] == "Soldiers"
    # Same order as time: 2016 first.
    assert result["events"][0]["unique_id"] == "event-e-2016"


def test_timelinejs_escapes_quotes_and_links_only_http(sample_frame):
    events = {e["unique_id"]: e for e in to_timelinejs(sample_frame)["events"]}
    text = events["event-e-nov"]["text"]["text"]
    assert "<img" not in text and "&lt;img" in text
    assert '<a href="javascript' not in text and "&lt;a href=" in text
    assert '<a href="https://example.org/soldiers"' in text
    hostile = sample_frame.assign(url="javascript:alert(1)", title="<b>T</b>")
    text = to_timelinejs(hostile)["events"][0]["text"]["text"]
    assert "<a " not in text and "&lt;b&gt;T&lt;/b&gt;" in text


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.org/a", "https://example.org/a"),
        ("HTTP://example.org", "HTTP://example.org"),
        ("javascript:alert(1)", ""),
        ("JaVaScRiPt:alert(1)", ""),
        ("data:text/html,<b>x</b>", ""),
        ("//example.org/a", ""),
        ("ftp://example.org", ""),
        ("", ""),
        ("http://[bad", ""),
    ],
)
def test_only_http_urls_are_links(url, expected):
    assert http_url(url) == expected


def test_export_events_dispatches_and_refuses_unknown_formats(sample_frame):
    assert export_events(sample_frame, "csv").startswith("doc_id,event_id")
    assert json.loads(export_events(sample_frame, "timelinejs"))["events"]
    with pytest.raises(ValueError, match="unknown export format"):
        export_events(sample_frame, "xml")


def test_empty_exports():
    empty = events_frame()
    assert to_csv(empty).strip() == ",".join(EVENT_COLUMNS)
    assert json.loads(to_json(empty)) == []
    assert to_timelinejs(empty) == {"events": []}
