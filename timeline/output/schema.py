"""The event table every stage after extraction reads: columns, order and types."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TypedDict

import pandas as pd


class EventRow(TypedDict):
    """One dated event as extraction hands it on: a row of the event table.

    Dates are ISO text (``date`` as precise as ``granularity`` says, ``date_start`` and
    ``date_end`` the days it covers); an undated mention has "" in every date column.
    ``published`` is the document's YYYY-MM-DD date or "". ``text[start:end] == quote``.

    The place columns come last (see ``timeline.extraction.places``): ``location``,
    ``admin1`` and ``country`` as the gazetteer names them, the point, ACLED's
    ``geo_precision`` (1 town, 2 near a town or part of a region, 3 region or country),
    the words as written with their offsets, and the ``origin`` as written ("fled from X
    to Y"). An event without a place has "" and missing values there, never a guess.
    """

    doc_id: str
    event_id: str
    person: str
    event_type: str
    date: str
    granularity: str
    date_start: str
    date_end: str
    date_text: str
    quote: str
    start: int
    end: int
    confidence: float
    title: str
    url: str
    published: str
    location: str
    admin1: str
    country: str
    latitude: float | None
    longitude: float | None
    geo_precision: int | None
    place_text: str
    place_start: int | None
    place_end: int | None
    origin: str


#: Column order of the event table, identical in the DataFrame, CSV, JSON and JSON lines.
EVENT_COLUMNS: list[str] = list(EventRow.__annotations__)

#: pandas dtypes per column; everything not listed is a string.
INT_COLUMNS = ("start", "end")
FLOAT_COLUMNS = ("confidence",)
#: Columns that may be missing (an event without a place): floats (NaN) and pandas'
#: nullable integers (<NA>); empty in CSV, null in JSON, NULL in the store.
OPTIONAL_FLOAT_COLUMNS = ("latitude", "longitude")
OPTIONAL_INT_COLUMNS = ("geo_precision", "place_start", "place_end")
#: The place columns, in order, at the end of the event columns.
PLACE_COLUMNS: list[str] = EVENT_COLUMNS[EVENT_COLUMNS.index("location") :]
#: The place columns of an event without a place (rows made before places existed).
NO_PLACE: dict[str, object] = {
    c: None if c in OPTIONAL_FLOAT_COLUMNS + OPTIONAL_INT_COLUMNS else "" for c in PLACE_COLUMNS
}

GRANULARITIES = ("day", "month", "year")


def events_frame(rows: Sequence[Mapping[str, object]] | None = None) -> pd.DataFrame:
    """Build an event table with the canonical columns and dtypes (empty when no rows).

    Each column is built once with its dtype (converting a finished frame column by column
    cost more than extracting a short article's events)."""
    rows = list(rows or [])
    columns: dict[str, object] = {}
    for column in EVENT_COLUMNS:
        values = [row.get(column) for row in rows]
        if column in INT_COLUMNS:
            columns[column] = pd.Series(values, dtype="int64")
        elif column in FLOAT_COLUMNS or column in OPTIONAL_FLOAT_COLUMNS:
            series = pd.Series(values, dtype=object)
            columns[column] = pd.to_numeric(series, errors="coerce").astype("float64")
        elif column in OPTIONAL_INT_COLUMNS:
            series = pd.Series(values, dtype=object)
            columns[column] = pd.to_numeric(series, errors="coerce").astype("Int64")
        else:
            # A missing value (None, NaN, NA, NaT) is empty text, as fillna made it.
            texts = ["" if pd.isna(v) else str(v) for v in values]
            columns[column] = pd.Series(texts, dtype=object).astype(str)
    return pd.DataFrame(columns, columns=EVENT_COLUMNS)


#: Column order of the merged-event table (one row per happening, see ``timeline.corpus.merge``):
#: the event columns, taken from a representative source, then what the sources add.
MERGED_COLUMNS: list[str] = [
    *EVENT_COLUMNS,
    "event_ids",
    "sources",
    "source_count",
    "conflict",
    "conflict_dates",
]

#: Merged-event columns that hold lists (JSON text in the store and in CSV).
MERGED_LIST_COLUMNS = ("event_ids", "sources", "conflict_dates")

#: The keys of each entry of a merged event's ``sources``, in this order.
SOURCE_FIELDS: tuple[str, ...] = (
    "doc_id",
    "event_id",
    "title",
    "url",
    "quote",
    "start",
    "end",
    "date",
    "granularity",
    "published",
)
