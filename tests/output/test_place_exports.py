"""ACLED-style and GeoJSON exports: columns, types, the type mapping, and safety."""

from __future__ import annotations

import io
import json

import pandas as pd
import yaml

from timeline.output.acled import ACLED_COLUMNS, acled_frame, acled_mapping, to_acled_csv
from timeline.output.geojson import geojson_text
from timeline.output.ical import to_ics
from timeline.output.schema import events_frame
from timeline.resources import resource_path


def _rows() -> list[dict]:
    base = {"doc_id": "d1", "title": "A title", "url": "https://www.example.org/a",
            "confidence": 1.0}  # fmt: skip
    return [
        {**base, "event_id": "e1", "person": "Jane Roe", "event_type": "arrest",
         "date": "2021-05-03", "granularity": "day", "date_start": "2021-05-03",
         "date_end": "2021-05-03", "quote": "On 3 May she was held in Tamu.", "start": 0,
         "end": 30, "location": "Tamu", "admin1": "Sagaing", "country": "Myanmar",
         "latitude": 24.2, "longitude": 94.3, "geo_precision": 1, "place_text": "Tamu",
         "place_start": 25, "place_end": 29},
        {**base, "event_id": "e2", "person": "=HYPERLINK(\"http://x\")", "event_type": "escape",
         "date": "2021-06", "granularity": "month", "date_start": "2021-06-01",
         "date_end": "2021-06-30", "quote": "-In June he fled to Thailand.", "start": 31,
         "end": 60, "location": "Thailand", "country": "Thailand", "latitude": 14.8,
         "longitude": 100.9, "geo_precision": 3, "place_text": "Thailand", "place_start": 50,
         "place_end": 58, "origin": "Tamu"},
        {**base, "event_id": "e3", "person": "John Roe", "event_type": "defection",
         "date": "2021-07", "granularity": "month", "date_start": "2021-07-01",
         "date_end": "2021-07-31", "quote": "In July he left.", "start": 61, "end": 77},
        {**base, "event_id": "e4", "person": "John Roe", "event_type": "other", "date": "",
         "granularity": "", "date_start": "", "date_end": "", "quote": "He lives in Tamu.",
         "start": 78, "end": 95, "location": "Tamu", "country": "Myanmar", "latitude": 24.2,
         "longitude": 94.3, "geo_precision": 1},
    ]  # fmt: skip


def test_acled_csv_round_trips_through_pandas_with_acleds_columns_and_types():
    text = to_acled_csv(events_frame(_rows()))
    back = pd.read_csv(io.StringIO(text), keep_default_na=False)
    assert list(back.columns) == ACLED_COLUMNS
    assert back["event_id_cnty"].tolist() == ["e1", "e2"]  # dated and placed only
    assert back["time_precision"].tolist() == [1, 3]
    assert back["geo_precision"].tolist() == [1, 3]
    for column in ("time_precision", "geo_precision", "year"):
        assert pd.api.types.is_integer_dtype(back[column]), column
    for column in ("latitude", "longitude"):
        assert pd.api.types.is_float_dtype(back[column]), column
    assert back["event_date"].tolist() == ["2021-05-03", "2021-06-01"]
    assert back.loc[0, ["event_type", "sub_event_type"]].tolist() == [
        "Strategic developments", "Arrests"
    ]  # fmt: skip
    assert back.loc[0, "source"] == "example.org"
    assert back.loc[0, "notes"] == "On 3 May she was held in Tamu."


def test_acled_csv_neutralises_formulas_as_every_csv_export():
    back = pd.read_csv(io.StringIO(to_acled_csv(events_frame(_rows()))), keep_default_na=False)
    assert back.loc[1, "actor1"].startswith("'=")
    assert back.loc[1, "notes"].startswith("'-")


def test_every_event_type_maps_to_one_of_acleds_own_pairs():
    mapping = acled_mapping()
    ours = yaml.safe_load(resource_path("en", "event_types.yaml").read_text(encoding="utf-8"))
    types = {v.get("type", k) if isinstance(v, dict) else k for k, v in ours.items()}
    assert types <= set(mapping["types"])
    for event_type, (acled_type, sub_type) in mapping["types"].items():
        assert sub_type in mapping["acled_types"][acled_type], event_type


def test_acled_frame_of_no_events_has_the_columns():
    assert list(acled_frame(events_frame([])).columns) == ACLED_COLUMNS


def test_geojson_holds_the_events_with_a_point_in_longitude_latitude_order():
    collection = json.loads(geojson_text(events_frame(_rows())))
    assert collection["type"] == "FeatureCollection"
    ids = [f["id"] for f in collection["features"]]
    assert ids == ["e1", "e2", "e4"]
    first = collection["features"][0]
    assert first["geometry"] == {"type": "Point", "coordinates": [94.3, 24.2]}
    assert first["properties"]["location"] == "Tamu"
    assert "latitude" not in first["properties"]
    # Strings stay as written: JSON escapes them, nothing is neutralised.
    assert collection["features"][1]["properties"]["person"] == '=HYPERLINK("http://x")'


def test_icalendar_carries_the_place_as_location_and_geo():
    import icalendar

    calendar = icalendar.Calendar.from_ical(to_ics(events_frame(_rows())))
    events = {str(e["uid"]).split("@")[0]: e for e in calendar.walk("VEVENT")}
    assert str(events["e1"]["location"]) == "Tamu, Sagaing, Myanmar"
    assert (events["e1"]["geo"].latitude, events["e1"]["geo"].longitude) == (24.2, 94.3)
    assert "location" not in events["e3"] and "geo" not in events["e3"]
