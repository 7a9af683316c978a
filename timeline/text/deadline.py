"""A time limit for reading one text, kept per thread (a ``contextvars`` variable).

Extraction checks it between its steps (spaCy pieces, temporal rules, analysis stages and
sentences), so a caller that must answer in time (the dashboard's add-article request)
gets a one-line error soon after the limit instead of waiting minutes. Without a limit
set, the checks cost one lookup each.

>>> with time_limit(60):
...     check_time()  # well within the minute
"""

from __future__ import annotations

import contextvars
import time
from collections.abc import Iterator
from contextlib import contextmanager

from timeline.text.documents import DocumentError

_DEADLINE: contextvars.ContextVar[tuple[float, float] | None] = contextvars.ContextVar(
    "timeline_deadline", default=None
)


class TimeLimitExceeded(DocumentError):
    """Reading a text took longer than the caller allowed."""


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Within the block, extraction in this thread stops with TimeLimitExceeded once
    ``seconds`` have passed (None: no limit)."""
    if seconds is None:
        yield
        return
    token = _DEADLINE.set((time.monotonic() + seconds, seconds))
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def check_time() -> None:
    """Raise TimeLimitExceeded when the limit set by ``time_limit`` has passed."""
    deadline = _DEADLINE.get()
    if deadline is not None and time.monotonic() > deadline[0]:
        raise TimeLimitExceeded(
            f"reading this text took over {deadline[1]:.0f} s, the limit here; "
            "split it, or add it with `timeline ingest`"
        )
