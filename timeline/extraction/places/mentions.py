"""Place names in a stretch of text, each with its role: where someone went, came from,
or where something happened.

Names come from spaCy's GPE, LOC and FAC entities and, because the small model misses
many towns, from capitalised words after a role word ("in Pyay", "into the town of
Kalay") that the gazetteer knows. The role is read off the dependency parse where the
sentence has one (the preposition the name hangs on, and what that preposition hangs
on), else off the words just before the name.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from timeline.extraction.places.resources import PlaceWords, place_words

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from timeline.extraction.nlp import Entity

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
#: Dependency labels of a name that only describes a noun ("Myanmar's army", "Myanmar
#: police officers"): no place of an event.
MODIFIER_DEPS = frozenset({"poss", "compound", "amod", "nmod", "npadvmod"})
NAME = r"[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’-]*|al|el|de|del|la|do|da)){0,3}"
#: Closing a dateline: "YANGON, Aug 18 (Monitor) --", "CHAMPHAI, India -".
DATELINE = re.compile(
    r"^(?P<town>[A-Z][A-Z'’.-]+(?: [A-Z][A-Z'’.-]+){0,2}),"
    r"(?: (?P<country>[A-Z][a-z]+(?: [A-Z][a-z]+)?),)?"
    r"(?: [A-Z][a-z]{2,4}\.? \d{1,2})?(?: \([^)]{1,40}\))? ?(?:--|[-–—:])\s"
)


@dataclass(frozen=True)
class PlaceMention:
    """A place name in the text and what the clause makes of it."""

    start: int
    end: int
    text: str
    #: "destination", "origin", "location", "near", or "" when no role word says.
    role: str
    #: Preceded by a word for part of an area ("northern Shan State").
    part: bool = False
    #: The name hangs (through its preposition) on the predicate the date belongs to.
    attached: bool = False
    #: Written with a region word ("Kayin State"): only a region can be meant.
    region: bool = False


def dateline(text: str, paragraph_start: int) -> PlaceMention | None:
    """The town of a dateline opening the paragraph at ``paragraph_start``, if any.

    >>> dateline("YANGON, Aug 18 (Monitor) -- Captain Tun left.", 0).text
    'YANGON'
    >>> dateline("CHAMPHAI, India - Three officers crossed.", 0).text
    'CHAMPHAI'
    >>> dateline("In June, he left.", 0) is None
    True
    """
    found = DATELINE.match(text, paragraph_start)
    if found is None:
        return None
    return PlaceMention(found.start("town"), found.end("town"), found.group("town"), "location")


def find_mentions(
    text: str,
    start: int,
    end: int,
    entities: Sequence[Entity],
    known: Callable[[str], bool],
    excluded: Sequence[tuple[int, int]] = (),
    parsed: tuple[int, Doc] | None = None,
    predicate: Token | None = None,
) -> list[PlaceMention]:
    """The place names in ``text[start:end]`` with their roles, in text order.

    ``known`` tells whether the gazetteer has a name (for names spaCy did not tag);
    ``excluded`` spans (people's names) are never places; ``parsed`` is the sentence's
    (offset, Doc) and ``predicate`` the token the event's date belongs to.
    """
    words = place_words()
    spans = [
        (e.start_char, e.end_char)
        for e in entities
        if e.label_ in PLACE_LABELS and start <= e.start_char and e.end_char <= end
    ]
    extra = _after_role_words(text, start, end, words, known)
    extra = [span for span in extra if not _overlaps(span, spans)]
    # A one-word "person" right after a role word that the gazetteer knows is a town the
    # tagger took for a name ("outside Pyay"); full names stay people.
    full_names = [(a, b) for a, b in excluded if " " in text[a:b].strip()]
    found = []
    for s, e in sorted(spans + extra):
        s, e = _trimmed(text, s, e)
        if e <= s or not text[s].isupper():
            continue
        if _overlaps((s, e), full_names if (s, e) in extra else excluded):
            continue
        if text[s:e].lower() in words.not_places:
            continue
        if parsed is None and text.startswith(("'s", "’s"), e):
            continue  # "Myanmar's army": only the parse tells "at Ankara's airport" apart
        e, region = _with_region_word(text, e, words)
        mention = _read_role(text, s, e, region, words, parsed, predicate)
        if mention is not None:
            found.append(mention)
    return found


def _overlaps(span: tuple[int, int], spans: Sequence[tuple[int, int]]) -> bool:
    return any(span[0] < b and a < span[1] for a, b in spans)


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    if text.startswith(("the ", "The "), start):
        start += 4
    while end > start and text[end - 1] in ".,;:'’":
        end -= 1
    return start, end


def _with_region_word(text: str, end: int, words: PlaceWords) -> tuple[int, bool]:
    """Extend a name over a region word after it ("Mizoram state"); whether it has one."""
    found = re.match(r"\s+([A-Za-z]+)\b", text[end : end + 20])
    if found and found.group(1).lower() in words.region_words:
        return end + found.end(), True
    last = text[:end].rsplit(None, 1)[-1].lower() if text[:end].strip() else ""
    return end, last in words.region_words


def _after_role_words(
    text: str, start: int, end: int, words: PlaceWords, known: Callable[[str], bool]
) -> list[tuple[int, int]]:
    """Capitalised names right after a role word (and fillers) that the gazetteer knows."""
    found = []
    for match in _role_pattern().finditer(text, start, end):
        name_start, name = match.start(1), match.group(1).rstrip(".")
        parts = name.split()
        # The whole run of capitalised words ("Jones Beach" is no "Jones"), less a last
        # region word ("Tamu District").
        if len(parts) > 1 and parts[-1].lower() in words.region_words | words.fillers:
            parts = parts[:-1]
        candidate = " ".join(parts)
        if candidate.lower() not in words.not_places and known(candidate):
            found.append((name_start, name_start + len(candidate)))
    return found


@lru_cache(maxsize=1)
def _role_pattern() -> re.Pattern:
    """A role word, fillers, then a capitalised name (group 1)."""
    words = place_words()
    role_words = "|".join(re.escape(w) for w in sorted(words.roles, key=len, reverse=True))
    fillers = "|".join(sorted(words.fillers | words.part_words | {"a"}))
    return re.compile(rf"\b(?:{role_words})\s+(?:(?:{fillers})\s+)*({NAME})")


def _read_role(
    text: str,
    start: int,
    end: int,
    region: bool,
    words: PlaceWords,
    parsed: tuple[int, Doc] | None,
    predicate: Token | None,
) -> PlaceMention | None:
    """The mention with its role; None for a name that only describes a noun."""
    role, part = _role_before(text, start, words)
    attached = False
    if parsed is not None:
        offset, doc = parsed
        head = _head(doc, start - offset, end - offset)
        if head is not None:
            read = _role_in_parse(head, words)
            if read is None:
                return None
            role = read or role
            attached = predicate is not None and _hangs_on(head, predicate)
            if role == "origin" and _describes_a_person(head):
                return None  # "a teacher from Dayton": where he comes from, not where it happened
    return PlaceMention(start, end, text[start:end], role, part, attached, region)


def _role_before(text: str, start: int, words: PlaceWords) -> tuple[str, bool]:
    """The role word before a name, skipping fillers; whether a part word came first."""
    before = re.findall(r"[A-Za-z]+", text[max(0, start - 60) : start])
    part = False
    while before:
        word = before.pop().lower()
        if word in words.part_words:
            part = True
        elif word in words.roles:
            return words.roles[word], part
        elif word not in words.fillers:
            return "", part
    return "", part


def _head(doc: Doc, start: int, end: int) -> Token | None:
    tokens = [t for t in doc if t.idx < end and start < t.idx + len(t)]
    for token in tokens:
        if token.head not in tokens or token.head.i == token.i:
            return token
    return None


#: Where a noun stands for whoever the clause is about ("a teacher from Dayton, was held").
PERSON_ROLES = frozenset({"appos", "nsubj", "nsubjpass", "attr"})
#: Clauses whose words tell of another happening than their head's ("told reporters
#: that she had been posted to Tedim", "who had taught in Moscow").
OTHER_CLAUSES = frozenset({"ccomp", "parataxis", "relcl", "acl", "advcl", "conj"})


def _hangs_on(head: Token, predicate: Token) -> bool:
    """Whether a name belongs to the predicate's own clause: the predicate is above it
    with no other clause's verb in between."""
    # A nominal predicate ("did his service in 2017 in a unit near X") shares its verb's
    # phrases.
    owners = {predicate.i}
    if predicate.pos_ in ("NOUN", "PROPN") and predicate.dep_ in ("dobj", "obj", "attr"):
        owners.add(predicate.head.i)
    if predicate.dep_ == "relcl" and any(c.lower_ == "where" for c in predicate.children):
        owners.add(predicate.head.i)  # "a colony in X, where he was moved in May": X
    token = head
    for _ in range(len(head.doc)):
        if token.i in owners:
            return True
        if token.pos_ in ("VERB", "AUX") and token.dep_ in OTHER_CLAUSES:
            return False
        if token.head.i == token.i:
            return False
        token = token.head
    return False


def _role_in_parse(head: Token, words: PlaceWords) -> str | None:
    """The role the parse gives: "" when none says, None for a mere modifier."""
    token = head
    for _ in range(4):
        if token.dep_ == "compound" and token.head.lower_ in words.region_words | words.fillers:
            token = token.head
            continue
        if (
            token.dep_ in ("poss", "compound", "amod")
            and token.head.dep_ == "pobj"
            and token.head.lower_ in words.facility_words
        ):
            token = token.head  # "at Ankara's airport", "to its Moscow offices"
            continue
        if token.dep_ in MODIFIER_DEPS and token.head.pos_ in ("NOUN", "PROPN"):
            return None
        if token.dep_ == "pobj":
            preposition = token.head
            if preposition.lower_ == "of" and preposition.head.lower_ in words.fillers:
                token = preposition.head
                continue
            return words.roles.get(preposition.lower_, "")
        if token.dep_ == "appos":
            token = token.head
            continue
        return ""
    return ""


def _describes_a_person(head: Token) -> bool:
    """Whether the 'from' phrase of a name hangs on a noun, not a verb."""
    token = head
    for _ in range(6):
        if token.dep_ not in ("pobj", "compound", "appos") or token.head.i == token.i:
            break
        token = token.head
    if token.dep_ != "prep":
        return False
    owner = token.head
    return owner.pos_ in ("PROPN", "PRON") or owner.dep_ in PERSON_ROLES
