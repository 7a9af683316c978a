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


class Enclosing:
    """Spans that may overlap, asked whether one of them encloses a given span, in
    logarithmic time: with thousands of names, a scan per name is quadratic.

    >>> spans = Enclosing([(0, 10), (20, 25)])
    >>> spans.encloses(2, 8), spans.encloses(20, 25), spans.encloses(19, 24)
    (True, False, False)
    """

    def __init__(self, spans: Iterable[tuple[int, int]] = ()):
        ordered = sorted(set(spans))
        self.starts = [s for s, _ in ordered]
        self.reach = []  # the furthest end of the spans up to each one
        self.last_at: dict[int, int] = {}  # the furthest end of the spans at each start
        furthest = -1
        for start, end in ordered:
            furthest = max(furthest, end)
            self.reach.append(furthest)
            self.last_at[start] = max(self.last_at.get(start, end), end)

    def encloses(self, start: int, end: int) -> bool:
        """Whether a span other than [start, end) itself holds all of [start, end)."""
        before = bisect.bisect_left(self.starts, start)
        if before and self.reach[before - 1] >= end:
            return True
        return self.last_at.get(start, -1) > end


class Taken:
    """Spans taken so far, which may overlap, asked whether a new span overlaps any: only
    the spans starting less than the longest span's length before it can.

    >>> taken = Taken([(0, 5), (3, 40)])
    >>> taken.overlaps(39, 45), taken.overlaps(40, 45)
    (True, False)
    """

    def __init__(self, spans: Iterable[tuple[int, int]] = ()):
        self.spans: list[tuple[int, int]] = []
        self.longest = 0
        for start, end in spans:
            self.add(start, end)

    def add(self, start: int, end: int) -> None:
        """Take [start, end)."""
        bisect.insort(self.spans, (start, end))
        self.longest = max(self.longest, end - start)

    def overlaps(self, start: int, end: int) -> bool:
        """Whether [start, end) overlaps a span taken."""
        low = bisect.bisect_right(self.spans, (start - self.longest, end))
        high = bisect.bisect_left(self.spans, (end, -1))
        return any(e > start for _, e in self.spans[low:high])


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
