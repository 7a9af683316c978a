"""From stored events to the events the dashboard draws: corrections, then merging.

Stored events -> ``apply_corrections`` -> ``merge_events`` -> drawn. A merged event carries
``event_ids`` and ``sources`` (every report of the same happening); an event reported once
keeps None in both, so a million single events cost no million small lists. ``sources_of``
gives the sources of any row either way.
"""

from __future__ import annotations

import json
from collections.abc import Callable

import numpy as np
import pandas as pd

from timeline.corpus.corrections import apply_corrections
from timeline.output.schema import EVENT_COLUMNS, SOURCE_FIELDS

#: Columns a drawn event has beyond ``EVENT_COLUMNS``.
SHOWN_COLUMNS = ("event_ids", "sources", "source_count", "conflict", "conflict_dates", "edited")

Merge = Callable[[pd.DataFrame], pd.DataFrame]


def default_merge() -> Merge | None:
    """``timeline.corpus.merge.merge_events`` when that module is installed, else None."""
    try:
        from timeline.corpus.merge import merge_events
    except ImportError:
        return None
    return merge_events


def shown_events(
    events: pd.DataFrame, corrections: pd.DataFrame | None = None, merge: Merge | None = None
) -> pd.DataFrame:
    """The corrected, merged events, with ``SHOWN_COLUMNS`` (see the module docstring)."""
    corrected = apply_corrections(events, corrections)
    edited_ids = set(corrected.loc[corrected["edited"], "event_id"])
    if merge is None or corrected.empty:
        return single_sources(corrected.drop(columns="edited"), edited_ids)
    return compact(merge(corrected.drop(columns="edited")), edited_ids)


def single_sources(events: pd.DataFrame, edited_ids: set[str] | None = None) -> pd.DataFrame:
    """Every event as a happening with one source (what is shown when nothing merges)."""
    count = len(events)
    return events.assign(
        event_ids=np.full(count, None, dtype=object),
        sources=np.full(count, None, dtype=object),
        source_count=np.ones(count, dtype="int64"),
        conflict=np.zeros(count, dtype=bool),
        conflict_dates=np.full(count, None, dtype=object),
        edited=events["event_id"].isin(edited_ids or set()).to_numpy(dtype=bool),
    )


def compact(merged: pd.DataFrame, edited_ids: set[str] | None = None) -> pd.DataFrame:
    """A merge result with None for the lists of single-source rows, and ``edited`` set
    where any member event was corrected."""
    edited_ids = edited_ids or set()
    merged = merged.reset_index(drop=True)
    counts = merged["source_count"].to_numpy(dtype="int64").copy()
    single = counts <= 1
    event_ids = merged["event_ids"].to_numpy(dtype=object).copy()
    sources = merged["sources"].to_numpy(dtype=object).copy()
    dates = merged["conflict_dates"].to_numpy(dtype=object).copy()
    edited = merged["event_id"].isin(edited_ids).to_numpy(dtype=bool).copy()
    for row in np.flatnonzero(~single):
        edited[row] = any(member in edited_ids for member in decoded(event_ids[row]) or ())
    event_ids[single] = None
    sources[single] = None
    conflict = merged["conflict"].to_numpy(dtype=bool).copy()
    dates[~conflict] = None
    return merged.assign(
        event_ids=event_ids,
        sources=sources,
        source_count=counts,
        conflict=conflict,
        conflict_dates=dates,
        edited=edited,
    )


def member_ids(event: dict) -> list[str]:
    """Every extracted event id behind a drawn event (its own id when it has one source)."""
    members = decoded(event.get("event_ids"))
    if members is None or len(members) == 0:
        return [str(event.get("event_id") or "")]
    return [str(member) for member in members]


def decoded(members: object) -> list | None:
    """A member list as stored in the table: a list, or JSON text read from the store."""
    if isinstance(members, str):
        return json.loads(members)
    return members  # type: ignore[return-value]


def sources_of(event: dict) -> list[dict]:
    """The sources of a drawn event: its own fields when it was reported once."""
    sources = event.get("sources")
    if sources is not None and len(sources) > 0:
        return [dict(source) for source in sources]
    return [{name: event.get(name) for name in SOURCE_FIELDS}]


def corrected_merged(merged: pd.DataFrame, corrections: pd.DataFrame | None) -> pd.DataFrame:
    """Stored merged events (single sources among them) with the reader's corrections.

    A correction is saved for every member of the event the reader corrected; one made
    while a member stood alone still applies when it is not the representative.
    """
    fixes = corrections if corrections is not None else pd.DataFrame()
    if not fixes.empty:
        fixes = _with_representatives(merged, fixes)
    corrected = apply_corrections(merged, fixes)
    return corrected.astype({"source_count": "int64", "conflict": bool, "edited": bool})


def _with_representatives(merged: pd.DataFrame, fixes: pd.DataFrame) -> pd.DataFrame:
    by_id = fixes.drop_duplicates("event_id", keep="last").set_index("event_id")
    extra = []
    members = merged["event_ids"].to_numpy(dtype=object)
    for row in np.flatnonzero(merged["source_count"].to_numpy() > 1).tolist():
        representative = merged["event_id"].iat[row]
        if representative in by_id.index:
            continue
        for member in decoded(members[row]) or ():
            if member in by_id.index:
                extra.append({**by_id.loc[member].to_dict(), "event_id": representative})
                break
    if not extra:
        return fixes
    return pd.concat([fixes, pd.DataFrame(extra)], ignore_index=True)


def merge_added(base: pd.DataFrame, added: pd.DataFrame, merge: Merge) -> tuple[pd.DataFrame, set]:
    """Added events merged with the events already drawn, as ingest would merge them: the
    happenings that hold an added event (with ``SHOWN_COLUMNS``), and the ids of the drawn
    single-source events they take in (to be dropped). Happenings that hold no added
    event stay as they are drawn.
    """
    single = base.loc[base["source_count"].to_numpy() <= 1, EVENT_COLUMNS]
    merged = compact(merge(pd.concat([single, added.loc[:, EVENT_COLUMNS]], ignore_index=True)))
    added_ids = set(added["event_id"])
    keep, taken = [], set()
    for row, members in enumerate(merged["event_ids"].tolist()):
        ids = decoded(members) or [merged["event_id"].iat[row]]
        if added_ids.intersection(ids):
            keep.append(row)
            taken.update(member for member in ids if member not in added_ids)
    return merged.iloc[keep].reset_index(drop=True), taken


def joined_count(table: pd.DataFrame, event_ids: set[str]) -> int:
    """How many of ``event_ids`` were merged into a happening another document told too
    (``table``: drawn events, ``SHOWN_COLUMNS`` included)."""
    joined = 0
    counts = table["source_count"].to_numpy()
    members = table["event_ids"].to_numpy(dtype=object)
    for row in np.flatnonzero(counts > 1).tolist():
        ids = set(decoded(members[row]) or ())
        mine = ids & event_ids
        if mine and ids - event_ids:
            joined += len(mine)
    return joined
