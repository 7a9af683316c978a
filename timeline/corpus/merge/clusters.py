"""The merge itself: which events are one happening.

The work is blocked by (person, type class, date period) with vectorised pandas; only the
few pairs of blocks that may join (close dates, a month holding days) are looked at one by
one. Each cluster then becomes one row (``assemble``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from timeline.corpus.merge.agreement import (
    GRANULARITY_RANK,
    content_words,
    same_report,
    type_class,
)
from timeline.corpus.merge.assemble import assemble, span_bounds
from timeline.corpus.merge.names import join_names
from timeline.corpus.merge.near_names import join_near_names
from timeline.corpus.merge.settings import MergeSettings, load_merge_settings
from timeline.corpus.merge.union_find import UnionFind
from timeline.output.schema import MERGED_COLUMNS


def merge_events(events: pd.DataFrame, settings: MergeSettings | None = None) -> pd.DataFrame:
    """One row per happening (``MERGED_COLUMNS``) from an event table of many documents.

    The event columns come from the representative source (earliest published, then
    doc_id, then offset), except ``person`` (the preferred name of the person), the date
    (the finest the sources agree on) and ``confidence`` (the highest). ``sources`` lists
    every source in that same order.
    """
    settings = settings or load_merge_settings()
    if events.empty:
        return _empty_merged()
    events = events.reset_index(drop=True)
    codes, written = pd.factorize(events["person"])
    names = join_names(events["person"].value_counts().to_dict(), settings)
    names = join_near_names(events, names, settings)
    preferred = np.array([names.get(n, "") for n in written], dtype=object)
    keys = _keys(events, codes, preferred, settings)
    group, first = _exact_groups(keys)
    union = UnionFind(len(first))
    people = np.array([f"{p} {w}" for p, w in zip(preferred, written, strict=True)], object)
    _join_close_groups(events, keys, group, first, people[codes], union, settings)
    roots = union.roots()
    return assemble(events, preferred[codes], keys, roots[group])


def _empty_merged() -> pd.DataFrame:
    frame = pd.DataFrame(columns=MERGED_COLUMNS)
    for column in ("start", "end", "source_count"):
        frame[column] = frame[column].astype("int64")
    frame["confidence"] = frame["confidence"].astype("float64")
    frame["conflict"] = frame["conflict"].astype(bool)
    return frame


def _keys(
    events: pd.DataFrame, codes: np.ndarray, preferred: np.ndarray, settings: MergeSettings
) -> dict[str, np.ndarray]:
    """Numbers to block and compare by: person, type class, granularity, days, periods."""
    person = pd.factorize(pd.Index(preferred, dtype=object))[0]
    first, year, month, valid_first = _days(events["date_start"])
    last, _, _, valid_last = _days(events["date_end"])
    codes_of, granularities = pd.factorize(events["granularity"])
    rank = np.array([GRANULARITY_RANK.get(g, 0) for g in granularities], np.int64)[codes_of]
    valid = valid_first & valid_last
    return {
        "person": person[codes] if len(person) else codes,
        "kind": _codes(events["event_type"], lambda t: type_class(t, settings)),
        "date": pd.factorize(events["date"])[0],
        "doc": pd.factorize(events["doc_id"])[0],
        "rank": rank,
        "first": first,
        "last": np.where(valid, last, first),
        "year": year,
        "month": month,
        "period": np.select([rank == 0, rank == 1], [first, month], year),
        "valid": valid,
    }


def _exact_groups(keys: dict[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Number the events by (person, class, date, granularity); and each group's first row."""
    table = pd.DataFrame({k: keys[k] for k in ("person", "kind", "date", "rank")})
    group = table.groupby(list(table.columns), sort=False).ngroup().to_numpy()
    _, first = np.unique(group, return_index=True)
    return group, first


def _group_table(keys: dict[str, np.ndarray], first: np.ndarray) -> pd.DataFrame:
    columns = ("person", "kind", "rank", "year", "month", "period", "valid")
    table = pd.DataFrame({k: keys[k][first] for k in columns})
    return table.rename_axis("group")


def _join_close_groups(
    events: pd.DataFrame,
    keys: dict[str, np.ndarray],
    group: np.ndarray,
    first: np.ndarray,
    people: np.ndarray,
    union: UnionFind,
    settings: MergeSettings,
) -> None:
    """Join exact groups that are one happening: close dates that tell the same story, and
    a coarse date that holds exactly one finer happening."""
    groups = _group_table(keys, first)
    close = _close_pairs(groups, settings.conflict_window_days)
    nested = [
        _nested_pairs(groups, coarse=1, finer=(0,), on="month"),
        _nested_pairs(groups, coarse=2, finer=(0, 1), on="year"),
    ]
    if close.empty and all(pairs.empty for pairs in nested):
        return
    members = _Members(group, keys["doc"], keys["date"], _shared_documents(keys, group))
    quote_codes, quotes = pd.factorize(events["quote"])
    words = _WordCache(quote_codes, np.asarray(quotes, dtype=object), people, settings)

    def join(a: int, b: int) -> None:
        a, b = union.find(a), union.find(b)
        if a != b and members.compatible(a, b):
            members.absorb(union.join(a, b), b if union.find(a) == a else a)

    stories: dict[int, set[frozenset[str]]] = {}
    for a, b in zip(close["a"].tolist(), close["b"].tolist(), strict=True):
        for g in (a, b):
            if g not in stories:
                stories[g] = words.stories(members.rows(g))
        if any(same_report(x, y, settings) for x in stories[a] for y in stories[b]):
            join(a, b)
    for pairs in nested:
        coarse, finer = pairs["coarse"].to_numpy(), pairs["finer"].to_numpy()
        if not len(coarse):
            continue
        heads = np.flatnonzero(np.r_[True, coarse[1:] != coarse[:-1]])
        for start, end in span_bounds(heads, np.r_[heads[1:], len(coarse)]):
            roots = {union.find(f) for f in finer[start:end].tolist()}
            if len(roots) == 1:
                join(int(coarse[start]), roots.pop())


def _shared_documents(keys: dict[str, np.ndarray], group: np.ndarray) -> set[int]:
    """Groups holding a document that also gives another date for the same person and
    class: only clusters with such a group need their documents compared."""
    table = pd.DataFrame(
        {"person": keys["person"], "kind": keys["kind"], "doc": keys["doc"], "group": group}
    ).drop_duplicates()
    counts = table.groupby(["person", "kind", "doc"])["group"].transform("size")
    return set(table.loc[counts.to_numpy() > 1, "group"].tolist())


class _Members:
    """Which events each group holds, and which date each document gives a cluster."""

    def __init__(self, group: np.ndarray, docs: np.ndarray, dates: np.ndarray, shared: set[int]):
        self.order = np.argsort(group, kind="stable")
        self.bounds = np.searchsorted(group[self.order], np.arange(group.max() + 2))
        self.doc_codes, self.dates = docs, dates
        self.docs: dict[int, dict[int, int]] = {}
        self.shared = shared

    def rows(self, g: int) -> np.ndarray:
        return self.order[self.bounds[g] : self.bounds[g + 1]]

    def _docs(self, root: int) -> dict[int, int]:
        """Document -> date (as codes) of a cluster's documents worth comparing."""
        if root not in self.docs:
            rows = self.rows(root)
            docs = self.doc_codes[rows].tolist()
            self.docs[root] = dict(zip(docs, self.dates[rows].tolist(), strict=True))
        return self.docs[root]

    def compatible(self, a: int, b: int) -> bool:
        """Two events of one document join only when that document gives one date."""
        if a not in self.shared or b not in self.shared:
            return True  # no document of one side has another date: nothing to compare
        docs_a, docs_b = self._docs(a), self._docs(b)
        return all(docs_a[d] == docs_b[d] for d in docs_a.keys() & docs_b.keys())

    def absorb(self, root: int, other: int) -> None:
        """``other``'s cluster has joined ``root``'s: keep the documents worth comparing."""
        flagged = [x for x in (root, other) if x in self.shared]
        if flagged:
            docs = {d: date for x in flagged for d, date in self._docs(x).items()}
            self.docs.pop(other, None)
            self.docs[root] = docs
            self.shared.add(root)


class _WordCache:
    """Content words of quotes, computed once per quote; the person's own names left out."""

    def __init__(
        self, codes: np.ndarray, quotes: np.ndarray, people: np.ndarray, settings: MergeSettings
    ):
        self.codes, self.quotes, self.people, self.settings = codes, quotes, people, settings
        self.by_code: dict[int, frozenset[str]] = {}
        self.by_name: dict[str, frozenset[str]] = {}

    def stories(self, rows: np.ndarray) -> set[frozenset[str]]:
        """The distinct content-word sets of some events of one person."""
        own: set[str] = set()
        for name in set(self.people[rows].tolist()):
            if name not in self.by_name:
                self.by_name[name] = content_words(name, "", self.settings)
            own |= self.by_name[name]
        stories = set()
        for code in set(self.codes[rows].tolist()):
            if code not in self.by_code:
                self.by_code[code] = content_words(self.quotes[code], "", self.settings)
            stories.add(self.by_code[code] - own)
        return stories


def _close_pairs(groups: pd.DataFrame, window: int) -> pd.DataFrame:
    """Pairs of groups of one granularity, person and class, a few days (or one period) apart."""
    parts = [pd.DataFrame({"a": [], "b": []}, dtype=np.int64)]
    for rank, reach in ((0, window), (1, min(window, 1)), (2, min(window, 1))):
        if reach < 1:
            continue
        side = groups.loc[(groups["rank"] == rank) & groups["valid"], ["person", "kind", "period"]]
        side = side.reset_index().assign(bucket=lambda s, r=reach: s["period"] // (r + 1))
        for shift in (0, 1):
            pairs = side.merge(
                side.assign(bucket=side["bucket"] - shift),
                on=["person", "kind", "bucket"],
                suffixes=("_a", "_b"),
            )
            gap = pairs["period_b"] - pairs["period_a"]
            pairs = pairs[(gap > 0) & (gap <= reach)]
            parts.append(pairs[["group_a", "group_b"]].set_axis(["a", "b"], axis=1))
    pairs = pd.concat(parts, ignore_index=True).astype(np.int64)
    return pairs.sort_values(["a", "b"], kind="stable").reset_index(drop=True)


def _nested_pairs(
    groups: pd.DataFrame, coarse: int, finer: tuple[int, ...], on: str
) -> pd.DataFrame:
    """Pairs (coarse group, finer group inside its period) of one person and class."""
    keys = ["person", "kind", on]
    outer = groups.loc[(groups["rank"] == coarse) & groups["valid"], keys].reset_index()
    inner = groups.loc[groups["rank"].isin(finer) & groups["valid"], keys].reset_index()
    pairs = outer.merge(inner, on=keys, suffixes=("_coarse", "_finer"))
    pairs = pairs[["group_coarse", "group_finer"]].set_axis(["coarse", "finer"], axis=1)
    return pairs.astype(np.int64).sort_values(["coarse", "finer"]).reset_index(drop=True)


def _days(column: pd.Series) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """ISO dates as day numbers, years and month numbers, and which could be read.

    Each distinct date is parsed once (a corpus has far fewer dates than events).
    """
    codes, uniques = pd.factorize(column)
    parsed = pd.to_datetime(pd.Index(uniques, dtype=object), format="%Y-%m-%d", errors="coerce")
    valid = parsed.notna()
    days = np.where(valid, parsed.to_numpy().astype("datetime64[D]").astype(np.int64), 0)
    years = np.where(valid, parsed.year.fillna(1970).to_numpy(), 1970).astype(np.int64)
    months = years * 12 + np.where(valid, parsed.month.fillna(1).to_numpy(), 1).astype(np.int64)
    return days[codes], years[codes], months[codes] - 1, valid[codes]


def _codes(values: pd.Series, relabel=None) -> np.ndarray:
    """Integer codes of a column, optionally of ``relabel(value)`` (computed per distinct value)."""
    codes, uniques = pd.factorize(values)
    if relabel is None:
        return codes
    labels = pd.factorize(pd.Index([relabel(u) for u in uniques], dtype=object))[0]
    return labels[codes] if len(labels) else codes
