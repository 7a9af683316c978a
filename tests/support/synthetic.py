"""Synthetic event tables for the dashboard's benchmark and tests (no extraction involved).

Person activity follows a Zipf-like law, as in news: a few people have thousands of events,
most have a handful.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from timeline.output.schema import (
    EVENT_COLUMNS,
    NO_PLACE,
    OPTIONAL_FLOAT_COLUMNS,
    OPTIONAL_INT_COLUMNS,
)

WORDS = [
    "soldiers",
    "army",
    "left",
    "base",
    "joined",
    "movement",
    "border",
    "village",
    "prison",
    "escaped",
    "court",
    "ruled",
    "minister",
    "said",
    "police",
    "arrested",
    "protest",
    "crowd",
    "city",
    "night",
    "officer",
    "captain",
    "general",
    "election",
    "vote",
    "council",
    "report",
    "witnesses",
    "fled",
    "camp",
    "hospital",
    "attack",
    "statement",
    "sanctions",
    "interview",
    "family",
    "released",
    "charged",
    "sentenced",
    "march",
    "strike",
    "town",
    "river",
    "province",
]


def synthetic_events(
    events: int = 100_000,
    people: int = 2_000,
    types: int = 20,
    years: int = 30,
    first_year: int = 1994,
    seed: int = 7,
    placed: float = 0.0,
    places: int = 400,
) -> pd.DataFrame:
    """An event table with ``EVENT_COLUMNS``: day, month and year events over ``years``;
    a share ``placed`` of them at one of ``places`` made-up towns (the rest have none)."""
    rng = np.random.default_rng(seed)
    weights = 1.0 / np.arange(1, people + 1) ** 0.9
    person_index = rng.choice(people, size=events, p=weights / weights.sum())
    names = np.array([f"Person {index:04d}" for index in range(people)], dtype=object)
    person = names[person_index]
    person[rng.random(events) < 0.05] = ""
    kinds = np.array([f"type_{index:02d}" for index in range(types)], dtype=object)
    event_type = kinds[rng.integers(0, types, size=events)]
    start = np.datetime64(f"{first_year}-01-01", "D")
    day = start + rng.integers(0, years * 365, size=events).astype("timedelta64[D]")
    granularity = rng.choice(np.array(["day", "month", "year"]), size=events, p=[0.6, 0.28, 0.12])
    month = day.astype("datetime64[M]")
    year = day.astype("datetime64[Y]")
    first = np.where(
        granularity == "day",
        day,
        np.where(
            granularity == "month", month.astype("datetime64[D]"), year.astype("datetime64[D]")
        ),
    )
    next_month = (month + 1).astype("datetime64[D]")
    next_year = (year + 1).astype("datetime64[D]")
    last = np.where(
        granularity == "day",
        day,
        np.where(granularity == "month", next_month, next_year) - np.timedelta64(1, "D"),
    )
    iso_day = np.datetime_as_string(day, unit="D")
    date = np.array(
        [
            value[:7] if g == "month" else value[:4] if g == "year" else value
            for value, g in zip(iso_day, granularity, strict=True)
        ],
        dtype=object,
    )
    word_index = rng.integers(0, len(WORDS), size=(events, 14))
    vocabulary = np.array(WORDS, dtype=object)
    quotes = [" ".join(row).capitalize() + "." for row in vocabulary[word_index]]
    doc = rng.integers(0, max(1, events // 20), size=events)
    frame = pd.DataFrame(
        {
            "doc_id": [f"doc{index:06d}" for index in doc],
            "event_id": [f"{index:016x}" for index in rng.permutation(events) + 1],
            "person": person,
            "event_type": event_type,
            "date": date,
            "granularity": granularity,
            "date_start": np.datetime_as_string(first.astype("datetime64[D]"), unit="D"),
            "date_end": np.datetime_as_string(last.astype("datetime64[D]"), unit="D"),
            "date_text": date,
            "quote": quotes,
            "start": rng.integers(0, 50_000, size=events),
            "confidence": rng.uniform(0.4, 1.0, size=events).round(2),
            "title": [f"Synthetic article {index}" for index in doc],
            "url": [f"https://news.example.org/{index}" for index in doc],
            "published": "2024-01-01",
        }
    )
    frame["end"] = frame["start"] + frame["quote"].str.len()
    for column, value in NO_PLACE.items():  # no places: synthetic quotes name none
        frame[column] = value
    frame = _typed_places(frame)
    if placed > 0:
        frame = _with_places(frame, rng, placed, places)
    for column in ("doc_id", "event_id", "person", "event_type", "date", "granularity"):
        frame[column] = frame[column].astype(str)
    return frame.loc[:, EVENT_COLUMNS]


def _with_places(
    frame: pd.DataFrame, rng: np.random.Generator, placed: float, places: int
) -> pd.DataFrame:
    """A share of the events put at made-up towns, a few towns holding most of them."""
    weights = 1.0 / np.arange(1, places + 1) ** 0.8
    town = rng.choice(places, size=len(frame), p=weights / weights.sum())
    at = rng.random(len(frame)) < placed
    lat = rng.uniform(-50, 60, size=places)
    lon = rng.uniform(-170, 170, size=places)
    names = np.array([f"Town {index:04d}" for index in range(places)], dtype=object)
    countries = np.array([f"Country {index % 60:02d}" for index in range(places)], dtype=object)
    frame.loc[at, "location"] = names[town[at]]
    frame.loc[at, "country"] = countries[town[at]]
    frame.loc[at, "latitude"] = lat[town[at]].round(4)
    frame.loc[at, "longitude"] = lon[town[at]].round(4)
    frame.loc[at, "geo_precision"] = 1
    return frame


def _typed_places(frame: pd.DataFrame) -> pd.DataFrame:
    """The empty place columns with the schema's dtypes (NaN floats, <NA> integers)."""
    for column in OPTIONAL_FLOAT_COLUMNS:
        frame[column] = np.nan
    for column in OPTIONAL_INT_COLUMNS:
        frame[column] = pd.array([pd.NA] * len(frame), dtype="Int64")
    return frame
