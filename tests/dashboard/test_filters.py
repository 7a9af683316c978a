"""Filter state: applying it, and its round trip through the controls and the URL."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.dashboard.filters import (
    Filters,
    controls_from_filters,
    date_problem,
    event_matches,
    filters_from_controls,
    filters_from_query,
    filters_to_query,
    matching_positions,
)
from timeline.dashboard.labels import NO_PERSON
from timeline.dashboard.months import (
    first_day_of,
    last_day_of,
    month_days,
    month_index,
    month_iso,
    month_label,
    read_date,
)


def ids(table, filters):
    return table.frame["event_id"].to_numpy()[matching_positions(table, filters)].tolist()


def test_months():
    assert month_index("2021-06") == month_index("2021-06-15") == 2021 * 12 + 5
    assert month_index("2016") == 2016 * 12
    assert month_iso(month_index("2021-06")) == "2021-06"
    assert month_label(month_index("2021-06")) == "Jun 2021"
    first, last = month_days((month_index("2021-02"), month_index("2021-02")))
    assert last - first == 27


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("2021", "2021"),
        (" 2021-6 ", "2021-06"),
        ("2021-06-01", "2021-06-01"),
        ("2021-6-1", "2021-06-01"),
        ("", ""),
        ("2021-13", None),
        ("2021-02-30", None),
        ("21", None),
        ("2021/06", None),
        ("June 2021", None),
        ("2021-06-01-02", None),
        ("０２０２", None),
    ],
)
def test_typed_dates(typed, read):
    assert read_date(typed) == read


def test_a_typed_date_is_a_period():
    assert (first_day_of("2021"), last_day_of("2021")) == (18628, 18992)
    assert last_day_of("2024-02") - first_day_of("2024-02") == 28
    assert first_day_of("2021-06-15") == last_day_of("2021-06-15")


def test_no_filter_keeps_everything_in_date_order(sample_table):
    assert ids(sample_table, Filters()) == ["e-2016", "e-june", "e-oct", "e-nov"]


def test_people_filter_with_the_unnamed_lane(sample_table):
    assert ids(sample_table, Filters(people=("Jane Doe",))) == ["e-june", "e-oct"]
    assert ids(sample_table, Filters(people=(NO_PERSON,))) == ["e-nov"]
    assert ids(sample_table, Filters(people=("Nobody",))) == []


def test_type_filter(sample_table):
    assert ids(sample_table, Filters(types=("defection", "enlistment"))) == ["e-2016", "e-oct"]
    assert ids(sample_table, Filters(types=())) == []


def test_date_range_keeps_periods_that_overlap_it(sample_table):
    # June 2021 (a month event) overlaps a range that starts in June; 2016 does not.
    june_to_october = Filters(date_from="2021-06", date_to="2021-10")
    assert ids(sample_table, june_to_october) == ["e-june", "e-oct"]
    # A day inside June keeps the month event, and a range inside 2016 the year event.
    assert ids(sample_table, Filters(date_from="2021-06-15", date_to="2021-06-15")) == ["e-june"]
    assert ids(sample_table, Filters(date_from="2016-03", date_to="2016-03")) == ["e-2016"]
    # Open ends.
    assert ids(sample_table, Filters(date_from="2021-10-07")) == ["e-oct", "e-nov"]
    assert ids(sample_table, Filters(date_to="2016-12-31")) == ["e-2016"]
    assert ids(sample_table, Filters(date_to="2015")) == []


def test_one_event_passes_the_filters_as_the_table_does(sample_table):
    cases = [
        Filters(),
        Filters(people=("Jane Doe",)),
        Filters(people=(NO_PERSON,)),
        Filters(types=("enlistment",)),
        Filters(date_from="2021-06-15", date_to="2021-06-20"),
        Filters(date_from="2021-11"),
        Filters(text="JOINED the"),
        Filters(text="base\nand"),
    ]
    for filters in cases:
        kept = ids(sample_table, filters)
        for event_id in sample_table.frame["event_id"]:
            event = sample_table.find(event_id)
            assert event_matches(event, filters) == (event_id in kept), (filters, event_id)


def test_date_problems_are_named():
    assert date_problem("2021", "") == ("", True, True)
    message, first, last = date_problem("2021-13", "x")
    assert "“2021-13” and “x” are not dates" in message and not first and not last
    assert "after" in date_problem("2022", "2021-06")[0]


def test_text_search_is_case_insensitive_and_literal(sample_table):
    assert ids(sample_table, Filters(text="JOINED the")) == ["e-oct"]
    assert ids(sample_table, Filters(text="<img")) == ["e-nov"]
    assert ids(sample_table, Filters(text=".*")) == []
    assert ids(sample_table, Filters(text="base\nand")) == ["e-oct"]
    # Never a match across two quotes ("...a parade." then "In June, ...").
    assert ids(sample_table, Filters(text="parade.\nin june")) == []
    assert ids(sample_table, Filters(text="parade. in june")) == []


def test_filters_combine(sample_table):
    filters = Filters(people=("Jane Doe",), types=("deployment",), text="north")
    assert ids(sample_table, filters) == ["e-june"]


def test_controls_at_their_widest_mean_no_filter():
    types = ["a", "b"]
    assert filters_from_controls([], types, "", " ", "  ", "first", types) == Filters()
    narrowed = filters_from_controls(["X"], ["a"], "2021-6", "2021", " q ", "count", types)
    assert narrowed == Filters(
        people=("X",), types=("a",), date_from="2021-06", date_to="2021", text="q", order="count"
    )
    assert controls_from_filters(narrowed, types) == (["X"], ["a"], "2021-06", "2021", "q", "count")
    assert controls_from_filters(Filters(), types) == ([], ["a", "b"], "", "", "", "first")
    # Dates that cannot be read, or that end before they start, filter nothing.
    assert filters_from_controls([], types, "2021-13", "", "", "x", types) == Filters()
    assert filters_from_controls([], types, "2022", "2021", "", None, types) == Filters()


def test_query_strings():
    assert filters_to_query(Filters()) == ""
    filters = Filters(
        people=("Jane Doe", NO_PERSON),
        types=(),
        date_from="2021-06",
        date_to="2021-07-15",
        text="a&b",
        order="name",
    )
    query = filters_to_query(filters)
    assert query == (
        "?person=Jane+Doe&person=__none__&type=&from=2021-06&to=2021-07-15&q=a%26b&order=name"
    )
    assert filters_from_query(query) == filters


@pytest.mark.parametrize(
    "query",
    [
        "?from=garbage&to=2021-13",
        "?from=2021&to=20",
        "person=&type",
        "?q",
        "%%%",
        "?from=-1-01",
        "?order=sideways",
        "?from=2022&to=2021",
    ],
)
def test_unreadable_query_parts_are_ignored(query):
    filters = filters_from_query(query)
    assert filters.people == ()
    assert filters.order == "first"
    assert filters.date_from in ("", "2021") and filters.date_to == ""


names = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=12)


dates = st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)).map(
    lambda day: day.isoformat()
)
typed = st.just("") | dates | dates.map(lambda day: day[:7]) | dates.map(lambda day: day[:4])


# No deadline: the round trip is about what comes back, and a loaded CI machine took
# 369 ms over one example.
@settings(deadline=None)
@given(
    people=st.lists(names, max_size=3, unique=True),
    types=st.none() | st.lists(names, max_size=3, unique=True),
    ends=st.tuples(typed, typed),
    text=st.text(st.characters(blacklist_categories=("Cs",)), max_size=10),
    order=st.sampled_from(["first", "count", "name"]),
)
def test_query_round_trip(people, types, ends, text, order):
    first, last = ends
    if first and last and first_day_of(first) > last_day_of(last):
        first, last = last, first
        if first_day_of(first) > last_day_of(last):
            first = ""
    filters = Filters(
        people=tuple(people),
        types=None if types is None else tuple(t for t in types if t),
        date_from=first,
        date_to=last,
        text=text.strip(),
        order=order,
    )
    assert filters_from_query(filters_to_query(filters)) == filters


def test_text_search_agrees_with_a_plain_scan_for_rare_and_common_words():
    from support.synthetic import synthetic_events

    from timeline.dashboard.table import SEARCH_HITS_BEFORE_SCAN, EventTable

    table = EventTable.from_events(synthetic_events(events=6_000, people=50, seed=2))
    quotes = table.frame["quote"].str.casefold().tolist()
    for needle in ("prison", "court ruled", "e", "zzz"):
        expected = [index for index, quote in enumerate(quotes) if needle in quote]
        assert matching_positions(table, Filters(text=needle)).tolist() == expected
    assert sum("e" in quote for quote in quotes) > SEARCH_HITS_BEFORE_SCAN


def test_text_search_finds_words_after_non_ascii_text_and_across_line_breaks():
    from timeline.dashboard.table import EventTable
    from timeline.output.schema import events_frame

    from .conftest import SAMPLE_ROWS

    quotes = ["Ms Þóra Müller’s “convoy” left.", "Ünal\nwrote: STRASSE closed", "plain text"]
    rows = [dict(SAMPLE_ROWS[1], event_id=f"q{i}", quote=q) for i, q in enumerate(quotes)]
    table = EventTable.from_events(events_frame(rows))
    ids = table.frame["event_id"].tolist()

    def found(needle: str) -> list[str]:
        return sorted(ids[p] for p in matching_positions(table, Filters(text=needle)))

    assert found("convoy") == ["q0"]
    assert found("müller’s") == ["q0"]
    assert found("ünal wrote") == ["q1"]
    assert found("straße") == ["q1"]  # case-folded both ways
    assert found("text") == ["q2"]
    assert found("left.\nünal") == []  # never across two quotes
