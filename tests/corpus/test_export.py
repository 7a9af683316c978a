"""Export from the store: every format parsed back by a real reader."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import icalendar
import pytest

from timeline.corpus.commands import main
from timeline.corpus.ingest import ingest
from timeline.corpus.store import load_events
from timeline.output.ical import to_ics
from timeline.output.schema import EVENT_COLUMNS

from .helpers import write_jsonl


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A day, a month and a year event, one with a URL, one with commas; one without events."""
    folder = tmp_path_factory.mktemp("export")
    records = [
        {
            "id": "a",
            "title": "A",
            "url": "https://example.org/a",
            "published": "2021-11-21",
            "text": "On 7 October, Jane Doe left her base. In June, John Roe was arrested.",
        },
        {
            "id": "b",
            "title": "B",
            "url": "",
            "published": "2021-11-21",
            "text": "In 2016, Mary Major, a captain, was promoted; she said so.",
        },
        {"id": "c", "title": "C", "url": "", "published": "2021-11-21", "text": "It rained a lot."},
    ]
    write_jsonl(folder / "docs.jsonl", records)
    path = folder / "s.duckdb"
    report = ingest([folder], path)
    assert report.failed == [] and len(report.stored) == 3 and report.events == 3
    return path


def _export(store: Path, fmt: str, tmp_path: Path) -> str:
    output = tmp_path / f"out.{fmt}"
    assert main(["export", "--store", str(store), "--format", fmt, "--output", str(output)]) == 0
    return output.read_bytes().decode("utf-8")


def test_csv_round_trips_every_event(store: Path, tmp_path: Path):
    table = list(csv.DictReader(io.StringIO(_export(store, "csv", tmp_path), newline="")))
    assert list(table[0]) == EVENT_COLUMNS
    events = load_events(store)
    assert [r["event_id"] for r in table] == events["event_id"].tolist()
    assert {r["granularity"] for r in table} == {"day", "month", "year"}


def test_json_round_trips_every_event(store: Path, tmp_path: Path):
    records = json.loads(_export(store, "json", tmp_path))
    assert records == json.loads(load_events(store).to_json(orient="records"))
    assert all(list(r) == EVENT_COLUMNS for r in records)


def test_timelinejs_has_one_slide_per_event(store: Path, tmp_path: Path):
    slides = json.loads(_export(store, "timelinejs", tmp_path))["events"]
    events = load_events(store)
    assert sorted(s["unique_id"] for s in slides) == sorted(f"event-{i}" for i in events.event_id)
    year = next(s for s in slides if s["start_date"] == {"year": "2016"})
    assert year["group"] == "Mary Major"


def test_ics_is_read_back_with_periods_and_stable_uids(store: Path, tmp_path: Path):
    text = _export(store, "ics", tmp_path)
    assert "\r\n" in text and all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    calendar = icalendar.Calendar.from_ical(text)
    vevents = list(calendar.walk("VEVENT"))
    events = load_events(store).set_index("event_id")
    assert len(vevents) == len(events)
    by_uid = {str(v["UID"]).split("@")[0]: v for v in vevents}
    assert set(by_uid) == set(events.index)
    for event_id, vevent in by_uid.items():
        row = events.loc[event_id]
        start, end = vevent.decoded("DTSTART"), vevent.decoded("DTEND")
        assert type(start) is dt.date and type(end) is dt.date
        assert start == dt.date.fromisoformat(row.date_start)
        assert end == dt.date.fromisoformat(row.date_end) + dt.timedelta(days=1)
        assert str(vevent["SUMMARY"]) == f"{row.person} — {row.event_type}"
        assert str(vevent["DESCRIPTION"]) == row.quote
    spans = {
        events.loc[i, "granularity"]: (v.decoded("DTEND") - v.decoded("DTSTART")).days
        for i, v in by_uid.items()
    }
    assert spans == {"day": 1, "month": 30, "year": 366}
    assert _export(store, "ics", tmp_path).count("UID:") == len(events)


def test_ics_of_an_event_without_person_or_readable_date():
    frame = load_events_like(
        [
            {
                "event_id": "e1",
                "person": "",
                "event_type": "arrest",
                "date_start": "2021-06-01",
                "date_end": "2021-06-30",
                "quote": "Line one\nline two; with, marks\\",
            },
            {
                "event_id": "e2",
                "person": "X",
                "event_type": "arrest",
                "date_start": "",
                "date_end": "",
                "quote": "undated",
            },
        ]
    )
    calendar = icalendar.Calendar.from_ical(to_ics(frame))
    (vevent,) = calendar.walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "Arrest (no named person)"
    assert str(vevent["DESCRIPTION"]) == "Line one\nline two; with, marks\\"


def test_long_lines_are_folded_without_splitting_a_character():
    frame = load_events_like(
        [{"event_id": "e1", "person": "Ä", "event_type": "arrest", "date_start": "2021-06-01",
          "date_end": "2021-06-01", "quote": "ä" * 100}]
    )  # fmt: skip
    text = to_ics(frame)
    assert all(len(part.encode()) <= 75 for part in text.split("\r\n"))
    assert "DESCRIPTION:" + "ä" * 100 in text.replace("\r\n ", "")


def test_export_of_a_missing_store_is_a_one_line_error(tmp_path: Path, capsys):
    assert main(["export", "--store", str(tmp_path / "none.duckdb"), "--format", "csv"]) == 2
    assert "no store here" in capsys.readouterr().err


def load_events_like(rows: list[dict]):
    """An event table from partial rows, the rest of the columns filled in."""
    from timeline.output.schema import events_frame

    filler = {
        "doc_id": "d",
        "date": "",
        "granularity": "month",
        "date_text": "",
        "start": 0,
        "end": 1,
        "confidence": 1.0,
        "title": "",
        "url": "",
        "published": "",
    }
    return events_frame([filler | r for r in rows])
