"""Places through the store: stored and read back, old stores keep opening, exports."""

from __future__ import annotations

import json
import math
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from timeline.corpus.commands import main
from timeline.corpus.ingest import ingest
from timeline.corpus.store import load_events, load_merged, open_store
from timeline.corpus.store.schema import table_columns
from timeline.output.acled import ACLED_COLUMNS
from timeline.output.schema import EVENT_COLUMNS, PLACE_COLUMNS

from .helpers import write_jsonl


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("places")
    records = [
        {
            "id": "a",
            "title": "A",
            "url": "https://www.example.org/a",
            "published": "2021-11-21",
            "text": "On 7 October, Jane Doe was arrested in Tamu. In June, John Roe left the army.",
        }
    ]
    write_jsonl(folder / "docs.jsonl", records)
    path = folder / "s.duckdb"
    assert ingest([folder], path).failed == []
    return path


def test_places_are_stored_and_read_back(store: Path):
    events = load_events(store).set_index("person")
    assert events.loc["Jane Doe", "location"] == "Tamu"
    assert events.loc["Jane Doe", "geo_precision"] == 1
    assert events.loc["John Roe", "location"] == ""
    assert math.isnan(events.loc["John Roe", "latitude"])
    assert pd.isna(events.loc["John Roe", "geo_precision"])
    merged = load_merged(store).set_index("person")
    assert merged.loc["Jane Doe", "country"] == "Myanmar"


def test_export_acled_and_geojson(store: Path, tmp_path: Path):
    out = tmp_path / "e.csv"
    assert main(["export", "--store", str(store), "--format", "acled", "-o", str(out)]) == 0
    table = pd.read_csv(out, keep_default_na=False)
    assert list(table.columns) == ACLED_COLUMNS
    assert table["location"].tolist() == ["Tamu"] and table["source"].tolist() == ["example.org"]
    out = tmp_path / "e.geojson"
    assert main(["export", "--store", str(store), "--format", "geojson", "-o", str(out)]) == 0
    features = json.loads(out.read_text(encoding="utf-8"))["features"]
    assert [f["properties"]["person"] for f in features] == ["Jane Doe"]
    out = tmp_path / "m.csv"
    args = ["export", "--store", str(store), "--format", "acled", "--merged", "-o", str(out)]
    assert main(args) == 0
    assert pd.read_csv(out)["location"].tolist() == ["Tamu"]


def _old_store(path: Path) -> None:
    """A store as written before events had places: the same tables without those columns."""
    with open_store(path) as connection:
        pass
    with duckdb.connect(str(path)) as connection:
        for table in ("events", "merged_events"):
            for column in PLACE_COLUMNS:
                connection.execute(f'ALTER TABLE {table} DROP COLUMN "{column}"')
        old = [c for c in EVENT_COLUMNS if c not in PLACE_COLUMNS]
        values = ["d", "e1", "Jane Doe", "arrest", "2021-06", "month", "2021-06-01"]
        values += ["2021-06-30", "June", "In June she was held.", 0, 21, 1.0, "", "", ""]
        names = ", ".join(f'"{c}"' for c in old)
        connection.execute(
            f"INSERT INTO events ({names}) VALUES ({', '.join('?' * len(old))})", values
        )


def test_an_old_store_opens_read_only_and_reads_empty_places(tmp_path: Path):
    path = tmp_path / "old.duckdb"
    _old_store(path)
    events = load_events(path)
    assert list(events.columns) == EVENT_COLUMNS
    assert events.loc[0, "location"] == "" and math.isnan(events.loc[0, "latitude"])
    with duckdb.connect(str(path), read_only=True) as connection:
        assert not table_columns(connection, "events") & set(PLACE_COLUMNS)


def test_an_old_store_gains_the_place_columns_when_opened_for_writing(tmp_path: Path):
    path = tmp_path / "old.duckdb"
    _old_store(path)
    with open_store(path) as connection:
        assert set(PLACE_COLUMNS) <= table_columns(connection, "events")
        assert set(PLACE_COLUMNS) <= table_columns(connection, "merged_events")
    events = load_events(path)
    assert events.loc[0, "person"] == "Jane Doe" and events.loc[0, "place_text"] == ""
    assert pd.isna(events.loc[0, "place_start"])
