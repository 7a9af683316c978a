"""Temporal expressions: find them in text and give them TimeML values.

>>> [(t.text, t.value) for t in find_timexes("In June he left; a year later he returned.",
...                                            published="2021-11-21")]
[('June', '2021-06'), ('a year later', '2022')]
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from timeline.extraction.nlp import NO_TAGS, TokenTags, sentence_spans, tag_doc
from timeline.extraction.temporal.finder import Candidate, find_candidates
from timeline.extraction.temporal.neighbours import (
    A_DAY,
    A_MONTH,
    CLOCK_THEN_DAY,
    SINCE_BEFORE,
    DaysBySentence,
    clocks_on_the_day_after,
    days_in_brackets,
    weekday_of,
    weekday_year,
    year_shifted,
)
from timeline.extraction.temporal.resolve import (
    ABSOLUTE,
    YEARLESS,
    MissingReferenceDate,
    Narrative,
    resolve_value,
    week_later_day,
)
from timeline.extraction.temporal.resources import load_resources
from timeline.extraction.temporal.tense import FUTURE, PAST, TenseReader, tense_of
from timeline.extraction.temporal.values import granularity, period
from timeline.text.spans import SpanIndex

__all__ = ["MissingReferenceDate", "Timex", "find_timexes", "tag_timexes"]

#: The four-digit year a resolved value starts with.
LEADING_YEAR = re.compile(r"([0-9]{4})")

#: A reporting verb before a date in its clause: "told the agency by phone on Tuesday".
REPORTED_ON = re.compile(
    r"\b(?:said|says|told|tells|added|adds|wrote|writes|reported|announced)\b"
    # Not a date of what was said: "said that on the night of 3 May", "said he left on Monday".
    r"(?!\s+(?:that|he|she|they|it|we|i|his|her|their)\b)[^,.;:!?\n\"“”]{0,40}$"
    # "In an interview with the group in Istanbul on 3 June, he said that ...".
    r"|\b(?:in|during)\s+an?\s+(?:\w+\s+)?(?:interview|call|conversation|testimony)\b"
    r"[^,.;:!?\n\"“”]{0,60}$",
    re.IGNORECASE,
)

#: A shift of one week from a day: "a week later", "one week after" (not "the following
#: week", which names the week).
A_WEEK_ON = re.compile(r"(?:a|one)\s+week\s+(?:later|after|afterwards|earlier|before)\b", re.I)
#: Words before a shift that make it a length of time, not a point ("for more than a week
#: before he collapsed").
COUNTED_BEFORE = re.compile(r"\b(?:than|for|within|about|some|almost|nearly)\s+$", re.IGNORECASE)

#: Confidence kept for dates placed against the latest explicit date instead of a publication date.
NO_PUBLICATION_DATE_TRUST = 0.6


@dataclass(frozen=True)
class Timex:
    """A temporal expression with its TIMEX3 type and resolved value."""

    start: int
    end: int
    text: str
    type: str
    value: str
    confidence: float
    rule: str
    #: For events only: the day a shift of one week from a whole day lands on ("a week
    #: later" after 3 May is 10 May); the TIMEX3 value keeps the week. "" otherwise.
    day: str = ""

    @property
    def granularity(self) -> str | None:
        """day, month, year, week, season, quarter; None for durations, sets and references."""
        return granularity(self.value) if self.type in ("DATE", "TIME") else None

    @property
    def period(self) -> tuple[dt.date, dt.date] | None:
        """First and last day the expression covers, when it names a calendar period."""
        return period(self.value[:10]) if self.type in ("DATE", "TIME") else None

    def as_dict(self) -> dict:
        """The JSON form printed by ``timeline timexes``."""
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "type": self.type,
            "value": self.value,
        }


def _latest_explicit_date(candidates: Sequence[Candidate]) -> dt.date | None:
    latest = None
    for candidate in candidates:
        if candidate.type == "DATE" and ABSOLUTE.match(candidate.symbolic):
            span = period(candidate.symbolic)
            if span and span[0].year <= dt.MAXYEAR and (latest is None or span[1] > latest):
                latest = span[1]
    return latest


def _anchor(published: str | dt.date | None, candidates: Sequence[Candidate]) -> Narrative:
    if isinstance(published, dt.date):
        return Narrative(published, 1.0)
    if published:
        return Narrative(dt.date.fromisoformat(str(published)[:10]), 1.0)
    latest = _latest_explicit_date(candidates)
    if latest is None:
        raise MissingReferenceDate(
            "no publication date and no explicit year in the text: give one with --published"
        )
    return Narrative(latest, NO_PUBLICATION_DATE_TRUST)


#: A part of a day that names its day: the day the text was written.
TODAYS = re.compile(r"\b(?:this|tonight|today)\b", re.IGNORECASE)
#: Symbolic values that need a direction: year-less dates, seasons, quarters, weekdays,
#: weekends.
UNDIRECTED = re.compile(r"^(?:XXXX-|WD|WE)[^@]*$")


def _tenses(text: str, candidates: Sequence[Candidate], sentences, tags: TokenTags) -> list[str]:
    """The tense that places each candidate (PAST for those that need none)."""
    markers = load_resources().future_markers
    index = SpanIndex(sentences or ())
    # "next" in "over the next decade" belongs to that expression, not to the clause.
    expressions = SpanIndex((c.start, c.end) for c in candidates)
    reader = TenseReader(text, tags.starts, tags.tags) if tags.starts else None
    found = []
    for candidate in candidates:
        if not UNDIRECTED.match(candidate.symbolic):
            found.append(PAST)
            continue
        sentence = index.holding(candidate.start) or _sentence_around(candidate.start, text)
        if reader is not None:
            span = (candidate.start, candidate.end)
            found.append(tense_of(reader, span, sentence, markers, expressions))
            continue
        marked = any(
            not expressions.overlaps(*marker.span()) for marker in markers.finditer(text, *sentence)
        )
        found.append(FUTURE if marked else PAST)
    return found


def _sentence_around(offset: int, text: str) -> tuple[int, int]:
    start = max(text.rfind(".", 0, offset), text.rfind("\n", 0, offset)) + 1
    end_candidates = [i for i in (text.find(".", offset), text.find("\n", offset)) if i >= 0]
    return start, (min(end_candidates) if end_candidates else len(text))


def _beyond_horizon(value: str, reference: dt.date, years_ahead: int | None) -> bool:
    """Whether a resolved value lies more than ``years_ahead`` years after ``reference``."""
    match = LEADING_YEAR.match(value)
    return bool(match and years_ahead is not None and int(match[1]) > reference.year + years_ahead)


def tag_timexes(
    text: str,
    published: str | dt.date | None = None,
    tags: TokenTags = NO_TAGS,
    sentences: Sequence[tuple[int, int]] | None = None,
    story: SpanIndex | None = None,
) -> list[Timex]:
    """Find and resolve temporal expressions given precomputed tags and sentence spans.

    With ``story`` (the spans of story text), expressions outside it (a byline's date, a
    caption's) are dropped before any is resolved, so they never anchor the narrative.
    """
    resources = load_resources()
    candidates = find_candidates(text, resources, tags)
    if story is not None:
        candidates = [c for c in candidates if story.holding(c.start) is not None]
    narrative = _anchor(published, candidates)
    reference = narrative.anchor
    tenses = _tenses(text, candidates, sentences, tags)
    timexes = []
    bare: set[int] = set()  # clock times placed on no written day
    days = DaysBySentence(sentences)
    for number, (candidate, tense) in enumerate(zip(candidates, tenses, strict=True)):
        symbolic = candidate.symbolic
        bare_clock = symbolic.startswith("DCTT")
        if number and SECTION_HEADING.search(text, candidates[number - 1].end, candidate.start):
            narrative.story = None  # a new section: no longer the flashback's time steps
        ahead = candidates[number + 1] if number + 1 < len(candidates) else None
        if (
            bare_clock
            and ahead
            and not days.named_in_sentence(candidate.start)
            and CLOCK_THEN_DAY.match(text[candidate.end : ahead.start])
        ):
            pass  # "shortly before midnight on Monday": on the day it names, not the last one
        elif (
            bare_clock
            # "this morning", "tonight" say which day they are on: the day of writing.
            and not TODAYS.search(candidate.text)
            and (day := days.only_day(candidate.start))
        ):
            # "On 22 April he left shortly after midnight": the clock time is on that day.
            symbolic, bare_clock = day + symbolic[3:], False
        placed = narrative.story is None and YEARLESS.match(symbolic) is not None
        day = days.written_day(candidate.start) if placed else None
        # "at the end of March 2021 ... on 7 April": April of that year, if the paragraph
        # runs on from the month.
        month = days.month_before(candidate.start, text) if placed and not day else None
        if day or month:
            # "received his papers on 4 October 2022, after the order of 21 September": a
            # year-less date beside a written one is the nearest such day to it.
            narrative.story = dt.date.fromisoformat(day or month)
        exact = (
            week_later_day(symbolic, narrative)
            if A_WEEK_ON.match(candidate.text)
            and not COUNTED_BEFORE.search(text, max(0, candidate.start - 12), candidate.start)
            else ""
        )
        resolution = resolve_value(symbolic, narrative, tense=tense)
        if timexes and (same := weekday_of(timexes[-1], candidate, text)):
            resolution = replace(resolution, value=same)
        elif timexes and (year := year_shifted(timexes[-1], symbolic, candidate, days, text)):
            resolution = replace(resolution, value=year)
        if placed and narrative.story is not None:
            beside, narrative.story = narrative.story, None
            if not _within(resolution.value, beside, BESIDE_DAYS) or (
                month and resolution.value < month
            ):
                # Months away from the written day: not its story, the present's date.
                resolution = resolve_value(symbolic, narrative, tense=tense)
        if YEARLESS.match(symbolic):  # "on March 12, a Saturday": the year that makes it one
            moved = weekday_year(resolution.value, candidate.start, candidate.end, text, reference)
            resolution = replace(resolution, value=moved)
        if candidate.type in ("DATE", "TIME"):
            if _beyond_horizon(resolution.value, reference, resources.max_years_ahead):
                continue
            since = SINCE_BEFORE.search(text, max(0, candidate.start - 60), candidate.start)
            if not (bare_clock or since):
                # A clock time on no written day places nothing after it; nor does the
                # start of a state ("since amendments passed in September 2022, ...").
                reporting = REPORTED_ON.search(text, max(0, candidate.start - 90), candidate.start)
                if not days.backdrop(candidate.start, resolution.value, text):
                    narrative.remember(resolution.value, symbolic, reporting=bool(reporting))
            days.add(candidate.start, resolution.value[:10])  # "Tuesday night" names a day too
            if since:
                pass  # "deserted since the Feb. 1, 2021 coup": no day the next one is beside
            elif ABSOLUTE.match(symbolic) and A_DAY.match(resolution.value):
                days.add_written(candidate.start, resolution.value)
            elif ABSOLUTE.match(symbolic) and A_MONTH.match(resolution.value):
                days.add_written_month(candidate.start, resolution.value)
        timexes.append(
            Timex(
                start=candidate.start,
                end=candidate.end,
                text=candidate.text,
                type=candidate.type,
                value=resolution.value,
                confidence=round(resolution.confidence, 3),
                rule=candidate.rule,
                day=exact,
            )
        )
        if bare_clock or candidate.rule in SAME_DAY_SHIFTS:
            bare.add(len(timexes) - 1)  # "minutes later, on the morning of 14 January"
    return days_in_brackets(clocks_on_the_day_after(timexes, bare, text), text)


#: A section heading on a line of its own between two paragraphs ("The crossing"): a line
#: of a few words with no sentence's closing mark.
SECTION_HEADING = re.compile(r"\n[^\S\n]*\n[^\S\n]*[^\n.!?:;,]{2,60}[^\S\n]*\n[^\S\n]*\n")


#: Rules of a shift within the day ("minutes later"): like a clock time, on the day the
#: clause goes on to name.
SAME_DAY_SHIFTS = frozenset({"narrative_hours_later"})


#: How near a year-less date must fall to a day written beside it to be in its story.
BESIDE_DAYS = 62


def _within(value: str, day: dt.date, days: int) -> bool:
    """Whether a resolved day or month ``value`` starts within ``days`` of ``day``."""
    try:
        start = dt.date.fromisoformat(value[:10] if len(value) >= 10 else value[:7] + "-01")
    except ValueError:
        return False
    return abs((start - day).days) <= days


def find_timexes(text_or_doc, published: str | dt.date | None = None) -> list[Timex]:
    """Temporal expressions of a text (or a spaCy Doc) with TimeML values.

    ``published`` anchors year-less and deictic dates; without it the latest
    explicit date in the text is used, and a text with neither raises
    MissingReferenceDate.
    """
    doc = tag_doc(text_or_doc) if isinstance(text_or_doc, str) else text_or_doc
    return tag_timexes(doc.text, published, TokenTags.from_doc(doc), sentence_spans(doc))
