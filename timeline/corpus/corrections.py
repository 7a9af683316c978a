"""A reader's corrections to extracted events, kept apart from the extraction output.

Corrections live in the store's ``corrections`` table, one row per extracted event id:
a corrected person, type or date (NULL where the extracted value stands) and a hidden
flag. Ingest only ever replaces the ``events`` and ``documents`` rows, so corrections
outlive re-ingests and restarts, and apply again to every event that keeps its id.

A correction names at most ``MAX_CORRECTED_IDS`` events, each of them stored; each one
is written with its rows of the ``audit`` trail (who, when, what), in one transaction.
The trail is only ever added to: an undo is a row of its own, and re-ingests leave it be.

>>> import tempfile, pathlib
>>> store = pathlib.Path(tempfile.mkdtemp()) / "t.duckdb"
>>> save_correction(store, ["e1"], date="2021-05", known_types=[], check_ids=False)
1
>>> load_corrections(store).loc[0, ["event_id", "date"]].tolist()
['e1', '2021-05']
>>> load_audit(store).loc[0, ["editor", "action", "event_id", "date"]].tolist()
['command line', 'save', 'e1', '2021-05']
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from timeline.corpus.store import (
    AUDIT_COLUMNS,
    CORRECTION_COLUMNS,
    LOCK_WAIT_SECONDS,
    audit_rows,
    correction_rows,
    delete_corrections,
    hide_corrected,
    open_store,
    stored_event_types,
    unknown_event_ids,
    upsert_corrections,
)
from timeline.extraction.temporal.values import EVENT_GRANULARITIES, event_date, granularity
from timeline.text.checks import CONTROL

#: The fields a correction can set, as the event table names them.
FIELDS = ("person", "event_type", "date")
#: The most events one correction may name: a merged event's sources are far fewer. One
#: request naming every event id hid a whole store; one naming 5,000 made-up ids stored
#: them all and held the store for 14 s (issue 15).
MAX_CORRECTED_IDS = 500
#: The longest corrected person's name, in characters.
MAX_PERSON_CHARS = 200
#: Who the audit trail names when no editor signed in (the command line, a test).
DEFAULT_EDITOR = "command line"


class CorrectionError(ValueError):
    """A correction that cannot be stored; the message is one line, meant for the reader."""


def empty_corrections() -> pd.DataFrame:
    """A corrections table with no rows."""
    return pd.DataFrame(
        {
            "event_id": pd.Series(dtype=object),
            "person": pd.Series(dtype=object),
            "event_type": pd.Series(dtype=object),
            "date": pd.Series(dtype=object),
            "hidden": pd.Series(dtype=bool),
        }
    )


# ---------------------------------------------------------------------------- checking


def corrected_date(value: str) -> tuple[str, str, str, str]:
    """A corrected date as (date, granularity, date_start, date_end).

    >>> corrected_date("2021-02")
    ('2021-02', 'month', '2021-02-01', '2021-02-28')
    >>> corrected_date("2021-02-30")
    Traceback (most recent call last):
    ...
    timeline.corpus.corrections.CorrectionError: '2021-02-30' is not a calendar date
    """
    text = (value or "").strip()
    if granularity(text) not in EVENT_GRANULARITIES or "T" in text:
        raise CorrectionError(f"{text!r} is not a date: write YYYY-MM-DD, YYYY-MM or YYYY")
    placed = event_date(text)
    if placed is None:
        raise CorrectionError(f"{text!r} is not a calendar date")
    date, gran, first, last = placed
    return date, gran, first.isoformat(), last.isoformat()


def checked_person(value: str) -> str:
    """A corrected person's name: white space collapsed, at most ``MAX_PERSON_CHARS``
    characters, no control characters.

    >>> checked_person("  Jane   Doe ")
    'Jane Doe'
    """
    name = " ".join(str(value).split())
    if len(name) > MAX_PERSON_CHARS:
        raise CorrectionError(
            f"the name is {len(name):,} characters long, "
            f"over the {MAX_PERSON_CHARS}-character limit"
        )
    found = CONTROL.search(name)
    if found:
        raise CorrectionError(
            f"the name holds a control character (U+{ord(found.group()):04X}); type it again"
        )
    return name


def checked_type(value: str, known_types: Iterable[str]) -> str:
    """An event type that the lexicon or the stored events know, else a CorrectionError."""
    kind = (value or "").strip()
    known = set(known_types)
    if kind not in known:
        raise CorrectionError(f"{kind!r} is not a known event type")
    return kind


def lexicon_types() -> list[str]:
    """The event types of the packaged lexicon, plus "other"."""
    from timeline.extraction.events import OTHER, load_lexicon

    return sorted({kind.name for kind in load_lexicon().types} | {OTHER})


def known_event_types(store: str | Path | None = None) -> list[str]:
    """The lexicon's event types plus any type found among the stored events."""
    types = set(lexicon_types())
    if store is not None and Path(store).exists():
        with open_store(store, read_only=True, wait=LOCK_WAIT_SECONDS) as connection:
            types |= stored_event_types(connection)
    return sorted(types)


# ---------------------------------------------------------------------------- writing


def save_correction(
    store: str | Path,
    event_ids: Sequence[str],
    person: str | None = None,
    event_type: str | None = None,
    date: str | None = None,
    known_types: Iterable[str] | None = None,
    editor: str = DEFAULT_EDITOR,
    check_ids: bool = True,
) -> int:
    """Correct the person, type and/or date of events (None leaves a field as it is).

    ``person`` "" means "no named person". ``known_types`` defaults to
    ``known_event_types(store)``. Returns the number of event ids corrected; bad values,
    more than ``MAX_CORRECTED_IDS`` ids or an id no stored event has raise CorrectionError
    and store nothing (``check_ids=False`` skips the last check, for ids of events not
    stored yet). ``editor`` is who the audit trail names.
    """
    ids = _ids(event_ids)
    if person is not None:
        person = checked_person(person)
    if event_type is not None:
        types = known_event_types(store) if known_types is None else known_types
        event_type = checked_type(event_type, types)
    if date is not None:
        date = corrected_date(date)[0]
    if person is None and event_type is None and date is None:
        raise CorrectionError("nothing to correct: change the person, the type or the date")
    now = _utc_now()
    audit = [(now, editor, "save", i, None, person, event_type, date, None) for i in ids]
    with open_store(store, wait=LOCK_WAIT_SECONDS) as connection:
        if check_ids:
            _refuse_unknown(connection, ids)
        upsert_corrections(connection, ids, (person, event_type, date), now, audit)
    return len(ids)


def hide_events(store: str | Path, event_ids: Sequence[str], editor: str = DEFAULT_EDITOR) -> int:
    """Hide events from the timeline and the exports (undo brings them back)."""
    ids = _ids(event_ids)
    now = _utc_now()
    audit = [(now, editor, "hide", i, None, None, None, None, None) for i in ids]
    with open_store(store, wait=LOCK_WAIT_SECONDS) as connection:
        _refuse_unknown(connection, ids)
        hide_corrected(connection, ids, now, audit)
    return len(ids)


def undo_corrections(
    store: str | Path, event_ids: Sequence[str], editor: str = DEFAULT_EDITOR
) -> int:
    """Forget every correction of these events: they show their extracted values again.
    The audit trail keeps what was undone, and says who undid it."""
    ids = _ids(event_ids)
    now = _utc_now()
    audit = [(now, editor, "undo", i, None, None, None, None, None) for i in ids]
    with open_store(store, wait=LOCK_WAIT_SECONDS) as connection:
        return len(delete_corrections(connection, ids, audit))


def _ids(event_ids: Sequence[str]) -> list[str]:
    ids = list(dict.fromkeys(str(event_id) for event_id in event_ids if event_id))
    if not ids:
        raise CorrectionError("no event chosen")
    if len(ids) > MAX_CORRECTED_IDS:
        raise CorrectionError(
            f"a correction names at most {MAX_CORRECTED_IDS} events; this one named {len(ids):,}"
        )
    return ids


def _refuse_unknown(connection: duckdb.DuckDBPyConnection, ids: list[str]) -> None:
    missing = unknown_event_ids(connection, ids)
    if missing:
        some = ", ".join(repr(event_id[:40]) for event_id in missing[:3])
        more = f" and {len(missing) - 3:,} more" if len(missing) > 3 else ""
        raise CorrectionError(
            f"no stored event has the id {some}{more}; nothing was changed"
            if len(missing) == 1
            else f"no stored events have the ids {some}{more}; nothing was changed"
        )


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


# ---------------------------------------------------------------------------- reading


def load_corrections(store: str | Path) -> pd.DataFrame:
    """Every stored correction (``CORRECTION_COLUMNS``; NULL fields are None)."""
    if not Path(store).exists():
        return empty_corrections()
    with open_store(store, read_only=True, wait=LOCK_WAIT_SECONDS) as connection:
        frame = correction_rows(connection, by_event_id=True)
    return read_corrections(frame)


def load_audit(store: str | Path, event_ids: Sequence[str] | None = None) -> pd.DataFrame:
    """The audit trail (``AUDIT_COLUMNS``), oldest first: all of it, or the rows about
    some events; empty for a missing store."""
    if not Path(store).exists():
        return audit_rows_of_nothing()
    with open_store(store, read_only=True, wait=LOCK_WAIT_SECONDS) as connection:
        frame = audit_rows(connection, event_ids)
    text = [column for column in AUDIT_COLUMNS if column != "changed_at"]
    frame[text] = frame[text].astype(object).where(frame[text].notna(), None)
    return frame


def audit_rows_of_nothing() -> pd.DataFrame:
    """An audit trail with no rows."""
    return pd.DataFrame({name: pd.Series(dtype=object) for name in AUDIT_COLUMNS})


def read_corrections(frame: pd.DataFrame) -> pd.DataFrame:
    """A corrections table with None (not NaN) in the fields that stay as extracted."""
    if frame.empty:
        return empty_corrections()
    frame = frame.loc[:, CORRECTION_COLUMNS].astype({"hidden": bool})
    for column in FIELDS:
        frame[column] = frame[column].astype(object).where(frame[column].notna(), None)
    return frame.reset_index(drop=True)


def apply_corrections(events: pd.DataFrame, corrections: pd.DataFrame) -> pd.DataFrame:
    """The events as the reader corrected them: hidden rows dropped, corrected values in
    place (a date brings its granularity and period), and a boolean ``edited`` column."""
    # assign, not copy: pandas copies a column only when it is written to.
    frame = events.assign(edited=np.zeros(len(events), dtype=bool))
    if corrections is None or corrections.empty or frame.empty:
        return frame
    wanted = corrections.drop_duplicates("event_id", keep="last").set_index("event_id")
    found = frame["event_id"].isin(wanted.index).to_numpy(dtype=bool)
    if not found.any():
        return frame
    rows = wanted.loc[frame.loc[found, "event_id"]]
    hidden = rows["hidden"].to_numpy(dtype=bool)
    positions = frame.index[found]
    for column in ("person", "event_type"):
        values = rows[column].to_numpy(dtype=object)
        chosen = [value is not None for value in values]
        frame.loc[positions[chosen], column] = [v for v in values if v is not None]
    dates = rows["date"].to_numpy(dtype=object)
    dated = [value is not None for value in dates]
    if any(dated):
        parts = [corrected_date(value) for value in dates if value is not None]
        where = positions[dated]
        for index, column in enumerate(("date", "granularity", "date_start", "date_end")):
            frame.loc[where, column] = [part[index] for part in parts]
    edited = rows[list(FIELDS)].notna().any(axis=1).to_numpy(dtype=bool)
    frame.loc[positions, "edited"] = edited
    frame = frame.drop(index=positions[hidden])
    return frame.reset_index(drop=True)


def corrected_events(store: str | Path) -> pd.DataFrame:
    """The stored events with every correction applied (hidden ones left out)."""
    from timeline.corpus.store import load_events

    return apply_corrections(load_events(store), load_corrections(store))
