"""Merging events across documents: one row per happening, with every source that told it.

Two extracted events are one happening when they name the same person (after joining the
name variants of the whole corpus), have compatible types and their dates agree at the
coarser granularity ("2021-05" and "2021-05-05"). Dates a day or two apart merge only when
the quotes say the same thing (the same wire story reworded); such an event is flagged as a
conflict and keeps both dates. Two events of one document merge only when their dates are
identical. Settings and word lists live in ``resources/en/merge.yaml``.

The work is blocked by (person, type class, date period) with vectorised pandas; only the
few pairs of blocks that may join (close dates, a month holding days) are looked at one by
one.

>>> from timeline.schema import EVENT_COLUMNS, events_frame
>>> blank = {**dict.fromkeys(EVENT_COLUMNS, ""), "start": 0, "end": 1, "confidence": 1.0}
>>> rows = [
...     {"doc_id": "a", "event_id": "a1", "person": "Lt. Col. Tun Aye", "event_type": "defection",
...      "date": "2022-03-12", "granularity": "day", "date_start": "2022-03-12",
...      "date_end": "2022-03-12", "published": "2022-06-01"},
...     {"doc_id": "b", "event_id": "b1", "person": "Tun Aye", "event_type": "desertion",
...      "date": "2022-03", "granularity": "month", "date_start": "2022-03-01",
...      "date_end": "2022-03-31", "published": "2022-06-02"}]
>>> merged = merge_events(events_frame([{**blank, **row} for row in rows]))
>>> merged[["event_id", "person", "date", "event_ids", "conflict"]].to_dict("records")
[{'event_id': 'a1', 'person': 'Tun Aye', 'date': '2022-03-12', 'event_ids': ['a1', 'b1'], \
'conflict': False}]
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources as package_resources
from pathlib import Path

import numpy as np
import pandas as pd
import yaml
from rapidfuzz.distance import DamerauLevenshtein
from rapidfuzz.process import cdist

from timeline.people import load_people_resources, strip_title
from timeline.schema import EVENT_COLUMNS, MERGED_COLUMNS, SOURCE_FIELDS

GRANULARITY_RANK = {"day": 0, "month": 1, "year": 2}
_LETTERS = re.compile(r"[^\W\d_]+")
_NAME_WORD = re.compile(r"[^\W_]+")
_DOUBLED = re.compile(r"(.)\1+")
_APOSTROPHES = re.compile(r"['’]")


# Settings -------------------------------------------------------------------------------


@dataclass(frozen=True)
class MergeSettings:
    """The thresholds and word lists of ``merge.yaml``, validated."""

    fold_doubled_letters: bool
    fuzzy_min_length: int
    fuzzy_max_edits: int
    join_partial_names: bool
    surname_min_length: int
    compatible_types: tuple[tuple[str, ...], ...]
    conflict_window_days: int
    min_similarity: float
    min_shared_words: int
    stem_length: int
    ignore_words: frozenset[str]
    language: str = "en"


def merge_resource_path(language: str = "en") -> Path:
    """Where the merge settings of ``language`` live."""
    return Path(str(package_resources.files("timeline") / "resources" / language / "merge.yaml"))


@lru_cache(maxsize=4)
def load_merge_settings(language: str = "en") -> MergeSettings:
    """The merge settings of ``language`` (cached); a bad value raises ValueError naming it."""
    path = merge_resource_path(language)
    return settings_from_dict(yaml.safe_load(path.read_text(encoding="utf-8")), language)


def settings_from_dict(data: Mapping, language: str = "en") -> MergeSettings:
    """Validate the parsed YAML and build the settings."""
    names, types = data.get("names") or {}, data.get("types") or {}
    dates, quotes = data.get("dates") or {}, data.get("quotes") or {}
    groups = types.get("compatible") or []
    if not all(isinstance(g, list) and all(isinstance(t, str) for t in g) for g in groups):
        raise ValueError("merge.yaml: types.compatible must be a list of lists of type names")
    seen: set[str] = set()
    for group in groups:
        if seen & set(group):
            raise ValueError(f"merge.yaml: type {sorted(seen & set(group))[0]!r} in two groups")
        seen |= set(group)
    settings = MergeSettings(
        fold_doubled_letters=_setting(names, "fold_doubled_letters", bool),
        fuzzy_min_length=_setting(names, "fuzzy_min_length", int, 1),
        fuzzy_max_edits=_setting(names, "fuzzy_max_edits", int, 0),
        join_partial_names=_setting(names, "join_partial_names", bool),
        surname_min_length=_setting(names, "surname_min_length", int, 1),
        compatible_types=tuple(tuple(sorted(g)) for g in groups),
        conflict_window_days=_setting(dates, "conflict_window_days", int, 0),
        min_similarity=float(_setting(quotes, "min_similarity", (int, float), 0)),
        min_shared_words=_setting(quotes, "min_shared_words", int, 1),
        stem_length=_setting(quotes, "stem_length", int, 3),
        ignore_words=frozenset(w.casefold() for w in quotes.get("ignore_words") or []),
        language=language,
    )
    if settings.min_similarity > 1:
        raise ValueError("merge.yaml: quotes.min_similarity must lie between 0 and 1")
    return settings


def _setting(section: Mapping, key: str, kind, minimum: int | None = None):
    value = section.get(key)
    if not isinstance(value, kind) or (kind is not bool and isinstance(value, bool)):
        raise ValueError(f"merge.yaml: {key} is missing or not of the right type")
    if minimum is not None and value < minimum:
        raise ValueError(f"merge.yaml: {key} must be at least {minimum}")
    return value


# Names ----------------------------------------------------------------------------------


def name_words(name: str, settings: MergeSettings | None = None) -> tuple[str, ...]:
    """The words a name is compared by: titles dropped, accents, case and punctuation folded.

    >>> name_words("Lt. Col. Tun Aye"), name_words("Zaw Minn"), name_words("José Ramos")
    (('tun', 'aye'), ('zaw', 'min'), ('jose', 'ramos'))
    """
    settings = settings or load_merge_settings()
    bare, _ = strip_title(" ".join(str(name).split()), load_people_resources(settings.language))
    text = unicodedata.normalize("NFKD", _APOSTROPHES.sub("", bare))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    words = _NAME_WORD.findall(text)
    if settings.fold_doubled_letters:
        words = [_DOUBLED.sub(r"\1", w) for w in words]
    return tuple(words)


def join_names(
    counts: Mapping[str, int] | Iterable[str], settings: MergeSettings | None = None
) -> dict[str, str]:
    """Each person name of a corpus -> the name of that person everywhere ("" stays "").

    ``counts`` gives how many events each name has (the most used of the fullest forms is
    preferred). Names join when their words are equal after folding, when one word of a
    name is a close spelling variant, or when a shorter name is a part of longer names that
    are all the same person across the corpus.

    >>> join_names({"Zaw Minn": 2, "Zaw Min": 1, "Lt. Col. Tun Aye": 1, "Sai Lin": 1,
    ...             "Sai Lin Kham": 1, "Kham": 1})
    {'Zaw Minn': 'Zaw Minn', 'Zaw Min': 'Zaw Minn', 'Lt. Col. Tun Aye': 'Tun Aye', \
'Sai Lin': 'Sai Lin Kham', 'Sai Lin Kham': 'Sai Lin Kham', 'Kham': 'Sai Lin Kham'}
    """
    settings = settings or load_merge_settings()
    if not isinstance(counts, Mapping):
        counts = {name: 1 for name in counts}
    words_of = {name: name_words(name, settings) for name in counts if str(name).strip()}
    for name, words in words_of.items():
        if not words:  # a name made of nothing but a title: compared as written
            words_of[name] = (" ".join(str(name).split()).casefold(),)
    keys = sorted(set(words_of.values()))
    union = _UnionFind(len(keys))
    index = {key: i for i, key in enumerate(keys)}
    _join_spelling_variants(keys, union, settings)
    if settings.join_partial_names or settings.surname_min_length:
        _join_partial_names(keys, index, union, settings)
    members: dict[int, list[str]] = defaultdict(list)
    for name, words in words_of.items():
        members[union.find(index[words])].append(name)
    preferred = {}
    for names in members.values():
        best = min(names, key=lambda n: (-len(words_of[n]), -counts[n], _display(n, settings)))
        for name in names:
            preferred[name] = _display(best, settings)
    return {name: preferred.get(name, "") for name in counts}


def _display(name: str, settings: MergeSettings) -> str:
    bare, _ = strip_title(" ".join(str(name).split()), load_people_resources(settings.language))
    return bare or " ".join(str(name).split())


def _join_spelling_variants(
    keys: list[tuple[str, ...]], union: _UnionFind, settings: MergeSettings
) -> None:
    """Join names equal but for one long word a small edit away (same first letter)."""
    if settings.fuzzy_max_edits == 0:
        return
    by_rest: dict[tuple, list[tuple[str, int]]] = defaultdict(list)
    for number, key in enumerate(keys):
        if len(key) < 2:
            continue
        for position, word in enumerate(key):
            if len(word) >= settings.fuzzy_min_length:
                by_rest[(position, key[:position], key[position + 1 :])].append((word, number))
    for group in by_rest.values():
        if len(group) < 2:
            continue
        words = [word for word, _ in group]
        distances = cdist(
            words,
            words,
            scorer=DamerauLevenshtein.distance,
            score_cutoff=settings.fuzzy_max_edits,
            dtype=np.int32,
        )
        for a, b in zip(*np.nonzero(distances <= settings.fuzzy_max_edits), strict=True):
            if a < b and words[a][0] == words[b][0]:
                union.join(group[a][1], group[b][1])


def _join_partial_names(
    keys: list[tuple[str, ...]],
    index: dict[tuple[str, ...], int],
    union: _UnionFind,
    settings: MergeSettings,
) -> None:
    """Join a shorter name to the longer names it is part of, when they are one person."""
    owners: dict[tuple[str, ...], set[int]] = defaultdict(set)
    for number, key in enumerate(keys):
        for form in _partial_forms(key, settings):
            owners[form].add(number)
    for key in sorted((k for k in keys if k in owners), key=lambda k: (-len(k), k)):
        roots = {union.find(owner) for owner in owners[key]}
        if len(roots) == 1:
            union.join(index[key], roots.pop())


def _partial_forms(key: tuple[str, ...], settings: MergeSettings) -> list[tuple[str, ...]]:
    forms = []
    if settings.join_partial_names:
        forms = [
            key[i:j]
            for i in range(len(key))
            for j in range(i + 2, len(key) + 1)
            if (i, j) != (0, len(key))
        ]
    if len(key) >= 2 and len(key[-1]) >= settings.surname_min_length:
        forms.append(key[-1:])
    return forms


class _UnionFind:
    """Disjoint sets over 0..n-1; the smaller index is the root, so results are stable."""

    def __init__(self, size: int):
        self.parent = list(range(size))

    def find(self, item: int) -> int:
        parent = self.parent
        root = item
        while parent[root] != root:
            root = parent[root]
        while parent[item] != root:
            parent[item], item = root, parent[item]
        return root

    def join(self, a: int, b: int) -> int:
        a, b = self.find(a), self.find(b)
        if a != b:
            a, b = min(a, b), max(a, b)
            self.parent[b] = a
        return a


# Types and quotes -----------------------------------------------------------------------


def type_class(event_type: str, settings: MergeSettings | None = None) -> str:
    """The class of compatible types an event type belongs to (the type itself if alone).

    >>> type_class("desertion") == type_class("defection"), type_class("arrest")
    (True, 'arrest')
    """
    settings = settings or load_merge_settings()
    for group in settings.compatible_types:
        if event_type in group:
            return "+".join(group)
    return event_type


def content_words(
    quote: str, person: str = "", settings: MergeSettings | None = None
) -> frozenset[str]:
    """The stems of a quote's content words: no numbers, stop words or the person's name."""
    settings = settings or load_merge_settings()
    skip = _stop_words(settings.language) | settings.ignore_words
    own = set(_LETTERS.findall(str(person).casefold()))
    stem = settings.stem_length
    return frozenset(
        word[:stem]
        for word in _LETTERS.findall(str(quote).casefold())
        if len(word) > 2 and word not in skip and word not in own
    )


def same_report(a: frozenset[str], b: frozenset[str], settings: MergeSettings) -> bool:
    """Whether two quotes' content words say the same thing (overlap of the smaller set)."""
    if not a or not b:
        return False
    shared = len(a & b)
    return shared >= settings.min_shared_words and shared / min(len(a), len(b)) >= (
        settings.min_similarity
    )


def quotes_agree(
    quote_a: str, quote_b: str, person: str = "", settings: MergeSettings | None = None
) -> bool:
    """``same_report`` on two quotes' content words.

    >>> quotes_agree("She said the army would lose control of the valley on 5 May.",
    ...              "On 6 May she told reporters the army would lose control of the valley.")
    True
    """
    settings = settings or load_merge_settings()
    return same_report(
        content_words(quote_a, person, settings), content_words(quote_b, person, settings), settings
    )


@lru_cache(maxsize=2)
def _stop_words(language: str) -> frozenset[str]:
    from spacy.util import get_lang_class

    return frozenset(w.casefold() for w in get_lang_class(language).Defaults.stop_words)


# Dates ----------------------------------------------------------------------------------


def dates_agree(date_a: str, gran_a: str, date_b: str, gran_b: str) -> bool:
    """Whether two dates agree at the coarser granularity (one period holds the other).

    >>> dates_agree("2021-05", "month", "2021-05-05", "day"), dates_agree(
    ...     "2021-05-05", "day", "2021-05-06", "day")
    (True, False)
    """
    coarser = max(GRANULARITY_RANK.get(gran_a, 0), GRANULARITY_RANK.get(gran_b, 0))
    length = (10, 7, 4)[coarser]
    return str(date_a)[:length] == str(date_b)[:length]


def _days(column: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """ISO dates as day numbers, and which of them could be read."""
    parsed = pd.to_datetime(column, format="%Y-%m-%d", errors="coerce")
    valid = parsed.notna().to_numpy()
    days = parsed.to_numpy().astype("datetime64[D]").astype(np.int64)
    return np.where(valid, days, 0), valid


# Merging --------------------------------------------------------------------------------


def merge_events(events: pd.DataFrame, settings: MergeSettings | None = None) -> pd.DataFrame:
    """One row per happening (``MERGED_COLUMNS``) from an event table of many documents.

    The event columns come from the representative source (earliest published, then
    doc_id, then offset), except ``person`` (the preferred name of the person), the date
    (the finest the sources agree on) and ``confidence`` (the highest). ``sources`` lists
    every source in that same order.
    """
    settings = settings or load_merge_settings()
    frame = events.loc[:, EVENT_COLUMNS].reset_index(drop=True)
    if frame.empty:
        return _empty_merged()
    names = join_names(frame["person"].value_counts().to_dict(), settings)
    written = frame["person"]
    frame["person"] = written.map(names).fillna("")
    classes = {t: type_class(t, settings) for t in frame["event_type"].unique()}
    table = _keyed_table(frame, classes)
    groups = _exact_groups(table)
    union = _UnionFind(len(groups))
    _join_close_groups(frame.assign(written=written), table, groups, union, settings)
    roots = np.fromiter((union.find(g) for g in range(len(groups))), np.int64, len(groups))
    table["cluster"] = roots[table["group"].to_numpy()]
    return _assemble(frame, table)


def _empty_merged() -> pd.DataFrame:
    frame = pd.DataFrame(columns=MERGED_COLUMNS)
    for column in ("start", "end", "source_count"):
        frame[column] = frame[column].astype("int64")
    frame["confidence"] = frame["confidence"].astype("float64")
    frame["conflict"] = frame["conflict"].astype(bool)
    return frame


def _keyed_table(frame: pd.DataFrame, classes: dict[str, str]) -> pd.DataFrame:
    """Numbers to block and compare by: person, type class, granularity, days, periods."""
    first, valid_first = _days(frame["date_start"])
    last, valid_last = _days(frame["date_end"])
    rank = frame["granularity"].map(GRANULARITY_RANK).fillna(0).astype(np.int64).to_numpy()
    valid = valid_first & valid_last
    start = pd.to_datetime(first.astype("datetime64[D]"))
    year = start.year.to_numpy().astype(np.int64)
    month = year * 12 + start.month.to_numpy().astype(np.int64) - 1
    period = np.select([rank == 0, rank == 1], [first, month], year)
    return pd.DataFrame(
        {
            "person": pd.factorize(frame["person"])[0],
            "kind": pd.factorize(frame["event_type"].map(classes))[0],
            "rank": rank,
            "first": first,
            "last": np.where(valid, last, first),
            "year": year,
            "month": month,
            "period": period,
            "valid": valid,
            "date": pd.factorize(frame["date"])[0],
        }
    )


def _exact_groups(table: pd.DataFrame) -> pd.DataFrame:
    """Number the events by (person, class, date, granularity); one row per such group."""
    keys = ["person", "kind", "date", "rank"]
    table["group"] = table.groupby(keys, sort=False).ngroup().to_numpy()
    groups = table.drop_duplicates("group").set_index("group").sort_index()
    return groups


def _join_close_groups(
    frame: pd.DataFrame,
    table: pd.DataFrame,
    groups: pd.DataFrame,
    union: _UnionFind,
    settings: MergeSettings,
) -> None:
    """Join exact groups that are one happening: close dates with the same story, and
    coarse dates that hold exactly one finer happening."""
    close = _close_pairs(groups, settings.conflict_window_days)
    nested_months = _nested_pairs(groups, coarse=1, finer=(0,), on="month")
    nested_years = _nested_pairs(groups, coarse=2, finer=(0, 1), on="year")
    involved = np.unique(
        np.concatenate([p.to_numpy().ravel() for p in (close, nested_months, nested_years)])
    )
    if not len(involved):
        return
    rows = table.index[table["group"].isin(involved)].to_numpy()
    docs: dict[int, dict[str, str]] = defaultdict(dict)
    members: dict[int, list[int]] = defaultdict(list)
    group_of = table["group"].to_numpy()
    doc_ids, dates = frame["doc_id"].to_numpy(), frame["date"].to_numpy()
    for row in rows:
        docs[group_of[row]][doc_ids[row]] = dates[row]
        members[group_of[row]].append(row)

    def compatible(a: int, b: int) -> bool:
        """Two events of one document join only when that document gives one date."""
        small, large = sorted((docs[a], docs[b]), key=len)
        return all(large.get(doc, date) == date for doc, date in small.items())

    def join(a: int, b: int) -> None:
        a, b = union.find(a), union.find(b)
        if a != b and compatible(a, b):
            root = union.join(a, b)
            other = b if root == a else a
            docs[root].update(docs.pop(other))

    words = _WordCache(frame, settings)
    for a, b in close.itertuples(index=False):
        if any(same_report(words[x], words[y], settings) for x in members[a] for y in members[b]):
            join(a, b)
    for pairs in (nested_months, nested_years):
        for coarse, finer in pairs.groupby("coarse", sort=True)["finer"]:
            roots = {union.find(f) for f in finer}
            if len(roots) == 1:
                join(coarse, roots.pop())


class _WordCache:
    """Content words of an event's quote, computed once per row."""

    def __init__(self, frame: pd.DataFrame, settings: MergeSettings):
        self.quotes = frame["quote"].to_numpy()
        self.people = (frame["person"] + " " + frame["written"]).to_numpy()
        self.settings = settings
        self.cache: dict[int, frozenset[str]] = {}

    def __getitem__(self, row: int) -> frozenset[str]:
        if row not in self.cache:
            self.cache[row] = content_words(self.quotes[row], self.people[row], self.settings)
        return self.cache[row]


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


# Assembling -----------------------------------------------------------------------------


def _assemble(frame: pd.DataFrame, table: pd.DataFrame) -> pd.DataFrame:
    """One row per cluster: the representative's columns, the agreed date, the sources."""
    published = pd.factorize(frame["published"], sort=True)[0]
    doc = pd.factorize(frame["doc_id"], sort=True)[0]
    order = np.lexsort((frame["start"].to_numpy(), doc, published, table["cluster"].to_numpy()))
    events = frame.take(order).reset_index(drop=True)
    keys = table.take(order).reset_index(drop=True)
    cluster = keys["cluster"].to_numpy()
    heads = np.flatnonzero(np.r_[True, cluster[1:] != cluster[:-1]])
    ends = np.r_[heads[1:], len(cluster)]

    merged = events.take(heads).reset_index(drop=True)
    finest = pd.Series(keys["rank"].to_numpy()).groupby(cluster, sort=True).idxmin().to_numpy()
    for column in ("date", "granularity", "date_start", "date_end", "date_text"):
        merged[column] = events[column].to_numpy()[finest]
    merged["confidence"] = np.maximum.reduceat(events["confidence"].to_numpy(), heads)
    first, last = keys["first"].to_numpy(), keys["last"].to_numpy()
    conflict = np.maximum.reduceat(first, heads) > np.minimum.reduceat(last, heads)
    ids = events["event_id"].to_numpy()
    records = _source_records(events)
    merged["event_ids"] = [ids[s:e].tolist() for s, e in zip(heads, ends, strict=True)]
    merged["sources"] = [records[s:e] for s, e in zip(heads, ends, strict=True)]
    merged["source_count"] = (ends - heads).astype(np.int64)
    merged["conflict"] = conflict
    merged["conflict_dates"] = [[] for _ in heads]
    for position in np.flatnonzero(conflict):
        _settle_conflict(merged, position, events.iloc[heads[position] : ends[position]])
    merged = merged.sort_values(["date_start", "doc_id", "start"], kind="stable")
    return merged.reset_index(drop=True).loc[:, MERGED_COLUMNS]


def _source_records(events: pd.DataFrame) -> list[dict]:
    columns = [events[f].tolist() for f in SOURCE_FIELDS]
    return [dict(zip(SOURCE_FIELDS, values, strict=True)) for values in zip(*columns, strict=True)]


def _settle_conflict(merged: pd.DataFrame, position: int, members: pd.DataFrame) -> None:
    """A conflicting event: the period all sources share (if any) and the dates they give."""
    periods = members.drop_duplicates(["date", "granularity"])
    leaves = [
        row
        for row in periods.itertuples(index=False)
        if not any(
            (other.date_start, other.date_end) != (row.date_start, row.date_end)
            and row.date_start <= other.date_start
            and other.date_end <= row.date_end
            for other in periods.itertuples(index=False)
        )
    ]
    leaves.sort(key=lambda r: (r.date_start, r.date_end))
    merged.at[position, "conflict_dates"] = [row.date for row in leaves]
    merged.at[position, "date_text"] = " / ".join(dict.fromkeys(r.date_text for r in leaves))
    low, high = members["date_start"].min(), members["date_end"].max()
    if low[:7] == high[:7]:
        date, granularity, first, last = low[:7], "month", low[:8] + "01", _month_end(low)
    elif low[:4] == high[:4]:
        date, granularity, first, last = low[:4], "year", low[:4] + "-01-01", low[:4] + "-12-31"
    else:
        return  # no period holds them all: the representative's date stays
    merged.loc[position, ["date", "granularity", "date_start", "date_end"]] = [
        date,
        granularity,
        first,
        last,
    ]


def _month_end(iso_day: str) -> str:
    return (pd.Timestamp(iso_day[:8] + "01") + pd.offsets.MonthEnd(0)).date().isoformat()
