"""Long runs without white space, found before spaCy reads a text.

spaCy's tokenizer strips prefixes and suffixes from a stretch without white space one
character at a time, copying the rest each time: on a run of 20,000 ``$`` it took about
100 s (20,000 commas: 62 s), in one call the time limit cannot interrupt; 99 emoji and a
letter, repeated, cost as much without being a run of symbols. So any stretch of
``LONG_RUN`` or more characters without white space (prose has none: a long URL is the
most it meets) is handed to spaCy as ready-made tokens of at most ``RUN_TOKEN_CHARS``
characters instead of being tokenized. The text itself is not changed, so every offset
stays exact.

>>> text = "Jane Doe left. " + "$" * 2_500 + " The end."
>>> [(start, end - start, run) for start, end, run in segments(text)]
[(0, 15, False), (15, 2500, True), (2515, 9, False)]
>>> [len(token) for token in run_tokens("$" * 2_500)]
[1000, 1000, 500]
"""

from __future__ import annotations

import re
from collections.abc import Iterator

#: Characters in a row without white space from which a run is cut into ready-made
#: tokens. Prose never comes near: its longest words are long URLs and rule lines.
LONG_RUN = 100
#: Longest ready-made token: a 2 MB run becomes 2,000 tokens, which the tagger reads in
#: well under a second.
RUN_TOKEN_CHARS = 1_000
RUN = re.compile(rf"\S{{{LONG_RUN},}}")


def has_long_run(text: str) -> bool:
    """Whether ``text`` holds a run that must not reach the tokenizer."""
    return RUN.search(text) is not None


def segments(text: str) -> Iterator[tuple[int, int, bool]]:
    """``(start, end, is_run)`` covering ``text`` in order: plain text and long runs."""
    position = 0
    for match in RUN.finditer(text):
        if match.start() > position:
            yield position, match.start(), False
        yield match.start(), match.end(), True
        position = match.end()
    if position < len(text) or not text:
        yield position, len(text), False


def run_tokens(run: str, size: int = RUN_TOKEN_CHARS) -> list[str]:
    """A run cut into tokens of at most ``size`` characters, in order."""
    return [run[start : start + size] for start in range(0, len(run), size)]
