"""GeoJSON export: the events that have a point, as a FeatureCollection for QGIS and
similar tools.

Each feature is a Point at (longitude, latitude), as RFC 7946 orders them, with the
event's other columns as properties; events without a point are left out. Strings are
written as they are (JSON escapes them; a viewer that renders HTML must escape them).

>>> from timeline.output.schema import events_frame
>>> rows = [{"event_id": "e1", "location": "Tamu", "latitude": 24.2, "longitude": 94.3},
...         {"event_id": "e2"}]
>>> collection = to_geojson(events_frame(rows))
>>> [f["geometry"]["coordinates"] for f in collection["features"]]
[[94.3, 24.2]]
"""

from __future__ import annotations

import json
import math

import pandas as pd

from timeline.output.export import to_records

POINT_COLUMNS = ("latitude", "longitude")


def to_geojson(frame: pd.DataFrame) -> dict:
    """A GeoJSON FeatureCollection of the events with coordinates."""
    features = []
    for record in to_records(frame):
        lat, lon = record.get("latitude"), record.get("longitude")
        if not _number(lat) or not _number(lon):
            continue
        properties = {k: v for k, v in record.items() if k not in POINT_COLUMNS}
        features.append(
            {
                "type": "Feature",
                "id": record.get("event_id"),
                "geometry": {"type": "Point", "coordinates": [lon, lat]},
                "properties": properties,
            }
        )
    return {"type": "FeatureCollection", "features": features}


def geojson_text(frame: pd.DataFrame) -> str:
    """``to_geojson`` as JSON text."""
    return json.dumps(to_geojson(frame), ensure_ascii=False, indent=1)


def _number(value: object) -> bool:
    return isinstance(value, (int, float)) and math.isfinite(value)
