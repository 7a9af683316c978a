"""Articles read off the request thread (issue 15, case 4): in a process of their own, killed
at the hard limit, their state in files any server process can read."""

from __future__ import annotations

import json
import os
import time

import pytest

from timeline.corpus.store import load_events
from timeline.dashboard.application import create_app
from timeline.dashboard.jobs import (
    DONE,
    FAILED,
    LOST,
    TOO_LONG,
    Jobs,
    JobsBusy,
    JobStatus,
    job_folder,
    run_in_process,
)
from timeline.dashboard.source import FrameSource
from timeline.text.documents import DocumentError

from .conftest import ARTICLE
from .posting import post


def wait_for(jobs: Jobs, job_id: str, seconds: float = 30.0) -> JobStatus:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        status = jobs.status(job_id)
        assert status is not None
        if status.finished:
            return status
        time.sleep(0.05)
    raise AssertionError(f"job {job_id} not finished after {seconds} s")


def burn(seconds: float) -> str:
    """Busy in one call that checks no deadline, as spaCy's tokenizer was on 20,000 '$'."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass
    return "burnt"


def test_what_the_child_read_comes_back():
    assert run_in_process(lambda: {"events": [1, 2, 3]}, 10) == {"events": [1, 2, 3]}


def test_the_childs_refusal_comes_back_in_one_line():
    def refuse():
        raise DocumentError("pasted text: binary, not text\nsecond line")

    with pytest.raises(DocumentError, match=r"^pasted text: binary, not text$"):
        run_in_process(refuse, 10)


def test_a_crash_in_the_child_is_one_line_naming_its_type():
    def crash():
        raise RecursionError("deep")

    with pytest.raises(DocumentError, match=r"extraction failed \(RecursionError\)"):
        run_in_process(crash, 10)


def test_a_child_that_dies_is_reported():
    with pytest.raises(DocumentError, match="process ended with status 3"):
        run_in_process(lambda: os._exit(3), 10)


def test_the_hard_limit_holds_whatever_the_child_does():
    """A call that never looks at the clock is killed at the limit, not when it ends."""
    began = time.monotonic()
    with pytest.raises(DocumentError) as error:
        run_in_process(lambda: burn(60), 1.0)
    assert str(error.value) == TOO_LONG
    assert time.monotonic() - began < 4.0


def test_a_job_answers_at_once_and_finishes_later(tmp_path):
    jobs = Jobs(tmp_path, hard_seconds=20)
    began = time.monotonic()
    job = jobs.submit(lambda: burn(0.5), lambda value: {"message": f"done: {value}"})
    assert time.monotonic() - began < 0.5  # the reading has not happened yet
    assert jobs.status(job).state in ("waiting", "running")
    status = wait_for(jobs, job)
    assert (status.state, status.message, status.result) == (
        DONE,
        "done: burnt",
        {"message": "done: burnt"},
    )
    # Any process serving the same folder reads the same state (gunicorn's workers).
    assert Jobs(tmp_path).status(job) == status


def test_a_failed_finish_is_a_failed_job_with_its_message(tmp_path):
    jobs = Jobs(tmp_path)

    def finish(_value):
        raise DocumentError("the store is in use by another process (process 7)")

    status = wait_for(jobs, jobs.submit(lambda: 1, finish))
    assert (status.state, status.message) == (
        FAILED,
        "the store is in use by another process (process 7)",
    )
    status = wait_for(jobs, jobs.submit(lambda: 1, lambda _value: 1 / 0))
    assert status.message == "storing the article failed (ZeroDivisionError); see the server log"


def test_a_process_holds_few_jobs_and_refuses_more(tmp_path):
    jobs = Jobs(tmp_path, hard_seconds=20, running=1, queued=1)
    first = jobs.submit(lambda: burn(1.5), lambda value: {"message": "1"})
    second = jobs.submit(lambda: 2, lambda value: {"message": "2"})
    with pytest.raises(JobsBusy, match="busy reading other articles"):
        jobs.submit(lambda: 3, lambda value: {"message": "3"})
    assert wait_for(jobs, first).message == "1"
    assert wait_for(jobs, second).message == "2"
    third = jobs.submit(lambda: 3, lambda value: {"message": "3"})  # room again
    assert wait_for(jobs, third).message == "3"


@pytest.mark.parametrize(
    "job_id", [None, 7, ["x"], "", "../../etc/passwd", "a" * 21, "a" * 23, "a/" * 11]
)
def test_a_malformed_job_id_names_no_job(tmp_path, job_id):
    (tmp_path / "passwd.json").write_text("{}", encoding="utf-8")
    assert Jobs(tmp_path).status(job_id) is None


def test_a_job_left_by_a_dead_process_fails_once_overdue(tmp_path):
    jobs = Jobs(tmp_path, hard_seconds=1)
    job_id = "A" * 22
    long_ago = time.time() - 3600
    state = {"state": "running", "message": "Reading…", "submitted": long_ago, "updated": long_ago}
    (tmp_path / f"{job_id}.json").write_text(json.dumps(state), encoding="utf-8")
    assert jobs.status(job_id) == JobStatus(FAILED, LOST, long_ago, long_ago)


def test_job_folders_are_private_and_one_per_store(tmp_path):
    first = job_folder(tmp_path / "a.duckdb")
    assert first == job_folder(tmp_path / "a.duckdb")
    assert first != job_folder(tmp_path / "b.duckdb")
    assert job_folder(None) != job_folder(None)
    assert os.stat(first.parent).st_mode & 0o077 == 0
    assert os.stat(first.parent).st_uid == os.getuid()


# ---------------------------------------------------------------------- through the page


def events_of(frame):
    """An extractor that returns the sample's events for whatever document it is given,
    after a while of work that checks no clock."""

    def extract(text, published=None, seconds: float = 0.0, **metadata):
        burn(seconds)
        rows = frame.copy()
        rows["doc_id"] = metadata["doc_id"]
        rows["event_id"] = [f"{metadata['doc_id']}-{n}" for n in range(len(rows))]
        rows["title"] = metadata.get("title", "")
        return rows

    return extract


ADD = {
    "add-request.data": 1,
    "article-text.value": ARTICLE,
    "article-published.value": "2021-11-21",
    "article-title.value": "Soldiers",
    "article-url.value": "",
}


def follow(client, app, job: str, added=None, seconds: float = 30.0) -> dict:
    """Poll the job as the page's timer does until it is over; the last answer."""
    values = {"add-job.data": job, "added-events.data": added, "data-version.data": 0}
    deadline = time.monotonic() + seconds
    ticks = 0
    while time.monotonic() < deadline:
        ticks += 1
        values["add-poll.n_intervals"] = ticks
        status, reply = post(client, app, "added-events.data", values, "add-poll.n_intervals")
        assert status == 200
        if reply.get("add-job", {}).get("data", "") is None:
            return reply
        assert reply["article-status"]["children"].startswith(("Reading", "Waiting", "Storing"))
        time.sleep(0.1)
    raise AssertionError("the job did not end")


@pytest.mark.parametrize("with_store", [True, False])
def test_add_answers_at_once_and_the_page_follows_the_article(tmp_path, sample_frame, with_store):
    extract = events_of(sample_frame)
    slow = lambda text, **kw: extract(text, seconds=1.0, **kw)  # noqa: E731
    jobs = Jobs(tmp_path / "jobs")
    (tmp_path / "jobs").mkdir()
    if with_store:
        app = create_app(store=tmp_path / "s.duckdb", extract=slow, jobs=jobs)
    else:
        app = create_app(FrameSource(), extract=slow, jobs=jobs)
    client = app.server.test_client()
    began = time.monotonic()
    status, reply = post(client, app, "article-status.children", ADD, "add-request.data")
    assert status == 200 and time.monotonic() - began < 0.8  # the second of work is elsewhere
    assert reply["article-status"]["children"] == "Reading the article…"
    assert reply["add-poll"]["disabled"] is False and reply["add-article"]["disabled"] is True
    last = follow(client, app, reply["add-job"]["data"], added=[])
    message = last["article-status"]["children"]
    assert message.startswith("Added 4 events about 2 people from “Soldiers”"), message
    assert last["add-poll"]["disabled"] is True and last["add-article"]["disabled"] is False
    assert last["article-title"]["value"] == ""
    if with_store:
        assert last["data-version"]["data"] == 1
        assert len(load_events(tmp_path / "s.duckdb")) == 4
    else:
        assert len(last["added-events"]["data"]) == 4


def test_a_paste_past_the_limit_is_stopped_and_said_so(tmp_path, sample_frame):
    extract = events_of(sample_frame)
    endless = lambda text, **kw: extract(text, seconds=600, **kw)  # noqa: E731
    (tmp_path / "jobs").mkdir()
    app = create_app(FrameSource(), extract=endless, jobs=Jobs(tmp_path / "jobs", hard_seconds=1))
    client = app.server.test_client()
    _, reply = post(client, app, "article-status.children", ADD, "add-request.data")
    began = time.monotonic()
    last = follow(client, app, reply["add-job"]["data"])
    assert time.monotonic() - began < 5
    assert last["article-status"]["children"] == TOO_LONG
    assert last["article-status"]["className"] == "article-status error"


def test_a_bad_form_is_refused_at_once_and_starts_no_job(tmp_path, sample_frame):
    (tmp_path / "jobs").mkdir()
    app = create_app(FrameSource(), extract=events_of(sample_frame), jobs=Jobs(tmp_path / "jobs"))
    client = app.server.test_client()
    values = dict(ADD, **{"article-title.value": "T" * 501})
    _, reply = post(client, app, "article-status.children", values, "add-request.data")
    assert reply["article-status"]["children"] == (
        "Title is 501 characters long, over the 500-character limit"
    )
    assert "add-job" not in reply and list((tmp_path / "jobs").iterdir()) == []


def test_a_job_forked_while_another_thread_reads_the_store_can_open_it(tmp_path, sample_frame):
    """A child forked while a request had the store open inherited the open file and could
    not open it again ("Unique file handle conflict"), and the database closed at the fork
    could be closed under that request: the store's lock is held while forking."""
    import threading
    from functools import partial

    from timeline.corpus.store import StoredDocument, file_lock, open_store, write_document

    store = tmp_path / "s.duckdb"
    document = StoredDocument("doc1", "a.txt", "h", "Soldiers", "", "2021-11-21", ARTICLE)
    with open_store(store) as connection:
        write_document(connection, document, sample_frame)
    stop = threading.Event()
    failures: list[str] = []

    def reader() -> None:
        while not stop.is_set():
            try:
                with open_store(store, read_only=True, wait=5) as connection:
                    connection.execute("SELECT count(*) FROM events").fetchall()
            except Exception as error:  # every failure is the finding
                failures.append(f"{type(error).__name__}: {error}")

    def count_in_child() -> int:
        with open_store(store, wait=5) as connection:
            return connection.execute("SELECT count(*) FROM events").fetchall()[0][0]

    threads = [threading.Thread(target=reader) for _ in range(2)]
    for thread in threads:
        thread.start()
    try:
        counts = [run_in_process(count_in_child, 30, partial(file_lock, store)) for _ in range(6)]
    finally:
        stop.set()
        for thread in threads:
            thread.join()
    assert counts == [4] * 6
    assert failures == []
