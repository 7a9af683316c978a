"""Lanes: which rows of the figure the events go to, and in what order.

A named person has one lane. Events with no named person are split by type, one lane per
type, so that hundreds of unnamed events are not one smear; their lanes come last. A lane
is a *lane key*: the person's code in the table, or for the unnamed, the number of people
plus the type's code.
"""

from __future__ import annotations

import numpy as np

from timeline.dashboard.filters import DEFAULT_ORDER
from timeline.dashboard.table import EventTable


def lane_keys(table: EventTable, positions: np.ndarray) -> np.ndarray:
    """The lane key of each row at ``positions``."""
    keys = table.person_codes[positions].astype("int64")
    unnamed = _unnamed_code(table)
    if unnamed >= 0:
        mask = keys == unnamed
        keys[mask] = len(table.people) + table.type_codes[positions][mask]
    return keys


def lane_count(table: EventTable) -> int:
    """How many lane keys the table can have (people plus types)."""
    return len(table.people) + len(table.types)


def lane_order(
    table: EventTable, positions: np.ndarray, order: str = DEFAULT_ORDER
) -> tuple[np.ndarray, np.ndarray]:
    """The lane keys that hold any of ``positions``, in ``order`` ("first": by first event,
    "count": most events first, "name": by name), the unnamed lanes last; and the number of
    events of every lane key.

    Rows are in date order, so a lane's first row is its first event.
    """
    keys = lane_keys(table, positions)
    counts = np.bincount(keys, minlength=lane_count(table))
    # The first row of each key without sorting: written backwards, the earliest row wins.
    first_row = np.full(len(counts), len(keys), dtype="int64")
    first_row[keys[::-1]] = np.arange(len(keys) - 1, -1, -1)
    present = np.flatnonzero(counts)
    if order == "count":
        ranked = present[np.lexsort((first_row[present], -counts[present]))]
    elif order == "name":
        names = [lane_name(table, key).casefold() for key in present.tolist()]
        ranked = present[np.argsort(np.array(names, dtype=object), kind="stable")]
    else:
        ranked = present[np.argsort(first_row[present], kind="stable")]
    unnamed = ranked >= len(table.people)
    return np.concatenate([ranked[~unnamed], ranked[unnamed]]), counts


def lane_person(table: EventTable, key: int) -> str:
    """The person of a lane ("" for the unnamed lanes)."""
    return "" if key >= len(table.people) else str(table.people[key])


def lane_type(table: EventTable, key: int) -> str | None:
    """The event type of an unnamed lane (None for a person's lane)."""
    return str(table.types[key - len(table.people)]) if key >= len(table.people) else None


def lane_name(table: EventTable, key: int) -> str:
    """What a lane is sorted by under the "name" order."""
    kind = lane_type(table, key)
    return lane_person(table, key) if kind is None else kind


def _unnamed_code(table: EventTable) -> int:
    people = table.people.tolist()
    return people.index("") if "" in people else -1
