"""The voice of a verb in the parse: passive with its auxiliary, or without one.

"was freed", and also "the prisoners freed on Monday" (a participle on a noun) and "was
summoned and told she could not leave" (a participle joined to a passive verb).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token


def is_passive(token: Token) -> bool:
    """Whether the verb is passive, with its auxiliary or without one."""
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in token.children):
        return True
    return reduced_relative(token) or _shared_passive(token)


def own_words(token: Token) -> bool:
    """Whether a verb has a subject or an auxiliary of its own."""
    return any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in token.children)


def _shared_passive(token: Token) -> bool:
    """A participle joined to a passive verb shares its voice when it has no subject or
    auxiliary of its own: "was summoned to the station and told she could not leave" (the
    tagger often reads such a participle as a past tense: then it takes no object either).
    """
    if token.dep_ != "conj" or token.tag_ not in ("VBN", "VBD"):
        return False
    if own_words(token) or (token.tag_ == "VBD" and any(c.dep_ == "dobj" for c in token.children)):
        return False
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in token.head.children)


def reduced_relative(token: Token) -> bool:
    """A past participle on a noun, passive without its auxiliary: "the prisoners freed on
    Monday", "those killed in May" (the tagger sometimes reads it as a past tense)."""
    return token.dep_ == "acl" and token.tag_ in ("VBN", "VBD")
