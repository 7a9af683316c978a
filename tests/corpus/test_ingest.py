"""Ingest: each input kind, idempotent re-runs, changed documents, failures reported."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from timeline.corpus import engines
from timeline.corpus.commands import main
from timeline.corpus.ingest import content_hash, ingest, read_inputs
from timeline.corpus.store import load_documents, load_events
from timeline.text.documents import DocumentError

from .helpers import article, html_page, rows, write_jsonl, write_txt


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A folder with one .txt, a .jsonl of two documents, one .html and a stray .csv."""
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    write_txt(folder / "a.txt", article(0), title="Article A", url="https://example.org/a")
    write_jsonl(
        folder / "sub" / "b.jsonl",
        [
            {"id": "j1", "title": "J1", "url": "", "published": "2021-11-21", "text": article(1)},
            {"id": "j2", "title": "J2", "url": "", "published": "2021-11-21", "text": article(2)},
        ],
    )
    page = html_page("Soldier leaves", "https://example.org/c", "2021-11-21", [article(3)])
    (folder / "c.html").write_text(page, encoding="utf-8")
    (folder / "ignored.csv").write_text("a,b\n", encoding="utf-8")
    return folder


def test_each_input_kind_is_stored_with_its_events(corpus: Path, tmp_path: Path):
    store = tmp_path / "s.duckdb"
    report = ingest([corpus], store)
    assert report.failed == []
    assert len(report.stored) == 4
    documents = load_documents(store).set_index("doc_id")
    assert {"j1", "j2"} <= set(documents.index)
    txt = documents[documents["source"].str.endswith("a.txt")].iloc[0]
    assert (txt["title"], txt["url"], txt["published"]) == (
        "Article A",
        "https://example.org/a",
        "2021-11-21",
    )
    page = documents[documents["source"].str.endswith("c.html")].iloc[0]
    assert page["url"] == "https://example.org/c"
    assert page["published"] == "2021-11-21"
    assert "Example News" not in page["text"] and article(3) in page["text"]
    events = load_events(store)
    assert len(events) == 8
    assert set(events.groupby("doc_id").size()) == {2}
    texts = documents["text"].to_dict()
    for event in events.itertuples():
        assert texts[event.doc_id][event.start : event.end] == event.quote


def test_reingesting_unchanged_documents_stores_nothing_new(corpus: Path, tmp_path: Path):
    store = tmp_path / "s.duckdb"
    ingest([corpus], store)
    before = rows(
        store,
        "SELECT doc_id, event_id, ingested_at FROM events JOIN documents "
        "USING (doc_id) ORDER BY event_id",
    )
    again = ingest([corpus], store)
    assert again.stored == [] and len(again.unchanged) == 4 and again.failed == []
    after = rows(
        store,
        "SELECT doc_id, event_id, ingested_at FROM events JOIN documents "
        "USING (doc_id) ORDER BY event_id",
    )
    assert after == before


def test_same_file_by_another_relative_path_is_the_same_document(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    store = tmp_path / "s.duckdb"
    ingest([corpus / "a.txt"], store)
    monkeypatch.chdir(corpus)
    assert ingest(["a.txt"], store).unchanged != []
    assert rows(store, "SELECT count(*) FROM documents") == [(1,)]


def test_changed_document_replaces_its_old_events(corpus: Path, tmp_path: Path):
    store = tmp_path / "s.duckdb"
    ingest([corpus], store)
    write_txt(corpus / "a.txt", "On 3 March, Ann Smith escaped from the prison.")
    report = ingest([corpus], store)
    assert len(report.stored) == 1 and len(report.unchanged) == 3
    events = load_events(store)
    a_events = events[events["quote"].str.contains("Ann Smith escaped|left her base")]
    source_of = dict(rows(store, "SELECT doc_id, source FROM documents"))
    changed = [e for e in a_events.itertuples() if source_of[e.doc_id].endswith("a.txt")]
    assert [(e.person, e.date) for e in changed] == [("Ann Smith", "2021-03-03")]
    assert rows(store, "SELECT count(*) FROM documents") == [(4,)]
    assert len(events) == 7


def test_failing_documents_are_reported_and_the_others_stored(corpus: Path, tmp_path: Path):
    (corpus / "bad.txt").write_bytes(b"\xff\xfe not utf-8 \xc3")
    (corpus / "empty.txt").write_text("   \n", encoding="utf-8")
    (corpus / "undated.txt").write_text("Jane Doe left her base in October.", encoding="utf-8")
    with (corpus / "sub" / "b.jsonl").open("a", encoding="utf-8") as handle:
        handle.write('{"id": "j3", "text": ""}\nnot json\n')
    report = ingest([corpus], tmp_path / "s.duckdb")
    reasons = {Path(f.name.split(":")[0]).name: f.reason for f in report.failed}
    assert set(reasons) == {"bad.txt", "empty.txt", "undated.txt", "b.jsonl"}
    assert "not UTF-8" in reasons["bad.txt"]
    assert "empty" in reasons["empty.txt"]
    assert "no publication date" in reasons["undated.txt"]
    assert len([f for f in report.failed if "b.jsonl" in f.name]) == 2
    assert all(f.reason.startswith(f.name) for f in report.failed)
    assert len(report.stored) == 4


def test_cli_exit_status_and_failure_lines(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture
):
    store = tmp_path / "s.duckdb"
    assert main(["ingest", str(corpus), "--store", str(store)]) == 0
    (corpus / "undated.txt").write_text("Jane Doe left her base in October.", encoding="utf-8")
    capsys.readouterr()
    assert main(["ingest", str(corpus), "--store", str(store)]) == 1
    err = capsys.readouterr().err
    assert "documents/s" in err
    assert "0 stored (0 events), 4 unchanged, 1 failed" in err
    assert "failed: " in err and "undated.txt: no publication date" in err


def test_cli_missing_input_is_a_one_line_error(tmp_path: Path, capsys: pytest.CaptureFixture):
    assert main(["ingest", str(tmp_path / "nowhere"), "--store", str(tmp_path / "s")]) == 2
    assert capsys.readouterr().err.strip().endswith("nowhere: no such file or folder")


def test_duplicate_id_in_one_run_is_a_failure(tmp_path: Path):
    write_jsonl(
        tmp_path / "d.jsonl",
        [
            {"id": "x", "published": "2021-11-21", "text": article(0)},
            {"id": "x", "published": "2021-11-21", "text": article(1)},
        ],
    )
    items = list(read_inputs([tmp_path]))
    assert content_hash(items[0]) != content_hash(items[1])
    report = ingest([tmp_path], tmp_path / "s.duckdb")
    assert report.stored == ["x"]
    assert [f.name for f in report.failed] == [f"{tmp_path / 'd.jsonl'}:2"]
    assert "also used by" in report.failed[0].reason


def test_workers_extract_in_processes_with_the_same_result(corpus: Path, tmp_path: Path):
    one, two = tmp_path / "one.duckdb", tmp_path / "two.duckdb"
    ingest([corpus], one)
    ingest([corpus], two, workers=2, batch_size=1)
    columns = ["doc_id", "event_id", "person", "date", "quote"]
    assert load_events(one)[columns].equals(load_events(two)[columns])


def test_unknown_store_for_reading_is_a_document_error(tmp_path: Path):
    with pytest.raises(DocumentError, match="no store here"):
        load_events(tmp_path / "missing.duckdb")


def test_html_page_without_a_date_fails_alone(tmp_path: Path):
    dated = html_page("A", "https://example.org/a", "2021-11-21", [article(0)])
    undated = html_page("B", "https://example.org/b", "", [article(1)]).replace(
        '<meta property="article:published_time" content="">', ""
    )
    (tmp_path / "dated.htm").write_text(dated, encoding="utf-8")
    (tmp_path / "undated.html").write_text(undated, encoding="utf-8")
    report = ingest([tmp_path], tmp_path / "s.duckdb")
    assert len(report.stored) == 1 and report.events == 2
    assert [Path(f.name).name for f in report.failed] == ["undated.html"]
    assert "no publication date" in report.failed[0].reason


def test_store_is_free_for_readers_between_batches(tmp_path: Path):
    write_jsonl(
        tmp_path / "d.jsonl",
        [{"id": f"d{i}", "published": "2021-11-21", "text": article(i)} for i in range(5)],
    )
    store = tmp_path / "s.duckdb"
    seen: list[int] = []

    def read_between_batches(done: int, total: int, seconds: float) -> None:
        # A read-only connection cannot open while this process holds a writable one.
        seen.append(rows(store, "SELECT count(*) FROM documents")[0][0])

    ingest([tmp_path], store, batch_size=2, progress=read_between_batches)
    assert seen == [2, 4, 5]


def test_worker_pool_cuts_small_batches_for_balance(tmp_path: Path):
    from timeline.corpus.engines import split_batches

    assert [len(b) for b in split_batches(list(range(120)), 32, workers=2)] == [8] * 15
    assert [len(b) for b in split_batches(list(range(5)), 32, workers=2)] == [1] * 5
    assert [len(b) for b in split_batches(list(range(70)), 32)] == [32, 32, 6]


def _extract_or_die(documents, model=None):
    """extract_batch, except that the worker process dies on a document with id "boom"."""
    if any(d.id == "boom" for d in documents):
        os._exit(1)
    return _real_extract_batch(documents, model)


_real_extract_batch = engines.extract_batch


def test_a_dying_worker_is_a_one_line_error_and_a_rerun_completes(
    tmp_path: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch
):
    ids = ["d0", "d1", "d2", "boom"]
    records = [{"id": i, "published": "2021-11-21", "text": article(n)} for n, i in enumerate(ids)]
    write_jsonl(tmp_path / "d.jsonl", records)
    store = tmp_path / "s.duckdb"
    monkeypatch.setattr(engines, "extract_batch", _extract_or_die)
    assert main(["ingest", str(tmp_path / "d.jsonl"), "--store", str(store), "--workers", "2"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[-1].startswith("timeline: error: a worker process died while extracting")
    assert not any(line.startswith("Traceback") for line in err)
    stored = rows(store, "SELECT doc_id, count(*) FROM events GROUP BY doc_id")
    assert "boom" not in dict(stored) and set(dict(stored).values()) <= {2}
    monkeypatch.setattr(engines, "extract_batch", _real_extract_batch)
    assert main(["ingest", str(tmp_path / "d.jsonl"), "--store", str(store), "--workers", "2"]) == 0
    assert rows(store, "SELECT count(*) FROM documents") == [(4,)]
