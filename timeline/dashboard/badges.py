"""Count badges: one marker standing for events too close together to draw apart.

A badge shows how many events it stands for; its id (``customdata[0]``) is a token naming
their first and last day, which a click turns into a window that draws them apart.
"""

from __future__ import annotations

import numpy as np

from timeline.dashboard.spread import Badges

BADGE_INK = "#1f2328"
DAY_MS = 86_400_000
#: What a badge's ``customdata[0]`` starts with.
BADGE_PREFIX = "zoom:"


def badge_trace(badges: Badges, y: np.ndarray, font: str) -> dict:
    """Count badges: a white disc with the number of events it stands for; its
    ``customdata[0]`` is a ``zoom:first:last`` token that a click turns into a window."""
    count = badges.count.astype("int64")
    labels = [f"{value:,}" if value < 10_000 else f"{value // 1000}k" for value in count.tolist()]
    sizes = [20 if len(text) <= 2 else 14 + 4 * len(text) for text in labels]
    first = np.asarray(badges.first, dtype="int64")
    last = np.asarray(badges.last, dtype="int64")
    # Dates as text for every badge at once: a view can hold a few thousand badges.
    first_text = np.datetime_as_string(first.astype("datetime64[D]")).tolist()
    last_text = np.datetime_as_string(last.astype("datetime64[D]")).tolist()
    customdata = [
        [f"{BADGE_PREFIX}{start}:{end}", badge_hover(number, start_text, end_text)]
        for number, start, end, start_text, end_text in zip(
            count.tolist(), first.tolist(), last.tolist(), first_text, last_text, strict=True
        )
    ]
    return {
        "type": "scatter",
        "mode": "markers+text",
        "x": np.round(badges.x * DAY_MS).astype("int64").tolist(),
        "y": np.round(y, 2).tolist(),
        "text": labels,
        "textposition": "middle center",
        "textfont": {"size": 10, "color": BADGE_INK, "family": font},
        "customdata": customdata,
        "hovertemplate": "%{customdata[1]}<extra></extra>",
        "name": "grouped events",
        "showlegend": False,
        "marker": {
            "color": "white",
            "size": sizes,
            "symbol": "circle",
            "line": {"color": BADGE_INK, "width": 1.5},
        },
        "hoverlabel": {"bgcolor": "white", "bordercolor": BADGE_INK, "font": {"color": BADGE_INK}},
    }


def badge_token(first: float, last: float) -> str:
    """The id a badge carries: the first and last day of its events."""
    return f"{BADGE_PREFIX}{int(first)}:{int(last)}"


def read_badge_token(token: object) -> tuple[int, int] | None:
    """The first and last day of a badge's token (None when it is not one)."""
    text = str(token or "")
    if not text.startswith(BADGE_PREFIX):
        return None
    try:
        first, last = (int(part) for part in text[len(BADGE_PREFIX) :].split(":"))
    except ValueError:
        return None
    return (first, last) if first <= last else None


def badge_hover(count: int, first: str, last: str) -> str:
    """A badge's hover: how many events, between which days (ISO), and what a click does."""
    when = first if first == last else f"{first} to {last}"
    return f"<b>{count:,} events</b> close together, {when}<br>Click to zoom in on them"
