"""Writing an event table as iCalendar (RFC 5545): one all-day VEVENT per event.

A day-precision event covers that day; a month or a year covers the whole period, so a
calendar never shows more precision than the text gave. DTEND is exclusive, as the RFC
says. The UID comes from the event id, so re-exports update events instead of copying them.

>>> from timeline.output.schema import events_frame
>>> frame = events_frame([{"event_id": "e1", "person": "Jane Doe", "event_type": "defection",
...     "date": "2021-06", "granularity": "month", "date_start": "2021-06-01",
...     "date_end": "2021-06-30", "quote": "In June, she left.", "start": 0, "end": 18,
...     "confidence": 1.0}])
>>> sorted(line for line in to_ics(frame).splitlines() if line.startswith(("DTSTART", "DTEND")))
['DTEND;VALUE=DATE:20210701', 'DTSTART;VALUE=DATE:20210601']
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable

import icalendar
import pandas as pd

from timeline.output.export import display_date, http_url

PRODID = "-//timeline//event export//EN"
UID_DOMAIN = "timeline.invalid"


def to_ics(
    frame: pd.DataFrame,
    name: str = "timeline",
    now: dt.datetime | None = None,
    describe: Callable[[object], str] | None = None,
) -> str:
    """The events as an iCalendar text with CRLF line ends; undatable rows are left out.

    Written through the ``icalendar`` library, which escapes every text value and folds
    long lines, so nothing in a document (a newline, a lone CR, a semicolon) can start a
    line of its own. ``describe(row)`` gives an event's DESCRIPTION (default: its quote).
    """
    stamp = (now or dt.datetime.now(dt.timezone.utc)).replace(microsecond=0)
    calendar = icalendar.Calendar()
    calendar.add("version", "2.0")
    calendar.add("prodid", PRODID)
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", icalendar.vText(name))
    ordered = frame.sort_values(["date_start", "doc_id", "start"], kind="stable")
    for row in ordered.itertuples(index=False):
        event = _vevent(row, stamp, describe)
        if event is not None:
            calendar.add_component(event)
    return calendar.to_ical().decode("utf-8")


def _vevent(
    row, stamp: dt.datetime, describe: Callable[[object], str] | None = None
) -> icalendar.Event | None:
    try:
        first = dt.date.fromisoformat(str(row.date_start))
        last = dt.date.fromisoformat(str(row.date_end))
    except ValueError:
        return None
    kind = str(row.event_type or "event").replace("_", " ")
    summary = f"{row.person} — {kind}" if row.person else f"{kind.capitalize()} (no named person)"
    event = icalendar.Event()
    event.add("uid", f"{row.event_id}@{UID_DOMAIN}")
    event.add("dtstamp", stamp)
    event.add("dtstart", first)
    if last < dt.date.max:
        event.add("dtend", last + dt.timedelta(days=1))
    else:  # the day after 31 December 9999 cannot be written: give the length instead
        event.add("duration", last - first + dt.timedelta(days=1))
    event.add("summary", summary)
    event.add("description", describe(row) if describe else str(row.quote))
    link = http_url(row.url)
    if link:
        event.add("url", link)
    _add_place(event, row)
    return event


def _add_place(event: icalendar.Event, row) -> None:
    """LOCATION ("Tamu, Sagaing, Myanmar") and GEO of an event that has a place."""
    names = [str(getattr(row, c, "") or "") for c in ("location", "admin1", "country")]
    shown = [n for i, n in enumerate(names) if n and n not in names[:i]]
    if shown:
        event.add("location", ", ".join(shown))
    lat, lon = getattr(row, "latitude", None), getattr(row, "longitude", None)
    if isinstance(lat, float) and isinstance(lon, float) and math.isfinite(lat + lon):
        event.add("geo", (lat, lon))


def merged_to_ics(
    frame: pd.DataFrame, name: str = "timeline", now: dt.datetime | None = None
) -> str:
    """Merged events as iCalendar: each description lists every source, and says so when
    the sources disagree on the date."""
    return to_ics(frame, name, now, describe=merged_description)


def merged_description(row) -> str:
    """A merged event's sources as plain text, a conflict first."""
    lines = []
    if len(row.conflict_dates):
        dates = ", ".join(_said_date(date) for date in row.conflict_dates)
        lines.append(f"Sources disagree on the date: {dates}.")
    count = len(row.sources)
    lines.append(f"{count} source{'s' if count != 1 else ''}:")
    for number, source in enumerate(row.sources, start=1):
        where = " ".join(p for p in (source.get("title", ""), source.get("url", "")) if p)
        lines.append(f"{number}. “{source.get('quote', '')}”" + (f" — {where}" if where else ""))
    return "\n".join(lines)


def _said_date(date: str) -> str:
    return display_date(date, {4: "year", 7: "month"}.get(len(str(date)), "day"))
