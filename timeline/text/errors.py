"""The one error every reader raises: a document that cannot be read, in one line.

It lives apart from the readers so that every module of this layer (documents, checks,
files, the time limit) can raise it without importing one another in a circle.
"""

from __future__ import annotations


class DocumentError(ValueError):
    """A document that cannot be read; the message is one line naming the problem."""


def error_line(error: BaseException) -> str:
    """The first line of an error's message (its type's name when it has none), to quote
    a library's error inside a one-line message."""
    text = str(error)
    return text.splitlines()[0] if text else type(error).__name__
