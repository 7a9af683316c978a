"""Who serves: the people a text describes as members of an armed force or police.

The description stands just before a name ("riot police officer Ivan Sokol") or in an
apposition after it ("Olga Wren, a former police lieutenant, ..."), or the name carries a
rank ("Sgt. Ko Ko"). What such a person does can mean more than the same act of anyone
else: a sergeant who resigns defects, a chief executive who resigns does not.
"""

from __future__ import annotations

import re

from timeline.extraction.people.model import People
from timeline.extraction.people.resources import PeopleResources

#: The word just before a name, in the same sentence.
WORD_BEFORE = re.compile(r"([\w’'-]+)\s+$")
#: "Olga Wren, 34, a former police lieutenant,": the apposition after a name, up to its comma.
APPOSITION = re.compile(
    r",\s+(?:\d{1,3},\s+)?(?:now\s+|then\s+|formerly\s+)?(?:a|an|the)\s+([^,.;:\n]{1,80})",
    re.IGNORECASE,
)


def uniformed(people: People, text: str, res: PeopleResources) -> frozenset[str]:
    """Names of the people ``text`` describes as serving in an armed force or police."""
    found = {
        name
        for name, person in people.persons.items()
        if any(word in res.force_words for title in person.titles for word in title.split())
    }
    for mention in people.mentions:
        if mention.kind != "name" or mention.person in found:
            continue
        before = WORD_BEFORE.search(text, max(0, mention.start - 40), mention.start)
        words = [before.group(1).lower()] if before else []
        after = APPOSITION.match(text, mention.end)
        if after:
            words += after.group(1).lower().split()
        if any(word in res.force_words for word in words):
            found.add(mention.person)
    return frozenset(found)


#: The head of an apposition's description: its words up to a preposition, a relative word
#: or the end ("a former senior lieutenant of the district police": "lieutenant").
DESCRIPTION_HEAD = re.compile(
    r"^((?:[\w’'-]+\s+){0,3}?[\w’'-]+)(?=\s+(?:of|in|at|from|with|for|"
    r"on|who|whom|whose|that|and|since)\b|\s*$)",
    re.IGNORECASE,
)


def apposition_title(text: str, end: int, res: PeopleResources) -> str | None:
    """The rank or office an apposition after the name ending at ``end`` gives, as its
    title: "Olga Wren, a former police lieutenant, ..." is a lieutenant, so "the
    lieutenant" is she. None when the description's head is no title ("the wife of a
    captain")."""
    after = APPOSITION.match(text, end)
    head = DESCRIPTION_HEAD.match(after.group(1)) if after else None
    if head is None:
        return None
    entry = res.titles.get(head.group(1).split()[-1].lower())
    # Only a word that is a title written in lower case too: "a former army officer" is no
    # rank, as "the officer" may be any of them.
    return entry["title"] if entry and not entry.get("capitalised") else None
