"""ACLED-style export: the columns of ACLED's data that our events can fill, in its order.

One row per dated event with a resolved place (ACLED records no event without a date
and a location; ``export --format csv`` keeps them all). ``event_date`` is the first day
the date covers, ``time_precision`` says how much of it is known (1 day, 2 week, 3 month
or year), ``event_type`` and ``sub_event_type`` come from ``resources/en/acled.yaml``,
``actor1`` is the person, ``source`` the outlet's host (the title when there is no
link), ``notes`` the quote. Cells a spreadsheet would run as formulas are neutralised
as in every CSV export.

>>> from timeline.output.schema import events_frame
>>> row = {"event_id": "e1", "person": "Jane Doe", "event_type": "arrest", "date": "2021-06",
...        "granularity": "month", "date_start": "2021-06-01", "quote": "In June, she was held.",
...        "url": "https://news.example.org/a", "location": "Tamu", "admin1": "Sagaing",
...        "country": "Myanmar", "latitude": 24.2, "longitude": 94.3, "geo_precision": 1}
>>> acled_frame(events_frame([row])).loc[0, ["event_date", "time_precision", "sub_event_type",
...                                          "source"]].tolist()
['2021-06-01', 3, 'Arrests', 'news.example.org']
"""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import urlsplit

import pandas as pd
import yaml

from timeline.output.export import http_url, write_csv
from timeline.resources import resource_path

#: ACLED's names, in ACLED's order, of the columns we fill.
ACLED_COLUMNS: list[str] = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "country",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
]


@lru_cache(maxsize=1)
def acled_mapping() -> dict:
    """``resources/en/acled.yaml``: types, ACLED's own types and the time precisions."""
    return yaml.safe_load(resource_path("en", "acled.yaml").read_text(encoding="utf-8"))


def source_name(url: str, title: str) -> str:
    """The outlet: the link's host without ``www.``, else the title.

    >>> source_name("https://www.example.com/x", "T"), source_name("", "Daily News")
    ('example.com', 'Daily News')
    """
    link = http_url(url)
    if link:
        host = urlsplit(link).hostname or ""
        return host.removeprefix("www.")
    return str(title or "")


def acled_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """The events as an ACLED-style table (``ACLED_COLUMNS``)."""
    mapping = acled_mapping()
    kept = frame[
        (frame["date_start"].astype(str) != "") & (frame["country"].astype(str) != "")
    ].sort_values(["date_start", "doc_id", "start"], kind="stable")
    types = [mapping["types"].get(t, mapping["types"]["other"]) for t in kept["event_type"]]
    precision = mapping["time_precision"]
    table = pd.DataFrame(
        {
            "event_id_cnty": kept["event_id"].tolist(),
            "event_date": kept["date_start"].tolist(),
            "year": [int(d[:4]) for d in kept["date_start"]],
            "time_precision": [precision.get(g, 3) for g in kept["granularity"]],
            "event_type": [t[0] for t in types],
            "sub_event_type": [t[1] for t in types],
            "actor1": kept["person"].tolist(),
            "country": kept["country"].tolist(),
            "admin1": kept["admin1"].tolist(),
            "location": kept["location"].tolist(),
            "latitude": kept["latitude"].astype("float64").tolist(),
            "longitude": kept["longitude"].astype("float64").tolist(),
            "geo_precision": kept["geo_precision"].astype("Int64").tolist(),
            "source": [source_name(u, t) for u, t in zip(kept["url"], kept["title"], strict=True)],
            "notes": kept["quote"].tolist(),
        },
        columns=ACLED_COLUMNS,
    )
    for column in ("year", "time_precision"):
        table[column] = table[column].astype("int64")
    table["geo_precision"] = table["geo_precision"].astype("Int64")
    return table


def to_acled_csv(frame: pd.DataFrame) -> str:
    """The ACLED-style table as CSV (formula-like cells neutralised)."""
    return write_csv(acled_frame(frame))
