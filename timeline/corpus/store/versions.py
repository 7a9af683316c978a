"""What changed in the store since a reader last looked: cheap fingerprints of the merged
events, the documents stored since a moment, and the documents some events belong to."""

from __future__ import annotations

import datetime as dt

import duckdb
import pyarrow as pa

from timeline.output.schema import MERGED_COLUMNS


def merged_fingerprint(connection: duckdb.DuckDBPyConnection) -> tuple | None:
    """A fingerprint of ``merged_events`` that changes when ingest writes it anew (None when
    the store has no merged events): the count of rewrites, or in a store that predates
    the count, a hash of every row."""
    tables = {
        row[0]
        for row in connection.execute(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_name IN ('merged_events', 'table_versions') "
            "AND table_catalog = current_database()"
        ).fetchall()
    }
    if "merged_events" not in tables:
        return None
    if "table_versions" not in tables:
        columns = ", ".join(f'"{c}"' for c in MERGED_COLUMNS)
        query = f"SELECT count(*), sum(hash({columns})) FROM merged_events"
    else:
        query = (
            "SELECT count(*), (SELECT max(version) FROM table_versions "
            "WHERE table_name = 'merged_events') FROM merged_events"
        )
    count, version = connection.execute(query).fetchall()[0]
    return (count, version) if count else None


def document_stamps(
    connection: duckdb.DuckDBPyConnection, since: dt.datetime | None = None
) -> list[tuple[str, dt.datetime]]:
    """(doc_id, ingested_at) of every document, or of those stored after ``since``."""
    query = "SELECT doc_id, ingested_at FROM documents"
    if since is None:
        return connection.execute(query).fetchall()
    return connection.execute(f"{query} WHERE ingested_at > ?", [since]).fetchall()


def documents_since(
    connection: duckdb.DuckDBPyConnection, since: dt.datetime | None
) -> tuple[frozenset[str], int, dt.datetime | None]:
    """The documents stored after ``since``, how many documents there are, and the newest
    ``ingested_at``.

    A writer stamps ``ingested_at`` while it holds DuckDB's write lock, which one process
    at a time can hold, so stamps grow in the order writes commit and none lands behind
    one already seen. Should the clock step back, a new document still shows in the count
    (and everything is read again); only a replaced one would wait for the next full read.
    """
    rows = document_stamps(connection, since)
    count = connection.execute("SELECT count(*) FROM documents").fetchall()[0][0]
    newest = max((row[1] for row in rows), default=since)
    seen_at = newest if since is None or newest is None else max(since, newest)
    return frozenset(row[0] for row in rows), int(count), seen_at


def documents_of_events(connection: duckdb.DuckDBPyConnection, event_ids: set[str]) -> set[str]:
    """The documents holding some stored events (ids not stored are ignored)."""
    connection.register("fixed_events", pa.table({"event_id": pa.array(sorted(event_ids))}))
    try:
        rows = connection.execute(
            "SELECT DISTINCT doc_id FROM events "
            "WHERE event_id IN (SELECT event_id FROM fixed_events)"
        ).fetchall()
    finally:
        connection.unregister("fixed_events")
    return {row[0] for row in rows}
