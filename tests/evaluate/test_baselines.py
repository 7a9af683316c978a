"""The dateparser and spaCy baselines: values, offsets, types."""

from __future__ import annotations

from datetime import datetime

import pytest

from timeline.evaluate.baselines import (
    SpacyDateparserTagger,
    dateparser_search_tagger,
    timex_value,
)


@pytest.mark.parametrize(
    ("moment", "period", "value"),
    [
        (datetime(2013, 3, 22), "day", "2013-03-22"),
        (datetime(2013, 3, 22), "month", "2013-03"),
        (datetime(2009, 3, 22), "year", "2009"),
        (datetime(2013, 3, 15), "week", "2013-W11"),
        (datetime(2013, 3, 22, 15, 5), "time", "2013-03-22T15:05"),
    ],
)
def test_timex_value_keeps_the_granularity(moment, period, value):
    assert timex_value(moment, period) == value


def test_dateparser_baseline_recovers_offsets_and_uses_the_dct():
    text = "The vote was on March 3, 2012 and again in 2014."
    timexes = dateparser_search_tagger(text, published="2013-03-22")
    assert timexes, "search_dates found nothing"
    for timex in timexes:
        assert text[timex.start : timex.end] == timex.text
    assert "2012-03-03" in [t.value for t in timexes]


@pytest.fixture(scope="module")
def spacy_tagger():
    return SpacyDateparserTagger()


def test_spacy_baseline_types_and_values(spacy_tagger):
    text = "Officials said on March 3, 2012 that the plant would close."
    timexes = spacy_tagger(text, published="2013-03-22")
    assert [(t.text, t.type, t.value) for t in timexes] == [("March 3, 2012", "DATE", "2012-03-03")]
    assert text[timexes[0].start : timexes[0].end] == "March 3, 2012"
