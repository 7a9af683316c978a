"""Reading events and merged events as Arrow tables, whose text stays in Arrow buffers
(several times smaller and faster than one Python object per cell): for the whole store,
or for a few documents after they changed.

The rows to draw are the merged events whose representative is stored, plus the stored
events that no merged event represents or covers (each a single source).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from timeline.corpus.store.schema import select_list
from timeline.output.schema import EVENT_COLUMNS

#: The events, and the merged events, of the documents named in the registered
#: ``changed_documents`` table (a merged event carries its representative's ``doc_id``).
_CHANGED = "(SELECT * FROM {table} WHERE doc_id IN (SELECT doc_id FROM changed_documents))"
_CHANGED_EVENTS = _CHANGED.format(table="events")
_CHANGED_MERGED = _CHANGED.format(table="merged_events")


def has_merged_table(connection: duckdb.DuckDBPyConnection) -> bool:
    """Whether ingest left a non-empty ``merged_events`` table in the store."""
    found = connection.execute(
        "SELECT count(*) FROM information_schema.tables "
        "WHERE table_name = 'merged_events' AND table_catalog = current_database()"
    ).fetchall()[0][0]
    if not found:
        return False
    return bool(connection.execute("SELECT count(*) FROM merged_events LIMIT 1").fetchall()[0][0])


def event_table(connection: duckdb.DuckDBPyConnection) -> pa.Table:
    """Every stored event (``EVENT_COLUMNS``), in no particular order."""
    columns = select_list(connection, "events", EVENT_COLUMNS)
    return connection.sql(f"SELECT {columns} FROM events").to_arrow_table()


def events_of_documents(connection: duckdb.DuckDBPyConnection, doc_ids: list[str]) -> pa.Table:
    """The stored events of some documents (``EVENT_COLUMNS``), in no particular order."""
    columns = select_list(connection, "events", EVENT_COLUMNS)
    with _changed_documents(connection, doc_ids):
        return connection.sql(
            f"SELECT {columns} FROM {_CHANGED_EVENTS} AS changed"
        ).to_arrow_table()


def multi_source_rows(connection: duckdb.DuckDBPyConnection) -> list[tuple]:
    """(event_id, doc_id, event_ids, conflict_dates) of the merged events with several
    sources or conflicting dates; the lists stay JSON text, decoded by the caller when
    needed."""
    return connection.execute(
        "SELECT event_id, doc_id, event_ids, conflict_dates FROM merged_events "
        "WHERE source_count > 1 OR conflict"
    ).fetchall()


def merged_rows(connection: duckdb.DuckDBPyConnection, covered: pa.Table) -> pa.Table:
    """The rows to draw for the whole store, in one query, so the events are never copied
    to be joined: the merged events whose representative is stored, and the events neither
    represented nor in ``covered`` (the member ids of merged events, column ``event_id``).
    Columns: ``EVENT_COLUMNS``, ``source_count`` and ``conflict``."""
    connection.register("covered_events", covered)
    try:
        merged_columns = select_list(connection, "merged_events", EVENT_COLUMNS, "m.")
        event_columns = select_list(connection, "events", EVENT_COLUMNS)
        return connection.sql(
            f"SELECT {merged_columns}, m.source_count, m.conflict FROM merged_events m "
            "SEMI JOIN events e ON e.event_id = m.event_id "
            f"UNION ALL SELECT {event_columns}, 1 AS source_count, FALSE AS conflict "
            "FROM events AS single "
            "WHERE event_id NOT IN (SELECT event_id FROM merged_events AS represented) "
            "AND event_id NOT IN (SELECT event_id FROM covered_events)"
        ).to_arrow_table()
    finally:
        connection.unregister("covered_events")


def merged_rows_of_documents(
    connection: duckdb.DuckDBPyConnection, doc_ids: list[str], covered: pa.Table
) -> pa.Table:
    """``merged_rows`` for some documents only, read with two small queries and joined
    here (the one query over whole tables costs several times more when a few documents
    changed): the merged events these documents represent, and their events that are
    neither represented nor covered by a merged event."""
    merged_columns = select_list(connection, "merged_events", EVENT_COLUMNS)
    event_columns = select_list(connection, "events", EVENT_COLUMNS)
    with _changed_documents(connection, doc_ids):
        events = connection.sql(
            f"SELECT {event_columns} FROM {_CHANGED_EVENTS} AS e"
        ).to_arrow_table()
        merged = connection.sql(
            f"SELECT {merged_columns}, source_count, conflict FROM {_CHANGED_MERGED} AS m"
        ).to_arrow_table()
    represented = merged.filter(pc.is_in(merged["event_id"], value_set=events["event_id"]))
    single = pc.invert(
        pc.or_(
            pc.is_in(events["event_id"], value_set=merged["event_id"]),
            pc.is_in(events["event_id"], value_set=covered["event_id"]),
        )
    )
    singles = events.filter(single)
    singles = singles.append_column(
        pa.field("source_count", pa.int64()), pa.array(np.ones(len(singles), dtype="int64"))
    ).append_column(pa.field("conflict", pa.bool_()), pa.array(np.zeros(len(singles), bool)))
    return pa.concat_tables([represented, singles.cast(represented.schema)])


def merged_sources(connection: duckdb.DuckDBPyConnection, event_id: str) -> list[dict]:
    """The sources of one stored merged event (empty when it is not stored)."""
    row = connection.execute(
        "SELECT sources FROM merged_events WHERE event_id = ?", [event_id]
    ).fetchall()
    return json.loads(row[0][0] or "[]") if row else []


@contextmanager
def _changed_documents(connection: duckdb.DuckDBPyConnection, doc_ids: list[str]) -> Iterator[None]:
    """``doc_ids`` registered as the ``changed_documents`` table for the ``with`` block."""
    connection.register("changed_documents", pa.table({"doc_id": pa.array(doc_ids)}))
    try:
        yield
    finally:
        connection.unregister("changed_documents")
