"""The work of each callback, as plain functions of plain values.

``callbacks.py`` only wires these to components; tests call them directly. The per-app data
(``DashboardData``) is read-only after start-up; everything a user changes travels in the
page's ``dcc.Store`` components and comes back as arguments.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field

from dash import Patch, html, no_update

from timeline.corpus.corrections import CorrectionError, lexicon_types
from timeline.corpus.store import StoreBusy
from timeline.dashboard.detail import detail_children
from timeline.dashboard.figures import OTHER_COLOUR
from timeline.dashboard.filters import (
    Filters,
    controls_from_filters,
    filters_from_controls,
    filters_from_query,
    filters_to_query,
    matching_positions,
)
from timeline.dashboard.ingest import Extract, decode_upload, extract_article, read_article
from timeline.dashboard.labels import NO_PERSON
from timeline.dashboard.layout import DataSummary, type_options, type_swatches, year_marks
from timeline.dashboard.shown import member_ids
from timeline.dashboard.source import EventSource
from timeline.dashboard.store_source import READ_WAIT_SECONDS, is_writable
from timeline.dashboard.table import EventTable
from timeline.dashboard.views import View, build_view
from timeline.output.export import FORMATS, export_events
from timeline.text.documents import DocumentError

log = logging.getLogger(__name__)

HIDDEN_NOTE = "This event is hidden from the timeline and the downloads. Undo brings it back."

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
    _combined: OrderedDict = field(default_factory=OrderedDict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _reloading: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _worker: threading.Thread | None = field(default=None, repr=False)
    _load_seconds: float = 0.0
    _update_seconds: float = 0.0
    #: When the last update or reload began (``time.monotonic``).
    _applied_at: float = float("-inf")

    @classmethod
    def load(cls, source: EventSource, extract: Extract) -> DashboardData:
        """Prepare a source's events once, at start-up."""
        began = time.monotonic()
        base = EventTable.from_events(source.events())
        data = cls(source, base, DataSummary.of(base, source.notes()), extract)
        data._load_seconds = time.monotonic() - began
        return data

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
        swapped = False
        while changed() or (wait and self._worker is not None and self._worker.is_alive()):
            if self._reloading.acquire(blocking=False):
                if wait or self._update_seconds <= QUICK_UPDATE_SECONDS:
                    updated = self._update()
                    if updated is not None:
                        self._reloading.release()
                        swapped = updated or swapped
                    elif self._load_seconds <= QUICK_RELOAD_SECONDS:
                        swapped = self._reload() or swapped
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
            elif changed():
                time.sleep(0.05)  # another request is reading, or the store is busy
        return swapped

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

    def _update(self) -> bool | None:
        """Apply what changed in the source to the table (the caller holds the lock): True
        when the tables were swapped, False when there was nothing to apply or the store is
        busy, None when only reading everything again will do."""
        read_changes = getattr(self.source, "changes", None)
        if read_changes is None:
            return None
        began = self._applied_at = time.monotonic()
        try:
            changes = read_changes(wait=READ_WAIT_SECONDS)
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
            self.source.accept(changes)  # type: ignore[attr-defined]
            self._update_seconds = time.monotonic() - began
            return True
        except StoreBusy:
            return False  # another process is writing: serve what was read before
        except Exception:  # whatever went wrong, reading everything again puts it right
            log.exception("applying the store's changes failed; reading it all again")
            return None

    def _reload(self) -> bool:
        """Read and prepare the source, then swap the tables (the caller holds the lock)."""
        try:
            began = self._applied_at = time.monotonic()
            try:
                events = self.source.events(wait=READ_WAIT_SECONDS)  # type: ignore[call-arg]
            except StoreBusy:
                return False  # another process is writing: serve what was read before
            base = EventTable.from_events(events)
            summary = DataSummary.of(base, self.source.notes())
            with self._lock:
                self.base, self.summary = base, summary
                self._combined.clear()
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
        table = base.combine(added)
        entry = (table, DataSummary.of(table))
        with self._lock:
            self._combined[key] = entry
            while len(self._combined) > TABLE_CACHE_SIZE:
                self._combined.popitem(last=False)
        return entry

    def text(self, doc_id: str, added_texts: dict | None) -> str | None:
        """A document's text, from the source or from the articles this user added."""
        return self.source.document_text(doc_id) or (added_texts or {}).get(doc_id)


# ---------------------------------------------------------------------------- filters and URL


def sync_controls(
    trigger: str | None,
    search: str | None,
    controls: tuple,
    all_types: list[str],
    bounds: tuple[int, int],
    url_id: str,
    reset_ids: tuple[str, ...],
) -> tuple:
    """Keep the URL and the filter controls in step, whichever of them changed.

    ``controls`` holds the person, type, date and text values. Returns the new URL query and
    the four control values, ``no_update`` where nothing changes.
    """
    if trigger in reset_ids:
        wanted = controls_from_filters(Filters(), all_types, bounds)
        return ("", *_changed(controls, wanted))
    if trigger is None or trigger == url_id:
        filters = filters_from_query(search, bounds)
        wanted = controls_from_filters(filters, all_types, bounds)
        return (no_update, *_changed(controls, wanted))
    filters = filters_from_controls(*controls, all_types, bounds)
    query = filters_to_query(filters)
    return (query if query != (search or "") else no_update, *([no_update] * 4))


def _changed(current: tuple, wanted: tuple) -> list:
    result = []
    for now, new in zip(current, wanted, strict=True):
        same = (sorted(now) == sorted(new)) if isinstance(new, list) and now else now == new
        result.append(no_update if same else new)
    return result


def refresh_controls(
    summary: DataSummary,
    types_value: list[str] | None,
    old_types: list[str],
    months: list[int] | None,
    old_bounds: tuple[int, int],
) -> dict:
    """New options and bounds for the controls after articles were added.

    A control that showed everything still shows everything, new types and dates included;
    a narrowed one keeps its choice.
    """
    chosen = list(types_value or [])
    if set(old_types) <= set(chosen):
        chosen = list(summary.types)
    low, high = summary.bounds
    if not months or list(months) == list(old_bounds):
        new_months = [low, high]
    else:
        new_months = [max(low, min(months)), min(high, max(months))]
    return {
        "people": summary.people,
        "type_options": type_options(summary.types),
        "swatches": type_swatches(summary.types, summary.colours),
        "types": chosen,
        "min": low,
        "max": high,
        "marks": year_marks(low, high),
        "months": new_months,
    }


# ---------------------------------------------------------------------------- the view


def lane_page(trigger: str | None, page: int | None, previous_id: str, next_id: str) -> int:
    """The page of lanes to draw: paging buttons move it, any other change starts over."""
    page = int(page or 0)
    if trigger == previous_id:
        return max(0, page - 1)
    if trigger == next_id:
        return page + 1
    return 0


def view_for(
    data: DashboardData, added: list[dict] | None, controls: tuple, page: int, fresh: bool = False
) -> View:
    """The view for the current controls and this user's added articles (``fresh``: with
    every change in the store so far, as after this session wrote to it)."""
    table, summary, filters = _filtered(data, added, controls, fresh)
    return build_view(table, filters, summary.colours, page)


def _filtered(
    data: DashboardData, added: list[dict] | None, controls: tuple, fresh: bool = False
) -> tuple[EventTable, DataSummary, Filters]:
    """The table, its summary and the filter state that the controls show."""
    table, summary = data.table_and_summary(added, fresh)
    return table, summary, filters_from_controls(*controls, summary.types, summary.bounds)


# ---------------------------------------------------------------------------- detail panel


def clicked_event_id(
    click_data: dict | None, cell: dict | None, trigger: str | None, table_id: str
) -> str:
    """The event id a click on the figure (``customdata[0]``) or on a table row points at."""
    if trigger == table_id and cell:
        return str(cell.get("rowId") or "")
    points = (click_data or {}).get("points") or []
    for point in points:
        custom = point.get("customdata")
        if isinstance(custom, list) and custom:
            return str(custom[0])
    return ""


def detail_for(
    data: DashboardData, event_id: str, added: list[dict] | None, added_texts: dict | None
) -> tuple[list, dict | None]:
    """The detail panel's contents for an event, and the event (None when not found)."""
    if not event_id:
        return detail_children(None, None), None
    table, _ = data.table_and_summary(added)
    event = table.find(event_id)
    if event is None:
        return detail_children(None, None), None
    return detail_of(data, event, added, added_texts)


def detail_of(
    data: DashboardData,
    event: dict | None,
    added: list[dict] | None = None,
    added_texts: dict | None = None,
) -> tuple[list, dict | None]:
    """The detail panel for an event found already; a hidden (None) event says so."""
    if event is None:
        return [html.P(HIDDEN_NOTE, className="detail-placeholder")], None
    event = with_sources(data, event)
    colours = data.table_and_summary(added)[1].colours
    colour = colours.get(event["event_type"], OTHER_COLOUR)
    text = data.text(str(event["doc_id"]), added_texts)
    return detail_children(event, text, colour), event


def with_sources(data: DashboardData, event: dict) -> dict:
    """The event with its sources and member ids as lists (read from the store when the
    table keeps them there, as for a big store's merged events)."""
    event = dict(event, event_ids=member_ids(event))
    if int(event.get("source_count") or 1) > 1 and not event.get("sources"):
        reader = getattr(data.source, "sources", None)
        event["sources"] = reader(str(event["event_id"])) if reader else None
    return event


def selection_patch(click_data: dict | None, trigger: str | None, graph_id: str) -> Patch | None:
    """A figure patch that rings the clicked marker (None when the click was not on it)."""
    if trigger != graph_id:
        return None
    points = (click_data or {}).get("points") or []
    if not points or "x" not in points[0] or "y" not in points[0]:
        return None
    patch = Patch()
    patch["data"][0]["x"] = [points[0]["x"]]
    patch["data"][0]["y"] = [points[0]["y"]]
    return patch


def only_person(event: dict | None) -> list[str]:
    """The person filter that shows only the person of an event."""
    if not event:
        return []
    return [event.get("person") or NO_PERSON]


# ---------------------------------------------------------------------------- adding articles


@dataclass
class AddResult:
    """What the form shows after "Add", and the user's stores when it worked."""

    message: str
    ok: bool
    added: list[dict] | None = None
    #: Adds the article's text to the texts store without sending the store to the server.
    texts: Patch | None = None
    #: True when the article went into the shared store (every session sees it).
    stored: bool = False


def add_article(
    data: DashboardData,
    text: str | None,
    published: str | None,
    title: str | None,
    url: str | None,
    added: list[dict] | None,
) -> AddResult:
    """Extract an article's events and add them to this user's stores."""
    try:
        document = read_article(text, published, title or "", url or "")
        frame = extract_article(document, data.extract)
    except DocumentError as error:
        return AddResult(message=_one_line(str(error)), ok=False)
    message = _added_message(document.title, frame)
    if data.writable:
        try:
            data.source.add_document(document, frame)  # type: ignore[attr-defined]
        except DocumentError as error:
            return AddResult(message=_one_line(str(error)), ok=False)
        # The page redraws after a store write with ``fresh`` requests (``DATA_VERSION``),
        # which bring whichever worker serves them up to date; no table is rebuilt here.
        return AddResult(message=message, ok=True, stored=True)
    records = [r for r in (added or []) if r.get("doc_id") != document.id]
    new = frame.astype({"start": "int64", "end": "int64", "confidence": "float64"})
    records += new.to_dict("records")
    texts = Patch()
    texts[document.id] = document.text
    return AddResult(message=message, ok=True, added=records, texts=texts)


def _added_message(title: str, frame) -> str:
    people = sorted({p for p in frame["person"] if p})
    who = f" about {len(people)} {'person' if len(people) == 1 else 'people'}" if people else ""
    name = f"“{title}”" if title else "the article"
    return f"Added {len(frame)} {'event' if len(frame) == 1 else 'events'}{who} from {name}."


def read_upload(contents: str | None, filename: str | None) -> tuple[str, str, bool]:
    """The text of an uploaded file for the paste box, a message, and whether it worked."""
    try:
        text = decode_upload(contents, filename)
    except DocumentError as error:
        return "", _one_line(str(error)), False
    size = len(text.encode("utf-8"))
    shown = f"{size / 1000:.0f} KB" if size >= 1000 else f"{size} bytes"
    message = f"Loaded {filename or 'the file'} ({shown}). Check the date, then add it."
    return text, message, True


def _one_line(message: str) -> str:
    return message.splitlines()[0] if message else "the article could not be read"


# ---------------------------------------------------------------------------- corrections

#: The correction buttons' actions.
SAVE, HIDE, UNDO = "save", "hide", "undo"
FIELD_NAMES = ("person", "event_type", "date")


@dataclass
class CorrectionResult:
    """What the panel shows after Save, Hide or Undo."""

    message: str
    ok: bool
    #: The event as it now stands (None when hidden or gone).
    event: dict | None = None


def correction_form(event: dict | None) -> tuple[str, str, str]:
    """The correction inputs' values for an event: person, type, date."""
    if not event:
        return "", "", ""
    return (
        str(event.get("person") or ""),
        str(event.get("event_type") or ""),
        str(event.get("date") or ""),
    )


def correct_event(
    data: DashboardData,
    action: str,
    event: dict | None,
    person: str | None = None,
    event_type: str | None = None,
    date: str | None = None,
) -> CorrectionResult:
    """Save, hide or undo a correction of the selected event and all its sources.

    Only the fields that differ from what the panel shows are saved. Bad values come back
    as a one-line message, and nothing is stored.
    """
    if not data.writable:
        return CorrectionResult(
            "Corrections are kept in a store: run python app.py --store FILE.", ok=False
        )
    if not event:
        return CorrectionResult("Choose an event first.", ok=False)
    members = member_ids(event)
    source = data.source
    try:
        if action == SAVE:
            current = correction_form(event)
            wanted = [_cleaned(person), _cleaned(event_type), _cleaned(date)]
            changes = {
                name: value
                for name, value, shown in zip(FIELD_NAMES, wanted, current, strict=True)
                if value is not None and value != shown
            }
            if "event_type" in changes and not changes["event_type"]:
                changes.pop("event_type")
            if not changes:
                return CorrectionResult("Nothing changed.", ok=False, event=event)
            source.save_correction(members, **changes)  # type: ignore[attr-defined]
            message = "Saved. The event is marked as edited."
        elif action == HIDE:
            source.hide_events(members)  # type: ignore[attr-defined]
            message = "Hidden from the timeline and the downloads. Undo brings it back."
        elif action == UNDO:
            if not source.undo_corrections(members):  # type: ignore[attr-defined]
                return CorrectionResult("This event has no correction to undo.", False, event)
            message = "Back to the extracted values."
        else:
            return CorrectionResult("Unknown action.", ok=False, event=event)
    except (CorrectionError, DocumentError) as error:
        return CorrectionResult(_one_line(str(error)), ok=False, event=event)
    data.refresh(wait=True)
    table, _ = data.table_and_summary(None)
    return CorrectionResult(message, ok=True, event=table.find_any(members))


def _cleaned(value: str | None) -> str | None:
    return None if value is None else " ".join(str(value).split())


def correction_types(data: DashboardData, shown: list[str]) -> list[dict]:
    """Options of the type dropdown: the lexicon's types and every type on the timeline
    (no store read, so a page load never waits for a writer)."""
    return type_options(sorted(set(shown) | set(lexicon_types())))


# ---------------------------------------------------------------------------- export


def export_view(
    data: DashboardData,
    added: list[dict] | None,
    controls: tuple,
    fmt: str,
    today: dt.date | None = None,
) -> dict:
    """A ``dcc.Download`` payload with every event in view in one of ``FORMATS``."""
    table, _, filters = _filtered(data, added, controls)
    events = table.rows(matching_positions(table, filters))
    suffix, mime = FORMATS[fmt]
    stamp = (today or dt.date.today()).isoformat()
    return {
        "content": export_events(events, fmt),
        "filename": f"timeline-{stamp}{suffix}",
        "type": mime,
        "base64": False,
    }


__all__ = [
    "AddResult",
    "CorrectionResult",
    "DashboardData",
    "add_article",
    "clicked_event_id",
    "correct_event",
    "correction_form",
    "correction_types",
    "detail_for",
    "detail_of",
    "export_view",
    "lane_page",
    "only_person",
    "read_upload",
    "refresh_controls",
    "selection_patch",
    "sync_controls",
    "view_for",
]
