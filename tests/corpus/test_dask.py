"""The Dask engine against the single-process path, on one 2-worker LocalCluster."""

from __future__ import annotations

import logging
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow.parquet as pq
import pytest

from timeline.corpus import dask_engine
from timeline.corpus.commands import main
from timeline.corpus.engines import EngineError
from timeline.corpus.ingest import ingest
from timeline.corpus.store import load_documents, load_events
from timeline.extraction.nlp import load_pipeline
from timeline.output.schema import events_frame

from .helpers import article, rows, write_jsonl, write_txt

distributed = pytest.importorskip("distributed")

DOCUMENTS = 7


@pytest.fixture(scope="module")
def scheduler():
    """The address of a LocalCluster of 2 single-threaded worker processes."""
    with distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},  # its HTTP server: any free port
        silence_logs=logging.ERROR,
    ) as cluster:
        yield cluster.scheduler_address


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """Seven dated documents in a .jsonl and a .txt, and one that cannot be dated."""
    folder = tmp_path / "in"
    folder.mkdir()
    write_jsonl(
        folder / "many.jsonl",
        [
            {"id": f"d{i}", "title": f"T{i}", "published": "2021-11-21", "text": article(i)}
            for i in range(DOCUMENTS - 1)
        ],
    )
    write_txt(folder / "a.txt", article(DOCUMENTS), url="https://example.org/a")
    (folder / "undated.txt").write_text("Jane Doe left her base in October.", encoding="utf-8")
    return folder


def _sorted(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    return frame.sort_values(keys).reset_index(drop=True)


def test_dask_gives_exactly_the_events_of_the_single_process_path(
    corpus: Path, tmp_path: Path, scheduler: str
):
    local, dask = tmp_path / "local.duckdb", tmp_path / "dask.duckdb"
    one = ingest([corpus], local)
    two = ingest(
        [corpus],
        dask,
        engine="dask",
        scheduler=scheduler,
        batch_size=2,
        parquet_dir=tmp_path / "events.parquet",
    )
    assert sorted(two.stored) == sorted(one.stored) and len(two.stored) == DOCUMENTS
    assert two.events == one.events > 0
    assert sorted(two.failed, key=str) == sorted(one.failed, key=str)
    assert [Path(f.name).name for f in two.failed] == ["undated.txt"]
    assert "no publication date" in two.failed[0].reason
    pd.testing.assert_frame_equal(
        _sorted(load_events(dask), ["event_id"]), _sorted(load_events(local), ["event_id"])
    )
    columns = ["doc_id", "source", "content_hash", "title", "url", "published", "text"]
    assert load_documents(dask)[columns].equals(load_documents(local)[columns])


def test_parquet_dataset_is_read_by_pyarrow_and_duckdb(
    corpus: Path, tmp_path: Path, scheduler: str
):
    store, dataset = tmp_path / "s.duckdb", tmp_path / "events.parquet"
    (dataset).mkdir()
    (dataset / "part-00099.parquet").write_bytes(b"left over from an earlier run")
    ingest([corpus], store, engine="dask", scheduler=scheduler, parquet_dir=dataset)
    stored = _sorted(load_events(store), ["event_id"])
    parts = sorted(p.name for p in dataset.glob("*.parquet"))
    # 8 documents on 2 workers: partitions of one, for balance; the stale part is gone.
    assert parts == [f"part-{i:05}.parquet" for i in range(DOCUMENTS + 1)]
    # pandas reads Arrow's nullable integers (a missing place's precision) as floats; the
    # schema's frame gives them back their type.
    table = events_frame(pq.read_table(dataset).to_pandas().to_dict("records"))
    pd.testing.assert_frame_equal(_sorted(table[stored.columns], ["event_id"]), stored)
    with duckdb.connect() as connection:
        queried = connection.execute(
            f"SELECT event_id, person, date FROM read_parquet('{dataset}/*.parquet') "
            "ORDER BY event_id"
        ).fetchall()
    assert queried == list(stored[["event_id", "person", "date"]].itertuples(index=False))


def test_each_worker_loads_the_model_once(corpus: Path, tmp_path: Path, scheduler: str):
    ingest(
        [corpus],
        tmp_path / "s.duckdb",
        engine="dask",
        scheduler=scheduler,
        batch_size=1,
        parquet_dir=tmp_path / "p",
    )
    with distributed.Client(scheduler) as client:
        caches = client.run(lambda: load_pipeline.cache_info()._asdict())
    assert len(caches) == 2
    for cache in caches.values():
        assert cache["misses"] == 1 and cache["hits"] >= 1


def test_dask_skips_unchanged_and_replaces_changed_documents(
    corpus: Path, tmp_path: Path, scheduler: str
):
    store = tmp_path / "s.duckdb"
    options = {"engine": "dask", "scheduler": scheduler, "parquet_dir": tmp_path / "p"}
    ingest([corpus], store, **options)
    write_txt(corpus / "a.txt", "On 3 March, Ann Smith escaped from the prison.")
    report = ingest([corpus], store, **options)
    assert len(report.stored) == 1 and len(report.unchanged) == DOCUMENTS - 1
    changed = rows(
        store,
        "SELECT person, date FROM events JOIN documents USING (doc_id) WHERE source LIKE '%a.txt'",
    )
    assert changed == [("Ann Smith", "2021-03-03")]


def test_unreachable_scheduler_is_a_one_line_error_and_the_store_is_kept(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch
):
    store = tmp_path / "s.duckdb"
    ingest([corpus / "a.txt"], store)
    monkeypatch.setattr(dask_engine, "CONNECT_TIMEOUT", 1)
    capsys.readouterr()
    args = ["ingest", str(corpus), "--store", str(store), "--engine", "dask"]
    assert main([*args, "--scheduler", "tcp://127.0.0.1:1"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith("timeline: error: cannot reach the Dask scheduler tcp://127.0.0.1:1")
    assert rows(store, "SELECT count(*) FROM documents") == [(1,)]
    with pytest.raises(EngineError, match="cannot reach the Dask scheduler nonsense"):
        ingest([corpus], store, engine="dask", scheduler="nonsense")


@pytest.mark.parametrize("option,value", [("--scheduler", "tcp://x:1"), ("--parquet", "p")])
def test_dask_options_without_the_dask_engine_are_refused(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture, option: str, value: str
):
    assert main(["ingest", str(corpus), "--store", str(tmp_path / "s"), option, value]) == 2
    assert capsys.readouterr().err == f"timeline: error: {option} needs --engine dask\n"
    assert not (tmp_path / "s").exists()


@pytest.mark.slow
def test_without_a_scheduler_a_local_cluster_is_started_and_stopped(tmp_path: Path):
    # Its own process, as a user runs it: distributed gives one event loop to each
    # process, and this module's cluster already holds the test process's loop.
    import os
    import subprocess
    import sys

    folder = tmp_path / "in"
    folder.mkdir()
    write_txt(folder / "a.txt", article(0))
    store = tmp_path / "s.duckdb"
    args = ["ingest", str(folder), "--store", str(store), "--engine", "dask", "--workers", "1"]
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": str(root)}
    done = subprocess.run(
        [sys.executable, "-m", "timeline", *args],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-500:]
    assert rows(store, "SELECT count(*) FROM events") == [(2,)]
    assert len(list((tmp_path / "s.parquet").glob("part-*.parquet"))) == 1


def test_a_worker_that_dies_is_a_one_line_error_and_the_store_is_kept(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch
):
    import os

    import dask

    store = tmp_path / "s.duckdb"
    ingest([corpus / "a.txt"], store)

    def die(partition, model=None):  # sent by value: the worker runs this, and dies
        os._exit(3)

    monkeypatch.setattr(dask_engine, "extract_partition", die)
    capsys.readouterr()
    args = ["ingest", str(corpus), "--store", str(store), "--engine", "dask", "--workers", "1"]
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}):
        assert main(args) == 2
    err = capsys.readouterr().err
    assert err.startswith("timeline: error: a Dask worker died while extracting")
    assert "Traceback" not in err and err.strip().count("\n") == 0, err
    assert rows(store, "SELECT count(*) FROM documents") == [(1,)]
