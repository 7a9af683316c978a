"""A reader's corrections to extracted events, kept apart from the extraction output.

Corrections live in the store's ``corrections`` table, one row per extracted event id:
a corrected person, type or date (NULL where the extracted value stands) and a hidden
flag. Ingest only ever replaces the ``events`` and ``documents`` rows, so corrections
outlive re-ingests and restarts, and apply again to every event that keeps its id.

>>> import tempfile, pathlib
>>> store = pathlib.Path(tempfile.mkdtemp()) / "t.duckdb"
>>> save_correction(store, ["e1"], date="2021-05", known_types=[])
1
>>> load_corrections(store).loc[0, ["event_id", "date"]].tolist()
['e1', '2021-05']
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from timeline.corpus.store import (
    CORRECTION_COLUMNS,
    LOCK_WAIT_SECONDS,
    correction_rows,
    delete_corrections,
    hide_corrected,
    open_store,
    stored_event_types,
    upsert_corrections,
)
from timeline.extraction.temporal.values import EVENT_GRANULARITIES, event_date, granularity

#: The fields a correction can set, as the event table names them.
FIELDS = ("person", "event_type", "date")


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
) -> int:
    """Correct the person, type and/or date of events (None leaves a field as it is).

    ``person`` "" means "no named person". ``known_types`` defaults to
    ``known_event_types(store)``. Returns the number of event ids corrected; bad values
    raise CorrectionError and store nothing.
    """
    ids = _ids(event_ids)
    if person is not None:
        person = " ".join(person.split())
    if event_type is not None:
        types = known_event_types(store) if known_types is None else known_types
        event_type = checked_type(event_type, types)
    if date is not None:
        date = corrected_date(date)[0]
    if person is None and event_type is None and date is None:
        raise CorrectionError("nothing to correct: change the person, the type or the date")
    now = _utc_now()
    rows = [(event_id, person, event_type, date, now) for event_id in ids]
    with open_store(store, wait=LOCK_WAIT_SECONDS) as connection:
        upsert_corrections(connection, rows)
    return len(ids)


def hide_events(store: str | Path, event_ids: Sequence[str]) -> int:
    """Hide events from the timeline and the exports (undo brings them back)."""
    ids = _ids(event_ids)
    now = _utc_now()
    with open_store(store, wait=LOCK_WAIT_SECONDS) as connection:
        hide_corrected(connection, ids, now)
    return len(ids)


def undo_corrections(store: str | Path, event_ids: Sequence[str]) -> int:
    """Forget every correction of these events: they show their extracted values again."""
    ids = _ids(event_ids)
    with open_store(store, wait=LOCK_WAIT_SECONDS) as connection:
        return delete_corrections(connection, ids)


def _ids(event_ids: Sequence[str]) -> list[str]:
    ids = list(dict.fromkeys(str(event_id) for event_id in event_ids if event_id))
    if not ids:
        raise CorrectionError("no event chosen")
    return ids


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
