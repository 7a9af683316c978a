"""The extractor as a SemEval-2015 system, on a tiny hand-made document with known answers."""

from __future__ import annotations

import pytest
from cat_samples import cat_xml

from timeline.evaluate.cat import parse_cat
from timeline.evaluate.semeval2015 import Timeline, TimelineLine, score_timeline
from timeline.evaluate.semeval2015_pipeline import PipelineSystem, date_anchor

SENTENCES = [
    ["Acme", "Corp", "buys", "Widget"],
    ["June", "13", ",", "2005"],
    ["Acme", "Corp", "bought", "Widget", "on", "June", "10", ",", "2005", "."],
    ["The", "company", "was", "founded", "in", "2001", "."],
    ["Acme", "Corp", "will", "sell", "it", "."],
    ["Widget", "will", "make", "toys", "."],
]
DOC = parse_cat(cat_xml(SENTENCES))

#: What the system must give: dated words at their dates (cut to their precision),
#: reported undated ones at the creation time, the rest unplaced.
EXPECTED = {
    "Acme Corp": [
        TimelineLine(0, "XXXX-XX-XX", ("4764-4-sell",)),
        TimelineLine(1, "2001-XX-XX", ("4764-3-founded",)),
        TimelineLine(2, "2005-06-10", ("4764-2-bought",)),
        TimelineLine(3, "2005-06-13", ("4764-0-buys",)),
    ],
    "Widget": [
        TimelineLine(0, "XXXX-XX-XX", ("4764-5-make",)),
        TimelineLine(1, "2005-06-10", ("4764-2-bought",)),
        TimelineLine(2, "2005-06-13", ("4764-0-buys",)),
    ],
}


@pytest.fixture(scope="module")
def timelines():
    return PipelineSystem()(["Acme Corp", "Widget", "Nobody"], [DOC])


def test_timelines_of_the_hand_made_document(timelines):
    assert {e: t.lines for e, t in timelines.items() if t.lines} == EXPECTED
    assert timelines["Nobody"].lines == []


def test_the_expected_timelines_score_100_against_themselves_and_0_when_empty(timelines):
    gold = Timeline("Acme Corp", EXPECTED["Acme Corp"])
    assert score_timeline(gold, timelines["Acme Corp"]).f1 == 1.0
    assert score_timeline(gold, Timeline("Acme Corp")).f1 == 0.0


def test_undated_words_left_unplaced_when_dct_anchoring_is_off():
    found = PipelineSystem(undated_at_dct=False)(["Acme Corp"], [DOC])["Acme Corp"]
    assert [(line.position, line.mentions) for line in found.lines if line.position] == [
        (1, ("4764-3-founded",)),
        (2, ("4764-2-bought",)),
    ]


@pytest.mark.parametrize(
    ("date", "granularity", "anchor"),
    [("2008-03-01", "day", "2008-03-01"), ("2008-03", "month", "2008-03-XX"),
     ("2008", "year", "2008-XX-XX"), ("", "", None)],
)  # fmt: skip
def test_date_anchor(date, granularity, anchor):
    assert date_anchor(date, granularity) == anchor
