"""Load test: the dashboard under gunicorn (4 workers) with concurrent readers and writers.

    python benchmarks/load_test.py [--events 100000] [--seconds 60] [--sessions 8]
                                   [--workers 4] [--add-every 10] [--dir DIR]
                                   [--hostile commas-only|spaced-commas|dates|dollars|none]

Builds a store of synthetic events (kept in DIR for reruns), serves it with
``gunicorn -w 4 --preload`` on 127.0.0.1 (a free port) with editors who sign in (one per
session, from an editors file made for the run), then runs browser-like sessions, each in a
process of its own, for a bounded time. Each session posts to Dash's
``/_dash-update-component`` what the page posts, with its editor's credentials: filter
changes (person, type, date, text, paging) and, every ``--add-every`` actions, an article
addition (a new article: the Add request answers at once with a job, which the session then
follows as the page's timer does until the server has extracted the article and written it
to the store). Between actions a session waits 0.2–1 s, as a reader would. With
``--hostile``, one more session pastes a 20 KB hostile text again and again for the whole
run (``paste_isolation.HOSTILE``). Traffic goes to the loopback address only, and the run
stops by itself. Latency is from sending a request to the last byte of its response; the
response is then decoded and checked (an error when it is not a callback's answer).

Reports requests/s, errors (bar: 0) and p50/p95/p99 latency per kind (bar: filter-change
p95 <= 300 ms at 100,000 events); then checks the store: every article a session added is
there exactly once, with exactly the events the server said it extracted.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import orjson
import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from dashboard_filter import (  # noqa: E402
    callback_body,
    changed_prop,
    filter_changes,
    view_values,
)
from dashboard_store import build_store  # noqa: E402

from timeline.dashboard import ids as i  # noqa: E402

HOST = "127.0.0.1"
TARGET_P95_MS = 300
ARTICLE = (
    "{name} left the army on {day} March 2021, a spokesman said. "
    "Two weeks later, on {later} March 2021, {name} was arrested near the border, "
    "according to his family."
)
FIRST = ["Aung", "Kyaw", "Min", "Thura", "Zeya", "Hla", "Soe", "Naing", "Tin", "Win"]
LAST = ["Lwin", "Htet", "Naing", "Oo", "Myint", "Khaing", "Tun", "Maung", "Hein", "Zaw"]


@dataclass
class Results:
    """Latencies per kind of request, errors, and what the sessions added."""

    latencies: dict[str, list[float]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    added: dict[str, str] = field(default_factory=dict)  # title -> server message
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, kind: str, seconds: float) -> None:
        with self.lock:
            self.latencies.setdefault(kind, []).append(seconds)

    def fail(self, message: str) -> None:
        with self.lock:
            self.errors.append(message)

    def absorb(self, other: dict) -> None:
        """Add one session's results (``session_process``'s answer)."""
        with self.lock:
            for kind, values in other["latencies"].items():
                self.latencies.setdefault(kind, []).extend(values)
            self.errors.extend(other["errors"])
            self.added.update(other["added"])


# ------------------------------------------------------------------------------ the server


def free_port() -> int:
    """A free TCP port on the loopback address."""
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def editors_file(folder: Path, names: list[str]) -> Path:
    """An editors file naming each session's editor (password: the name, reversed, twice)."""
    from timeline.dashboard.access import password_line

    path = folder / "editors"
    path.write_text("".join(password_line(n, password(n)) + "\n" for n in names), "utf-8")
    return path


def password(name: str) -> str:
    """The load test's password for an editor."""
    return name[::-1] * 2


def start_server(
    store: Path, port: int, workers: int, threads: int = 1, editors: Path | None = None
) -> subprocess.Popen:
    """gunicorn serving the store, once it answers; with ``editors``, they sign in to write
    (rate limits raised: the sessions write far more often than people)."""
    env = {**os.environ, "TIMELINE_STORE": str(store), "PYTHONPATH": str(ROOT)}
    if editors is not None:
        env.update(TIMELINE_EDITORS=str(editors), TIMELINE_ADD_LIMIT="1000 per minute")
    command = [
        sys.executable, "-m", "gunicorn", "-w", str(workers), "--threads", str(threads),
        "--preload",
        "-b", f"{HOST}:{port}", "--timeout", "120", "--log-level", "warning",
        "timeline.dashboard.wsgi:create_server()",
    ]  # fmt: skip
    server = subprocess.Popen(command, env=env, cwd=ROOT, start_new_session=True)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"error: gunicorn exited with status {server.returncode}")
        try:
            if requests.get(f"http://{HOST}:{port}/", timeout=5).ok:
                return server
        except requests.ConnectionError:
            pass
        time.sleep(0.5)
    stop_server(server)
    raise SystemExit("error: the server did not answer within 300 s")


def stop_server(server: subprocess.Popen) -> None:
    """Stop gunicorn and its workers."""
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


# ------------------------------------------------------------------------------ the page's posts


class Page:
    """What a browser knows of the app: its callbacks, and the start values of the filters."""

    def __init__(self, base: str) -> None:
        self.base = base
        dependencies = requests.get(f"{base}/_dash-dependencies", timeout=30).json()
        self.view = _callback(dependencies, f"{i.TIMELINE}.figure", primary=True)
        self.add = _callback(dependencies, f"{i.ARTICLE_STATUS}.children", primary=True)
        self.follow = _callback(dependencies, f"{i.ADDED_EVENTS}.data", primary=True)
        layout = requests.get(f"{base}/_dash-layout", timeout=30).json()
        props = dict(_component_props(layout))
        self.people = [option for option in props[i.PERSON_FILTER].get("options") or []]
        self.people = [o["value"] if isinstance(o, dict) else o for o in self.people]
        self.types = [o["value"] for o in props[i.TYPE_FILTER].get("options") or []]
        self.bounds = None  # dates are typed, not bounded by a slider

    def post(
        self, session: requests.Session, spec: dict, values: dict, changed: str
    ) -> tuple[dict, float]:
        """Post one callback with the given property values: the decoded response, and the
        seconds from sending the request to the last byte of the response (decoding, done
        by this client, is not the server's latency: the sessions share one interpreter,
        so a decode could wait for another session's)."""
        body = callback_body(spec["output"], spec, values, changed)
        started = time.perf_counter()
        response = session.post(f"{self.base}/_dash-update-component", json=body, timeout=60)
        seconds = time.perf_counter() - started  # the whole body is read by now
        if response.status_code != 200:
            raise RuntimeError(f"HTTP {response.status_code}: {response.text[:120]!r}")
        return orjson.loads(response.content), seconds


def _callback(dependencies: list[dict], output: str, primary: bool) -> dict:
    for spec in dependencies:
        outputs = spec["output"].strip(".").split("...")
        if outputs[0].split("@")[0] == output:
            return spec
    raise SystemExit(f"error: the app has no callback for {output}")


def _component_props(node):
    if isinstance(node, dict):
        props = node.get("props") or {}
        if "id" in props and isinstance(props["id"], str):
            yield props["id"], props
        for value in props.values():
            yield from _component_props(value)
    elif isinstance(node, list):
        for item in node:
            yield from _component_props(item)


def article_values(title: str, rng: random.Random) -> dict:
    """The add-article callback's inputs for a new article."""
    name = f"{rng.choice(FIRST)} {rng.choice(LAST)} {rng.choice(LAST)}"
    day = rng.randint(1, 14)
    return {
        f"{i.ADD_REQUEST}.data": 1,  # the Add click, passed on by the browser's size check
        f"{i.ARTICLE_TEXT}.value": ARTICLE.format(name=name, day=day, later=day + 14),
        f"{i.ARTICLE_PUBLISHED}.value": "2021-04-01",
        f"{i.ARTICLE_TITLE}.value": title,
        f"{i.ARTICLE_URL}.value": "",
        f"{i.ADDED_EVENTS}.data": [],
        f"{i.DATA_VERSION}.data": 0,
    }


def follow_job(
    page: Page, session: requests.Session, reply: dict, until: float
) -> tuple[str, float]:
    """Follow the job an Add request started, as the page's timer does, to its outcome:
    the words the form shows then, and the seconds the polls took in all."""
    job = reply["response"].get(i.ADD_JOB, {}).get("data")
    if not job:
        raise RuntimeError(f"no job started: {json.dumps(reply)[:160]}")
    ticks, polling = 0, 0.0
    while time.monotonic() < until + 120:
        time.sleep(0.3)
        ticks += 1
        values = {f"{i.ADD_POLL}.n_intervals": ticks, f"{i.ADD_JOB}.data": job,
                  f"{i.ADDED_EVENTS}.data": [], f"{i.DATA_VERSION}.data": 0}  # fmt: skip
        answer, seconds = page.post(session, page.follow, values, f"{i.ADD_POLL}.n_intervals")
        polling += seconds
        response = answer["response"]
        if response.get(i.ADD_JOB, {}).get("data", "") is None:  # the job is over
            return str(response[i.ARTICLE_STATUS]["children"]), polling
    raise RuntimeError("the job did not end")


# ------------------------------------------------------------------------------ sessions


def run_session(
    number: int, page: Page, until: float, add_every: int, results: Results, editor: str
) -> None:
    """One reader: filter changes with pauses, and now and then an added article."""
    rng = random.Random(number)
    changes = filter_changes(page.people, page.types, page.bounds)
    changes += [{"name": "one month", "dates": ("2010-03", "2010-03")}]
    session = requests.Session()
    session.auth = (editor, password(editor))
    action = version = seen_total = 0
    while time.monotonic() < until:
        action += 1
        adding = add_every and action % add_every == 0
        try:
            if adding:
                title = f"Load test article {number}-{action}"
                began = time.perf_counter()
                reply, seconds = page.post(
                    session, page.add, article_values(title, rng), f"{i.ADD_REQUEST}.data"
                )
                results.record("add request", seconds)
                message, _ = follow_job(page, session, reply, until)
                if "Added" not in message:
                    raise RuntimeError(f"article not added: {message[:160]}")
                with results.lock:
                    results.added[title] = message
                results.record("add article", time.perf_counter() - began)
                # As the page does after a write: redraw, with the store's newest events.
                version += 1
                values = view_values({}, page.types, page.bounds, version)
                reply, seconds = page.post(session, page.view, values, f"{i.DATA_VERSION}.data")
                total = events_total(reply)
                if total <= seen_total:  # the worker that drew it did not see the article
                    raise RuntimeError(f"view after add shows {total} events, as before")
                seen_total = total
                kind = "view after add"
            else:
                change = rng.choice(changes)
                values = view_values(change, page.types, page.bounds, version)
                reply, seconds = page.post(session, page.view, values, changed_prop(change))
                if "response" not in reply:
                    raise RuntimeError(f"not a callback response: {json.dumps(reply)[:160]}")
                kind = "filter change"
            results.record(kind, seconds)
        except Exception as error:  # every failure is counted and reported, none stops the run
            results.fail(f"session {number}: {type(error).__name__}: {str(error)[:160]}")
        time.sleep(rng.uniform(0.2, 1.0))


def events_total(reply: dict) -> int:
    """The number of events a view response says the store holds ("N of TOTAL events")."""
    text = reply["response"][i.EVENT_COUNT]["children"]
    return int(text.split(" of ", 1)[1].split(" ", 1)[0].replace(",", ""))


def session_process(number: int, page: Page, until: float, add_every: int) -> dict:
    """``run_session`` in a process of its own; its results as plain values."""
    results = Results()
    run_session(number, page, until, add_every, results, f"session-{number}")
    return {"latencies": results.latencies, "errors": results.errors, "added": results.added}


def hostile_process(page: Page, until: float, name: str) -> dict:
    """One visitor pasting the hostile text ``name`` again and again until ``until``: each
    paste's time to its outcome ("hostile paste"), whatever the outcome says (being
    refused in time is a good outcome); only a failed request is an error."""
    from paste_isolation import HOSTILE

    results = Results()
    session = requests.Session()
    session.auth = ("hostile", password("hostile"))
    values = article_values("hostile paste", random.Random(0))
    values[f"{i.ARTICLE_TEXT}.value"] = HOSTILE[name]
    while time.monotonic() < until:
        try:
            began = time.perf_counter()
            reply, seconds = page.post(session, page.add, values, f"{i.ADD_REQUEST}.data")
            results.record("hostile add request", seconds)
            follow_job(page, session, reply, until)
            results.record("hostile paste", time.perf_counter() - began)
        except Exception as error:  # counted and reported
            results.fail(f"hostile: {type(error).__name__}: {str(error)[:160]}")
            time.sleep(1)
    return {"latencies": results.latencies, "errors": results.errors, "added": {}}


def check_store(store: Path, results: Results) -> list[str]:
    """Every added article stored once, with as many events as the server reported."""
    from timeline.corpus.store import open_store

    problems = []
    with open_store(store, read_only=True) as connection:
        rows = connection.execute(
            "SELECT d.title, count(e.event_id), count(DISTINCT e.event_id) FROM documents d "
            "LEFT JOIN events e USING (doc_id) WHERE d.title LIKE 'Load test article %' "
            "GROUP BY d.doc_id, d.title"
        ).fetchall()
    stored: dict[str, int] = {}
    for title, events, distinct in rows:
        if title in stored:
            problems.append(f"{title}: stored twice")
        stored[title] = events
        if events != distinct:
            problems.append(f"{title}: duplicated events")
    for title, message in results.added.items():
        if title not in stored:
            problems.append(f"{title}: added but not in the store")
            continue
        said = _events_said(message)
        if said is not None and said != stored[title]:
            problems.append(f"{title}: server said {said} events, store holds {stored[title]}")
    return problems


def _events_said(message: str) -> int | None:
    words = message.split("Added ", 1)
    if len(words) < 2:
        return None
    number = words[1].split(" ", 1)[0]
    return int(number) if number.isdigit() else None


def percentiles(values: list[float]) -> tuple[float, float, float]:
    """p50, p95 and p99 in milliseconds."""
    ordered = sorted(values)
    cuts = (
        statistics.quantiles(ordered, n=100, method="inclusive")
        if len(ordered) > 1
        else (ordered * 99)
    )
    return cuts[49] * 1000, cuts[94] * 1000, cuts[98] * 1000


def main(argv: list[str] | None = None) -> int:
    """Build the store, serve it, load it, report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--sessions", type=int, default=8)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=1, help="threads per worker")
    parser.add_argument("--add-every", type=int, default=10, help="0: no additions")
    parser.add_argument("--dir", default=None, help="where the store is kept")
    parser.add_argument("--json", action="store_true", help="end with one JSON summary line")
    parser.add_argument(
        "--hostile",
        default="none",
        choices=("none", "commas-only", "spaced-commas", "dates", "dollars", "dates-200kb"),
        help="one more visitor pastes this 20 KB hostile text for the whole run",
    )
    args = parser.parse_args(argv)

    folder = Path(args.dir or tempfile.mkdtemp(prefix="timeline-load-"))
    folder.mkdir(parents=True, exist_ok=True)
    store = folder / f"load-{args.events}.duckdb"
    print(f"building a store of {args.events:,} synthetic events in {store}", flush=True)
    build_store(store, args.events, max(args.events // 50, 10), 20, 30, distinct_names=True)

    port = free_port()
    started = time.monotonic()
    names = [f"session-{n}" for n in range(args.sessions)] + ["hostile"]
    editors = editors_file(folder, names)
    server = start_server(store, port, args.workers, args.threads, editors)
    ready = time.monotonic() - started
    print(f"gunicorn -w {args.workers} --threads {args.threads} ready in {ready:.1f} s", flush=True)
    results = Results()
    try:
        page = Page(f"http://{HOST}:{port}")
        until = time.monotonic() + args.seconds
        began = time.monotonic()
        # Each session in a process of its own, as each reader has a browser of their own:
        # threads would wait for each other's decoding and count it as the server's time.
        context = multiprocessing.get_context("fork")
        hostile = args.hostile != "none"
        with ProcessPoolExecutor(args.sessions + hostile, mp_context=context) as pool:
            runs = [
                pool.submit(session_process, n, page, until, args.add_every)
                for n in range(args.sessions)
            ]
            if hostile:
                runs.append(pool.submit(hostile_process, page, until, args.hostile))
            for run in runs:
                results.absorb(run.result())
        elapsed = time.monotonic() - began
    finally:
        stop_server(server)

    total = sum(len(v) for v in results.latencies.values())
    extra = f" and a visitor pasting {args.hostile}" if args.hostile != "none" else ""
    print(f"\n{args.sessions} sessions{extra} for {elapsed:.0f} s against {args.events:,} events")
    print(f"requests: {total} ({total / elapsed:.1f}/s), errors: {len(results.errors)}")
    for kind, values in sorted(results.latencies.items()):
        p50, p95, p99 = percentiles(values)
        print(f"  {kind:19s} n={len(values):5d}  p50 {p50:6.0f} ms  p95 {p95:6.0f} ms  "
              f"p99 {p99:6.0f} ms")  # fmt: skip
    for error in results.errors[:10]:
        print(f"  error: {error}")
    problems = check_store(store, results)
    print(f"articles added: {len(results.added)}; store check: "
          f"{'all stored once, events as reported' if not problems else 'FAILED'}")  # fmt: skip
    for problem in problems[:10]:
        print(f"  {problem}")
    filters = results.latencies.get("filter change") or [float("inf")]
    ok = not results.errors and not problems and percentiles(filters)[1] <= TARGET_P95_MS
    print(f"bar (0 errors, nothing lost, filter p95 <= {TARGET_P95_MS} ms): "
          f"{'met' if ok else 'NOT met'}")  # fmt: skip
    if args.json:
        summary = {
            "requests": total,
            "errors": results.errors,
            "added": len(results.added),
            "store_problems": problems,
            "p95_ms": {kind: percentiles(v)[1] for kind, v in results.latencies.items()},
        }
        print(json.dumps(summary))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
