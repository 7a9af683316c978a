"""Reading an article from the page off the request thread, in a process that can be killed.

A 20 KB paste once held the server for 100 s, and another visitor's filter change waited
90 s behind it (issue 15): the text was read in the request's own thread, where nothing
could stop spaCy mid-call and where it held the interpreter the other requests needed.
Now the Add request only checks the form and hands the article to ``Jobs``, which answers
at once with a job id, and the page asks how it is going every ``POLL_MS``:

- each article is read in a child process forked from the server process (the model is
  loaded there already, and shared until written to), at a lower CPU priority (``NICE``),
  dying with its parent; when ``HARD_SECONDS`` pass, the parent kills it, so the page's
  time limit holds whatever the text does;
- one server process reads ``MAX_RUNNING`` articles at a time and holds at most
  ``MAX_QUEUED`` more; past that, Add says the server is busy;
- storing the events and merging the store's events again happen in a second child
  process (``edits.store_article``), with a limit of its own (``FINISH_SECONDS``, waiting
  for another writer included): they cost seconds of CPU on a big store, and the server
  process's requests should not wait for them;
- a job's state is a small JSON file in a private folder, which every server process
  serving the same store can read: under gunicorn the page's next request may reach
  another worker. A job whose process is gone (its worker restarted) is reported as
  failed once it is overdue, so no page waits for ever.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import multiprocessing
import os
import re
import secrets
import signal
import stat
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from timeline.corpus.engines import die_with_parent
from timeline.dashboard.ingest import EXTRACT_SECONDS
from timeline.text.documents import DocumentError

log = logging.getLogger(__name__)

#: How often the page asks how its article is going, in milliseconds.
POLL_MS = 500
#: The hard limit on reading one article: the extraction's own limit, which says so in
#: words, plus a little for it to say so; then the process is killed.
HARD_SECONDS = EXTRACT_SECONDS + 5.0
#: Articles one server process reads at once, and how many more it holds: two at once, so
#: that one visitor's long paste does not hold up another's article.
MAX_RUNNING = 2
MAX_QUEUED = 4
#: The reading process's niceness: on a busy machine the server's other requests (filter
#: changes, the view) come first.
NICE = 10
#: Time allowed after reading for storing the events (waiting for another writer
#: included) and merging the store's events again, in a process of its own too.
FINISH_SECONDS = 120.0
#: Job files older than this are removed when a new job starts.
KEEP_SECONDS = 3600.0

WAITING, RUNNING, DONE, FAILED = "waiting", "running", "done", "failed"
#: What a job id looks like (``secrets.token_urlsafe(16)``); anything else is refused
#: before it is used to name a file.
JOB_ID = re.compile(r"[A-Za-z0-9_-]{22}")

TOO_LONG = (
    f"reading this text took over {EXTRACT_SECONDS:.0f} s, the limit here; "
    "split it, or add it with `timeline ingest`"
)
READING, STORING = "Reading…", "Storing…"
BUSY = "The server is busy reading other articles; try again in a minute."
STORING_TOO_LONG = (
    f"storing the article took over {FINISH_SECONDS:.0f} s (the store is busy); try again later"
)
LOST = "The server stopped reading this article (it restarted?); add it again."


class JobsBusy(DocumentError):
    """More articles are waiting to be read in this process than it holds."""


@dataclass(frozen=True)
class JobStatus:
    """What a job file says: its state, a message for the page, when it was handed in and
    last changed (``time.time()``), and what the finishing step returned."""

    state: str
    message: str
    submitted: float
    updated: float
    result: dict | None = None

    @property
    def finished(self) -> bool:
        """Whether the job is over, well or not."""
        return self.state in (DONE, FAILED)


Read = Callable[[], object]
Finish = Callable[[object], dict]


class Jobs:
    """The articles this app is reading, each in a process of its own (see the module)."""

    def __init__(
        self,
        folder: Path,
        hard_seconds: float = HARD_SECONDS,
        running: int = MAX_RUNNING,
        queued: int = MAX_QUEUED,
        fork_guard: Callable[[], contextlib.AbstractContextManager] | None = None,
    ) -> None:
        self.folder = folder
        self.fork_guard = fork_guard
        self.hard_seconds = hard_seconds
        self.running = running
        self.queued = queued
        self._guard = threading.Lock()
        self._pool: tuple[int, ThreadPoolExecutor] | None = None
        self._pending = 0

    # ------------------------------------------------------------------ handing in

    def submit(self, read: Read, finish: Finish | None = None) -> str:
        """Start a job: ``read`` runs in a child process, killed after ``hard_seconds`` (it
        returns what was read or raises DocumentError), then ``finish`` in another, killed
        after ``FINISH_SECONDS``, with what was read (it returns a dict for the page, with
        a "message", or raises DocumentError; without ``finish``, ``read`` returns that
        dict itself). Returns the job's id at once; JobsBusy when this process holds too
        many jobs already."""
        with self._guard:
            if self._pending >= self.running + self.queued:
                raise JobsBusy(BUSY)
            self._pending += 1
            pool = self._executor()
        job_id = secrets.token_urlsafe(16)
        now = time.time()
        self._write(job_id, JobStatus(WAITING, "Waiting to be read…", now, now))
        self._clean_old()
        pool.submit(self._run, job_id, now, read, finish)
        return job_id

    def _executor(self) -> ThreadPoolExecutor:
        # One pool per process: a forked server worker starts its own threads.
        if self._pool is None or self._pool[0] != os.getpid():
            pool = ThreadPoolExecutor(self.running, thread_name_prefix="article-job")
            self._pool = (os.getpid(), pool)
        return self._pool[1]

    def _run(self, job_id: str, submitted: float, read: Read, finish: Finish | None) -> None:
        try:
            self._write(job_id, JobStatus(RUNNING, READING, submitted, time.time()))
            value = run_in_process(read, self.hard_seconds, self.fork_guard)
            if finish is not None:
                self._write(job_id, JobStatus(RUNNING, STORING, submitted, time.time()))
                value = run_in_process(
                    partial(finish, value),
                    FINISH_SECONDS,
                    self.fork_guard,
                    what="storing the article",
                    too_long=STORING_TOO_LONG,
                )
            result = _as_is(value)
            message = str(result.get("message", ""))
            self._write(job_id, JobStatus(DONE, message, submitted, time.time(), result))
        except DocumentError as error:
            self._write(job_id, JobStatus(FAILED, one_line(str(error)), submitted, time.time()))
        except Exception as error:  # the page must get a sentence, never a stuck job
            log.exception("adding an article failed")
            message = f"adding the article failed ({type(error).__name__}); see the server log"
            self._write(job_id, JobStatus(FAILED, message, submitted, time.time()))
        finally:
            with self._guard:
                self._pending -= 1

    # ------------------------------------------------------------------ asking

    def status(self, job_id: object) -> JobStatus | None:
        """The job's state (None for an id that is malformed or names no job); a job left
        unfinished past its time by a process that is gone counts as failed."""
        if not isinstance(job_id, str) or not JOB_ID.fullmatch(job_id):
            return None
        try:
            raw = json.loads((self.folder / f"{job_id}.json").read_text(encoding="utf-8"))
            status = JobStatus(**raw)
        except (OSError, ValueError, TypeError):
            return None
        if not status.finished and time.time() - status.updated > self._overdue(status):
            return JobStatus(FAILED, LOST, status.submitted, status.updated)
        return status

    def _overdue(self, status: JobStatus) -> float:
        if status.state == WAITING:
            return (self.running + self.queued) * (self.hard_seconds + FINISH_SECONDS)
        return self.hard_seconds + FINISH_SECONDS

    # ------------------------------------------------------------------ files

    def _write(self, job_id: str, status: JobStatus) -> None:
        path = self.folder / f"{job_id}.json"
        part = path.with_suffix(f".{os.getpid()}.part")
        part.write_text(json.dumps(status.__dict__, default=str), encoding="utf-8")
        os.replace(part, path)

    def _clean_old(self) -> None:
        cutoff = time.time() - KEEP_SECONDS
        for path in self.folder.glob("*.json"):
            with contextlib.suppress(OSError):
                if path.stat().st_mtime < cutoff:
                    path.unlink()


def _as_is(value: object) -> dict:
    return value if isinstance(value, dict) else {"message": str(value)}


def one_line(message: str) -> str:
    """The first line of a message (the page shows one line)."""
    return message.splitlines()[0] if message else "the article could not be read"


# ---------------------------------------------------------------------- the child process


def run_in_process(
    read: Read,
    seconds: float,
    fork_guard: Callable[[], contextlib.AbstractContextManager] | None = None,
    what: str = "extraction",
    too_long: str = TOO_LONG,
) -> object:
    """``read()`` in a forked child process, killed when ``seconds`` pass; what it
    returned, or DocumentError with its one-line reason (or the time limit's).

    ``fork_guard`` is held while forking: the store's lock in this process, so that no
    other thread has the store open at that moment (a child would inherit the open file
    and could not open it again, and the database the fork closes could be closed under
    that thread)."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    parent = os.getpid()
    process = context.Process(target=_child, args=(read, sender, parent, what), daemon=True)
    with fork_guard() if fork_guard is not None else contextlib.nullcontext():
        process.start()
    sender.close()
    try:
        if not receiver.poll(seconds):
            raise DocumentError(too_long)
        try:
            ok, value = receiver.recv()
        except (EOFError, OSError):
            process.join(1.0)
            raise DocumentError(
                f"{what} stopped (its process ended with status "
                f"{process.exitcode}); it may need more memory than the server has"
            ) from None
        if not ok:
            raise DocumentError(str(value))
        return value
    finally:
        receiver.close()
        if process.is_alive():
            process.kill()
        process.join(5.0)


def _child(read: Read, sender, parent: int, what: str = "extraction") -> None:
    """The reading process: dies with the server process, gives way to its requests,
    holds none of its connections, and sends back what it read or why it could not."""
    die_with_parent(parent)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    with contextlib.suppress(OSError):
        os.nice(NICE)
    _close_sockets()
    try:
        value = read()
        outcome = (True, value)
    except DocumentError as error:
        outcome = (False, one_line(str(error)))
    except BaseException as error:  # reported to the parent in one line, with its type
        log.exception("%s failed", what)
        outcome = (False, f"{what} failed ({type(error).__name__}); see the server log")
    try:
        sender.send(outcome)
    except Exception as error:  # e.g. a result that cannot be pickled
        sender.send((False, f"{what} failed ({type(error).__name__}); see the server log"))
    sender.close()


def _close_sockets() -> None:
    """Close the sockets inherited from the server (its listening socket, its clients'
    connections): a child that held them could keep a finished response's connection open.
    The pipe to the parent is not a socket."""
    try:
        descriptors = [int(name) for name in os.listdir("/proc/self/fd")]
    except OSError:
        return
    for descriptor in descriptors:
        with contextlib.suppress(OSError):
            if stat.S_ISSOCK(os.fstat(descriptor).st_mode):
                os.close(descriptor)


# ---------------------------------------------------------------------- where jobs live


def job_folder(store: Path | None) -> Path:
    """The folder of job files for an app: one per store (every server process of the same
    store shares it), or one of its own for an app without a store. It lies in a folder of
    the system's temporary directory that only this user may enter."""
    base = Path(tempfile.gettempdir()) / f"timeline-jobs-{os.getuid()}"
    base.mkdir(mode=0o700, exist_ok=True)
    info = os.lstat(base)
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
        raise DocumentError(f"{base}: not a folder of this user's; remove it and start again")
    if info.st_mode & 0o077:
        os.chmod(base, 0o700)
    if store is None:
        return Path(tempfile.mkdtemp(prefix="app-", dir=base))
    key = hashlib.sha256(str(Path(store).resolve()).encode("utf-8")).hexdigest()[:20]
    folder = base / f"store-{key}"
    folder.mkdir(mode=0o700, exist_ok=True)
    return folder
