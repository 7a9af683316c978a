"""The person a news lede describes before it names them.

Wire stories open on a description: "A North Korean soldier who crossed the estuary last
month said on Wednesday that ...", and name the soldier a paragraph or two later. The
description in the story's first sentence is that person, when the next sentences name
someone the story keeps returning to.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from timeline.extraction.people.model import Mention
from timeline.extraction.people.resources import PeopleResources
from timeline.text.spans import SpanIndex

#: How far into the first sentence the description may begin (after a dateline).
LEDE_REACH = 80
#: Sentences after the lede in which the person must be named.
NAMED_WITHIN = 4
#: Name mentions that make someone a person the story keeps returning to.
RETURNED_TO = 2


def _description(res: PeopleResources) -> re.Pattern:
    nouns = "|".join(sorted(map(re.escape, res.person_nouns), key=len, reverse=True))
    return re.compile(rf"\b(?:A|An)\s+(?:[\w’'-]+\s+){{0,4}}?(?:{nouns})\b(?!['’]s)", re.IGNORECASE)


def lede_mentions(
    text: str,
    sentences: Sequence[tuple[int, int]],
    mentions: Sequence[Mention],
    quotes: SpanIndex,
    res: PeopleResources,
) -> list[Mention]:
    """A mention of the person named later for a description opening the story's first
    full sentence.

    >>> from timeline.extraction.people.resources import load_people_resources
    >>> text = "A police captain who fled in May said on Monday he was safe. Than Zaw, 34, ..."
    >>> names = [Mention(61, 69, "Than Zaw", "Than Zaw", "name"),
    ...          Mention(90, 98, "Than Zaw", "Than Zaw", "name")]
    >>> [m.text for m in lede_mentions(text, [(0, 60), (61, 98)], names, SpanIndex([]),
    ...     load_people_resources())]
    ['A police captain']
    """
    # A standfirst over the story has no full stop; the lede is the first sentence that does.
    ends = [i for i, (s, e) in enumerate(sentences) if text[s:e].rstrip()[-1:] in '.!?"”']
    if not ends or not res.person_nouns:
        return []
    first = ends[0]
    start, end = sentences[first]
    match = _description(res).search(text, start, min(end, start + LEDE_REACH))
    if match is None or match.start() in quotes:
        return []
    if any(start <= m.start < end and m.kind == "name" for m in mentions):
        return []  # the lede names its people itself
    named = Counter(m.person for m in mentions if m.kind == "name" and not m.in_quote)
    limit = sentences[min(first + NAMED_WITHIN, len(sentences) - 1)][1]
    later = [
        m
        for m in sorted(mentions, key=lambda m: m.start)
        if m.kind == "name" and not m.in_quote and end <= m.start < limit
    ]
    if not later or named[later[0].person] < RETURNED_TO:
        return []
    person = later[0].person
    return [Mention(match.start(), match.end(), match.group(0), person, "nominal")]
