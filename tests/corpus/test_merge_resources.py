"""merge.yaml: every setting valid, every compatible type real, every example holds."""

from __future__ import annotations

import copy

import pytest
import yaml

from timeline.corpus.merge import (
    join_names,
    load_merge_settings,
    merge_resource_path,
    quotes_agree,
    settings_from_dict,
)
from timeline.extraction.events import load_lexicon

DATA = yaml.safe_load(merge_resource_path().read_text(encoding="utf-8"))


def test_the_settings_load_and_are_in_range():
    settings = load_merge_settings()
    assert settings.fuzzy_min_length >= 3 and settings.fuzzy_max_edits in (0, 1, 2)
    assert 0 < settings.min_similarity <= 1 and settings.min_shared_words >= 1
    assert settings.conflict_window_days >= 1
    assert {"said", "may", "monday"} <= settings.ignore_words


def test_compatible_types_are_types_of_the_lexicon():
    known = {event_type.name for event_type in load_lexicon().types}
    for group in load_merge_settings().compatible_types:
        assert len(group) >= 2
        assert set(group) <= known, f"unknown type in {group}"


@pytest.mark.parametrize(("a", "b"), DATA["names"]["examples"]["same"])
def test_same_name_examples_join(a: str, b: str):
    joined = join_names({a: 1, b: 1})
    assert joined[a] == joined[b]


@pytest.mark.parametrize(("a", "b"), DATA["names"]["examples"]["different"])
def test_different_name_examples_stay_apart(a: str, b: str):
    joined = join_names({a: 1, b: 1})
    assert joined[a] != joined[b]


@pytest.mark.parametrize(("a", "b"), DATA["quotes"]["examples"]["similar"])
def test_similar_quote_examples_agree(a: str, b: str):
    assert quotes_agree(a, b)


@pytest.mark.parametrize(("a", "b"), DATA["quotes"]["examples"]["unrelated"])
def test_unrelated_quote_examples_do_not_agree(a: str, b: str):
    assert not quotes_agree(a, b)


@pytest.mark.parametrize(
    ("section", "key", "value", "message"),
    [
        ("names", "fuzzy_min_length", "five", "fuzzy_min_length"),
        ("names", "fuzzy_max_edits", -1, "fuzzy_max_edits"),
        ("dates", "conflict_window_days", None, "conflict_window_days"),
        ("quotes", "min_similarity", 1.5, "min_similarity"),
        ("quotes", "stem_length", True, "stem_length"),
        ("types", "compatible", [["defection", "desertion"], ["desertion", "escape"]], "two"),
    ],
)
def test_a_bad_value_is_named(section: str, key: str, value, message: str):
    data = copy.deepcopy(DATA)
    data[section][key] = value
    with pytest.raises(ValueError, match=message):
        settings_from_dict(data)
