"""Every format the dashboard offers as a download, by name: the event formats of
``export`` and the place formats built on them (ACLED's columns, GeoJSON)."""

from __future__ import annotations

import pandas as pd

from timeline.output.acled import to_acled_csv
from timeline.output.export import FORMATS as EVENT_FORMATS
from timeline.output.export import export_events
from timeline.output.geojson import geojson_text

#: Format name -> (file suffix, media type).
FORMATS: dict[str, tuple[str, str]] = {
    **EVENT_FORMATS,
    "acled": (".acled.csv", "text/csv"),
    "geojson": (".geojson", "application/geo+json"),
}
PLACE_WRITERS = {"acled": to_acled_csv, "geojson": geojson_text}


def download_text(frame: pd.DataFrame, fmt: str) -> str:
    """The events in one of ``FORMATS`` as text."""
    writer = PLACE_WRITERS.get(fmt)
    return writer(frame) if writer is not None else export_events(frame, fmt)
