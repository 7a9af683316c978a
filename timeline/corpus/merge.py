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

>>> from timeline.output.schema import EVENT_COLUMNS, events_frame
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

import calendar
import dataclasses
import itertools
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
import yaml
from rapidfuzz.distance import DamerauLevenshtein
from rapidfuzz.process import cdist

from timeline.extract.people import load_people_resources, strip_title
from timeline.output.schema import EVENT_COLUMNS, MERGED_COLUMNS, SOURCE_FIELDS
from timeline.resources import resource_path

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
    #: the ignored words and the language's stop words, which no quote comparison counts
    skipped_words: frozenset[str] = frozenset()


def merge_resource_path(language: str = "en") -> Path:
    """Where the merge settings of ``language`` live."""
    return resource_path(language, "merge.yaml")


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
    settings = dataclasses.replace(
        settings, skipped_words=_stop_words(language) | settings.ignore_words
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
    preferred; see ``_preference``). Names join when their words are equal after folding,
    when one word of a name is a close spelling variant, or when a shorter name is a part
    of longer names that are all the same person across the corpus.

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
        best = min(names, key=lambda n: _preference(n, len(words_of[n]), counts[n], settings))
        for name in names:
            preferred[name] = _display(best, settings)
    return {name: preferred.get(name, "") for name in counts}


def _preference(name: str, words: int, count: int, settings: MergeSettings) -> tuple:
    """Sort key of the name a person is shown by: the fullest, the most used, not in
    capitals, the longest spelling, with accents, then alphabetical."""
    shown = _display(name, settings)
    accents = sum(not c.isascii() for c in shown)
    return (-words, -count, shown.isupper(), -len(shown), -accents, shown)


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

    def roots(self) -> np.ndarray:
        """The root of every item, by pointer jumping over the whole array at once."""
        parent = np.asarray(self.parent, dtype=np.int64)
        while True:
            grand = parent[parent]
            if np.array_equal(grand, parent):
                return parent
            parent = grand

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
    """The stems of a quote's content words: no numbers, stop words or the person's name.

    >>> sorted(content_words("Tun Aye said the army had defected on 5 May.", "Tun Aye"))
    ['army', 'defect']
    """
    settings = settings or load_merge_settings()
    words = set(_LETTERS.findall(str(quote).casefold())) - settings.skipped_words
    if person:
        words -= set(_LETTERS.findall(str(person).casefold()))
    stem = settings.stem_length
    return frozenset(word[:stem] for word in words if len(word) > 2)


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


# Merging --------------------------------------------------------------------------------


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
    preferred = np.array([names.get(n, "") for n in written], dtype=object)
    keys = _keys(events, codes, preferred, settings)
    group, first = _exact_groups(keys)
    union = _UnionFind(len(first))
    people = np.array([f"{p} {w}" for p, w in zip(preferred, written, strict=True)], object)
    _join_close_groups(events, keys, group, first, people[codes], union, settings)
    roots = union.roots()
    return _assemble(events, preferred[codes], keys, roots[group])


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
    union: _UnionFind,
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
        for start, end in _spans(heads, np.r_[heads[1:], len(coarse)]):
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


# Assembling -----------------------------------------------------------------------------


def _assemble(
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
    spans = list(_spans(heads, ends))
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


_DATE_COLUMNS = ("date", "granularity", "date_start", "date_end", "date_text")


def _spans(heads: np.ndarray, ends: np.ndarray):
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
