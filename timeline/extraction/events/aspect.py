"""Whether a dated clause tells a happening: not a plan, a forecast or a supposition
("will leave on Monday", "is due to start in May", "if he had fired that night"), nor a
present habit ("today the two men sleep in a hut and carry rifles").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

#: Verbs whose complement is a plan, not a happening: "is expected to take place in May",
#: "was supposed to come home in June".
PLANNING_LEMMAS = frozenset(
    ["expect", "plan", "schedule", "slate", "intend", "hope", "aim", "set", "due", "prepare",
     "promise", "threaten", "vow", "suppose",
     "hop"]  # the small model's lemma of "hopes"
)  # fmt: skip
#: Auxiliaries of a plan, a forecast or a guess: no happening yet ("could take place in July",
#: "may be tried in May").
FUTURE_AUXILIARIES = frozenset(
    {"will", "shall", "'ll", "wo", "could", "might", "may", "should", "would", "must", "ca"}
)
#: Dates of the present: "today", "now", "these days".
PRESENT_DATES = frozenset({"today", "now", "these days", "nowadays"})
#: Verbs whose present tense is still something done: "today he says", "now she tells".
DOING_NOW = frozenset({"say", "tell", "add", "insist", "claim", "deny", "admit", "write"})


def is_future(token: Token) -> bool:
    """A verb of a plan, a forecast or a supposition: "will" on it, the complement of
    "expected to", a condition ("if he had fired that night") or what would have been."""
    if any(c.dep_ == "aux" and c.lower_ in FUTURE_AUXILIARIES for c in token.children):
        return True
    if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in token.children):
        return True
    auxiliaries = {c.lower_ for c in token.children if c.dep_ == "aux"}
    if auxiliaries & {"would", "could", "might", "should"} and "have" in auxiliaries:
        return True  # "he would have been shot on the spot"
    if token.tag_ == "MD" and token.lower_ in FUTURE_AUXILIARIES:
        return True  # the verb left out: "Tonight I will."
    head = token.head
    if token.dep_ == "xcomp" and head is not token:
        return head.lemma_.lower() in PLANNING_LEMMAS or head.lower_ in ("due", "set")
    return False


def habitual_present(token: Token, date_text: str) -> bool:
    """A present-simple verb dated by "today" or "now" tells a state or a habit, not a
    happening: "today the two men sleep in a hut" (not "today he says")."""
    return (
        date_text.lower() in PRESENT_DATES
        and token.tag_ in ("VBP", "VBZ")
        and token.lemma_.lower() not in DOING_NOW
        and not any(c.dep_ in ("aux", "auxpass") for c in token.children)
    )
