"""The ``corrections`` table's queries (one row per corrected event id, NULL where the
extracted value stands) and the ``audit`` trail's (one row per change: who, when, what).
What a correction may say is checked in ``timeline.corpus.corrections``; here it is only
written and read.

Every write takes a whole list of ids in one statement (DuckDB reads the list as one
parameter), so a correction of 500 events holds the store for milliseconds, not for one
statement per id; a correction and its audit rows are one transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import duckdb
import pandas as pd

from timeline.corpus.store.schema import AUDIT_COLUMNS, CORRECTION_COLUMNS


def upsert_corrections(
    connection: duckdb.DuckDBPyConnection,
    event_ids: Sequence[str],
    values: tuple[str | None, str | None, str | None],
    now: dt.datetime,
    audit: Sequence[tuple] = (),
) -> None:
    """Store one correction (person, event_type, date) of every id in one transaction, with
    its audit rows; a None field keeps the value an earlier correction of that event gave."""
    person, event_type, date = values
    connection.execute("BEGIN TRANSACTION")
    try:
        connection.execute(
            "INSERT INTO corrections (event_id, person, event_type, date, hidden, updated_at) "
            "SELECT unnest(?::VARCHAR[]), ?, ?, ?, FALSE, ? "
            "ON CONFLICT (event_id) DO UPDATE SET "
            "person = coalesce(excluded.person, corrections.person), "
            "event_type = coalesce(excluded.event_type, corrections.event_type), "
            "date = coalesce(excluded.date, corrections.date), "
            "updated_at = excluded.updated_at",
            [list(event_ids), person, event_type, date, now],
        )
        _append_audit(connection, audit)
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise


def hide_corrected(
    connection: duckdb.DuckDBPyConnection,
    event_ids: Sequence[str],
    now: dt.datetime,
    audit: Sequence[tuple] = (),
) -> None:
    """Mark events hidden in one transaction, keeping their other corrections."""
    connection.execute("BEGIN TRANSACTION")
    try:
        connection.execute(
            "INSERT INTO corrections (event_id, hidden, updated_at) "
            "SELECT unnest(?::VARCHAR[]), TRUE, ? "
            "ON CONFLICT (event_id) DO UPDATE SET hidden = TRUE, "
            "updated_at = excluded.updated_at",
            [list(event_ids), now],
        )
        _append_audit(connection, audit)
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise


def delete_corrections(
    connection: duckdb.DuckDBPyConnection, event_ids: Sequence[str], audit: Sequence[tuple] = ()
) -> list[str]:
    """Forget every correction of these events in one transaction; the ids whose correction
    went. The audit rows are written only when something went."""
    connection.execute("BEGIN TRANSACTION")
    try:
        gone = connection.execute(
            "DELETE FROM corrections WHERE event_id IN (SELECT unnest(?::VARCHAR[])) "
            "RETURNING event_id",
            [list(event_ids)],
        ).fetchall()
        removed = {row[0] for row in gone}
        _append_audit(connection, [row for row in audit if row[3] in removed])
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    return sorted(removed)


def unknown_event_ids(connection: duckdb.DuckDBPyConnection, event_ids: Sequence[str]) -> list[str]:
    """The ids among ``event_ids`` that no stored event has, in the order given."""
    rows = connection.execute(
        "SELECT x FROM unnest(?::VARCHAR[]) AS t(x) WHERE x NOT IN (SELECT event_id FROM events)",
        [list(event_ids)],
    ).fetchall()
    missing = {row[0] for row in rows}
    return [event_id for event_id in event_ids if event_id in missing]


def _append_audit(connection: duckdb.DuckDBPyConnection, rows: Sequence[tuple]) -> None:
    if not rows:
        return
    columns = ", ".join(AUDIT_COLUMNS)
    # One statement for any number of rows: one list per column, unnested side by side.
    lists = [list(column) for column in zip(*rows, strict=True)]
    selects = ", ".join(f"unnest(?::{_audit_type(name)}[])" for name in AUDIT_COLUMNS)
    connection.execute(f"INSERT INTO audit ({columns}) SELECT {selects}", lists)


def _audit_type(column: str) -> str:
    return "TIMESTAMP" if column == "changed_at" else "VARCHAR"


def append_audit(connection: duckdb.DuckDBPyConnection, rows: Sequence[tuple]) -> None:
    """Add rows (``AUDIT_COLUMNS`` order) to the audit trail, in the caller's transaction."""
    _append_audit(connection, rows)


def audit_rows(
    connection: duckdb.DuckDBPyConnection, event_ids: Sequence[str] | None = None
) -> pd.DataFrame:
    """The audit trail (``AUDIT_COLUMNS``), oldest first: all of it, or the rows about some
    events. A store written before the trail existed has none."""
    columns = ", ".join(AUDIT_COLUMNS)
    if not _has_audit(connection):
        return pd.DataFrame({name: pd.Series(dtype=object) for name in AUDIT_COLUMNS})
    if event_ids is None:
        return connection.execute(
            f"SELECT {columns} FROM audit ORDER BY changed_at, event_id, doc_id"
        ).df()
    return connection.execute(
        f"SELECT {columns} FROM audit WHERE event_id IN (SELECT unnest(?::VARCHAR[])) "
        "ORDER BY changed_at, event_id",
        [list(event_ids)],
    ).df()


def _has_audit(connection: duckdb.DuckDBPyConnection) -> bool:
    return bool(
        connection.execute(
            "SELECT count(*) FROM information_schema.tables "
            "WHERE table_name = 'audit' AND table_catalog = current_database()"
        ).fetchall()[0][0]
    )


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
