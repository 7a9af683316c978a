"""Incremental refresh: after writes to the store, the table updated with only what changed
is the table a full read builds, row for row, and falls back to a full read when it must."""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from timeline.corpus.corrections import save_correction
from timeline.corpus.store import (
    StoredDocument,
    load_events,
    open_store,
    refresh_merged,
    write_document,
)
from timeline.dashboard.data import DashboardData
from timeline.dashboard.shown import member_ids
from timeline.dashboard.splice import splice_runs, spliced_codes
from timeline.dashboard.store_source import StoreSource, changed_fixes
from timeline.dashboard.table import EventTable
from timeline.output.schema import events_frame

from .conftest import ARTICLE, SAMPLE_ROWS


def no_extract(*args, **kwargs):
    raise AssertionError("not called")


def copy_of_sample(doc_id: str, **changes) -> list[dict]:
    """The sample events as another document reports them (the same happenings, so they
    merge with the sample's)."""
    return [
        {**row, "doc_id": doc_id, "event_id": f"{doc_id}-{row['event_id']}", **changes}
        for row in SAMPLE_ROWS
    ]


def write(path: Path, doc_id: str, rows: list[dict], published: str = "2021-11-22") -> None:
    document = StoredDocument(doc_id, f"{doc_id}.txt", doc_id, doc_id, "", published, ARTICLE)
    with open_store(path) as connection:
        write_document(connection, document, events_frame(rows))


def full_table(path: Path, merge: bool) -> EventTable:
    source = StoreSource.open(path) if merge else StoreSource(path=path, merge=None)
    return EventTable.from_events(source.events())


def assert_same(incremental: EventTable, full: EventTable) -> None:
    pd.testing.assert_frame_equal(incremental.frame, full.frame)
    for name in ("first", "last", "person_codes", "people", "type_codes", "types"):
        np.testing.assert_array_equal(getattr(incremental, name), getattr(full, name))
    assert bytes(incremental.quote_blob) == bytes(full.quote_blob)
    np.testing.assert_array_equal(incremental.quote_offsets, full.quote_offsets)


@pytest.fixture
def merged_store(tmp_path) -> Path:
    """A store as ingest leaves it: two reports of the sample events, merged."""
    path = tmp_path / "merged.duckdb"
    write(path, "doc1", [dict(row) for row in SAMPLE_ROWS], published="2021-11-21")
    write(path, "doc2", copy_of_sample("doc2"))
    refresh_merged(path)
    return path


def only_incremental(data: DashboardData) -> None:
    """Make any full read fail, so that a refresh that swaps tables must have updated."""

    def refuse(*args, **kwargs):
        raise AssertionError("read the whole store")

    data.source.events = refuse  # type: ignore[method-assign]


def test_a_sequence_of_writes_gives_the_table_a_full_read_gives(merged_store):
    source = StoreSource.open(merged_store)
    data = DashboardData.load(source, no_extract)
    assert (data.base.frame["source_count"] > 1).any()  # merged events are in play
    only_incremental(data)
    writer = StoreSource.open(merged_store)  # as another process would write

    def step() -> None:
        assert data.refresh(wait=True) is True
        assert not source.changed()
        assert_same(data.base, full_table(merged_store, merge=True))

    write(merged_store, "doc3", copy_of_sample("doc3", person="Ana Lima", event_type="arrest"))
    step()  # a new document: its events come as single sources
    write(merged_store, "doc2", copy_of_sample("doc2", person="Jane Roe")[:2])
    step()  # a replaced document: its old rows go
    write(merged_store, "doc3", [])
    step()  # a document now without events
    # A correction of an event gone meanwhile (saved before its document was replaced).
    save_correction(merged_store, ["doc3-e-june"], person="Nobody", check_ids=False)
    assert data.refresh(wait=True) is False  # nothing drawn changes
    assert not source.changed()
    writer.save_correction(["e-2016"], person="Richard Q. Roe", date="2017")
    step()  # a correction of a single event
    merged = data.base.frame.loc[data.base.frame["source_count"] > 1]
    # A member still stored (a correction names stored events only), corrected once only.
    stored = set(load_events(merged_store)["event_id"]) - {"e-oct", "e-2016"}
    members = [m for row in merged.to_dict("records") for m in member_ids(row) if m in stored]
    writer.save_correction(members[-1:], event_type="arrest")
    step()  # a correction of a merged event's member shows on the merged event
    writer.hide_events(["e-oct"])
    step()
    writer.undo_corrections(["e-oct", "e-2016"])
    step()  # undo brings the extracted values back
    writer.undo_corrections(members[-1:])
    step()


def test_without_merging_writes_and_corrections_are_applied_in_place(tmp_path):
    path = tmp_path / "plain.duckdb"
    write(path, "doc1", [dict(row) for row in SAMPLE_ROWS])
    source = StoreSource.open(path)
    source.merge = None
    data = DashboardData.load(source, no_extract)
    only_incremental(data)
    write(path, "doc2", copy_of_sample("doc2", person="Ana Lima"))
    assert data.refresh(wait=True) is True
    assert_same(data.base, full_table(path, merge=False))
    source.hide_events(["doc2-e-june"])
    source.save_correction(["e-june"], date="2020-02")
    assert data.refresh(wait=True) is True
    assert_same(data.base, full_table(path, merge=False))
    assert len(data.base) == 7


def test_a_new_merge_by_ingest_means_a_full_read(merged_store):
    source = StoreSource.open(merged_store)
    data = DashboardData.load(source, no_extract)
    write(merged_store, "doc3", copy_of_sample("doc3"))
    refresh_merged(merged_store)  # now doc3's events merge too
    assert source.changes() is None
    assert data.refresh(wait=True) is True
    assert_same(data.base, full_table(merged_store, merge=True))
    assert int(data.base.frame["source_count"].max()) == 3


def test_a_store_merged_on_the_fly_is_read_whole(tmp_path):
    path = tmp_path / "fly.duckdb"
    write(path, "doc1", [dict(row) for row in SAMPLE_ROWS])
    source = StoreSource.open(path)  # no merged_events table: merging happens when read
    source.events()
    write(path, "doc2", copy_of_sample("doc2"))
    assert source.changes() is None


def test_a_removed_document_means_a_full_read(merged_store):
    source = StoreSource.open(merged_store)
    source.events()
    with open_store(merged_store) as connection:
        connection.execute("DELETE FROM documents WHERE doc_id = 'doc2'")
    assert source.changes() is None


def test_changed_fixes_names_made_changed_and_undone_corrections():
    columns = ["event_id", "person", "event_type", "date", "hidden"]
    before = pd.DataFrame(
        [["a", "X", None, None, False], ["b", None, None, None, True]], columns=columns
    )
    after = pd.DataFrame(
        [["a", "X", None, None, False], ["c", None, "arrest", None, False]], columns=columns
    )
    assert changed_fixes(before, after) == {"b", "c"}
    assert changed_fixes(after, after) == set()


def test_replacing_documents_anywhere_in_a_big_table_keeps_it_in_order():
    from support.synthetic import synthetic_events

    events = synthetic_events(events=3000, people=40, types=6, years=5)
    doc_ids = sorted(events["doc_id"].unique())
    rng = np.random.default_rng(3)
    new = set(rng.choice(doc_ids, size=15, replace=False).tolist())
    rewritten = set(rng.choice(sorted(set(doc_ids) - new), size=15, replace=False).tolist())
    before = events.loc[~events["doc_id"].isin(new)]
    after = events.copy()
    changed = after["doc_id"].isin(rewritten)
    after.loc[changed, "person"] = "Ana Lima"  # the rewritten documents now say otherwise
    after = after.loc[~after["doc_id"].isin(set(rng.choice(sorted(rewritten), 3).tolist()))]
    table = EventTable.from_events(before)
    touched = sorted(new | rewritten)
    replaced = table.replace_documents(touched, after.loc[after["doc_id"].isin(touched)])
    assert replaced is not None
    assert_same(replaced, EventTable.from_events(after))
    assert (
        replaced.quotes_containing("the").sum()
        == EventTable.from_events(after).quotes_containing("the").sum()
    )


def test_splice_runs_drops_and_inserts_in_place():
    runs = splice_runs(6, np.array([1, 4]), np.array([0, 4, 4, 6]))
    assert runs == [
        (False, 0, 1),
        (True, 0, 1),
        (True, 2, 4),
        (False, 1, 3),
        (True, 5, 6),
        (False, 3, 4),
    ]


def test_a_slow_update_runs_in_the_background_and_the_writer_waits_for_it(merged_store):
    data = DashboardData.load(StoreSource.open(merged_store), no_extract)
    only_incremental(data)
    data._update_seconds = 5.0  # as when the last update took long
    write(merged_store, "doc3", copy_of_sample("doc3", person="Ana Lima"))
    old = data.base
    assert data.refresh() is False  # this request goes on with the table it has
    assert data.table_and_summary(None)[0] is old or len(data.base) == len(old) + 4
    data.refresh(wait=True)
    assert data._worker is not None and not data._worker.is_alive()
    assert_same(data.base, full_table(merged_store, merge=True))


def test_other_writers_changes_are_applied_at_most_once_an_interval(merged_store, monkeypatch):
    from timeline.dashboard import data as dashboard_data

    clock = [1000.0]
    monkeypatch.setattr(dashboard_data.time, "monotonic", lambda: clock[0])
    data = DashboardData.load(StoreSource.open(merged_store), no_extract)
    only_incremental(data)
    size = len(data.base)
    write(merged_store, "doc3", copy_of_sample("doc3", person="Ana Lima"))
    assert data.refresh() is True  # the first change after a quiet spell: at once
    assert len(data.base) == size + 4
    write(merged_store, "doc4", copy_of_sample("doc4", person="Ben Roe"))
    clock[0] += dashboard_data.UPDATE_INTERVAL_SECONDS / 2
    assert data.refresh() is False  # too soon: served from the table it has
    assert len(data.base) == size + 4
    write(merged_store, "doc5", copy_of_sample("doc5", person="Cy Lee"))
    clock[0] += dashboard_data.UPDATE_INTERVAL_SECONDS
    assert data.refresh() is True  # both writes in one update
    assert len(data.base) == size + 12
    write(merged_store, "doc6", copy_of_sample("doc6", person="Di Kay"))
    assert data.refresh(wait=True) is True  # a session that wrote sees it at once
    assert_same(data.base, full_table(merged_store, merge=True))


@pytest.mark.parametrize("seed", range(20))
def test_spliced_codes_equal_factorizing_the_spliced_column(seed):
    rng = np.random.default_rng(seed)
    names = np.array(["", "Ana", "Ben", "Cy", "Zoë", "Émile", "ana"], dtype=object)
    old = pd.Series(rng.choice(names[:5], size=int(rng.integers(0, 30))), dtype="str")
    added = pd.Series(rng.choice(names, size=int(rng.integers(0, 6))), dtype="str")
    dropped = np.flatnonzero(rng.random(len(old)) < 0.4)  # may drop every row of a name
    places = np.sort(rng.integers(0, len(old) + 1, size=len(added)))
    runs = splice_runs(len(old), dropped, places)
    codes, values = pd.factorize(old, sort=True)
    got_codes, got_values = spliced_codes(runs, codes, np.asarray(values, dtype=object), added)
    column = pd.concat(
        [old.iloc[a:b] if kept else added.iloc[a:b] for kept, a, b in runs], ignore_index=True
    )
    want_codes, want_values = pd.factorize(column, sort=True)
    np.testing.assert_array_equal(got_codes, want_codes)
    assert got_values.tolist() == list(want_values)


def test_a_writer_sees_their_change_at_once_though_others_keep_writing(merged_store, monkeypatch):
    import time

    data = DashboardData.load(StoreSource.open(merged_store), no_extract)
    write(merged_store, "doc3", copy_of_sample("doc3", person="Ana Lima"))
    # Other processes write all the time: the store never looks unchanged.
    monkeypatch.setattr(type(data.source), "changed", lambda self: True)
    began = time.monotonic()
    assert data.refresh(wait=True) is True
    assert time.monotonic() - began < 5  # not the whole WRITER_WAIT_SECONDS
    assert "Ana Lima" in set(data.base.frame["person"])


class SlowSource:
    """A source that, like the store, forgets its change as soon as it is read, and whose
    read can be held open to stand for a table still being built from it."""

    def __init__(self, rows: list[dict]) -> None:
        self.rows, self.version, self.seen = rows, 0, 0
        self.slow = False
        self.reading, self.go = threading.Event(), threading.Event()

    def changed(self) -> bool:
        return self.version != self.seen

    def events(self, wait: float = 0.0) -> pd.DataFrame:
        self.seen = self.version
        if self.slow:
            self.reading.set()
            self.go.wait(5)
        return events_frame(self.rows)

    def notes(self) -> list[str]:
        return []


def test_a_writer_is_not_served_the_old_table_while_another_request_builds_the_new():
    source = SlowSource(SAMPLE_ROWS[:1])
    data = DashboardData.load(source, no_extract)
    source.rows, source.version, source.slow = SAMPLE_ROWS[:2], 1, True
    first = threading.Thread(target=data.refresh, kwargs={"wait": True})
    first.start()
    assert source.reading.wait(5)  # the first request has read the change, not swapped it in
    shown: list[int] = []
    writer = threading.Thread(
        target=lambda: shown.append(len(data.table_and_summary(None, fresh=True)[0]))
    )
    writer.start()
    writer.join(0.3)
    source.go.set()
    first.join(5)
    writer.join(5)
    assert shown == [2]
