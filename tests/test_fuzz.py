"""Fuzzing the extractor with generated news-like text (hypothesis).

Every generated article is checked for the invariants a user relies on: extraction never
raises; every quote is ``text[start:end]``; every date is valid ISO at its granularity and
lies within ``date_start..date_end``; nothing is dated after the publication date unless
the text says so (a future tense, an explicit later year, or a date counted forward from
another); and the same input gives the same events and ids.

``TIMELINE_FUZZ_EXAMPLES`` sets the number of articles the main property checks (2,000 by
default, which CI runs, in batches of ``BATCH``); the three smaller properties get a tenth
each. ``python benchmarks/fuzz_long.py`` runs 20,000 or more.
"""

from __future__ import annotations

import datetime as dt
import os
import re

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline import extract, extract_many
from timeline.text.documents import Document, DocumentError

EXAMPLES = int(os.environ.get("TIMELINE_FUZZ_EXAMPLES", "2000"))
#: Articles per example of the main property.
BATCH = 8
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    print_blob=True,
)

FIRST = ["Jane", "Richard", "Aung", "Ma", "José", "Nguyễn", "Siobhán", "Ahmed", "Li", "Zaw"]
LAST = ["Doe", "Roe", "Myo Htet", "Thida", "Álvarez", "Văn An", "O'Brien", "Hassan", "Wei", "Min"]
TITLES = [
    "",
    "Captain ",
    "Sgt. ",
    "Lt. Col. ",
    "Senior General ",
    "Dr. ",
    "President ",
    "the 29-year-old sergeant, ",
    "former soldier ",
]
MONTH_NAMES = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
ABBREVIATIONS = ["Jan.", "Feb.", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]
FIXED_DATES = [
    "yesterday",
    "last year",
    "last month",
    "on Tuesday",
    "last week",
    "the next day",
    "a year later",
    "two weeks later",
    "in the 1990s",
    "this week",
    "in mid-2020",
    "earlier this year",
    "32 February 2021",
    "1 January 10000",
    "in 3021",
    "in 1066",
    "the year 0",
    "in 20 years",
    "in may",
]
PAST_VERBS = [
    "left his base",
    "was arrested",
    "escaped from prison",
    "joined the army",
    "died",
    "met the press",
    "defected",
    "was released",
    "fled to the border",
    "said she had resigned",
]
FUTURE_VERBS = ["will return", "plans to leave", "is expected to resign", "will be sentenced"]
NOISE = [
    "",
    ", “we will not shoot,” he said",
    " for $105 a month",
    ", the 32-year-old said",
    " (see below",
    " after a 67-year history",
    " …",
    " — reportedly",
    " 🚨",
    " near المدينة",
    " <b>in bold</b>",
    " at 2,000 metres",
    ", up 20 percent",
    " with 1500 soldiers",
]
SEPARATORS = [" ", " ", " ", "\n\n", "\n", "  "]

day = st.integers(min_value=1, max_value=31)
year = st.integers(min_value=1950, max_value=2030)
month = st.sampled_from(MONTH_NAMES)
date_phrase = st.one_of(
    st.builds(lambda d, m: f"on {d} {m}", day, month),
    st.builds(lambda m, d: f"on {m} {d}", month, day),
    st.builds(lambda d, m, y: f"on {d} {m} {y}", day, month, year),
    st.builds(lambda m, d, y: f"on {m} {d}, {y}", month, day, year),
    st.builds(lambda a, d, y: f"on {a} {d}, {y}", st.sampled_from(ABBREVIATIONS), day, year),
    st.builds(lambda m: f"in {m}", month),
    st.builds(lambda m, y: f"in {m} {y}", month, year),
    st.builds(lambda y: f"in {y}", year),
    st.builds(lambda p, m: f"{p} {m}", st.sampled_from(["early", "late", "mid-"]), month),
    st.builds(
        lambda y, m, d: f"on {y}-{m:02d}-{d:02d}",
        year,
        st.integers(1, 12),
        st.integers(1, 28),
    ),
    st.builds(lambda d, m: f"on the {d}th of {m}", st.integers(4, 20), month),
    st.sampled_from(FIXED_DATES),
)
person = st.builds(
    lambda t, f, last: f"{t}{f} {last}",
    st.sampled_from(TITLES),
    st.sampled_from(FIRST),
    st.sampled_from(LAST),
)
pronoun = st.sampled_from(["He", "She", "They"])


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


sentence = st.one_of(
    st.builds(
        lambda d, p, v, n: f"{_capital(d)}, {p} {v}{n}.",
        date_phrase,
        person,
        st.sampled_from(PAST_VERBS),
        st.sampled_from(NOISE),
    ),
    st.builds(
        lambda p, v, d, n: f"{_capital(p)} {v} {d}{n}.",
        person,
        st.sampled_from(PAST_VERBS + FUTURE_VERBS),
        date_phrase,
        st.sampled_from(NOISE),
    ),
    st.builds(
        lambda r, v, d: f"{r} said that {r.lower()} {v} {d}.",
        pronoun,
        st.sampled_from(PAST_VERBS + FUTURE_VERBS),
        date_phrase,
    ),
    st.builds(
        lambda p, d: f"“I have not seen my family since {d},” {p} told reporters.",
        person,
        date_phrase,
    ),
    st.sampled_from(
        [
            "The army did not respond to a request for comment.",
            "It was not clear how many had left.",
            "Reuters could not verify the account.",
        ]
    ),
)


@st.composite
def article(draw) -> str:
    """A news-like text of one to eight sentences, in paragraphs or run together."""
    parts = draw(st.lists(sentence, min_size=1, max_size=8))
    out = parts[0]
    for part in parts[1:]:
        out += draw(st.sampled_from(SEPARATORS)) + part
    return out


published = st.one_of(
    st.sampled_from(["2021-11-21", "2013-03-22", "2000-02-29"]),
    st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 12, 31)).map(str),
)

ISO = {
    "day": (re.compile(r"\d{4}-\d{2}-\d{2}"), "%Y-%m-%d"),
    "month": (re.compile(r"\d{4}-\d{2}"), "%Y-%m"),
    "year": (re.compile(r"\d{4}"), "%Y"),
}
#: What makes a date after publication legitimate: a future tense or a date counted forward.
FUTURE = re.compile(
    r"\b(?:will|plans? to|expected to|next|later|after|following|from now|in \d+ years)\b",
    re.IGNORECASE,
)
EXPLICIT_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")


def check_events(text: str, frame: pd.DataFrame, publication: str) -> None:
    """The invariants every extracted event must hold."""
    pub = dt.date.fromisoformat(publication)
    for row in frame.itertuples():
        assert text[row.start : row.end] == row.quote, row
        pattern, layout = ISO[row.granularity]
        assert pattern.fullmatch(row.date), row
        dt.datetime.strptime(row.date, layout)  # a real calendar date
        first = dt.date.fromisoformat(row.date_start)
        last = dt.date.fromisoformat(row.date_end)
        assert first <= last
        assert row.date_start.startswith(row.date) and row.date_end.startswith(row.date), row
        assert row.date_text and row.date_text in text, row
        if first > pub:
            # The text may say so: a future tense, a date counted forward from another, the
            # date written out with its year, or a later year stated somewhere before.
            says_so = FUTURE.search(row.quote) or EXPLICIT_YEAR.search(row.date_text)
            later_year = [int(y) for y in EXPLICIT_YEAR.findall(text) if int(y) >= first.year]
            assert says_so or later_year, f"{row.date} after {publication}: {row.quote!r}"
        assert 0.0 <= row.confidence <= 1.0


@settings(FUZZ, max_examples=max(1, EXAMPLES // BATCH))
@given(st.lists(st.tuples(article(), published), min_size=BATCH, max_size=BATCH))
def test_generated_articles_keep_every_invariant(batch: list[tuple[str, str]]):
    """``BATCH`` articles per example, through one ``nlp.pipe`` pass (``extract_many``):
    twice as fast as one call each, so CI can afford thousands of articles."""
    documents = [
        Document(text=text, published=publication, doc_id=f"a{index}")
        for index, (text, publication) in enumerate(batch)
    ]
    frame = extract_many(documents)
    assert frame["event_id"].is_unique
    for document in documents:
        mine = frame[frame["doc_id"] == document.doc_id]
        check_events(document.text, mine, document.published)


@settings(FUZZ, max_examples=max(1, EXAMPLES // 10))
@given(article(), published)
def test_the_same_article_gives_the_same_events_and_ids(text: str, publication: str):
    first = extract(text, published=publication, title="t")
    pd.testing.assert_frame_equal(first, extract(text, published=publication, title="t"))


@settings(FUZZ, max_examples=max(1, EXAMPLES // 10))
@given(article())
def test_without_a_publication_date_only_a_clear_refusal(text: str):
    """No publication date: events anchored on the text's own years, or a DocumentError."""
    try:
        frame = extract(text)
    except DocumentError as error:
        assert "publication date" in str(error) and "\n" not in str(error)
        return
    for row in frame.itertuples():
        assert text[row.start : row.end] == row.quote


@settings(FUZZ, max_examples=max(1, EXAMPLES // 10))
@given(st.text(max_size=400), st.sampled_from(["2021-11-21", "1999-12-31"]))
def test_any_unicode_text_gives_events_or_a_clear_refusal(text: str, publication: str):
    try:
        frame = extract(text, published=publication)
    except DocumentError as error:
        assert "\n" not in str(error)
        return
    check_events(text, frame, publication)
