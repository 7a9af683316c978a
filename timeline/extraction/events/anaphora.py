"""Who a dated event about nobody named is about, when an earlier sentence told it of someone.

"A court has sentenced Jane Roe to eight years. The regional court handed down the
sentence on Tuesday after a closed trial." The second sentence names no one, but "the
sentence" is the one just told of Jane Roe: the dated event is hers. An event with no
person takes the person of a recent sentence that signals the same type of happening
and names exactly one person.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Sequence

from timeline.extraction.events.lexicon import Lexicon
from timeline.extraction.people import People, load_people_resources

#: Types that can be told twice, the second time as "the sentence", "the arrest".
CARRIED_TYPES = frozenset(
    {"defection", "escape", "arrest", "imprisonment", "sentence", "release", "deployment", "death"}
)
#: How many sentences back the first telling may lie.
REACH = 3
#: "he" or "she" as a clause's subject: the one carried to it must not be of the other gender.
SUBJECT_PRONOUN = re.compile(r"(?<![\w’'-])(he|she)(?![\w’'-])", re.IGNORECASE)


def carry_people(
    events: Sequence,
    text: str,
    sentences: Sequence[tuple[int, int]],
    people: People,
    lexicon: Lexicon,
) -> list:
    """``events`` with each personless event of a carried type given the one person an
    earlier sentence of the same type names (see the module docstring); one that person
    already has, of that type and day, is dropped."""
    starts = [start for start, _ in sentences]
    told = {(e.person, e.event_type, e.timex.value[:10]) for e in events if e.person}
    result = []
    for event in events:
        if event.person or event.event_type not in CARRIED_TYPES:
            result.append(event)
            continue
        index = bisect.bisect_right(starts, event.start) - 1
        mention = None
        for earlier in range(index - 1, max(-1, index - 1 - REACH), -1):
            start, end = sentences[earlier]
            if not any(t.type == event.event_type for t in lexicon.triggers(text, start, end)):
                continue
            named = {m.person: m for m in people.in_span(start, end)}
            if len(named) == 1:
                mention = next(iter(named.values()))
            break
        if mention is not None and _other_gender(event, text, people.persons[mention.person]):
            # "Marr was arrested that afternoon. He was taken back into custody the next
            # day.": the arrest told again is not hers.
            mention = None
        if mention is None:
            result.append(event)
            continue
        if (mention.person, event.event_type, event.timex.value[:10]) in told:
            continue  # that person's event of that day is already told: one happening
        result.append(
            dataclasses.replace(
                event, person=mention.person, person_kind=mention.kind, mention=mention
            )
        )
    return result


def _other_gender(event, text: str, person) -> bool:
    """Whether the event's clause says "he" or "she" and the person is of the other gender."""
    if person.gender not in ("m", "f"):
        return False
    genders = load_people_resources().pronouns
    said = {
        genders[m.group(1).lower()] for m in SUBJECT_PRONOUN.finditer(text, event.start, event.end)
    }
    return bool(said) and person.gender not in said


def drop_told_again(events: Sequence) -> list:
    """``events`` without a personless event of a carried type whose date and type a named
    event of the document has: "Two soldiers defected on Monday. ... Captain Jane Roe
    left her base on Monday" tells one happening, hers."""
    named = {(e.event_type, e.timex.value[:10]) for e in events if e.person}
    return [
        e
        for e in events
        if e.person
        or e.event_type not in CARRIED_TYPES
        or (e.event_type, e.timex.value[:10]) not in named
    ]
