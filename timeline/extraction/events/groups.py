"""Who a noun phrase names: the names joined to it (and a name in commas after it that the
parser hung elsewhere), the one a description after a list describes, the words that
describe it before it, its own words without the clauses hung on it, and the companions a
verb takes along ("together with B")."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

#: Prepositions of where a described person works, lives or comes from: "a captain in the
#: department", "a man from a village outside the town" (not "of": "the wife of an officer
#: who deserted" is the officer's clause).
WHERE_ONE_SERVES = frozenset({"in", "at", "from", "on", "outside", "near"})


def with_conjuncts(token: Token) -> list[Token]:
    """A noun phrase and the names joined to it ('A, B and C'), in text order; a joined
    phrase brings the name set beside it ("A and another conscript from his unit, B")."""
    group, stack = [], [token]
    while stack:
        current = stack.pop()
        if current in group:
            continue
        group.append(current)
        stack.extend(c for c in current.children if c.dep_ in ("conj", "appos"))
        if current.dep_ == "conj":
            stack.extend(t for t in current.subtree if t.dep_ == "appos")
    named = misplaced_apposition(token)
    return sorted(
        group + ([named] if named is not None and named not in group else []), key=lambda t: t.i
    )


def misplaced_apposition(noun: Token) -> Token | None:
    """The name set in commas right after a common noun that the parser hung beside it
    instead of on it: "arrested his cousin, Ana Lis, at the flat" ("Lis" under "arrested")."""
    after = noun.right_edge.i + 1
    doc = noun.doc
    if noun.pos_ != "NOUN" or after + 1 >= len(doc) or doc[after].text != ",":
        return None
    name = doc[after + 1]
    while name.dep_ == "compound" and name.head.i > name.i:
        name = name.head  # "Ana" of "Ana Lis": the name's last word heads it
    if name.pos_ == "PROPN" and name.head.i == noun.head.i and name.dep_ in ("dep", "npadvmod"):
        return name
    return None


def described(noun: Token, pronoun: str = "") -> list[Token]:
    """Who a relative clause on ``noun`` is about: the noun with its conjuncts, and the name a
    description stands beside ("X, a teacher who was held": X); but a description set after
    the last of several names is that name's ("A and B, a student who had been arrested in
    June": B), whatever the parser hung it on. A "who" or "whom" (``pronoun``) the parser
    hung on the place of a description ("X, a captain in the same department who resigned")
    is the described one's."""
    if pronoun in ("who", "whom"):
        noun = _described_one(noun)
    if noun.dep_ == "appos":
        before = [c for c in noun.head.conjuncts if c.i < noun.i]
        if before:
            return [max(before, key=lambda t: t.i)]
        # "X, 31, a teacher who was detained on 2 June": the teacher is X.
        return [*with_conjuncts(noun), noun.head]
    return with_conjuncts(noun)


def _described_one(noun: Token) -> Token:
    """The description a "who" hung on a place inside it stands for: up through up to three
    places ("a man from a village outside the town who ...": the man), or ``noun`` itself."""
    place = noun
    for _ in range(3):
        preposition = place.head
        if place.dep_ != "pobj" or preposition.lower_ not in WHERE_ONE_SERVES:
            return noun
        place = preposition.head
        if place.dep_ == "appos":
            return place
    return noun


def together_with(verb: Token, plain: bool = False) -> list[Token]:
    """The people of a "together with" or "along with" phrase on ``verb`` (with ``plain``,
    of any "with" phrase: "left that night with A and B"), with their conjuncts."""
    found = []
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ != "with":
            continue
        before = prep.doc[prep.i - 1] if prep.i > 0 else None
        if not plain and (before is None or before.lower_ not in ("together", "along")):
            continue
        found += [t for o in prep.children if o.dep_ == "pobj" for t in with_conjuncts(o)]
    return found


def place_owners(verb: Token) -> list[Token]:
    """The owners of the places a verb goes to or happens at: "police came to Vera Sokol's
    flat" is about Vera Sokol when its subject names no one."""
    return [
        owner
        for prep in verb.children
        if prep.dep_ == "prep" and prep.lower_ in ("to", "at", "into")
        for place in prep.children
        if place.dep_ == "pobj"
        for owner in place.children
        if owner.dep_ == "poss"
    ]


#: Dependents before a noun that describe it ("the 29-year-old former corporal").
MODIFIERS = frozenset({"amod", "compound", "nummod", "npadvmod", "nmod", "det"})


def modifiers(noun: Token) -> list[Token]:
    """The words of the describing dependents before a common noun."""
    if noun.pos_ != "NOUN":
        return []
    return [t for c in noun.lefts if c.dep_ in MODIFIERS for t in c.subtree]


def own_phrase(token: Token) -> list[Token]:
    """The words of a noun's own phrase, without the clauses and phrases hung on it ("another
    soldier who can be seen in the video": "another soldier")."""
    return [t for t in token.subtree if _in_own_phrase(t, token)]


def _in_own_phrase(token: Token, head: Token) -> bool:
    while token.i != head.i:
        if token.dep_ in ("prep", "relcl", "acl", "appos") or token.head.i == token.i:
            return False
        token = token.head
    return True
