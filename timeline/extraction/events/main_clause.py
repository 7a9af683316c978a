"""The main clause a relative clause's date also times: "X, who tried to cross on 28 May,
was detained at the border" dates the detention when the main clause has no date of its own.
"""

from __future__ import annotations

from collections.abc import Sequence

from timeline.extraction.events.frames import NONE, Frames
from timeline.extraction.events.lexicon import OTHER
from timeline.extraction.events.predicates import Predicate, describe


def main_clause_type(
    predicate: Predicate, frames: Frames, other_dates: Sequence[int]
) -> str | None:
    """The type of the main clause when the date sits in a relative clause on its subject
    and the main clause has no date of its own: "X, who tried to cross on 28 May, was
    detained at the border" dates the detention. ``other_dates``: offsets in the parse."""
    token = predicate.token
    while token.dep_ in ("xcomp", "conj") and token.head is not token:
        token = token.head
    if token.dep_ != "relcl":
        return None
    noun = token.head
    if noun.dep_ == "appos":
        noun = noun.head
    main = noun.head
    if noun.dep_ not in ("nsubj", "nsubjpass") or main.pos_ not in ("VERB", "AUX"):
        return None
    inside = {t.idx for t in token.subtree}
    if any(main.left_edge.idx <= d <= main.right_edge.idx and d not in inside for d in other_dates):
        return None
    for verb in (main, *(c for c in main.children if c.dep_ == "conj")):
        kind = frames.type_of(describe(verb, nominal=False))
        if kind not in (None, OTHER, NONE):
            return kind
    return None
