"""Months and days as the dashboard counts them: month indexes (months since year 0) for the
date slider and the URL, day numbers (days since 1970-01-01) for drawing and filtering.
"""

from __future__ import annotations

import calendar
import datetime as dt

import numpy as np
import pandas as pd

_EPOCH_DAY = np.datetime64("1970-01-01", "D")


def month_index(iso: str) -> int:
    """Months since year 0 for an ISO date or month (``2021-06`` -> 24257)."""
    year = int(iso[:4])
    month = int(iso[5:7]) if len(iso) >= 7 else 1
    return year * 12 + month - 1


def month_iso(index: int) -> str:
    """The ``YYYY-MM`` form of a month index."""
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def month_label(index: int) -> str:
    """A month index as a reader says it (``Jun 2021``)."""
    return f"{calendar.month_abbr[index % 12 + 1]} {index // 12}"


def month_days(months: tuple[int, int]) -> tuple[int, int]:
    """The first and last day (days since 1970-01-01) of an inclusive month range."""
    first, last = months
    start = dt.date(first // 12, first % 12 + 1, 1)
    last_year, last_month = last // 12, last % 12 + 1
    end = dt.date(last_year, last_month, calendar.monthrange(last_year, last_month)[1])
    return _day_number(start), _day_number(end)


def _day_number(day: dt.date) -> int:
    return (day - dt.date(1970, 1, 1)).days


def day_numbers(iso_days: pd.Series) -> np.ndarray:
    """Days since 1970-01-01 for a column of ISO dates; unreadable dates become -2**62."""
    parsed = pd.to_datetime(iso_days, format="%Y-%m-%d", errors="coerce")
    values = parsed.to_numpy(dtype="datetime64[D]")
    numbers = (values - _EPOCH_DAY).astype("int64")
    numbers[np.isnat(values)] = -(2**62)
    return numbers


# ---------------------------------------------------------------------------- typed dates

#: What the date inputs accept, as readers are told.
DATE_FORMS = "YYYY, YYYY-MM or YYYY-MM-DD"


def read_date(text: str | None) -> str | None:
    """A typed date as ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` ("" when empty), or None when
    it is not one of those or not a real date.

    >>> read_date(" 2021-6 "), read_date("2021-02-30"), read_date("")
    ('2021-06', None, '')
    """
    text = (text or "").strip()
    if not text:
        return ""
    parts = text.split("-")
    if len(parts) > 3 or not all(part.isdigit() and part.isascii() for part in parts):
        return None
    if len(parts[0]) != 4 or any(not 1 <= len(part) <= 2 for part in parts[1:]):
        return None
    numbers = [int(part) for part in parts] + [1] * (3 - len(parts))
    try:
        dt.date(*numbers)
    except ValueError:
        return None
    return "-".join([parts[0], *(f"{int(part):02d}" for part in parts[1:])])


def first_day_of(date: str) -> int:
    """The first day (days since 1970-01-01) of a ``read_date`` period."""
    year, month, day = ([int(part) for part in date.split("-")] + [1, 1])[:3]
    return _day_number(dt.date(year, month, day))


def last_day_of(date: str) -> int:
    """The last day (days since 1970-01-01) of a ``read_date`` period."""
    parts = [int(part) for part in date.split("-")]
    if len(parts) == 3:
        return _day_number(dt.date(*parts))
    year, month = parts[0], parts[1] if len(parts) == 2 else 12
    return _day_number(dt.date(year, month, calendar.monthrange(year, month)[1]))


def day_label(day: float) -> str:
    """A day number as a reader says it (``3 Mar 2019``)."""
    date = dt.date(1970, 1, 1) + dt.timedelta(days=int(day // 1))
    return f"{date.day} {calendar.month_abbr[date.month]} {date.year}"


def day_year(day: float) -> int:
    """The year of a day number."""
    return (dt.date(1970, 1, 1) + dt.timedelta(days=int(day // 1))).year


def day_of_text(text: object) -> float | None:
    """A plotly axis value (``"2019-03-04 12:30:00.5"``, or milliseconds) as a fractional day
    number; None when it cannot be read."""
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        return float(text) / 86_400_000
    try:
        stamp = pd.Timestamp(str(text))
    except (ValueError, TypeError):
        return None
    if stamp is pd.NaT or stamp.tzinfo is not None:
        return None
    return (stamp - pd.Timestamp("1970-01-01")) / pd.Timedelta(days=1)
