"""Ingest isolates documents: whatever one document raises (reading, extracting or
storing it) is reported on its own line with the file and the reason, the others are
stored, and the exit status is 1. Its workers die with it."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from timeline.corpus import engines
from timeline.corpus import ingest as ingest_module
from timeline.corpus.commands import main
from timeline.corpus.ingest import ingest
from timeline.corpus.store import load_documents
from timeline.text.documents import Document

from .fixtures import ARTICLE, alias_bomb, front_matter

REPO = Path(__file__).resolve().parents[2]


def bad_folder(folder: Path) -> Path:
    """Three good documents beside documents that broke the whole ingest before."""
    folder.mkdir()
    (folder / "good.txt").write_bytes(front_matter(ARTICLE))
    (folder / "bomb.txt").write_bytes(alias_bomb())
    (folder / "edge.txt").write_bytes(
        front_matter("Next week, Jane Doe leaves. " + ARTICLE, published="9999-12-31")
    )
    lines = [
        json.dumps({"id": "j-good", "published": "2021-11-21", "text": ARTICLE}),
        "[" * 100_000 + "]" * 100_000,  # RecursionError in json.loads
        '{"id": "deep", "text": ' + "[" * 50_000 + "]" * 50_000 + "}",
        '{"id": "long-int", "title": ' + "9" * 5_000 + ', "text": "x"}',
        json.dumps({"id": "j-edge", "published": "0001-01-01", "text": "Yesterday, " + ARTICLE}),
    ]
    (folder / "lines.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def test_a_folder_with_bad_documents_stores_the_good_ones_and_exits_1(tmp_path: Path, capsys):
    folder = bad_folder(tmp_path / "in")
    store = tmp_path / "s.duckdb"
    assert main(["ingest", str(folder), "--store", str(store)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    failed = [line for line in err.splitlines() if line.startswith("failed: ")]
    assert len(failed) == 4, err
    assert any(f"{folder / 'bomb.txt'}: front matter line 2: anchors" in line for line in failed)
    for number, reason in ((2, "nested too deeply"), (3, "nested too deeply"), (4, "4300 digits")):
        assert any(f"{folder / 'lines.jsonl'}:{number}: " in f and reason in f for f in failed)
    stored = set(load_documents(store)["source"])
    assert {str(folder / "good.txt"), str(folder / "edge.txt")} <= stored
    assert {f"{folder / 'lines.jsonl'}:1", f"{folder / 'lines.jsonl'}:5"} <= stored


def test_an_exception_in_extraction_fails_that_document_alone(monkeypatch):
    from timeline.extraction import pipeline

    real = pipeline.events_from_doc

    def flaky(doc, published=None, options=pipeline.DEFAULT_OPTIONS):
        if options.doc_id == "boom":
            raise OverflowError("date value out of range")
        return real(doc, published, options)

    monkeypatch.setattr(pipeline, "events_from_doc", flaky)
    documents = [
        Document(ARTICLE, published="2021-11-21", doc_id=name) for name in ("a", "boom", "b")
    ]
    results = engines.extract_batch(documents)
    assert isinstance(results[0], list) and isinstance(results[2], list) and results[0]
    assert results[1] == "extraction failed (OverflowError: date value out of range)"


def test_a_batch_whose_parsing_breaks_is_parsed_again_one_at_a_time(monkeypatch):
    from timeline.extraction import pipeline

    real = pipeline.parse_many
    batches = []

    def broken(texts, model=None, batch_size=16):
        texts = list(texts)
        batches.append(len(texts))
        if len(texts) > 1:
            raise RuntimeError("the batch broke")
        yield from real(texts, model, batch_size)

    monkeypatch.setattr(pipeline, "parse_many", broken)
    documents = [Document(ARTICLE, published="2021-11-21", doc_id=name) for name in "ab"]
    assert all(isinstance(result, list) and result for result in engines.extract_batch(documents))
    assert batches == [2, 1, 1]


def test_a_document_the_store_refuses_fails_alone(tmp_path: Path, monkeypatch):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a", "b", "c"):
        (folder / f"{name}.txt").write_bytes(front_matter(ARTICLE.replace("Jane", name.upper())))
    real = ingest_module.write_document

    def refusing(connection, row, events):
        if row.source.endswith("b.txt"):
            raise ValueError("the store said no")
        return real(connection, row, events)

    monkeypatch.setattr(ingest_module, "write_document", refusing)
    report = ingest([folder], tmp_path / "s.duckdb")
    assert len(report.stored) == 2
    (failure,) = report.failed
    reason = "could not be stored (ValueError: the store said no)"
    assert failure.reason == f"{folder / 'b.txt'}: {reason}"


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the parent-death signal")
def test_workers_die_with_a_killed_ingest(tmp_path: Path):
    folder = tmp_path / "in"
    folder.mkdir()
    for index in range(120):
        (folder / f"a{index:03d}.txt").write_bytes(front_matter(ARTICLE * 20 + f" Doc {index}."))
    process = subprocess.Popen(
        [sys.executable, "-m", "timeline", "ingest", str(folder), "--workers", "2",
         "--store", str(tmp_path / "s.duckdb")],
        cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        workers = _wait_for_children(process.pid, 2, seconds=120)
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(pid) for pid in workers), "workers outlived the ingest"


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(child) for child in path.read_text().split()] if path.exists() else []


def _wait_for_children(pid: int, count: int, seconds: float) -> list[int]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        children = _children(pid)
        if len(children) >= count:
            return children
        time.sleep(0.2)
    pytest.fail(f"the ingest started no {count} workers in {seconds} s")


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split()[2]
    except OSError:
        return False
    return state != "Z"


def test_a_worker_whose_parent_is_gone_ends_itself():
    """The liveness check beside the signal: a batch handed to an orphan is not done."""
    code = (
        "import os, sys\n"
        "from timeline.corpus.engines import extract_in_worker\n"
        "extract_in_worker([], parent=os.getppid() + 1)\n"
        "sys.exit(0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, timeout=60)
    assert result.returncode == 1
    assert os.getpid()  # this process is untouched
