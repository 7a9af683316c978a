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
