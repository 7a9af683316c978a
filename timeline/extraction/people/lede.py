"""The person a news lede describes before it names them.

Wire stories open on a description: "A North Korean soldier who crossed the estuary last
month said on Wednesday that ...", and name the soldier a paragraph or two later. The
description opening the story's lede is that person, when the next sentences name
someone the story keeps returning to.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from functools import lru_cache
from itertools import islice, pairwise

from timeline.extraction.people.model import Mention
from timeline.extraction.people.resources import PeopleResources
from timeline.text.spans import SpanIndex

#: Full sentences at the top of the story that may be the lede (a standfirst may come first).
LEDE_SENTENCES = 3
#: Words a lede has at least (a standfirst's second sentence is often short).
LEDE_WORDS = 12
#: Sentences after the lede in which the person must be named.
NAMED_WITHIN = 4
#: Name mentions that make someone a person the story keeps returning to.
RETURNED_TO = 2


#: What follows an official's name: an apposition that gives an office, then a reporting
#: verb ("Jane Roe, a spokesperson for the ministry, told reporters"). The subject speaking
#: ("Kim Chol, 34, told reporters") is not passed over.
SPEAKER_AFTER = re.compile(
    r",[^,.;]{0,60}\b(?:spokes(?:person|man|woman)|official|minister|ministry|director|"
    r"lawyer|attorney|prosecutor|secretary|commissioner|researcher|analyst|coordinator|"
    r"ambassador|governor|mayor|judge|lawmaker|representative|professor|expert|head of)\b"
    r"[^,.;]{0,60},\s+(?:told|said|says|tells|added|announced|confirmed|stated)\b",
    re.IGNORECASE,
)


@lru_cache(maxsize=4)
def _description(person_nouns: frozenset[str]) -> re.Pattern:
    """A description opening a sentence, compiled once per word list."""
    nouns = "|".join(sorted(map(re.escape, person_nouns), key=len, reverse=True))
    return re.compile(
        rf"(?:(?:[\w’'-]+\s+){{0,3}}[\w’'-]+,\s+)?"  # a time phrase first: "Early on Saturday,"
        rf"\b(?P<description>(?:A|An)\s+(?:[\w’'-]+\s+){{0,4}}?(?:{nouns})\b(?!['’]s)"
        # or any noun a relative "who" makes a person's: "A mobilised welder from Orsk who"
        rf"|(?:A|An)\s+(?:[\w’'-]+\s+){{0,3}}?[\w’'-]+(?=(?:\s+(?:from|in|of)\s+[\w’'-]+)?\s+who\b))",
        re.IGNORECASE,
    )


def lede_mentions(
    text: str,
    sentences: Sequence[tuple[int, int]],
    mentions: Sequence[Mention],
    quotes: SpanIndex,
    res: PeopleResources,
) -> list[Mention]:
    """A mention of the person named later for a description opening one of the story's
    first few long full sentences (a standfirst may come before the lede).

    >>> from timeline.extraction.people.resources import load_people_resources
    >>> text = "A police captain who fled in May said on Monday he was safe. Than Zaw, 34, ..."
    >>> names = [Mention(61, 69, "Than Zaw", "Than Zaw", "name"),
    ...          Mention(90, 98, "Than Zaw", "Than Zaw", "name")]
    >>> [m.text for m in lede_mentions(text, [(0, 60), (61, 98)], names, SpanIndex([]),
    ...     load_people_resources())]
    ['A police captain']
    """
    if not res.person_nouns:
        return []
    several = _several_described(text, sentences, mentions, quotes, res)
    if several:
        return several
    # A standfirst over the story may have no full stop, or one: the description may open
    # any of the first few long full sentences.
    description = _description(res.person_nouns)
    for first in islice(_long_full_sentences(text, sentences), LEDE_SENTENCES):
        start, end = sentences[first]
        chunk = text[start:end]
        match = description.match(text, start + len(chunk) - len(chunk.lstrip()), end)
        if match is None or match.start() in quotes:
            continue
        if any(start <= m.start < end and m.kind == "name" for m in mentions):
            return []  # the lede names its people itself
        break
    else:
        return []
    named = Counter(m.person for m in mentions if m.kind == "name" and not m.in_quote)
    limit = sentences[min(first + NAMED_WITHIN, len(sentences) - 1)][1]
    later = [
        m
        for m in sorted(mentions, key=lambda m: m.start)
        if m.kind == "name" and not m.in_quote and end <= m.start < limit
    ]
    # The first person named there who is not named as an official speaking: one quoted
    # before the subject is named ("..., Jane Roe, a ministry spokesperson, told a
    # briefing") is not whom the lede describes.
    subjects = [m for m in later if not SPEAKER_AFTER.match(text, m.end)]
    if not subjects or named[subjects[0].person] < RETURNED_TO:
        return []
    person = subjects[0].person
    span = match.span("description")
    return [Mention(*span, match.group("description"), person, "nominal")]


#: How many people a number word counts.
COUNTS = {"two": 2, "three": 3, "four": 4}
#: Between two names the text joins ("A, 39, and former Sergeant B"): an age, "and", a title.
JOINED = re.compile(r",?\s*(?:\d{1,3},\s*)?and\s+(?:[\w.’'-]+\s+){0,4}$")


def _long_full_sentences(text: str, sentences: Sequence[tuple[int, int]]) -> Iterator[int]:
    """The indices of the sentences that end as a sentence does and are long enough to be a
    lede (a standfirst may be short or have no full stop), in text order."""
    for index, (start, end) in enumerate(sentences):
        chunk = text[start:end]
        if chunk.rstrip()[-1:] in '.!?"”' and len(chunk.split()) >= LEDE_WORDS:
            yield index


@lru_cache(maxsize=4)
def _counted(person_nouns: frozenset[str]) -> re.Pattern:
    """A counted description: "two former police officers", "three soldiers"."""
    nouns = "|".join(sorted(map(re.escape, person_nouns), key=len, reverse=True))
    return re.compile(
        rf"\b(?P<count>two|three|four)\s+(?:[\w’'-]+\s+){{0,3}}?(?:{nouns})s\b", re.IGNORECASE
    )


def _several_described(
    text: str,
    sentences: Sequence[tuple[int, int]],
    mentions: Sequence[Mention],
    quotes: SpanIndex,
    res: PeopleResources,
) -> list[Mention]:
    """A lede about several people it counts before it names them ("A tribunal on Tuesday
    sentenced two former police officers to death in absentia.") and the next sentence
    naming that many, joined by "and" ("Captain A, 39, and Sergeant B, 30, were ..."):
    one mention for each, at the description."""
    counted = _counted(res.person_nouns)
    followed = (i for i in _long_full_sentences(text, sentences) if i + 1 < len(sentences))
    for first in islice(followed, LEDE_SENTENCES):
        start, end = sentences[first]
        match = counted.search(text, start, end)
        if match is None or match.start() in quotes:
            continue
        if any(start <= m.start < end and m.kind == "name" for m in mentions):
            return []  # the lede names its people itself
        following = sentences[first + 1]
        names = [m for m in mentions if following[0] <= m.start < following[1] and m.kind == "name"]
        joined = names[:1]
        for left, right in pairwise(names):
            if right.person in {m.person for m in joined}:
                break
            if (
                not JOINED.fullmatch(text, left.end, right.start)
                and not text[left.end : right.start].strip(" ,").isdigit()
            ):
                break
            joined.append(right)
        wanted = COUNTS[match.group("count").lower()]
        if len({m.person for m in joined}) != wanted:
            return []
        return [
            Mention(match.start(), match.end(), match.group(0), m.person, "nominal") for m in joined
        ]
    return []
