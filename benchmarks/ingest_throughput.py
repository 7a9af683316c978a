"""Corpus throughput: documents/s of ``timeline ingest`` with 1 and 2 workers, and on Dask.

The corpus is the 120 English Wikinews articles of SemEval-2015 Task 4 (the 90 Track A
documents of the three test corpora and the 30 trial documents), written to a .jsonl:
one document per line, the raw text rebuilt from the CAT tokens, the title from the
title sentence, and the document creation time as the publication date. Each run
ingests it into a fresh store. The model and resources are loaded before the clock
starts (their load time is printed apart): the 1-worker run extracts in this process,
the 2-worker run forks its workers from it. Runs alternate when ``--runs`` > 1; the
median is reported, with the CPU seconds of this process and its worker processes (the
work done, which the machine's other load changes little). The bar: 2 workers at least
1.7 x 1 worker. The Dask row (a LocalCluster started for the run, its workers loading
the model) is for information.

    python benchmarks/ingest_throughput.py [--data-dir DIR] [--runs 1] [--no-dask]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from timeline.corpus.engines import warm_up  # noqa: E402
from timeline.corpus.ingest import IngestReport, ingest  # noqa: E402
from timeline.evaluate.cat import CatDocument, read_cat  # noqa: E402
from timeline.extraction.nlp import model_name  # noqa: E402

DEFAULT_DATA = REPO.parent / "shared" / "corpora" / "semeval2015-timeline"
CAT_GLOBS = ("SemEval_Task4_data/corpus_*/corpus_trackA_CAT/*.xml", "Corpus-trial-data_task4/*.xml")
BAR = 1.7


def read_corpus(data_dir: Path) -> list[CatDocument]:
    """The Wikinews documents in CAT format, one per document id."""
    paths = [path for pattern in CAT_GLOBS for path in sorted(data_dir.glob(pattern))]
    if not paths:
        raise SystemExit(f"{data_dir}: no SemEval-2015 CAT files (give --data-dir)")
    documents: dict[str, CatDocument] = {}
    for path in paths:
        document = read_cat(path)
        documents.setdefault(document.doc_id, document)
    return list(documents.values())


def write_jsonl(documents: list[CatDocument], path: Path) -> Path:
    """One line per document: id, title (sentence 0), url "", published (DCT), text."""
    with path.open("w", encoding="utf-8") as handle:
        for document in documents:
            title = " ".join(token.text for token in document.sentence(0))
            record = {
                "id": document.doc_id,
                "title": title,
                "url": "",
                "published": document.dct,
                "text": document.text,
            }
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def cpu_seconds() -> float:
    """CPU time of this process and of its finished child processes."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def timed_ingest(corpus: Path, folder: Path, **options) -> tuple[float, float, IngestReport]:
    """Wall and CPU seconds of one ingest of ``corpus`` into a fresh store in ``folder``."""
    with tempfile.TemporaryDirectory(dir=folder) as run:
        started, cpu = time.perf_counter(), cpu_seconds()
        report = ingest([corpus], Path(run) / "store.duckdb", **options)
        seconds, cpu = time.perf_counter() - started, cpu_seconds() - cpu
    if report.failed:
        raise SystemExit(f"{len(report.failed)} documents failed: {report.failed[0].reason}")
    return seconds, cpu, report


def main(argv: list[str] | None = None) -> int:
    """Print documents/s per setting and the 2-worker / 1-worker ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--runs", type=int, default=1, help="runs per setting (median)")
    parser.add_argument("--no-dask", action="store_true", help="leave out the Dask row")
    args = parser.parse_args(argv)

    documents = read_corpus(args.data_dir)
    with tempfile.TemporaryDirectory() as folder:
        corpus = write_jsonl(documents, Path(folder) / "wikinews.jsonl")
        characters = sum(len(d.text) for d in documents)
        print(f"corpus: {len(documents)} documents, {characters:,} characters, {corpus.name}")
        started = time.perf_counter()
        load = os.getloadavg()[0]
        warm_up()
        print(f"model {model_name()} loaded in {time.perf_counter() - started:.1f} s (not timed)")

        seconds: dict[int, list[float]] = {1: [], 2: []}
        cpu: dict[int, list[float]] = {1: [], 2: []}
        events: set[int] = set()
        for _ in range(args.runs):
            for workers in seconds:
                took, used, report = timed_ingest(corpus, Path(folder), workers=workers)
                seconds[workers].append(took)
                cpu[workers].append(used)
                events.add(report.events)
        rates = {w: len(documents) / statistics.median(s) for w, s in seconds.items()}
        print(f"load average before the runs: {load:.1f} on {os.cpu_count()} CPUs")
        print(f"{'setting':<44}{'seconds':>9}{'docs/s':>9}{'CPU s':>9}")
        for workers, runs in seconds.items():
            label = f"local engine, {workers} worker{'s' if workers > 1 else ''}"
            median_cpu = statistics.median(cpu[workers])
            print(
                f"{label:<44}{statistics.median(runs):>9.2f}{rates[workers]:>9.2f}{median_cpu:>9.2f}"
            )
        print(f"ratio 2 workers / 1 worker: {rates[2] / rates[1]:.2f}  (bar: >= {BAR})")
        if not args.no_dask:
            took, _, report = timed_ingest(corpus, Path(folder), engine="dask", workers=2)
            events.add(report.events)
            label = "dask LocalCluster, 2 workers (incl. start)"
            print(f"{label:<44}{took:>9.2f}{len(documents) / took:>9.2f}{'':>9}")
        if len(events) != 1:
            print(f"warning: the runs stored different event counts: {sorted(events)}")
        else:
            print(f"events stored per run: {events.pop()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
