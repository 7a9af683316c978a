"""The work of the callbacks that change what is shown: adding an article, and saving, hiding
or undoing a correction. Plain functions of plain values, like ``handlers.py``.

With a store, what they write goes to the store (every session sees it); without one, an
added article lives in this user's ``dcc.Store`` components and comes back with each request.
"""

from __future__ import annotations

from dataclasses import dataclass

from dash import Patch

from timeline.corpus.corrections import CorrectionError, lexicon_types
from timeline.dashboard.controls import type_options
from timeline.dashboard.data import DashboardData
from timeline.dashboard.ingest import decode_upload, extract_article, read_article
from timeline.dashboard.shown import member_ids
from timeline.text.documents import DocumentError

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
