"""Filter state: applying it, and its round trip through the controls and the URL."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeline.dashboard.filters import (
    Filters,
    controls_from_filters,
    filters_from_controls,
    filters_from_query,
    filters_to_query,
    matching_positions,
)
from timeline.dashboard.labels import NO_PERSON
from timeline.dashboard.months import month_days, month_index, month_iso, month_label


def ids(table, filters):
    return table.frame["event_id"].to_numpy()[matching_positions(table, filters)].tolist()


def test_months():
    assert month_index("2021-06") == month_index("2021-06-15") == 2021 * 12 + 5
    assert month_index("2016") == 2016 * 12
    assert month_iso(month_index("2021-06")) == "2021-06"
    assert month_label(month_index("2021-06")) == "Jun 2021"
    first, last = month_days((month_index("2021-02"), month_index("2021-02")))
    assert last - first == 27


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
    june_to_october = (month_index("2021-06"), month_index("2021-10"))
    assert ids(sample_table, Filters(months=june_to_october)) == ["e-june", "e-oct"]
    # A range inside 2016 keeps the year-precision 2016 event.
    march_2016 = (month_index("2016-03"), month_index("2016-03"))
    assert ids(sample_table, Filters(months=march_2016)) == ["e-2016"]


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
    bounds = (100, 200)
    assert filters_from_controls([], types, [100, 200], "  ", types, bounds) == Filters()
    narrowed = filters_from_controls(["X"], ["a"], [120, 130], " q ", types, bounds)
    assert narrowed == Filters(people=("X",), types=("a",), months=(120, 130), text="q")
    assert controls_from_filters(narrowed, types, bounds) == (["X"], ["a"], [120, 130], "q")
    assert controls_from_filters(Filters(), types, bounds) == ([], ["a", "b"], [100, 200], "")


def test_query_strings():
    assert filters_to_query(Filters()) == ""
    query = filters_to_query(
        Filters(people=("Jane Doe", NO_PERSON), types=(), months=(24257, 24258), text="a&b")
    )
    assert query == "?person=Jane+Doe&person=__none__&type=&from=2021-06&to=2021-07&q=a%26b"
    back = filters_from_query(query)
    assert back == Filters(
        people=("Jane Doe", NO_PERSON), types=(), months=(24257, 24258), text="a&b"
    )


@pytest.mark.parametrize(
    "query",
    ["?from=garbage&to=2021-13", "?from=2021&to=20", "person=&type", "?q", "%%%", "?from=-1-01"],
)
def test_unreadable_query_parts_are_ignored(query):
    filters = filters_from_query(query)
    assert filters.people == ()
    assert filters.months is None or filters.months[0] <= filters.months[1]


def test_query_dates_are_clipped_to_the_data():
    bounds = (month_index("2016-01"), month_index("2021-11"))
    assert filters_from_query("?from=1990-01&to=2030-01", bounds).months is None
    assert filters_from_query("?from=2019-05", bounds).months == (month_index("2019-05"), bounds[1])
    assert filters_from_query("?from=2021-12&to=2016-02", bounds).months == (
        month_index("2016-02"),
        bounds[1],
    )


names = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=12)


@given(
    people=st.lists(names, max_size=3, unique=True),
    types=st.none() | st.lists(names, max_size=3, unique=True),
    months=st.none() | st.tuples(st.integers(0, 200), st.integers(0, 200)),
    text=st.text(st.characters(blacklist_categories=("Cs",)), max_size=10),
)
def test_query_round_trip(people, types, months, text):
    months = (2000 * 12 + min(months), 2000 * 12 + max(months)) if months else None
    filters = Filters(
        people=tuple(people),
        types=None if types is None else tuple(t for t in types if t),
        months=months,
        text=text.strip(),
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
