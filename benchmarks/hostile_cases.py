"""The second hardening round's cases, each as a user runs it from the command line.

Every command is a real ``timeline`` process with its address space capped at 2 GB (as
``prlimit --as=2147483648`` does); each row gives its time, peak resident memory, exit
status and first line on stderr, and whether the case held. Inputs are written to a
temporary folder first.

    python benchmarks/hostile_cases.py [--only NAME ...] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "tests")]

from hardening.fixtures import ARTICLE, alias_bomb, front_matter, symbol_run  # noqa: E402

MEMORY_CAP = 2 << 30
FORGED = "https://example.org/a\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:forged@x\r\nSUMMARY:forged"


@dataclass
class Run:
    """One finished process."""

    seconds: float
    peak_mb: float
    status: int
    stdout: str
    stderr: str

    @property
    def message(self) -> str:
        lines = [line for line in self.stderr.splitlines() if not line.startswith("ingest: ")]
        return lines[0] if lines else ""


def timeline(*args: str, cwd: Path) -> Run:
    """``timeline ARGS`` in ``cwd`` under the memory cap; its time and peak memory."""

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))

    env = dict(os.environ, PYTHONPATH=str(REPO))
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.monotonic()
        process = subprocess.Popen(
            [sys.executable, "-m", "timeline", *args],
            cwd=cwd,
            env=env,
            stdout=out,
            stderr=err,
            preexec_fn=cap,
        )
        _, status, usage = os.wait4(process.pid, 0)  # this process's own peak memory
        seconds = time.monotonic() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Run(
            round(seconds, 1),
            round(usage.ru_maxrss / 1024),
            process.returncode,
            out.read(),
            err.read(),
        )


@dataclass
class Case:
    name: str
    prepare: Callable[[Path], None]
    runs: Callable[[Path], list[tuple[str, Run]]]
    held: Callable[[list[tuple[str, Run]], Path], bool]


def _articles(folder: Path) -> None:
    (folder / "art.txt").write_bytes(front_matter(ARTICLE))
    (folder / "bomb.txt").write_bytes(alias_bomb(60, 25))
    (folder / "dollars.txt").write_bytes(symbol_run("$"))
    (folder / "yesterday.txt").write_text("Yesterday, Jane Doe left her base, she said.\n")
    (folder / "edge-9999.txt").write_bytes(
        front_matter("Next week, Jane Doe will leave her base. " + ARTICLE, published="9999-12-31")
    )
    (folder / "forged.jsonl").write_text(
        json.dumps({"id": "f", "url": FORGED, "published": "2021-11-21", "text": ARTICLE}) + "\n"
    )
    bad = folder / "bad"
    bad.mkdir()
    (bad / "good.txt").write_bytes(front_matter(ARTICLE))
    (bad / "bomb.txt").write_bytes(alias_bomb())
    (bad / "edge.txt").write_bytes((folder / "edge-9999.txt").read_bytes())
    (bad / "lines.jsonl").write_text(
        "\n".join(
            [
                json.dumps({"id": "ok", "published": "2021-11-21", "text": ARTICLE}),
                "[" * 100_000 + "]" * 100_000,
                json.dumps({"id": "u", "url": FORGED, "text": ARTICLE}),
            ]
        )
        + "\n"
    )
    hostile = folder / "hostile"
    hostile.mkdir()
    text = ARTICLE.replace("In June,", '=HYPERLINK("http://x","y") In June,')
    (hostile / "a.txt").write_bytes(front_matter(text, title="+cmd|' /C calc'!A0"))
    (hostile / "b.txt").write_bytes(
        front_matter(text, title='"@SUM(1+1)*cmd"', published="2021-11-22")
    )
    (folder / "out").mkdir()


def _forged_store(folder: Path) -> None:
    """A store holding a forged URL written past the input checks (an old store)."""
    from timeline.corpus.store import StoredDocument, open_store, write_document
    from timeline.extraction.pipeline import extract

    frame = extract(ARTICLE, published="2021-11-21", doc_id="old", url=FORGED)
    with open_store(folder / "forged.duckdb") as connection:
        document = StoredDocument("old", "old.txt", "h", "T", FORGED, "2021-11-21", ARTICLE)
        write_document(connection, document, frame)


def _spreadsheet_safe(csv_text: str) -> bool:
    import csv
    import io

    cells = [cell for row in csv.reader(io.StringIO(csv_text)) for cell in row]
    return bool(cells) and not any(
        cell[:1] in ("=", "+", "-", "@", "\t", "\r") and not _number(cell) for cell in cells
    )


def _number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


CASES = [
    Case(
        "alias-bomb front matter",
        lambda d: None,
        lambda d: [("timeline extract bomb.txt", timeline("extract", "bomb.txt", cwd=d))],
        lambda runs, d: runs[0][1].status == 2 and "anchors and aliases" in runs[0][1].message,
    ),
    Case(
        "no forged calendar event",
        _forged_store,
        lambda d: [
            (
                "timeline ingest forged.jsonl",
                timeline("ingest", "forged.jsonl", "--store", "s.duckdb", cwd=d),
            ),
            (
                "timeline export --format ics (a store holding a forged URL)",
                timeline("export", "--store", "forged.duckdb", "--format", "ics", cwd=d),
            ),
        ],
        lambda runs, d: (
            runs[0][1].status == 1
            and "a URL may not hold" in runs[0][1].stderr
            and runs[1][1].status == 0
            and "forged" not in runs[1][1].stdout
            and runs[1][1].stdout.count("BEGIN:VEVENT") == runs[1][1].stdout.count("UID:")
        ),
    ),
    Case(
        "merged CSV neutralised",
        lambda d: None,
        lambda d: [
            (
                "timeline ingest hostile/",
                timeline("ingest", "hostile", "--store", "h.duckdb", cwd=d),
            ),
            (
                "timeline export --merged --format csv",
                timeline("export", "--store", "h.duckdb", "--merged", "--format", "csv", cwd=d),
            ),
        ],
        lambda runs, d: (
            runs[0][1].status == 0
            and runs[1][1].status == 0
            and _spreadsheet_safe(runs[1][1].stdout)
            and any(f"'{f}" in runs[1][1].stdout for f in ("=HYPERLINK", "+cmd", "@SUM"))
        ),
    ),
    Case(
        "20,000 $ in a row",
        lambda d: None,
        lambda d: [("timeline extract dollars.txt", timeline("extract", "dollars.txt", cwd=d))],
        lambda runs, d: runs[0][1].status == 0 and runs[0][1].seconds <= 20,
    ),
    Case(
        "a folder with bad documents",
        lambda d: None,
        lambda d: [
            ("timeline ingest bad/", timeline("ingest", "bad", "--store", "b.duckdb", cwd=d))
        ],
        lambda runs, d: (
            runs[0][1].status == 1
            and "Traceback" not in runs[0][1].stderr
            and "3 stored" in runs[0][1].stderr
        ),
    ),
    Case(
        "calendar-edge dates",
        lambda d: None,
        lambda d: [
            (
                "timeline extract --published 0001-01-01 yesterday.txt",
                timeline("extract", "--published", "0001-01-01", "yesterday.txt", cwd=d),
            ),
            ("timeline extract edge-9999.txt", timeline("extract", "edge-9999.txt", cwd=d)),
            (
                "timeline ingest edge-9999.txt",
                timeline("ingest", "edge-9999.txt", "--store", "e.duckdb", cwd=d),
            ),
        ],
        lambda runs, d: all(r.status == 0 and "Traceback" not in r.stderr for _, r in runs),
    ),
    Case(
        "an unwritable output",
        lambda d: None,
        lambda d: [
            (
                "timeline extract art.txt -o /dev/full",
                timeline("extract", "art.txt", "-o", "/dev/full", cwd=d),
            ),
            ("timeline extract art.txt -o out", timeline("extract", "art.txt", "-o", "out", cwd=d)),
            (
                "timeline export --store e.duckdb -o /dev/full",
                timeline("export", "--store", "e.duckdb", "-o", "/dev/full", cwd=d),
            ),
        ],
        lambda runs, d: all(
            r.status == 2 and r.stderr.count("\n") == 1 and "cannot write" in r.stderr
            for _, r in runs
        ),
    ),
    Case(
        "/dev/zero",
        lambda d: None,
        lambda d: [
            ("timeline extract /dev/zero", timeline("extract", "/dev/zero", cwd=d)),
            (
                "timeline ingest /dev/zero",
                timeline("ingest", "/dev/zero", "--store", "z.duckdb", cwd=d),
            ),
        ],
        lambda runs, d: (
            all("a character device" in r.stderr for _, r in runs)
            and [r.status for _, r in runs] == [2, 1]
        ),
    ),
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", help="case names (default: all)")
    parser.add_argument("--json", action="store_true", help="one JSON object a run")
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="hostile-cases-"))
    _articles(folder)
    held_all = True
    if not args.json:
        print("| case | command | s | peak MB | exit | first line on stderr | held |")
        print("| --- | --- | ---: | ---: | ---: | --- | --- |")
    for case in CASES:
        if args.only and case.name not in args.only:
            continue
        case.prepare(folder)
        runs = case.runs(folder)
        held = case.held(runs, folder)
        held_all &= held
        for command, run in runs:
            row = {
                "case": case.name,
                "command": command,
                "seconds": run.seconds,
                "peak_mb": run.peak_mb,
                "exit": run.status,
                "message": run.message[:160],
                "held": held,
            }
            if args.json:
                print(json.dumps(row))
            else:
                message = row["message"].replace("|", "/")
                print(
                    f"| {case.name} | `{command}` | {run.seconds} | {run.peak_mb} | "
                    f"{run.status} | {message} | {'yes' if held else 'NO'} |",
                    flush=True,
                )
    return 0 if held_all else 1


if __name__ == "__main__":
    sys.exit(main())
