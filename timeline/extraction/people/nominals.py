"""Whom a nominal mention refers to: "the sergeant", "the 29-year-old", "his wife", "her
client", "the trial".

A title or an age points back to the person last mentioned with it; a kin word to the
person the text named by it ("his wife, Ana Ruiz"); "her client" and a trial no one is
named after to the defendant, the person the story names most so far.
"""

from __future__ import annotations

import re

from timeline.extraction.people.model import MentionIndex, Person

#: An age written as one word: "46-year-old" (its number in the group).
AGE = re.compile(r"\b(\d{1,3})-year-old\b")


def nominal_target(
    words: str, offset: int, index: MentionIndex, persons: dict[str, Person], res
) -> str | None:
    """The person a nominal mention ('the sergeant', 'the 29-year-old') refers to: the most
    recently mentioned person with that title or age."""
    age = AGE.match(words)
    noun = words[age.end() :].strip() if age else words
    title = res.titles.get(noun, {}).get("title")
    fitting = [
        name
        for name, person in persons.items()
        if (age and int(age.group(1)) in person.ages) or (title and title in person.titles)
    ]
    if age and not fitting:
        # A year older or younger: the age at another time of the story ("34" at the trial,
        # "the 33-year-old" in the police appeal a year before).
        near = {int(age.group(1)) - 1, int(age.group(1)) + 1}
        fitting = [name for name, person in persons.items() if person.ages & near]
    if age and not fitting and noun in res.force_words:
        # "the 46-year-old officer" of a story that gave no age: one with a rank.
        fitting = [
            name
            for name, person in persons.items()
            if not person.ages
            and any(w in res.force_words for t in person.titles for w in t.split())
        ]
    if age and not fitting:
        # "the 29-year-old said" where no age was given with a name: wire copy's way of
        # naming the one the story is about again; the most mentioned so far, age untold.
        untold = [name for name, person in persons.items() if not person.ages]
        # "That is what Captain X did. The 36-year-old from Orenburg ...": the one the last
        # sentence is about (its first mention, if by name) is the one described.
        current = index.sentences.index_of(offset)
        told = [m for m in index.in_sentence(current - 1) if not m.in_quote] if current else []
        if told and told[0].kind == "name" and told[0].person in untold:
            return told[0].person
        best = max(untold, key=lambda name: index.count_before(name, offset), default=None)
        return best if best is not None and index.count_before(best, offset) > 0 else None
    return _named_last(fitting, offset, index)


def _named_last(names: list[str], offset: int, index: MentionIndex) -> str | None:
    """Of ``names``, the one mentioned last before ``offset`` (None when none was yet)."""
    best = max(names, key=lambda name: index.last_before(name, offset), default=None)
    return best if best is not None and index.last_before(best, offset) >= 0 else None


#: "his wife", "her late husband": a kin word after a possessive, not followed by the name
#: it introduces ("his wife, Ana Ruiz," is that name's mention).
KIN_NOMINAL = re.compile(
    r"\b(?:his|her|their)\s+(?:(?:late|former|younger|elder|older)\s+)?(?P<kin>[a-z]+)\b"
    r"(?!\s*,?\s*(?-i:[A-Z]))",
    re.IGNORECASE,
)


#: "her client", as a court report's lawyer speaks of the defendant; "the trial" or "the
#: hearing" with no one named after it, the defendant's.
CLIENT = re.compile(
    r"\b(?:(?:his|her|their|my|our)\s+client|the\s+(?:trial|hearing)(?!\s+(?:of|against|into)\b))\b",
    re.IGNORECASE,
)


def client_target(offset: int, index: MentionIndex, persons: dict[str, Person]) -> str | None:
    """The person "her client" is: the one the story names most so far, not the lawyer the
    sentence names ("Defending, Ann Lee said her client had panicked")."""
    current = index.sentences.index_of(offset)
    here = {m.person for m in index.in_sentence(current) if m.start < offset}
    ranked = [name for name in persons if name not in here]
    best = max(ranked, key=lambda name: index.count_before(name, offset), default=None)
    return best if best is not None and index.count_before(best, offset) > 0 else None


def kin_target(word: str, offset: int, index: MentionIndex, persons: dict[str, Person]):
    """The person a kin mention ("his wife") refers to: the one the text named by that
    word ("his wife, Ana Ruiz") most recently mentioned before it."""
    fitting = [name for name, person in persons.items() if word in person.kin]
    return _named_last(fitting, offset, index)
