"""The dashboard's events read from a DuckDB store, shared by every process that serves it.

DuckDB lets one process write at a time and a writer locks readers out, so no connection is
held between requests: each read or write opens the file, works, and closes it, waiting
briefly when another process holds the lock. The dashboard holds the events in memory and
reads them again when the store's files change (``store_marker``, one ``stat`` per
request), so every process sees what the others wrote. A read that finds the store busy
raises StoreBusy; the dashboard then keeps serving what it has and tries again later.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from timeline.corpus import corrections, store
from timeline.corpus.corrections import read_corrections
from timeline.corpus.store import (
    LOCK_WAIT_SECONDS,
    StoreBusy,
    StoredDocument,
    close_idle_host,
    file_lock,
    open_store,
    store_marker,
    write_document,
)
from timeline.dashboard.shown import Merge, default_merge, shown_events
from timeline.dashboard.store_rows import (
    MergedIndex,
    drawn_frame,
    merged_from_store,
    merged_index,
)
from timeline.output.schema import EVENT_COLUMNS, events_frame
from timeline.text.documents import Document

#: How long a page request waits for a document's text while another process writes.
READ_WAIT_SECONDS = 2.0

#: Changes touching more documents than this share of the held ones (and at least
#: ``MIN_DELTA_DOCUMENTS``) are read as a whole: replacing most rows costs as much.
MAX_DELTA_SHARE = 0.2
MIN_DELTA_DOCUMENTS = 50


@dataclass(frozen=True)
class StoreVersion:
    """What a read of the store saw: enough to tell later what changed since."""

    marker: tuple
    #: The newest ``ingested_at`` among the documents (None when there are none).
    seen_at: dt.datetime | None
    doc_ids: frozenset[str]
    #: A fingerprint of ``merged_events`` (None without merged events).
    merged: tuple | None
    fixes: pd.DataFrame
    index: MergedIndex | None
    #: A fingerprint of the corrections table (``store.corrections_fingerprint``).
    fixes_print: tuple | None = None


@dataclass(frozen=True)
class StoreChanges:
    """The documents whose drawn rows are replaced, their rows now (``SHOWN_COLUMNS``
    included), and the version of the store they were read from."""

    doc_ids: list[str]
    shown: pd.DataFrame
    version: StoreVersion


@dataclass
class StoreSource:
    """An ``EventSource`` over a store file: corrected, merged events and document texts.

    It keeps no events itself (the dashboard's prepared table is the only copy in memory);
    ``events`` reads the store each time it is called and remembers the store's marker.
    """

    path: Path
    merge: Merge | None = None
    remarks: list[str] = field(default_factory=list)
    #: Served read-only (``--read-only``): nothing is written, not even the tables.
    read_only: bool = False
    _marker: tuple | None = field(default=None, repr=False)
    _version: StoreVersion | None = field(default=None, repr=False)

    @classmethod
    def open(
        cls, path: str | Path, merge: Merge | None = None, read_only: bool = False
    ) -> StoreSource:
        """A source over ``path`` (created empty when missing, unless ``read_only``),
        merging with ``merge``, or with ``timeline.corpus.merge`` when it is installed."""
        path = Path(path)
        with open_store(path, read_only=read_only, wait=LOCK_WAIT_SECONDS):
            pass
        merge = merge if merge is not None else default_merge()
        return cls(path=path, merge=merge, read_only=read_only)

    # -------------------------------------------------------------------- reading

    def events(self, wait: float = LOCK_WAIT_SECONDS) -> pd.DataFrame:
        """The events to draw, read from the store now (StoreBusy when it stays locked).

        Merged events come from the store's ``merged_events`` table when ingest made one
        (events stored since then are added as single sources); else they are merged here.
        """
        with file_lock(self.path):
            marker = store_marker(self.path)
            with open_store(self.path, read_only=True, wait=wait) as connection:
                fixes = _read_fixes(connection)
                index = merged_index(connection) if store.has_merged_table(connection) else None
                if index is not None:
                    shown = merged_from_store(connection, fixes, index)
                else:
                    events = drawn_frame(store.event_table(connection))
                    shown = None
                version = _version(connection, marker, fixes, index)
            close_idle_host()  # a whole store was read: give DuckDB's buffers back now
        if shown is None:
            shown = shown_events(events, fixes, self.merge)
        self._marker, self._version = marker, version
        return shown

    def changes(self, wait: float = LOCK_WAIT_SECONDS) -> StoreChanges | None:
        """What changed in the store since the events were last read, as the documents
        whose rows are to be replaced and their rows now; None when only reading
        everything again gives the right events (see ``StoreChanges``).

        Nothing is remembered until ``accept`` is called with the result, so a table that
        failed to take the changes is not taken for up to date.
        """
        before = self._version
        if before is None or (before.index is None and self.merge is not None):
            return None  # never read, or merged here across documents: no partial answer
        with file_lock(self.path):
            marker = store_marker(self.path)
            with open_store(self.path, read_only=True, wait=wait) as connection:
                merged = store.merged_fingerprint(connection)
                if merged != before.merged:
                    return None  # ingest wrote merged events anew
                recent, count, seen_at = store.documents_since(connection, before.seen_at)
                known = before.doc_ids | recent
                if count != len(known):
                    return None  # a document went away
                fixes_print = store.corrections_fingerprint(connection)
                if fixes_print == before.fixes_print:
                    fixes, fixed = before.fixes, set()
                else:
                    fixes = _read_fixes(connection)
                    fixed = changed_fixes(before.fixes, fixes)
                version = StoreVersion(
                    marker, seen_at, known, merged, fixes, before.index, fixes_print
                )
                doc_ids = set(recent)
                doc_ids |= _documents_of(connection, fixed, before)
                if len(doc_ids) > max(MIN_DELTA_DOCUMENTS, len(before.doc_ids) * MAX_DELTA_SHARE):
                    return None
                shown = self._shown_of(connection, sorted(doc_ids), fixes, before.index)
        return StoreChanges(doc_ids=sorted(doc_ids), shown=shown, version=version)

    def accept(self, changes: StoreChanges) -> None:
        """Remember that the events now reflect ``changes``."""
        self._marker, self._version = changes.version.marker, changes.version

    def _shown_of(
        self,
        connection: duckdb.DuckDBPyConnection,
        doc_ids: list[str],
        fixes: pd.DataFrame,
        index: MergedIndex | None,
    ) -> pd.DataFrame:
        """The drawn rows of some documents, as a full read would give them."""
        if not doc_ids:
            return shown_events(events_frame(), fixes, None)
        if index is not None:
            rows = store.merged_rows_of_documents(connection, doc_ids, index.covered)
            return merged_from_store(connection, fixes, index, rows=rows)
        events = drawn_frame(store.events_of_documents(connection, doc_ids))
        return shown_events(events, fixes, None)

    def changed(self) -> bool:
        """Whether any process wrote to the store since the events were last read."""
        return store_marker(self.path) != self._marker

    def document_text(self, doc_id: str) -> str | None:
        """The text of one stored document (None when absent or the store stays busy)."""
        try:
            with open_store(self.path, read_only=True, wait=READ_WAIT_SECONDS) as connection:
                return store.document_text(connection, doc_id)
        except StoreBusy:
            return None

    def sources(self, event_id: str) -> list[dict]:
        """The sources of a merged event stored by ingest (empty when it has none there)."""
        try:
            with open_store(self.path, read_only=True, wait=READ_WAIT_SECONDS) as connection:
                if not store.has_merged_table(connection):
                    return []
                return store.merged_sources(connection, event_id)
        except StoreBusy:
            return []

    def notes(self) -> list[str]:
        """Remarks gathered while loading."""
        return list(self.remarks)

    def event_types(self) -> list[str]:
        """Types a correction may choose: the lexicon's and the stored ones."""
        return corrections.known_event_types(self.path)

    # -------------------------------------------------------------------- writing

    def add_document(
        self,
        document: Document,
        events: pd.DataFrame,
        editor: str = "dashboard",
        wait: float = LOCK_WAIT_SECONDS,
    ) -> pd.DataFrame | None:
        """Store an article and its events in one transaction (replacing an older version),
        with a row of the audit trail naming ``editor``, then merge again, as ingest does,
        the stored events the article can change, when ingest left merged events: an
        article about a known happening joins it at once, not at the next ingest. Returns
        the merged events written (None when the store has none); waits up to ``wait``
        seconds for another writer."""
        row = StoredDocument(
            doc_id=document.id,
            source=document.source or "dashboard",
            content_hash=_content_hash(document),
            title=document.title,
            url=document.url,
            published=document.published,
            text=document.text,
        )
        frame = events_frame(events.loc[:, EVENT_COLUMNS].to_dict("records"))
        with open_store(self.path, wait=wait) as connection:
            merged_table = store.has_merged_table(connection)
            before = store.document_people(connection, row.doc_id) if merged_table else None
            write_document(connection, row, frame, editor=editor)
            if before is not None:
                # Only the events the article can change are merged again (its people's,
                # the names joined to them): the same rows as merging the whole store.
                return store.remerged_around(connection, row.doc_id, before)
        return None

    def save_correction(
        self,
        event_ids: Sequence[str],
        person: str | None = None,
        event_type: str | None = None,
        date: str | None = None,
        editor: str = "dashboard",
    ) -> int:
        """Correct events (see ``timeline.corpus.corrections.save_correction``); the audit
        trail names ``editor``."""
        types = self.event_types()
        return corrections.save_correction(
            self.path, event_ids, person, event_type, date, known_types=types, editor=editor
        )

    def hide_events(self, event_ids: Sequence[str], editor: str = "dashboard") -> int:
        """Hide events."""
        return corrections.hide_events(self.path, event_ids, editor=editor)

    def undo_corrections(self, event_ids: Sequence[str], editor: str = "dashboard") -> int:
        """Bring events back to their extracted values."""
        return corrections.undo_corrections(self.path, event_ids, editor=editor)

    def audit(self, event_ids: Sequence[str]) -> pd.DataFrame:
        """The audit trail's rows about some events, oldest first (none while the store
        stays busy)."""
        try:
            return corrections.load_audit(self.path, event_ids)
        except StoreBusy:
            return corrections.audit_rows_of_nothing()


def changed_fixes(before: pd.DataFrame, after: pd.DataFrame) -> set[str]:
    """The event ids whose correction was made, changed or undone between two reads."""
    old, new = _fix_rows(before), _fix_rows(after)
    return {key for key in old.keys() | new.keys() if old.get(key) != new.get(key)}


def _fix_rows(fixes: pd.DataFrame) -> dict[str, tuple]:
    rows = fixes.loc[:, corrections.CORRECTION_COLUMNS].itertuples(index=False, name=None)
    return {row[0]: tuple(None if pd.isna(v) else v for v in row[1:]) for row in rows}


def _read_fixes(connection: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return read_corrections(store.correction_rows(connection))


def _version(
    connection: duckdb.DuckDBPyConnection,
    marker: tuple,
    fixes: pd.DataFrame,
    index: MergedIndex | None,
) -> StoreVersion:
    """The version of the store an open connection sees, for a read of everything."""
    rows = store.document_stamps(connection)
    return StoreVersion(
        marker=marker,
        seen_at=max((row[1] for row in rows), default=None),
        doc_ids=frozenset(row[0] for row in rows),
        merged=store.merged_fingerprint(connection),
        fixes=fixes,
        index=index,
        fixes_print=store.corrections_fingerprint(connection),
    )


def _documents_of(
    connection: duckdb.DuckDBPyConnection, event_ids: set[str], before: StoreVersion
) -> set[str]:
    """The documents whose drawn rows a correction of these event ids touches: their own,
    and that of the merged event they belong to."""
    if not event_ids:
        return set()
    found = store.documents_of_events(connection, event_ids)
    if before.index is not None:
        home = before.index.home
        found |= {home[event_id] for event_id in event_ids if event_id in home}
    return found


def _content_hash(document: Document) -> str:
    payload = json.dumps([document.text, document.title, document.url, document.published])
    return hashlib.sha1(payload.encode("utf-8")).hexdigest()


def is_writable(source: object) -> bool:
    """Whether a source stores added articles and corrections (a store does, unless served
    read-only; memory does not)."""
    return isinstance(source, StoreSource) and not source.read_only
