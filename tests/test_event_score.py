"""The project's event scorer on small hand-made cases with known answers."""

from __future__ import annotations

import pytest

from timeline.evaluate.events import score_events

TEXT = "On 7 October, Jane Doe left her base. In June, John Roe was sent north. It rained."
GOLD = [
    {
        "person": "Jane Doe",
        "event_type": "defection",
        "date": "2021-10-07",
        "granularity": "day",
        "required": "yes",
        "quote": "On 7 October, Jane Doe left her base.",
    },
    {
        "person": "John Roe|",
        "event_type": "deployment",
        "date": "2021-06",
        "granularity": "month",
        "required": "yes",
        "quote": "In June, John Roe was sent north.",
    },
    {
        "person": "",
        "event_type": "other",
        "date": "2021",
        "granularity": "year",
        "required": "optional",
        "quote": "It rained.",
    },
]


def event(person, kind, date, gran, quote):
    return {"person": person, "event_type": kind, "date": date, "granularity": gran, "quote": quote}


def test_perfect_system_scores_one():
    extracted = [
        event(g["person"].split("|")[0], g["event_type"], g["date"], g["granularity"], g["quote"])
        for g in GOLD[:2]
    ]
    score = score_events(TEXT, GOLD, extracted)
    assert (score.tp, score.fp, score.fn) == (2, 0, 0)
    assert score.f1 == 1.0 and score.typed_f1 == 1.0


def test_empty_system_scores_zero():
    score = score_events(TEXT, GOLD, [])
    assert (score.tp, score.fp, score.fn) == (0, 0, 2)
    assert score.f1 == 0.0


@pytest.mark.parametrize(
    ("extracted", "tp", "fp", "typed_tp"),
    [
        # wrong person
        (
            [
                event(
                    "John Roe",
                    "defection",
                    "2021-10-07",
                    "day",
                    "On 7 October, Jane Doe left her base.",
                )
            ],
            0,
            1,
            0,
        ),
        # day-level extraction of a month-level gold row does not match
        (
            [
                event(
                    "John Roe",
                    "deployment",
                    "2021-06-01",
                    "day",
                    "In June, John Roe was sent north.",
                )
            ],
            0,
            1,
            0,
        ),
        # empty alternative accepts any person; wrong type still matches
        ([event("", "other", "2021-06", "month", "In June, John Roe was sent north.")], 1, 0, 0),
        # optional rows are neither right nor wrong
        ([event("", "other", "2021", "year", "It rained.")], 0, 0, 0),
        # duplicates count as false positives
        (
            [
                event(
                    "Jane Doe",
                    "defection",
                    "2021-10-07",
                    "day",
                    "On 7 October, Jane Doe left her base.",
                )
            ]
            * 2,
            1,
            1,
            1,
        ),
        # a quote that does not overlap
        ([event("Jane Doe", "defection", "2021-10-07", "day", "It rained.")], 0, 1, 0),
    ],
)
def test_matching_rule(extracted, tp, fp, typed_tp):
    score = score_events(TEXT, GOLD, extracted)
    assert (score.tp, score.fp, score.typed_tp) == (tp, fp, typed_tp)


def test_gold_quote_must_be_in_text():
    with pytest.raises(ValueError, match="gold quote not found"):
        score_events(TEXT, [dict(GOLD[0], quote="Not in the text.")], [])
