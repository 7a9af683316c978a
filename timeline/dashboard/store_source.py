"""The dashboard's events read from a DuckDB store, shared by every process that serves it.

DuckDB lets one process write at a time and a writer locks readers out, so no connection is
held between requests: each read or write opens the file, works, and closes it, waiting
briefly when another process holds the lock. The dashboard holds the events in memory and
reads them again when the store's files change (``store_marker``, one ``stat`` per
request), so every process sees what the others wrote. A read that finds the store busy
raises StoreBusy; the dashboard then keeps serving what it has and tries again later.
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa

from timeline import corrections
from timeline.corrections import read_corrections
from timeline.dashboard.shown import Merge, corrected_merged, default_merge, shown_events
from timeline.documents import Document
from timeline.schema import EVENT_COLUMNS, events_frame
from timeline.store import (
    LOCK_WAIT_SECONDS,
    StoreBusy,
    StoredDocument,
    open_store,
    store_marker,
    write_document,
)

log = logging.getLogger(__name__)

#: How long a page request waits for a document's text while another process writes.
READ_WAIT_SECONDS = 2.0

_EVENT_SELECT = ", ".join(f'"{column}"' for column in EVENT_COLUMNS)


@dataclass
class StoreSource:
    """An ``EventSource`` over a store file: corrected, merged events and document texts.

    It keeps no events itself (the dashboard's prepared table is the only copy in memory);
    ``events`` reads the store each time it is called and remembers the store's marker.
    """

    path: Path
    merge: Merge | None = None
    remarks: list[str] = field(default_factory=list)
    _marker: tuple | None = field(default=None, repr=False)

    @classmethod
    def open(cls, path: str | Path, merge: Merge | None = None) -> StoreSource:
        """A source over ``path`` (created empty when missing), merging with ``merge``, or
        with ``timeline.merge`` when it is installed."""
        path = Path(path)
        with file_lock(path), open_store(path, wait=LOCK_WAIT_SECONDS):
            pass
        return cls(path=path, merge=merge if merge is not None else default_merge())

    # -------------------------------------------------------------------- reading

    def events(self, wait: float = LOCK_WAIT_SECONDS) -> pd.DataFrame:
        """The events to draw, read from the store now (StoreBusy when it stays locked).

        Merged events come from the store's ``merged_events`` table when ingest made one
        (events stored since then are added as single sources); else they are merged here.
        """
        with file_lock(self.path):
            marker = store_marker(self.path)
            with open_store(self.path, read_only=True, wait=wait) as connection:
                fixes = read_corrections(
                    connection.sql(
                        f"SELECT {', '.join(corrections.CORRECTION_COLUMNS)} FROM corrections"
                    ).df()
                )
                if has_merged_table(connection):
                    shown = merged_from_store(connection, fixes)
                else:
                    events = _arrow_frame(connection, f"SELECT {_EVENT_SELECT} FROM events")
                    shown = None
        if shown is None:
            shown = shown_events(events, fixes, self.merge)
        self._marker = marker
        return shown

    def changed(self) -> bool:
        """Whether any process wrote to the store since the events were last read."""
        return store_marker(self.path) != self._marker

    def document_text(self, doc_id: str) -> str | None:
        """The text of one stored document (None when absent or the store stays busy)."""
        try:
            with (
                file_lock(self.path),
                open_store(self.path, read_only=True, wait=READ_WAIT_SECONDS) as connection,
            ):
                row = connection.execute(
                    "SELECT text FROM documents WHERE doc_id = ?", [doc_id]
                ).fetchone()
        except StoreBusy:
            return None
        return row[0] if row else None

    def sources(self, event_id: str) -> list[dict]:
        """The sources of a merged event stored by ingest (empty when it has none there)."""
        try:
            with (
                file_lock(self.path),
                open_store(self.path, read_only=True, wait=READ_WAIT_SECONDS) as connection,
            ):
                if not has_merged_table(connection):
                    return []
                row = connection.execute(
                    "SELECT sources FROM merged_events WHERE event_id = ?", [event_id]
                ).fetchall()
        except StoreBusy:
            return []
        return json.loads(row[0][0] or "[]") if row else []

    def notes(self) -> list[str]:
        """Remarks gathered while loading."""
        return list(self.remarks)

    def event_types(self) -> list[str]:
        """Types a correction may choose: the lexicon's and the stored ones."""
        with file_lock(self.path):
            return corrections.known_event_types(self.path)

    # -------------------------------------------------------------------- writing

    def add_document(self, document: Document, events: pd.DataFrame) -> None:
        """Store an article and its events in one transaction (replacing an older version)."""
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
        with file_lock(self.path), open_store(self.path, wait=LOCK_WAIT_SECONDS) as connection:
            write_document(connection, row, frame)

    def save_correction(
        self,
        event_ids: Sequence[str],
        person: str | None = None,
        event_type: str | None = None,
        date: str | None = None,
    ) -> int:
        """Correct events (see ``timeline.corrections.save_correction``)."""
        types = self.event_types()
        with file_lock(self.path):
            return corrections.save_correction(
                self.path, event_ids, person, event_type, date, known_types=types
            )

    def hide_events(self, event_ids: Sequence[str]) -> int:
        """Hide events."""
        with file_lock(self.path):
            return corrections.hide_events(self.path, event_ids)

    def undo_corrections(self, event_ids: Sequence[str]) -> int:
        """Bring events back to their extracted values."""
        with file_lock(self.path):
            return corrections.undo_corrections(self.path, event_ids)


#: The order the dashboard draws in (ISO dates sort as text), applied while the rows are
#: still one Arrow table, so no sorted copy of a pandas frame is ever needed.
DRAW_ORDER = [("date_start", "ascending"), ("doc_id", "ascending"), ("start", "ascending")]


def _arrow_frame(connection: duckdb.DuckDBPyConnection, query: str) -> pd.DataFrame:
    """A query's rows in drawing order as a DataFrame through Arrow: text stays in Arrow
    buffers, several times smaller and faster than one Python object per cell."""
    table = connection.sql(query).to_arrow_table()
    table = table.sort_by(DRAW_ORDER).combine_chunks()
    return table.to_pandas()


def has_merged_table(connection: duckdb.DuckDBPyConnection) -> bool:
    """Whether ingest left a non-empty ``merged_events`` table in the store."""
    found = connection.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'merged_events'"
    ).fetchall()[0][0]
    if not found:
        return False
    return bool(connection.execute("SELECT count(*) FROM merged_events LIMIT 1").fetchall()[0][0])


def merged_from_store(connection: duckdb.DuckDBPyConnection, fixes: pd.DataFrame) -> pd.DataFrame:
    """The merged events ingest stored, plus the stored events they do not cover, corrected.

    Lists (``event_ids``, ``sources``, ``conflict_dates``; JSON text in the store) are decoded
    only for events with several sources. A merged event whose representative is gone (its
    document was replaced since) is left out; its new events come back as single sources.
    One query gives both kinds of rows, so the events are never copied to be joined.
    """
    multi = connection.execute(
        "SELECT event_id, event_ids, conflict_dates FROM merged_events "
        "WHERE source_count > 1 OR conflict"
    ).fetchall()
    # Member ids stay JSON text until needed (``member_ids`` decodes them); the sources
    # themselves are read when an event is opened (``StoreSource.sources``).
    members = {row[0]: (row[1], json.loads(row[2] or "[]") or None) for row in multi}
    covered_ids = {m for row in multi for m in json.loads(row[1] or "[]")}
    covered = pa.table({"event_id": pa.array(sorted(covered_ids), pa.string())})
    connection.register("covered_events", covered)
    merged_columns = ", ".join(f'm."{c}"' for c in EVENT_COLUMNS)
    frame = _arrow_frame(
        connection,
        f"SELECT {merged_columns}, m.source_count, m.conflict FROM merged_events m "
        "SEMI JOIN events e ON e.event_id = m.event_id "
        f"UNION ALL SELECT {_EVENT_SELECT}, 1 AS source_count, FALSE AS conflict FROM events "
        "WHERE event_id NOT IN (SELECT event_id FROM merged_events) "
        "AND event_id NOT IN (SELECT event_id FROM covered_events)",
    )
    connection.unregister("covered_events")
    count = len(frame)
    event_ids = np.full(count, None, dtype=object)
    conflict_dates = np.full(count, None, dtype=object)
    if members:
        rows = np.flatnonzero(frame["event_id"].isin(list(members)).to_numpy(dtype=bool))
        for row, event_id in zip(rows.tolist(), frame["event_id"].take(rows).tolist(), strict=True):
            event_ids[row], conflict_dates[row] = members[event_id]
    frame = frame.assign(
        event_ids=event_ids,
        sources=np.full(count, None, dtype=object),
        conflict_dates=conflict_dates,
    )
    return corrected_merged(frame, fixes)


def _content_hash(document: Document) -> str:
    payload = json.dumps([document.text, document.title, document.url, document.published])
    return hashlib.sha1(payload.encode("utf-8")).hexdigest()


def is_writable(source: object) -> bool:
    """Whether a source stores added articles and corrections (a store does; memory not)."""
    return isinstance(source, StoreSource)


#: One lock per store file in this process: DuckDB refuses a read-only and a writable
#: connection to the same file side by side in one process.
_FILE_LOCKS: dict[str, threading.RLock] = {}
_FILE_LOCKS_GUARD = threading.Lock()


def file_lock(path: Path) -> threading.RLock:
    """The lock that serialises this process's connections to one store file."""
    key = str(Path(path).resolve())
    with _FILE_LOCKS_GUARD:
        return _FILE_LOCKS.setdefault(key, threading.RLock())
