"""What the reader asked to see: the filter state, applying it, and its form in the page URL.

The filter state is a small frozen value. The page's controls, the URL query string and the
event table all convert to and from it, so a view can be shared, reloaded and tested
without a browser.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import parse_qs, urlencode

import numpy as np

from timeline.dashboard.labels import NO_PERSON
from timeline.dashboard.months import month_days, month_index, month_iso
from timeline.dashboard.table import EventTable


@dataclass(frozen=True)
class Filters:
    """A view of the events. Empty ``people`` means everyone; ``types`` None means every type;
    ``months`` None means the whole span (else inclusive month indexes, see ``month_index``)."""

    people: tuple[str, ...] = ()
    types: tuple[str, ...] | None = None
    months: tuple[int, int] | None = None
    text: str = ""


# ---------------------------------------------------------------------------- applying


def matching_positions(table: EventTable, filters: Filters) -> np.ndarray:
    """Row positions (ascending) of a prepared ``EventTable`` that the filters keep.

    A month or year event is kept when its period overlaps the date range: "June 2021" is
    inside a range that starts on 15 June, because the text does not say which day it was.
    """
    keep = np.ones(len(table), dtype=bool)
    if filters.people:
        names = ["" if person == NO_PERSON else person for person in filters.people]
        keep &= np.isin(table.person_codes, table.codes_of(names, table.people))
    if filters.types is not None:
        keep &= np.isin(table.type_codes, table.codes_of(list(filters.types), table.types))
    if filters.months is not None:
        first, last = month_days(filters.months)
        keep &= (table.first <= last) & (table.last >= first)
    needle = filters.text.strip().casefold()
    if needle:
        keep &= table.quotes_containing(needle)
    return np.flatnonzero(keep)


# ---------------------------------------------------------------------------- controls


def filters_from_controls(
    people: list[str] | None,
    types: list[str] | None,
    months: list[int] | None,
    text: str | None,
    all_types: list[str],
    bounds: tuple[int, int],
) -> Filters:
    """The filter state the page's controls show; a control at its widest means no filter."""
    chosen_types = None if types is None or set(all_types) <= set(types) else tuple(types)
    month_range = None
    if months and len(months) == 2:
        first, last = sorted(int(value) for value in months)
        if first > bounds[0] or last < bounds[1]:
            month_range = (first, last)
    return Filters(
        people=tuple(people or ()),
        types=chosen_types,
        months=month_range,
        text=(text or "").strip(),
    )


def controls_from_filters(
    filters: Filters, all_types: list[str], bounds: tuple[int, int]
) -> tuple[list[str], list[str], list[int], str]:
    """The values of the person, type, date and text controls for a filter state."""
    types = list(all_types) if filters.types is None else list(filters.types)
    months = list(filters.months) if filters.months else list(bounds)
    return list(filters.people), types, months, filters.text


# ---------------------------------------------------------------------------- URL


def filters_to_query(filters: Filters) -> str:
    """The URL query string (with its ``?``, or "" for the unfiltered view) of a filter state.

    >>> filters_to_query(Filters(people=("Jane Doe",), months=(24257, 24258)))
    '?person=Jane+Doe&from=2021-06&to=2021-07'
    """
    pairs: list[tuple[str, str]] = [("person", person) for person in filters.people]
    if filters.types is not None:
        pairs += [("type", kind) for kind in filters.types] or [("type", "")]
    if filters.months is not None:
        pairs += [("from", month_iso(filters.months[0])), ("to", month_iso(filters.months[1]))]
    if filters.text:
        pairs.append(("q", filters.text))
    return "?" + urlencode(pairs) if pairs else ""


def filters_from_query(search: str | None, bounds: tuple[int, int] | None = None) -> Filters:
    """Read a filter state from a URL query string, ignoring what cannot be read.

    ``type=`` (empty) means no type at all; a ``from``/``to`` outside ``bounds`` is clipped.
    """
    params = parse_qs((search or "").lstrip("?"), keep_blank_values=True)
    people = tuple(dict.fromkeys(p for p in params.get("person", []) if p))
    types = None
    if "type" in params:
        types = tuple(dict.fromkeys(kind for kind in params["type"] if kind))
    months = _months_from_params(params, bounds)
    text = (params.get("q") or [""])[-1].strip()
    return Filters(people=people, types=types, months=months, text=text)


def _months_from_params(
    params: dict[str, list[str]], bounds: tuple[int, int] | None
) -> tuple[int, int] | None:
    low, high = bounds if bounds else (0, 12 * 10000 - 1)
    first = _read_month(params.get("from"), low)
    last = _read_month(params.get("to"), high)
    first, last = max(low, min(first, last)), min(high, max(first, last))
    if first > high or last < low:
        return None
    return None if (first, last) == (low, high) else (first, last)


def _read_month(values: list[str] | None, default: int) -> int:
    if not values:
        return default
    text = values[-1].strip()
    try:
        dt.date.fromisoformat(f"{text}-01" if len(text) == 7 else f"{text}-01-01")
    except ValueError:
        return default
    return month_index(text) if len(text) in (4, 7) else default
