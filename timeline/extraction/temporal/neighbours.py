"""Dates beside other dates of their sentence: the day a weekday, a clock time or a shift
in days stands on when the sentence has named a day or a year just before it.

"The next day, Friday," is that next day; "shortly after midnight on 28 May" is on
28 May; "In 2014 he walked out, and was found three days later" stays in 2014.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from timeline.text.spans import SpanIndex

if TYPE_CHECKING:
    from timeline.extraction.temporal import Timex
    from timeline.extraction.temporal.finder import Candidate

#: "since" just before a date: the start of a state, not a step of the story.
SINCE_BEFORE = re.compile(r"\b[Ss]ince\b[^,.;:!?\n]{0,50}$")


#: A calendar day, resolved: a bare clock time later in its sentence is on it.
A_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
#: A calendar month, resolved: a year-less day just after it may be in its story.
A_MONTH = re.compile(r"^\d{4}-\d{2}$")


#: "after" or "following" opening a clause or phrase that runs up to a date (not a time of
#: day: "shortly after midnight on May 28" is that day).
AFTER_A_CLAUSE = re.compile(
    r"\b(?:after|following)\s+(?!\d|(?:midnight|noon|dawn|dusk|sunrise|sunset|nightfall|"
    r"daybreak)\b)[^,.;:!?]{0,80}$",
    re.IGNORECASE,
)


class DaysBySentence:
    """The calendar days each sentence has named so far, as dates are resolved in order."""

    def __init__(self, sentences: Sequence[tuple[int, int]] | None):
        self.index = SpanIndex(sentences or ())
        self.days: dict[tuple[int, int] | None, set[str]] = {}
        self.written: dict[tuple[int, int] | None, set[str]] = {}
        self.months: dict[tuple[int, int] | None, set[tuple[str, int]]] = {}

    def add(self, offset: int, value: str) -> None:
        """Note a resolved date at ``offset`` (only whole days count)."""
        if A_DAY.match(value):
            self.days.setdefault(self.index.holding(offset), set()).add(value)

    def add_written(self, offset: int, value: str) -> None:
        """Note a whole day written out with its year at ``offset``."""
        self.written.setdefault(self.index.holding(offset), set()).add(value)

    def add_written_month(self, offset: int, value: str) -> None:
        """Note a month written out with its year ("2021-03") at ``offset``."""
        self.months.setdefault(self.index.holding(offset), set()).add((value, offset))

    def month_before(self, offset: int, text: str) -> str | None:
        """The first day of the one month written with its year earlier in the sentence at
        ``offset`` or in the one before, in the same paragraph: "at the end of March 2021
        ... on the morning of 7 April" is that April."""
        found = self._one_near(self.months, offset)
        if found is None or "\n" in text[found[1] : offset]:
            return None
        return found[0] + "-01"

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

    def _one_near(self, noted: dict, offset: int) -> Any:
        """The one value ``noted`` for the sentence at ``offset``, else for the one before."""
        number = self.index.index_of(offset)
        if number < 0:
            return None
        found = noted.get(self.index.span(number), set())
        if not found and number > 0:
            found = noted.get(self.index.span(number - 1), set())
        return next(iter(found)) if len(found) == 1 else None


#: Between a clock time and the day it is on: "shortly after midnight on May 28", "at 4:30
#: in the morning of August 14". Or a few words of the same clause between: "at the 6.45pm
#: roll check on August 6".
CLOCK_THEN_DAY = re.compile(r"^[^.;:!?\n]{0,40}?\b(?:on|of)\s+(?:the\s+)?$", re.IGNORECASE)


def clocks_on_the_day_after(timexes: list[Timex], bare: set[int], text: str) -> list[Timex]:
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
#: A weekday's name; one may stand before the date in brackets: "on Tuesday evening (6 August)".
WEEKDAY_WORD = re.compile(rf"\b({'|'.join(WEEKDAYS)})day\b", re.IGNORECASE)


def days_in_brackets(timexes: list[Timex], text: str) -> list[Timex]:
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


def weekday_of(day: Timex, candidate: Candidate, text: str) -> str:
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


def year_shifted(
    year: Timex, symbolic: str, candidate: Candidate, days: DaysBySentence, text: str
) -> str:
    """The year a shift in days stays in when its sentence set the story in that bare year
    just before it ("In 2012 he absconded ... and was caught two days later"): that year,
    not a day counted from the last whole day of the story."""
    if not DAYS_ON.fullmatch(symbolic) or not re.fullmatch(r"\d{4}", year.value):
        return ""
    if SINCE_BEFORE.search(text, max(0, year.start - 60), year.start):
        return ""  # "has lived there since last year, and two days later": no story time
    return year.value if days.same_sentence(year.start, candidate.start) else ""


#: A weekday set in commas right after a date ("March 12, a Saturday,") or right before it
#: ("Saturday, March 12"; "on Saturday 12 March").
WEEKDAY_AFTER = re.compile(rf",\s+(?:a\s+)?({'|'.join(WEEKDAYS)})day\b", re.IGNORECASE)
WEEKDAY_BEFORE = re.compile(rf"\b({'|'.join(WEEKDAYS)})day,?\s+(?:the\s+)?$", re.IGNORECASE)


def weekday_year(value: str, start: int, end: int, text: str, latest: dt.date) -> str:
    """A year-less date's day moved a year on or back (never after ``latest``, the
    publication) when that year's calendar puts it on the weekday written beside it: "on
    March 12, a Saturday" in a story of 2022 about 2021's coup is 12 March 2022, a
    Saturday. ``value`` unchanged when no weekday stands beside it or its year fits."""
    if not A_DAY.match(value):
        return value
    beside = (
        WEEKDAY_AFTER.match(text, end)
        or WEEKDAY_BEFORE.search(text, max(0, start - 14), start)
        or WEEKDAY_WORD.match(text, start)  # the date's own words: "Saturday, March 12"
    )
    if beside is None:
        return value
    named = WEEKDAYS.index(beside[1].lower())
    day = dt.date.fromisoformat(value)
    if day.weekday() == named:
        return value
    for year in (day.year + 1, day.year - 1):  # a year off, either way; never more
        try:
            moved = day.replace(year=year)
        except ValueError:  # 29 February
            continue
        if moved <= latest and moved.weekday() == named:
            return moved.isoformat()
    return value
