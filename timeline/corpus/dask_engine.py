"""The Dask engine: extraction mapped over partitions of documents on a dask.distributed cluster.

Each partition is one task. The worker extracts it with the model it loaded once (a
worker plugin loads it as the worker joins) and sends back its events as an Arrow
table. This process writes each table as one file of a Parquet dataset, then reads it
back for the store, so the dataset holds exactly what was stored and can be queried on
its own (DuckDB: ``SELECT * FROM read_parquet('DIR/*.parquet')``). Workers need the
``timeline`` package and the spaCy model installed; they need no shared disk.

Without a scheduler address the engine starts a LocalCluster of worker processes and
stops it at the end.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from distributed import Client, KilledWorker, LocalCluster, Worker, WorkerPlugin, as_completed

from timeline.corpus.engines import EngineError, Result, extract_batch, split_batches, warm_up
from timeline.output.schema import (
    EVENT_COLUMNS,
    FLOAT_COLUMNS,
    INT_COLUMNS,
    OPTIONAL_FLOAT_COLUMNS,
    OPTIONAL_INT_COLUMNS,
)
from timeline.text.documents import Document, error_line

#: Seconds to wait for a scheduler before giving up.
CONNECT_TIMEOUT = 10
PART_GLOB = "part-*.parquet"


def _arrow_type(column: str) -> pa.DataType:
    if column in INT_COLUMNS or column in OPTIONAL_INT_COLUMNS:
        return pa.int64()
    if column in FLOAT_COLUMNS or column in OPTIONAL_FLOAT_COLUMNS:
        return pa.float64()
    return pa.string()


_OPTIONAL = (*OPTIONAL_INT_COLUMNS, *OPTIONAL_FLOAT_COLUMNS)
#: The Parquet schema of the events: the store's columns and types (a place's point,
#: precision and offsets may be missing).
EVENTS_SCHEMA = pa.schema(
    [pa.field(c, _arrow_type(c), nullable=c in _OPTIONAL) for c in EVENT_COLUMNS]
)


def extract_partition(
    documents: list[Document], model: str | None = None
) -> tuple[pa.Table, dict[int, str]]:
    """On a worker: the events of a partition as one table, and the failed documents by
    their position in the partition."""
    results = extract_batch(documents, model)
    rows = [row for result in results if not isinstance(result, str) for row in result]
    failed = {i: result for i, result in enumerate(results) if isinstance(result, str)}
    return pa.Table.from_pylist(rows, schema=EVENTS_SCHEMA), failed


def results_from_table(
    documents: list[Document], events: pa.Table, failed: dict[int, str]
) -> list[Result]:
    """Per document of a partition, its event rows (in extraction order) or why it failed."""
    by_doc: dict[str, list[dict]] = {}
    for row in events.to_pylist():
        by_doc.setdefault(row["doc_id"], []).append(row)
    return [failed.get(i, by_doc.get(d.id, [])) for i, d in enumerate(documents)]


class PreloadModel(WorkerPlugin):
    """A worker plugin: load the model and resources as the worker joins, once per process."""

    name = "timeline-preload-model"

    def __init__(self, model: str | None = None) -> None:
        self.model = model

    def setup(self, worker: Worker) -> None:
        """Load them into this worker process's caches (see ``engines.warm_up``)."""
        warm_up(self.model)


class DaskEngine:
    """Partitions extracted as tasks on a Dask cluster; results kept as a Parquet dataset."""

    def __init__(
        self,
        *,
        workers: int = 1,
        model: str | None = None,
        scheduler: str | None = None,
        parquet_dir: str | Path | None = None,
    ) -> None:
        if parquet_dir is None:
            raise EngineError("the dask engine needs a folder for its Parquet dataset")
        self.workers = workers
        self.model = model
        self.scheduler = scheduler
        self.parquet_dir = Path(parquet_dir)

    def __call__(
        self, documents: list[Document], batch_size: int
    ) -> Iterator[tuple[list[Document], list[Result]]]:
        if not documents:
            return
        with connect(self.scheduler, self.workers) as client:
            _register(client, PreloadModel(self.model))
            threads = sum(client.nthreads().values()) or 1
            partitions = split_batches(documents, batch_size, threads)
            self._clear_dataset()
            futures = client.map(extract_partition, partitions, model=self.model, pure=False)
            index_of = {future.key: i for i, future in enumerate(futures)}
            try:
                for future, (events, failed) in as_completed(futures, with_results=True):
                    index = index_of[future.key]
                    path = self.parquet_dir / f"part-{index:05}.parquet"
                    pq.write_table(events, path)
                    stored = pq.read_table(path, schema=EVENTS_SCHEMA)
                    yield partitions[index], results_from_table(partitions[index], stored, failed)
            except KilledWorker as error:
                raise EngineError(
                    f"a Dask worker died while extracting ({error_line(error)}); the "
                    "documents stored so far are kept, a rerun completes the ingest"
                ) from None

    def _clear_dataset(self) -> None:
        """Make the folder hold this run's partitions only (other files are left alone)."""
        self.parquet_dir.mkdir(parents=True, exist_ok=True)
        for old in self.parquet_dir.glob(PART_GLOB):
            old.unlink()


@contextmanager
def connect(scheduler: str | None = None, workers: int = 1) -> Iterator[Client]:
    """A client of the cluster at ``scheduler``, or of a LocalCluster of ``workers``
    single-threaded processes started (and stopped) here."""
    if scheduler:
        try:
            client = Client(scheduler, timeout=CONNECT_TIMEOUT)
        except (OSError, ValueError, TimeoutError) as error:
            reason = error_line(error)
            raise EngineError(f"cannot reach the Dask scheduler {scheduler} ({reason})") from None
        with client:
            yield client
        return
    cluster = LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},  # its HTTP server: any free port
        silence_logs=logging.ERROR,
    )
    with cluster, Client(cluster) as client:
        yield client


def _register(client: Client, plugin: PreloadModel) -> None:
    try:
        client.register_plugin(plugin)
    except Exception as error:  # the worker's own error, re-raised here by Dask
        raise EngineError(f"Dask workers cannot load the model ({error_line(error)})") from None
