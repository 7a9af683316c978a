"""Time and peak memory of every hostile fixture through every way in.

Each fixture runs in a fresh process (so its peak resident memory is its own): the
Python API, the command line (in-process), ingest of the .txt file into a new store, and
the dashboard's upload-then-add handlers. Prints a Markdown table: the outcome, seconds per
path and the peak memory above the loaded model.

    python benchmarks/hostile_input.py [--only NAME ...]

``--cases`` replays the second hardening round's cases instead, each as a user runs it:
a real ``timeline`` process under a 2 GB address-space cap (``prlimit --as=2147483648``),
with its time, peak memory, exit status and first line of error (see
``benchmarks/hostile_cases.py``).
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import io
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "tests")]  # this checkout, not an installed copy

from hardening.fixtures import BY_NAME, FIXTURES, PUBLISHED  # noqa: E402


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _timed(function) -> tuple[float, str]:
    started = time.monotonic()
    try:
        outcome = function()
    except Exception as error:  # the table must show whatever escaped
        outcome = f"RAISED {type(error).__name__}: {error}"
    return round(time.monotonic() - started, 2), str(outcome)[:90]


def measure(name: str) -> dict:
    """Run one fixture through every path in this process."""
    from timeline import extract
    from timeline.cli import main as cli_main
    from timeline.corpus.ingest import ingest
    from timeline.dashboard.application import engine_extract
    from timeline.dashboard.data import DashboardData
    from timeline.dashboard.edits import add_article, read_upload
    from timeline.dashboard.source import FrameSource
    from timeline.text.documents import DocumentError, split_front_matter

    fixture = BY_NAME[name]
    data = fixture.make()
    extract("On 7 October, Jane Doe left her base.", published=PUBLISHED)  # load the model
    dashboard = DashboardData.load(FrameSource(), engine_extract)
    base = _rss_mb()
    folder = Path(tempfile.mkdtemp(prefix="hostile-"))
    path = folder / name
    path.write_bytes(data)

    def api():
        text = data.decode("utf-8") if fixture.is_text else data.decode("latin-1")
        with contextlib.suppress(DocumentError):
            text = split_front_matter(text)[1]
        try:
            return f"{len(extract(text, published=PUBLISHED))} events"
        except DocumentError as error:
            return f"refused: {error}"

    def cli():
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = cli_main(["extract", str(path), "--format", "jsonl"])
        lines = len(out.getvalue().splitlines())
        return f"exit {status}, {lines} events" if status == 0 else err.getvalue().strip()

    def ingest_txt():
        report = ingest([path], folder / "store.duckdb")
        if report.failed:
            return f"failed: {report.failed[0].reason}"
        return f"stored, {report.events} events"

    def dashboard_add():
        url = "data:text/plain;base64," + base64.b64encode(data).decode("ascii")
        text, message, ok = read_upload(url, name)
        if not ok:
            return message
        return add_article(dashboard, text, PUBLISHED, "", "", None).message

    row = {"fixture": name, "bytes": len(data)}
    for label, function in (("api", api), ("cli", cli), ("ingest", ingest_txt)):
        row[label], row[f"{label}_outcome"] = _timed(function)
    row["dashboard"], row["dashboard_outcome"] = _timed(dashboard_add)
    row["peak_mb_above_model"] = round(_rss_mb() - base)
    return row


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", help="fixture names (default: all)")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    parser.add_argument("--cases", action="store_true", help="the hidden check's cases")
    args = parser.parse_args(argv)
    if args.cases:
        from hostile_cases import main as cases_main

        return cases_main([])
    if args.one:
        print(json.dumps(measure(args.one)))
        return 0
    names = args.only or [f.name for f in FIXTURES]
    print("| fixture | size | API s | CLI s | ingest s | dashboard s | peak MB | outcome |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    for name in names:
        result = subprocess.run(
            [sys.executable, __file__, "--one", name],
            capture_output=True,
            text=True,
            timeout=1200,
            cwd=REPO,
        )
        if result.returncode != 0:
            print(f"| {name} | process failed: {result.stderr.strip().splitlines()[-1]} |")
            continue
        row = json.loads(result.stdout.strip().splitlines()[-1])
        size = f"{row['bytes'] / 1e6:.1f} MB" if row["bytes"] >= 1e5 else f"{row['bytes']} B"
        outcome = row["dashboard_outcome"].replace("|", "/")
        print(
            f"| {name} | {size} | {row['api']} | {row['cli']} | {row['ingest']} | "
            f"{row['dashboard']} | {row['peak_mb_above_model']} | {outcome} |",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
