"""Merging again only around an added document gives the store the same merged events as
merging every event again (``store.remerged_around``, ``merge.around``)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
from support.synthetic import synthetic_events

from timeline import extract
from timeline.corpus import store
from timeline.corpus.merge import merge_events
from timeline.corpus.merge.around import names_around
from timeline.corpus.store import StoredDocument, open_store, write_document
from timeline.text.documents import read_document

COPIES = Path(__file__).resolve().parents[1] / "data" / "merge" / "copies"
COMPARED = ["event_id", "person", "event_type", "date", "source_count", "event_ids"]


def stored(doc_id: str, title: str = "t") -> StoredDocument:
    return StoredDocument(doc_id=doc_id, source="test", content_hash=doc_id, title=title,
                          url="", published="2022-03-20", text="text")  # fmt: skip


def merged_rows(path: Path) -> list[tuple]:
    frame = store.load_merged(path)
    return sorted(tuple(str(v) for v in row) for row in frame[COMPARED].values.tolist())


def full_merge_rows(path: Path) -> list[tuple]:
    with open_store(path) as connection:
        merged = merge_events(store.read_events(connection))
    return sorted(tuple(str(v) for v in row) for row in merged[COMPARED].values.tolist())


def add(path: Path, doc_id: str, events: pd.DataFrame) -> None:
    with open_store(path) as connection:
        before = store.document_people(connection, doc_id)
        write_document(connection, stored(doc_id), events.assign(doc_id=doc_id))
        store.remerged_around(connection, doc_id, before)


def test_the_fourth_copy_of_a_story_merges_around_itself_as_a_whole_merge_would(tmp_path):
    path = tmp_path / "s.duckdb"
    copies = sorted(COPIES.glob("*.txt"))
    frames = {}
    for copy in copies:
        document = read_document(copy)
        frames[document.id] = extract(document.text, published=document.published,
                                      title=document.title, doc_id=document.id)  # fmt: skip
    *first, last = frames
    with open_store(path) as connection:
        for doc_id in first:
            write_document(connection, stored(doc_id), frames[doc_id])
        store.write_merged(connection, merge_events(store.read_events(connection)))
    add(path, last, frames[last])  # the copy that misspells the name
    assert merged_rows(path) == full_merge_rows(path)
    assert max(int(n) for *_, n, _ in merged_rows(path)) == 4  # every copy joined


def test_added_and_replaced_documents_on_a_synthetic_corpus(tmp_path):
    path = tmp_path / "s.duckdb"
    events = synthetic_events(3_000, people=120, types=6, years=3, seed=5)
    words = ["Aung", "Htet", "Maung", "Soe", "Win", "Naing", "Kyaw", "Min", "Tun", "Zaw"]
    rng = np.random.default_rng(3)
    names = {f"Person {i:04d}": " ".join(rng.choice(words, 2)) for i in range(120)}
    events["person"] = events["person"].map(lambda p: names.get(p, ""))
    with open_store(path) as connection:
        for doc_id, rows in events.groupby("doc_id"):
            write_document(connection, stored(doc_id), rows)
        store.write_merged(connection, merge_events(store.read_events(connection)))
    # A new document: a known person's happening again (another spelling of one word),
    # a surname alone, and an unnamed event on a stored unnamed event's day.
    some = events[events["person"] != ""].iloc[[10, 200, 900]].copy()
    unnamed = events[events["person"] == ""].iloc[[0]].copy()
    some.iloc[0, some.columns.get_loc("person")] = some.iloc[0]["person"].replace("Htet", "Heat")
    some.iloc[1, some.columns.get_loc("person")] = some.iloc[1]["person"].split()[-1]
    new = pd.concat([some, unnamed], ignore_index=True)
    new["event_id"] = [f"new{i}" for i in range(len(new))]
    add(path, "docnew", new)
    assert merged_rows(path) == full_merge_rows(path)
    # The same document again, now naming other people: its old merges go too.
    again = events[events["person"] != ""].iloc[[50, 51]].copy()
    again["event_id"] = ["again0", "again1"]
    add(path, "docnew", again)
    assert merged_rows(path) == full_merge_rows(path)


def test_names_around_reach_short_forms_spellings_and_the_names_joined_to_them():
    counts = {"Soe Naing Htet": 3, "Naing": 1, "Aung Myo Heat": 1, "Aung Myo Htet": 2,
              "Zaw Min": 4, "": 5}  # fmt: skip
    assert names_around(counts, ["Soe Naing Htet"]) >= {"Soe Naing Htet", "Naing"}
    assert "Zaw Min" not in names_around(counts, ["Soe Naing Htet"])
    assert names_around(counts, ["Aung Myo Htet"]) >= {"Aung Myo Heat", "Aung Myo Htet"}
    assert names_around(counts, [""]) == set()
