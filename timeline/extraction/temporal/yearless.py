"""Dates written without their year: which occurrence of "19 April" or "the summer" is meant.

The nearest one to the reference date in a present-tense clause, the last one before it in
a past clause, the next one after it in a future one, or the one a direction names ("next
April", "last summer"); in a story told forward, the first one from its current point.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from timeline.extraction.temporal.tense import FUTURE, PRESENT

SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12, "H1": 1, "H2": 7}
PERIOD_MONTHS = {"H1": 6, "H2": 6}


def date_or_none(year: int, month: int, day: int) -> dt.date | None:
    """The date, or None when there is no such day (30 February)."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _nearest_yearless(month: int, day: int | None, anchor: dt.date):
    """The occurrence of a month (or a day of it) nearest to ``anchor``; ties go back."""
    best = None
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        first = date_or_none(year, month, day or 1)
        if first is None:
            continue
        last = first if day else dt.date(year, month, calendar.monthrange(year, month)[1])
        distance = (first - anchor).days if first > anchor else max((anchor - last).days, 0)
        key = (distance, first > anchor)
        if best is None or key < best[0]:
            best = (key, (first, last))
    return best[1] if best else None


#: How far before the story's point a year-less date may still fall: a story runs forward,
#: with short looks back ("on 4 October, after the order of 21 September").
LOOK_BACK_DAYS = 62


def onward_yearless(month: int, day: int | None, story: dt.date):
    """The first occurrence of a month (or a day of it) no more than ``LOOK_BACK_DAYS``
    before the story's point: "arrested on 11 June 2024 ... his trial opened on 6 January"
    is the January after."""
    earliest = story - dt.timedelta(days=LOOK_BACK_DAYS)
    for year in (story.year - 1, story.year, story.year + 1):
        first = date_or_none(year, month, day or 1)
        if first is None:
            continue
        last = first if day else dt.date(year, month, calendar.monthrange(year, month)[1])
        if last >= earliest:
            return first, last
    return None


def _yearless(month: int, day: int | None, direction: str | None, anchor: dt.date, tense: str):
    """The first and last day of the occurrence of a month (or a day of it) meant."""
    if direction is None and tense == PRESENT:
        return _nearest_yearless(month, day, anchor)
    step = int(direction) if direction is not None else (1 if tense == FUTURE else -1)
    if step == 0:
        years = [anchor.year]
    elif step > 0:
        years = range(anchor.year, anchor.year + 9)
    else:
        years = range(anchor.year, anchor.year - 9, -1)
    strict = direction is not None and step != 0
    for year in years:
        first = date_or_none(year, month, day or 1)
        if first is None:
            continue
        last = first if day else dt.date(year, month, calendar.monthrange(year, month)[1])
        if step == 0:
            return first, last
        if step > 0 and (first > anchor if strict else last >= anchor):
            return first, last
        if step < 0 and (
            (last < anchor if strict else first <= anchor)
            if day
            else (
                (year, month) < (anchor.year, anchor.month)
                if strict
                else (year, month) <= (anchor.year, anchor.month)
            )
        ):
            return first, last
    return None


def resolve_yearless(match: re.Match, anchor: dt.date, tense: str) -> str | None:
    """The value of a year-less date ("XXXX-04-19", with a direction or none)."""
    month, day, direction = match.groups()
    found = _yearless(int(month), int(day) if day else None, direction, anchor, tense)
    if found is None:
        return None
    first, _ = found
    return first.isoformat() if day else first.isoformat()[:7]


def _period_bounds(year: int, code: str) -> tuple[dt.date, dt.date]:
    """First and last day of a season, quarter or half of ``year`` (winter runs into the next)."""
    start_month = 3 * int(code[1]) - 2 if code.startswith("Q") else SEASON_START[code]
    length = PERIOD_MONTHS.get(code, 3)
    first = dt.date(year, start_month, 1)
    end_month = start_month + length - 1
    end_year, end_month = year + (end_month - 1) // 12, (end_month - 1) % 12 + 1
    return first, dt.date(end_year, end_month, calendar.monthrange(end_year, end_month)[1])


def resolve_yearless_period(match: re.Match, anchor: dt.date, tense: str) -> str:
    """The value of a year-less season, quarter or half ("XXXX-SU")."""
    code, direction = match.groups()
    year = anchor.year
    if direction is None and tense == PRESENT:
        # The one holding the anchor, else the nearest; ties go back.
        def distance(y: int) -> tuple[int, int]:
            first, last = _period_bounds(y, code)
            if first <= anchor <= last:
                return 0, 0
            return ((first - anchor).days, 1) if first > anchor else ((anchor - last).days, 0)

        return f"{min((year - 1, year, year + 1), key=distance)}-{code}"
    step = int(direction) if direction is not None else (1 if tense == FUTURE else -1)
    if step == 0:
        return f"{year}-{code}"
    for y in range(year + 1, year - 3, -1) if step < 0 else range(year - 1, year + 3):
        first, last = _period_bounds(y, code)
        if step < 0 and (last < anchor if direction else first <= anchor):
            return f"{y}-{code}"
        if step > 0 and (first > anchor if direction else last >= anchor):
            return f"{y}-{code}"
    return f"{year}-{code}"
