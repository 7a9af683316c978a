"""The rows a store's events are drawn from when ingest merged them: the merged events
with several sources and their members (``MergedIndex``), read as Arrow and made a frame in
drawing order. Used by ``store_source.StoreSource``."""

from __future__ import annotations

import json
from dataclasses import dataclass

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa

from timeline.corpus import store
from timeline.dashboard.shown import corrected_merged


@dataclass(frozen=True)
class MergedIndex:
    """What the rows of ``merged_events`` with several sources say about their members,
    read once for as long as the table stays the same."""

    #: Representative event id -> (member ids as JSON text, conflicting dates or None).
    members: dict[str, tuple[str, list | None]]
    #: Member event id -> the document of its merged event's representative.
    home: dict[str, str]
    #: Every member id, as a table to join against.
    covered: pa.Table


#: The order the dashboard draws in (ISO dates sort as text), applied while the rows are
#: still one Arrow table, so no sorted copy of a pandas frame is ever needed.
DRAW_ORDER = [("date_start", "ascending"), ("doc_id", "ascending"), ("start", "ascending")]


def drawn_frame(table: pa.Table) -> pd.DataFrame:
    """Rows read as Arrow in drawing order as a DataFrame: text stays in Arrow buffers,
    several times smaller and faster than one Python object per cell."""
    table = table.sort_by(DRAW_ORDER).combine_chunks()  # the unsorted rows go now
    return table.to_pandas()


def merged_from_store(
    connection: duckdb.DuckDBPyConnection,
    fixes: pd.DataFrame,
    index: MergedIndex | None = None,
    rows: pa.Table | None = None,
) -> pd.DataFrame:
    """The merged events ingest stored, plus the stored events they do not cover, corrected.

    Lists (``event_ids``, ``sources``, ``conflict_dates``; JSON text in the store) are decoded
    only for events with several sources. A merged event whose representative is gone (its
    document was replaced since) is left out; its new events come back as single sources.
    ``rows`` are the rows to draw when already read (``store.merged_rows_of_documents``,
    for a few documents); else the whole store's are read (``store.merged_rows``).
    """
    index = index if index is not None else merged_index(connection)
    members = index.members
    if rows is None:
        rows = store.merged_rows(connection, index.covered)
    # Rebinding lets the unsorted rows go before the frame is made (a million rows' text
    # is hundreds of MB).
    rows = rows.sort_by(DRAW_ORDER).combine_chunks()
    frame = rows.to_pandas()
    del rows
    count = len(frame)
    event_ids = np.full(count, None, dtype=object)
    conflict_dates = np.full(count, None, dtype=object)
    if members:
        for row, event_id in enumerate(frame["event_id"].tolist()):
            found = members.get(event_id)
            if found is not None:
                event_ids[row], conflict_dates[row] = found
    # Kept as Python objects: pandas would read text and None as its string type, which
    # turns None into NaN and makes the dtype depend on which rows are read.
    frame = frame.assign(
        event_ids=pd.Series(event_ids, index=frame.index, dtype=object),
        sources=pd.Series(np.full(count, None, dtype=object), index=frame.index, dtype=object),
        conflict_dates=pd.Series(conflict_dates, index=frame.index, dtype=object),
    )
    return corrected_merged(frame, fixes)


def merged_index(connection: duckdb.DuckDBPyConnection) -> MergedIndex:
    """The members of the stored merged events with several sources (see ``MergedIndex``).

    Member ids stay JSON text in ``members`` until needed (``member_ids`` decodes them); the
    sources themselves are read when an event is opened (``StoreSource.sources``).
    """
    multi = store.multi_source_rows(connection)
    members = {row[0]: (row[2], json.loads(row[3] or "[]") or None) for row in multi}
    home = {member: row[1] for row in multi for member in json.loads(row[2] or "[]")}
    covered = pa.table({"event_id": pa.array(sorted(home), pa.string())})
    return MergedIndex(members=members, home=home, covered=covered)
