"""Property tests: for any text, extract never raises and every quote is verbatim."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline import extract
from timeline.text.documents import DocumentError

NAMES = ["Aung Myo Htet", "Jane Doe", "Zaw Min", "Richard Roe", "Ma Thida"]
TITLES = ["", "Captain ", "Sgt. ", "Senior General ", "the 29-year-old sergeant, "]
DATES = [
    "On 7 October",
    "In June",
    "in 2016",
    "A year later",
    "last year",
    "on Tuesday",
    "early May",
    "Jan. 3, 2019",
    "April 9",
    "the next day",
    "yesterday",
    "32 February 2021",
    "in 3021",
    "may",
]
VERBS = [
    "left his base",
    "was arrested",
    "escaped from prison",
    "said",
    "joined the army",
    "died",
    "met",
]
NOISE = [
    "",
    " “quoted,” he said.",
    " $105 a month.",
    " 32-year-old",
    " (",
    " 67-year history",
    "\n\n",
    "…",
]

sentence = st.builds(
    lambda d, t, n, v, x: f"{d}, {t}{n} {v}{x}.",
    st.sampled_from(DATES),
    st.sampled_from(TITLES),
    st.sampled_from(NAMES),
    st.sampled_from(VERBS),
    st.sampled_from(NOISE),
)
news_like = st.lists(sentence, min_size=1, max_size=6).map(" ".join)
any_text = st.text(min_size=1, max_size=300)


def check(text: str, published: str | None) -> None:
    try:
        frame = extract(text, published=published)
    except DocumentError:
        return  # a clear, expected refusal (empty text, or no date to anchor on)
    for row in frame.itertuples():
        assert text[row.start : row.end] == row.quote
        assert row.granularity in ("day", "month", "year")
        first, last = dt.date.fromisoformat(row.date_start), dt.date.fromisoformat(row.date_end)
        assert first <= last
        assert row.date_start.startswith(row.date)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(news_like, st.sampled_from([None, "2021-11-21", "2013-03-22"]))
def test_news_like_text(text, published):
    check(text, published)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(any_text, st.sampled_from([None, "2021-11-21"]))
def test_arbitrary_text(text, published):
    check(text, published)


@settings(max_examples=30, deadline=None)
@given(news_like)
def test_same_input_same_events(text):
    first = extract(text, published="2021-11-21")
    assert first.equals(extract(text, published="2021-11-21"))
