"""The timeline figure, built as a plain plotly dict (no validation pass, so it stays fast).

One lane per person; a day-precision event is a dot; a month- or year-precision event is a
translucent bar over the whole period with a diamond at its middle, so the picture never
claims more precision than the text gives. Close markers stand on sub-rows of their lane,
and runs too dense for that are count badges (``spread.py``). Every string that came from a
document is escaped before it reaches plotly, which renders a subset of HTML in hover and
tick labels.

The y axis counts pixels from the top of the plot, so a sub-row is ``ROW_PX`` high on
screen whatever the number of lanes. There is no plotly legend: the type list beside the
chart is the legend, and the filter.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from timeline.dashboard.badges import badge_trace
from timeline.dashboard.labels import NO_PERSON_LABEL, OTHER_TYPES, escape, type_label
from timeline.dashboard.palette import OTHER_COLOUR, TypeStyle
from timeline.dashboard.spread import Badges

#: Above this many drawn events the figure is drawn with WebGL (Scattergl).
WEBGL_THRESHOLD = 5_000

DAY_MS = 86_400_000
#: Height of one sub-row of a lane, and the least height of a lane, in pixels.
ROW_PX = 14
LANE_MIN_PX = 30
LANE_PAD_PX = 6
#: The least height of the plot: a few lanes are made taller to fill it, so that a hover
#: label (a quote of several lines) has room to show.
PLOT_MIN_PX = 240
MARKER_PX = 11
FIGURE_MARGIN = {"l": 10, "r": 20, "t": 56, "b": 12}  # the mode bar sits above the dates
LABEL_WIDTH = 30
FONT = "Inter, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"

GRAPH_CONFIG = {
    "displaylogo": False,
    # "Reset axes" would go back to the first range plotly saw, which a later view may
    # not contain; "Show all years" and the double-click (below) always show every year.
    "modeBarButtonsToRemove": ["lasso2d", "select2d", "autoScale2d", "resetScale2d"],
    "toImageButtonOptions": {"filename": "timeline", "scale": 2},
    "scrollZoom": False,
    "doubleClick": "autosize",
}


def hover_template(kind: str) -> str:
    """The hover template of one event type's markers; ``customdata`` holds the event id, the
    date as words and the three ``hover_fields``."""
    label = escape(type_label(kind)).replace("%", "%%")
    return (
        f"<b>%{{customdata[1]}}</b>  ·  {label}<br>%{{customdata[2]}}<br>%{{customdata[3]}}"
        "<br><span style='color:#5f6670'>%{customdata[4]}</span><extra></extra>"
    )


def lane_label(person: str, count: int, kind: str | None = None, inside: int | None = None) -> str:
    """A lane's tick label: the (escaped, shortened) name, the type of an unnamed lane, and
    its event count (``inside`` of them in the window, when fewer)."""
    name = person or NO_PERSON_LABEL
    if kind is not None and not person:
        name = f"{NO_PERSON_LABEL}: {type_label(kind)}"
    if len(name) > LABEL_WIDTH:
        name = name[: LABEL_WIDTH - 1].rstrip() + "…"
    text = escape(name) if person else f"<i>{escape(name)}</i>"
    shown = f"{inside:,} of {count:,}" if inside is not None and inside < count else f"{count:,}"
    return f"{text} <span style='color:#6b7280'>({shown})</span>"


@dataclass(frozen=True)
class Marks:
    """Events to draw, as parallel arrays: lane number (0 at the top), sub-row in the lane,
    first and last day (days since 1970-01-01), event type code (an index into ``kinds``),
    and ``customdata`` rows (event id first, then the hover parts; see ``hover_template``)."""

    lane: np.ndarray
    row: np.ndarray
    first: np.ndarray
    last: np.ndarray
    kind_code: np.ndarray
    kinds: Sequence[str]
    customdata: np.ndarray

    def __len__(self) -> int:
        return len(self.lane)


def row_offsets(rows: np.ndarray, row: np.ndarray) -> np.ndarray:
    """Where sub-row ``row`` of a lane of ``rows`` sub-rows sits, in rows from the lane's
    middle: 0, +1, -1, +2, ... with an odd number of rows; -0.5, +0.5, -1.5, ... with an
    even one."""
    rows, row = np.asarray(rows), np.asarray(row)
    step = (row + 1) // 2
    sign = np.where(row % 2 == 1, 1, -1)
    odd = step * sign
    even = np.where(row % 2 == 0, -(row // 2) - 0.5, row // 2 + 0.5)
    return np.where(rows % 2 == 1, odd, even)


@dataclass(frozen=True)
class Lanes:
    """The lanes drawn, top to bottom: tick labels and sub-rows."""

    labels: Sequence[str]
    rows: np.ndarray

    def heights(self) -> np.ndarray:
        """Each lane's height in pixels (lanes share ``PLOT_MIN_PX`` when they need less)."""
        heights = np.maximum(LANE_MIN_PX, self.rows * ROW_PX + 2 * LANE_PAD_PX).astype(float)
        total = heights.sum()
        return heights * (PLOT_MIN_PX / total) if 0 < total < PLOT_MIN_PX else heights

    def tops(self) -> np.ndarray:
        """Each lane's top, in pixels from the top of the plot."""
        heights = self.heights()
        return np.r_[0, np.cumsum(heights)[:-1]].astype("float64")

    def row_y(self, lane: np.ndarray, row: np.ndarray) -> np.ndarray:
        """The y of sub-row ``row`` of lane ``lane``: row 0 in the middle of the lane, the
        next ones below and above it in turn, like a beeswarm."""
        return self.middle(lane) + row_offsets(self.rows[lane], row) * ROW_PX

    def middle(self, lane: np.ndarray) -> np.ndarray:
        """The y of the middle of each lane."""
        return self.tops()[lane] + self.heights()[lane] / 2


def timeline_figure(
    marks: Marks,
    lanes: Lanes,
    styles: dict[str, TypeStyle],
    *,
    x_range: tuple[float, float] | None = None,
    badges: Badges | None = None,
) -> dict:
    """The figure: ``lanes`` top to bottom, ``marks`` on their sub-rows, ``badges`` for runs
    too dense to draw one by one; ``x_range`` is the first and last day shown."""
    scatter = "scattergl" if len(marks) > WEBGL_THRESHOLD else "scatter"
    first, last = marks.first, marks.last
    y = np.round(lanes.row_y(marks.lane, marks.row), 2)
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
        style = styles.get(kind, TypeStyle(OTHER_COLOUR))
        mask = marks.kind_code == code
        spans = mask & is_span
        if spans.any():
            traces.append(_span_trace(scatter, kind, style, first[spans], last[spans], y[spans]))
        traces.append(
            _marker_trace(
                scatter, kind, style, x_ms[mask], y[mask], is_span[mask], marks.customdata[mask]
            )
        )
    if badges is not None and len(badges):
        traces.append(badge_trace(badges, lanes.middle(badges.lane), FONT))
    return {"data": traces, "layout": _layout(lanes, x_range)}


def _marker_trace(
    scatter: str,
    kind: str,
    style: TypeStyle,
    x_ms: np.ndarray,
    y: np.ndarray,
    is_span: np.ndarray,
    customdata: np.ndarray,
) -> dict:
    return {
        "type": scatter,
        "mode": "markers",
        "x": x_ms.tolist(),
        "y": y.tolist(),
        "customdata": customdata.tolist(),
        "hovertemplate": hover_template(kind),
        "name": escape(type_label(kind)),
        "legendgroup": kind,
        "showlegend": False,
        "marker": {
            "color": style.colour,
            "size": MARKER_PX,
            "symbol": np.where(is_span, style.span_shape, style.shape).tolist(),
            "line": {"color": style.outline, "width": 1},
        },
        "hoverlabel": {
            "bgcolor": "white",
            "bordercolor": style.colour,
            "font": {"color": "#1f2328"},
        },
    }


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
            "size": 22,
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


def _span_trace(
    scatter: str, kind: str, style: TypeStyle, first: np.ndarray, last: np.ndarray, y: np.ndarray
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
        "line": {"color": style.colour, "width": 7},
        "opacity": 0.3,
        "legendgroup": kind,
        "showlegend": False,
        "hoverinfo": "skip",
        "name": escape(type_label(kind)),
    }


def _iso_times(days: Sequence[float]) -> list[str]:
    """Day numbers as the ISO date-times plotly reads on a date axis."""
    stamps = np.round(np.asarray(days, dtype="float64") * DAY_MS).astype("int64")
    return np.datetime_as_string(stamps.astype("datetime64[ms]")).tolist()


def figure_height(lanes: Lanes) -> int:
    """Pixel height of the figure: its lanes plus the margins (one pixel of plot per unit)."""
    return int(lanes.heights().sum()) + FIGURE_MARGIN["t"] + FIGURE_MARGIN["b"]


def _layout(lanes: Lanes, x_range: tuple[float, float] | None) -> dict:
    heights, tops = lanes.heights(), lanes.tops()
    total = float(heights.sum())
    shapes = [
        {
            "type": "rect",
            "xref": "paper",
            "yref": "y",
            "x0": 0,
            "x1": 1,
            "y0": float(tops[index]),
            "y1": float(tops[index] + heights[index]),
            "fillcolor": "#f4f6f8",
            "line": {"width": 0},
            "layer": "below",
        }
        for index in range(0, len(heights), 2)
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
        xaxis["range"] = _iso_times(x_range)
    return {
        "height": figure_height(lanes),
        "margin": FIGURE_MARGIN,
        "font": {"family": FONT, "size": 13, "color": "#1f2328"},
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "hovermode": "closest",
        "hoverlabel": {"align": "left", "font": {"size": 13, "family": FONT}},
        "dragmode": "zoom",
        "showlegend": False,
        "xaxis": xaxis,
        "yaxis": {
            "tickmode": "array",
            "tickvals": np.round(tops + heights / 2, 2).tolist(),
            "ticktext": list(lanes.labels),
            "range": [total, 0],
            "fixedrange": True,
            "showgrid": False,
            "zeroline": False,
            "automargin": True,
            "ticks": "",
            "ticklabelstandoff": 8,
        },
        "shapes": shapes,
    }
