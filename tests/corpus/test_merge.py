"""Merging events across documents: tables of cases, each a small event table."""

from __future__ import annotations

import calendar

import pandas as pd
import pytest

from timeline.corpus.merge import dates_agree, join_names, merge_events, type_class
from timeline.output.schema import EVENT_COLUMNS, MERGED_COLUMNS, SOURCE_FIELDS, events_frame

SPEECH = "told a crowd that the army would lose control of the valley before the rains"
REWORDED = "said the army would soon lose control of the valley, before the rains came"
OTHER = "announced that a new school for displaced children had opened near the camp"


def event(
    doc: str,
    person: str,
    kind: str,
    date: str,
    quote: str = "",
    published: str = "2022-06-30",
    start: int = 0,
) -> dict:
    """One extracted event; the period and granularity follow from the date's length."""
    granularity = {4: "year", 7: "month", 10: "day"}[len(date)]
    if granularity == "day":
        first = last = date
    elif granularity == "month":
        days = calendar.monthrange(int(date[:4]), int(date[5:7]))[1]
        first, last = f"{date}-01", f"{date}-{days:02d}"
    else:
        first, last = f"{date}-01-01", f"{date}-12-31"
    quote = quote or f"{person or 'Someone'} was in the news ({kind})."
    return {
        "doc_id": doc,
        "event_id": f"{doc}-{start}",
        "person": person,
        "event_type": kind,
        "date": date,
        "granularity": granularity,
        "date_start": first,
        "date_end": last,
        "date_text": date,
        "quote": quote,
        "start": start,
        "end": start + len(quote),
        "confidence": 0.8,
        "title": f"Title of {doc}",
        "url": f"https://{doc}.example/story",
        "published": published,
    }


def merged_of(*rows: dict) -> pd.DataFrame:
    return merge_events(events_frame(list(rows)))


def groups(merged: pd.DataFrame) -> list[list[str]]:
    """The event ids of each merged event, sorted, for comparing partitions."""
    return sorted(sorted(ids) for ids in merged["event_ids"])


# Names ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        # a rank, a doubled letter, accents and case do not make another person
        ({"Lt. Col. Tun Aye": 1, "Tun Aye": 1}, {"Lt. Col. Tun Aye": "Tun Aye"}),
        ({"Zaw Minn": 2, "Zaw Min": 1}, {"Zaw Min": "Zaw Minn"}),
        ({"José Ramos": 1, "JOSE RAMOS": 1}, {"JOSE RAMOS": "José Ramos"}),
        # one long word a letter away, same first letter
        ({"Kyaw Thein": 1, "Kyaw Thien": 3}, {"Kyaw Thein": "Kyaw Thien"}),
        # the fullest form is preferred, then the most used
        ({"Sai Lin": 5, "Sai Lin Htoo": 1}, {"Sai Lin": "Sai Lin Htoo"}),
        # a bare surname joins the only person who has it
        ({"Ramos": 1, "José Ramos": 1}, {"Ramos": "José Ramos"}),
    ],
)
def test_name_variants_join(names: dict[str, int], expected: dict[str, str]):
    joined = join_names(names)
    for name, person in expected.items():
        assert joined[name] == person


@pytest.mark.parametrize(
    "names",
    [
        ["Zaw Min", "Zaw Win"],  # short words must match exactly
        ["Jason Smith", "Mason Smith"],  # another first letter is another name
        ["Aung Kyaw", "Aung Kyaw Moe", "Aung Kyaw Lin"],  # two people fit the short form
        ["Doe", "Jane Doe", "John Doe"],  # an ambiguous bare surname stays alone
        ["Tun", "Tun Aye"],  # a first name is no surname
        ["Aye", "Tun Aye"],  # a surname shorter than the YAML's minimum stays alone
    ],
)
def test_different_people_stay_apart(names: list[str]):
    joined = join_names(dict.fromkeys(names, 1))
    assert joined == {name: name for name in names}


def test_no_named_person_merges_only_with_no_named_person():
    rows = [
        event("a", "", "attack", "2022-05-05", "Troops attacked the village on 5 May."),
        event("b", "", "attack", "2022-05-05", "The village was attacked on 5 May."),
        event("c", "Tun Aye", "attack", "2022-05-05", "Tun Aye attacked the village on 5 May."),
    ]
    merged = merged_of(*rows)
    assert groups(merged) == [["a-0", "b-0"], ["c-0"]]
    assert merged.set_index("event_id").loc["a-0", "person"] == ""


def test_the_same_person_across_documents_under_name_variants():
    rows = [
        event("a", "Lt. Col. Tun Aye", "defection", "2022-03-12"),
        event("b", "Tun Aye", "defection", "2022-03-12"),
        event("c", "Zaw Minn", "arrest", "2022-04-20"),
        event("d", "Zaw Min", "arrest", "2022-04-20"),
    ]
    merged = merged_of(*rows)
    assert groups(merged) == [["a-0", "b-0"], ["c-0", "d-0"]]
    assert sorted(merged["person"]) == ["Tun Aye", "Zaw Minn"]


# Types ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "second", "merge"),
    [
        ("defection", "escape", True),
        ("arrest", "imprisonment", True),
        ("arrest", "arrest", True),
        ("arrest", "release", False),
        ("defection", "arrest", False),
        ("statement", "protest", False),
    ],
)
def test_type_compatibility(first: str, second: str, merge: bool):
    assert (type_class(first) == type_class(second)) is merge
    merged = merged_of(
        event("a", "Tun Aye", first, "2022-03-12"), event("b", "Tun Aye", second, "2022-03-12")
    )
    assert len(merged) == (1 if merge else 2)


# Dates ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "agree"),
    [
        ("2021-05", "2021-05-05", True),
        ("2021", "2021-05-05", True),
        ("2021", "2021-05", True),
        ("2021-05-05", "2021-05-05", True),
        ("2021-05-05", "2021-05-06", False),
        ("2021-05", "2021-06-01", False),
        ("2021", "2022-01", False),
    ],
)
def test_dates_agree_at_the_coarser_granularity(a: str, b: str, agree: bool):
    gran = {4: "year", 7: "month", 10: "day"}
    assert dates_agree(a, gran[len(a)], b, gran[len(b)]) is agree
    merged = merged_of(event("x", "Tun Aye", "arrest", a), event("y", "Tun Aye", "arrest", b))
    assert len(merged) == (1 if agree else 2)
    if agree:
        finest = max((a, b), key=len)
        assert merged.loc[0, "date"] == finest and not merged.loc[0, "conflict"]
        assert merged.loc[0, "granularity"] == gran[len(finest)]
        assert merged.loc[0, "conflict_dates"] == []


def test_a_month_holding_two_happenings_joins_neither():
    rows = [
        event("a", "Tun Aye", "arrest", "2022-05-05", "Tun Aye was arrested at the border."),
        event("b", "Tun Aye", "arrest", "2022-05-20", "Tun Aye was detained in the capital."),
        event("c", "Tun Aye", "arrest", "2022-05", "Tun Aye was arrested in May."),
    ]
    assert groups(merged_of(*rows)) == [["a-0"], ["b-0"], ["c-0"]]


def test_a_year_joins_a_month_and_day_that_are_one_happening():
    rows = [
        event("a", "Tun Aye", "release", "2022-06-18"),
        event("b", "Tun Aye", "release", "2022-06"),
        event("c", "Tun Aye", "release", "2022"),
    ]
    merged = merged_of(*rows)
    assert groups(merged) == [["a-0", "b-0", "c-0"]]
    assert merged.loc[0, ["date", "granularity", "date_start", "date_end"]].tolist() == [
        "2022-06-18",
        "day",
        "2022-06-18",
        "2022-06-18",
    ]


# Conflicts ------------------------------------------------------------------------------


def test_close_dates_with_the_same_story_merge_as_a_conflict():
    rows = [
        event("a", "Sai Lin Htoo", "statement", "2022-05-05", f"Sai Lin Htoo {SPEECH}."),
        event("b", "Sai Lin Htoo", "statement", "2022-05-06", f"Sai Lin Htoo {REWORDED}."),
    ]
    merged = merged_of(*rows)
    assert len(merged) == 1
    row = merged.iloc[0]
    assert bool(row["conflict"]) is True
    assert row["conflict_dates"] == ["2022-05-05", "2022-05-06"]
    assert (row["date"], row["granularity"]) == ("2022-05", "month")
    assert [s["date"] for s in row["sources"]] == ["2022-05-05", "2022-05-06"]


def test_a_conflict_across_months_keeps_the_year_and_across_years_the_representative():
    across_months = merged_of(
        event("a", "Sai Lin Htoo", "statement", "2022-04-30", f"Sai Lin Htoo {SPEECH}."),
        event("b", "Sai Lin Htoo", "statement", "2022-05-01", f"Sai Lin Htoo {REWORDED}."),
    )
    assert across_months.loc[0, ["date", "granularity"]].tolist() == ["2022", "year"]
    across_years = merged_of(
        event(
            "a", "Sai Lin Htoo", "statement", "2021-12-31", f"Sai Lin Htoo {SPEECH}.", "2022-01-01"
        ),
        event(
            "b",
            "Sai Lin Htoo",
            "statement",
            "2022-01-01",
            f"Sai Lin Htoo {REWORDED}.",
            "2022-01-02",
        ),
    )
    assert across_years.loc[0, ["date", "conflict"]].tolist() == ["2021-12-31", True]
    assert across_years.loc[0, "conflict_dates"] == ["2021-12-31", "2022-01-01"]


@pytest.mark.parametrize(
    ("second_date", "second_quote"),
    [
        ("2022-05-06", f"Sai Lin Htoo {OTHER}."),  # a day apart, another story
        ("2022-05-09", f"Sai Lin Htoo {REWORDED}."),  # the same story, too far apart
    ],
)
def test_different_happenings_of_one_person_do_not_merge(second_date: str, second_quote: str):
    rows = [
        event("a", "Sai Lin Htoo", "statement", "2022-05-05", f"Sai Lin Htoo {SPEECH}."),
        event("b", "Sai Lin Htoo", "statement", second_date, second_quote),
    ]
    merged = merged_of(*rows)
    assert len(merged) == 2
    assert not merged["conflict"].any()


# One document ---------------------------------------------------------------------------


def test_events_of_one_document_merge_only_when_their_dates_are_identical():
    rows = [
        event("a", "Sai Lin Htoo", "statement", "2022-05-05", f"Sai Lin Htoo {SPEECH}.", start=0),
        event("a", "Sai Lin Htoo", "statement", "2022-05-06", f"He {REWORDED}.", start=200),
        event("a", "Sai Lin Htoo", "statement", "2022-05", "In May he spoke.", start=400),
    ]
    assert groups(merged_of(*rows)) == [["a-0"], ["a-200"], ["a-400"]]
    same_day = [
        event("a", "Tun Aye", "arrest", "2022-05-05", "Tun Aye was arrested on 5 May.", start=0),
        event(
            "a", "Tun Aye", "arrest", "2022-05-05", "His arrest on 5 May shocked many.", start=90
        ),
    ]
    assert groups(merged_of(*same_day)) == [["a-0", "a-90"]]


def test_a_document_giving_two_dates_blocks_a_chain_that_would_join_them():
    rows = [
        event("a", "Sai Lin Htoo", "statement", "2022-05-05", f"Sai Lin Htoo {SPEECH}.", start=0),
        event("a", "Sai Lin Htoo", "statement", "2022-05-06", f"He {REWORDED}.", start=200),
        event("b", "Sai Lin Htoo", "statement", "2022-05-05", f"Sai Lin Htoo {REWORDED}."),
    ]
    merged = merged_of(*rows)
    assert groups(merged) == [["a-0", "b-0"], ["a-200"]]


# The contract ---------------------------------------------------------------------------


def test_the_merged_table_keeps_the_contract():
    rows = [
        event("late", "Tun Aye", "defection", "2022-03-12", published="2022-07-01"),
        event("early", "Tun Aye", "escape", "2022-03", published="2022-06-01", start=50),
        event("solo", "Zaw Min", "arrest", "2022-04-20"),
    ]
    merged = merged_of(*rows)
    assert list(merged.columns) == MERGED_COLUMNS
    assert merged.columns[: len(EVENT_COLUMNS)].tolist() == EVENT_COLUMNS
    first = merged.set_index("event_id").loc["early-50"]
    # the earliest published source represents the happening; the finest date wins
    assert first["doc_id"] == "early" and first["event_type"] == "escape"
    assert first["date"] == "2022-03-12" and first["source_count"] == 2
    assert first["event_ids"] == ["early-50", "late-0"]
    assert [list(s) for s in first["sources"]] == [list(SOURCE_FIELDS)] * 2
    assert first["sources"][0]["quote"] == rows[1]["quote"]
    # a happening told once keeps its own event id and one source
    solo = merged.set_index("event_id").loc["solo-0"]
    assert solo["source_count"] == 1 and solo["event_ids"] == ["solo-0"]
    assert merged["start"].dtype == "int64" and merged["confidence"].dtype == "float64"


def test_merging_is_deterministic_whatever_the_row_order():
    rows = [
        event("a", "Sai Lin Htoo", "statement", "2022-05-05", f"Sai Lin Htoo {SPEECH}."),
        event("b", "Sai Lin Htoo", "statement", "2022-05-06", f"Sai Lin Htoo {REWORDED}."),
        event("c", "Tun Aye", "defection", "2022-03"),
        event("d", "Tun Aye", "escape", "2022-03-12"),
        event("e", "", "attack", "2022"),
    ]
    expected = merged_of(*rows)
    for shift in range(1, len(rows)):
        shuffled = merged_of(*rows[shift:], *rows[:shift])
        pd.testing.assert_frame_equal(shuffled, expected)


def test_an_empty_table_merges_to_an_empty_table():
    merged = merge_events(events_frame())
    assert merged.empty and list(merged.columns) == MERGED_COLUMNS
