"""Names a letter or two apart that the evidence shows are one person.

Web copies of one story misspell names ("Aung Myo Heat" for "Aung Myo Htet"). Two such
spellings are too far apart to join on their own, but when events under both names tell
the same happening (a compatible type, dates that agree, quotes that say the same thing)
they are one person.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

import pandas as pd
from rapidfuzz.distance import DamerauLevenshtein

from timeline.corpus.merge.agreement import content_words, same_report, type_class
from timeline.corpus.merge.names import name_words
from timeline.corpus.merge.settings import MergeSettings
from timeline.corpus.merge.union_find import UnionFind

#: Edits allowed in one word of a name, and the length a word needs to allow them.
NEAR_EDITS = 2
NEAR_MIN_LENGTH = 4


def near(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Same number of words, all equal but one, that one a letter or two off (letters: a
    number that differs is another name, as in "Unit 731" and "Unit 732").

    >>> near(("aung", "myo", "htet"), ("aung", "myo", "heat")), near(("tun", "aye"), ("tun", "win"))
    (True, False)
    >>> near(("cell", "1204"), ("cell", "1205"))
    False
    """
    if len(a) != len(b) or a == b:
        return False
    differ = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    if len(differ) != 1:
        return False
    x, y = differ[0]
    return (
        x.isalpha()
        and y.isalpha()
        and min(len(x), len(y)) >= NEAR_MIN_LENGTH
        and x[0] == y[0]
        and DamerauLevenshtein.distance(x, y) <= NEAR_EDITS
    )


def join_near_names(
    events: pd.DataFrame, names: Mapping[str, str], settings: MergeSettings
) -> dict[str, str]:
    """``names`` (written -> preferred) with near spellings of one person joined, where
    events under both tell one happening."""
    preferred = sorted({p for p in names.values() if p})
    words = {p: name_words(p, settings) for p in preferred}
    # Names near each other differ in one word and agree on the rest: bucket each name
    # once per word, by the other words and that word's first letter (near() asks for
    # both), so only names that could be near are compared.
    buckets: dict[tuple, list[str]] = defaultdict(list)
    for name in preferred:
        key = words[name]
        for i, word in enumerate(key):
            if word.isalpha() and len(word) >= NEAR_MIN_LENGTH:
                buckets[(len(key), i, key[:i] + key[i + 1 :], word[0])].append(name)
    pairs = sorted(
        {
            (a, b)
            for bucket in buckets.values()
            for i, a in enumerate(bucket)
            for b in bucket[i + 1 :]
            if near(words[a], words[b])
        }
    )
    if not pairs:
        return dict(names)
    wanted = {n for pair in pairs for n in pair}
    shown = events["person"].map(lambda n: names.get(n, ""))
    rows = events.loc[shown.isin(wanted)].assign(shown=shown[shown.isin(wanted)])
    reports = _reports_by_name(rows, settings)
    union = UnionFind(len(preferred))
    index = {name: i for i, name in enumerate(preferred)}
    for a, b in pairs:
        if _tell_one_happening(reports.get(a, {}), reports.get(b, {}), settings):
            union.join(index[a], index[b])
    root_name: dict[int, str] = {}
    for name in preferred:  # the most used spelling of each joined group stands for it
        root = union.find(index[name])
        best = root_name.get(root)
        if best is None or (names_count(names, name), name) > (names_count(names, best), best):
            root_name[root] = name
    return {w: root_name[union.find(index[p])] if p else p for w, p in names.items()}


def names_count(names: Mapping[str, str], preferred: str) -> int:
    """How many written names show as ``preferred``."""
    return sum(1 for shown in names.values() if shown == preferred)


#: An event as the near-name check compares it: its date and its quote's content words.
Report = tuple[str, frozenset[str]]


def _reports_by_name(
    rows: pd.DataFrame, settings: MergeSettings
) -> dict[str, dict[tuple[str, str], list[Report]]]:
    """Each name's events by type class and year, with their content words worked out once
    (a name with thousands of events is compared with each of its near spellings)."""
    reports: dict[str, dict[tuple[str, str], list[Report]]] = defaultdict(lambda: defaultdict(list))
    for name, kind, date, quote in zip(
        rows["shown"], rows["event_type"], rows["date"], rows["quote"], strict=True
    ):
        words = content_words(quote, name, settings)
        reports[name][(type_class(kind, settings), str(date)[:4])].append((str(date), words))
    return reports


def _tell_one_happening(
    a: Mapping[tuple[str, str], list[Report]],
    b: Mapping[tuple[str, str], list[Report]],
    settings: MergeSettings,
) -> bool:
    """Whether an event of ``a`` and one of ``b`` of one type class and year, with dates
    that agree as far as both go, say the same thing."""
    for key, ours in a.items():
        for other, other_words in b.get(key, ()):
            for date, words in ours:
                length = min(len(date), len(other))
                if date[:length] == other[:length] and same_report(words, other_words, settings):
                    return True
    return False
