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

#: "since" just before a date: the start of a state, not a step of the story.
SINCE_BEFORE = re.compile(r"\b[Ss]ince\b[^,.;:!?\n]{0,50}$")
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
    days = _DaysBySentence(sentences)
    for number, (candidate, tense) in enumerate(zip(candidates, tenses, strict=True)):
        symbolic = candidate.symbolic
        bare_clock = symbolic.startswith("DCTT")
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
        if placed and (day := days.written_day(candidate.start)):
            # "received his papers on 4 October 2022, after the order of 21 September": a
            # year-less date beside a written one is the nearest such day to it.
            narrative.story = dt.date.fromisoformat(day)
        exact = (
            week_later_day(symbolic, narrative)
            if A_WEEK_ON.match(candidate.text)
            and not COUNTED_BEFORE.search(text, max(0, candidate.start - 12), candidate.start)
            else ""
        )
        resolution = resolve_value(symbolic, narrative, tense=tense)
        if timexes and (same := _weekday_of(timexes[-1], candidate, text)):
            resolution = replace(resolution, value=same)
        elif timexes and (year := _year_shifted(timexes[-1], symbolic, candidate, days, text)):
            resolution = replace(resolution, value=year)
        if placed and narrative.story is not None:
            beside, narrative.story = narrative.story, None
            if not _within(resolution.value, beside, BESIDE_DAYS):
                # Months away from the written day: not its story, the present's date.
                resolution = resolve_value(symbolic, narrative, tense=tense)
        if candidate.type in ("DATE", "TIME"):
            if _beyond_horizon(resolution.value, reference, resources.max_years_ahead):
                continue
            if not (
                bare_clock
                or SINCE_BEFORE.search(text, max(0, candidate.start - 60), candidate.start)
            ):
                # A clock time on no written day places nothing after it; nor does the
                # start of a state ("since amendments passed in September 2022, ...").
                reporting = REPORTED_ON.search(text, max(0, candidate.start - 90), candidate.start)
                if not days.backdrop(candidate.start, resolution.value, text):
                    narrative.remember(resolution.value, symbolic, reporting=bool(reporting))
            days.add(candidate.start, resolution.value[:10])  # "Tuesday night" names a day too
            if ABSOLUTE.match(symbolic) and A_DAY.match(resolution.value):
                days.add_written(candidate.start, resolution.value)
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
        if bare_clock:
            bare.add(len(timexes) - 1)
    return _days_in_brackets(_clocks_on_the_day_after(timexes, bare, text), text)


#: Between a clock time and the day it is on: "shortly after midnight on May 28", "at 4:30
#: in the morning of August 14". Or a few words of the same clause between: "at the 6.45pm
#: roll check on August 6".
CLOCK_THEN_DAY = re.compile(r"^[^.;:!?\n]{0,40}?\b(?:on|of)\s+(?:the\s+)?$", re.IGNORECASE)


def _clocks_on_the_day_after(timexes: list[Timex], bare: set[int], text: str) -> list[Timex]:
    """A bare clock time right before the day it is on ("after midnight on May 28") is on
    that day, not on the publication day."""
    for index in sorted(bare):
        if index + 1 >= len(timexes):
            continue
        clock, day = timexes[index], timexes[index + 1]
        if A_DAY.match(day.value[:10]) and CLOCK_THEN_DAY.match(text[clock.end : day.start]):
            time = clock.value[10:] if "T" in clock.value else ""
            timexes[index] = replace(clock, value=day.value[:10] + time)
    return timexes


#: The weekdays' stems, Monday first (as ``date.weekday()`` counts).
WEEKDAYS = ("mon", "tues", "wednes", "thurs", "fri", "satur", "sun")
#: A weekday with the date it is in brackets after it: "on Tuesday evening (6 August)".
WEEKDAY_WORD = re.compile(rf"\b(?:{'|'.join(WEEKDAYS)})day\b", re.IGNORECASE)


def _days_in_brackets(timexes: list[Timex], text: str) -> list[Timex]:
    """A weekday followed by its date in brackets is that date ("on Tuesday (6 August)",
    as police appeals and court reports write it), not the last such weekday."""
    for index in range(len(timexes) - 1):
        weekday, day = timexes[index], timexes[index + 1]
        if not WEEKDAY_WORD.search(weekday.text) or not A_DAY.match(day.value[:10]):
            continue
        between, after = text[weekday.end : day.start], text[day.end : day.end + 3]
        if re.fullmatch(r"\s*\(\s*", between) and after.lstrip().startswith(")"):
            time = weekday.value[10:] if "T" in weekday.value else ""
            timexes[index] = replace(weekday, value=day.value[:10] + time)
    return timexes


#: A bare weekday set after a day in commas: "the next day, Friday," "on 3 May, a Monday,".
WEEKDAY_BESIDE = re.compile(rf"(?:a\s+|an\s+|the\s+)?({'|'.join(WEEKDAYS)})day", re.IGNORECASE)
#: Between a day and a later weekday of the same sentence, not itself "on" a day.
SAME_SENTENCE = re.compile(r"[^.!?\n]{0,160}(?<!\bon )")
#: A weekday that only describes a noun after it: "Friday prayers", "the Sunday market".
ATTRIBUTIVE = re.compile(r"\s+(?!(?:morning|afternoon|evening|night|noon|midnight)\b)[a-z]+")


def _weekday_of(day: Timex, candidate: Candidate, text: str) -> str:
    """The day a bare weekday names when it agrees with that day's date just before it:
    in commas right after it ("the next day, Friday,"), or describing a noun later in the
    sentence ("on 3 May 2024, as the crowd left Friday prayers"). That day, not the last
    such weekday before publication; "on Monday" later in the sentence is a day of its own."""
    weekday = WEEKDAY_BESIDE.fullmatch(candidate.text)
    between = text[day.end : candidate.start]
    attributive = SAME_SENTENCE.fullmatch(between) and ATTRIBUTIVE.match(text, candidate.end)
    if not weekday or not A_DAY.match(day.value) or not (between == ", " or attributive):
        return ""
    named = WEEKDAYS.index(weekday[1].lower())
    return day.value if dt.date.fromisoformat(day.value).weekday() == named else ""


#: A shift forward in days or weeks: "two days later", "the following day".
DAYS_ON = re.compile(r"REF\+[1-9]\d*[DW]")


def _year_shifted(
    year: Timex, symbolic: str, candidate: Candidate, days: _DaysBySentence, text: str
) -> str:
    """The year a shift in days stays in when its sentence set the story in that bare year
    just before it ("In 2012 he absconded ... and was caught two days later"): that year,
    not a day counted from the last whole day of the story."""
    if not DAYS_ON.fullmatch(symbolic) or not re.fullmatch(r"\d{4}", year.value):
        return ""
    if SINCE_BEFORE.search(text, max(0, year.start - 60), year.start):
        return ""  # "has lived there since last year, and two days later": no story time
    return year.value if days.same_sentence(year.start, candidate.start) else ""


#: How near a year-less date must fall to a day written beside it to be in its story.
BESIDE_DAYS = 62


def _within(value: str, day: dt.date, days: int) -> bool:
    """Whether a resolved day or month ``value`` starts within ``days`` of ``day``."""
    try:
        start = dt.date.fromisoformat(value[:10] if len(value) >= 10 else value[:7] + "-01")
    except ValueError:
        return False
    return abs((start - day).days) <= days


#: A calendar day, resolved: a bare clock time later in its sentence is on it.
A_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


#: "after" or "following" opening a clause or phrase that runs up to a date (not a time of
#: day: "shortly after midnight on May 28" is that day).
AFTER_A_CLAUSE = re.compile(
    r"\b(?:after|following)\s+(?!\d|(?:midnight|noon|dawn|dusk|sunrise|sunset|nightfall|"
    r"daybreak)\b)[^,.;:!?]{0,80}$",
    re.IGNORECASE,
)


class _DaysBySentence:
    """The calendar days each sentence has named so far, as dates are resolved in order."""

    def __init__(self, sentences: Sequence[tuple[int, int]] | None):
        self.index = SpanIndex(sentences or ())
        self.days: dict[tuple[int, int] | None, set[str]] = {}
        self.written: dict[tuple[int, int] | None, set[str]] = {}

    def add(self, offset: int, value: str) -> None:
        """Note a resolved date at ``offset`` (only whole days count)."""
        if A_DAY.match(value):
            self.days.setdefault(self.index.holding(offset), set()).add(value)

    def add_written(self, offset: int, value: str) -> None:
        """Note a whole day written out with its year at ``offset``."""
        self.written.setdefault(self.index.holding(offset), set()).add(value)

    def written_day(self, offset: int) -> str | None:
        """The one day written out with its year earlier in the sentence at ``offset``, or
        else in the sentence before ("after the election of 9 August 2020, ... On 13
        August he ...")."""
        return self._one_near(self.written, offset)

    def same_sentence(self, first: int, second: int) -> bool:
        """Whether the offsets ``first`` and ``second`` lie in one sentence."""
        sentence = self.index.holding(first)
        return sentence is not None and sentence == self.index.holding(second)

    def named_in_sentence(self, offset: int) -> bool:
        """Whether the sentence at ``offset`` has named a day before it."""
        return bool(self.days.get(self.index.holding(offset)))

    def only_day(self, offset: int) -> str | None:
        """The one day named earlier in the sentence at ``offset``, if exactly one; when it
        names none, the one day of the sentence before ("They left on Tuesday night. They
        climbed the wall at 11 pm")."""
        return self._one_near(self.days, offset)

    def backdrop(self, offset: int, value: str, text: str) -> bool:
        """Whether the date at ``offset`` is only the backdrop of a later day its sentence
        named before it: "got his papers on 4 October, two weeks after X announced the
        call-up on 21 September" (the story stands at 4 October)."""
        named = self.days.get(self.index.holding(offset), set())
        return bool(
            named
            and value[:10] < max(named)
            and AFTER_A_CLAUSE.search(text, max(0, offset - 90), offset)
        )

    def _one_near(self, noted: dict, offset: int) -> str | None:
        """The one value ``noted`` for the sentence at ``offset``, else for the one before."""
        number = self.index.index_of(offset)
        if number < 0:
            return None
        found = noted.get(self.index.span(number), set())
        if not found and number > 0:
            found = noted.get(self.index.span(number - 1), set())
        return next(iter(found)) if len(found) == 1 else None


def find_timexes(text_or_doc, published: str | dt.date | None = None) -> list[Timex]:
    """Temporal expressions of a text (or a spaCy Doc) with TimeML values.

    ``published`` anchors year-less and deictic dates; without it the latest
    explicit date in the text is used, and a text with neither raises
    MissingReferenceDate.
    """
    doc = tag_doc(text_or_doc) if isinstance(text_or_doc, str) else text_or_doc
    return tag_timexes(doc.text, published, TokenTags.from_doc(doc), sentence_spans(doc))
