"""The store-backed source: reading, reloading after other writers, writing, and sharing the
store file between processes."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pandas as pd
import pytest

from timeline.corpus.store import StoreBusy, StoredDocument, load_events, open_store, write_document
from timeline.dashboard import edits, handlers
from timeline.dashboard.data import DashboardData
from timeline.dashboard.store_source import StoreSource
from timeline.output.schema import events_frame
from timeline.text.documents import Document

from .conftest import ARTICLE, SAMPLE_ROWS

REPO = Path(__file__).resolve().parents[2]


def stored_sample(path: Path) -> Path:
    """A store holding the sample article and its four events."""
    document = StoredDocument("doc1", "sample.txt", "h1", "Soldiers", "", "2021-11-21", ARTICLE)
    with open_store(path) as connection:
        write_document(connection, document, events_frame(SAMPLE_ROWS))
    return path


def one_event_article(doc_id: str, person: str) -> tuple[Document, pd.DataFrame]:
    """A tiny article and the single event an extractor would give it."""
    text = f"On 3 May 2019, {person} joined the council."
    document = Document(
        text=text, title=f"Council {doc_id}", url="", published="2019-06-01", doc_id=doc_id
    )
    row = dict(SAMPLE_ROWS[1])
    row.update(
        doc_id=doc_id,
        event_id=f"{doc_id}-e",
        person=person,
        quote=text,
        start=0,
        end=len(text),
        title=document.title,
        url="",
        published="2019-06-01",
    )
    return document, events_frame([row])


@pytest.fixture
def store(tmp_path) -> Path:
    return stored_sample(tmp_path / "s.duckdb")


def no_extract(*args, **kwargs):
    raise AssertionError("not called")


def test_events_and_texts_come_from_the_store(store):
    source = StoreSource.open(store)
    events = source.events()
    assert sorted(events["event_id"]) == sorted(row["event_id"] for row in SAMPLE_ROWS)
    assert events["source_count"].tolist() == [1, 1, 1, 1]
    assert not events["edited"].any()
    assert source.document_text("doc1") == ARTICLE
    assert source.document_text("nope") is None
    assert not source.changed()


def test_the_app_sees_what_another_writer_stored(store):
    data = DashboardData.load(StoreSource.open(store), no_extract)
    assert len(data.base) == 4
    document, events = one_event_article("d2", "Ana Lima")
    other = StoreSource.open(store)  # as another process would
    other.add_document(document, events)
    other.hide_events(["e-oct"])
    # Every request notices the change; a slow read happens in the background, so wait.
    data.refresh(wait=True)
    table, summary = data.table_and_summary(None)
    assert sorted(table.frame["event_id"]) == ["d2-e", "e-2016", "e-june", "e-nov"]
    assert "Ana Lima" in [option["value"] for option in summary.people]


def test_corrections_through_the_handlers(store):
    data = DashboardData.load(StoreSource.open(store), no_extract)
    _, event = handlers.detail_for(data, "e-june", None, None)
    result = edits.correct_event(data, edits.SAVE, event, "Jane Doe", "defection", "2021-07-02")
    assert result.ok, result.message
    assert result.event["event_type"] == "defection"
    assert result.event["date"] == "2021-07-02" and result.event["granularity"] == "day"
    assert result.event["edited"] is True
    children, _ = handlers.detail_of(data, result.event)
    assert "edited" in str(children)
    bad = edits.correct_event(data, edits.SAVE, result.event, "Jane Doe", None, "2021-02-30")
    assert not bad.ok and bad.message == "'2021-02-30' is not a calendar date"
    same = edits.correct_event(data, edits.SAVE, result.event, "Jane Doe", None, None)
    assert not same.ok and same.message == "Nothing changed."
    hidden = edits.correct_event(data, edits.HIDE, result.event)
    assert hidden.ok and hidden.event is None
    assert data.table_and_summary(None)[0].find("e-june") is None
    undone = edits.correct_event(data, edits.UNDO, result.event)
    assert undone.ok and undone.event["date"] == "2021-06" and undone.event["edited"] is False
    rows = handlers.export_view(data, None, ([], None, None, ""), "csv")["content"]
    assert "e-june" in rows


def test_an_export_holds_corrections_and_leaves_hidden_events_out(store):
    source = StoreSource.open(store)
    source.save_correction(["e-oct"], event_type="enlistment")
    source.hide_events(["e-nov"])
    data = DashboardData.load(source, no_extract)
    payload = handlers.export_view(data, None, ([], None, None, ""), "json")
    assert "e-nov" not in payload["content"]
    assert '"event_id":"e-oct"' in payload["content"].replace(" ", "")
    assert "enlistment" in payload["content"]


def test_corrections_need_a_store(sample_source):
    data = DashboardData.load(sample_source, no_extract)
    result = edits.correct_event(data, edits.HIDE, {"event_id": "e-june"})
    assert not result.ok and "--store" in result.message


def test_adding_an_article_in_store_mode_writes_it_for_every_session(store):
    document, events = one_event_article("ignored", "Ana Lima")

    def extract(text, published=None, **metadata):
        frame = events.copy()
        frame["doc_id"] = metadata.get("doc_id", frame["doc_id"])
        return frame

    data = DashboardData.load(StoreSource.open(store), extract)
    result = edits.add_article(data, document.text, "2019-06-01", "Council", "", None)
    assert result.ok and result.stored, result.message
    assert result.added is None
    assert len(load_events(store)) == 5
    # The page's next view is a fresh one (its data version went up): it shows the article.
    assert len(data.table_and_summary(None, fresh=True)[0]) == 5


HOLD_LOCK = textwrap.dedent(
    """
    import sys, time
    from timeline.corpus.store import open_store
    with open_store(sys.argv[1]) as connection:
        print("locked", flush=True)
        time.sleep(float(sys.argv[2]))
    """
)


def test_reads_keep_serving_while_another_process_writes(store):
    source = StoreSource.open(store)
    data = DashboardData.load(source, no_extract)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(store), "3"],
        stdout=subprocess.PIPE,
        text=True,
        env=_env(),
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        began = time.monotonic()
        with pytest.raises(StoreBusy):
            source.events(wait=0.3)
        assert time.monotonic() - began < 2
        source._marker = None  # as if the store had changed: the app tries to read it
        assert data.refresh() is False
        assert len(data.table_and_summary(None)[0]) == 4  # still served, from memory
        # A write waits for the lock and then lands.
        document, events = one_event_article("d3", "Ana Lima")
        source.add_document(document, events)
    finally:
        holder.wait(timeout=20)
    assert len(load_events(store)) == 5


ADD_MANY = textwrap.dedent(
    """
    import sys
    from timeline.dashboard.store_source import StoreSource
    from timeline.text.documents import Document
    from timeline.output.schema import events_frame
    store, name, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    source = StoreSource.open(store)
    for number in range(count):
        doc_id = f"{name}-{number}"
        text = f"On 3 May 2019, Person {name} joined the council."
        document = Document(text=text, title=doc_id, published="2019-06-01", doc_id=doc_id)
        event = dict(
            doc_id=doc_id, event_id=f"{doc_id}-e", person=f"Person {name}",
            event_type="appointment", date="2019-05-03", granularity="day",
            date_start="2019-05-03", date_end="2019-05-03", date_text="3 May 2019",
            quote=text, start=0, end=len(text), confidence=0.9, title=doc_id, url="",
            published="2019-06-01",
        )
        source.add_document(document, events_frame([event]))
    """
)


def _env() -> dict:
    import os

    return {**os.environ, "PYTHONPATH": str(REPO)}


def test_two_processes_adding_articles_at_once_both_land(store):
    count = 12
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", ADD_MANY, str(store), name, str(count)],
            env=_env(),
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("a", "b")
    ]
    for writer in writers:
        _, error = writer.communicate(timeout=120)
        assert writer.returncode == 0, error
    events = load_events(store)
    added = events.loc[events["doc_id"] != "doc1", "event_id"]
    assert len(added) == 2 * count
    assert added.is_unique
    expected = {f"{name}-{number}-e" for name in ("a", "b") for number in range(count)}
    assert set(added) == expected


def test_a_slow_reload_runs_in_the_background_while_requests_use_the_old_table(store):
    data = DashboardData.load(StoreSource.open(store), no_extract)
    data._load_seconds = 60.0  # as on a big store
    document, events = one_event_article("d9", "Ana Lima")
    StoreSource.open(store).add_document(document, events)
    old = data.base
    assert data.refresh() is False  # started in the background; this request goes on
    assert data.table_and_summary(None)[0] is old or len(data.base) == 5
    data.refresh(wait=True)
    assert len(data.table_and_summary(None)[0]) == 5
    assert data._worker is not None and not data._worker.is_alive()
