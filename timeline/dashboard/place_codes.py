"""Each event's place as a code: events at one point (within ``POINT_STEP``) share it.

Computed once per prepared table (``EventTable.places``), so that the map of a filter
change only counts codes (``places_map.places_in``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

#: Points this close (in degrees) are one place: a ten-thousandth is about 11 metres.
POINT_STEP = 1e-4


@dataclass(frozen=True)
class PlaceIndex:
    """Each row's place code (-1 without a point) and, per code, the place's name, country
    and point (from its first row)."""

    codes: np.ndarray
    places: pd.DataFrame


def place_index(frame: pd.DataFrame) -> PlaceIndex:
    """The places of a table's rows, coded by their point in order of first sight."""
    columns = ["location", "country", "latitude", "longitude"]
    codes = np.full(len(frame), -1, dtype="int64")
    if frame.empty or "latitude" not in frame:
        return PlaceIndex(codes, pd.DataFrame(columns=columns))
    lat = pd.to_numeric(frame["latitude"], errors="coerce").to_numpy(dtype=float)
    lon = pd.to_numeric(frame["longitude"], errors="coerce").to_numpy(dtype=float)
    rows = np.flatnonzero(np.isfinite(lat) & np.isfinite(lon))
    # One integer per point: latitude and longitude in steps, packed side by side.
    north = np.round((lat[rows] + 90) / POINT_STEP).astype("int64")
    east = np.round((lon[rows] + 180) / POINT_STEP).astype("int64")
    placed_codes = np.asarray(pd.factorize(north * round(361 / POINT_STEP) + east)[0])
    codes[rows] = placed_codes
    first = rows[np.unique(placed_codes, return_index=True)[1]]
    places = frame.iloc[first][["location", "country"]].reset_index(drop=True)
    places["latitude"], places["longitude"] = lat[first], lon[first]
    return PlaceIndex(codes, places)
