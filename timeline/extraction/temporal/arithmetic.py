"""Date arithmetic for relative expressions: shifting a day, a quarter or a half.

"Three days later" after 2 May is ``shift(2 May, 3, "D")``; "a year earlier" than
2009-Q3 is ``shift_part_of_year("2009-Q3", -1, "Y")``.
"""

from __future__ import annotations

import datetime as dt

from timeline.extraction.temporal.values import granularity


def shift(day: dt.date, amount: int, unit: str) -> str:
    """Shift ``day`` by ``amount`` units and give the value at that unit's granularity."""
    if unit == "D":
        return (day + dt.timedelta(days=amount)).isoformat()
    if unit == "W":
        year, week, _ = (day + dt.timedelta(weeks=amount)).isocalendar()
        return f"{year}-W{week:02d}"
    if unit == "M":
        months = day.year * 12 + day.month - 1 + amount
        return f"{months // 12:04d}-{months % 12 + 1:02d}"
    if unit == "Q":
        quarters = day.year * 4 + (day.month - 1) // 3 + amount
        return f"{quarters // 4:04d}-Q{quarters % 4 + 1}"
    if unit == "Y":
        return f"{day.year + amount:04d}"
    if unit in ("DE", "CE"):
        digits = 3 if unit == "DE" else 2
        number = day.year // (10 if unit == "DE" else 100) + amount
        if not 0 <= number < 10**digits:  # the decade of 10000 would read as year 1000
            raise ValueError(f"{unit} {number} lies outside the calendar")
        return f"{number:0{digits}d}"
    raise ValueError(f"unknown unit {unit}")


def reference_day(value: str) -> tuple[dt.date, str]:
    """A value's first day and its granularity ('2021-05' -> 1 May 2021, 'month')."""
    gran = granularity(value)
    parts = [int(p) for p in value[:10].split("-")]
    while len(parts) < 3:
        parts.append(1)
    return dt.date(*parts), gran


#: The granularities a reference needs for a shift by each unit.
UNIT_NEEDS = {
    "D": ("day",),
    "W": ("day",),
    "M": ("day", "month"),
    "Q": ("day", "month"),
    "Y": ("day", "month", "year"),
}


def shift_part_of_year(value: str, amount: int, unit: str) -> str | None:
    """Shift a quarter or a half: 'a year earlier' than 2009-Q3 is 2008-Q3."""
    year, part = int(value[:4]), value[5:]
    if unit == "Y":
        return f"{year + amount:04d}-{part}"
    if unit == "Q" and part.startswith("Q"):
        quarters = year * 4 + int(part[1]) - 1 + amount
        return f"{quarters // 4:04d}-Q{quarters % 4 + 1}"
    return None
