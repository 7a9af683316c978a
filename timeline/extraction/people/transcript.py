"""Who "I" is in an interview printed as a transcript.

An interview's answers open with their speaker's label ("Ana Ruiz: I left the base in
May."). Every first-person pronoun outside quotations in an answer (from its label to the
next label, in the story) is a mention of the person the label names. An answer labelled
only "A:" is left alone: guessing its speaker (the person named most) went wrong as often
as right on our annotated articles.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from timeline.extraction.people.model import Mention
from timeline.extraction.people.narrator import FIRST_PERSON
from timeline.text.spans import SpanIndex

#: A speaker's label opening a line: one to four capitalised words or initials, a colon.
LABEL = re.compile(r"^[ \t]*(?P<label>[A-Z][\w’'.-]*(?:[ \t]+[A-Z][\w’'.-]*){0,3}):[ \t]+", re.M)
#: A transcript's answers: two at least by one speaker, so a lone "Note: I ..." is none.
MIN_ANSWERS = 2


def transcript_mentions(
    text: str, named: Sequence[Mention], quotes: SpanIndex, story: SpanIndex | None = None
) -> list[Mention]:
    """Each first-person pronoun outside quotations in an answer, as its speaker.

    >>> text = "Q: Why?\\nAna Ruiz: I was afraid.\\nQ: And then?\\nAna Ruiz: My unit left."
    >>> named = [Mention(8, 16, "Ana Ruiz", "Ana Ruiz", "name"),
    ...          Mention(45, 53, "Ana Ruiz", "Ana Ruiz", "name")]
    >>> [(m.text, m.person) for m in transcript_mentions(text, named, SpanIndex([]))]
    [('I', 'Ana Ruiz'), ('My', 'Ana Ruiz')]
    """
    at = {m.start: m.person for m in named if m.kind == "name"}
    labels = [match for match in LABEL.finditer(text) if story is None or match.start() in story]
    answers: list[tuple[int, int, str]] = []
    ends = [match.start() for match in labels[1:]] + [len(text)] * bool(labels)
    for match, end in zip(labels, ends, strict=True):
        person = at.get(match.start("label"))
        if person is not None:
            answers.append((match.end(), end, person))
    answering = Counter(person for _, _, person in answers)
    return [
        Mention(m.start(), m.end(), m.group(), person, "pronoun", False)
        for start, end, person in answers
        if answering[person] >= MIN_ANSWERS
        for m in FIRST_PERSON.finditer(text, start, end)
        if m.start() not in quotes and (story is None or m.start() in story)
    ]
