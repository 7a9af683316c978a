"""Reading files with bounds: only regular files, the size checked before reading, and
never more read than the limit.

A FIFO would hang a plain ``read``, ``/dev/zero`` never ends, and a 5 GB file was read
whole (5.2 GB, 30 s) before its size was refused; each now gets a one-line refusal at
once. Messages name the file as the caller gave it.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

from timeline.text.errors import DocumentError

#: What a path that is not a regular file is, for the message.
KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)
#: Flags that keep opening harmless: a FIFO does not wait for a writer, a terminal does
#: not become ours.
OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
#: Bytes read at a time while skipping an overlong line.
CHUNK = 1 << 20


def size_text(size: int) -> str:
    """A size as a reader says it.

    >>> size_text(20_000_000), size_text(5_400_000_000), size_text(2_000)
    ('20.0 MB', '5.4 GB', '2,000 bytes')
    """
    if size >= 1_000_000_000:
        return f"{size / 1_000_000_000:.1f} GB"
    if size >= 100_000:
        return f"{size / 1_000_000:.1f} MB"
    return f"{size:,} bytes"


def _refuse_irregular(mode: int, name: str) -> None:
    if stat.S_ISREG(mode):
        return
    kind = next((kind for test, kind in KINDS if test(mode)), "not a regular file")
    raise DocumentError(f"{name}: {kind}, not a file; only regular files are read")


def open_regular(path: str | Path, name: str | None = None) -> tuple[object, int]:
    """A binary file object on ``path`` and its size; DocumentError for anything that is
    not a regular file (checked before opening, and again on what was opened)."""
    name = str(path) if name is None else name
    try:
        _refuse_irregular(os.stat(path).st_mode, name)
        descriptor = os.open(path, OPEN_FLAGS)
    except OSError as error:
        raise DocumentError(f"{name}: cannot read the file ({error.strerror})") from None
    try:
        info = os.fstat(descriptor)
        _refuse_irregular(info.st_mode, name)
        if hasattr(os, "set_blocking"):
            os.set_blocking(descriptor, True)
    except BaseException:
        os.close(descriptor)
        raise
    return os.fdopen(descriptor, "rb"), info.st_size


def too_big(size: int, limit: int, what: str = "the text") -> str:
    """The reason a file of ``size`` bytes is refused."""
    return f"{what} is {size_text(size)}, over the {size_text(limit).replace('.0 ', ' ')} limit"


def read_bounded(path: str | Path, limit: int, name: str | None = None) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; DocumentError otherwise.

    The size is checked before reading, and no more than ``limit`` + 1 bytes are read,
    so a file that grows meanwhile is refused too.
    """
    name = str(path) if name is None else name
    handle, size = open_regular(path, name)
    with handle:
        if size > limit:
            raise DocumentError(f"{name}: {too_big(size, limit)}")
        try:
            data = handle.read(limit + 1)
        except OSError as error:
            raise DocumentError(f"{name}: cannot read the file ({error.strerror})") from None
    if len(data) > limit:
        raise DocumentError(f"{name}: {too_big(len(data), limit)}")
    return data


def bounded_lines(
    path: str | Path, line_limit: int, file_limit: int, name: str | None = None
) -> Iterator[tuple[int, bytes | None, int]]:
    """(line number, bytes, size) for each line of a regular file; the bytes are ``None``
    for a line over ``line_limit`` bytes, skipped without being held in memory. A file
    over ``file_limit`` bytes is refused before any line is read.
    """
    name = str(path) if name is None else name
    handle, size = open_regular(path, name)
    with handle:
        if size > file_limit:
            raise DocumentError(f"{name}: {too_big(size, file_limit, 'the file')}")
        number = 0
        read = 0
        while read <= file_limit:
            line = handle.readline(line_limit + 1)
            if not line:
                return
            number += 1
            read += len(line)
            if len(line) > line_limit and not line.endswith(b"\n"):
                skipped = _skip_line(handle)
                read += skipped
                yield number, None, len(line) + skipped
            else:
                yield number, line, len(line)
        raise DocumentError(f"{name}: {too_big(read, file_limit, 'the file')}")


def _skip_line(handle) -> int:
    """Read past the rest of the current line, a chunk at a time; the bytes skipped."""
    skipped = 0
    while True:
        chunk = handle.readline(CHUNK)
        skipped += len(chunk)
        if not chunk or chunk.endswith(b"\n"):
            return skipped
