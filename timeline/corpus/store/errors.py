"""What went wrong with a store, told apart and said in one line with what to do.

DuckDB reports a lock held by another process, a file that is no database, a corrupt
file and a folder it may not write in all as ``IOException``s; before, any message
holding "lock" counted as "in use", and a checksum error's "block" does, so a corrupt
store was reported busy after 10 s of retries.
"""

from __future__ import annotations

import errno
import re
from pathlib import Path

from timeline.text.errors import DocumentError, error_line


class StoreBusy(DocumentError):
    """The store is locked by another process for longer than the caller would wait."""


class StoreCorrupt(DocumentError):
    """The store file is damaged: a checksum does not match, or it is cut short."""


class NotAStore(DocumentError):
    """The file at the store's path is not a DuckDB database at all."""


LOCKED = re.compile(r"could not set lock|conflicting lock", re.IGNORECASE)
HOLDER = re.compile(r"\(PID (\d+)\)")
NOT_A_DATABASE = re.compile(r"not a valid DuckDB database file", re.IGNORECASE)
#: DuckDB's words for a damaged file, and what they mean in ours.
CORRUPT = (
    (re.compile(r"checksum", re.IGNORECASE), "a checksum does not match"),
    (re.compile(r"could not read enough bytes", re.IGNORECASE), "the file is cut short"),
    (re.compile(r"corrupt", re.IGNORECASE), "the file is damaged"),
)
DENIED = re.compile(r"permission denied", re.IGNORECASE)
READ_ONLY = re.compile(r"read-only file system", re.IGNORECASE)


QUOTED = re.compile(r'"[^"]*"')


def _words(error: BaseException) -> str:
    """The error's first line without the paths it quotes: a store in a folder called
    "blocked" or a file called "corrupt.duckdb" must not decide what the error means.

    >>> _words(OSError('Cannot open file "/tmp/blocked/corrupt.duckdb": Permission denied'))
    'Cannot open file "": Permission denied'
    """
    return QUOTED.sub('""', error_line(error))


def is_locked(error: BaseException) -> bool:
    """Whether DuckDB refused the file because another process holds its lock."""
    return bool(LOCKED.search(_words(error)))


def corruption(error: BaseException) -> str | None:
    """What is damaged, when the error says the file is; None otherwise."""
    line = _words(error)
    return next((meaning for pattern, meaning in CORRUPT if pattern.search(line)), None)


def store_error(path: str | Path, error: BaseException) -> DocumentError:
    """The one-line error for a store DuckDB would not open or read, naming ``path`` as
    given and what to do: in use, corrupt, not a store, or not allowed here."""
    line = _words(error)
    if LOCKED.search(line):
        holder = HOLDER.search(line)
        by = f" (process {holder[1]})" if holder else ""
        return StoreBusy(
            f"{path}: the store is in use by another process{by}; "
            "wait for it to finish, or stop it, and try again"
        )
    damage = corruption(error)
    if damage:
        return StoreCorrupt(
            f"{path}: the store is corrupt ({damage}); move it aside and run "
            "`timeline ingest` again to rebuild it, or restore a backup (corrections "
            "made in the dashboard live only in the store)"
        )
    if NOT_A_DATABASE.search(line):
        return NotAStore(
            f"{path}: not a timeline store (the file is not a DuckDB database); give "
            "--store a store made by `timeline ingest`, or a new file name"
        )
    if DENIED.search(line) or READ_ONLY.search(line):
        why = "read-only file system" if READ_ONLY.search(line) else "permission denied"
        return DocumentError(
            f"{path}: cannot open the store ({why}); give --store a file in a folder you "
            "can write to"
        )
    return DocumentError(f"{path}: cannot open the store ({error_line(error)[:200]})")


def folder_error(path: str | Path, error: OSError) -> DocumentError:
    """The one-line error for a store whose folder cannot be made."""
    parent = Path(path).parent
    blocking = next((p for p in (parent, *parent.parents) if p.exists() and not p.is_dir()), None)
    if blocking is not None and error.errno in (errno.ENOTDIR, errno.EEXIST):
        reason = f"{blocking} is a file, not a folder"
    else:
        reason = f"cannot create the folder {parent} ({error.strerror})"
    return DocumentError(f"{path}: no store can be made there: {reason}; choose another --store")
