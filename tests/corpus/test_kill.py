"""A real ``kill -9`` in the middle of an ingest: only whole documents, and a rerun completes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .helpers import article, rows, write_jsonl

DOCUMENTS = 400
EVENTS_PER_DOCUMENT = 2


def _ingest_command(folder: Path, store: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "timeline.corpus.commands",
        "ingest",
        str(folder),
        "--store",
        str(store),
    ]


@pytest.mark.slow
def test_sigkill_mid_ingest_leaves_whole_documents_and_a_rerun_completes(tmp_path: Path):
    folder = tmp_path / "in"
    folder.mkdir()
    write_jsonl(
        folder / "many.jsonl",
        [
            {"id": f"d{i:04}", "published": "2021-11-21", "text": article(i)}
            for i in range(DOCUMENTS)
        ],
    )
    store = tmp_path / "s.duckdb"
    process = subprocess.Popen(_ingest_command(folder, store), stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    try:
        # Kill as soon as the first batch is written: the next one is then being extracted
        # or written, one transaction per document.
        for line in process.stderr:
            if line.startswith("ingest: ") and not line.startswith("ingest: 0/"):
                break
            assert time.monotonic() < deadline, "no progress line"
        time.sleep(0.05)
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.wait(timeout=30)
        process.stderr.close()
    assert process.returncode == -signal.SIGKILL

    stored = rows(store, "SELECT count(*) FROM documents")[0][0]
    assert 0 < stored < DOCUMENTS, "the kill did not land mid-ingest"
    per_document = rows(
        store,
        "SELECT d.doc_id, count(e.event_id) FROM documents d "
        "LEFT JOIN events e USING (doc_id) GROUP BY d.doc_id",
    )
    assert {count for _, count in per_document} == {EVENTS_PER_DOCUMENT}
    orphans = "SELECT count(*) FROM events WHERE doc_id NOT IN (SELECT doc_id FROM documents)"
    assert rows(store, orphans) == [(0,)]

    rerun = subprocess.run(
        _ingest_command(folder, store), capture_output=True, text=True, timeout=120
    )
    assert rerun.returncode == 0, rerun.stderr
    assert f"{DOCUMENTS - stored} stored" in rerun.stderr
    assert f"{stored} unchanged" in rerun.stderr
    assert rows(store, "SELECT count(*), count(DISTINCT event_id) FROM events") == [
        (DOCUMENTS * EVENTS_PER_DOCUMENT, DOCUMENTS * EVENTS_PER_DOCUMENT)
    ]
