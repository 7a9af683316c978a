"""Splicing a few changed documents into a prepared table without rebuilding it: where new
rows go, the runs of old and new rows that make the new table, and the person and type
codes of the spliced columns (see ``EventTable.replace_documents``)."""

from __future__ import annotations

import bisect

import numpy as np
import pandas as pd


def insertion_points(table: pd.DataFrame, added: pd.DataFrame) -> np.ndarray:
    """Where each row of ``added`` (in drawing order) goes among the rows of ``table`` (in
    drawing order): a binary search on (first day, document, offset, event id)."""
    days = table["_first_day"].to_numpy()
    starts = table["start"].to_numpy()
    documents, events = table["doc_id"].array, table["event_id"].array

    class Keys:
        def __len__(self) -> int:
            return len(table)

        def __getitem__(self, row: int) -> tuple:
            return int(days[row]), documents[row], int(starts[row]), events[row]

    keys = Keys()
    wanted = zip(
        added["_first_day"].tolist(),
        added["doc_id"].tolist(),
        added["start"].tolist(),
        added["event_id"].tolist(),
        strict=True,
    )
    return np.array([bisect.bisect_left(keys, key) for key in wanted], dtype="int64")


def splice_runs(
    length: int, dropped: np.ndarray, places: np.ndarray
) -> list[tuple[bool, int, int]]:
    """The runs that make a table of ``length`` rows without the ``dropped`` positions and
    with new row ``j`` placed before old row ``places[j]``: (old?, first, end) each."""
    runs: list[tuple[bool, int, int]] = []

    def take(old: bool, first: int, end: int) -> None:
        if end <= first:
            return
        if runs and runs[-1][0] == old and runs[-1][2] == first:
            runs[-1] = (old, runs[-1][1], end)
        else:
            runs.append((old, first, end))

    at, new = 0, 0
    cuts = sorted({*dropped.tolist(), *places.tolist()})
    drops = set(dropped.tolist())
    for cut in cuts:
        take(True, at, cut)
        at = max(at, cut)
        begin = new
        while new < len(places) and places[new] == cut:
            new += 1
        take(False, begin, new)
        if cut in drops:
            at = cut + 1
    take(True, at, length)
    take(False, new, len(places))
    return runs


def spliced_codes(
    runs: list[tuple[bool, int, int]], codes: np.ndarray, values: np.ndarray, added: pd.Series
) -> tuple[np.ndarray, np.ndarray]:
    """What ``pd.factorize(column, sort=True)`` gives for a column spliced by ``runs`` from
    a factorized column (``codes`` into sorted ``values``) and new rows (``added``),
    without factorizing the whole column again: the kept rows' codes are mapped to the new
    sorted values, and values no row uses any more are dropped."""
    new_codes, new_values = pd.factorize(added, sort=True)
    joined = np.union1d(values.astype(object), np.asarray(new_values, dtype=object))
    old_map = np.searchsorted(joined, values.astype(object)).astype("int32")
    new_map = np.searchsorted(joined, np.asarray(new_values, dtype=object)).astype("int32")
    parts = [
        old_map[codes[a:b]] if old else new_map[np.asarray(new_codes[a:b], dtype="int64")]
        for old, a, b in runs
    ]
    spliced = np.concatenate(parts) if parts else np.zeros(0, dtype="int32")
    used = np.bincount(spliced, minlength=len(joined)) > 0
    if not used.all():
        renumber = np.cumsum(used) - 1
        spliced, joined = renumber[spliced], joined[used]
    return spliced.astype("int32"), joined.astype(object)
