"""The store: tables, one transaction per document, and the loaders the dashboard reads."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from timeline.corpus.store import (
    DOCUMENT_COLUMNS,
    StoredDocument,
    load_documents,
    load_events,
    open_store,
    write_document,
)
from timeline.output.schema import EVENT_COLUMNS, events_frame

from .helpers import rows

TEXT = "On 7 October, Jane Doe left her base. In June, John Roe was arrested."


def _document(content_hash: str = "h1", text: str = TEXT) -> StoredDocument:
    return StoredDocument("d1", "d1.txt", content_hash, "T", "", "2021-11-21", text)


def _event(event_id: str, start: int, end: int, **values) -> dict:
    row = {
        "doc_id": "d1",
        "event_id": event_id,
        "person": "Jane Doe",
        "event_type": "defection",
        "date": "2021-10-07",
        "granularity": "day",
        "date_start": "2021-10-07",
        "date_end": "2021-10-07",
        "date_text": "7 October",
        "quote": TEXT[start:end],
        "start": start,
        "end": end,
        "confidence": 0.9,
        "title": "T",
        "url": "",
        "published": "2021-11-21",
    }
    return row | values


def test_first_use_creates_the_file_and_every_table(tmp_path: Path):
    store = tmp_path / "deep" / "er" / "s.duckdb"
    with open_store(store):
        pass
    tables = {name for (name,) in rows(store, "SELECT table_name FROM information_schema.tables")}
    assert {"documents", "events", "corrections"} <= tables
    columns = [
        c
        for (c,) in rows(
            store,
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_name = 'events' ORDER BY ordinal_position",
        )
    ]
    assert columns == EVENT_COLUMNS
    assert list(load_documents(store).columns) == DOCUMENT_COLUMNS
    assert load_events(store).empty


def test_loaders_return_the_schema_columns_and_types(tmp_path: Path):
    store = tmp_path / "s.duckdb"
    events = events_frame([_event("e2", 38, 69, date_start="2021-06-01"), _event("e1", 0, 37)])
    with open_store(store) as connection:
        write_document(connection, _document(), events)
    loaded = load_events(store)
    assert loaded["event_id"].tolist() == ["e2", "e1"]
    pd.testing.assert_frame_equal(loaded, events, check_like=False)
    documents = load_documents(store)
    assert documents.loc[0, "text"] == TEXT and documents.loc[0, "content_hash"] == "h1"


def test_an_insert_failing_half_way_leaves_the_old_version_whole(tmp_path: Path):
    store = tmp_path / "s.duckdb"
    with open_store(store) as connection:
        write_document(connection, _document("h1"), events_frame([_event("e1", 0, 37)]))
        # The document row goes in before the events; a NULL person then breaks the
        # events' NOT NULL constraint half-way through the document's write.
        broken = events_frame([_event("e9", 0, 37)])
        broken["person"] = None
        with pytest.raises(Exception, match="NOT NULL"):
            write_document(connection, _document("h2"), broken)
    assert rows(store, "SELECT content_hash FROM documents") == [("h1",)]
    assert rows(store, "SELECT event_id FROM events") == [("e1",)]


def test_a_new_document_failing_half_way_leaves_nothing_of_it(tmp_path: Path):
    store = tmp_path / "s.duckdb"
    broken = events_frame([_event("e1", 0, 37)])
    broken["person"] = None
    with open_store(store) as connection, pytest.raises(Exception, match="NOT NULL"):
        write_document(connection, _document(), broken)
    assert rows(store, "SELECT count(*) FROM documents") == [(0,)]
    assert rows(store, "SELECT count(*) FROM events") == [(0,)]


def test_events_of_another_document_are_refused(tmp_path: Path):
    with open_store(tmp_path / "s.duckdb") as connection, pytest.raises(ValueError):
        write_document(connection, _document(), events_frame([_event("e1", 0, 37, doc_id="x")]))


def test_a_document_with_more_events_than_one_insert_takes_is_stored_whole(tmp_path: Path):
    from timeline.corpus.store import INSERT_ROWS

    store = tmp_path / "s.duckdb"
    count = 2 * INSERT_ROWS + 3
    events = [_event(f"e{i:04}", 0, 37, confidence=i / count) for i in range(count)]
    with open_store(store) as connection:
        write_document(connection, _document(), events)
    stored = rows(store, "SELECT event_id, confidence FROM events ORDER BY event_id")
    assert stored == [(e["event_id"], e["confidence"]) for e in events]


def test_a_writer_waits_for_a_reader_in_another_process_to_let_go(tmp_path: Path):
    import subprocess
    import sys
    import time

    from timeline.text.documents import DocumentError

    store = tmp_path / "s.duckdb"
    with open_store(store) as connection:
        write_document(connection, _document(), [_event("e1", 0, 37)])
    reader = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys, time; c = duckdb.connect(sys.argv[1], read_only=True); "
            "print('open', flush=True); time.sleep(1.5)",
            str(store),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert reader.stdout.readline() == "open\n"
        with pytest.raises(DocumentError, match=r"in use by another process"), open_store(store):
            pass
        started = time.monotonic()
        with open_store(store, wait=30) as connection:
            assert connection.execute("SELECT count(*) FROM events").fetchall() == [(1,)]
        assert 0.5 < time.monotonic() - started < 30  # it waited for the reader's 1.5 s
    finally:
        reader.wait(timeout=30)
        reader.stdout.close()


def _count_in_child(path: str, results) -> None:
    with open_store(path, read_only=True) as connection:
        results.put(connection.execute("SELECT count(*) FROM events").fetchall()[0][0])


def test_a_forked_process_opens_the_store_after_its_parent_did(tmp_path):
    # gunicorn --preload reads the store in its master, then forks the workers.
    import multiprocessing

    path = tmp_path / "s.duckdb"
    with open_store(path) as connection:
        write_document(connection, _document(), events_frame([_event("e1", 0, 37)]))
    context = multiprocessing.get_context("fork")
    results = context.Queue()
    children = [context.Process(target=_count_in_child, args=(str(path), results)) for _ in "ab"]
    for child in children:
        child.start()
    for child in children:
        child.join(timeout=60)
    assert [child.exitcode for child in children] == [0, 0]  # a crash gives -11
    assert sorted(results.get(timeout=5) for _ in children) == [1, 1]
    assert len(load_events(path)) == 1  # and the parent goes on using it


def test_two_stores_are_open_side_by_side_and_nested_opens_share_one(tmp_path):
    first, second = tmp_path / "a.duckdb", tmp_path / "b.duckdb"
    with open_store(first) as connection:
        write_document(connection, _document(), events_frame([_event("e1", 0, 37)]))
    with open_store(first, read_only=True) as a, open_store(second) as b:
        assert a.execute("SELECT count(*) FROM events").fetchall()[0][0] == 1
        assert b.execute("SELECT count(*) FROM events").fetchall()[0][0] == 0
        with open_store(first, read_only=True) as inner:
            assert inner.execute("SELECT count(*) FROM documents").fetchall()[0][0] == 1
        assert a.execute("SELECT count(*) FROM documents").fetchall()[0][0] == 1
