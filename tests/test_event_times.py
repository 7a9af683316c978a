"""Which dates place a happening: the examples of ``resources/en/event_times.yaml``."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from timeline.extraction.events.times import is_event_time
from timeline.extraction.nlp import TokenTags, parse
from timeline.extraction.temporal import tag_timexes
from timeline.resources import resource_path

EXAMPLES = yaml.safe_load(resource_path("en", "event_times.yaml").read_text(encoding="utf-8"))[
    "examples"
]


def _timex(sentence: str, date: str):
    tags = TokenTags.from_doc(parse(sentence))
    timexes = tag_timexes(sentence, dt.date(2024, 6, 1), tags, [(0, len(sentence))])
    found = [t for t in timexes if t.text == date]
    assert found, [t.text for t in timexes]
    return found[0]


@pytest.mark.parametrize(("sentence", "date"), EXAMPLES["event_time"])
def test_a_state_begun_by_a_happening_is_dated_by_its_since(sentence, date):
    assert is_event_time(_timex(sentence, date), sentence)


@pytest.mark.parametrize(("sentence", "date"), EXAMPLES["not_event_time"])
def test_other_edges_of_states_date_nothing(sentence, date):
    assert not is_event_time(_timex(sentence, date), sentence)


def test_on_a_date_is_an_event_time():
    sentence = "He was arrested on 3 May."
    assert is_event_time(_timex(sentence, "3 May"), sentence)
