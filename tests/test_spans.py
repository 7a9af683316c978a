"""Span queries by bisection answer as a scan over every span would."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from timeline.text.spans import Enclosing, Taken

SPANS = st.lists(
    st.tuples(st.integers(0, 60), st.integers(1, 15)).map(lambda p: (p[0], p[0] + p[1])),
    max_size=25,
)
SPAN = st.tuples(st.integers(0, 70), st.integers(0, 15)).map(lambda p: (p[0], p[0] + p[1]))


@given(SPANS, SPAN)
def test_enclosing_is_a_scan_for_another_span_holding_it(spans, span):
    start, end = span
    scanned = any(s <= start and end <= e and (s, e) != span for s, e in spans)
    assert Enclosing(spans).encloses(start, end) == scanned


@given(SPANS, SPAN)
def test_taken_overlaps_as_a_scan_does(spans, span):
    start, end = span
    taken = Taken()
    for s, e in spans:
        taken.add(s, e)
    assert taken.overlaps(start, end) == any(s < end and start < e for s, e in spans)
