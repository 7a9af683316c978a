"""What a statement makes public: the speaker's own act it announces.

"Announced his defection in a video posted on 20 October" makes the defection public that
day, beside the statement (``made_public``). A recording whose content is the act itself
("posted a video in which he said he was leaving the army") is that act: the posting is how
he left (``shown_in_recording``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from timeline.extraction.events.frames import NONE
from timeline.extraction.events.lexicon import OTHER
from timeline.extraction.events.predicates import Predicate, describe, governing_verb

if TYPE_CHECKING:
    from timeline.extraction.events.frames import Frames

#: Possessives that make an act the speaker's own ("his defection").
OWN = frozenset({"his", "her", "their", "my", "our"})
#: Recordings whose content a relative clause tells ("a video in which he ...").
RECORDINGS = frozenset({"video", "clip", "recording", "message", "statement", "post"})
#: Verbs of saying joined to the posting that tell the recording's content.
SAYING = frozenset({"say", "announce", "declare", "explain"})
#: What a recording's content may be when it is the act: leaving the force.
SHOWN_TYPES = frozenset({"defection"})


def made_public(predicate: Predicate, frames: Frames) -> str | None:
    """The speaker's own act a statement announces as its object noun: "announced his
    defection in a video posted on 20 October" makes the defection public that day. The
    statement's verb is the predicate, or the verb a dated noun hangs on ("in a video
    posted on ...")."""
    token = predicate.token
    verbs = [token]
    if token.dep_ in ("acl", "relcl") and token.head is not token:
        verbs.append(governing_verb(token.head))
    for verb in verbs:
        if verb is None or frames.type_of(describe(verb, nominal=False)) != "statement":
            continue
        for noun in (c for c in verb.children if c.dep_ in ("dobj", "obj")):
            if not any(c.dep_ == "poss" and c.lower_ in OWN for c in noun.children):
                continue  # "announced the arrest of two officers": not the speaker's act
            kind = frames.type_of(describe(noun, nominal=True))
            if kind not in (None, OTHER, NONE, "statement"):
                return kind
    return None


def shown_in_recording(predicate: Predicate, frames: Frames) -> str | None:
    """The act a posted or recorded video shows its speaker doing, told in a relative clause
    on the video ("posted a video in which he put his badge on a table and said he was leaving
    the police": a defection), else None."""
    token = predicate.token
    recordings = [
        c for c in token.children if c.dep_ in ("dobj", "obj") and c.lemma_.lower() in RECORDINGS
    ]
    content = [c for n in recordings for c in n.children if c.dep_ in ("relcl", "acl")]
    if recordings:
        # "... in which he put his badge on a table and said he was leaving the army": the
        # parser often joins the saying to the posting, not to the clause on the video.
        content += [
            g
            for c in token.children
            if c.dep_ == "conj" and c.lemma_.lower() in SAYING
            for g in c.children
            if g.dep_ == "ccomp"
        ]
    for clause in content:
        for verb in (t for t in clause.subtree if t.pos_ == "VERB"):
            kind = frames.type_of(describe(verb, nominal=False))
            if kind in SHOWN_TYPES:
                return kind
    return None
