"""Joining the person names of a whole corpus: spelling variants, titles and short forms.

A name is compared by its folded words (``name_words``); names join when those are equal,
when one long word is a small edit away, or when a shorter name is part of longer names
that are all one person across the corpus (``join_names``).
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping

import numpy as np
from rapidfuzz.distance import DamerauLevenshtein
from rapidfuzz.process import cdist

from timeline.corpus.merge.settings import MergeSettings, load_merge_settings
from timeline.corpus.merge.union_find import UnionFind
from timeline.extraction.people import load_people_resources, strip_title

_NAME_WORD = re.compile(r"[^\W_]+")
_DOUBLED = re.compile(r"(.)\1+")
_APOSTROPHES = re.compile(r"['’]")


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
    union = UnionFind(len(keys))
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
    keys: list[tuple[str, ...]], union: UnionFind, settings: MergeSettings
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
    union: UnionFind,
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
