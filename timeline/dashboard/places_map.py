"""The map beside the timeline: one marker per place, sized by how many events it holds.

Drawn with plotly's geo traces on the world topojson the app serves from its own assets
(``assets/topojson/``, the graph's ``topojsonURL``): nothing is fetched from a CDN. The map
shows the events that pass the filters, as the timeline does. Places are told apart by
their point; each event's place is a code computed once per table (``PlaceIndex``), so a
filter change only counts codes. A marker's hover is its place, its count and the card of
its latest event, made of the same escaped parts as the timeline's hover labels.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from timeline.dashboard.labels import escape

if TYPE_CHECKING:
    from timeline.dashboard.table import EventTable

#: Pixel size of a place's marker: grows with the square root of its events, bounded.
MIN_SIZE, SIZE_STEP, MAX_SIZE = 8.0, 5.0, 40.0
MAP_HEIGHT = 380
#: Places drawn at most (those with most events): more markers than this are unreadable.
MAX_PLACES = 1_000
#: The prepared hover parts of a place's latest event (see ``hover.HOVER_COLUMNS``).
CARD_COLUMNS = ("event_id", "_when", "_hover_who", "_hover_quote", "_hover_source")
#: A marker's outline; the selected event's place is ringed in the page (assets/map_link.js).
PLAIN = {"width": 0.5, "color": "#ffffff"}


def marker_size(count: int) -> float:
    """A place's marker size for ``count`` events (area grows with the count).

    >>> marker_size(1), marker_size(4), marker_size(10_000)
    (13.0, 18.0, 40.0)
    """
    return min(MAX_SIZE, MIN_SIZE + SIZE_STEP * math.sqrt(max(count, 1)))


def places_in(table: EventTable, positions: np.ndarray, limit: int = MAX_PLACES) -> pd.DataFrame:
    """One row per place of the events at ``positions`` (in drawing order): its name,
    country, point, event count and the position of its latest event, most events first,
    at most ``limit`` places."""
    index = table.places
    codes = index.codes[positions]
    keep = codes >= 0
    codes, positions = codes[keep], positions[keep]
    columns = [*index.places.columns, "count", "latest"]
    if not len(codes):
        return pd.DataFrame(columns=columns)
    counts = np.bincount(codes, minlength=len(index.places))
    latest = np.full(len(index.places), -1, dtype="int64")
    np.maximum.at(latest, codes, positions)
    present = np.flatnonzero(counts)
    order = present[np.lexsort((present, -counts[present]))][:limit]
    chosen = index.places.iloc[order].reset_index(drop=True)
    chosen["count"] = counts[order]
    chosen["latest"] = latest[order]
    return chosen


HOVER = (
    "<b>%{customdata[1]}</b>  ·  %{customdata[2]}<br>latest: %{customdata[3]}  ·  "
    "%{customdata[4]}<br>%{customdata[5]}<br><span style='color:#5f6670'>%{customdata[6]}"
    "</span><extra></extra>"
)


def map_layout(places: int) -> dict:
    """The map's layout: the world at 1:110m, fitted to the places when there are some."""
    layout = {
        "height": MAP_HEIGHT,
        "margin": {"l": 0, "r": 0, "t": 8, "b": 0},
        "showlegend": False,
        "geo": {
            "projection": {"type": "natural earth"},
            "showcountries": True,
            "countrycolor": "#b8bec6",
            "showland": True,
            "landcolor": "#f3f1ec",
            "showocean": True,
            "oceancolor": "#eef4f8",
            "showlakes": True,
            "lakecolor": "#eef4f8",
            "framecolor": "#d0d7de",
            "coastlinecolor": "#9aa4ae",
            "fitbounds": "locations" if places else False,
            "resolution": 110,
        },
        "uirevision": "map",
    }
    if not places:
        layout["annotations"] = [
            {"text": "No event in this view has a place", "showarrow": False,
             "xref": "paper", "yref": "paper", "x": 0.5, "y": 0.5}
        ]  # fmt: skip
    return layout


def waiting_figure() -> dict:
    """The map's place in the first page, its height kept, until the map comes."""
    hidden = {"visible": False}
    return {"data": [], "layout": {"height": MAP_HEIGHT, "xaxis": hidden, "yaxis": hidden}}


def map_figure(table: EventTable, positions: np.ndarray | None = None) -> dict:
    """The map of the events at ``positions`` of a prepared table (all when None): a marker
    per place. ``customdata[0]`` of a marker is its latest event's id (a click selects it,
    as on the timeline); the rest are the escaped parts of its card (``HOVER``)."""
    if positions is None:
        positions = np.arange(len(table))
    places = places_in(table, positions)
    if places.empty:
        return {"data": [], "layout": map_layout(0)}
    cards = table.rows(places["latest"].to_numpy(), list(CARD_COLUMNS))
    names = [
        escape(", ".join(str(n) for n in (location, country) if n))
        for location, country in zip(places["location"], places["country"], strict=True)
    ]
    counts = places["count"].tolist()
    customdata = [
        [event_id, name, f"{count:,} event{'s' if count != 1 else ''}", when, who, quote, source]
        for (event_id, when, who, quote, source), name, count in zip(
            cards.itertuples(index=False, name=None), names, counts, strict=True
        )
    ]
    trace = {
        "type": "scattergeo",
        "mode": "markers",
        "lat": places["latitude"].astype(float).tolist(),
        "lon": places["longitude"].astype(float).tolist(),
        "customdata": customdata,
        "hovertemplate": HOVER,
        "marker": {
            "size": [marker_size(count) for count in counts],
            "color": "#2b6cb0",
            "opacity": 0.75,
            "line": {
                "width": [PLAIN["width"]] * len(counts),
                "color": [PLAIN["color"]] * len(counts),
            },
        },
    }
    return {"data": [trace], "layout": map_layout(len(places))}
