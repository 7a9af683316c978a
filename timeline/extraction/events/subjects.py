"""Who a dated clause is about: its subject, the names joined to it, or the sentence's.

The person is the mention nearest before the trigger (the subject, in English word
order), else the first person the clause names; names after a preposition are
objects, and a clause without a subject of its own shares the sentence's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from timeline.extraction.events.lexicon import Trigger
from timeline.extraction.events.triggers import inside_any
from timeline.extraction.people import Mention, load_people_resources
from timeline.extraction.temporal import Timex
from timeline.text.spans import SpanIndex

#: A name right after one of these is an object, not who the clause is about.
OBJECT_BEFORE = re.compile(
    r"\b(?:with|against|to|from|of|for|about|than|at|into|toward|towards|behind)\s+"
    r"(?P<between>(?:(?:[A-Z][\w.’'-]*|the|and|of)\s+)*)$"
)


def is_object(mention: Mention, text: str) -> bool:
    """A name right after a preposition, titles allowed between ('with Vice President X').

    Two or more other capitalised words between ("of Apple Inc. Steve Jobs")
    make it an appositive after a noun phrase, not an object.
    """
    match = OBJECT_BEFORE.search(text[max(0, mention.start - 60) : mention.start])
    if not match:
        return False
    titles = load_people_resources().titles
    words = [w.strip(".").lower() for w in match.group("between").split()]
    others = [w for w in words if w not in titles and w not in ("the", "and", "of")]
    return len(others) <= 1


def choose_person(
    mentions: Sequence[Mention],
    trigger: Trigger | None,
    relatives: Sequence[tuple[int, int]],
    quotes: SpanIndex,
    text: str,
) -> Mention | None:
    """Whom a clause is about: the last mention before its trigger (outside other relative
    clauses), else the first after it; without a trigger the first outside quotations and
    relative clauses. An object of a preposition is never chosen."""
    if not mentions:
        return None
    mentions = [m for m in mentions if not is_object(m, text)]
    mentions = [m for m in mentions if not _owner_of_named(m, mentions, text)]
    if not mentions:
        return None
    if trigger is not None:
        trigger_relative = inside_any(trigger.start, relatives)
        before = [
            m
            for m in mentions
            if m.end <= trigger.start
            and (inside_any(m.start, relatives) in (None, trigger_relative))
        ]
        if before:
            return before[-1]
        after = [m for m in mentions if m.start >= trigger.end]
        if after:
            return after[0]
    outside = [
        m
        for m in mentions
        if not inside_any(m.start, quotes) and not inside_any(m.start, relatives)
    ]
    return (outside or list(mentions))[0]


#: Between a possessive and the name its noun phrase gives: "his friend [Timur Sadykov]".
POSSESSED_NOUN = re.compile(r"^\s+(?:[a-z][\w-]*\s+){1,3}$")
POSSESSIVES = frozenset({"his", "her", "their", "my", "our", "your"})


def _owner_of_named(mention: Mention, mentions: Sequence[Mention], text: str) -> bool:
    """A possessive whose noun phrase names someone else ("His friend Timur Sadykov ...",
    "my brother Ko Ko"): the phrase is about that person, not the owner."""
    if mention.kind == "name" or mention.text.lower() not in POSSESSIVES:
        return False
    return any(
        m.kind == "name" and POSSESSED_NOUN.match(text[mention.end : m.start])
        for m in mentions
        if m.start > mention.end
    )


#: ", Y", " and Y", ", and Y", after the first one's age (", 54,") and before the second
#: one's kin phrase ("and his sister's son Y") or title ("and Sgt. Y"); the first may have a
#: relative clause in commas ("X, who led the unit, and his deputy, Y").
COORDINATION = re.compile(
    r"^(?:\s*,\s*\d{1,3}\s*)?(?:\s*,\s*(?:who|whose)\s[^,;.()]{1,120}?)?"
    r"\s*(?:,\s*(?:and\s+)?|and\s+)"
    r"(?:(?:his|her|their)\s+(?:[a-z]+['’]s\s+)?[a-z-]+\s*,?\s+)?"
    r"(?P<titles>(?:[A-Z][\w.]*\s+){0,3})$"
)


#: A fronted source before a name: "According to Rep. X, Y ...", "according to X and Z, Y".
SOURCE_BEFORE = re.compile(r"\b[Aa]ccording\s+to\s+(?:(?:[^,.;\n]|\b[A-Z][a-z]{0,3}\.){0,60}?\s)?$")


def _joins(gap: str) -> bool:
    """Whether the text between two names joins them: a comma or "and", then at most the
    second one's title or kin phrase ("X, Junior Sergeant Y and Z", "X, 54, and his
    sister's son Y")."""
    match = COORDINATION.match(gap)
    if match is None:
        return False
    titles = match.group("titles").strip()
    return not titles or bool(load_people_resources().title_pattern.match(titles + " "))


def coordinated(mention: Mention, mentions: Sequence[Mention], text: str) -> list[Mention]:
    """A mention and the names joined to it by 'and' or commas ('X and Y', 'X, Y and Z')."""
    # "The couple": one mention per person at the same place.
    group = [m for m in mentions if (m.start, m.end) == (mention.start, mention.end)] or [mention]
    ordered = sorted(mentions, key=lambda m: m.start)
    index = ordered.index(mention)
    for step in (-1, 1):
        current, position = mention, index + step
        while 0 <= position < len(ordered):
            other = ordered[position]
            if other.kind == "pronoun" and other.text.lower() in POSSESSIVES:
                position += step  # "and his sister's son Y": the kin phrase's "his"
                continue
            left, right = (other, current) if step < 0 else (current, other)
            if other.kind != "name" or not _joins(text[left.end : right.start]):
                break
            if SOURCE_BEFORE.search(text, max(0, left.start - 80), left.start):
                break  # "According to Kwon, Han fled": the source is no one the list joins
            if current.kind == "pronoun" and step < 0 and "and" not in text[left.end : right.start]:
                break  # "helped by a woman he calls Piao, he crossed": a phrase ends there
            group.append(other)
            current, position = other, position + step
    people, unique = set(), []
    for m in sorted(group, key=lambda m: m.start):
        if m.person not in people:
            people.add(m.person)
            unique.append(m)
    return unique


CLAUSE_LEAD = re.compile(r"(?:[\s,]|\b(?:and|but|then|also|later|or|so)\b)*", re.I)
DATE_LEAD = re.compile(r"(?:on|in|at|by)\s+$", re.I)


def shares_subject(text: str, clause_start: int, timex: Timex, verbs: set[int]) -> bool:
    """A later clause with no subject of its own ("... and escaped on 6 September").

    After leading conjunctions (and the clause's own date, "and on 6 May fled"),
    the clause must open with a verb; "two months after the military seized
    power" has a subject of its own and does not borrow the sentence's.
    """
    if clause_start == 0:
        return False
    position = CLAUSE_LEAD.match(text, clause_start).end()
    lead = text[position : timex.start]
    if timex.start >= position and (not lead.strip() or DATE_LEAD.fullmatch(lead)):
        position = CLAUSE_LEAD.match(text, timex.end).end()
    return position in verbs
