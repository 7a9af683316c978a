"""Year-less dates and bare weekdays follow the tense of the verb nearest to them.

Sentences written for these tests; the publication date is Sunday 21 November 2021.
"""

from __future__ import annotations

import pytest

from timeline.extraction.temporal import find_timexes, tag_timexes

PUBLISHED = "2021-11-21"  # a Sunday


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        # A past verb next to the date wins over a future verb in another clause.
        ("The company said on Friday that it will close two plants.", "Friday", "2021-11-19"),
        ("Shares fell on Monday amid fears that rates will rise.", "Monday", "2021-11-15"),
        ("Ministers had agreed on Thursday on a plan to cut tariffs.", "Thursday", "2021-11-18"),
        # An infinitive after a gerund has no tense of its own: the past verb before it tells.
        # A reduced relative clause with a past participle tells of the past.
        ("The budget unveiled in March drew protests.", "March", "2021-03"),
        # A clause describing the noun after the date has a tense of its own.
        (
            "She spoke to the paper by phone on Friday from a flat she cannot leave.",
            "Friday",
            "2021-11-19",
        ),
        (
            "He was last seen by his cousins on Tuesday at a camp they will close.",
            "Tuesday",
            "2021-11-16",
        ),
        # Modal and future verbs look forward.
        ("The merger should be finished in March.", "March", "2022-03"),
        ("The ferry will sail on Wednesday.", "Wednesday", "2021-11-24"),
        # Present tense and infinitives take the nearest occurrence.
        ("The hearing is set to open on Tuesday.", "Tuesday", "2021-11-23"),
        ("The panel meets on Friday.", "Friday", "2021-11-19"),
        ("Talks are planned for December 2.", "December 2", "2021-12-02"),
        ("The union has until January to answer.", "January", "2022-01"),
        # Future words in the clause point forward even with a present or past verb.
        ("The ferry is not due until February.", "February", "2022-02"),
        ("A January 12 hearing has been scheduled.", "January 12", "2022-01-12"),
        ("The firm has a deadline set at March 1 to repay.", "March 1", "2022-03-01"),
        # A reporting verb set in commas says who tells it, not when it happened.
        ("On 2 February, she says, the guards left the gate open.", "2 February", "2021-02-02"),
        ("In January, he recalls, his unit moved north.", "January", "2021-01"),
        # Without the commas the present tense is the clause's own.
        ("She says she flies home on 2 December.", "2 December", "2021-12-02"),
    ],
)
def test_the_nearest_verb_places_the_date(text, expression, value):
    found = {t.text: t.value for t in find_timexes(text, published=PUBLISHED)}
    assert found.get(expression) == value, found


def test_without_tags_a_future_marker_in_the_sentence_decides():
    past = tag_timexes("He spoke on Friday.", PUBLISHED)
    future = tag_timexes("He will speak on Friday.", PUBLISHED)
    assert [t.value for t in past] == ["2021-11-19"]
    assert [t.value for t in future] == ["2021-11-26"]


def test_a_capitalised_name_the_tagger_reads_as_a_verb_sets_no_tense():
    timexes = tag_timexes("On 1 January, Nguyễn Myo Htet left his base.", PUBLISHED)
    assert [t.value for t in timexes] == ["2021-01-01"]


def test_an_infinitive_after_a_gerund_has_no_tense_of_its_own():
    # Published on a Thursday: the Saturday before, not the one to come.
    text = (
        "Ashby absconded from HMP Fenwick on Saturday evening after failing to return to his "
        "unit, police said."
    )
    found = {t.text: t.value for t in find_timexes(text, published="2021-11-18")}
    assert found["Saturday evening"] == "2021-11-13TEV"


def test_an_infinitive_under_a_participle_has_no_tense_and_a_progressive_keeps_its_own():
    # Published on a Thursday: the Sunday before; "is asking" looks ahead as before.
    posted = "His sister posted a message on Facebook on Sunday urging him to give himself up."
    asking = "His sister is asking him to come home on Sunday."
    assert find_timexes(posted, published="2021-11-18")[0].value == "2021-11-14"
    assert find_timexes(asking, published="2021-11-18")[0].value == "2021-11-21"
