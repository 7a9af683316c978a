"""People referred to together: "the couple", "both men", and "they" after a group.

"A and B left in May. They were caught on 3 June": "they" is A and B; "the couple" and
"both men" are the two people named together last, "the three" the three people the
sentence before names; "he and two other soldiers" is a group with only him named.
"""

from __future__ import annotations

import re
from itertools import pairwise

from timeline.extraction.people.model import Mention, MentionIndex
from timeline.extraction.people.resources import PeopleResources
from timeline.text.spans import SpanIndex

#: The nouns of two people together, an adjective allowed before: "both young men".
PAIR_NOUNS = (
    r"(?:[a-z]+\s+)?(?:men|women|brothers|sisters|officers|soldiers|friends|prisoners|"
    r"conscripts|deserters|defectors|sailors|pilots|guards|cousins)"
)
#: Two people referred to together: "the couple", "the pair", "both men", "the two brothers",
#: and "both" or "the two" as a subject ("both refused", "Both were held").
PAIR = re.compile(
    rf"\b(?:the\s+(?:couple|pair)|both\s+(?:of\s+them|{PAIR_NOUNS})|"
    rf"the\s+two\s+{PAIR_NOUNS}|"
    r"(?:the\s+two|both)(?=\s+(?:had|have|has|were|was|are|is|would|will|[a-z]+ed)\b))\b",
    re.IGNORECASE,
)


#: Two people the sentence counts without naming them: "two inmates", "two of the guards".
UNNAMED_PAIR = re.compile(r"\b(?i:two)\s+(?:of\s+(?:the|his|her|their)\s+)?[a-z]+", re.ASCII)
#: Sentences back where the two people of "the couple" are looked for.
PAIR_REACH = 8
#: ... and where a pair the text named together ("A and his friend B", "both young men") is
#: still the one "the two friends" means, past a paragraph of background.
TOGETHER_REACH = 16
#: Three to five people referred to together: "the three had fled", "all four officers".
COUNTED = re.compile(
    rf"\b(?:the|all)\s+(?P<count>three|four|five)(?:\s+{PAIR_NOUNS}\b|(?=\s+(?:had|have|has|"
    r"were|are|would|will)\b))",
    re.IGNORECASE,
)
COUNTS = {"three": 3, "four": 4, "five": 5}


def pair_mentions(
    text: str,
    index: MentionIndex,
    quotes: SpanIndex,
    groups: list[tuple[int, int, tuple[str, ...]]],
) -> list[Mention]:
    """ "The couple left in May": one mention for each of the two people last named together
    ("A and B", or an earlier "the couple"), else of the two people mentioned last (by name
    or pronoun), within ``PAIR_REACH`` sentences before, at the same place in the text."""
    found = []
    couples = [g for g in groups if len(g[2]) == 2]
    for match in PAIR.finditer(text):
        if match.start() in quotes:
            continue
        current = index.sentences.index_of(match.start())
        if match.group(0).lower() in ("both", "the two") and UNNAMED_PAIR.search(
            text, index.sentences.span(current)[0], match.start()
        ):
            continue  # "two inmates climbed over the wall; both were caught": those two
        together = [g for g in couples if g[0] < match.start() and current - g[1] <= TOGETHER_REACH]
        if together:
            for person in together[-1][2]:
                found.append(Mention(match.start(), match.end(), match.group(0), person, "nominal"))
            couples.append((match.start(), current, together[-1][2]))
            continue
        people = _named_last(index, current, match.start())
        if len(people) >= 2:
            for person in people[:2]:
                found.append(Mention(match.start(), match.end(), match.group(0), person, "nominal"))
            # "Both men" later means these two again, whoever else was named in between.
            couples.append((match.start(), current, tuple(people[:2])))
    for match in COUNTED.finditer(text):
        # "The three had fled": the three people named last, when one sentence names them
        # all (the story has just told of them together).
        count = COUNTS[match.group("count").lower()]
        current = index.sentences.index_of(match.start())
        if match.start() in quotes or current < 1:
            continue
        people = _named_last(index, current - 1, len(text), reach=0)
        if len(people) == count:
            for person in people:
                found.append(Mention(match.start(), match.end(), match.group(0), person, "nominal"))
    return found


def _named_last(index: MentionIndex, current: int, before: int, reach: int = PAIR_REACH) -> list:
    """The people named or referred to by a pronoun last before ``before``, going back from
    sentence ``current`` by up to ``reach`` sentences, latest first."""
    people: list[str] = []
    for number in range(current, max(current - reach - 1, -1), -1):
        for mention in reversed(index.in_sentence(number)):
            if (
                mention.start < before
                and mention.kind in ("name", "pronoun")
                and mention.person not in people
                and not mention.in_quote
            ):
                people.append(mention.person)
    return people


#: What joins two names into one group: "A and B", "A and his wife, B", "A, with B",
#: "Private A and Corporal B" (a rank or title of one or two words before the second name).
COORDINATED = re.compile(
    r"^\s*,?\s*(?:and|&|with|together with)\s+(?:(?:his|her|their)\s+[a-z-]+\s*,?\s*)?"
    r"(?:[A-Z][a-z]+\.?\s+){0,2}$"
)
#: Sentences back that a group stays what "they" means; up to ``PAIR_REACH`` while the
#: sentences between name no one else.
GROUP_REACH = 3


#: "A and two other soldiers", "he and his comrades": a person with others nobody names.
WITH_OTHERS = re.compile(
    r"\s+and\s+(?:(?:(?:two|three|four|five|six|seven|eight|nine|ten|several|a few|\d+)\s+)?"
    r"(?:other|fellow)\s+[a-z]+|(?:his|her)\s+(?:comrades|friends|companions|colleagues|men|"
    r"fellow\s+[a-z]+))\b"
)


def named_groups(text: str, index: MentionIndex) -> list[tuple[int, int, tuple[str, ...]]]:
    """Two people named together ("A and B"), or one with others nobody names ("he and two
    other soldiers"), as (start, sentence number, people)."""
    groups = []
    for number in sorted(index.by_sentence):
        mentions = [m for m in index.in_sentence(number) if not m.in_quote]
        named = [m for m in mentions if m.kind == "name"]
        for first, second in pairwise(named):
            if first.person != second.person and COORDINATED.match(text[first.end : second.start]):
                groups.append((first.start, number, (first.person, second.person)))
        for mention in mentions:
            if mention.kind in ("name", "pronoun") and WITH_OTHERS.match(text, mention.end):
                groups.append((mention.start, number, (mention.person,)))
    return sorted(groups)


def they_mentions(
    text: str,
    index: MentionIndex,
    quotes: SpanIndex,
    pairs: list[Mention],
    named_groups: list[tuple[int, int, tuple[str, ...]]],
    res: PeopleResources,
) -> list[Mention]:
    """ "A and B left in May. They were caught on 3 June": "they" opening a sentence
    (after at most a time phrase, ``res.they_pattern``) means the people last named
    together (coordinated, or "the couple"), when that was at most ``GROUP_REACH``
    sentences before, or further back while nobody else is named outside quotations in
    between; one mention for each, at the same place."""
    groups = list(named_groups)  # grows below as each "they" becomes a group in turn
    by_place: dict[int, list[str]] = {}
    for mention in pairs:
        by_place.setdefault(mention.start, []).append(mention.person)
    for start, people in by_place.items():
        groups.append((start, index.sentences.index_of(start), tuple(people)))
    groups.sort()
    found: list[Mention] = []
    for sentence in range(len(index.sentences)):
        begin, end = index.sentences.span(sentence)
        words = text[begin:end]
        skipped = len(words) - len(words.lstrip())
        match = res.they_pattern.match(words[skipped:])
        if match is None:
            continue
        start, stop = begin + skipped + match.start(1), begin + skipped + match.end(1)
        earlier = [
            g
            for g in groups
            if g[0] < start
            and (
                sentence - g[1] <= GROUP_REACH
                or (sentence - g[1] <= PAIR_REACH and _only_they_named(index, g, sentence))
            )
        ]
        if start in quotes or not earlier:
            continue
        for person in earlier[-1][2]:
            found.append(Mention(start, stop, match.group(1), person, "nominal"))
        groups.append((start, sentence, earlier[-1][2]))
        groups.sort()
    return found


def _only_they_named(
    index: MentionIndex, group: tuple[int, int, tuple[str, ...]], sentence: int
) -> bool:
    """Whether the sentences after a group's and before ``sentence`` name (outside
    quotations) only people of the group."""
    return all(
        m.person in group[2]
        for number in range(group[1] + 1, sentence)
        for m in index.in_sentence(number)
        if m.kind == "name" and not m.in_quote
    )
