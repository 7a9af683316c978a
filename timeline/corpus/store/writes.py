"""Writing the store: a document and its events in one transaction, and the merged events
recomputed from all events."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import duckdb
import pandas as pd

from timeline.corpus.store.connection import DEFAULT_STORE, open_store
from timeline.corpus.store.corrections import append_audit
from timeline.corpus.store.reads import person_counts, read_events, read_events_of_people
from timeline.corpus.store.schema import DOCUMENT_COLUMNS, StoredDocument
from timeline.output.schema import EVENT_COLUMNS, MERGED_COLUMNS, MERGED_LIST_COLUMNS, NO_PLACE

_EVENT_PLACEHOLDERS = f"({', '.join('?' * len(EVENT_COLUMNS))})"
_EVENT_NAMES = ", ".join(f'"{c}"' for c in EVENT_COLUMNS)
#: Events per INSERT statement: one statement of many rows is far cheaper in DuckDB than
#: ``executemany`` (about 10 ms a row there), and this keeps the parameter list bounded.
INSERT_ROWS = 256


def write_document(
    connection: duckdb.DuckDBPyConnection,
    document: StoredDocument,
    events: pd.DataFrame | Sequence[Mapping],
    editor: str | None = None,
) -> None:
    """Replace one document and its events in a single transaction (all or nothing).

    ``events`` are rows with the schema's columns, as a table or as dicts (the
    extractor's rows, which spares building a DataFrame per document). With ``editor``
    (an article added in the dashboard), the audit trail gets an "add" row in the same
    transaction.
    """
    records = events.to_dict(orient="records") if isinstance(events, pd.DataFrame) else events
    if any(record["doc_id"] != document.doc_id for record in records):
        raise ValueError(f"events of another document given for {document.doc_id!r}")
    values = [tuple({**NO_PLACE, **record}[c] for c in EVENT_COLUMNS) for record in records]
    row = [*(getattr(document, c) for c in DOCUMENT_COLUMNS[:-1]), _utc_now()]
    connection.execute("BEGIN TRANSACTION")
    try:
        connection.execute("DELETE FROM events WHERE doc_id = ?", [document.doc_id])
        connection.execute("DELETE FROM documents WHERE doc_id = ?", [document.doc_id])
        connection.execute("INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?)", row)
        for first in range(0, len(values), INSERT_ROWS):
            _insert_events(connection, values[first : first + INSERT_ROWS])
        if editor is not None:
            audit = (row[-1], editor, "add", None, document.doc_id, None, None, None)
            append_audit(connection, [(*audit, document.title)])
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise


def _insert_events(connection: duckdb.DuckDBPyConnection, values: list[tuple]) -> None:
    placeholders = ", ".join([_EVENT_PLACEHOLDERS] * len(values))
    parameters = [_sql_value(value) for row in values for value in row]
    connection.execute(f"INSERT INTO events ({_EVENT_NAMES}) VALUES {placeholders}", parameters)


def _sql_value(value: object) -> object:
    """A missing place's NaN or <NA> as SQL NULL."""
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and value != value:
        return None
    return value


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


def write_merged(connection: duckdb.DuckDBPyConnection, merged: pd.DataFrame) -> None:
    """Replace every merged event in one transaction; list columns are stored as JSON text."""
    _write_merged_rows(connection, merged, "DELETE FROM merged_events", [])


def _write_merged_rows(
    connection: duckdb.DuckDBPyConnection, merged: pd.DataFrame, delete: str, parameters: list
) -> None:
    """In one transaction: run ``delete`` (with ``parameters``) on the merged events, then
    write ``merged`` (list columns as JSON text) and count one more rewrite of the table."""
    table = merged.loc[:, MERGED_COLUMNS].copy()
    for column in MERGED_LIST_COLUMNS:
        table[column] = [json.dumps(value, ensure_ascii=False) for value in table[column]]
    table["conflict"] = table["conflict"].astype(bool)
    columns = ", ".join(f'"{c}"' for c in MERGED_COLUMNS)
    connection.execute("BEGIN TRANSACTION")
    try:
        connection.execute(delete, parameters)
        connection.register("merged_rows", table)
        connection.execute(
            f"INSERT INTO merged_events ({columns}) SELECT {columns} FROM merged_rows"
        )
        connection.unregister("merged_rows")
        bump_version(connection, "merged_events")
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise


def bump_version(connection: duckdb.DuckDBPyConnection, table: str) -> None:
    """Count one more rewrite of ``table``, so readers holding its rows know to read it
    again."""
    connection.execute(
        "INSERT INTO table_versions VALUES (?, 1) ON CONFLICT (table_name) "
        "DO UPDATE SET version = table_versions.version + 1",
        [table],
    )


Prepare = Callable[[pd.DataFrame], pd.DataFrame]


def refresh_merged_with(
    connection: duckdb.DuckDBPyConnection, prepare: Prepare | None = None
) -> int:
    """Recompute the merged events from the events table of an open store; their count.

    ``prepare`` is applied to the events first (corrections, for instance).
    """
    return len(remerged(connection, prepare))


def remerged(connection: duckdb.DuckDBPyConnection, prepare: Prepare | None = None) -> pd.DataFrame:
    """``refresh_merged_with``, returning the merged events it wrote."""
    from timeline.corpus.merge import merge_events

    events = read_events(connection)
    if prepare is not None:
        events = prepare(events)
    merged = merge_events(events)
    write_merged(connection, merged)
    return merged


def document_people(
    connection: duckdb.DuckDBPyConnection, doc_id: str
) -> tuple[set[str], set[str]]:
    """The person names (with "" for unnamed events) and the event ids a stored document
    has now; what ``remerged_around`` needs from before the document is replaced."""
    rows = connection.execute(
        "SELECT coalesce(person, ''), event_id FROM events WHERE doc_id = ?", [doc_id]
    ).fetchall()
    return {str(row[0]) for row in rows}, {str(row[1]) for row in rows}


def remerged_around(
    connection: duckdb.DuckDBPyConnection,
    doc_id: str,
    before: tuple[set[str], set[str]] = (set(), set()),
) -> pd.DataFrame:
    """Merge again only the events a newly stored document can change (its people's, the
    names that join them, and the unnamed ones if it has some; see ``merge.around``),
    and replace their merged rows; ``before`` is the document's people and event ids
    before it was replaced (``document_people``). Returns the merged rows written: the
    same rows a merge of the whole store gives for those events, for a fraction of the
    cost (a whole merge of 100,000 events takes seconds under the store's lock)."""
    from timeline.corpus.merge import merge_events
    from timeline.corpus.merge.around import names_around

    people_now, _ = document_people(connection, doc_id)
    people = people_now | before[0]
    counts = person_counts(connection)
    events = read_events_of_people(connection, names_around(counts, people), "" in people)
    merged = merge_events(events)
    replace_merged_rows(connection, set(events["event_id"].astype(str)) | before[1], merged)
    return merged


def replace_merged_rows(
    connection: duckdb.DuckDBPyConnection, event_ids: set[str], merged: pd.DataFrame
) -> None:
    """In one transaction, drop the merged rows holding any of ``event_ids`` and write
    ``merged`` (list columns as JSON text)."""
    _write_merged_rows(
        connection,
        merged,
        "DELETE FROM merged_events WHERE list_has_any("
        "from_json(event_ids, '[\"VARCHAR\"]'), ?::VARCHAR[])",
        [sorted(event_ids)],
    )


def refresh_merged(store_path: str | Path = DEFAULT_STORE, prepare: Prepare | None = None) -> int:
    """Recompute the ``merged_events`` table of a store from its events; their count."""
    with open_store(store_path) as connection:
        return refresh_merged_with(connection, prepare)
