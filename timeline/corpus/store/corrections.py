"""The ``corrections`` table's queries: one row per corrected event id, NULL where the
extracted value stands. What a correction may say is checked in
``timeline.corpus.corrections``; here it is only written and read."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import duckdb
import pandas as pd

from timeline.corpus.store.schema import CORRECTION_COLUMNS


def upsert_corrections(connection: duckdb.DuckDBPyConnection, rows: Sequence[tuple]) -> None:
    """Store (event_id, person, event_type, date, updated_at) rows in one transaction; a
    None field keeps the value an earlier correction of that event gave."""
    connection.execute("BEGIN TRANSACTION")
    connection.executemany(
        "INSERT INTO corrections (event_id, person, event_type, date, hidden, updated_at) "
        "VALUES (?, ?, ?, ?, FALSE, ?) ON CONFLICT (event_id) DO UPDATE SET "
        "person = coalesce(excluded.person, corrections.person), "
        "event_type = coalesce(excluded.event_type, corrections.event_type), "
        "date = coalesce(excluded.date, corrections.date), "
        "updated_at = excluded.updated_at",
        rows,
    )
    connection.execute("COMMIT")


def hide_corrected(
    connection: duckdb.DuckDBPyConnection, event_ids: Sequence[str], now: dt.datetime
) -> None:
    """Mark events hidden in one transaction, keeping their other corrections."""
    connection.execute("BEGIN TRANSACTION")
    connection.executemany(
        "INSERT INTO corrections (event_id, hidden, updated_at) VALUES (?, TRUE, ?) "
        "ON CONFLICT (event_id) DO UPDATE SET hidden = TRUE, updated_at = excluded.updated_at",
        [(event_id, now) for event_id in event_ids],
    )
    connection.execute("COMMIT")


def delete_corrections(connection: duckdb.DuckDBPyConnection, event_ids: Sequence[str]) -> int:
    """Forget every correction of these events; how many rows went."""
    before = connection.execute("SELECT count(*) FROM corrections").fetchall()[0][0]
    connection.executemany("DELETE FROM corrections WHERE event_id = ?", [[i] for i in event_ids])
    after = connection.execute("SELECT count(*) FROM corrections").fetchall()[0][0]
    return int(before - after)


def correction_rows(
    connection: duckdb.DuckDBPyConnection, by_event_id: bool = False
) -> pd.DataFrame:
    """Every stored correction (``CORRECTION_COLUMNS``, as DuckDB gives them), in
    event_id order when ``by_event_id``."""
    columns = ", ".join(CORRECTION_COLUMNS)
    if by_event_id:
        return connection.execute(f"SELECT {columns} FROM corrections ORDER BY event_id").df()
    return connection.sql(f"SELECT {columns} FROM corrections").df()


def corrections_fingerprint(connection: duckdb.DuckDBPyConnection) -> tuple:
    """A fingerprint of the corrections that changes with any correction made, changed or
    undone (cheaper than reading them all to compare)."""
    columns = ", ".join(CORRECTION_COLUMNS)
    return tuple(
        connection.execute(
            f"SELECT count(*), max(updated_at), sum(hash({columns})) FROM corrections"
        ).fetchall()[0]
    )
