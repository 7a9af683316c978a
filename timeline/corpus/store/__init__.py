"""The embedded store: one DuckDB file holding documents, their events, merged events,
corrections and the audit trail of who changed what. Every SQL query of timeline lives in
this package.

Each document is written in one transaction (its old events and row out, the new ones
in), so a process killed mid-ingest leaves every document either whole or absent.

The package is laid out by job: ``schema`` (the tables), ``connection`` (opening the file,
locks shared between processes), ``writes`` and ``reads``, ``corrections`` (the
corrections table and the audit trail), ``merged_rows`` (events and merged events as
Arrow tables, whole or for a few documents) and ``versions`` (what changed since a
reader last looked).

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
from timeline.corpus.store.corrections import (
    append_audit,
    audit_rows,
    correction_rows,
    corrections_fingerprint,
    delete_corrections,
    hide_corrected,
    unknown_event_ids,
    upsert_corrections,
)
from timeline.corpus.store.errors import NotAStore, StoreCorrupt
from timeline.corpus.store.merged_rows import (
    event_table,
    events_of_documents,
    has_merged_table,
    merged_rows,
    merged_rows_of_documents,
    merged_sources,
    multi_source_rows,
)
from timeline.corpus.store.reads import (
    document_text,
    load_documents,
    load_events,
    load_merged,
    merged_missing,
    read_events,
    stored_event_types,
    stored_hashes,
)
from timeline.corpus.store.schema import (
    AUDIT_COLUMNS,
    CORRECTION_COLUMNS,
    DOCUMENT_COLUMNS,
    SCHEMA,
    StoredDocument,
)
from timeline.corpus.store.versions import (
    document_stamps,
    documents_of_events,
    documents_since,
    merged_fingerprint,
)
from timeline.corpus.store.writes import (
    INSERT_ROWS,
    Prepare,
    bump_version,
    document_people,
    refresh_merged,
    refresh_merged_with,
    remerged,
    remerged_around,
    write_document,
    write_merged,
)

__all__ = [
    "AUDIT_COLUMNS",
    "CORRECTION_COLUMNS",
    "DEFAULT_STORE",
    "DOCUMENT_COLUMNS",
    "INSERT_ROWS",
    "LOCK_WAIT_SECONDS",
    "SCHEMA",
    "NotAStore",
    "Prepare",
    "StoreBusy",
    "StoreCorrupt",
    "StoredDocument",
    "append_audit",
    "audit_rows",
    "bump_version",
    "close_idle_host",
    "correction_rows",
    "corrections_fingerprint",
    "create_store",
    "delete_corrections",
    "document_people",
    "document_stamps",
    "document_text",
    "documents_of_events",
    "documents_since",
    "event_table",
    "events_of_documents",
    "file_lock",
    "has_merged_table",
    "hide_corrected",
    "load_documents",
    "load_events",
    "load_merged",
    "merged_fingerprint",
    "merged_missing",
    "merged_rows",
    "merged_rows_of_documents",
    "merged_sources",
    "multi_source_rows",
    "open_store",
    "read_events",
    "refresh_merged",
    "refresh_merged_with",
    "remerged",
    "remerged_around",
    "store_marker",
    "stored_event_types",
    "stored_hashes",
    "unknown_event_ids",
    "upsert_corrections",
    "write_document",
    "write_merged",
]
