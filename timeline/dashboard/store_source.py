"""The dashboard's events read from a DuckDB store, shared by every process that serves it.

DuckDB lets one process write at a time and a writer locks readers out, so no connection is
held between requests: each read or write opens the file, works, and closes it, waiting
briefly when another process holds the lock. The events are held in memory and reloaded
when the store's files change (``store_marker``, one ``stat`` per request), so every
process sees what the others wrote. A reload that finds the store busy keeps serving what
it has and tries again on the next request.
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from timeline import corrections
from timeline.corrections import read_corrections
from timeline.dashboard.shown import Merge, default_merge, shown_events
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
    """An ``EventSource`` over a store file: corrected, merged events and document texts."""

    path: Path
    merge: Merge | None = None
    remarks: list[str] = field(default_factory=list)
    _frame: pd.DataFrame | None = field(default=None, repr=False)
    _marker: tuple | None = field(default=None, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @classmethod
    def open(cls, path: str | Path, merge: Merge | None = None) -> StoreSource:
        """A source over ``path`` (created empty when missing), merging with ``merge``, or
        with ``timeline.merge`` when it is installed."""
        path = Path(path)
        with file_lock(path), open_store(path, wait=LOCK_WAIT_SECONDS):
            pass
        return cls(path=path, merge=merge if merge is not None else default_merge())

    # -------------------------------------------------------------------- reading

    def events(self) -> pd.DataFrame:
        """The events to draw (read from the store on first use, then after each change)."""
        if self._frame is None:
            self.reload(wait=LOCK_WAIT_SECONDS)
        return self._frame if self._frame is not None else shown_events(events_frame())

    def changed(self) -> bool:
        """Whether any process wrote to the store since the events were last read."""
        return store_marker(self.path) != self._marker

    def reload(self, wait: float = READ_WAIT_SECONDS) -> bool:
        """Read events and corrections again; False (old events kept) when the store is busy."""
        with self._lock, file_lock(self.path):
            marker = store_marker(self.path)
            try:
                with open_store(self.path, read_only=True, wait=wait) as connection:
                    events = connection.execute(
                        f'SELECT {_EVENT_SELECT} FROM events ORDER BY date_start, doc_id, "start"'
                    ).df()
                    fixes = connection.execute(
                        f"SELECT {', '.join(corrections.CORRECTION_COLUMNS)} FROM corrections"
                    ).df()
            except StoreBusy:
                log.info("store busy; serving the events read before")
                return False
            self._frame = shown_events(
                events_frame_fast(events), read_corrections(fixes), self.merge
            )
            self._marker = marker
            return True

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


def events_frame_fast(frame: pd.DataFrame) -> pd.DataFrame:
    """A store query's result with the event table's dtypes (the store enforces NOT NULL,
    so no per-row pass is needed)."""
    frame = frame.loc[:, EVENT_COLUMNS]
    return frame.astype({"start": "int64", "end": "int64", "confidence": "float64"})


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
