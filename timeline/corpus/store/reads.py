"""Reading the store: every event, document or merged event, and what ingest needs to
skip unchanged documents."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pandas as pd

from timeline.corpus.store.connection import DEFAULT_STORE, open_store
from timeline.corpus.store.schema import DOCUMENT_COLUMNS, select_list
from timeline.output.schema import EVENT_COLUMNS, MERGED_COLUMNS, MERGED_LIST_COLUMNS, events_frame


def stored_hashes(connection: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """doc_id -> content_hash of every stored document (to skip unchanged ones)."""
    return dict(connection.execute("SELECT doc_id, content_hash FROM documents").fetchall())


def stored_event_types(connection: duckdb.DuckDBPyConnection) -> set[str]:
    """Every event type found among the stored events."""
    rows = connection.execute("SELECT DISTINCT event_type FROM events").fetchall()
    return {row[0] for row in rows}


def document_text(connection: duckdb.DuckDBPyConnection, doc_id: str) -> str | None:
    """The text of one stored document (None when absent)."""
    row = connection.execute("SELECT text FROM documents WHERE doc_id = ?", [doc_id]).fetchone()
    return row[0] if row else None


def load_events(store_path: str | Path = DEFAULT_STORE) -> pd.DataFrame:
    """Every stored event as a table with the schema's columns, in date then text order."""
    with open_store(store_path, read_only=True) as connection:
        return read_events(connection)


def load_documents(store_path: str | Path = DEFAULT_STORE) -> pd.DataFrame:
    """Every stored document (one row each, ``DOCUMENT_COLUMNS``), in doc_id order."""
    columns = ", ".join(DOCUMENT_COLUMNS)
    with open_store(store_path, read_only=True) as connection:
        return connection.execute(f"SELECT {columns} FROM documents ORDER BY doc_id").df()


def read_events(connection: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every stored event through an open connection, in date then text order."""
    columns = select_list(connection, "events", EVENT_COLUMNS)
    frame = connection.execute(
        f'SELECT {columns} FROM events ORDER BY date_start, doc_id, "start"'
    ).df()
    return events_frame(frame.to_dict(orient="records"))


def person_counts(connection: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Every stored person name and how many events it has ("" for unnamed events)."""
    rows = connection.execute("SELECT person, count(*) FROM events GROUP BY person").fetchall()
    return {str(person or ""): int(count) for person, count in rows}


def read_events_of_people(
    connection: duckdb.DuckDBPyConnection, people: set[str], unnamed: bool
) -> pd.DataFrame:
    """The stored events of some people (and the unnamed ones, with ``unnamed``), in the
    order ``read_events`` gives them."""
    columns = select_list(connection, "events", EVENT_COLUMNS)
    names = sorted(people | ({""} if unnamed else set()))
    connection.register("wanted_people", pd.DataFrame({"person": names}, dtype=object))
    try:
        frame = connection.execute(
            f"SELECT {columns} FROM events WHERE coalesce(person, '') IN "
            '(SELECT person FROM wanted_people) ORDER BY date_start, doc_id, "start"'
        ).df()
    finally:
        connection.unregister("wanted_people")
    return events_frame(frame.to_dict(orient="records"))


def load_merged(store_path: str | Path = DEFAULT_STORE) -> pd.DataFrame:
    """Every merged event (``MERGED_COLUMNS``, lists decoded), in date then text order.

    A store written before merging existed has no (or an empty) table: its events are
    merged on the fly instead.
    """
    with open_store(store_path, read_only=True) as connection:
        tables = {row[0] for row in connection.execute("SHOW TABLES").fetchall()}
        if "merged_events" not in tables or merged_missing(connection):
            from timeline.corpus.merge import merge_events

            return merge_events(read_events(connection))
        columns = select_list(connection, "merged_events", MERGED_COLUMNS)
        frame = connection.execute(
            f'SELECT {columns} FROM merged_events ORDER BY date_start, doc_id, "start", event_id'
        ).df()
    for column in MERGED_LIST_COLUMNS:
        frame[column] = [json.loads(value) for value in frame[column]]
    frame["conflict"] = frame["conflict"].astype(bool)
    return frame


def merged_missing(connection: duckdb.DuckDBPyConnection) -> bool:
    """Whether the store has events but no merged events (a store from before merging)."""
    merged = connection.execute("SELECT count(*) FROM merged_events").fetchone()[0]
    return merged == 0 and connection.execute("SELECT count(*) FROM events").fetchone()[0] > 0
