"""Writing an event table out: CSV, JSON, JSON lines and TimelineJS.

Every format keeps the columns of ``timeline.output.schema.EVENT_COLUMNS`` in their order, except
TimelineJS, whose shape is fixed by TimelineJS itself. A date never gains precision on the
way out: a month-precision event is written with a year and a month, never a day.

>>> from timeline.output.schema import events_frame
>>> frame = events_frame([{"event_id": "e1", "person": "Jane Doe", "event_type": "defection",
...     "date": "2021-06", "granularity": "month", "quote": "In June, she left.",
...     "start": 0, "end": 18}])
>>> to_timelinejs(frame)["events"][0]["start_date"]
{'year': '2021', 'month': '6'}
"""

from __future__ import annotations

import calendar
import html
import json
from urllib.parse import urlsplit

import pandas as pd

from timeline.output.schema import EVENT_COLUMNS
from timeline.text.checks import UNSAFE_IN_URL

#: Export formats: name -> (file suffix, MIME type).
FORMATS: dict[str, tuple[str, str]] = {
    "csv": (".csv", "text/csv"),
    "json": (".json", "application/json"),
    "jsonl": (".jsonl", "application/x-ndjson"),
    "timelinejs": (".timeline.json", "application/json"),
}

NO_PERSON_LABEL = "No named person"


def display_date(date: str, granularity: str) -> str:
    """The date as a reader says it, at exactly its precision.

    >>> display_date("2021-10-07", "day"), display_date("2021-06", "month")
    ('7 October 2021', 'June 2021')
    >>> display_date("2016", "year")
    '2016'
    """
    parts = date_parts(date, granularity)
    if not parts:
        return date
    if "day" in parts:
        return f"{parts['day']} {calendar.month_name[int(parts['month'])]} {parts['year']}"
    if "month" in parts:
        return f"{calendar.month_name[int(parts['month'])]} {parts['year']}"
    return parts["year"]


def date_parts(date: str, granularity: str) -> dict[str, str]:
    """Year, month and day of an ISO date, keeping only the parts the granularity allows.

    Numbers are written without leading zeros, as TimelineJS expects; an unreadable date
    gives an empty dict.
    """
    pieces = str(date).split("-")
    keep = {"year": 1, "month": 2, "day": 3}.get(granularity, len(pieces))
    if len(pieces) < keep or not all(piece.isdigit() for piece in pieces[:keep]):
        return {}
    names = ("year", "month", "day")
    return {names[index]: str(int(pieces[index])) for index in range(keep)}


def http_url(url: str) -> str:
    r"""The URL when it is an absolute http(s) link, else "" (only those may ever be clickable).

    A URL holding a control character or white space is refused whole, not cleaned:
    ``urlsplit`` drops CR and LF before parsing, so what it checked would not be what
    is written.

    >>> http_url("https://example.org/a"), http_url("https://example.org/\r\nEND:VEVENT")
    ('https://example.org/a', '')
    """
    text = str(url or "").strip()
    if UNSAFE_IN_URL.search(text):
        return ""
    try:
        parts = urlsplit(text)
    except ValueError:
        return ""
    if parts.scheme.lower() in ("http", "https") and parts.netloc:
        return text
    return ""


#: First characters that make a spreadsheet read a cell as a formula (OWASP's list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value: object) -> object:
    r"""A text cell a spreadsheet would run as a formula, prefixed with ' so it shows as text.

    >>> neutralise_formula('=HYPERLINK("http://x")'), neutralise_formula("-3 soldiers")
    ('\'=HYPERLINK("http://x")', "'-3 soldiers")
    >>> neutralise_formula("Jane Doe"), neutralise_formula(-3)
    ('Jane Doe', -3)
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def write_csv(table: pd.DataFrame) -> str:
    """The one CSV writer: a header row, and every formula-like text cell neutralised.

    Only CSV, which spreadsheets open, is changed: JSON keeps every string as written.
    """
    text = [c for c in table.columns if not pd.api.types.is_numeric_dtype(table[c])]
    safe = table.assign(**{c: table[c].map(neutralise_formula) for c in text})
    return safe.to_csv(index=False)


def to_csv(frame: pd.DataFrame) -> str:
    """The events as CSV text (see :func:`write_csv`)."""
    return write_csv(frame.loc[:, EVENT_COLUMNS])


def to_records(frame: pd.DataFrame) -> list[dict]:
    """The events as a list of plain dicts in column order (JSON-ready: no numpy scalars)."""
    columns = frame.loc[:, EVENT_COLUMNS]
    return json.loads(columns.to_json(orient="records", force_ascii=False))


def to_json(frame: pd.DataFrame) -> str:
    """The events as a JSON array of objects."""
    return json.dumps(to_records(frame), ensure_ascii=False, indent=1)


def to_jsonl(frame: pd.DataFrame) -> str:
    """The events as JSON lines, one object a line."""
    return "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in to_records(frame))


def to_timelinejs(frame: pd.DataFrame, title: str = "") -> dict:
    """A TimelineJS 3 JSON object: one slide per event, grouped by person.

    Everything that comes from a document is HTML-escaped, because TimelineJS renders
    ``headline`` and ``text`` as HTML; only http(s) source links become anchors.
    """
    ordered = frame.sort_values(["date_start", "doc_id", "start"], kind="stable")
    events = []
    for row in ordered.itertuples(index=False):
        parts = date_parts(row.date, row.granularity)
        if not parts:
            continue
        event = {
            "unique_id": f"event-{row.event_id}",
            "start_date": parts,
            "end_date": dict(parts),
            "display_date": display_date(row.date, row.granularity),
            "text": {
                "headline": _escape(_headline(row.person, row.event_type)),
                "text": _slide_text(row.quote, row.title, row.url),
            },
        }
        if row.person:
            event["group"] = _escape(row.person)
        events.append(event)
    result: dict = {"events": events}
    if title:
        result["title"] = {"text": {"headline": _escape(title), "text": ""}}
    return result


def timelinejs_json(frame: pd.DataFrame, title: str = "") -> str:
    """``to_timelinejs`` as JSON text."""
    return json.dumps(to_timelinejs(frame, title), ensure_ascii=False, indent=1)


def export_events(frame: pd.DataFrame, fmt: str) -> str:
    """The events in one of ``FORMATS`` as text."""
    writers = {"csv": to_csv, "json": to_json, "jsonl": to_jsonl, "timelinejs": timelinejs_json}
    if fmt not in writers:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(writers)}")
    return writers[fmt](frame)


def _headline(person: str, event_type: str) -> str:
    kind = str(event_type or "event").replace("_", " ")
    return f"{person} — {kind}" if person else kind.capitalize()


def _slide_text(quote: str, title: str, url: str) -> str:
    body = f"“{_escape(quote)}”"
    source = _escape(title) or "Source"
    link = http_url(url)
    if link:
        href = html.escape(link, quote=True)
        body += f'<br><a href="{href}" target="_blank" rel="noopener noreferrer">{source}</a>'
    elif title:
        body += f"<br>{source}"
    return body


def _escape(text: object) -> str:
    return html.escape(str(text or ""), quote=False)


# Merged events (one row per happening, with its sources; see timeline.corpus.merge) ---------------

#: What a merged event adds to the event columns, in this order.
MERGED_EXTRA_COLUMNS = ("source_count", "conflict", "conflict_dates", "event_ids", "sources")


def merged_records(frame: pd.DataFrame) -> list[dict]:
    """Merged events as JSON-ready dicts: the event columns, then the sources and the conflict.

    >>> from timeline.corpus.merge import merge_events
    >>> from timeline.output.schema import events_frame
    >>> row = {"event_id": "e1", "doc_id": "d", "person": "Jane Doe", "event_type": "arrest",
    ...     "date": "2021-06", "granularity": "month", "date_start": "2021-06-01",
    ...     "date_end": "2021-06-30", "quote": "In June, she was arrested.", "start": 0,
    ...     "end": 26, "confidence": 1.0}
    >>> record = merged_records(merge_events(events_frame([row])))[0]
    >>> record["conflict"], record["source_count"], record["sources"][0]["quote"]
    (False, 1, 'In June, she was arrested.')
    """
    records = to_records(frame)
    extras = zip(*(frame[c].tolist() for c in MERGED_EXTRA_COLUMNS), strict=True)
    for record, values in zip(records, extras, strict=True):
        count, conflict, dates, ids, sources = values
        record.update(
            source_count=int(count),
            conflict=bool(conflict),
            conflict_dates=list(dates),
            event_ids=list(ids),
            sources=_plain(list(sources)),
        )
    return records


def merged_to_json(frame: pd.DataFrame) -> str:
    """Merged events as a JSON array of objects."""
    return json.dumps(merged_records(frame), ensure_ascii=False, indent=1)


def merged_to_jsonl(frame: pd.DataFrame) -> str:
    """Merged events as JSON lines, one object a line."""
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in merged_records(frame))


def merged_to_csv(frame: pd.DataFrame) -> str:
    """Merged events as CSV, one row each; list columns (sources too) as JSON text."""
    table = frame.loc[:, [*EVENT_COLUMNS, *MERGED_EXTRA_COLUMNS]].copy()
    table["conflict"] = table["conflict"].map(lambda value: "true" if value else "false")
    for column in ("conflict_dates", "event_ids", "sources"):
        table[column] = [json.dumps(_plain(v), ensure_ascii=False) for v in table[column]]
    return write_csv(table)


def merged_to_timelinejs(frame: pd.DataFrame, title: str = "") -> dict:
    """TimelineJS slides of merged events: each slide lists every source, escaped.

    A conflict says so on the slide, with the dates the sources give.
    """
    result = to_timelinejs(frame, title)
    texts = {
        f"event-{row.event_id}": merged_slide_text(row.sources, row.conflict_dates)
        for row in frame.itertuples(index=False)
    }
    for event in result["events"]:
        event["text"]["text"] = texts[event["unique_id"]]
    return result


def merged_slide_text(sources: list[dict], conflict_dates: list[str]) -> str:
    """The HTML text of a merged event's slide: a conflict note, then each source."""
    parts = []
    if conflict_dates:
        shown = ", ".join(_escape(_source_date(date)) for date in conflict_dates)
        parts.append(f"<p><strong>Sources disagree on the date:</strong> {shown}</p>")
    count = len(sources)
    parts.append(f"<p>{count} source{'s' if count != 1 else ''}</p>")
    items = "".join(
        f"<li>{_slide_text(s.get('quote', ''), s.get('title', ''), s.get('url', ''))}</li>"
        for s in sources
    )
    parts.append(f"<ol>{items}</ol>")
    return "".join(parts)


def export_merged(frame: pd.DataFrame, fmt: str) -> str:
    """Merged events in one of ``FORMATS`` as text."""
    writers = {
        "csv": merged_to_csv,
        "json": merged_to_json,
        "jsonl": merged_to_jsonl,
        "timelinejs": lambda f: json.dumps(merged_to_timelinejs(f), ensure_ascii=False, indent=1),
    }
    if fmt not in writers:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(writers)}")
    return writers[fmt](frame)


def _source_date(date: str) -> str:
    granularity = {4: "year", 7: "month"}.get(len(str(date)), "day")
    return display_date(date, granularity)


def _plain(value: object) -> object:
    """A value with plain Python scalars inside (numpy ints become ints), for JSON."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    return value.item() if hasattr(value, "item") else value
