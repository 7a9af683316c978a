"""Where a command's output goes: a file named by the user, or standard output.

A file that cannot be written (a folder, a read-only file system, a full disk such as
``/dev/full``, whose error only comes when the file is closed) is one DocumentError naming
the file as the user gave it, never a traceback.
"""

from __future__ import annotations

import os
import sys

from timeline.text.documents import DocumentError


def write_output(text: str, output: str | None) -> None:
    """Write ``text`` to the file ``output`` or to stdout; DocumentError naming the file as
    given when it cannot be written (a folder, a read-only file system, a full disk such
    as /dev/full, whose error only comes when the file is closed)."""
    try:
        if output:
            with open(output, "w", encoding="utf-8", newline="") as handle:
                handle.write(text)
        else:
            sys.stdout.write(text)
            sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as error:
        if not output:
            silence_stdout()
        where = output or "standard output"
        raise DocumentError(f"{where}: cannot write ({error.strerror or error})") from None


def silence_stdout() -> None:
    """Point stdout at the null device, so the text still buffered is not written again
    (and refused again, with a traceback) when the interpreter exits."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
