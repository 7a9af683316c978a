"""The embedded store: one DuckDB file holding documents, their events, merged events and
corrections.

Each document is written in one transaction (its old events and row out, the new ones
in), so a process killed mid-ingest leaves every document either whole or absent.

>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "t.duckdb"
>>> load_events(create_store(path)).columns.tolist()[:3]
['doc_id', 'event_id', 'person']
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from timeline.output.schema import (
    EVENT_COLUMNS,
    FLOAT_COLUMNS,
    INT_COLUMNS,
    MERGED_COLUMNS,
    MERGED_LIST_COLUMNS,
    events_frame,
)
from timeline.text.documents import DocumentError, error_line

DEFAULT_STORE = Path("data") / "timeline.duckdb"

DOCUMENT_COLUMNS: list[str] = [
    "doc_id",
    "source",
    "content_hash",
    "title",
    "url",
    "published",
    "text",
    "ingested_at",
]


def _sql_type(column: str) -> str:
    if column in INT_COLUMNS or column == "source_count":
        return "BIGINT"
    if column in FLOAT_COLUMNS:
        return "DOUBLE"
    if column == "conflict":
        return "BOOLEAN"
    return "VARCHAR"  # text, and the list columns of merged events as JSON text


_EVENT_FIELDS = ",\n    ".join(f'"{c}" {_sql_type(c)} NOT NULL' for c in EVENT_COLUMNS)
_MERGED_FIELDS = ",\n    ".join(f'"{c}" {_sql_type(c)} NOT NULL' for c in MERGED_COLUMNS)

SCHEMA = f"""
CREATE TABLE IF NOT EXISTS documents (
    doc_id VARCHAR PRIMARY KEY,
    source VARCHAR NOT NULL,
    content_hash VARCHAR NOT NULL,
    title VARCHAR NOT NULL,
    url VARCHAR NOT NULL,
    published VARCHAR NOT NULL,
    text VARCHAR NOT NULL,
    ingested_at TIMESTAMP NOT NULL
);
CREATE TABLE IF NOT EXISTS events (
    {_EVENT_FIELDS}
);
CREATE TABLE IF NOT EXISTS merged_events (
    {_MERGED_FIELDS}
);
CREATE TABLE IF NOT EXISTS table_versions (
    table_name VARCHAR PRIMARY KEY,
    version BIGINT NOT NULL
);
CREATE TABLE IF NOT EXISTS corrections (
    event_id VARCHAR PRIMARY KEY,
    person VARCHAR,
    event_type VARCHAR,
    date VARCHAR,
    hidden BOOLEAN NOT NULL DEFAULT FALSE,
    updated_at TIMESTAMP NOT NULL
);
"""

#: The first layout of the corrections table (one row per field), never written to.
_OLD_CORRECTION_COLUMNS = {"field", "value"}

#: How long a connection waits for another process's write lock before giving up.
LOCK_WAIT_SECONDS = 10.0


_EVENT_PLACEHOLDERS = f"({', '.join('?' * len(EVENT_COLUMNS))})"
#: Events per INSERT statement: one statement of many rows is far cheaper in DuckDB than
#: ``executemany`` (about 10 ms a row there), and this keeps the parameter list bounded.
INSERT_ROWS = 256


@dataclass(frozen=True)
class StoredDocument:
    """A document row as written to the store (``text`` is what event offsets refer to)."""

    doc_id: str
    source: str
    content_hash: str
    title: str
    url: str
    published: str
    text: str


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
        path.parent.mkdir(parents=True, exist_ok=True)
    with file_lock(path):
        connection, release = _host().attach(path, read_only, wait)
        try:
            if not read_only:
                connection.execute(SCHEMA)
                _migrate_corrections(connection)
            yield connection
        finally:
            release()


class StoreBusy(DocumentError):
    """The store is locked by another process for longer than the caller would wait."""


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


os.register_at_fork(before=close_idle_host)


def _attach_sql(path: Path, name: str, read_only: bool) -> str:
    quoted = str(path).replace("'", "''")
    return f"ATTACH '{quoted}' AS {name}" + (" (READ_ONLY)" if read_only else "")


def _retry_locked(path: Path, wait: float, attempt: Callable[[], None]) -> None:
    """Run ``attempt`` (opening ``path``), trying again while another process holds its
    lock, for up to ``wait`` seconds; StoreBusy or a one-line DocumentError after."""
    deadline = time.monotonic() + wait
    pause = 0.01
    while True:
        try:
            attempt()
            return
        except duckdb.Error as error:
            first_line = error_line(error)
            locked = "lock" in first_line.lower()
            if locked and time.monotonic() + pause <= deadline:
                time.sleep(pause)
                pause = min(pause * 2, 0.2)
                continue
            if locked:
                raise StoreBusy(f"{path}: the store is in use by another process") from None
            raise DocumentError(f"{path}: cannot open the store ({first_line})") from None


def _migrate_corrections(connection: duckdb.DuckDBPyConnection) -> None:
    """Replace the unused first layout of ``corrections`` by the current one."""
    columns = {
        row[0]
        for row in connection.execute(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_name = 'corrections' AND table_catalog = current_database()"
        ).fetchall()
    }
    if not columns & _OLD_CORRECTION_COLUMNS:
        return
    if connection.execute("SELECT count(*) FROM corrections").fetchall()[0][0]:
        raise DocumentError("the store's corrections table has an unknown layout")
    connection.execute("DROP TABLE corrections")
    connection.execute(SCHEMA)


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


def stored_hashes(connection: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """doc_id -> content_hash of every stored document (to skip unchanged ones)."""
    return dict(connection.execute("SELECT doc_id, content_hash FROM documents").fetchall())


def write_document(
    connection: duckdb.DuckDBPyConnection,
    document: StoredDocument,
    events: pd.DataFrame | Sequence[Mapping],
) -> None:
    """Replace one document and its events in a single transaction (all or nothing).

    ``events`` are rows with the schema's columns, as a table or as dicts (the
    extractor's rows, which spares building a DataFrame per document).
    """
    records = events.to_dict(orient="records") if isinstance(events, pd.DataFrame) else events
    if any(record["doc_id"] != document.doc_id for record in records):
        raise ValueError(f"events of another document given for {document.doc_id!r}")
    values = [tuple(record[c] for c in EVENT_COLUMNS) for record in records]
    row = [*(getattr(document, c) for c in DOCUMENT_COLUMNS[:-1]), _utc_now()]
    connection.execute("BEGIN TRANSACTION")
    try:
        connection.execute("DELETE FROM events WHERE doc_id = ?", [document.doc_id])
        connection.execute("DELETE FROM documents WHERE doc_id = ?", [document.doc_id])
        connection.execute("INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?)", row)
        for first in range(0, len(values), INSERT_ROWS):
            _insert_events(connection, values[first : first + INSERT_ROWS])
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise


def _insert_events(connection: duckdb.DuckDBPyConnection, values: list[tuple]) -> None:
    placeholders = ", ".join([_EVENT_PLACEHOLDERS] * len(values))
    parameters = [value for row in values for value in row]
    connection.execute(f"INSERT INTO events VALUES {placeholders}", parameters)


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


def load_events(store_path: str | Path = DEFAULT_STORE) -> pd.DataFrame:
    """Every stored event as a table with the schema's columns, in date then text order."""
    with open_store(store_path, read_only=True) as connection:
        return read_events(connection)


def load_documents(store_path: str | Path = DEFAULT_STORE) -> pd.DataFrame:
    """Every stored document (one row each, ``DOCUMENT_COLUMNS``), in doc_id order."""
    columns = ", ".join(DOCUMENT_COLUMNS)
    with open_store(store_path, read_only=True) as connection:
        return connection.execute(f"SELECT {columns} FROM documents ORDER BY doc_id").df()


# Merged events ---------------------------------------------------------------------------


def read_events(connection: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every stored event through an open connection, in date then text order."""
    columns = ", ".join(f'"{c}"' for c in EVENT_COLUMNS)
    frame = connection.execute(
        f'SELECT {columns} FROM events ORDER BY date_start, doc_id, "start"'
    ).df()
    return events_frame(frame.to_dict(orient="records"))


def write_merged(connection: duckdb.DuckDBPyConnection, merged: pd.DataFrame) -> None:
    """Replace every merged event in one transaction; list columns are stored as JSON text."""
    table = merged.loc[:, MERGED_COLUMNS].copy()
    for column in MERGED_LIST_COLUMNS:
        table[column] = [json.dumps(value, ensure_ascii=False) for value in table[column]]
    table["conflict"] = table["conflict"].astype(bool)
    connection.execute("BEGIN TRANSACTION")
    try:
        connection.execute("DELETE FROM merged_events")
        connection.register("merged_rows", table)
        columns = ", ".join(f'"{c}"' for c in MERGED_COLUMNS)
        connection.execute(f"INSERT INTO merged_events SELECT {columns} FROM merged_rows")
        connection.unregister("merged_rows")
        bump_version(connection, "merged_events")
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise


def bump_version(connection: duckdb.DuckDBPyConnection, table: str) -> None:
    """Count one more rewrite of ``table``, so readers holding its rows know to read it
    again."""
    connection.execute(
        "INSERT INTO table_versions VALUES (?, 1) ON CONFLICT (table_name) "
        "DO UPDATE SET version = table_versions.version + 1",
        [table],
    )


Prepare = Callable[[pd.DataFrame], pd.DataFrame]


def refresh_merged_with(
    connection: duckdb.DuckDBPyConnection, prepare: Prepare | None = None
) -> int:
    """Recompute the merged events from the events table of an open store; their count.

    ``prepare`` is applied to the events first (corrections, for instance).
    """
    from timeline.corpus.merge import merge_events

    events = read_events(connection)
    if prepare is not None:
        events = prepare(events)
    merged = merge_events(events)
    write_merged(connection, merged)
    return len(merged)


def refresh_merged(store_path: str | Path = DEFAULT_STORE, prepare: Prepare | None = None) -> int:
    """Recompute the ``merged_events`` table of a store from its events; their count."""
    with open_store(store_path) as connection:
        return refresh_merged_with(connection, prepare)


def load_merged(store_path: str | Path = DEFAULT_STORE) -> pd.DataFrame:
    """Every merged event (``MERGED_COLUMNS``, lists decoded), in date then text order.

    A store written before merging existed has no (or an empty) table: its events are
    merged on the fly instead.
    """
    columns = ", ".join(f'"{c}"' for c in MERGED_COLUMNS)
    with open_store(store_path, read_only=True) as connection:
        tables = {row[0] for row in connection.execute("SHOW TABLES").fetchall()}
        if "merged_events" not in tables or merged_missing(connection):
            from timeline.corpus.merge import merge_events

            return merge_events(read_events(connection))
        frame = connection.execute(
            f'SELECT {columns} FROM merged_events ORDER BY date_start, doc_id, "start", event_id'
        ).df()
    for column in MERGED_LIST_COLUMNS:
        frame[column] = [json.loads(value) for value in frame[column]]
    frame["conflict"] = frame["conflict"].astype(bool)
    return frame


def merged_missing(connection: duckdb.DuckDBPyConnection) -> bool:
    """Whether the store has events but no merged events (a store from before merging)."""
    merged = connection.execute("SELECT count(*) FROM merged_events").fetchone()[0]
    return merged == 0 and connection.execute("SELECT count(*) FROM events").fetchone()[0] > 0
