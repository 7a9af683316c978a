"""Ingesting a corpus: read .txt, .jsonl and .html files, extract in batches, store.

A document is keyed by its explicit id (front matter ``id``, JSON ``id``) or else by where
it came from, and carries a hash of its text and metadata: an unchanged document is
skipped, a changed one replaces its old events. A document that cannot be read or dated
is reported with its reason; the others are stored regardless. Where extraction runs
(this process, a local pool, a Dask cluster) is up to an engine (:mod:`timeline.corpus.engines`);
the store is always written here, the same way.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from timeline.corpus.engines import (
    ENGINES,
    Engine,
    EngineError,
    ProcessPoolEngine,
    Result,
    SerialEngine,
)
from timeline.corpus.inputs import Failure, named, read_inputs, unexpected
from timeline.corpus.store import (
    DEFAULT_STORE,
    StoredDocument,
    merged_missing,
    open_store,
    refresh_merged_with,
    stored_hashes,
    write_document,
)
from timeline.text.documents import Document

__all__ = ["Failure", "IngestReport", "content_hash", "ingest", "make_engine", "read_inputs"]

BATCH_SIZE = 32
#: Seconds a batch waits for readers (the dashboard) to let go of the store.
STORE_WAIT_SECONDS = 30.0


@dataclass
class IngestReport:
    """What one ingest run did."""

    stored: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[Failure] = field(default_factory=list)
    events: int = 0


def content_hash(document: Document) -> str:
    """A hash of everything extraction reads: a new hash means the events may change."""
    payload = json.dumps([document.text, document.title, document.url, document.published])
    return hashlib.sha1(payload.encode("utf-8")).hexdigest()


# Orchestrating --------------------------------------------------------------------------

Progress = Callable[[int, int, float], None]


def make_engine(
    name: str = "local",
    *,
    workers: int = 1,
    model: str | None = None,
    scheduler: str | None = None,
    parquet_dir: str | Path | None = None,
) -> Engine:
    """The engine called ``name``: "local" (one process, or a pool of ``workers``) or
    "dask" (a LocalCluster of ``workers``, or the cluster at ``scheduler``).

    >>> type(make_engine("local", workers=1)).__name__
    'SerialEngine'
    """
    if name != "dask" and (scheduler or parquet_dir):
        option = "--scheduler" if scheduler else "--parquet"
        raise EngineError(f"{option} needs --engine dask")
    if name == "local":
        return ProcessPoolEngine(workers, model) if workers > 1 else SerialEngine(model)
    if name == "dask":
        from timeline.corpus.dask_engine import DaskEngine

        return DaskEngine(
            workers=workers, model=model, scheduler=scheduler, parquet_dir=parquet_dir
        )
    raise EngineError(f"unknown engine {name!r}: use one of {', '.join(ENGINES)}")


def ingest(
    paths: Iterable[str | Path],
    store_path: str | Path = DEFAULT_STORE,
    *,
    workers: int = 1,
    batch_size: int = BATCH_SIZE,
    model: str | None = None,
    progress: Progress | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    parquet_dir: str | Path | None = None,
) -> IngestReport:
    """Read, extract and store; each document lands in its own transaction.

    ``engine`` says where extraction runs (:mod:`timeline.corpus.engines`): "local" in this
    process, or in ``workers`` processes; "dask" on a LocalCluster of ``workers`` or the
    cluster at ``scheduler``, keeping the events as a Parquet dataset in ``parquet_dir``
    (default: beside the store). The store is written from this process only, and only
    while a batch is written, so readers can open it between batches.
    ``progress(done, total, seconds)`` is called after each batch.
    A run that stored anything (or finds them missing) recomputes the merged events.
    """
    if engine == "dask" and parquet_dir is None:
        parquet_dir = default_parquet_dir(store_path)
    extractor = make_engine(
        engine, workers=workers, model=model, scheduler=scheduler, parquet_dir=parquet_dir
    )
    report = IngestReport()
    with open_store(store_path) as connection:
        known = stored_hashes(connection)
    todo = _new_or_changed(read_inputs(paths), known, report)
    started = time.monotonic()
    done = 0
    for batch, results in extractor(todo, batch_size):
        _store_batch(store_path, batch, results, report)
        done += len(batch)
        if progress:
            progress(done, len(todo), time.monotonic() - started)
    with open_store(store_path, wait=STORE_WAIT_SECONDS) as connection:
        if report.stored or merged_missing(connection):
            refresh_merged_with(connection)
    return report


def default_parquet_dir(store_path: str | Path) -> Path:
    """The dask engine's Parquet folder beside the store: ``data/timeline.parquet``."""
    return Path(store_path).with_suffix(".parquet")


def _store_batch(
    store_path: str | Path,
    batch: list[Document],
    results: list[Result],
    report: IngestReport,
) -> None:
    """Write one extracted batch, one transaction per document, then let go of the store."""
    with open_store(store_path, wait=STORE_WAIT_SECONDS) as connection:
        for document, result in zip(batch, results, strict=True):
            if isinstance(result, str):
                report.failed.append(Failure(_name(document), _with_name(document, result)))
                continue
            row = StoredDocument(
                doc_id=document.id,
                source=document.source,
                content_hash=content_hash(document),
                title=document.title,
                url=document.url,
                published=document.published,
                text=document.text,
            )
            try:
                write_document(connection, row, result)
            except Exception as error:  # rolled back: this document alone is not stored
                reason = f"could not be stored ({unexpected(error)})"
                report.failed.append(Failure(_name(document), _with_name(document, reason)))
                continue
            report.stored.append(document.id)
            report.events += len(result)


def _new_or_changed(
    items: Iterable[Document | Failure], known: dict[str, str], report: IngestReport
) -> list[Document]:
    todo: list[Document] = []
    seen: dict[str, str] = {}
    for item in items:
        if isinstance(item, Failure):
            report.failed.append(item)
        elif item.id in seen:
            reason = f"{_name(item)}: id {item.id!r} is also used by {seen[item.id]}"
            report.failed.append(Failure(_name(item), reason))
        elif known.get(item.id) == content_hash(item):
            seen[item.id] = _name(item)
            report.unchanged.append(item.id)
        else:
            seen[item.id] = _name(item)
            todo.append(item)
    return todo


def _name(document: Document) -> str:
    return document.source or document.id


def _with_name(document: Document, reason: str) -> str:
    return named(_name(document), reason)


def progress_line(done: int, total: int, seconds: float) -> str:
    """The progress as text: documents done, documents/s and the time left at that rate.

    >>> progress_line(30, 120, 10.0)
    'ingest: 30/120 documents, 3.0 documents/s, ETA 0:00:30'
    """
    rate = done / seconds if seconds > 0 else 0.0
    left = round((total - done) / rate) if rate > 0 else None
    eta = str(dt.timedelta(seconds=left)) if left is not None else "unknown"
    return f"ingest: {done}/{total} documents, {rate:.1f} documents/s, ETA {eta}"


def print_progress(done: int, total: int, seconds: float) -> None:
    """One progress line on stderr: rewritten in place on a terminal, one a batch in a log."""
    line = progress_line(done, total, seconds)
    if sys.stderr.isatty():
        print(f"\r{line}", end="\n" if done >= total else "", file=sys.stderr, flush=True)
    else:
        print(line, file=sys.stderr, flush=True)
