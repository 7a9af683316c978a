"""Server time and response size of a filter change on a big synthetic event set.

    python benchmarks/dashboard_filter.py [--events 100000] [--people 2000] [--types 20]
                                          [--years 30] [--rounds 3]

Builds the app on synthetic events, then posts to Dash's ``/_dash-update-component`` exactly
what the browser posts when a filter changes (the view callback: figure, count, table), through
Flask's in-process test client, so the time measured is the server's: filtering, building the
figure and table, and serialising the JSON. Targets: p95 <= 150 ms, response <= 4 MB.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

# The checkout's package, and the test helpers (tests/support/, imported as ``support``).
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from support.synthetic import synthetic_events

from timeline.dashboard import create_app
from timeline.dashboard import ids as i
from timeline.dashboard.months import month_index
from timeline.dashboard.source import FrameSource

TARGET_P95_MS = 150
TARGET_BYTES = 4_000_000


def filter_changes(people: list[str], types: list[str], bounds: tuple[int, int]) -> list[dict]:
    """A reader's session: narrowing and widening each filter in turn, and paging."""
    low, high = bounds
    some = types[: len(types) // 2]
    decade = [month_index("2004-01"), month_index("2013-12")]
    year = [month_index("2010-01"), month_index("2010-12")]
    return [
        {"name": "everything"},
        {"name": "one busy person", "people": people[:1]},
        {"name": "five people", "people": people[:5]},
        {"name": "a rare person", "people": people[-1:]},
        {"name": "half the types", "types": some},
        {"name": "one type", "types": types[:1]},
        {"name": "a decade", "months": decade},
        {"name": "one year", "months": year},
        {"name": "search a word", "text": "prison"},
        {"name": "search a phrase", "text": "court ruled"},
        {"name": "types and a decade", "types": some, "months": decade},
        {"name": "person, type, year", "people": people[:3], "types": some, "months": year},
        {"name": "next page of people", "page": "next"},
        {"name": "nothing matches", "text": "no such words at all"},
        {"name": "everything again", "months": [low, high]},
    ]


def view_callback(app) -> tuple[str, dict]:
    key = next(k for k in app.callback_map if f"{i.TIMELINE}.figure" in k)
    return key, app.callback_map[key]


def view_values(change: dict, all_types: list[str], bounds, version: int = 0) -> dict:
    """The view callback's input values for one filter change, keyed "id.property"
    (``version``: how many times the session has written to the store)."""
    return {
        f"{i.PERSON_FILTER}.value": change.get("people", []),
        f"{i.TYPE_FILTER}.value": change.get("types", all_types),
        f"{i.DATE_FILTER}.value": change.get("months", list(bounds)),
        f"{i.TEXT_FILTER}.value": change.get("text", ""),
        f"{i.ADDED_EVENTS}.data": [],
        f"{i.LANE_PREVIOUS}.n_clicks": 0,
        f"{i.LANE_NEXT}.n_clicks": 1 if change.get("page") == "next" else 0,
        f"{i.LANE_PAGE}.data": 0,
        f"{i.DATA_VERSION}.data": version,
    }


def changed_prop(change: dict) -> str:
    """The property whose change fires the view callback for ``change``."""
    return f"{i.LANE_NEXT}.n_clicks" if change.get("page") else f"{i.PERSON_FILTER}.value"


def callback_body(key: str, spec: dict, values: dict, changed: str) -> dict:
    """The JSON the browser posts to ``/_dash-update-component`` for the callback whose
    output key is ``key``, with the property values ``values`` ("id.property" keys)."""

    def props(items):
        return [
            {
                "id": item["id"],
                "property": item["property"],
                "value": values[f"{item['id']}.{item['property']}"],
            }
            for item in items
        ]

    outputs = [
        {"id": part.split(".")[0], "property": part.split(".")[1]}
        for part in key.strip(".").split("...")
    ]
    return {
        "output": key,
        "outputs": outputs if key.startswith("..") else outputs[0],
        "inputs": props(spec["inputs"]),
        "state": props(spec.get("state", [])),
        "changedPropIds": [changed],
    }


def payload(key: str, spec: dict, change: dict, all_types: list[str], bounds) -> dict:
    """The JSON the browser sends for one filter change."""
    return callback_body(key, spec, view_values(change, all_types, bounds), changed_prop(change))


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--people", type=int, default=2_000)
    parser.add_argument("--types", type=int, default=20)
    parser.add_argument("--years", type=int, default=30)
    parser.add_argument("--rounds", type=int, default=3, help="passes over the filter changes")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    frame = synthetic_events(args.events, args.people, args.types, args.years)
    app = create_app(FrameSource(frame=frame))
    startup = time.perf_counter() - started
    client = app.server.test_client()
    client.get("/")
    key, spec = view_callback(app)
    layout_types = sorted(frame["event_type"].unique())
    people = frame.loc[frame["person"] != "", "person"].value_counts().index.tolist()
    first = month_index(frame["date_start"].min())
    last = month_index(frame["date_end"].max())
    changes = filter_changes(people, layout_types, (first, last))

    client.post("/_dash-update-component", json=payload(key, spec, {}, layout_types, (first, last)))
    rows = []
    for _ in range(args.rounds):
        for change in changes:
            body = payload(key, spec, change, layout_types, (first, last))
            began = time.perf_counter()
            response = client.post("/_dash-update-component", json=body)
            elapsed = (time.perf_counter() - began) * 1000
            assert response.status_code == 200, response.data[:300]
            data = json.loads(response.data)["response"]
            rows.append(
                {
                    "name": change["name"],
                    "ms": elapsed,
                    "bytes": len(response.data),
                    "count": data[i.EVENT_COUNT]["children"],
                }
            )

    times = [row["ms"] for row in rows]
    sizes = [row["bytes"] for row in rows]
    summary = {
        "events": args.events,
        "people": args.people,
        "types": args.types,
        "years": args.years,
        "requests": len(rows),
        "startup_s": round(startup, 1),
        "p50_ms": round(statistics.median(times), 1),
        "p95_ms": round(percentile(times, 0.95), 1),
        "max_ms": round(max(times), 1),
        "max_response_mb": round(max(sizes) / 1e6, 2),
        "median_response_mb": round(statistics.median(sizes) / 1e6, 2),
        "load_average": os.getloadavg()[0] if hasattr(os, "getloadavg") else None,
        "cpus": os.cpu_count(),
    }
    if args.json:
        print(json.dumps(summary))
    else:
        print(f"{'filter change':<24}{'median ms':>10}{'MB':>7}  count")
        for change in changes:
            mine = [row for row in rows if row["name"] == change["name"]]
            median = statistics.median(row["ms"] for row in mine)
            size = mine[0]["bytes"] / 1e6
            print(f"{change['name']:<24}{median:>10.1f}{size:>7.2f}  {mine[0]['count']}")
        print()
        for name, value in summary.items():
            print(f"{name:>20}: {value}")
    ok = summary["p95_ms"] <= TARGET_P95_MS and max(sizes) <= TARGET_BYTES
    print("targets met" if ok else f"targets missed (p95 <= {TARGET_P95_MS} ms, <= 4 MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
