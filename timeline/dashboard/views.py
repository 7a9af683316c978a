"""The work behind the page: from an event table and a filter state to what the page shows.

Everything here is plain numpy, pandas and dicts, so unit tests and the benchmark call it
directly.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from timeline.dashboard import figures
from timeline.dashboard.filters import Filters, matching_positions
from timeline.dashboard.labels import NO_PERSON_LABEL, type_label
from timeline.dashboard.months import month_days
from timeline.dashboard.table import EventTable

#: People drawn at once; further lanes are a page away (a lane one pixel high shows nothing).
LANES_PER_PAGE = 40
#: Events drawn at most; beyond, events that would fall on the same pixel of a lane are thinned.
MAX_POINTS = 6_000
#: Time bins per lane when thinning (about one per pixel of a wide plot).
THIN_BINS = 1_500
#: The first view zooms to the shortest window holding this share of the events ...
FOCUS_SHARE = 0.9
#: ... when that window is shorter than this fraction of the whole span.
FOCUS_MAX_FRACTION = 0.25
#: Rows sent to the table; the export always holds every event in view.
TABLE_ROW_LIMIT = 1_000
#: Table columns: (field, header).
TABLE_COLUMNS = (
    ("when", "Date"),
    ("person", "Person"),
    ("event_type", "Type"),
    ("quote", "Quote"),
    ("title", "Source"),
    ("source_count", "Sources"),
    ("edited", "Edited"),
    ("confidence", "Confidence"),
)


@dataclass
class View:
    """What the page shows for one filter state."""

    figure: dict
    shown: int
    total: int
    rows: list[dict] = field(default_factory=list)
    page: int = 0
    page_count: int = 1
    lane_count: int = 0
    drawn: int = 0
    note: str = ""

    @property
    def count_text(self) -> str:
        """The shown/total count."""
        noun = "event" if self.total == 1 else "events"
        return f"{self.shown:,} of {self.total:,} {noun}"

    @property
    def empty_message(self) -> str:
        """Why nothing is shown, or "" when something is."""
        if self.shown:
            return ""
        if not self.total:
            return "No events yet. Add an article to start a timeline."
        return "No events match these filters."

    @property
    def pager_label(self) -> str:
        """Which people are drawn, when they do not all fit."""
        first = self.page * LANES_PER_PAGE + 1
        last = min(self.lane_count, first + LANES_PER_PAGE - 1)
        return f"People {first:,}–{last:,} of {self.lane_count:,}"

    @property
    def table_note(self) -> str:
        """Says when the table holds fewer rows than the view."""
        if self.shown > len(self.rows):
            return (
                f"The table lists the first {len(self.rows):,} of {self.shown:,} events in view; "
                "the downloads hold them all."
            )
        return ""


def lane_order(table: EventTable, positions: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Person codes ordered by their first event (rows are in date order), the unnamed lane
    last; and the event count of every person code."""
    codes = table.person_codes[positions]
    counts = np.bincount(codes, minlength=len(table.people))
    # The first row of each code without sorting: written backwards, the earliest row wins.
    first_row = np.full(len(table.people), len(codes), dtype="int64")
    first_row[codes[::-1]] = np.arange(len(codes) - 1, -1, -1)
    present = np.flatnonzero(counts)
    order = present[np.argsort(first_row[present], kind="stable")]
    unnamed = [code for code in order.tolist() if table.people[code] == ""]
    if unnamed:
        order = np.array([code for code in order.tolist() if code != unnamed[0]] + unnamed)
    return order, counts


def thin_out(
    table: EventTable, positions: np.ndarray, lanes: np.ndarray, limit: int = MAX_POINTS
) -> np.ndarray:
    """At most ``limit`` of ``positions``, keeping one event per lane, type and time bin.

    Events that would be drawn on the same pixel of the same lane in the same colour cannot be
    told apart on screen; the first of each is kept, and bins widen until the limit holds.
    """
    if len(positions) <= limit:
        return positions
    first = table.first[positions]
    last = table.last[positions]
    origin = int(first.min())
    width = max(1, (int(last.max()) - origin) // THIN_BINS)
    lane_of = np.zeros(len(table.people), dtype="int64")
    lane_of[lanes] = np.arange(len(lanes))
    group = lane_of[table.person_codes[positions]] * len(table.types) + table.type_codes[positions]
    bins_span = int(last.max()) - origin
    kept = positions
    # Bins of twice the width hold whole bins of the width before, so each round only needs
    # the rows the round before kept.
    while len(kept) > limit:
        bins = bins_span // width + 2
        key = (group * bins + (first - origin) // width) * bins + (last - origin) // width
        # The first row of each key, by hashing (a sort of a million keys costs more).
        first_of_key = ~pd.Series(key).duplicated(keep="first").to_numpy()
        kept, first, last, group = (
            kept[first_of_key],
            first[first_of_key],
            last[first_of_key],
            group[first_of_key],
        )
        width *= 2
    return kept


def build_view(
    table: EventTable,
    filters: Filters,
    colours: dict[str, str],
    page: int = 0,
    with_rows: bool = True,
    max_points: int = MAX_POINTS,
) -> View:
    """Filter a prepared table and build the figure, table rows and counts for one page
    (``with_rows`` False: no table rows, for a page whose table is not open; at most
    ``max_points`` events drawn, see ``thin_out``)."""
    positions = matching_positions(table, filters)
    if not len(positions):
        message = "No events yet" if table.empty else "No events match these filters"
        return View(figure=figures.empty_figure(message), shown=0, total=len(table))
    lanes, counts = lane_order(table, positions)
    page_count = max(1, -(-len(lanes) // LANES_PER_PAGE))
    page = min(max(page, 0), page_count - 1)
    page_lanes = lanes[page * LANES_PER_PAGE : (page + 1) * LANES_PER_PAGE]
    drawn = positions
    if page_count > 1:
        on_page = np.zeros(len(table.people), dtype=bool)
        on_page[page_lanes] = True
        drawn = positions[on_page[table.person_codes[positions]]]
    kept = thin_out(table, drawn, page_lanes, max_points)
    x_range, note = _x_range(table, positions, filters)
    if len(kept) < len(drawn):
        note = (
            f"{len(drawn) - len(kept):,} events that would fall on the same spot as another "
            "are not drawn; narrow the dates to see every one. " + note
        ).strip()
    figure = figures.timeline_figure(
        marks_of(table, kept, page_lanes),
        [(table.people[code], int(counts[code])) for code in page_lanes],
        colours,
        x_range=x_range,
    )
    return View(
        figure=figure,
        shown=len(positions),
        total=len(table),
        rows=table_rows_of(table, positions) if with_rows else [],
        page=page,
        page_count=page_count,
        lane_count=len(lanes),
        drawn=len(kept),
        note=note,
    )


def marks_of(table: EventTable, positions: np.ndarray, lanes: np.ndarray) -> figures.Marks:
    """The arrays the figure draws for some rows, with each row's lane number."""
    lane_of = np.zeros(len(table.people), dtype="int64")
    lane_of[lanes] = np.arange(len(lanes))
    webgl = len(positions) > figures.WEBGL_THRESHOLD
    quote = "_hover_short" if webgl else "_hover_quote"
    columns = ("event_id", "_when", "_hover_who", quote, "_hover_source")
    customdata = np.empty((len(positions), len(columns)), dtype=object)
    for index, column in enumerate(columns):
        # Take the rows first: converting a whole text column to objects costs a string each.
        customdata[:, index] = table.frame[column].take(positions).to_numpy(dtype=object)
    return figures.Marks(
        lane=lane_of[table.person_codes[positions]],
        first=table.first[positions],
        last=table.last[positions],
        kind_code=table.type_codes[positions],
        kinds=table.types.tolist(),
        customdata=customdata,
    )


#: The prepared columns that the table rows are made of.
TABLE_FIELDS = (
    "event_id",
    "date",
    "_when",
    "person",
    "event_type",
    "quote",
    "title",
    "granularity",
    "source_count",
    "edited",
    "confidence",
)


def table_rows_of(table: EventTable, positions: np.ndarray) -> list[dict]:
    """The table's rows for the events at ``positions`` (at most ``TABLE_ROW_LIMIT``)."""
    return table_rows(table.rows(positions[:TABLE_ROW_LIMIT], TABLE_FIELDS))


def table_rows(rows: pd.DataFrame) -> list[dict]:
    """Rows for the event table (plain text; the grid never renders them as HTML)."""
    confidence = rows["confidence"].to_numpy(dtype=float)
    names = ("event_id", "date", "_when", "person", "event_type", "quote", "title", "granularity")
    columns = [rows[name].to_numpy(dtype=object).tolist() for name in names]
    counts = rows["source_count"].to_numpy(dtype="int64").tolist()
    edited = rows["edited"].to_numpy(dtype=bool).tolist()
    return [
        {
            "event_id": event_id,
            "date": date,
            "when": when,
            "person": person or NO_PERSON_LABEL,
            "event_type": type_label(kind),
            "quote": quote,
            "title": title,
            "granularity": granularity,
            "source_count": count,
            "edited": "edited" if was_edited else "",
            "confidence": round(value, 2) if np.isfinite(value) else None,
        }
        for (
            event_id,
            date,
            when,
            person,
            kind,
            quote,
            title,
            granularity,
            count,
            was_edited,
            value,
        ) in zip(*columns, counts, edited, confidence.tolist(), strict=True)
    ]


def focus_window(
    first: np.ndarray, last: np.ndarray, share: float = FOCUS_SHARE
) -> tuple[int, int, int]:
    """The days to show at first: the whole span, unless a few far-off events would squeeze
    the rest into a sliver. Then the shortest window holding ``share`` of the events is shown,
    if it is under ``FOCUS_MAX_FRACTION`` of the span. Returns (first day, last day, number of
    events outside the window)."""
    low, high = int(first.min()), int(last.max())
    count = len(first)
    keep = int(np.ceil(share * count))
    if count < 5 or keep >= count:
        return low, high, 0
    middle = np.sort((first + last) / 2)
    widths = middle[keep - 1 :] - middle[: count - keep + 1]
    start = int(np.argmin(widths))
    window_low, window_high = middle[start], middle[start + keep - 1]
    if (window_high - window_low) > FOCUS_MAX_FRACTION * (high - low):
        return low, high, 0
    inside = (last >= window_low) & (first <= window_high)
    window_low = int(first[inside].min())
    window_high = int(last[inside].max())
    return window_low, window_high, int(count - inside.sum())


def _x_range(
    table: EventTable, positions: np.ndarray, filters: Filters
) -> tuple[tuple[int, int], str]:
    """The initial x range and, when it leaves events out of sight, a note that says so."""
    if filters.months is not None:
        return month_days(filters.months), ""
    first, last = table.first[positions], table.last[positions]
    low, high, outside = focus_window(first, last)
    if not outside:
        return (low, high), ""
    span = f"{_year(low)}–{_year(high)}" if _year(low) != _year(high) else _year(low)
    noun = "event lies" if outside == 1 else "events lie"
    note = (
        f"Zoomed to {span}, where most events are; {outside} {noun} outside. "
        "Double-click the chart to see every year."
    )
    return (low, high), note


def _year(day: int) -> str:
    return str(np.datetime64(day, "D").astype("datetime64[Y]"))
