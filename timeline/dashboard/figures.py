"""The timeline figure, built as a plain plotly dict (no validation pass, so it stays fast).

One lane per person; a day-precision event is a dot; a month- or year-precision event is a
translucent bar over the whole period with a diamond at its middle, so the picture never
claims more precision than the text gives. Every string that came from a document is
escaped before it reaches plotly, which renders a subset of HTML in hover and tick labels.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from timeline.dashboard.labels import NO_PERSON_LABEL, OTHER_TYPES, escape, type_label

#: Above this many drawn events the figure is drawn with WebGL (Scattergl).
WEBGL_THRESHOLD = 5_000

#: Colours for event types, assigned in order of the sorted type names; "other" is grey.
PALETTE = (
    "#4e79a7",
    "#e15759",
    "#59a14f",
    "#f28e2b",
    "#b07aa1",
    "#76b7b2",
    "#9c755f",
    "#d4a017",
    "#ff9da7",
    "#2f4b7c",
    "#d45087",
    "#00876c",
    "#665191",
    "#ff7c43",
    "#8cb369",
    "#a05195",
    "#1f9bcf",
    "#c0392b",
    "#6a994e",
    "#7f5539",
)
OTHER_COLOUR = "#8a8f98"

DAY_MS = 86_400_000
LANE_HEIGHT = 34
FIGURE_MARGIN = {"l": 10, "r": 20, "t": 56, "b": 20}
LABEL_WIDTH = 30
FONT = "Inter, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"

GRAPH_CONFIG = {
    "displaylogo": False,
    "modeBarButtonsToRemove": ["lasso2d", "select2d", "autoScale2d"],
    "toImageButtonOptions": {"filename": "timeline", "scale": 2},
    "scrollZoom": False,
}


def type_colours(types: Iterable[str]) -> dict[str, str]:
    """A colour for each event type, stable for a given set of types whatever the filters."""
    colours = {}
    named = sorted({t for t in types if t not in OTHER_TYPES})
    for index, kind in enumerate(named):
        colours[kind] = PALETTE[index % len(PALETTE)]
    for kind in OTHER_TYPES:
        colours[kind] = OTHER_COLOUR
    return colours


def hover_template(kind: str) -> str:
    """The hover template of one event type's markers; ``customdata`` holds the event id, the
    date as words and the three ``hover_fields``."""
    label = escape(type_label(kind)).replace("%", "%%")
    return (
        f"<b>%{{customdata[1]}}</b>  ·  {label}<br>%{{customdata[2]}}<br>%{{customdata[3]}}"
        "<br><span style='color:#5f6670'>%{customdata[4]}</span><extra></extra>"
    )


def lane_label(person: str, count: int) -> str:
    """A lane's tick label: the (escaped, shortened) name and its event count."""
    name = person or NO_PERSON_LABEL
    if len(name) > LABEL_WIDTH:
        name = name[: LABEL_WIDTH - 1].rstrip() + "…"
    text = escape(name) if person else f"<i>{escape(name)}</i>"
    return f"{text} <span style='color:#6b7280'>({count})</span>"


def figure_height(lane_count: int) -> int:
    """Pixel height for a number of lanes (the plot area plus margins and legend)."""
    return max(280, FIGURE_MARGIN["t"] + 70 + LANE_HEIGHT * max(lane_count, 1))


def lane_offsets(lanes: np.ndarray, first: np.ndarray, last: np.ndarray) -> np.ndarray:
    """Vertical offsets that stack events sharing a lane and a period, in source order."""
    if not len(lanes):
        return np.zeros(0)
    order = np.lexsort((np.arange(len(lanes)), last, first, lanes))
    keys = np.stack([lanes[order], first[order], last[order]])
    starts = np.flatnonzero(np.r_[True, (keys[:, 1:] != keys[:, :-1]).any(axis=0)])
    sizes = np.diff(np.r_[starts, len(order)])
    group_start = np.repeat(starts, sizes)
    rank = np.empty(len(order), dtype="int64")
    rank[order] = np.arange(len(order)) - group_start
    size = np.empty(len(order), dtype="int64")
    size[order] = np.repeat(sizes, sizes)
    step = np.minimum(0.22, 0.7 / np.maximum(size, 1))
    return (rank - (size - 1) / 2) * step


@dataclass(frozen=True)
class Marks:
    """Events to draw, as parallel arrays: lane number (0 at the top), first and last day
    (days since 1970-01-01), event type code (an index into ``kinds``), and ``customdata``
    rows (event id first, then the hover parts; see ``hover_template``)."""

    lane: np.ndarray
    first: np.ndarray
    last: np.ndarray
    kind_code: np.ndarray
    kinds: Sequence[str]
    customdata: np.ndarray

    def __len__(self) -> int:
        return len(self.lane)


def timeline_figure(
    marks: Marks,
    lanes: Sequence[tuple[str, int]],
    colours: dict[str, str],
    *,
    x_range: tuple[int, int] | None = None,
) -> dict:
    """The figure: ``lanes`` are (person, event count) top to bottom ("" for no named person);
    ``x_range`` is a pair of day numbers (the first and last day shown)."""
    scatter = "scattergl" if len(marks) > WEBGL_THRESHOLD else "scatter"
    first, last = marks.first, marks.last
    y = np.round(marks.lane + lane_offsets(marks.lane, first, last), 3)
    is_span = first != last
    # Day events sit at noon of their day; spans put their marker at the middle of the period.
    x_ms = (first * 2 + np.where(is_span, last + 1 - first, 1)) * (DAY_MS // 2)
    present = np.unique(marks.kind_code)
    order = sorted(
        present.tolist(), key=lambda code: (marks.kinds[code] in OTHER_TYPES, marks.kinds[code])
    )
    traces: list[dict] = [selection_trace()]
    for code in order:
        kind = marks.kinds[code]
        colour = colours.get(kind, OTHER_COLOUR)
        mask = marks.kind_code == code
        traces.append(_legend_trace(kind, colour))
        spans = mask & is_span
        if spans.any():
            traces.append(_span_trace(scatter, kind, colour, first[spans], last[spans], y[spans]))
        traces.append(
            {
                "type": scatter,
                "mode": "markers",
                "x": x_ms[mask].tolist(),
                "y": y[mask].tolist(),
                "customdata": marks.customdata[mask].tolist(),
                "hovertemplate": hover_template(kind),
                "name": escape(type_label(kind)),
                "legendgroup": kind,
                "showlegend": False,
                "marker": {
                    "color": colour,
                    "size": 11,
                    "symbol": np.where(is_span[mask], 2, 0).tolist(),
                    "line": {"color": "white", "width": 1},
                },
                "hoverlabel": {
                    "bgcolor": "white",
                    "bordercolor": colour,
                    "font": {"color": "#1f2328"},
                },
            }
        )
    return {"data": traces, "layout": _layout(lanes, x_range)}


def selection_trace(x: list | None = None, y: list | None = None) -> dict:
    """A ring around the event open in the detail panel; always the figure's first trace, so
    a click can move it without redrawing the rest."""
    return {
        "type": "scatter",
        "mode": "markers",
        "x": x or [],
        "y": y or [],
        "name": "selected",
        "hoverinfo": "skip",
        "showlegend": False,
        "marker": {
            "size": 24,
            "color": "rgba(0,0,0,0)",
            "line": {"color": "#1f2328", "width": 2},
        },
    }


def empty_figure(message: str) -> dict:
    """A blank figure that says why it is blank."""
    return {
        "data": [],
        "layout": {
            "height": 180,
            "margin": FIGURE_MARGIN,
            "paper_bgcolor": "white",
            "plot_bgcolor": "white",
            "xaxis": {"visible": False},
            "yaxis": {"visible": False},
            "annotations": [
                {
                    "text": escape(message),
                    "showarrow": False,
                    "xref": "paper",
                    "yref": "paper",
                    "x": 0.5,
                    "y": 0.5,
                    "font": {"size": 16, "color": "#5f6670"},
                }
            ],
        },
    }


def _legend_trace(kind: str, colour: str) -> dict:
    return {
        "type": "scatter",
        "mode": "markers",
        "x": [None],
        "y": [None],
        "name": escape(type_label(kind)),
        "legendgroup": kind,
        "marker": {"color": colour, "size": 11, "symbol": "circle"},
        "hoverinfo": "skip",
        "showlegend": True,
    }


def _span_trace(
    scatter: str, kind: str, colour: str, first: np.ndarray, last: np.ndarray, y: np.ndarray
) -> dict:
    """One line per span, from the first day's start to the last day's end, gaps between."""
    count = len(first)
    x = np.empty(count * 3, dtype=object)
    x[0::3] = (first * DAY_MS).tolist()
    x[1::3] = ((last + 1) * DAY_MS).tolist()
    ys = np.empty(count * 3, dtype=object)
    ys[0::3] = ys[1::3] = y.tolist()
    return {
        "type": scatter,
        "mode": "lines",
        "x": x.tolist(),
        "y": ys.tolist(),
        "line": {"color": colour, "width": 9},
        "opacity": 0.35,
        "legendgroup": kind,
        "showlegend": False,
        "hoverinfo": "skip",
        "name": escape(type_label(kind)),
    }


def _iso_days(days: np.ndarray) -> list[str]:
    return np.datetime_as_string(np.asarray(days, dtype="int64").astype("datetime64[D]")).tolist()


def _layout(lanes: Sequence[tuple[str, int]], x_range: tuple[int, int] | None) -> dict:
    count = len(lanes)
    shapes = [
        {
            "type": "rect",
            "xref": "paper",
            "yref": "y",
            "x0": 0,
            "x1": 1,
            "y0": index - 0.5,
            "y1": index + 0.5,
            "fillcolor": "#f4f6f8",
            "line": {"width": 0},
            "layer": "below",
        }
        for index in range(0, count, 2)
    ]
    xaxis: dict = {
        "type": "date",
        "side": "top",
        "showgrid": True,
        "gridcolor": "#e3e6ea",
        "linecolor": "#c9ced6",
        "ticks": "outside",
        "tickcolor": "#c9ced6",
        "zeroline": False,
    }
    if x_range is not None:
        xaxis["range"] = _padded_range(*x_range)
    layout = {
        "height": figure_height(count),
        "margin": FIGURE_MARGIN,
        "font": {"family": FONT, "size": 13, "color": "#1f2328"},
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "hovermode": "closest",
        "hoverlabel": {"align": "left", "font": {"size": 13, "family": FONT}},
        "dragmode": "zoom",
        "xaxis": xaxis,
        "yaxis": {
            "tickmode": "array",
            "tickvals": list(range(count)),
            "ticktext": [lane_label(person, count) for person, count in lanes],
            "range": [count - 0.5, -0.5],
            "fixedrange": True,
            "showgrid": False,
            "zeroline": False,
            "automargin": True,
            "ticks": "",
            "ticklabelstandoff": 8,
        },
        "legend": {
            "orientation": "h",
            "x": 0,
            "xanchor": "left",
            "y": -0.02,
            "yanchor": "top",
            "itemclick": "toggle",
            "itemdoubleclick": "toggleothers",
            "font": {"size": 12},
        },
        "shapes": shapes,
    }
    return layout


def _padded_range(first_day: int, last_day: int) -> list[str]:
    pad = max(20, int((last_day - first_day) * 0.03))
    return _iso_days(np.array([first_day - pad, last_day + 1 + pad]))
