"""Merging end to end: real articles through the real extractor, ingest, store and export.

``tests/data/merge/`` tells one invented story three times, by three sites in three
wordings (a rank in one, "Zaw Min" for "Zaw Minn" in another, a month for a day in a
third); ``conflict/`` has two reports of one speech, dated 5 May by one and 6 May by the
other, and another statement of the same man on 7 May.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import icalendar
import pandas as pd
import pytest

from timeline.corpus.commands import main
from timeline.corpus.ingest import ingest
from timeline.corpus.merge import merge_events
from timeline.corpus.store import load_events, load_merged, open_store, refresh_merged
from timeline.output.schema import EVENT_COLUMNS, MERGED_COLUMNS

from .helpers import rows

DATA = Path(__file__).resolve().parents[1] / "data" / "merge"
STORY = sorted(DATA.glob("*.txt"))
CONFLICT = DATA / "conflict"


@pytest.fixture(scope="module")
def story_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = tmp_path_factory.mktemp("story") / "s.duckdb"
    report = ingest(STORY, store)
    assert report.failed == [] and len(report.stored) == 3
    return store


@pytest.fixture(scope="module")
def conflict_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = tmp_path_factory.mktemp("conflict") / "s.duckdb"
    report = ingest([CONFLICT], store)
    assert report.failed == [] and len(report.stored) == 2
    return store


def test_three_wordings_give_one_merged_event_per_happening(story_store: Path):
    events = load_events(story_store)
    merged = load_merged(story_store)
    assert len(events) == 9  # three happenings, each told by each of the three articles
    summary = sorted(zip(merged["person"], merged["event_type"], merged["date"], strict=True))
    assert summary == [
        ("Nandar Hlaing", "release", "2022-06-18"),
        ("Tun Aye", "defection", "2022-03-12"),
        ("Zaw Minn", "arrest", "2022-04-20"),
    ]
    assert merged["source_count"].tolist() == [3, 3, 3]
    assert not merged["conflict"].any()
    documents = {"border-wire-officer", "river-post-officer", "valley-news-colonel"}
    for sources in merged["sources"]:
        assert {s["doc_id"] for s in sources} == documents
        assert len({s["url"] for s in sources}) == 3 and len({s["title"] for s in sources}) == 3
    every_id = sorted(i for ids in merged["event_ids"] for i in ids)
    assert every_id == sorted(events["event_id"])


def test_the_variants_each_source_wrote_are_kept_in_its_quote(story_store: Path):
    merged = load_merged(story_store).set_index("event_type")
    quotes = " ".join(s["quote"] for s in merged.loc["arrest", "sources"])
    assert "Zaw Min," in quotes and "Zaw Minn" in quotes
    dates = {s["date"] for s in merged.loc["release", "sources"]}
    assert dates == {"2022-06-18", "2022-06"}
    # "deserted", "joined the resistance" and "defected" are one type in the closed set.
    types = {e.event_type for e in load_events(story_store).itertuples() if e.person == "Tun Aye"}
    assert types == {"defection"}


def test_a_speech_dated_differently_is_one_event_flagged_with_both_dates(conflict_store: Path):
    merged = load_merged(conflict_store)
    assert len(merged) == 2
    speech = merged[merged["conflict"]].iloc[0]
    assert speech["person"] == "Sai Lin Htoo"
    assert speech["conflict_dates"] == ["2022-05-05", "2022-05-06"]
    assert speech["source_count"] == 2
    assert {s["doc_id"] for s in speech["sources"]} == {
        "hill-times-speech",
        "lakeside-daily-speech",
    }
    school = merged[~merged["conflict"]].iloc[0]
    assert (school["date"], school["source_count"]) == ("2022-05-07", 1)


def test_the_stored_table_is_the_merge_of_the_stored_events(story_store: Path):
    stored = load_merged(story_store)
    fresh = merge_events(load_events(story_store))
    assert list(stored.columns) == MERGED_COLUMNS
    pd.testing.assert_frame_equal(
        stored.astype({"conflict": bool}), fresh.astype({"conflict": bool}), check_dtype=False
    )
    text = rows(story_store, "SELECT sources FROM merged_events LIMIT 1")[0][0]
    assert isinstance(json.loads(text), list)


def test_refresh_applies_prepare_to_the_events_first(tmp_path: Path):
    store = tmp_path / "s.duckdb"
    ingest(STORY, store)

    def without_one_site(events: pd.DataFrame) -> pd.DataFrame:
        return events[events["doc_id"] != "valley-news-colonel"]

    assert refresh_merged(store, prepare=without_one_site) == 3
    assert load_merged(store)["source_count"].tolist() == [2, 2, 2]
    refresh_merged(store)
    assert load_merged(store)["source_count"].tolist() == [3, 3, 3]


def test_a_store_without_merged_events_is_merged_on_reading(tmp_path: Path):
    store = tmp_path / "s.duckdb"
    ingest(STORY, store)
    with open_store(store) as connection:
        connection.execute("DROP TABLE merged_events")
    assert load_merged(store)["source_count"].tolist() == [3, 3, 3]
    with open_store(store) as connection:
        connection.execute("DELETE FROM merged_events")
    assert load_merged(store)["source_count"].tolist() == [3, 3, 3]


def test_reingesting_unchanged_articles_keeps_the_merged_events(story_store: Path):
    before = load_merged(story_store)
    report = ingest(STORY, story_store)
    assert report.stored == [] and len(report.unchanged) == 3
    pd.testing.assert_frame_equal(load_merged(story_store), before)


# Export --merged, read back by real readers ---------------------------------------------


def _export(store: Path, fmt: str, tmp_path: Path, merged: bool = True) -> str:
    output = tmp_path / f"out.{fmt}"
    argv = ["export", "--store", str(store), "--format", fmt, "--output", str(output)]
    assert main([*argv, "--merged"] if merged else argv) == 0
    return output.read_bytes().decode("utf-8")


def test_merged_json_lists_sources_and_conflict(conflict_store: Path, tmp_path: Path):
    records = json.loads(_export(conflict_store, "json", tmp_path))
    assert len(records) == 2
    for record in records:
        assert list(record)[: len(EVENT_COLUMNS)] == EVENT_COLUMNS
        assert isinstance(record["conflict"], bool)
        for source in record["sources"]:
            assert {"doc_id", "title", "url", "quote", "start", "end", "date"} <= set(source)
    speech = next(r for r in records if r["conflict"])
    assert [s["date"] for s in speech["sources"]] == ["2022-05-05", "2022-05-06"]
    assert speech["conflict_dates"] == ["2022-05-05", "2022-05-06"]


def test_merged_csv_has_one_row_per_event_with_sources_as_json(story_store: Path, tmp_path: Path):
    table = list(csv.DictReader(io.StringIO(_export(story_store, "csv", tmp_path), newline="")))
    assert len(table) == 3
    for row in table:
        assert row["source_count"] == "3" and row["conflict"] == "false"
        assert json.loads(row["conflict_dates"]) == []
        sources = json.loads(row["sources"])
        assert len(sources) == 3 and all(s["quote"] for s in sources)
    plain = list(csv.DictReader(io.StringIO(_export(story_store, "csv", tmp_path, False))))
    assert len(plain) == 9 and list(plain[0]) == EVENT_COLUMNS


def test_merged_timelinejs_slides_list_every_source(conflict_store: Path, tmp_path: Path):
    document = json.loads(_export(conflict_store, "timelinejs", tmp_path))
    slides = document["events"]
    assert len(slides) == 2
    for slide in slides:
        assert set(slide) >= {"unique_id", "start_date", "text"}
        assert set(slide["start_date"]) <= {"year", "month", "day"}
    speech = next(s for s in slides if "disagree" in s["text"]["text"])
    assert speech["start_date"] == {"year": "2022", "month": "5"}
    text = speech["text"]["text"]
    assert "5 May 2022, 6 May 2022" in text and text.count("<li>") == 2
    assert 'href="https://hill-times.example/politics/speech"' in text


def test_merged_timelinejs_escapes_document_text(tmp_path: Path):
    article = tmp_path / "odd.txt"
    article.write_text(
        "---\npublished: 2022-05-10\ntitle: <b>Bold</b> & co\nurl: javascript:alert(1)\n---\n"
        "On 5 May, Jane Doe said <script>alert(1)</script> loudly.\n",
        encoding="utf-8",
    )
    store = tmp_path / "s.duckdb"
    ingest([article], store)
    text = json.loads(_export(store, "timelinejs", tmp_path))["events"][0]["text"]["text"]
    assert "<script>" not in text and "&lt;script&gt;" in text
    assert "<b>" not in text and "javascript:" not in text


def test_merged_ics_describes_sources_and_conflict(conflict_store: Path, tmp_path: Path):
    calendar = icalendar.Calendar.from_ical(_export(conflict_store, "ics", tmp_path))
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 2
    speech = next(e for e in events if "disagree" in str(e["DESCRIPTION"]))
    description = str(speech["DESCRIPTION"])
    assert "5 May 2022, 6 May 2022" in description
    assert "hill-times.example" in description and "lakeside-daily.example" in description
    assert speech.decoded("DTSTART").isoformat() == "2022-05-01"
    assert speech.decoded("DTEND").isoformat() == "2022-06-01"
