"""One visitor's hostile paste against another visitor's filter changes (issue 15, case 4).

    python benchmarks/paste_isolation.py [--server dev|gunicorn] [--hostile NAME]
                                         [--events 20000] [--code DIR] [--json]

Serves a store of synthetic events from the code in ``--code`` (default: this checkout; give
another worktree to measure it the same way) with the development server (``python app.py``,
threaded) or with ``gunicorn -w 4 --preload`` as the README describes, on 127.0.0.1 (a free
port). One client pastes a hostile text through the Add form's callback; while it is read,
another asks for a filter change every 0.25 s. Reports how long the paste's request took to
answer, how long until its outcome was known, and the filter changes' p50 / p95 / max while
it ran. With code that reads the article in the request (before issue 15) the paste's request
is the whole reading; after, it answers at once and the page polls the job. Traffic goes to
the loopback address only; the run stops by itself.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from dashboard_store import build_store  # noqa: E402
from load_test import HOST, free_port, stop_server  # noqa: E402

from timeline.dashboard import ids as i  # noqa: E402

PROSE = (
    "On 7 October, Jane Doe left her base and joined the movement, her family said. "
    "Richard Roe enlisted in 2016 after seeing a parade.\n\n"
)
#: 20 KB pastes: the issue's 20,000 '$' in a row, and some that still take seconds to read
#: (commas-only: seconds of reading that find no event, so nothing is stored).
HOSTILE = {
    "dollars": PROSE + "$" * 20_000,
    "spaced-commas": PROSE + ", " * 10_000,
    "commas-only": ", " * 10_000,
    "dates": PROSE + "On 1 May 2021, 2 May 2021 and 3 June 2021 Jane Doe moved. " * 340,
    # Ten times as long: reading it takes about the page's whole minute, or more.
    "dates-200kb": PROSE + "On 1 May 2021, 2 May 2021 and 3 June 2021 Jane Doe moved. " * 3400,
}


def start(server: str, code: Path, store: Path, port: int) -> subprocess.Popen:
    """The app on ``store`` from the code in ``code``, once it answers."""
    env = {**os.environ, "PYTHONPATH": str(code), "TIMELINE_STORE": str(store)}
    env.update(TIMELINE_MODE="open", TIMELINE_ADD_LIMIT="1000 per minute")
    if server == "dev":
        command = [sys.executable, "app.py", "--store", str(store), "--port", str(port)]
    else:
        command = [
            sys.executable, "-m", "gunicorn", "-w", "4", "--preload", "-b", f"{HOST}:{port}",
            "--timeout", "120", "--log-level", "warning",
            "timeline.dashboard.wsgi:create_server()",
        ]  # fmt: skip
    process = subprocess.Popen(
        command, cwd=code, env=env, start_new_session=True,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"error: the server exited with status {process.returncode}")
        try:
            if requests.get(f"http://{HOST}:{port}/", timeout=5).ok:
                return process
        except requests.ConnectionError:
            pass
        time.sleep(0.5)
    stop_server(process)
    raise SystemExit("error: the server did not answer within 300 s")


def callbacks(base: str) -> dict[str, dict]:
    """The app's callbacks by their first output."""
    found = {}
    for spec in requests.get(f"{base}/_dash-dependencies", timeout=30).json():
        first = spec["output"].strip(".").split("...")[0].split("@")[0]
        found.setdefault(first, spec)
    return found


def body(spec: dict, values: dict, changed: str) -> dict:
    """What the browser posts for ``spec`` with these property values (others None)."""

    def props(items):
        return [{**item, "value": values.get(f"{item['id']}.{item['property']}")} for item in items]

    parts = spec["output"].strip(".").split("...")
    outputs = [{"id": p.split(".")[0], "property": p.split(".")[1].split("@")[0]} for p in parts]
    return {
        "output": spec["output"],
        "outputs": outputs if spec["output"].startswith("..") else outputs[0],
        "inputs": props(spec["inputs"]),
        "state": props(spec.get("state", [])),
        "changedPropIds": [changed],
    }


def paste(base: str, specs: dict, text: str, until: float) -> dict:
    """Paste ``text`` and follow it to its outcome: seconds to the request's answer, to the
    outcome, and the outcome's words."""
    values = {
        f"{i.ADD_REQUEST}.data": 1,
        f"{i.ARTICLE_TEXT}.value": text,
        f"{i.ARTICLE_PUBLISHED}.value": "2021-11-21",
        f"{i.ARTICLE_TITLE}.value": "hostile",
        f"{i.ARTICLE_URL}.value": "",
        f"{i.ADDED_EVENTS}.data": [],
        f"{i.DATA_VERSION}.data": 0,
    }
    spec = specs.get(f"{i.ARTICLE_STATUS}.children") or specs[f"{i.ADDED_EVENTS}.data"]
    began = time.monotonic()
    reply = requests.post(
        f"{base}/_dash-update-component", json=body(spec, values, f"{i.ADD_REQUEST}.data"),
        timeout=300,
    ).json()["response"]  # fmt: skip
    answered = time.monotonic() - began
    job = reply.get(getattr(i, "ADD_JOB", "add-job"), {}).get("data")
    while job and time.monotonic() < until:
        time.sleep(0.5)
        values = {f"{i.ADD_JOB}.data": job, f"{i.ADDED_EVENTS}.data": [], "add-poll.n_intervals": 1}
        reply = requests.post(
            f"{base}/_dash-update-component",
            json=body(specs[f"{i.ADDED_EVENTS}.data"], values, "add-poll.n_intervals"),
            timeout=60,
        ).json()["response"]
        if reply.get(i.ADD_JOB, {}).get("data", "") is None:
            break
    outcome = str(reply.get(i.ARTICLE_STATUS, {}).get("children", ""))
    return {"answered_s": answered, "outcome_s": time.monotonic() - began, "outcome": outcome}


def filters(base: str, specs: dict, stop: threading.Event, latencies: list[float]) -> None:
    """A reader's filter changes, one every 0.25 s, until ``stop``."""
    spec = specs[f"{i.TIMELINE}.figure"]
    people = [None, [], ["Nobody here"], []]
    n = 0
    while not stop.is_set():
        n += 1
        values = {f"{i.PERSON_FILTER}.value": people[n % len(people)], f"{i.TEXT_FILTER}.value": ""}
        began = time.monotonic()
        response = requests.post(
            f"{base}/_dash-update-component",
            json=body(spec, values, f"{i.PERSON_FILTER}.value"),
            timeout=300,
        )
        if response.status_code == 200:
            latencies.append(time.monotonic() - began)
        stop.wait(0.25)


def main(argv: list[str] | None = None) -> int:
    """Serve, paste, filter, report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--server", choices=("dev", "gunicorn"), default="dev")
    parser.add_argument("--hostile", choices=sorted(HOSTILE), default="spaced-commas")
    parser.add_argument("--wait", type=float, default=240, help="longest wait for the outcome")
    parser.add_argument("--events", type=int, default=20_000)
    parser.add_argument("--code", default=str(ROOT), help="the checkout whose code serves")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="timeline-paste-"))
    store = folder / "paste.duckdb"
    build_store(store, args.events, max(args.events // 50, 10), 20, 30, distinct_names=True)
    port = free_port()
    server = start(args.server, Path(args.code), store, port)
    base = f"http://{HOST}:{port}"
    try:
        specs = callbacks(base)
        quiet: list[float] = []
        stop = threading.Event()
        reader = threading.Thread(target=filters, args=(base, specs, stop, quiet))
        reader.start()
        time.sleep(3)  # the filter changes alone first
        stop.set()
        reader.join()
        during: list[float] = []
        stop = threading.Event()
        reader = threading.Thread(target=filters, args=(base, specs, stop, during))
        reader.start()
        result = paste(base, specs, HOSTILE[args.hostile], time.monotonic() + args.wait)
        stop.set()
        reader.join()
    finally:
        stop_server(server)
    summary = {"server": args.server, "hostile": args.hostile, "code": args.code, **result}
    for name, values in (("quiet", quiet), ("during", during)):
        values = values or [float("nan")]
        cuts = (
            statistics.quantiles(values, n=20, method="inclusive")
            if len(values) > 1
            else values * 19
        )
        summary[f"filter_{name}"] = {
            "n": len(values),
            "p50_ms": round(statistics.median(values) * 1000),
            "p95_ms": round(cuts[18] * 1000),
            "max_ms": round(max(values) * 1000),
            "over_1s": sum(value > 1 for value in values),
        }
    if args.json:
        print(json.dumps(summary))
    else:
        print(
            f"{args.server}, {args.hostile}: paste answered in {result['answered_s']:.2f} s, "
            f"outcome after {result['outcome_s']:.1f} s: {result['outcome'][:100]}"
        )
        for name in ("quiet", "during"):
            figures = summary[f"filter_{name}"]
            print(
                f"  filter changes {name:6s} n={figures['n']:4d}  p50 {figures['p50_ms']} ms  "
                f"p95 {figures['p95_ms']} ms  max {figures['max_ms']} ms  "
                f"over 1 s: {figures['over_1s']}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
