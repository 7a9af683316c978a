"""Verbs joined by "and" to a dated verb, and the happenings they tell.

"Crossed the bridge and handed their rifles to the police on Saturday" is one happening
told in two verbs (``joined_siblings``, typed by ``typed_siblings``: they share a subject,
the first fitting type wins);
"on 3 May gunmen stopped the bus, and Adam was abducted" is two, and the second, with no
date of its own, is Adam's on that day (``person_conjunct``).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from timeline.extraction.events.frames import NONE, Frames
from timeline.extraction.events.lexicon import OTHER
from timeline.extraction.events.predicates import (
    REPORTING_LEMMAS,
    Predicate,
    describe,
    predicate_of,
)

if TYPE_CHECKING:
    from spacy.tokens import Token

#: Subject dependencies that make a joined verb a clause of its own.
SUBJECTS = ("nsubj", "nsubjpass")


def _claimed(doc, frames: Frames, other_dates: Sequence[tuple[int, int]]) -> set[int]:
    """The verbs the sentence's other dates belong to."""
    # Each date's verb is found once per parse: a sentence of a thousand dates asks for
    # all the others' verbs at every one of them.
    known = doc.user_data.setdefault("date_verbs", {}) if hasattr(doc, "user_data") else {}
    claimed = set()
    for start, end in other_dates:
        key = (start, end, id(frames.senses))
        if key not in known:
            owner = predicate_of(doc, start, end, frames.senses)
            known[key] = owner.token.i if owner is not None else None
        if known[key] is not None:
            claimed.add(known[key])
    return claimed


def joined_siblings(
    verb: Token, frames: Frames, doc, other_dates: Sequence[tuple[int, int]]
) -> list[Predicate]:
    """The verbs joined to ``verb`` by "and" that share its subject, have no date of their
    own and report nothing, described once for ``typed_siblings`` to type."""
    if verb.dep_ == "conj" and any(c.dep_ in SUBJECTS for c in verb.children):
        return []
    root = verb
    while root.dep_ == "conj" and root.head is not root and root.head.pos_ in ("VERB", "AUX"):
        root = root.head
    claimed = _claimed(doc, frames, other_dates)
    siblings = []
    stack = [root]
    while stack:
        current = stack.pop()
        stack.extend(c for c in current.children if c.dep_ == "conj" and c.pos_ == "VERB")
        if current is verb or current.i in claimed:
            continue
        if current.tag_ == "VBG" and verb.tag_ != "VBG":
            # "saw a soldier arguing with a major ... and speaking from a hidden place": a
            # participle joined to a finite verb is most often the parser's misreading.
            continue
        if current is not root and any(c.dep_ in SUBJECTS for c in current.children):
            continue
        sibling = describe(current, nominal=False)
        if sibling.lemma in REPORTING_LEMMAS:
            continue  # "came home on 8 March and said ...": the saying is an act of its own
        siblings.append(sibling)
    return siblings


def typed_siblings(
    siblings: Sequence[Predicate], frames: Frames, uniformed: bool = False
) -> list[tuple[str, Predicate]]:
    """The types (with their predicates) of ``joined_siblings``: one happening told in two
    verbs takes the first type that fits. ``uniformed``: the types for one who serves in a
    force."""
    kinds = []
    for sibling in siblings:
        if sibling.negated and not frames.told_by_negation(sibling):
            continue  # ("its leave ended on 2 May, and he did not go back": the desertion)
        kind = frames.type_of(sibling, uniformed)
        if kind not in (None, OTHER, NONE):
            kinds.append((kind, sibling))
    return kinds


def person_conjunct(
    verb: Token, frames: Frames, doc, other_dates: Sequence[tuple[int, int]]
) -> Iterator[tuple[Predicate, str]]:
    """Typed verbs joined to ``verb`` by "and" with a subject of their own and no date of
    their own, with their types: the caller keeps one whose subject is a person it knows
    when the dated verb's names nobody."""
    joined_verbs = [
        child
        for child in verb.children
        if child.dep_ == "conj"
        and child.pos_ == "VERB"
        and any(c.dep_ in SUBJECTS for c in child.children)
        # "officers arrived on 3 June ..., his mother told us": a source, not a happening.
        and child.lemma_.lower() not in REPORTING_LEMMAS
    ]
    yield from _typed_undated(joined_verbs, frames, doc, other_dates)


#: Words opening a clause set against the main one, told of the same time: "A got 13 years,
#: while B received 11".
CONTRAST_MARKS = frozenset({"while", "whereas"})


def contrast_clauses(
    verb: Token, frames: Frames, doc, other_dates: Sequence[tuple[int, int]]
) -> Iterator[tuple[Predicate, str]]:
    """Typed clauses set against ``verb`` by "while" or "whereas", with a subject of their
    own and no date of their own: "the court sentenced him to 13 years on 11 November,
    while B received 11 years" tells B's sentence of the same day."""
    clauses = [
        child
        for child in verb.children
        if child.dep_ == "advcl"
        and any(c.dep_ == "mark" and c.lower_ in CONTRAST_MARKS for c in child.children)
        and any(c.dep_ in SUBJECTS for c in child.children)
    ]
    yield from _typed_undated(clauses, frames, doc, other_dates)


def _typed_undated(
    verbs: Sequence[Token], frames: Frames, doc, other_dates: Sequence[tuple[int, int]]
) -> Iterator[tuple[Predicate, str]]:
    """Of ``verbs``, those no other date belongs to and that the frames type (not negated,
    unless the negation is the happening), with their types."""
    if not verbs:
        return
    # Only now the other dates' verbs: a sentence of a thousand dates asks for each.
    claimed = _claimed(doc, frames, other_dates)
    for verb in verbs:
        if verb.i in claimed:
            continue
        predicate = describe(verb, nominal=False)
        kind = frames.type_of(predicate)
        if kind in (None, OTHER, NONE):
            continue
        if not predicate.negated or frames.told_by_negation(predicate):
            yield predicate, kind  # ("..., and he did not go back": the desertion)


#: A typed happening and one a joined verb tells that is a happening of its own, not the
#: same one told twice: "crossed the border on Tuesday and was taken into custody".
TWO_HAPPENINGS = frozenset({("defection", "arrest"), ("escape", "arrest")})


def also_happened(
    verb: Token, kind: str | None, siblings: Sequence[tuple[str, Predicate]]
) -> list[str]:
    """The types of verbs joined after the dated ``verb`` that tell a second happening
    beside ``kind``'s (a flight, then the arrest that ended it), once each. One told before
    it happened before the date: "was detained at a checkpoint and escaped on 3 June"."""
    return sorted({k for k, p in siblings if (kind, k) in TWO_HAPPENINGS and p.token.i > verb.i})
