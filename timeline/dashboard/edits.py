"""The work of the callbacks that change what is shown: adding an article, and saving, hiding
or undoing a correction. Plain functions of plain values, like ``handlers.py``.

With a store, what they write goes to the store (every session sees it); without one, an
added article lives in this user's ``dcc.Store`` components and comes back with each request.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from functools import partial

import pandas as pd
from dash import Patch

from timeline.corpus.corrections import CorrectionError, lexicon_types
from timeline.dashboard.controls import type_options
from timeline.dashboard.data import DashboardData
from timeline.dashboard.ingest import (
    EXTRACT_SECONDS,
    decode_upload,
    extract_article,
    form_message,
    read_article,
)
from timeline.dashboard.jobs import FAILED, STORING, WAITING, Jobs
from timeline.dashboard.shown import joined_count, member_ids
from timeline.text.documents import Document, DocumentError

#: What the form says as soon as Add was pressed.
READING = "Reading the article…"
#: How long storing an added article waits for another writer (a job's process waits;
#: a request never does): merging a big store's events again takes seconds.
STORE_WAIT_SECONDS = 45.0

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
    #: The job reading the article, while it is read (see ``jobs.py``).
    job: str | None = None


def add_article(
    data: DashboardData,
    text: str | None,
    published: str | None,
    title: str | None,
    url: str | None,
    added: list[dict] | None,
    editor: str = "dashboard",
) -> AddResult:
    """Extract an article's events and add them, in this thread, all at once (the page
    reads them in a process of its own: ``start_article``)."""
    try:
        document = read_article(text, published, title or "", url or "")
        frame = extract_article(document, data.extract)
        outcome = finish_article(data, document, frame, editor)
    except DocumentError as error:
        return AddResult(message=_one_line(str(error)), ok=False)
    return shown_article(data, outcome, added)


def start_article(
    data: DashboardData,
    jobs: Jobs,
    text: str | None,
    published: str | None,
    title: str | None,
    url: str | None,
    editor: str,
) -> AddResult:
    """Check the form and hand the article to ``jobs``, to be read, then stored, each in a
    process of its own (the extraction, the write and the merge of the store's events all
    take time, CPU and memory that a server process's requests should not wait for): the
    result says so at once, with the job's id (``article_progress`` tells how it goes)."""
    try:
        document = read_article(text, published, title or "", url or "")
        job = jobs.submit(
            partial(extract_article, document, data.extract),
            partial(store_article, data, document, editor),
        )
    except DocumentError as error:
        return AddResult(message=_one_line(str(error)), ok=False)
    return AddResult(message=READING, ok=True, job=job)


def store_article(
    data: DashboardData, document: Document, editor: str, frame: pd.DataFrame
) -> dict:
    """``finish_article`` as the job's second process runs it (see ``jobs.py``): with locks
    of its own, since the fork copied the server process's."""
    data.reset_after_fork()
    return finish_article(data, document, frame, editor)


def finish_article(
    data: DashboardData, document: Document, frame: pd.DataFrame, editor: str = "dashboard"
) -> dict:
    """After reading: store the article's events (a store), or hand them back for the
    user's own stores (no store). A dict of plain values, kept in the job's file. In the
    job's process the refresh below reads the store for that process only: the page's
    next view says this session wrote, so the server process that draws it reads it too."""
    if data.writable:
        ids = set(frame["event_id"].astype(str))
        source = data.source
        merged = source.add_document(document, frame, editor, STORE_WAIT_SECONDS)  # type: ignore[attr-defined]
        if merged is None:  # merged here, not in the store: read the change to count
            data.refresh(wait=True)
            merged = data.table_and_summary(None)[0].frame
        # The page's next requests say this session wrote (``DATA_VERSION``), so whichever
        # server process draws them shows the article, merged.
        joined = joined_count(merged, ids)
        return {"message": added_message(document.title, frame, joined), "stored": True}
    new = frame.astype({"start": "int64", "end": "int64", "confidence": "float64"})
    return {
        "stored": False,
        "records": new.to_dict("records"),
        "doc_id": document.id,
        "title": document.title,
        "text": document.text,
    }


def shown_article(data: DashboardData, outcome: dict, added: list[dict] | None) -> AddResult:
    """What the page shows for an article read: the message, and without a store the
    user's stores with its events (an article added before is replaced)."""
    if outcome.get("stored"):
        return AddResult(message=str(outcome.get("message", "")), ok=True, stored=True)
    doc_id = outcome["doc_id"]
    new = list(outcome["records"])
    records = [r for r in (added or []) if isinstance(r, dict) and r.get("doc_id") != doc_id]
    records += new
    ids = {str(record["event_id"]) for record in new}
    joined = joined_count(data.table_and_summary(records)[0].frame, ids)
    texts = Patch()
    texts[doc_id] = outcome["text"]
    message = added_message(outcome.get("title", ""), pd.DataFrame(new), joined)
    return AddResult(message=message, ok=True, added=records, texts=texts)


def article_progress(
    data: DashboardData, jobs: Jobs, job_id: object, added: list[dict] | None
) -> AddResult:
    """How the article of a job is going: ``job`` set while it is read (the message says
    for how long), else the outcome as ``add_article`` gives it."""
    status = jobs.status(job_id)
    if status is None:
        return AddResult(message="This article is not being read here; add it again.", ok=False)
    if not status.finished:
        seconds = max(0, time.time() - status.submitted)
        if status.state == WAITING:
            message = f"Waiting to be read… {seconds:.0f} s"
        elif status.message == STORING:
            message = f"Storing the article… {seconds:.0f} s"
        else:
            message = f"Reading the article… {seconds:.0f} s (the limit is {EXTRACT_SECONDS:.0f} s)"
        return AddResult(message=message, ok=True, job=str(job_id))
    if status.state == FAILED or status.result is None:
        return AddResult(message=form_message(status.message), ok=False)
    return shown_article(data, status.result, added)


def added_message(title: str, frame: pd.DataFrame, joined: int = 0) -> str:
    """What the form says after Add: how many events, about how many people, and how many
    of them were new and how many joined a happening already on the timeline."""
    people = sorted({p for p in frame["person"] if p}) if len(frame) else []
    who = f" about {len(people)} {'person' if len(people) == 1 else 'people'}" if people else ""
    name = f"“{title}”" if title else "the article"
    count = len(frame)
    head = f"Added {count} {'event' if count == 1 else 'events'}{who} from {name}"
    noun = "an event" if joined == 1 else "events"
    return f"{head}: {count - joined:,} new, {joined:,} joined {noun} already on the timeline."


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
    editor: str = "dashboard",
) -> CorrectionResult:
    """Save, hide or undo a correction of the selected event and all its sources.

    The event's sources are the server's, looked up by the event's id: the page's copy of
    the event is not trusted (one request naming every event id as its sources hid a
    whole store). Only the fields that differ from what the event shows are saved. Bad
    values come back as a one-line message, and nothing is stored; ``editor`` is who the
    audit trail names.
    """
    if not data.writable:
        return CorrectionResult(
            "Corrections are kept in a store: run python app.py --store FILE.", ok=False
        )
    event_id = event.get("event_id") if isinstance(event, dict) else None
    if not isinstance(event_id, str) or not event_id:
        return CorrectionResult("Choose an event first.", ok=False)
    shown = data.table_and_summary(None)[0].find(event_id)
    if shown is None and action != UNDO:
        return CorrectionResult(
            "This event is not on the timeline now (hidden, or its article changed); "
            "Undo brings a hidden event back.",
            ok=False,
            event=event,
        )
    try:
        members = member_ids(shown if shown is not None else event)
    except (ValueError, RecursionError):
        return CorrectionResult("Choose an event first.", ok=False)
    source = data.source
    try:
        if action == SAVE:
            current = correction_form(shown)
            wanted = [_cleaned(person), _cleaned(event_type), _cleaned(date)]
            changes = {
                name: value
                for name, value, was in zip(FIELD_NAMES, wanted, current, strict=True)
                if value is not None and value != was
            }
            if "event_type" in changes and not changes["event_type"]:
                changes.pop("event_type")
            if not changes:
                return CorrectionResult("Nothing changed.", ok=False, event=event)
            source.save_correction(members, editor=editor, **changes)  # type: ignore[attr-defined]
            message = "Saved. The event is marked as edited."
        elif action == HIDE:
            source.hide_events(members, editor=editor)  # type: ignore[attr-defined]
            message = "Hidden from the timeline and the downloads. Undo brings it back."
        elif action == UNDO:
            if not source.undo_corrections(members, editor=editor):  # type: ignore[attr-defined]
                return CorrectionResult("This event has no correction to undo.", False, event)
            message = "Back to the extracted values."
        else:
            return CorrectionResult("Unknown action.", ok=False, event=event)
    except (CorrectionError, DocumentError) as error:
        return CorrectionResult(_one_line(str(error)), ok=False, event=event)
    data.refresh(wait=True)
    table, _ = data.table_and_summary(None)
    return CorrectionResult(message, ok=True, event=table.find_any(members))


def _cleaned(value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise CorrectionError("a corrected value must be text")
    return " ".join(value.split())


def correction_types(data: DashboardData, shown: list[str]) -> list[dict]:
    """Options of the type dropdown: the lexicon's types and every type on the timeline
    (no store read, so a page load never waits for a writer)."""
    return type_options(sorted(set(shown) | set(lexicon_types())))
