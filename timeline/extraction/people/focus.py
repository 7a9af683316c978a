"""Which of a sentence's mentions it is about, for a pronoun in a later sentence.

In "Her cousin, X, was detained" or "Y's cousin, X, ..." the sentence is about X; after a
semicolon the last clause is the latest ("X was killed; Y says he carried him back"); and
a possessive name in a time phrase ("after X's speech") only dates the sentence, as a
parent named in the description that opens a sentence ("the son of Y, he ...") only
describes the pronoun's person. A
quotation that tells of "he" hands that "he" on past its speaker: "'He packed a bag,' X
said. He crossed the border" is about whom the quote is about. A woman shown within reach
is whom "she" is before one whose gender nothing told.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from timeline.extraction.people.resources import load_people_resources

if TYPE_CHECKING:
    from timeline.extraction.people.model import Mention


def apposed_first(mentions: list[Mention], text: str) -> list[Mention]:
    """``mentions`` with a name set in apposition to a possessed noun before its owner: in
    "Her cousin, X, was detained" or "Y's cousin, X, ..." the sentence is about X, not Y."""
    owner = mentions[0] if len(mentions) > 1 else None
    if owner is None or not (owner.text.lower() in POSSESSIVES or OWNS.match(text, owner.end)):
        return mentions
    named = mentions[1]
    if named.kind != "name" or not POSSESSED_APPOSITION.fullmatch(text, owner.end, named.start):
        return mentions
    return [named, owner, *mentions[2:]]


#: Possessive pronouns that can open a subject ("his elder brother, X,").
POSSESSIVES = frozenset({"his", "her", "their"})
#: From a possessive to the name in apposition: one to three lower-case words, a comma,
#: perhaps a short honorific the name goes without ("his brother, Ko X").
POSSESSED_APPOSITION = re.compile(
    r"(?:['’]s)?\s+(?:[a-z’'-]+\s+){0,2}[a-z’'-]+,\s+(?:[A-Z][a-z]{0,3}\.?\s+)?"
)
#: A name's possessive ending: "Y's cousin".
OWNS = re.compile(r"['’]s\s")


def last_clause_first(
    mentions: list[Mention], text: str, sentence: tuple[int, int]
) -> list[Mention]:
    """``mentions`` of one sentence with those after its last semicolon first."""
    cut = text.rfind(";", *sentence) if text else -1
    if cut < 0:
        return mentions
    return [m for m in mentions if m.start > cut] + [m for m in mentions if m.start < cut]


#: A time phrase that a possessive name opens: "after X's speech", "since X's arrest".
TIME_POSSESSOR = re.compile(
    r"\b(?i:after|before|since|following|until|during|ahead\s+of)\s+(?:the\s+)?"
    r"(?:[A-Z][\w’'.-]*\s+){0,3}$"
)


def dates_only(mention: Mention, text: str) -> bool:
    """Whether ``mention`` is a possessive name in a time phrase ("after X's speech")."""
    start = max(0, mention.start - 40)
    return text.startswith(("'s", "’s"), mention.end) and bool(
        TIME_POSSESSOR.search(text, start, mention.start)
    )


#: First-person words: a quotation with one is also about its speaker.
FIRST_PERSON = re.compile(r"\b(?:I|me|my|we|us|our)\b")


def quoted_about(text: str, sentence: tuple[int, int], pronoun: str) -> bool:
    """Whether the sentence ends a quotation that tells of ``pronoun`` ("he", "she") and
    nothing of its speaker: the pronoun after it goes on with the one the quote is about.
    The quotation may have opened in a sentence before."""
    word = re.match(r"[A-Za-z]+", pronoun)
    if word is None or word[0].lower() not in ("he", "she"):
        return False
    segment = text[sentence[0] : sentence[1]]
    close = max(segment.rfind("”"), segment.rfind('"'))
    if close < 0:
        return False
    quoted = segment[max(segment.rfind("“", 0, close), segment.rfind('"', 0, close)) + 1 : close]
    if FIRST_PERSON.search(quoted):
        return False
    return re.search(rf"\b{word[0]}\b", quoted, re.IGNORECASE) is not None


@lru_cache(maxsize=1)
def _kin_of() -> re.Pattern:
    """A kin noun and "of", then up to six words before the parent's name: "the eldest son
    of a retired docker, U ". Built on first use: the word list is read then, not on import."""
    return re.compile(
        rf"\b(?i:{'|'.join(sorted(load_people_resources().offspring))})\s+of\s+"
        r"(?:[\w’'-]+,?\s+){0,6}$"
    )


#: The comma that closes the description, before the pronoun.
CLOSING_COMMA = re.compile(r",\s*")
#: A subject pronoun.
SUBJECT_PRONOUN = re.compile(r"(?:he|she)\b", re.IGNORECASE)


def describes_subject(mention: Mention, offset: int, text: str) -> bool:
    """Whether ``mention`` is the parent in a description that the subject pronoun at
    ``offset`` closes: in "Born in a port town, the son of a fisherman, Y, he joined the
    navy" the one who joined is the son, not Y."""
    return bool(
        CLOSING_COMMA.fullmatch(text, mention.end, offset)
        and SUBJECT_PRONOUN.match(text, offset)
        and _kin_of().search(text, max(0, mention.start - 70), mention.start)
    )


def known_within(index, previous: int, offset: int, persons, gender: str, compatible, reach: int):
    """The person of ``gender`` mentioned last in the sentences up to ``reach``
    before ``offset``, going back from sentence ``previous``, or None."""
    first = max(index.sentences.index_of(offset) - reach, 0)
    for number in range(previous, first - 1, -1):
        for mention in reversed(index.in_sentence(number)):
            if compatible(mention) and persons[mention.person].gender == gender:
                return mention.person
    return None
