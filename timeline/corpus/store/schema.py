"""The store's tables: documents, events, merged events, table versions, corrections and the
audit trail of who changed what."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from timeline.output.schema import (
    EVENT_COLUMNS,
    FLOAT_COLUMNS,
    INT_COLUMNS,
    MERGED_COLUMNS,
    OPTIONAL_FLOAT_COLUMNS,
    OPTIONAL_INT_COLUMNS,
    PLACE_COLUMNS,
)
from timeline.text.documents import DocumentError

DOCUMENT_COLUMNS: list[str] = [
    "doc_id",
    "source",
    "content_hash",
    "title",
    "url",
    "published",
    "text",
    "ingested_at",
]

#: The columns of a correction as readers see it (``updated_at`` is the store's own).
CORRECTION_COLUMNS: list[str] = ["event_id", "person", "event_type", "date", "hidden"]

#: The audit trail's columns: when, who, what they did (add, save, hide, undo), to which
#: event or document, and the values a correction set (NULL where it left a field alone).
AUDIT_COLUMNS: list[str] = [
    "changed_at",
    "editor",
    "action",
    "event_id",
    "doc_id",
    "person",
    "event_type",
    "date",
    "note",
]


def _sql_type(column: str) -> str:
    if column in INT_COLUMNS or column in OPTIONAL_INT_COLUMNS or column == "source_count":
        return "BIGINT"
    if column in FLOAT_COLUMNS or column in OPTIONAL_FLOAT_COLUMNS:
        return "DOUBLE"
    if column == "conflict":
        return "BOOLEAN"
    return "VARCHAR"  # text, and the list columns of merged events as JSON text


def column_definition(column: str) -> str:
    """A column's type and constraint: a missing place has NULL point, precision and
    offsets and '' text; every other column is NOT NULL."""
    if column in OPTIONAL_INT_COLUMNS or column in OPTIONAL_FLOAT_COLUMNS:
        return _sql_type(column)
    if column in PLACE_COLUMNS:
        return f"{_sql_type(column)} NOT NULL DEFAULT ''"
    return f"{_sql_type(column)} NOT NULL"


_EVENT_FIELDS = ",\n    ".join(f'"{c}" {column_definition(c)}' for c in EVENT_COLUMNS)
_MERGED_FIELDS = ",\n    ".join(f'"{c}" {column_definition(c)}' for c in MERGED_COLUMNS)

SCHEMA = f"""
CREATE TABLE IF NOT EXISTS documents (
    doc_id VARCHAR PRIMARY KEY,
    source VARCHAR NOT NULL,
    content_hash VARCHAR NOT NULL,
    title VARCHAR NOT NULL,
    url VARCHAR NOT NULL,
    published VARCHAR NOT NULL,
    text VARCHAR NOT NULL,
    ingested_at TIMESTAMP NOT NULL
);
CREATE TABLE IF NOT EXISTS events (
    {_EVENT_FIELDS}
);
CREATE TABLE IF NOT EXISTS merged_events (
    {_MERGED_FIELDS}
);
CREATE TABLE IF NOT EXISTS table_versions (
    table_name VARCHAR PRIMARY KEY,
    version BIGINT NOT NULL
);
CREATE TABLE IF NOT EXISTS corrections (
    event_id VARCHAR PRIMARY KEY,
    person VARCHAR,
    event_type VARCHAR,
    date VARCHAR,
    hidden BOOLEAN NOT NULL DEFAULT FALSE,
    updated_at TIMESTAMP NOT NULL
);
CREATE TABLE IF NOT EXISTS audit (
    changed_at TIMESTAMP NOT NULL,
    editor VARCHAR NOT NULL,
    action VARCHAR NOT NULL,
    event_id VARCHAR,
    doc_id VARCHAR,
    person VARCHAR,
    event_type VARCHAR,
    date VARCHAR,
    note VARCHAR
);
"""

#: The first layout of the corrections table (one row per field), never written to.
_OLD_CORRECTION_COLUMNS = {"field", "value"}


@dataclass(frozen=True)
class StoredDocument:
    """A document row as written to the store (``text`` is what event offsets refer to)."""

    doc_id: str
    source: str
    content_hash: str
    title: str
    url: str
    published: str
    text: str


def add_place_columns(connection: duckdb.DuckDBPyConnection) -> None:
    """Give a store written before events had places the place columns (empty), so it
    keeps opening; new columns go last, where the schema has them for events."""
    for table in ("events", "merged_events"):
        present = table_columns(connection, table)
        for column in PLACE_COLUMNS:
            if present and column not in present:
                connection.execute(
                    f'ALTER TABLE {table} ADD COLUMN "{column}" {column_definition(column)}'
                )


def table_columns(connection: duckdb.DuckDBPyConnection, table: str) -> set[str]:
    """The columns a table of the open store has (empty when it has no such table)."""
    rows = connection.execute(
        "SELECT column_name FROM information_schema.columns "
        "WHERE table_name = ? AND table_catalog = current_database()",
        [table],
    ).fetchall()
    return {row[0] for row in rows}


def select_list(
    connection: duckdb.DuckDBPyConnection, table: str, columns: list[str], prefix: str = ""
) -> str:
    """A SELECT list of ``columns`` that also reads a store opened read-only from before
    the place columns: a column it lacks reads as empty."""
    present = table_columns(connection, table)
    parts = []
    for column in columns:
        if column in present or not present:
            parts.append(f'{prefix}"{column}"')
        elif column in OPTIONAL_INT_COLUMNS or column in OPTIONAL_FLOAT_COLUMNS:
            parts.append(f'CAST(NULL AS {_sql_type(column)}) AS "{column}"')
        else:
            parts.append(f"'' AS \"{column}\"")
    return ", ".join(parts)


def migrate_corrections(connection: duckdb.DuckDBPyConnection) -> None:
    """Replace the unused first layout of ``corrections`` by the current one."""
    columns = {
        row[0]
        for row in connection.execute(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_name = 'corrections' AND table_catalog = current_database()"
        ).fetchall()
    }
    if not columns & _OLD_CORRECTION_COLUMNS:
        return
    if connection.execute("SELECT count(*) FROM corrections").fetchall()[0][0]:
        raise DocumentError("the store's corrections table has an unknown layout")
    connection.execute("DROP TABLE corrections")
    connection.execute(SCHEMA)
