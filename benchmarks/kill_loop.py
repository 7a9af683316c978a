"""Nothing lost: SIGKILL ``python -m timeline ingest`` at random moments, again and again.

Two corpora share their document ids: version A, and version B in which a third of the
texts changed. Two clean runs give the reference events of each version. Then every trial

1. starts from an empty store (``fresh``) or from the finished store of version A
   (``replace``, so the kill can land while a changed document replaces its events),
2. runs ``python -m timeline ingest`` on version B and kills it with SIGKILL: in 7 kills
   of 10 within a second after a random batch (not the last) was written, in the others
   at a random time from the start (model loading included); 3 trials in 10 kill the
   first rerun as well,
3. opens the store and checks that every stored document holds exactly the events a clean
   run gives the version its stored hash belongs to, that no event lacks its document, and
4. reruns the ingest to completion and checks the store equals the clean run of version B.

    python benchmarks/kill_loop.py [--trials 50] [--documents 120] [--seed 6] [--json]

Each trial prints a line as it ends. Exit status 0 when every trial held; the summary (and
with --json one JSON object) says how many kills landed before any write and how many
mid-way through the writes.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import duckdb

REPO = Path(__file__).resolve().parents[1]
NAMES = ("Jane Doe", "John Roe", "Mary Major", "Richard Miles", "Ann Smith", "Peter Brown")
MONTHS = ("January", "March", "June", "October", "November")
#: Documents per ingest batch (``timeline.corpus.ingest.BATCH_SIZE``): a progress line each.
BATCH = 32
EVENT_KEY = 'event_id, person, event_type, date, granularity, start, "end", quote'


def article(index: int, version: str) -> str:
    """Two dated events; version B changes every third document."""
    first, second = NAMES[index % len(NAMES)], NAMES[(index + 1) % len(NAMES)]
    day, month = index % 27 + 1, MONTHS[index % len(MONTHS)]
    text = f"On {day} {month}, {first} left her base. In June, {second} was arrested."
    if version == "B" and index % 3 == 0:
        text += f" On {day + 1} {month}, {first} was released."
    return text


def write_corpus(folder: Path, documents: int, version: str) -> Path:
    """Most documents as JSON lines, a few as .txt files with front matter."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = []
    for index in range(documents):
        text = article(index, version)
        if index % 10 == 0:
            body = f"---\nid: t{index:04}\npublished: 2021-11-21\n---\n{text}\n"
            (folder / f"t{index:04}.txt").write_text(body, encoding="utf-8")
        else:
            record = {"id": f"d{index:04}", "published": "2021-11-21", "text": text}
            lines.append(json.dumps(record))
    (folder / "many.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def ingest_command(corpus: Path, store: Path) -> list[str]:
    return [sys.executable, "-m", "timeline", "ingest", str(corpus), "--store", str(store)]


def run_clean(corpus: Path, store: Path) -> tuple[float, float]:
    """Ingest to completion: seconds to the first progress line (the model is loaded and
    the first batch written) and to the end."""
    started = time.monotonic()
    process = subprocess.Popen(
        ingest_command(corpus, store), stderr=subprocess.PIPE, text=True, cwd=REPO
    )
    first = None
    lines = []
    for line in process.stderr:
        lines.append(line)
        if first is None and line.startswith("ingest: ") and "/" in line.split()[1]:
            first = time.monotonic() - started
    code = process.wait(timeout=600)
    if code != 0:
        raise SystemExit(f"clean ingest of {corpus} exited {code}: {''.join(lines[-5:]).strip()}")
    total = time.monotonic() - started
    return (first or total), total


def snapshot(store: Path) -> dict[str, tuple[str, tuple]]:
    """Per stored document: its content hash and its sorted events (none when a kill came
    before the store file was even created)."""
    if not store.exists():
        return {}
    with duckdb.connect(str(store), read_only=True) as connection:
        hashes = dict(connection.execute("SELECT doc_id, content_hash FROM documents").fetchall())
        events: dict[str, list] = {doc_id: [] for doc_id in hashes}
        for row in connection.execute(f"SELECT doc_id, {EVENT_KEY} FROM events").fetchall():
            events.setdefault(row[0], []).append(row[1:])
    return {
        doc_id: (hashes.get(doc_id, ""), tuple(sorted(rows))) for doc_id, rows in events.items()
    }


def kill_after(command: list[str], delay: float, after_batches: int) -> int:
    """Start ``command`` and SIGKILL it ``delay`` seconds after its ``after_batches``-th
    progress line (a batch written; 0: after the start); its return code."""
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=REPO
    )
    seen = 0
    while seen < after_batches:
        line = process.stderr.readline()
        if not line:
            break
        seen += line.startswith("ingest: ") and "/" in line.split()[1]
    killer = threading.Timer(delay, _kill, args=(process,))
    killer.start()
    for _ in process.stderr:  # keep the pipe drained until the process ends
        pass
    process.wait(timeout=600)
    killer.cancel()
    process.stderr.close()
    return process.returncode


def _kill(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.kill(process.pid, signal.SIGKILL)


@dataclass
class Trial:
    """One kill (or two) and what the store held afterwards."""

    number: int
    kind: str
    #: Seconds from the start, or "w+s": seconds after the first batch was written.
    delays: list = field(default_factory=list)
    killed: int = 0
    #: After each kill: documents stored (fresh) or changed documents replaced (replace).
    progress_after_kill: list[int] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def check_whole(store: Path, references: dict[str, dict], trial: Trial) -> int:
    """Every stored document equals one clean version of itself.

    Returns how far the killed run got: the documents stored (fresh trials) or the
    changed documents already at version B (replace trials).
    """
    state = snapshot(store)
    for doc_id, (content_hash, events) in state.items():
        if not content_hash:
            trial.problems.append(f"events without their document: {doc_id}")
            continue
        versions = [ref[doc_id] for ref in references.values() if doc_id in ref]
        if (content_hash, events) not in versions:
            trial.problems.append(f"{doc_id}: stored events match no clean run")
    if trial.kind == "fresh":
        return len(state)
    return sum(
        1
        for doc_id, version in state.items()
        if version == references["B"].get(doc_id) != references["A"].get(doc_id)
    )


def run_trial(number: int, kind: str, args, paths: dict, references: dict, rng) -> Trial:
    trial = Trial(number, kind)
    store = paths["work"] / f"trial-{number}.duckdb"
    if kind == "replace":
        shutil.copy(paths["store_A"], store)
    kills = 2 if rng.random() < 0.3 else 1
    total = paths["clean_seconds"][1]
    batches = -(-paths["changed" if kind == "replace" else "documents"] // BATCH)
    for _ in range(kills):
        # Seven kills in ten land among the writes: within a second after a random batch
        # (not the last) was written, while the next one is extracted or written. The
        # others at any time from the start, model loading included.
        if batches > 1 and rng.random() < 0.7:
            after = rng.randint(1, batches - 1)
            delay = rng.uniform(0.0, 1.0)
            trial.delays.append(f"batch {after} + {delay:.2f}")
        else:
            after, delay = 0, rng.uniform(0.2, total * 1.05)
            trial.delays.append(f"{delay:.2f}")
        code = kill_after(ingest_command(paths["B"], store), delay, after)
        trial.killed += code == -signal.SIGKILL
        if code not in (0, -signal.SIGKILL):
            trial.problems.append(f"ingest exited {code} before the kill")
        trial.progress_after_kill.append(check_whole(store, references, trial))
    result = subprocess.run(
        ingest_command(paths["B"], store), capture_output=True, text=True, timeout=600, cwd=REPO
    )
    if result.returncode != 0:
        trial.problems.append(f"rerun exited {result.returncode}: {result.stderr[-300:]}")
    elif snapshot(store) != references["B"]:
        trial.problems.append("after the rerun the store differs from a clean run")
    for suffix in ("", ".wal"):
        Path(str(store) + suffix).unlink(missing_ok=True)
    return trial


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=50)
    parser.add_argument("--documents", type=int, default=120)
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--json", action="store_true", help="print one JSON summary line")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="kill-loop-") as tmp:
        work = Path(tmp)
        paths = {
            "work": work,
            "A": write_corpus(work / "A", args.documents, "A"),
            "B": write_corpus(work / "B", args.documents, "B"),
            "store_A": work / "A.duckdb",
        }
        run_clean(paths["A"], paths["store_A"])  # warms the disk cache as well
        store_b = work / "B.duckdb"
        paths["clean_seconds"] = run_clean(paths["B"], store_b)
        references = {"A": snapshot(paths["store_A"]), "B": snapshot(store_b)}
        paths["documents"] = args.documents
        paths["changed"] = sum(
            1 for d in references["B"] if references["B"][d] != references["A"][d]
        )
        trials = []
        for number in range(args.trials):
            kind = "replace" if number % 2 else "fresh"
            try:
                trial = run_trial(number, kind, args, paths, references, rng)
            except Exception as error:  # a store that no longer opens is a failed trial
                trial = Trial(number, kind, problems=[f"{type(error).__name__}: {error}"])
            trials.append(trial)
            status = "FAIL " + "; ".join(trial.problems) if trial.problems else "ok"
            print(
                f"trial {number:3} {kind:7} kills at {trial.delays} s -> "
                f"{trial.progress_after_kill} {'stored' if kind == 'fresh' else 'replaced'}: "
                f"{status}",
                file=sys.stderr,
                flush=True,
            )
        changed = sum(1 for d in references["B"] if references["B"][d] != references["A"].get(d))
    failed = [t for t in trials if t.problems]
    kills = [(t, n) for t in trials for n in t.progress_after_kill]
    total = {"fresh": args.documents, "replace": changed}
    summary = {
        "trials": len(trials),
        "kills": sum(t.killed for t in trials),
        "documents": args.documents,
        "changed_documents": changed,
        "clean_seconds": round(paths["clean_seconds"][1], 1),
        "kills_mid_way": sum(1 for t, n in kills if 0 < n < total[t.kind]),
        "kills_before_any_write": sum(1 for _, n in kills if n == 0),
        "failed_trials": len(failed),
        "failures": [asdict(t) for t in failed],
    }
    if args.json:
        print(json.dumps(summary))
    else:
        print(
            f"{summary['trials']} trials, {summary['kills']} SIGKILLs "
            f"({summary['kills_mid_way']} mid-way through the writes, "
            f"{summary['kills_before_any_write']} before any write), "
            f"{summary['failed_trials']} failed; a clean run of {args.documents} documents "
            f"takes {summary['clean_seconds']} s"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
