"""Writers never let a document's strings become formulas or calendar lines."""

from __future__ import annotations

import pandas as pd

from timeline.output.export import export_merged, http_url, to_csv
from timeline.output.ical import to_ics
from timeline.output.schema import events_frame

FORGED = "https://example.org/a\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:forged@x\r\nSUMMARY:forged"


def row(**values) -> dict:
    base = {
        "doc_id": "d", "event_id": "e1", "person": "Jane Doe", "event_type": "arrest",
        "date": "2021-06-01", "granularity": "day", "date_start": "2021-06-01",
        "date_end": "2021-06-01", "date_text": "1 June", "quote": "On 1 June she was held.",
        "start": 0, "end": 23, "confidence": 1.0, "title": "T", "url": "", "published": "",
    }  # fmt: skip
    return base | values


def test_a_url_with_control_characters_or_spaces_is_refused():
    assert http_url(FORGED) == ""
    assert http_url("https://example.org/a b") == ""
    assert http_url("https://example.org/\x00") == ""
    assert http_url("https://example.org/ok?q=1") == "https://example.org/ok?q=1"


def test_a_forged_url_adds_no_calendar_event():
    ics = to_ics(events_frame([row(url=FORGED)]))
    assert ics.count("BEGIN:VEVENT") == 1
    assert "forged" not in ics


def merged_frame(**values) -> pd.DataFrame:
    frame = events_frame([row(**values)])
    frame["event_ids"] = [["e1"]]
    frame["sources"] = [[{"doc_id": "d", "event_id": "e1", "quote": values.get("quote", "")}]]
    frame["source_count"] = 1
    frame["conflict"] = False
    frame["conflict_dates"] = [[]]
    return frame


def test_plain_and_merged_csv_neutralise_formulas_alike():
    hostile = {"person": '=HYPERLINK("http://x")', "quote": "+cmd|' /C calc'!A0"}
    for text in (
        to_csv(events_frame([row(**hostile)])),
        export_merged(merged_frame(**hostile), "csv"),
    ):
        assert "'=HYPERLINK" in text and "'+cmd" in text
        assert ",=HYPERLINK" not in text and ",+cmd" not in text
