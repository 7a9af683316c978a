"""Writing an event table as iCalendar (RFC 5545): one all-day VEVENT per event.

A day-precision event covers that day; a month or a year covers the whole period, so a
calendar never shows more precision than the text gave. DTEND is exclusive, as the RFC
says. The UID comes from the event id, so re-exports update events instead of copying them.

>>> from timeline.output.schema import events_frame
>>> frame = events_frame([{"event_id": "e1", "person": "Jane Doe", "event_type": "defection",
...     "date": "2021-06", "granularity": "month", "date_start": "2021-06-01",
...     "date_end": "2021-06-30", "quote": "In June, she left.", "start": 0, "end": 18,
...     "confidence": 1.0}])
>>> [line for line in to_ics(frame).splitlines() if line.startswith("DT")][1:]
['DTSTART;VALUE=DATE:20210601', 'DTEND;VALUE=DATE:20210701']
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pandas as pd

from timeline.output.export import display_date, http_url

PRODID = "-//timeline//event export//EN"
UID_DOMAIN = "timeline.invalid"
MAX_LINE_OCTETS = 75


def to_ics(
    frame: pd.DataFrame,
    name: str = "timeline",
    now: dt.datetime | None = None,
    describe: Callable[[object], str] | None = None,
) -> str:
    """The events as an iCalendar text with CRLF line ends; undatable rows are left out.

    ``describe(row)`` gives an event's DESCRIPTION (default: its quote).
    """
    stamp = (now or dt.datetime.now(dt.timezone.utc)).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{escape_text(name)}",
    ]
    ordered = frame.sort_values(["date_start", "doc_id", "start"], kind="stable")
    for row in ordered.itertuples(index=False):
        lines.extend(_vevent(row, stamp, describe))
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def _vevent(row, stamp: str, describe: Callable[[object], str] | None = None) -> list[str]:
    try:
        first = dt.date.fromisoformat(str(row.date_start))
        last = dt.date.fromisoformat(str(row.date_end))
    except ValueError:
        return []
    kind = str(row.event_type or "event").replace("_", " ")
    summary = f"{row.person} — {kind}" if row.person else f"{kind.capitalize()} (no named person)"
    lines = [
        "BEGIN:VEVENT",
        f"UID:{row.event_id}@{UID_DOMAIN}",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{first:%Y%m%d}",
        f"DTEND;VALUE=DATE:{last + dt.timedelta(days=1):%Y%m%d}",
        f"SUMMARY:{escape_text(summary)}",
        f"DESCRIPTION:{escape_text(describe(row) if describe else str(row.quote))}",
    ]
    link = http_url(row.url)
    if link:
        lines.append(f"URL:{link}")
    lines.append("END:VEVENT")
    return lines


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


def escape_text(text: str) -> str:
    r"""A TEXT value as RFC 5545 wants it: backslash, semicolon, comma and newline escaped.

    >>> escape_text("a; b, c\nd")
    'a\\; b\\, c\\nd'
    """
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def fold(line: str) -> str:
    """Fold a content line at 75 octets without splitting a UTF-8 character."""
    parts: list[str] = []
    current, size = "", 0
    limit = MAX_LINE_OCTETS
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            parts.append(current)
            current, size, limit = "", 0, MAX_LINE_OCTETS - 1
        current += char
        size += width
    parts.append(current)
    return "\r\n ".join(parts)
