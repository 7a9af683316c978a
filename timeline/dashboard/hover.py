"""The hover labels of the timeline: each event's parts escaped and wrapped once, when the
table is prepared, so that drawing a view only copies strings.

Plotly renders a subset of HTML in hover labels and does not wrap them, so every string that
came from a document is escaped here and quotes are wrapped to a readable width.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
import pyarrow as pa

from timeline.dashboard.labels import NO_PERSON_LABEL, escape
from timeline.output.export import display_date

HOVER_WIDTH = 60
HOVER_LINES = 7
SHORT_QUOTE = 70
#: Rows whose hover labels are built at once (bounds the Python strings alive at a time).
HOVER_CHUNK = 50_000
HOVER_COLUMNS = ("_when", "_hover_who", "_hover_quote", "_hover_short", "_hover_source")
#: Above this many events the hover shows the short quote (the whole one is a click away),
#: which spares a second copy of every quote in memory.
FULL_HOVER_LIMIT = 300_000


def wrap_text(text: str, width: int = HOVER_WIDTH, max_lines: int = HOVER_LINES) -> list[str]:
    """Greedy word wrap (faster than ``textwrap`` on many short texts); long words are cut."""
    lines: list[str] = []
    current = ""
    for word in str(text).split():
        while len(word) > width:
            if current:
                lines.append(current)
                current = ""
            lines.append(word[:width])
            word = word[width:]
        if not current:
            current = word
        elif len(current) + 1 + len(word) <= width:
            current = f"{current} {word}"
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: width - 1].rstrip() + "…"
    return lines


def hover_fields(
    when: str, person: str, quote: str, title: str, short: bool = False
) -> tuple[str, str, str]:
    """The escaped parts of one event's hover label that vary per event: the person, the
    quote wrapped to a readable width, and the source. ``short`` cuts the quote to a line or
    two (used when thousands of events are drawn). ``when`` must already be plain text."""
    if short and len(quote) > SHORT_QUOTE:
        quote = quote[: SHORT_QUOTE - 1].rstrip() + "…"
    quote_lines = "<br>".join(escape(line) for line in wrap_text(quote))
    who = escape(person) if person else f"<i>{NO_PERSON_LABEL}</i>"
    source = escape(" ".join(wrap_text(title, HOVER_WIDTH, 1))) if title else "<i>untitled</i>"
    return who, f"“{quote_lines}”", source


def hover_marks(source_count: int, conflict_dates: Sequence[str] | None, edited: bool) -> str:
    """What the hover adds after the source: how many sources, a date conflict, an edit."""
    parts = []
    if source_count > 1:
        parts.append(f"{source_count} sources")
    if conflict_dates is not None and len(conflict_dates):
        dates = " / ".join(escape(date) for date in conflict_dates)
        parts.append(f"<b style='color:#b42318'>dates disagree: {dates}</b>")
    if edited:
        parts.append("<b>edited</b>")
    return "".join(f"  ·  {part}" for part in parts)


def hover_rows_for(table: pd.DataFrame, rows: int | None) -> bool:
    """Whether hover labels hold the whole quote, for a table of ``rows`` events in all
    (``table``'s own length when None)."""
    return (len(table) if rows is None else rows) <= FULL_HOVER_LIMIT


def hover_columns(
    table: pd.DataFrame, chunk: int = HOVER_CHUNK, full: bool | None = None
) -> dict[str, pd.api.extensions.ExtensionArray]:
    """The date in words and the escaped hover parts of every row, built a chunk at a time
    into Arrow-backed text so that a million rows never sit in Python lists at once.
    ``full`` (default: up to ``FULL_HOVER_LIMIT`` rows) keeps the whole quote in the hover."""
    parts: dict[str, list] = {name: [] for name in HOVER_COLUMNS}
    full = hover_rows_for(table, None) if full is None else full
    for begin in range(0, len(table), chunk):
        rows = table.iloc[begin : begin + chunk]
        for name, values in _hover_chunk(rows, full=full).items():
            parts[name].append(pd.array(values, dtype="str"))
    columns = {name: _joined(arrays) for name, arrays in parts.items()}
    if not full:
        columns["_hover_quote"] = columns["_hover_short"]  # one copy of the text, not two
    return columns


def _joined(arrays: list) -> pd.api.extensions.ExtensionArray:
    """Chunks of text as one contiguous Arrow-backed array."""
    if not arrays:
        return pd.array([], dtype="str")
    pieces = []
    for array in arrays:
        piece = pa.array(array)
        pieces.extend(piece.chunks if isinstance(piece, pa.ChunkedArray) else [piece])
    return pd.array(pa.concat_arrays(pieces), dtype=arrays[0].dtype)


def _hover_chunk(rows: pd.DataFrame, full: bool = True) -> dict[str, list[str]]:
    when = [display_date(d, g) for d, g in zip(rows["date"], rows["granularity"], strict=True)]
    who, quote, short, source = [], [], [], []
    columns = (when, rows["person"], rows["quote"], rows["title"])
    for values in zip(*columns, strict=True):
        person_html, short_html, source_html = hover_fields(*values, short=True)
        who.append(person_html)
        short.append(short_html)
        source.append(source_html)
        if full:
            quote.append(hover_fields(*values)[1])
    counts = rows["source_count"].to_numpy()
    edited = rows["edited"].to_numpy(dtype=bool)
    conflict = rows["conflict"].to_numpy(dtype=bool)
    dates = rows["conflict_dates"].to_numpy(dtype=object)
    for row in np.flatnonzero((counts > 1) | edited | conflict).tolist():
        source[row] += hover_marks(
            int(counts[row]), dates[row] if conflict[row] else None, bool(edited[row])
        )
    columns = {"_when": when, "_hover_who": who, "_hover_short": short, "_hover_source": source}
    if full:
        columns["_hover_quote"] = quote
    return columns
