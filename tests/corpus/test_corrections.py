"""Corrections: stored apart from the events, applied on read, surviving re-ingest and restart."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from timeline.corpus.corrections import (
    CorrectionError,
    apply_corrections,
    corrected_date,
    hide_events,
    load_corrections,
    save_correction,
    undo_corrections,
)
from timeline.corpus.ingest import ingest
from timeline.corpus.store import create_store, load_events, open_store
from timeline.dashboard import create_app
from timeline.dashboard.store_source import StoreSource
from timeline.output.schema import events_frame

TYPES = ["arrest", "resignation", "other"]

ARTICLE = """---
title: Harbour board in turmoil
url: https://example.org/harbour
published: 2022-03-10
id: harbour-1
---
On 2 March 2022, Lena Okafor resigned from the harbour board.

On 5 March 2022, Tomas Reyes was arrested in Port Vale.
"""


def row(event_id: str, **values) -> dict:
    base = {
        "doc_id": "d1",
        "event_id": event_id,
        "person": "Lena Okafor",
        "event_type": "resignation",
        "date": "2022-03-02",
        "granularity": "day",
        "date_start": "2022-03-02",
        "date_end": "2022-03-02",
        "date_text": "2 March 2022",
        "quote": "On 2 March 2022, Lena Okafor resigned.",
        "start": 0,
        "end": 38,
        "confidence": 0.9,
        "title": "Harbour",
        "url": "https://example.org/h",
        "published": "2022-03-10",
    }
    base.update(values)
    return base


@pytest.fixture
def events() -> pd.DataFrame:
    return events_frame([row("a"), row("b", person="Tomas Reyes", event_type="arrest")])


@pytest.fixture
def store(tmp_path) -> Path:
    return create_store(tmp_path / "s.duckdb")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2021-05-03", ("2021-05-03", "day", "2021-05-03", "2021-05-03")),
        ("2021-05", ("2021-05", "month", "2021-05-01", "2021-05-31")),
        ("2021", ("2021", "year", "2021-01-01", "2021-12-31")),
        (" 2024-02 ", ("2024-02", "month", "2024-02-01", "2024-02-29")),
    ],
)
def test_a_corrected_date_brings_its_granularity_and_period(text, expected):
    assert corrected_date(text) == expected


@pytest.mark.parametrize(
    "text", ["2021-02-30", "2021-13", "May 2021", "", "2021-W05", "2021-05-03T10:00", "21"]
)
def test_an_impossible_date_is_one_line_error(text):
    with pytest.raises(CorrectionError) as error:
        corrected_date(text)
    assert "\n" not in str(error.value)


def test_saved_corrections_apply_in_place_and_mark_edited(store, events):
    save_correction(store, ["a"], person="Lena Okafor-Diaz", date="2022-03", known_types=TYPES)
    save_correction(store, ["b"], event_type="resignation", known_types=TYPES)
    shown = apply_corrections(events, load_corrections(store)).set_index("event_id")
    assert shown.loc["a", "person"] == "Lena Okafor-Diaz"
    assert shown.loc["a", ["date", "granularity", "date_start", "date_end"]].tolist() == [
        "2022-03",
        "month",
        "2022-03-01",
        "2022-03-31",
    ]
    assert shown.loc["a", "event_type"] == "resignation"  # not corrected: as extracted
    assert shown.loc["b", "event_type"] == "resignation"
    assert shown.loc["b", "person"] == "Tomas Reyes"
    assert shown["edited"].tolist() == [True, True]


def test_later_corrections_keep_earlier_fields(store, events):
    save_correction(store, ["a"], person="Someone Else", known_types=TYPES)
    save_correction(store, ["a"], date="2020", known_types=TYPES)
    shown = apply_corrections(events, load_corrections(store)).set_index("event_id")
    assert shown.loc["a", ["person", "date"]].tolist() == ["Someone Else", "2020"]


def test_hide_drops_the_row_and_undo_brings_everything_back(store, events):
    save_correction(store, ["a"], person="X Y", known_types=TYPES)
    hide_events(store, ["a", "b"])
    assert apply_corrections(events, load_corrections(store)).empty
    assert undo_corrections(store, ["a"]) == 1
    shown = apply_corrections(events, load_corrections(store))
    assert shown["event_id"].tolist() == ["a"]
    assert shown.loc[0, "person"] == "Lena Okafor" and not shown.loc[0, "edited"]
    undo_corrections(store, ["b"])
    assert apply_corrections(events, load_corrections(store))["event_id"].tolist() == ["a", "b"]
    assert load_corrections(store).empty


def test_bad_values_store_nothing(store, events):
    with pytest.raises(CorrectionError, match="'coronation' is not a known event type"):
        save_correction(store, ["a"], event_type="coronation", date="2021", known_types=TYPES)
    with pytest.raises(CorrectionError, match="not a calendar date"):
        save_correction(store, ["a"], person="Z", date="2021-02-30", known_types=TYPES)
    with pytest.raises(CorrectionError, match="nothing to correct"):
        save_correction(store, ["a"], known_types=TYPES)
    with pytest.raises(CorrectionError, match="no event"):
        hide_events(store, [])
    assert load_corrections(store).empty


def test_the_default_types_are_the_lexicon_and_the_stored_ones(store):
    save_correction(store, ["a"], event_type="arrest")
    with pytest.raises(CorrectionError):
        save_correction(store, ["a"], event_type="type_99")


def test_an_old_empty_corrections_table_is_replaced(tmp_path):
    import duckdb

    path = tmp_path / "old.duckdb"
    connection = duckdb.connect(str(path))
    connection.execute(
        "CREATE TABLE corrections (event_id VARCHAR NOT NULL, field VARCHAR, value VARCHAR,"
        " hidden BOOLEAN NOT NULL DEFAULT FALSE, updated_at TIMESTAMP NOT NULL)"
    )
    connection.close()
    save_correction(path, ["a"], person="P Q", known_types=TYPES)
    assert load_corrections(path)["person"].tolist() == ["P Q"]


# ------------------------------------------------------------------ through the real ingest


@pytest.fixture
def ingested(tmp_path) -> tuple[Path, Path, pd.DataFrame]:
    folder = tmp_path / "articles"
    folder.mkdir()
    article = folder / "harbour.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    store = tmp_path / "s.duckdb"
    report = ingest([folder], store)
    assert report.stored == ["harbour-1"] and not report.failed
    events = load_events(store)
    assert len(events) == 2
    return store, article, events


def _shown(store: Path) -> pd.DataFrame:
    return apply_corrections(load_events(store), load_corrections(store)).set_index("event_id")


def test_corrections_survive_reingest_of_the_same_and_of_a_changed_document(ingested):
    store, article, events = ingested
    first, second = events["event_id"].tolist()
    save_correction(store, [first], event_type="arrest", date="2022-02")
    hide_events(store, [second])
    report = ingest([article.parent], store)
    assert report.unchanged == ["harbour-1"]
    assert _shown(store).loc[first, ["event_type", "date", "edited"]].tolist() == [
        "arrest",
        "2022-02",
        True,
    ]
    # The article changes (a paragraph added at the end): events are re-extracted, the
    # corrections, keyed by the unchanged events' ids, still apply.
    added = "\nOn 8 March 2022, Tomas Reyes was freed on bail.\n"
    article.write_text(ARTICLE + added, encoding="utf-8")
    report = ingest([article.parent], store)
    assert report.stored == ["harbour-1"]
    shown = _shown(store)
    assert len(load_events(store)) == 3
    assert shown.loc[first, ["event_type", "date"]].tolist() == ["arrest", "2022-02"]
    assert second not in shown.index
    assert len(shown) == 2


def test_corrections_survive_a_new_app_on_the_same_store(ingested):
    store, _, events = ingested
    first = events["event_id"].iloc[0]
    StoreSource.open(store).save_correction([first], person="Lena O. Diaz")
    app = create_app(store=store, extract=lambda *a, **k: None)
    client = app.server.test_client()
    assert client.get("/").status_code == 200
    source = StoreSource.open(store)
    shown = source.events().set_index("event_id")
    assert shown.loc[first, ["person", "edited"]].tolist() == ["Lena O. Diaz", True]
    with open_store(store, read_only=True) as connection:
        stored = connection.execute(
            "SELECT person FROM events WHERE event_id = ?", [first]
        ).fetchone()
    assert stored == ("Lena Okafor",)  # the extraction output is untouched


@pytest.mark.parametrize("merged", [False, True])
def test_exports_carry_corrections_and_leave_hidden_events_out(ingested, tmp_path, merged):
    import json

    from timeline.corpus.commands import main

    store, _, events = ingested
    first, second = events["event_id"].tolist()
    save_correction(store, [first], person="Lena O. Diaz", date="2022-02")
    hide_events(store, [second])
    output = tmp_path / "out.json"
    arguments = ["export", "--store", str(store), "--format", "json", "-o", str(output)]
    assert main(arguments + (["--merged"] if merged else [])) == 0
    exported = json.loads(output.read_text(encoding="utf-8"))
    records = exported if isinstance(exported, list) else exported["events"]
    assert [(r["person"], r["date"], r["granularity"]) for r in records] == [
        ("Lena O. Diaz", "2022-02", "month")
    ]
