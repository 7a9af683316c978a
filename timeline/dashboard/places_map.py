"""The map beside the timeline: one marker per place, sized by how many events it holds.

Drawn with plotly's geo traces on the world topojson the app serves from its own assets
(``assets/topojson/``, set as the graph's ``topojsonURL``): nothing is fetched from a CDN.
Every string from a document is escaped, as in the timeline's hover labels; a marker's
hover shows the place, its count and the card of its latest event.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from timeline.dashboard.hover import hover_fields
from timeline.dashboard.labels import escape
from timeline.output.export import display_date

#: Pixel size of a place's marker: grows with the square root of its events, bounded.
MIN_SIZE, SIZE_STEP, MAX_SIZE = 8.0, 5.0, 40.0
MAP_HEIGHT = 380
PLACE_KEYS = ["location", "country", "latitude", "longitude"]


def marker_size(count: int) -> float:
    """A place's marker size for ``count`` events (area grows with the count).

    >>> marker_size(1), marker_size(4), marker_size(10_000)
    (13.0, 18.0, 40.0)
    """
    return min(MAX_SIZE, MIN_SIZE + SIZE_STEP * math.sqrt(max(count, 1)))


def places_of(events: pd.DataFrame) -> pd.DataFrame:
    """One row per place of the events with a point: its name, country, point, count, the
    ids of its events and its latest event (by date, then text order)."""
    columns = [*PLACE_KEYS, "count", "event_ids", "latest"]
    if events.empty or "latitude" not in events:
        return pd.DataFrame(columns=columns)
    lat = pd.to_numeric(events["latitude"], errors="coerce")
    lon = pd.to_numeric(events["longitude"], errors="coerce")
    placed = events[np.isfinite(lat.to_numpy(float)) & np.isfinite(lon.to_numpy(float))]
    if placed.empty:
        return pd.DataFrame(columns=columns)
    placed = placed.sort_values(["date_start", "doc_id", "start"], kind="stable")
    rows = []
    for key, group in placed.groupby(PLACE_KEYS, sort=False, dropna=False):
        rows.append((*key, len(group), group["event_id"].tolist(), group.iloc[-1].to_dict()))
    return pd.DataFrame(rows, columns=columns).sort_values("count", ascending=False)


def _card(place: pd.Series) -> list[str]:
    """The escaped hover parts of a place: its name, count and latest event's card."""
    latest = place["latest"]
    when = display_date(str(latest.get("date", "")), str(latest.get("granularity", "")))
    who, quote, source = hover_fields(
        when, str(latest.get("person", "")), str(latest.get("quote", "")),
        str(latest.get("title", "")), published=str(latest.get("published", "") or ""),
    )  # fmt: skip
    name = escape(", ".join(n for n in (place["location"], place["country"]) if n))
    count = int(place["count"])
    events = f"{count} event{'s' if count != 1 else ''}"
    return [str(latest.get("event_id", "")), name, events, escape(when), who, quote, source]


HOVER = (
    "<b>%{customdata[1]}</b>  ·  %{customdata[2]}<br>latest: %{customdata[3]}  ·  "
    "%{customdata[4]}<br>%{customdata[5]}<br><span style='color:#5f6670'>%{customdata[6]}"
    "</span><extra></extra>"
)


def map_figure(events: pd.DataFrame, selected: str | None = None) -> dict:
    """The map of the events shown: a marker per place, the selected event's place ringed.

    ``customdata[0]`` of a marker is its latest event's id (a click selects it, as on the
    timeline); the place's event ids ride in ``ids`` for highlighting across views.
    """
    places = places_of(events)
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
            "fitbounds": "locations" if len(places) else False,
            "resolution": 110,
        },
        "uirevision": "map",
    }
    if places.empty:
        layout["annotations"] = [
            {"text": "No event in this view has a place", "showarrow": False,
             "xref": "paper", "yref": "paper", "x": 0.5, "y": 0.5}
        ]  # fmt: skip
        return {"data": [], "layout": layout}
    chosen = [bool(selected) and selected in ids for ids in places["event_ids"]]
    trace = {
        "type": "scattergeo",
        "mode": "markers",
        "lat": places["latitude"].astype(float).tolist(),
        "lon": places["longitude"].astype(float).tolist(),
        "ids": ["|".join(ids[:50]) for ids in places["event_ids"]],
        "customdata": [_card(place) for _, place in places.iterrows()],
        "hovertemplate": HOVER,
        "marker": {
            "size": [marker_size(int(c)) for c in places["count"]],
            "color": "#2b6cb0",
            "opacity": 0.75,
            "line": {
                "width": [3 if c else 0.5 for c in chosen],
                "color": ["#111111" if c else "#ffffff" for c in chosen],
            },
        },
    }
    return {"data": [trace], "layout": layout}
