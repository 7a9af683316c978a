"""The narrator of a first-person text: who "I" is outside quotation marks.

A testimony ("I am Aye Chan. I joined the army in 2014.") tells its events in the first
person. When a text speaks as "I" outside quotations often enough, and names its teller
("I am X", "My name is X", also in the title), every first-person pronoun outside
quotations is a mention of that person.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from timeline.extraction.people.model import Mention
from timeline.text.spans import SpanIndex

#: "I am Aye Chan.", "My name is Ana Ruiz,", "I, Olga Petrenko, ..."
SELF_NAMING = re.compile(
    r"\b(?:I am|I'm|I’m|[Mm]y name is|I,)\s+"
    r"(?P<name>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,3})"
)
FIRST_PERSON = re.compile(r"\b(?:I|[Mm]e|[Mm]y|[Mm]yself)\b")
#: First-person words outside quotations that make a text first person.
MIN_FIRST_PERSON = 3


def narrator_name(text: str, quotes: SpanIndex, hints: Iterable[str] = ()) -> str | None:
    """The teller's name when the text is told in the first person, else None.

    >>> text = "I am Aye Chan. I joined in 2014. My unit moved in 2016."
    >>> narrator_name(text, SpanIndex([]))
    'Aye Chan'
    >>> narrator_name('He said: "I am Aye Chan. I left. I ran."', SpanIndex([(9, 40)])) is None
    True
    """
    outside = [m for m in FIRST_PERSON.finditer(text) if m.start() not in quotes]
    if len(outside) < MIN_FIRST_PERSON:
        return None
    for match in SELF_NAMING.finditer(text):
        if match.start() not in quotes:
            return match.group("name")
    for hint in hints:
        match = SELF_NAMING.search(hint)
        if match:
            return match.group("name")
    return None


def narrator_mentions(
    text: str, person: str, quotes: SpanIndex, story: SpanIndex | None = None
) -> list[Mention]:
    """Every first-person pronoun outside quotations (and inside the story) as ``person``."""
    return [
        Mention(m.start(), m.end(), m.group(), person, "pronoun", False)
        for m in FIRST_PERSON.finditer(text)
        if m.start() not in quotes and (story is None or m.start() in story)
    ]
