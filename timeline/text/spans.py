"""Character spans looked up in logarithmic time (sentences, quotations, taken ranges).

Documents can be long (a 20 MB text has hundreds of thousands of sentences),
so "which sentence holds this offset" must not scan every sentence.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable

QUOTE_MARKS = re.compile(r"[“”«»\"]|\n\n")


class SpanIndex:
    """Non-overlapping [start, end) spans, sorted, with containment and overlap queries."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()):
        ordered = sorted(spans)
        self.starts = [s for s, _ in ordered]
        self.ends = [e for _, e in ordered]

    def __len__(self) -> int:
        return len(self.starts)

    def index_of(self, offset: int) -> int:
        """Index of the span holding ``offset``, or -1."""
        index = bisect.bisect_right(self.starts, offset) - 1
        if index >= 0 and offset < self.ends[index]:
            return index
        return -1

    def holding(self, offset: int) -> tuple[int, int] | None:
        """The span holding ``offset``, or None."""
        index = self.index_of(offset)
        return (self.starts[index], self.ends[index]) if index >= 0 else None

    def __contains__(self, offset: int) -> bool:
        return self.index_of(offset) >= 0

    def span(self, index: int) -> tuple[int, int]:
        """The span at ``index``."""
        return self.starts[index], self.ends[index]

    def overlaps(self, start: int, end: int) -> bool:
        """Whether [start, end) overlaps any span."""
        index = bisect.bisect_left(self.starts, end) - 1
        return index >= 0 and self.ends[index] > start and self.starts[index] < end

    def add(self, start: int, end: int) -> None:
        """Insert a span that overlaps none already held."""
        index = bisect.bisect_left(self.starts, start)
        self.starts.insert(index, start)
        self.ends.insert(index, end)


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans inside quotation marks (curly or straight); a paragraph break closes one.

    >>> text = 'He said: “We left.” Then "they" came.'
    >>> [text[start:end] for start, end in quote_spans(text)]
    ['“We left.”', '"they"']
    """
    spans = []
    opened = None
    for match in QUOTE_MARKS.finditer(text):
        char, index = match.group(0), match.start()
        if char in "“«" or (char == '"' and opened is None):
            opened = index
        elif char == "\n\n":
            if opened is not None:
                spans.append((opened, index))
                opened = None
        elif opened is not None:
            spans.append((opened, index + 1))
            opened = None
    return spans
