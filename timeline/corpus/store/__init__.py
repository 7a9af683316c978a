"""The embedded store: one DuckDB file holding documents, their events, merged events and
corrections. Every SQL query of the project lives in this package.

Each document is written in one transaction (its old events and row out, the new ones
in), so a process killed mid-ingest leaves every document either whole or absent.

The package is laid out by job: ``schema`` (the tables), ``connection`` (opening the file,
locks shared between processes), ``writes`` and ``reads``.

>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "t.duckdb"
>>> load_events(create_store(path)).columns.tolist()[:3]
['doc_id', 'event_id', 'person']
"""

from timeline.corpus.store.connection import (
    DEFAULT_STORE,
    LOCK_WAIT_SECONDS,
    StoreBusy,
    close_idle_host,
    create_store,
    file_lock,
    open_store,
    store_marker,
)
from timeline.corpus.store.reads import (
    load_documents,
    load_events,
    load_merged,
    merged_missing,
    read_events,
    stored_hashes,
)
from timeline.corpus.store.schema import DOCUMENT_COLUMNS, SCHEMA, StoredDocument
from timeline.corpus.store.writes import (
    INSERT_ROWS,
    Prepare,
    bump_version,
    refresh_merged,
    refresh_merged_with,
    write_document,
    write_merged,
)

__all__ = [
    "DEFAULT_STORE",
    "DOCUMENT_COLUMNS",
    "INSERT_ROWS",
    "LOCK_WAIT_SECONDS",
    "SCHEMA",
    "Prepare",
    "StoreBusy",
    "StoredDocument",
    "bump_version",
    "close_idle_host",
    "create_store",
    "file_lock",
    "load_documents",
    "load_events",
    "load_merged",
    "merged_missing",
    "open_store",
    "read_events",
    "refresh_merged",
    "refresh_merged_with",
    "store_marker",
    "stored_hashes",
    "write_document",
    "write_merged",
]
