"""Which dates place a happening: the examples of ``resources/en/event_times.yaml``."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from timeline.extraction.events.times import is_event_time, offset_dates
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


@pytest.mark.parametrize(
    ("sentence", "count", "value"),
    [
        (
            "The clerk was detained two days after the army seized power on 1 May 2021.",
            "two days",
            "2021-05-03",
        ),
        ("She fled a week before the vote on 9 August 2020.", "a week", "2020-08-02"),
        ("He came home three months after his arrest in May 2019.", "three months", "2019-08"),
    ],
)
def test_a_count_before_after_dates_from_the_date_it_counts_from(sentence, count, value):
    tags = TokenTags.from_doc(parse(sentence))
    timexes = tag_timexes(sentence, dt.date(2024, 6, 1), tags, [(0, len(sentence))])
    found = {shifted.text: shifted.value for shifted, _ in offset_dates(sentence, timexes)}
    assert found == {count: value}


@pytest.mark.parametrize(
    "sentence",
    [
        # The verb's own date stands after a comma: the count says nothing more.
        "Twelve days after the call-up, on the night of 8 October, he walked out.",
        # The date is written already; the count restates it.
        "He got his papers on 4 October 2022, two weeks after the decree of 21 September.",
        # Two days are finer than a month.
        "He left two days after the raid in May 2021.",
    ],
)
def test_no_date_is_counted_where_the_text_gives_it_or_cannot(sentence):
    tags = TokenTags.from_doc(parse(sentence))
    timexes = tag_timexes(sentence, dt.date(2024, 6, 1), tags, [(0, len(sentence))])
    assert offset_dates(sentence, timexes) == []


def test_a_happening_counted_from_a_date_is_dated_by_the_count():
    from timeline import extract

    text = "Ko Min was arrested three days after the election on 9 August 2020."
    rows = extract(text, published="2021-01-01")[["person", "event_type", "date"]]
    assert rows.values.tolist() == [["Ko Min", "arrest", "2020-08-12"]]
