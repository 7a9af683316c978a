"""The work behind the page: from an event table and a filter state to what the page shows.

Everything here is plain numpy, pandas and dicts, so unit tests and the benchmark call it
directly.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from timeline.dashboard import figures
from timeline.dashboard.figures import lane_label
from timeline.dashboard.filters import Filters, matching_positions
from timeline.dashboard.labels import NO_PERSON_LABEL, type_label
from timeline.dashboard.lanes import lane_count, lane_keys, lane_order, lane_person, lane_type
from timeline.dashboard.palette import TypeStyle
from timeline.dashboard.places_map import map_figure
from timeline.dashboard.spread import MARKER_GAP_PX, PLOT_WIDTH_PX, Spread, spread_markers
from timeline.dashboard.table import EventTable
from timeline.dashboard.window import Shown, choose_window, window_note

#: Lanes drawn at once; further lanes are a page away (a lane one pixel high shows nothing).
LANES_PER_PAGE = 40
#: Rows sent to the table; the export always holds every event in view.
TABLE_ROW_LIMIT = 1_000
#: Table columns: (field, header).
TABLE_COLUMNS = (
    ("when", "Date"),
    ("person", "Person"),
    ("event_type", "Type"),
    ("quote", "Quote"),
    ("title", "Source"),
    ("published", "Published"),
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
    #: The map of the same events (places_map.py).
    map_figure: dict = field(default_factory=dict)

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
        """Which lanes are drawn, when they do not all fit."""
        first = self.page * LANES_PER_PAGE + 1
        last = min(self.lane_count, first + LANES_PER_PAGE - 1)
        return f"Lanes {first:,}–{last:,} of {self.lane_count:,}"

    @property
    def table_note(self) -> str:
        """Says when the table holds fewer rows than the view."""
        if self.shown > len(self.rows):
            return (
                f"The table lists the first {len(self.rows):,} of {self.shown:,} events in view; "
                "the downloads hold them all."
            )
        return ""


def build_view(
    table: EventTable,
    filters: Filters,
    styles: dict[str, TypeStyle],
    page: int = 0,
    requested: object = None,
    with_rows: bool = True,
    max_marks: int | None = None,
    with_map: bool = True,
) -> View:
    """Filter a prepared table and build the figure, table rows and counts for one page of
    lanes; ``requested`` is the window the reader asked for (see ``window.py``);
    ``with_rows`` False: no table rows, for a page whose table is not open; ``max_marks``:
    at most that many markers and badges drawn (see ``capped_spread``); ``with_map``
    False: no map, for the first page (the map comes after the first draw)."""
    positions = matching_positions(table, filters)
    places = map_figure(table, positions) if with_map else {}
    if not len(positions):
        message = "No events yet" if table.empty else "No events match these filters"
        return View(
            figure=figures.empty_figure(message), shown=0, total=len(table), map_figure=places
        )
    window = choose_window(table.first[positions], table.last[positions], filters, requested)
    inside = positions[window.holds(table.first[positions], table.last[positions])]
    all_lanes, counts = lane_order(table, positions, filters.order)
    lanes, inside_counts = lane_order(table, inside, filters.order)
    page_count = max(1, -(-len(lanes) // LANES_PER_PAGE))
    page = min(max(page, 0), page_count - 1)
    page_lanes = lanes[page * LANES_PER_PAGE : (page + 1) * LANES_PER_PAGE]
    lane_of = np.full(lane_count(table), -1, dtype="int64")
    lane_of[page_lanes] = np.arange(len(page_lanes))
    drawn_lane = lane_of[lane_keys(table, inside)]
    drawn = inside[drawn_lane >= 0]
    drawn_lane = drawn_lane[drawn_lane >= 0]
    first, last = table.first[drawn], table.last[drawn]
    spread, coarse = capped_spread(
        drawn_lane, (first, last), len(page_lanes), (window.first, window.last), max_marks
    )
    single = spread.row >= 0
    labels = [
        lane_label(
            lane_person(table, key),
            int(counts[key]),
            lane_type(table, key),
            int(inside_counts[key]),
        )
        for key in page_lanes.tolist()
    ]
    figure = figures.timeline_figure(
        marks_of(table, drawn[single], drawn_lane[single], spread.row[single]),
        figures.Lanes(labels=labels, rows=spread.lane_rows),
        styles,
        x_range=(window.first, window.last),
        badges=spread.badges,
    )
    note = window_note(
        Shown(
            window=window,
            events=len(positions),
            inside=len(inside),
            empty_lanes=len(all_lanes) - len(lanes),
            empty_names=empty_lane_names(table, all_lanes, lanes),
            badges=len(spread.badges),
            coarse=coarse,
        )
    )
    return View(
        figure=figure,
        shown=len(positions),
        total=len(table),
        rows=table_rows_of(table, positions) if with_rows else [],
        page=page,
        page_count=page_count,
        lane_count=len(lanes),
        drawn=int(single.sum()),
        note=note,
        map_figure=places,
    )


def capped_spread(
    lane: np.ndarray,
    days: tuple[np.ndarray, np.ndarray],
    lanes: int,
    window: tuple[float, float],
    max_marks: int | None = None,
) -> tuple[Spread, bool]:
    """The events' spread (``spread.spread_markers``; ``days``: each one's first and last
    day), and whether it was made coarser: with ``max_marks``, events are grouped as on
    a plot narrower than ``PLOT_WIDTH_PX`` until at most that many markers and badges are
    drawn. Markers and badges get fewer about in proportion to the width, down to one
    badge or a few markers per lane on a plot ``MARKER_GAP_PX`` wide. Windows of at most
    ``MIN_BADGE_DAYS`` are never grouped, so there the cap may not hold."""
    first, last = days
    centre = (first + last + 1) / 2
    width = float(PLOT_WIDTH_PX)
    while True:
        spread = spread_markers(lane, centre, lanes, window, first, last, width)
        marks = int((spread.row >= 0).sum()) + len(spread.badges)
        if max_marks is None or marks <= max_marks or width <= MARKER_GAP_PX:
            return spread, width < PLOT_WIDTH_PX
        width = max(MARKER_GAP_PX, width * 0.9 * max_marks / marks)


#: Lanes with nothing in the window that the note names.
NAMED_EMPTY_LANES = 3


def empty_lane_names(table: EventTable, every: np.ndarray, drawn: np.ndarray) -> tuple[str, ...]:
    """The names of the first few lanes in ``every`` that are not ``drawn``."""
    missing = every[~np.isin(every, drawn)][:NAMED_EMPTY_LANES]
    names = []
    for key in missing.tolist():
        kind = lane_type(table, key)
        names.append(lane_person(table, key) or f"{NO_PERSON_LABEL}: {type_label(kind or '')}")
    return tuple(names)


def marks_of(
    table: EventTable, positions: np.ndarray, lane: np.ndarray, row: np.ndarray
) -> figures.Marks:
    """The arrays the figure draws for some rows, with each row's lane and sub-row."""
    webgl = len(positions) > figures.WEBGL_THRESHOLD
    quote = "_hover_short" if webgl else "_hover_quote"
    columns = ("event_id", "_when", "_hover_who", quote, "_hover_source")
    customdata = np.empty((len(positions), len(columns)), dtype=object)
    for index, column in enumerate(columns):
        # Take the rows first: converting a whole text column to objects costs a string each.
        customdata[:, index] = table.frame[column].take(positions).to_numpy(dtype=object)
    return figures.Marks(
        lane=lane,
        row=row,
        first=table.first[positions],
        last=table.last[positions],
        kind_code=table.type_codes[positions],
        kinds=table.types.tolist(),
        customdata=customdata,
    )


#: The prepared text columns of the table rows, in the order the rows read them.
TEXT_FIELDS = (
    "event_id",
    "date",
    "_when",
    "person",
    "event_type",
    "quote",
    "title",
    "published",
    "granularity",
)
#: The prepared columns that the table rows are made of.
TABLE_FIELDS = (*TEXT_FIELDS, "source_count", "edited", "confidence")


def table_rows_of(table: EventTable, positions: np.ndarray) -> list[dict]:
    """The table's rows for the events at ``positions`` (at most ``TABLE_ROW_LIMIT``)."""
    return table_rows(table.rows(positions[:TABLE_ROW_LIMIT], TABLE_FIELDS))


def table_rows(rows: pd.DataFrame) -> list[dict]:
    """Rows for the event table (plain text; the grid never renders them as HTML)."""
    confidence = rows["confidence"].to_numpy(dtype=float)
    columns = [rows[name].to_numpy(dtype=object).tolist() for name in TEXT_FIELDS]
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
            "published": published or "",
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
            published,
            granularity,
            count,
            was_edited,
            value,
        ) in zip(*columns, counts, edited, confidence.tolist(), strict=True)
    ]
