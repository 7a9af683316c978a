"""The merge settings: thresholds and word lists of ``resources/<language>/merge.yaml``,
validated once and cached, so a bad value fails loudly with its name."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from timeline.resources import resource_path


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


@lru_cache(maxsize=2)
def _stop_words(language: str) -> frozenset[str]:
    from spacy.util import get_lang_class

    return frozenset(w.casefold() for w in get_lang_class(language).Defaults.stop_words)
