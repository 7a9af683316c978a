"""The SemEval-2015 baseline system on a tiny hand-made document."""

from __future__ import annotations

import pytest
from cat_samples import cat_xml

from timeline.evaluate.cat import parse_cat
from timeline.evaluate.semeval2015 import TimelineLine
from timeline.evaluate.semeval2015_baseline import SentenceBaseline, anchor_of, name_variants
from timeline.evaluate.timeml import Timex


@pytest.mark.parametrize(
    ("entity", "variants"),
    [
        ("Louis Gallois", ["Louis Gallois", "Gallois"]),
        ("General Motors", ["General Motors"]),
        ("Singapore Airlines", ["Singapore Airlines"]),
        ("Bank of America", ["Bank of America"]),
        ("S&P 500", ["S&P 500"]),
    ],
)
def test_name_variants(entity, variants):
    assert name_variants(entity) == variants


@pytest.mark.parametrize(
    ("value", "anchor"),
    [
        ("2008-10-09", "2008-10-09"),
        ("2008-10", "2008-10-XX"),
        ("2008", "2008-XX-XX"),
        ("2008-SU", "2008-XX-XX"),
        ("2013-03-22T14:00", "2013-03-22"),
        ("XXXX-10", None),
        ("PRESENT_REF", None),
        ("P3Y", None),
    ],
)
def test_anchor_of(value, anchor):
    assert anchor_of(value) == anchor


DOC = parse_cat(
    cat_xml(
        [
            ["Acme", "Corp", "buys", "plant"],
            ["June", "13", ",", "2005"],
            ["Acme", "Corp", "has", "bought", "a", "plant", "in", "2001", "."],
            ["The", "plant", "closed", "."],
            ["Acme", "Corp", "will", "sell", "it", "for", "three", "years", "."],
        ]
    )
)


def fake_tagger(text: str, published: str | None = None) -> list[Timex]:
    found = []
    for word, type_, value in (("2001", "DATE", "2001"), ("three years", "DURATION", "P3Y")):
        start = text.find(word)
        found.append(Timex(start, start + len(word), word, type_, value))
    return found


@pytest.fixture(scope="module")
def baseline():
    return SentenceBaseline(tagger=fake_tagger)


def test_one_event_per_sentence_naming_the_entity_anchored_to_its_date(baseline):
    timelines = baseline(["Acme Corp"], [DOC])
    assert timelines["Acme Corp"].lines == [
        TimelineLine(1, "2001-XX-XX", ("4764-2-bought",)),
        TimelineLine(2, "2005-06-13", ("4764-0-buys",)),
        TimelineLine(2, "2005-06-13", ("4764-4-sell",)),
    ]


def test_without_a_tagger_every_event_sits_at_the_dct(baseline):
    timelines = SentenceBaseline()(["Acme Corp", "Nobody"], [DOC])
    assert {line.anchor for line in timelines["Acme Corp"].lines} == {"2005-06-13"}
    assert {line.position for line in timelines["Acme Corp"].lines} == {1}
    assert timelines["Nobody"].lines == []
