"""One row per happening: the representative's columns, the agreed date, every source, and
for conflicting dates the period all sources share."""

from __future__ import annotations

import calendar
import itertools
from collections.abc import Iterator

import numpy as np
import pandas as pd

from timeline.output.schema import EVENT_COLUMNS, MERGED_COLUMNS, SOURCE_FIELDS

#: The columns that say when an event happened: taken together from one source.
_DATE_COLUMNS = ("date", "granularity", "date_start", "date_end", "date_text")


def assemble(
    events: pd.DataFrame, person: np.ndarray, keys: dict[str, np.ndarray], cluster: np.ndarray
) -> pd.DataFrame:
    """One row per cluster: the representative's columns, the agreed date, the sources."""
    published = pd.factorize(events["published"], sort=True)[0]
    doc = pd.factorize(events["doc_id"], sort=True)[0]
    order = np.lexsort((events["start"].to_numpy(), doc, published, cluster))
    cluster = cluster[order]
    heads = np.flatnonzero(np.r_[True, cluster[1:] != cluster[:-1]])
    ends = np.r_[heads[1:], len(cluster)]
    first, last = keys["first"][order], keys["last"][order]
    # the finest source of each cluster (the first of them in source order) gives the date
    rank = keys["rank"][order]
    finest_rank = np.repeat(np.minimum.reduceat(rank, heads), ends - heads)
    finest_rows = np.flatnonzero(rank == finest_rank)
    finest = order[finest_rows[np.searchsorted(finest_rows, heads)]]
    conflict = np.maximum.reduceat(first, heads) > np.minimum.reduceat(last, heads)
    representative = order[heads]

    # sources are built in table order (memory friendly) and then put in source order
    fields = [events[c].tolist() for c in SOURCE_FIELDS]
    records = [dict(zip(SOURCE_FIELDS, values, strict=True)) for values in zip(*fields)]  # noqa: B905
    sequence = order.tolist()
    records = list(map(records.__getitem__, sequence))
    ids = list(map(fields[SOURCE_FIELDS.index("event_id")].__getitem__, sequence))
    chosen = events.take(representative).reset_index(drop=True)
    dated = events.loc[:, list(_DATE_COLUMNS)].take(finest).reset_index(drop=True)
    merged: dict[str, object] = {}
    for name in EVENT_COLUMNS:
        merged[name] = (dated if name in _DATE_COLUMNS else chosen)[name].to_numpy()
    merged["person"] = person[representative]
    merged["confidence"] = np.maximum.reduceat(events["confidence"].to_numpy()[order], heads)
    spans = list(span_bounds(heads, ends))
    merged["event_ids"] = [ids[s:e] for s, e in spans]
    merged["sources"] = [records[s:e] for s, e in spans]
    merged["source_count"] = (ends - heads).astype(np.int64)
    merged["conflict"] = conflict
    merged["conflict_dates"] = _settle_conflicts(merged, events, order, heads, ends, conflict)
    final = np.lexsort(
        (
            pd.factorize(merged["event_id"], sort=True)[0],
            merged["start"],
            pd.factorize(merged["doc_id"], sort=True)[0],
            pd.factorize(merged["date_start"], sort=True)[0],
        )
    )
    columns = {}
    for name in MERGED_COLUMNS:
        values = merged[name]
        if isinstance(values, list):
            columns[name] = list(map(values.__getitem__, final.tolist()))
        else:
            columns[name] = values[final]
    return pd.DataFrame(columns, columns=MERGED_COLUMNS)


def span_bounds(heads: np.ndarray, ends: np.ndarray) -> Iterator[tuple[int, int]]:
    """(start, end) of each run of sorted rows, as Python ints for fast slicing."""
    return zip(heads.tolist(), ends.tolist(), strict=True)


def _settle_conflicts(
    merged: dict,
    events: pd.DataFrame,
    order: np.ndarray,
    heads: np.ndarray,
    ends: np.ndarray,
    conflict: np.ndarray,
) -> list[list[str]]:
    """Conflicting events get the period all sources share, and the dates they give.

    When no month or year holds every source's date, the representative's date stays.
    Returns the ``conflict_dates`` column; ``merged`` is updated in place.
    """
    dates: list[list[str]] = [[] for _ in range(len(heads))]
    positions = np.flatnonzero(conflict)
    if not len(positions):
        return dates
    for name in _DATE_COLUMNS:
        merged[name] = merged[name].astype(object)
    starts, stops = heads.tolist(), ends.tolist()
    spans = [range(starts[p], stops[p]) for p in positions.tolist()]
    rows = order[np.concatenate([np.arange(s.start, s.stop) for s in spans])]
    chosen = events.loc[:, list(_DATE_COLUMNS)].take(rows)
    values = zip(*(chosen[c].tolist() for c in _DATE_COLUMNS), strict=True)
    for position, span in zip(positions.tolist(), spans, strict=True):
        periods: dict[tuple[str, str], tuple[str, str]] = {}
        for date, _, first, last, text in itertools.islice(values, len(span)):
            periods.setdefault((first, last), (date, text))
        leaves = sorted(
            span
            for span in periods
            if not any(o != span and span[0] <= o[0] and o[1] <= span[1] for o in periods)
        )
        dates[position] = [periods[span][0] for span in leaves]
        texts = dict.fromkeys(periods[span][1] for span in leaves)
        merged["date_text"][position] = " / ".join(texts)
        low = min(span[0] for span in periods)
        high = max(span[1] for span in periods)
        if low[:7] == high[:7]:
            agreed = (low[:7], "month", low[:8] + "01", _month_end(low))
        elif low[:4] == high[:4]:
            agreed = (low[:4], "year", low[:4] + "-01-01", low[:4] + "-12-31")
        else:
            continue
        for name, value in zip(_DATE_COLUMNS, agreed, strict=False):
            merged[name][position] = value
    return dates


def _month_end(iso_day: str) -> str:
    year, month = int(iso_day[:4]), int(iso_day[5:7])
    return f"{iso_day[:8]}{calendar.monthrange(year, month)[1]:02d}"
