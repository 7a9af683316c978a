"""What the reader asked to see: the filter state, applying it, and its form in the page URL.

The filter state is a small frozen value. The page's controls, the URL query string and the
event table all convert to and from it, so a view can be shared, reloaded and tested
without a browser.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qs, urlencode

import numpy as np

from timeline.dashboard.labels import NO_PERSON
from timeline.dashboard.months import DATE_FORMS, first_day_of, last_day_of, read_date
from timeline.dashboard.table import EventTable

#: How lanes may be ordered: URL value -> words on the page.
LANE_ORDERS = {"first": "First event", "count": "Most events", "name": "Name"}
DEFAULT_ORDER = "first"


@dataclass(frozen=True)
class Filters:
    """A view of the events. Empty ``people`` means everyone; ``types`` None means every type;
    ``date_from`` and ``date_to`` are typed dates (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``,
    see ``read_date``), "" for no bound; ``order`` is how lanes are ordered (``LANE_ORDERS``)."""

    people: tuple[str, ...] = ()
    types: tuple[str, ...] | None = None
    date_from: str = ""
    date_to: str = ""
    text: str = ""
    order: str = DEFAULT_ORDER

    @property
    def days(self) -> tuple[int | None, int | None]:
        """The first and last day of the date range (None where it is open)."""
        first = first_day_of(self.date_from) if self.date_from else None
        last = last_day_of(self.date_to) if self.date_to else None
        return first, last

    @property
    def dated(self) -> bool:
        """Whether a date range is chosen."""
        return bool(self.date_from or self.date_to)


# ---------------------------------------------------------------------------- applying


def matching_positions(table: EventTable, filters: Filters) -> np.ndarray:
    """Row positions (ascending) of a prepared ``EventTable`` that the filters keep.

    An event is kept when its period overlaps the date range: "June 2021" is inside a range
    that starts on 15 June, because the text does not say which day it was.
    """
    keep = np.ones(len(table), dtype=bool)
    if filters.people:
        names = ["" if person == NO_PERSON else person for person in filters.people]
        keep &= np.isin(table.person_codes, table.codes_of(names, table.people))
    if filters.types is not None:
        keep &= np.isin(table.type_codes, table.codes_of(list(filters.types), table.types))
    first, last = filters.days
    if first is not None:
        keep &= table.last >= first
    if last is not None:
        keep &= table.first <= last
    needle = filters.text.strip().casefold()
    if needle:
        keep &= table.quotes_containing(needle)
    return np.flatnonzero(keep)


def event_matches(event: dict, filters: Filters) -> bool:
    """Whether one event (a row as ``EventTable.find`` gives it) passes the filters, as
    ``matching_positions`` would decide."""
    person = str(event.get("person") or "")
    if filters.people and (person or NO_PERSON) not in filters.people:
        return False
    if filters.types is not None and str(event.get("event_type") or "") not in filters.types:
        return False
    first, last = filters.days
    try:
        start = first_day_of(str(event.get("date_start") or "")[:10])
        end = first_day_of(str(event.get("date_end") or "")[:10])
    except ValueError:
        return False
    if (first is not None and max(start, end) < first) or (last is not None and start > last):
        return False
    needle = filters.text.strip().casefold().replace("\n", " ")
    quote = str(event.get("quote") or "").casefold().replace("\n", " ")
    return not needle or needle in quote


# ---------------------------------------------------------------------------- controls


def filters_from_controls(
    people: list[str] | None,
    types: list[str] | None,
    date_from: str | None,
    date_to: str | None,
    text: str | None,
    order: str | None,
    all_types: list[str],
) -> Filters:
    """The filter state the page's controls show; a control at its widest means no filter,
    and a date that cannot be read (or a range that ends before it starts) is no filter."""
    chosen_types = None if types is None or set(all_types) <= set(types) else tuple(types)
    first, last = read_date_range(date_from, date_to)
    return Filters(
        people=tuple(people or ()),
        types=chosen_types,
        date_from=first,
        date_to=last,
        text=(text or "").strip(),
        order=order if order in LANE_ORDERS else DEFAULT_ORDER,
    )


def read_date_range(date_from: str | None, date_to: str | None) -> tuple[str, str]:
    """The typed dates that make a usable range: each read by ``read_date``, "" for one
    that cannot be read, and both "" when the range ends before it starts."""
    first, last = read_date(date_from) or "", read_date(date_to) or ""
    if first and last and first_day_of(first) > last_day_of(last):
        return "", ""
    return first, last


def date_problem(date_from: str | None, date_to: str | None) -> tuple[str, bool, bool]:
    """What is wrong with the typed dates, in words ("" when nothing), and whether each
    input is fine."""
    from_ok, to_ok = read_date(date_from) is not None, read_date(date_to) is not None
    bad = [text for text, ok in ((date_from, from_ok), (date_to, to_ok)) if not ok]
    if bad:
        shown = " and ".join(f"“{str(text).strip()}”" for text in bad)
        verb = "is not a date" if len(bad) == 1 else "are not dates"
        return f"{shown} {verb}: type {DATE_FORMS}. Ignored until fixed.", from_ok, to_ok
    if (
        read_date_range(date_from, date_to) == ("", "")
        and read_date(date_from)
        and read_date(date_to)
    ):
        return "“From” is after “To”: the dates are ignored until fixed.", False, False
    return "", True, True


def controls_from_filters(filters: Filters, all_types: list[str]) -> tuple:
    """The values of the person, type, from, to, text and order controls for a filter state."""
    types = list(all_types) if filters.types is None else list(filters.types)
    return (
        list(filters.people),
        types,
        filters.date_from,
        filters.date_to,
        filters.text,
        filters.order,
    )


# ---------------------------------------------------------------------------- URL


def filters_to_query(filters: Filters) -> str:
    """The URL query string (with its ``?``, or "" for the unfiltered view) of a filter state.

    >>> filters_to_query(Filters(people=("Jane Doe",), date_from="2021-06", date_to="2021-07"))
    '?person=Jane+Doe&from=2021-06&to=2021-07'
    """
    pairs: list[tuple[str, str]] = [("person", person) for person in filters.people]
    if filters.types is not None:
        pairs += [("type", kind) for kind in filters.types] or [("type", "")]
    if filters.date_from:
        pairs.append(("from", filters.date_from))
    if filters.date_to:
        pairs.append(("to", filters.date_to))
    if filters.text:
        pairs.append(("q", filters.text))
    if filters.order != DEFAULT_ORDER:
        pairs.append(("order", filters.order))
    return "?" + urlencode(pairs) if pairs else ""


def filters_from_query(search: str | None) -> Filters:
    """Read a filter state from a URL query string, ignoring what cannot be read.

    ``type=`` (empty) means no type at all.
    """
    params = parse_qs((search or "").lstrip("?"), keep_blank_values=True)
    people = tuple(dict.fromkeys(p for p in params.get("person", []) if p))
    types = None
    if "type" in params:
        types = tuple(dict.fromkeys(kind for kind in params["type"] if kind))
    first, last = read_date_range(_last(params, "from"), _last(params, "to"))
    order = _last(params, "order")
    return Filters(
        people=people,
        types=types,
        date_from=first,
        date_to=last,
        text=_last(params, "q").strip(),
        order=order if order in LANE_ORDERS else DEFAULT_ORDER,
    )


def _last(params: dict[str, list[str]], name: str) -> str:
    return (params.get(name) or [""])[-1]
