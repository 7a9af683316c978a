"""The data one app serves, kept ready between requests: the source, its prepared table and
summary, and a cache of tables combined with what users added.

A store-backed source can change under the app (another process or session wrote to it):
``DashboardData.refresh`` applies the change, in the request or in a background thread, so
no reader waits for a rebuild. The handlers read from it; nothing else holds state.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field

from timeline.corpus.store import StoreBusy
from timeline.dashboard.ingest import Extract
from timeline.dashboard.shown import Merge, default_merge
from timeline.dashboard.source import EventSource
from timeline.dashboard.store_source import READ_WAIT_SECONDS, is_writable
from timeline.dashboard.summary import DataSummary
from timeline.dashboard.table import EventTable

log = logging.getLogger(__name__)

#: A reload that took longer than this last time runs in the background.
QUICK_RELOAD_SECONDS = 1.0
#: An update with a store's changes that took longer than this last time runs in the
#: background (unless the writer waits for it).
QUICK_UPDATE_SECONDS = 0.05
#: How long a request that wrote to the store waits to show its own change.
WRITER_WAIT_SECONDS = 20.0
#: Other processes' changes are applied at most this often: under many writers every
#: process would otherwise rebuild its table once per write. The session that wrote sees
#: its change at once (``refresh(wait=True)``); others within this many seconds.
UPDATE_INTERVAL_SECONDS = 5.0

#: Combined tables (source plus a user's added articles) kept ready, most recent first.
TABLE_CACHE_SIZE = 8


@dataclass
class DashboardData:
    """What one app serves: the source, its prepared table and summary, and the extractor.

    A store-backed source can change under the app (another process or session wrote to it):
    ``refresh`` rebuilds the table when it did. Table and summary are swapped together, so a
    request sees either the old pair or the new one. What a user added in memory comes in
    with each request from their browser; the cache only saves recomputing it.
    """

    source: EventSource
    base: EventTable
    summary: DataSummary
    extract: Extract
    #: How articles added in the browser are merged with the events shown (as ingest does).
    merge: Merge | None = None
    _combined: OrderedDict = field(default_factory=OrderedDict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _reloading: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _worker: threading.Thread | None = field(default=None, repr=False)
    _load_seconds: float = 0.0
    _update_seconds: float = 0.0
    #: When the last update or reload began (``time.monotonic``).
    _applied_at: float = float("-inf")
    #: Reads of the source begun so far, and the number of the one now served.
    _reads_begun: int = 0
    _read_served: int = 0

    @classmethod
    def load(cls, source: EventSource, extract: Extract) -> DashboardData:
        """Prepare a source's events once, at start-up."""
        began = time.monotonic()
        base = EventTable.from_events(source.events())
        summary = DataSummary.of(base, source.notes())
        data = cls(source, base, summary, extract, merge=default_merge())
        data._load_seconds = time.monotonic() - began
        return data

    def reset_after_fork(self) -> None:
        """In a forked child (an article's job, see ``jobs.py``): locks of its own, since
        one held by another thread at the fork would never be released here, and no reload
        thread (it stayed in the parent)."""
        self._lock = threading.Lock()
        self._reloading = threading.Lock()
        self._worker = None

    @property
    def writable(self) -> bool:
        """Whether added articles and corrections go to a shared store."""
        return is_writable(self.source)

    def refresh(self, wait: bool = False) -> bool:
        """Read the source again if a writer changed it; True when this call swapped tables.

        What changed is read and applied (``_update``): the rows of the documents written
        or corrected since, not the whole table. When only a full read will do (ingest
        rewrote the merged events, or a store merged on the fly), everything is read
        (``_reload``). Either runs in the request that noticed the change while it is
        quick, else in a background thread while every request goes on with the old
        table, so no reader stalls for it; ``wait`` (right after this session wrote)
        applies the change now, or waits for the thread up to ``WRITER_WAIT_SECONDS``, to
        show the writer their own change. Without ``wait``, changes are applied at most
        every ``UPDATE_INTERVAL_SECONDS``.
        """
        changed = getattr(self.source, "changed", None)
        if changed is None:
            return False
        if not wait and time.monotonic() - self._applied_at < UPDATE_INTERVAL_SECONDS:
            return False
        deadline = time.monotonic() + WRITER_WAIT_SECONDS
        entered = self._reads_begun
        swapped = False
        while changed() or (wait and self._reading()):
            if wait and self._read_served > entered:
                # A read begun after the writer's change was stored is served: the writer
                # sees their change, whatever other writers have stored since.
                break
            if self._reloading.acquire(blocking=False):
                # In a reader's request the store is tried once: a writer holding it must
                # not hold up the filter (the next request tries again); the writer's own
                # session waits for it.
                patience = READ_WAIT_SECONDS if wait else 0.0
                if wait or self._update_seconds <= QUICK_UPDATE_SECONDS:
                    updated = self._update(patience)
                    if updated is not None:
                        self._reloading.release()
                        swapped = updated or swapped
                    elif self._load_seconds <= QUICK_RELOAD_SECONDS:
                        swapped = self._reload(patience) or swapped
                    else:
                        self._in_background(self._reload)
                else:
                    self._in_background(self._update_or_reload)
            left = deadline - time.monotonic()
            if not wait or left <= 0:
                break
            worker = self._worker
            if worker is not None and worker.is_alive():
                worker.join(timeout=left)
            else:
                time.sleep(0.05)  # another request is reading, or the store is busy
        return swapped

    def _reading(self) -> bool:
        """Whether a read of the source is under way and its tables not yet swapped in.
        The source forgets its change as soon as it is read (``changed`` turns False),
        before the table is built from it: a writer's request waits for this too."""
        worker = self._worker
        return self._reloading.locked() or (worker is not None and worker.is_alive())

    def _in_background(self, work) -> None:
        self._worker = threading.Thread(target=work, name="store-reload", daemon=True)
        self._worker.start()

    def _update_or_reload(self) -> None:
        """Apply the changes, or read everything when that is the only way (caller holds
        the lock; it is released when done)."""
        if self._update() is None:
            self._reload()
        else:
            self._reloading.release()

    def _update(self, patience: float = READ_WAIT_SECONDS) -> bool | None:
        """Apply what changed in the source to the table (the caller holds the lock): True
        when the tables were swapped, False when there was nothing to apply or the store is
        busy (after ``patience`` seconds of trying), None when only reading everything again
        will do."""
        read_changes = getattr(self.source, "changes", None)
        if read_changes is None:
            return None
        began = self._applied_at = time.monotonic()
        self._reads_begun += 1
        number = self._reads_begun
        try:
            changes = read_changes(wait=patience)
            if changes is None:
                return None
            if not changes.doc_ids:
                self.source.accept(changes)  # type: ignore[attr-defined]
                return False
            with self._lock:
                base = self.base
            base = base.replace_documents(changes.doc_ids, changes.shown)
            if base is None:
                return None
            summary = DataSummary.of(base, self.source.notes())
            with self._lock:
                self.base, self.summary = base, summary
                self._combined.clear()
                self._read_served = number
            self.source.accept(changes)  # type: ignore[attr-defined]
            self._update_seconds = time.monotonic() - began
            return True
        except StoreBusy:
            return False  # another process is writing: serve what was read before
        except Exception:  # whatever went wrong, reading everything again puts it right
            log.exception("applying the store's changes failed; reading it all again")
            return None

    def _reload(self, patience: float = READ_WAIT_SECONDS) -> bool:
        """Read and prepare the source, then swap the tables (the caller holds the lock;
        ``patience``: seconds to wait for a writer)."""
        try:
            began = self._applied_at = time.monotonic()
            self._reads_begun += 1
            number = self._reads_begun
            try:
                events = self.source.events(wait=patience)  # type: ignore[call-arg]
            except StoreBusy:
                return False  # another process is writing: serve what was read before
            base = EventTable.from_events(events)
            summary = DataSummary.of(base, self.source.notes())
            with self._lock:
                self.base, self.summary = base, summary
                self._combined.clear()
                self._read_served = number
            self._load_seconds = time.monotonic() - began
            return True
        except Exception:  # a failed reload must leave the old table serving, and say why
            log.exception("reading the store again failed")
            return False
        finally:
            self._reloading.release()

    def table_and_summary(
        self, added: list[dict] | None, fresh: bool = False
    ) -> tuple[EventTable, DataSummary]:
        """The combined table and its summary, from the cache when this set was seen lately;
        ``fresh`` (this session just wrote to the store) shows every change made so far."""
        self.refresh(wait=fresh)
        with self._lock:
            base, summary = self.base, self.summary
        if not added:
            return base, summary
        key = tuple(sorted(str(record.get("event_id")) for record in added))
        with self._lock:
            if key in self._combined:
                self._combined.move_to_end(key)
                return self._combined[key]
        table = base.combine(added, self.merge)
        entry = (table, DataSummary.of(table))
        with self._lock:
            self._combined[key] = entry
            while len(self._combined) > TABLE_CACHE_SIZE:
                self._combined.popitem(last=False)
        return entry

    def text(self, doc_id: str, added_texts: dict | None) -> str | None:
        """A document's text, from the source or from the articles this user added."""
        return self.source.document_text(doc_id) or (added_texts or {}).get(doc_id)
