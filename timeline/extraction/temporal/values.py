"""TimeML values: their granularity and the calendar period they cover."""

from __future__ import annotations

import calendar
import datetime as dt
import re

DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:T.*)?$")
MONTH = re.compile(r"^(\d{4})-(\d{2})$")
YEAR = re.compile(r"^(\d{4})$")
WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")
QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
HALF = re.compile(r"^(\d{4})-H([12])$")

#: Granularities an event can be dated at, finest first.
EVENT_GRANULARITIES = ("day", "month", "year")
SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}


def granularity(value: str) -> str | None:
    """'day', 'month', 'year', 'week', 'season', 'quarter', 'half', or None for others."""
    for name, pattern in (
        ("day", DAY),
        ("month", MONTH),
        ("year", YEAR),
        ("week", WEEK),
        ("season", SEASON),
        ("quarter", QUARTER),
        ("half", HALF),
    ):
        if pattern.match(value):
            return name
    return None


def period(value: str) -> tuple[dt.date, dt.date] | None:
    """First and last day covered by a resolved DATE value, or None when it has none."""
    try:
        if match := DAY.match(value):
            day = dt.date(*map(int, match.groups()))
            return day, day
        if match := MONTH.match(value):
            year, month = map(int, match.groups())
            return dt.date(year, month, 1), _month_end(year, month)
        if match := YEAR.match(value):
            year = int(match.group(1))
            return dt.date(year, 1, 1), dt.date(year, 12, 31)
        if match := WEEK.match(value):
            year, week = map(int, match.groups())
            monday = dt.date.fromisocalendar(year, week, 1)
            return monday, monday + dt.timedelta(days=6)
        if match := QUARTER.match(value):
            year, quarter = int(match.group(1)), int(match.group(2))
            first = 3 * quarter - 2
            return dt.date(year, first, 1), _month_end(year, first + 2)
        if match := HALF.match(value):
            year, half = int(match.group(1)), int(match.group(2))
            return dt.date(year, 6 * half - 5, 1), _month_end(year, 6 * half)
        if match := SEASON.match(value):
            year, code = int(match.group(1)), match.group(2)
            first, last = SEASON_MONTHS[code]
            end_year, end_month = year + (last - 1) // 12, (last - 1) % 12 + 1
            return dt.date(year, first, 1), _month_end(end_year, end_month)
    except ValueError:
        return None
    return None


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def truncate(value: str, gran: str) -> str:
    """The ISO date cut to its granularity: 2021-10-07 / 2021-06 / 2016."""
    return value[: {"day": 10, "month": 7, "year": 4}[gran]]


def event_date(
    value: str, not_after: dt.date | None = None
) -> tuple[str, str, dt.date, dt.date] | None:
    """The date an event is placed at: (date, granularity, first day, last day).

    Events are dated by day, month or year. A week counts as the month that holds most of
    it (its Thursday's, as ISO weeks count); a season, a quarter or a half as its year. The period
    then is that month or year, so no precision is claimed that the text does not give.
    With ``not_after`` (the publication date), a week that began by then is never placed
    in a month that starts after it: "this week" written on Tuesday 29 February 2000 is
    February, not March, since the days after the writing had not happened.

    >>> event_date("2000-W09")[:2], event_date("2000-W09", dt.date(2000, 2, 29))[:2]
    (('2000-03', 'month'), ('2000-02', 'month'))
    >>> event_date("2002-W01")[:2], event_date("2002-W01", dt.date(2001, 12, 31))[:2]
    (('2002-01', 'month'), ('2001-12', 'month'))
    """
    gran = granularity(value)
    if gran in EVENT_GRANULARITIES:
        span = period(value[:10])
        return (truncate(value, gran), gran, *span) if span else None
    span = period(value)
    if span is None:
        return None
    if gran == "week":
        anchor = span[0] + dt.timedelta(days=3)  # Thursday
        if not_after is not None and span[0] <= not_after < anchor.replace(day=1):
            anchor = span[0]
        month = anchor.isoformat()[:7]
        return (month, "month", *period(month))
    if gran in ("season", "quarter", "half"):
        year = value[:4]
        return (year, "year", *period(year))
    return None
