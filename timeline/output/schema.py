"""The event table every stage after extraction reads: columns, order and types."""

from __future__ import annotations

import pandas as pd

#: Column order of the event table, identical in the DataFrame, CSV, JSON and JSON lines.
EVENT_COLUMNS: list[str] = [
    "doc_id",
    "event_id",
    "person",
    "event_type",
    "date",
    "granularity",
    "date_start",
    "date_end",
    "date_text",
    "quote",
    "start",
    "end",
    "confidence",
    "title",
    "url",
    "published",
]

#: pandas dtypes per column; everything not listed is a string.
INT_COLUMNS = ("start", "end")
FLOAT_COLUMNS = ("confidence",)

GRANULARITIES = ("day", "month", "year")


def events_frame(rows: list[dict] | None = None) -> pd.DataFrame:
    """Build an event table with the canonical columns and dtypes (empty when no rows)."""
    frame = pd.DataFrame(rows or [], columns=EVENT_COLUMNS)
    for column in EVENT_COLUMNS:
        if column in INT_COLUMNS:
            frame[column] = frame[column].astype("int64")
        elif column in FLOAT_COLUMNS:
            frame[column] = frame[column].astype("float64")
        else:
            # A column of missing values only arrives as float64; fill it as text.
            frame[column] = frame[column].astype(object).fillna("").astype(str)
    return frame


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
