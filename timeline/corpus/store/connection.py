"""Opening the store: one DuckDB file shared by processes that each write in turn.

DuckDB lets one process write at a time; a connection waits (with growing pauses) while
another holds the lock, and no lock outlives the ``with`` block that opened the file.
"""

from __future__ import annotations

import itertools
import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from timeline.corpus.store.errors import (
    StoreBusy as StoreBusy,  # re-exported: raised here, imported from here by the dashboard
)
from timeline.corpus.store.errors import corruption, folder_error, is_locked, store_error
from timeline.corpus.store.schema import SCHEMA, add_place_columns, migrate_corrections
from timeline.text.documents import DocumentError

DEFAULT_STORE = Path("data") / "timeline.duckdb"

#: How long a connection waits for another process's write lock before giving up.
LOCK_WAIT_SECONDS = 10.0


@contextmanager
def open_store(
    path: str | Path = DEFAULT_STORE,
    read_only: bool = False,
    wait: float = 0.0,
) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection to the store; a writable one creates the file and tables on first use.

    DuckDB lets one process write at a time: with ``wait`` > 0 a file locked by another
    process is tried again, with growing pauses, for up to ``wait`` seconds. The file is
    attached to this process's host database while the connection is open and detached
    after, so no lock outlives the ``with`` block (see ``_Host``). One thread of a process
    at a time uses a given file (``file_lock``).
    """
    path = Path(path)
    if read_only and not path.exists():
        raise DocumentError(f"{path}: no store here (run `timeline ingest` first)")
    if not read_only:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise folder_error(path, error) from None
    with file_lock(path):
        connection, release = _host().attach(path, read_only, wait)
        try:
            if not read_only:
                _create_tables(path, connection)
            yield connection
        except duckdb.Error as error:
            if corruption(error):  # found while reading: say so, not a library traceback
                raise store_error(path, error) from None
            raise
        finally:
            release()


def _create_tables(path: Path, connection: duckdb.DuckDBPyConnection) -> None:
    try:
        connection.execute(SCHEMA)
        migrate_corrections(connection)
        add_place_columns(connection)
    except duckdb.Error as error:
        raise store_error(path, error) from None


#: One lock per store file in this process: a file is attached once at a time, and
#: DuckDB refuses a read-only and a writable attachment of one file side by side.
_FILE_LOCKS: dict[str, threading.RLock] = {}
_FILE_LOCKS_GUARD = threading.Lock()


def file_lock(path: str | Path) -> threading.RLock:
    """The lock that serialises this process's connections to one store file."""
    key = str(Path(path).resolve())
    with _FILE_LOCKS_GUARD:
        return _FILE_LOCKS.setdefault(key, threading.RLock())


class _Host:
    """An in-memory DuckDB database that store files are attached to while in use.

    Starting a DuckDB database costs 25-40 ms; attaching a file to one already running
    costs a few, which matters to a dashboard that opens the store on many requests.
    Each use gets its own cursor whose default catalog is the attached file, so queries
    name tables as in a file of their own. Nested uses of one file in one thread share
    its attachment; it is detached (releasing the file's lock) when the outermost ends.
    """

    def __init__(self) -> None:
        self.database = duckdb.connect(":memory:")
        self.names = itertools.count()
        self.guard = threading.Lock()
        #: Resolved path -> [catalog name, read-only?, uses open].
        self.attached: dict[str, list] = {}

    def attach(
        self, path: Path, read_only: bool, wait: float
    ) -> tuple[duckdb.DuckDBPyConnection, Callable[[], None]]:
        """A cursor on ``path`` attached, and the function that ends this use."""
        key = str(path.resolve())
        entry = self.attached.get(key)
        if entry is not None and entry[1] and not read_only:
            raise DocumentError(f"{path}: the store is open read-only in this process")
        if entry is None:
            name = f"store_{next(self.names)}"
            _retry_locked(path, wait, lambda: self._run(_attach_sql(path, name, read_only)))
            entry = self.attached[key] = [name, read_only, 0]
        entry[2] += 1

        def release() -> None:
            entry[2] -= 1
            if entry[2] == 0:
                del self.attached[key]
                self._run(f"DETACH {entry[0]}")

        try:
            cursor = self.database.cursor()
            cursor.execute(f"USE {entry[0]}")
        except BaseException:
            release()  # never leave the file attached, and so locked
            raise

        def close() -> None:
            try:
                cursor.close()
            finally:
                release()

        return cursor, close

    def _run(self, statement: str) -> None:
        with self.guard:
            cursor = self.database.cursor()
            try:
                cursor.execute(statement)
            finally:
                cursor.close()


_HOSTS: dict[int, _Host] = {}
#: Hosts a forked child inherited in use: never touched again, and never freed (freeing a
#: DuckDB database whose threads stayed in the parent crashes the child).
_INHERITED: list[_Host] = []


def _host() -> _Host:
    """This process's host database (a forked child starts its own)."""
    pid = os.getpid()
    with _FILE_LOCKS_GUARD:
        if pid not in _HOSTS:
            _INHERITED.extend(_HOSTS.values())
            _HOSTS.clear()
            _HOSTS[pid] = _Host()
        return _HOSTS[pid]


def close_idle_host() -> None:
    """Close this process's host database when no file is attached, giving its memory
    back (the next use starts a new one). Called after reading a whole large store, whose
    buffers the database would otherwise keep, and before a fork, so the child inherits no
    running database (gunicorn --preload forks after the app read the store)."""
    host = _HOSTS.get(os.getpid())
    if host is not None and not host.attached and host.guard.acquire(blocking=False):
        try:
            del _HOSTS[os.getpid()]
            host.database.close()
        finally:
            host.guard.release()


def _fresh_locks_in_child() -> None:
    """A forked child starts with locks of its own: one held at the fork by another thread
    of the parent (a request reading the store) would never be released in the child."""
    global _FILE_LOCKS_GUARD
    _FILE_LOCKS_GUARD = threading.Lock()
    _FILE_LOCKS.clear()


os.register_at_fork(before=close_idle_host, after_in_child=_fresh_locks_in_child)


def _attach_sql(path: Path, name: str, read_only: bool) -> str:
    quoted = str(path).replace("'", "''")
    return f"ATTACH '{quoted}' AS {name}" + (" (READ_ONLY)" if read_only else "")


def _retry_locked(path: Path, wait: float, attempt: Callable[[], None]) -> None:
    """Run ``attempt`` (opening ``path``), trying again while another process holds its
    lock, for up to ``wait`` seconds; StoreBusy, StoreCorrupt, NotAStore or another
    one-line DocumentError after (see ``errors.store_error``)."""
    deadline = time.monotonic() + wait
    pause = 0.01
    while True:
        try:
            attempt()
            return
        except duckdb.Error as error:
            if is_locked(error) and time.monotonic() + pause <= deadline:
                time.sleep(pause)
                pause = min(pause * 2, 0.2)
                continue
            raise store_error(path, error) from None


def store_marker(path: str | Path = DEFAULT_STORE) -> tuple:
    """A cheap fingerprint of the store's files that changes whenever any process commits.

    DuckDB appends every commit to the ``.wal`` file and folds it into the main file at
    checkpoints, so the size and modification time of the two change with each write.
    """
    marker = []
    for name in (str(path), f"{path}.wal"):
        try:
            info = os.stat(name)
        except OSError:
            marker.append(None)
        else:
            marker.append((info.st_mtime_ns, info.st_size, info.st_ino))
    return tuple(marker)


def create_store(path: str | Path = DEFAULT_STORE) -> Path:
    """Create the store file and its tables if missing; return its path."""
    with open_store(path):
        pass
    return Path(path)
