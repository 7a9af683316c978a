"""The detail panel: one event with its whole paragraph, the quote highlighted.

Dash renders component children as text, never as HTML, so document strings need no escaping
here; the only link made is an http(s) one.
"""

from __future__ import annotations

import math

from dash import html

from timeline.dashboard import ids
from timeline.dashboard.figures import OTHER_COLOUR
from timeline.dashboard.labels import NO_PERSON_LABEL, type_label
from timeline.dashboard.shown import sources_of
from timeline.output.export import display_date, http_url

#: Longest context shown around a quote when its paragraph is very long.
PARAGRAPH_LIMIT = 1_500

PLACEHOLDER = (
    "Click an event on the timeline, a place on the map or a row of the table, to read its source."
)

GRANULARITY_NOTE = {
    "day": "the text gives the day",
    "month": "the text gives the month, not the day",
    "year": "the text gives the year only",
}


def locate_quote(text: str, quote: str, start: int, end: int) -> tuple[int, int] | None:
    """The quote's offsets in ``text``: the given ones when they match, else its first match."""
    if 0 <= start < end <= len(text) and text[start:end] == quote:
        return start, end
    found = text.find(quote) if quote else -1
    return (found, found + len(quote)) if found >= 0 else None


def paragraph_around(text: str, start: int, end: int, limit: int = PARAGRAPH_LIMIT) -> tuple:
    """The paragraph holding ``text[start:end]`` and the quote's offsets inside it.

    Paragraphs end at line breaks; a paragraph longer than ``limit`` is cut around the quote
    with an ellipsis on the cut sides. Returns (before, quote, after).
    """
    para_start = text.rfind("\n", 0, start) + 1
    para_end = text.find("\n", end)
    para_end = len(text) if para_end < 0 else para_end
    before = text[para_start:start]
    after = text[end:para_end]
    room = max(0, limit - (end - start)) // 2
    if len(before) > room:
        before = "…" + before[len(before) - room :].lstrip()
    if len(after) > room:
        after = after[:room].rstrip() + "…"
    return before.lstrip(), text[start:end], after.rstrip()


def detail_children(
    event: dict | None,
    text: str | None,
    colour: str = OTHER_COLOUR,
    history: list[str] | None = None,
) -> list:
    """The contents of the detail panel for an event (or the placeholder when None), with
    the lines of its audit trail (``history``: who changed it and when, oldest first)."""
    if not event:
        return [html.P(PLACEHOLDER, className="detail-placeholder")]
    person = event.get("person") or ""
    granularity = str(event.get("granularity") or "")
    when = display_date(str(event.get("date") or ""), granularity)
    sources = sources_of(event)
    heading = [
        html.Span(
            type_label(str(event.get("event_type") or "")),
            className="type-chip",
            style={"backgroundColor": colour},
        ),
        html.Span(when, className="detail-date"),
    ]
    if event.get("edited"):
        heading.append(html.Span("edited", className="edited-chip", id=ids.EDITED_MARK))
    return [
        html.Div(heading, className="detail-heading"),
        html.H3(person or NO_PERSON_LABEL, className="detail-person"),
        *_conflict(event),
        _context(event, text),
        html.Dl(
            [
                html.Dt("Written as"),
                html.Dd(f"“{event.get('date_text') or '—'}”"),
                html.Dt("Precision"),
                html.Dd(f"{granularity} — {GRANULARITY_NOTE.get(granularity, '')}".strip(" —")),
                html.Dt("Confidence"),
                html.Dd(_confidence(event.get("confidence"))),
                html.Dt("Sources" if len(sources) > 1 else "Source"),
                html.Dd(_source(event) if len(sources) == 1 else f"{len(sources)} reports"),
            ],
            className="detail-facts",
        ),
        *_source_list(sources),
        *_history(history or []),
    ]


def _history(lines: list[str]) -> list:
    """Who changed the event and when, as plain text (escaped like every other string)."""
    if not lines:
        return []
    return [
        html.Details(
            [
                html.Summary(f"Changed by hand ({len(lines)})"),
                html.Ul([html.Li(line) for line in lines], className="audit-list"),
            ],
            className="audit-trail",
            id=ids.AUDIT_TRAIL,
        )
    ]


def history_lines(rows: list[dict]) -> list[str]:
    """One line per change of an event (a merged event's sources changed together count
    once): when, who, and what, from audit trail rows (``AUDIT_COLUMNS``).

    >>> import datetime as dt
    >>> history_lines([{"changed_at": dt.datetime(2026, 12, 3, 14, 2), "editor": "alice",
    ...   "action": "save", "event_id": "e1", "person": None, "event_type": None,
    ...   "date": "2021-06"}])
    ['2026-12-03 14:02 UTC, alice: date set to 2021-06']
    """
    lines: list[str] = []
    for row in rows:
        stamp = row["changed_at"]
        when = stamp.strftime("%Y-%m-%d %H:%M UTC") if hasattr(stamp, "strftime") else str(stamp)
        line = f"{when}, {row['editor']}: {_what(row)}"
        if line not in lines:
            lines.append(line)
    return lines


def _what(row: dict) -> str:
    action = row.get("action")
    if action == "hide":
        return "hidden"
    if action == "undo":
        return "corrections undone"
    names = {"person": "person", "event_type": "type", "date": "date"}
    changed = [
        f"{label} set to {row[field] or '(no one)'}"
        for field, label in names.items()
        if row.get(field) is not None
    ]
    return ", ".join(changed) or str(action)


def _conflict(event: dict) -> list:
    """A visible warning when the sources give different dates, with every date."""
    dates = event.get("conflict_dates")
    if not event.get("conflict") or dates is None or not len(dates):
        return []
    shown = " and ".join(display_date(str(date), _granularity_of(str(date))) for date in dates)
    return [
        html.P(
            f"The sources disagree on the date: {shown}.",
            className="detail-conflict",
            id=ids.CONFLICT_NOTE,
            role="note",
        )
    ]


def _granularity_of(date: str) -> str:
    return {10: "day", 7: "month", 4: "year"}.get(len(date), "day")


def _source_list(sources: list[dict]) -> list:
    """Every report of a merged event: title (a link only for http(s)), date, quote."""
    if len(sources) <= 1:
        return []
    items = []
    for source in sources:
        title = str(source.get("title") or "") or "Untitled article"
        link = http_url(str(source.get("url") or ""))
        name = (
            html.A(title, href=link, target="_blank", rel="noopener noreferrer")
            if link
            else html.Span(title)
        )
        date = str(source.get("date") or "")
        when = display_date(date, str(source.get("granularity") or _granularity_of(date)))
        items.append(
            html.Li(
                [
                    html.Div([name, html.Span(f" · {when}", className="source-date")]),
                    html.Q(str(source.get("quote") or ""), className="source-quote"),
                ]
            )
        )
    return [html.H4(f"All {len(sources)} sources"), html.Ol(items, className="source-list")]


def _context(event: dict, text: str | None) -> html.Blockquote:
    quote = str(event.get("quote") or "")
    where = (
        locate_quote(text, quote, _int(event.get("start")), _int(event.get("end")))
        if text
        else None
    )
    if where is None:
        return html.Blockquote(html.Mark(quote), className="detail-context")
    before, marked, after = paragraph_around(text, *where)
    return html.Blockquote([before, html.Mark(marked), after], className="detail-context")


def _source(event: dict) -> list:
    title = str(event.get("title") or "") or "Untitled article"
    link = http_url(str(event.get("url") or ""))
    parts: list = [
        html.A(title, href=link, target="_blank", rel="noopener noreferrer", id=ids.SOURCE_LINK)
        if link
        else html.Span(title)
    ]
    if event.get("published"):
        parts.append(html.Span(f" · published {display_date(str(event['published']), 'day')}"))
    return parts


def _confidence(value: object) -> str:
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return "—"
    return "—" if math.isnan(number) else f"{number:.2f}"


def _int(value: object) -> int:
    try:
        return int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return -1
