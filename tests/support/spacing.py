"""How close markers come: the least distance between any two points, and the pairs closer
than a limit (a sweep along x, so thousands of points cost little)."""

from __future__ import annotations

import numpy as np


def close_pairs(x, y, limit: float) -> list[tuple[int, int, float]]:
    """Every pair of points (indexes into ``x`` and ``y``) closer than ``limit``, with its
    distance."""
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    order = np.argsort(x, kind="stable")
    xs, ys = x[order], y[order]
    reach = np.searchsorted(xs, xs + limit, side="left") - np.arange(len(xs))
    found = []
    for offset in range(1, int(reach.max(initial=1))):
        first = np.flatnonzero(reach > offset)
        distance = np.hypot(xs[first + offset] - xs[first], ys[first + offset] - ys[first])
        for index in np.flatnonzero(distance < limit).tolist():
            a, b = order[first[index]], order[first[index] + offset]
            found.append((int(a), int(b), float(distance[index])))
    return found


def least_distance(x, y) -> float:
    """The least distance between two of the points (infinity for fewer than two)."""
    if len(x) < 2:
        return float("inf")
    limit = 1.0
    while True:
        pairs = close_pairs(x, y, limit)
        if pairs:
            return min(distance for _, _, distance in pairs)
        if limit > 1e7:
            return float("inf")
        limit *= 4


def figure_pixels(figure: dict, width: float) -> tuple[list[str], np.ndarray, np.ndarray]:
    """The ids and pixel centres of every marker and count badge of a timeline figure, on a
    plot ``width`` pixels wide (its y axis already counts pixels)."""
    first, last = (
        np.datetime64(value).astype("datetime64[ms]").astype("int64")
        for value in (figure["layout"]["xaxis"]["range"])
    )
    ids, xs, ys = [], [], []
    for trace in figure["data"]:
        if not trace.get("customdata") or trace.get("mode") == "lines":
            continue
        ids += [row[0] for row in trace["customdata"]]
        xs += trace["x"]
        ys += trace["y"]
    x = (np.asarray(xs, dtype=float) - first) / (last - first) * width
    return ids, x, np.asarray(ys, dtype=float)
