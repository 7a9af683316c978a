"""Resolving symbolic values against the publication date and the narrative.

The second step of HeidelTime's design: a year-less "June" becomes the most
recent June on or before the publication date (news narrates the past) unless
its clause speaks of the future; "a year later" shifts the last date the text
mentioned; "last year" shifts the publication date.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from timeline.extraction.temporal.arithmetic import (
    UNIT_NEEDS,
    reference_day,
    shift,
    shift_part_of_year,
)
from timeline.extraction.temporal.tense import FUTURE, PAST, PRESENT
from timeline.extraction.temporal.values import granularity
from timeline.extraction.temporal.yearless import (
    date_or_none,
    onward_yearless,
    resolve_yearless,
    resolve_yearless_period,
)

ABSOLUTE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")
YEARLESS = re.compile(r"^XXXX-(\d{2})(?:-(\d{2}))?(?:@([+-]?\d))?$")
YEARLESS_PERIOD = re.compile(r"^XXXX-(SP|SU|FA|WI|Q[1-4]|H[12])(?:@([+-]?\d))?$")
DCT_SHIFT = re.compile(r"^DCT(?:([+-]\d+(?:\.\d+)?)(D|W|M|Q|Y|DE|CE))?(T.+)?$")
#: A part of a year counted from the publication year: "September last year" is DCT-1Y-09.
DCT_YEAR_PART = re.compile(r"^DCT([+-]\d+)Y-(\d{2}(?:-\d{2})?|Q[1-4]|H[12]|SP|SU|FA|WI)$")
REF_SHIFT = re.compile(r"^REF([+-]\d+)(D|W|M|Q|Y|DE)(T.+)?$")
#: A named month after or before the story's last date: "the following March" is REFM+1-03;
#: a month of the story's next or previous year: "March the following year" is REFY+1-03.
#: With a day: "2 November that year" is REFM+0-11-02.
REF_MONTH = re.compile(r"^REF([MY])([+-][01])-(\d{2})(?:-(\d{2}))?$")
WEEKDAY = re.compile(r"^WD(\d)(?:@([+-]?\d))?(T.+)?$")
WEEKEND = re.compile(r"^WE(?:@([+-]?\d))?$")
UNRESOLVED = "XXXX-XX-XX"


class MissingReferenceDate(ValueError):
    """Neither a publication date nor an explicit year: year-less dates cannot be placed."""


@dataclass
class Resolution:
    """A resolved value and how sure we are of it."""

    value: str
    confidence: float


@dataclass
class Narrative:
    """The reference date of the story so far, for relative expressions."""

    anchor: dt.date
    anchor_confidence: float
    last_value: str | None = None
    #: The last whole day: "that afternoon" is on it, whatever coarser date came since.
    last_day: str | None = None
    #: Where a story told in time steps stands ("two weeks later" after "in April 2021"):
    #: a year-less date that follows ("on April 19") is the nearest one to it. Cleared
    #: when the text writes a date of its own or speaks of the present ("on Tuesday").
    story: dt.date | None = None

    def remember(self, value: str, symbolic: str = "", reporting: bool = False) -> None:
        """A newly resolved date becomes the reference for the next relative one; the day
        of a report (``reporting``: "told us on Tuesday") is no day "that night" points to."""
        gran = granularity(value)
        shift = REF_SHIFT.match(symbolic)
        if shift and (gran == "day" or (gran == "month" and not shift.group(3))):
            # (A part of a day that could only land on a month, "the following afternoon"
            # after "late May 2024", says too little of where the story stands.)
            self.story = dt.date(int(value[:4]), int(value[5:7]), int(value[8:10] or 1))
        elif symbolic and not _plain_yearless(symbolic):
            self.story = None  # a date of its own, or one the present names ("last November")
        if gran == "day" and not reporting:
            self.last_day = value[:10]
        if gran in ("day", "month", "year"):
            self.last_value = value[:10]
        elif gran in ("quarter", "half"):
            self.last_value = value  # "a year earlier" after a quarter is that quarter
        elif gran == "season":
            self.last_value = value  # "three days later" after "the summer of 2012"


def _plain_yearless(symbolic: str) -> bool:
    """A year-less date with no direction of its own ("on April 19", not "last November")."""
    match = YEARLESS.match(symbolic)
    return match is not None and match.group(3) is None


def _valid_absolute(value: str) -> bool:
    match = ABSOLUTE.match(value)
    if not match:
        return False
    year, month, day = match.groups()
    if month and not 1 <= int(month) <= 12:
        return False
    return not (day and date_or_none(int(year), int(month), int(day)) is None)


def _resolve_weekend(match: re.Match, anchor: dt.date, tense: str) -> str:
    """The weekend of an ISO week: 'this weekend' is the anchor's week, 'last' the one before.

    Without a direction, a past clause means the weekend that began last, a future clause
    the coming (or current) one, a present one the nearer of the two.
    """
    (direction,) = match.groups()
    weekday = anchor.isoweekday()
    if direction is not None:
        weeks = int(direction)
    elif tense == FUTURE:
        weeks = 0
    elif tense == PRESENT:
        weeks = 0 if weekday >= 4 else -1
    else:
        weeks = 0 if weekday >= 6 else -1
    year, week, _ = (anchor + dt.timedelta(weeks=weeks)).isocalendar()
    return f"{year}-W{week:02d}-WE"


def _resolve_reference(match: re.Match, narrative: Narrative) -> tuple[str | None, float]:
    """Shift the last date of the story, or the publication date when there was none yet.
    A part of a day ("that afternoon") is on the story's last whole day."""
    amount, unit, time = match.groups()
    reference, trust = narrative.last_value, 0.8
    if reference and granularity(reference) == "season":
        # "In the summer of 2012 ... three days later": some day of that year, as far as
        # the text says; "a year later", the next year.
        shifted = int(reference[:4]) + (int(amount) if unit == "Y" else 0)
        return (f"{shifted:04d}", 0.6 * trust) if unit in ("D", "W", "Y") else (None, 0.0)
    if unit == "D" and amount == "+0" and narrative.last_day and (time or _same_year(narrative)):
        # "that night", "the same day": the story's last whole day, also when a coarser date
        # came since ("on 10 March he left; dozens joined that month; one walked out the
        # same day").
        reference = narrative.last_day
    elif (
        unit == "D"
        and narrative.last_day
        and reference
        and (
            (granularity(reference) == "year" and narrative.last_day[:4] >= reference[:4])
            or (granularity(reference) == "month" and narrative.last_day[:7] > reference)
        )
    ):
        # "On 6 May shares fell, the worst drop since 1987. By the following day ...": a
        # shift in days counts from the last whole day, not from a bare year before it, nor
        # from a month of background told since ("fled on 23 February 2020 ... a peace deal
        # signed in July 2018 ... Four days later, they crossed").
        reference = narrative.last_day
    if reference is None:
        # Nothing dated before: TimeML anchors the expression to the creation time.
        reference, trust = narrative.anchor.isoformat(), 0.6 * narrative.anchor_confidence
    if unit == "DE":
        unit = "Y"
        amount = str(int(amount) * 10)
    if granularity(reference) in ("quarter", "half"):
        return shift_part_of_year(reference, int(amount), unit), trust
    day, gran = reference_day(reference)
    if gran not in UNIT_NEEDS[unit]:
        if gran in ("month", "year") and unit in ("D", "W"):
            # "Three days later" after "in May 2019": some day of that month, as far as
            # the text says (a day or two across its end is the risk taken).
            return reference[: 7 if gran == "month" else 4], 0.6 * trust
        return None, 0.0
    value = shift(day, int(amount), unit)
    return (value + (time or "") if unit == "D" else value), trust


def week_later_day(symbolic: str, narrative: Narrative) -> str:
    """The day "a week later" or "a week earlier" lands on when the story's last date is a
    whole day ("fled on 3 May ... a week later" is 10 May to a reader), else "".

    >>> week_later_day("REF+1W", Narrative(dt.date(2024, 6, 1), 1.0, last_value="2024-05-03"))
    '2024-05-10'
    >>> week_later_day("REF+1W", Narrative(dt.date(2024, 6, 1), 1.0, last_value="2024-05"))
    ''
    """
    match = REF_SHIFT.match(symbolic)
    reference = narrative.last_value
    if not match or match.group(2) != "W" or abs(int(match.group(1))) != 1 or not reference:
        return ""
    if granularity(reference) != "day":
        return ""
    day = dt.date.fromisoformat(reference[:10]) + dt.timedelta(weeks=int(match.group(1)))
    return day.isoformat()


def _same_year(narrative: Narrative) -> bool:
    """Whether the story's last whole day lies in the year of its last date."""
    last, day = narrative.last_value, narrative.last_day or ""
    return last is None or last[:4] == day[:4]


def _resolve_reference_month(match: re.Match, narrative: Narrative) -> Resolution:
    """The first named month after (or the last before) the story's last date; after a
    bare year, that month of the next (or the previous) year.

    >>> story = Narrative(dt.date(2021, 11, 21), 1.0, last_value="2014")
    >>> resolve_value("REFM+1-03", story).value
    '2015-03'
    >>> resolve_value("REFM-1-06", Narrative(dt.date(2021, 11, 21), 1.0, "2019-05")).value
    '2018-06'
    >>> resolve_value("REFY+1-03", Narrative(dt.date(2021, 11, 21), 1.0, "2013-01")).value
    '2014-03'
    >>> resolve_value("REFM+0-11-02", Narrative(dt.date(2024, 11, 15), 1.0, "2019")).value
    '2019-11-02'
    """
    by_year, step, month = match.group(1) == "Y", int(match.group(2)), int(match.group(3))
    day = match.group(4)
    reference, trust = narrative.last_value, 0.8
    if reference is None:
        reference, trust = narrative.anchor.isoformat(), 0.6 * narrative.anchor_confidence
    if not re.match(r"^\d{4}(?:-\d{2})?(?:-\d{2})?$", reference):
        return Resolution(UNRESOLVED, 0.0)
    year = int(reference[:4])
    known = int(reference[5:7]) if len(reference) >= 7 else None
    if step == 0:  # "in April that year": the story's year
        pass
    elif known is None or by_year:  # "in March the following year"
        year += step
    elif step > 0 and month <= known:
        year += 1
    elif step < 0 and month >= known:
        year -= 1
    if day and date_or_none(year, month, int(day)) is None:
        return Resolution(UNRESOLVED, 0.0)
    return Resolution(f"{year:04d}-{month:02d}" + (f"-{day}" if day else ""), trust)


def _resolve_weekday(match: re.Match, anchor: dt.date, tense: str) -> str:
    weekday, direction, time = match.groups()
    target = int(weekday)
    offset = target - anchor.isoweekday()
    if direction is None and tense == PRESENT:
        # The nearest such weekday: at most three days either way.
        day = anchor + dt.timedelta(days=(offset + 3) % 7 - 3)
    elif direction is not None and int(direction) == 0:
        day = anchor + dt.timedelta(days=offset)
    elif direction is not None and int(direction) < 0:
        day = anchor + dt.timedelta(days=offset - 7 if offset >= 0 else offset)
    elif direction is not None:
        day = anchor + dt.timedelta(days=offset + 7 if offset <= 0 else offset)
    elif tense == FUTURE:
        day = anchor + dt.timedelta(days=offset + 7 if offset < 0 else offset)
    else:
        day = anchor + dt.timedelta(days=offset - 7 if offset > 0 else offset)
    return day.isoformat() + (time or "")


#: The leading year (or decade, or century) of a resolved value, with its sign.
LEADING_NUMBER = re.compile(r"^(-?)(\d+)")


def resolve_value(symbolic: str, narrative: Narrative, tense: str = PAST) -> Resolution:
    """Resolve one symbolic value; unknown parts stay 'X' when nothing can fill them.

    ``tense`` (PAST, PRESENT or FUTURE, see :mod:`timeline.extraction.temporal.tense`) places
    a year-less date or a bare weekday: the last one, the nearest one or the next one.
    A value that would fall outside the calendar (before year 1 or after 9999: "yesterday"
    written on 1 January 0001, "next week" on 31 December 9999) stays unresolved.

    >>> resolve_value("DCT-1D", Narrative(dt.date(1, 1, 1), 1.0)).value
    'XXXX-XX-XX'
    >>> resolve_value("DCT+1W", Narrative(dt.date(9999, 12, 31), 1.0)).value
    'XXXX-XX-XX'
    """
    try:
        resolution = _resolve_value(symbolic, narrative, tense)
    except (OverflowError, ValueError):  # date arithmetic past the calendar's ends
        return Resolution(UNRESOLVED, 0.0)
    return resolution if _within_calendar(resolution.value) else Resolution(UNRESOLVED, 0.0)


def _within_calendar(value: str) -> bool:
    """Whether a value's leading year lies in 1..9999 (a decade or century: 0 or more)."""
    match = LEADING_NUMBER.match(value)
    if match is None:
        return True
    sign, digits = match.groups()
    return not sign and len(digits) <= 4 and (len(digits) < 4 or int(digits) >= 1)


def _resolve_value(symbolic: str, narrative: Narrative, tense: str) -> Resolution:
    anchor, trust = narrative.anchor, narrative.anchor_confidence
    if _valid_absolute(symbolic):
        return Resolution(symbolic, 1.0)
    if ABSOLUTE.match(symbolic):
        return Resolution(UNRESOLVED, 0.0)
    if match := YEARLESS.match(symbolic):
        story = narrative.story
        if story is not None and story.year < anchor.year and match.group(3) is None:
            month, day = int(match.group(1)), match.group(2)
            found = onward_yearless(month, int(day) if day else None, story)
            if found is not None and found[0] <= anchor:
                value = f"{found[0]:%Y-%m}" + (f"-{found[0]:%d}" if day else "")
                return Resolution(value, 0.85 * trust)
        value = resolve_yearless(match, anchor, tense)
        return Resolution(value, 0.9 * trust) if value else Resolution(UNRESOLVED, 0.0)
    if match := YEARLESS_PERIOD.match(symbolic):
        return Resolution(resolve_yearless_period(match, anchor, tense), 0.85 * trust)
    if match := DCT_SHIFT.match(symbolic):
        amount, unit, time = match.groups()
        if unit is None:
            return Resolution(anchor.isoformat() + (time or ""), 0.95 * trust)
        value = shift(anchor, int(float(amount)), unit)
        return Resolution(value + (time or "") if unit == "D" else value, 0.9 * trust)
    if match := DCT_YEAR_PART.match(symbolic):
        amount, part = match.groups()
        return Resolution(f"{anchor.year + int(amount):04d}-{part}", 0.9 * trust)
    if match := REF_SHIFT.match(symbolic):
        value, confidence = _resolve_reference(match, narrative)
        return Resolution(value, confidence) if value else Resolution(UNRESOLVED, 0.0)
    if match := REF_MONTH.match(symbolic):
        return _resolve_reference_month(match, narrative)
    if match := WEEKDAY.match(symbolic):
        return Resolution(_resolve_weekday(match, anchor, tense), 0.85 * trust)
    if match := WEEKEND.match(symbolic):
        return Resolution(_resolve_weekend(match, anchor, tense), 0.85 * trust)
    return Resolution(symbolic, 1.0)
