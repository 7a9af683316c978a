"""Which verb a dated subordinate clause gives its date to.

A participle with no subject of its own ("Reached by phone on Thursday, she said"), a
clause that says when its head happened ("was sentenced when he appeared in court on
Monday"), and the gerund a plea is about ("admitted escaping ... at a hearing on 9 June")
are dated through another verb: the head verb, or the plea. An order dates what it orders
("ordered him held on 6 May"), and a verb the event noun it happened during ("was picked
up during a raid in April"); a verb of learning dates the learning, not the happening
learned of, and a verb of charging the charge, not the act charged ("charged with desertion").
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

    from timeline.extraction.temporal import Timex

#: Subject dependencies of a clause of its own.
OWN_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
#: The words that open a clause of the same time as the verb it hangs on.
SAME_TIME = frozenset({"when", "as"})
#: Verbs of a plea or an admission in court, whose gerund object is the act pleaded to.
PLEA_LEMMAS = frozenset({"admit", "deny", "plead", "confess"})
#: Prepositions that set an event noun as the circumstance of a verb: "during a raid".
CIRCUMSTANCE = frozenset({"during", "in", "amid", "amidst"})
#: Verbs of a decision that something happen to someone: "ordered him held".
ORDER_LEMMAS = frozenset({"order", "rule"})
#: Verbs of learning of a happening: "learned of his surrender on Monday" is the learning.
LEARNING_LEMMAS = frozenset({"learn", "hear", "read", "know"})
#: Verbs of holding someone to account for an act, and the prepositions that name the act:
#: "charged with desertion on 1 May" dates the charging, not a desertion.
CHARGE_LEMMAS = frozenset(
    {"charge", "accuse", "convict", "indict", "prosecute", "sentence", "jail", "acquit"}
)
CHARGE_PREPOSITIONS = frozenset({"with", "of", "for", "over"})
#: Participles of a state a stretch of land is in ("territory held by the rebels").
HOLDING_LEMMAS = frozenset({"hold", "control"})
#: Nouns of land one side holds.
GROUND_NOUNS = frozenset(
    {"territory", "area", "areas", "zone", "zones", "land", "lands", "town", "village", "ground"}
)


def learned_of(noun: Token) -> Token | None:
    """The verb of learning an event noun is the object of ("she learned of his surrender
    on Monday", "heard about the arrest on Friday"): the listener's happening, dated."""
    return _verb_through(noun, frozenset({"of", "about"}), LEARNING_LEMMAS)


def charged_with(noun: Token) -> Token | None:
    """The verb an event noun is the charge of ("was charged with desertion on 1 May",
    "convicted of escape in June"): the charging is what the date dates."""
    return _verb_through(noun, CHARGE_PREPOSITIONS, CHARGE_LEMMAS)


def _verb_through(
    noun: Token, prepositions: frozenset[str], lemmas: frozenset[str]
) -> Token | None:
    """The verb of ``lemmas`` whose object of one of ``prepositions`` ``noun`` is, or None."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ not in prepositions or prep.head is prep:
        return None
    verb = prep.head
    return verb if verb.pos_ == "VERB" and verb.lemma_.lower() in lemmas else None


def bare_participle(token: Token) -> bool:
    """A participle clause with no subject of its own on a verb ("Recording ..., he said";
    fronted, "Reached by phone on Thursday, she said")."""
    return (
        (token.tag_ == "VBG" or (token.tag_ == "VBN" and token.i == token.sent.start))
        and token.dep_ == "advcl"
        and token.head is not token
        and token.head.pos_ == "VERB"
        and not any(c.dep_ in OWN_SUBJECTS for c in token.children)
    )


def same_time_clause(token: Token) -> bool:
    """A clause that says when its head verb happened ("when he appeared in court", "as he
    tried to cross"): an adverbial clause opened by "when" or "as"."""
    return (
        token.dep_ == "advcl"
        and token.head is not token
        and token.head.pos_ in ("VERB", "AUX")
        and any(c.dep_ in ("advmod", "mark") and c.lower_ in SAME_TIME for c in token.children)
    )


#: Verbs that report what a clause before them tells: "X fled when ..., the court heard".
REPORTING_LEMMAS = frozenset({"hear", "say", "tell", "report", "state", "add", "claim"})


def fronted_report(verb: Token, date_end: int) -> Token | None:
    """The clause a report verb tells after a date that opens it, the speaker coming last:
    "Two days later, the pair walked out of the camp, the sergeant said" dates the walking
    out, though the parser hung the date on "said". ``date_end``: where the date ends in the
    parsed text. None for any other shape."""
    if verb.lemma_.lower() not in REPORTING_LEMMAS or date_end > verb.idx:
        return None
    speakers = [c for c in verb.children if c.dep_ in OWN_SUBJECTS]
    told = [
        c
        for c in verb.children
        if c.dep_ in ("ccomp", "advcl")
        and date_end <= c.left_edge.idx
        and c.i < verb.i
        and any(s.dep_ in OWN_SUBJECTS for s in c.children)
    ]
    if not told or not speakers or any(s.i < told[-1].i for s in speakers):
        return None
    return told[-1]


def timed_verb(clause: Token) -> Token:
    """The verb a "when" clause times: its head, or, when the parser hung it on a verb of
    reporting after the report ("X forced his way out when the van stopped on 5 August, the
    court heard"), the reported verb before it."""
    head = clause.head
    if head.lemma_.lower() not in REPORTING_LEMMAS or head.i < clause.i:
        return head
    reported = [c for c in head.children if c.dep_ == "ccomp" and c.i < clause.i]
    return reported[-1] if reported else head


def plea_of(token: Token) -> Token | None:
    """The verb of a plea or admission whose object is the gerund ``token`` ("admitted
    escaping", "pleaded guilty to deserting"), if it is one."""
    if token.tag_ != "VBG" or token.head is token:
        return None
    head = token.head
    if token.dep_ == "xcomp" and head.lemma_.lower() in PLEA_LEMMAS:
        return head
    if token.dep_ == "pcomp" and head.dep_ == "prep" and head.head.dep_ in ("acomp", "oprd"):
        verb = head.head.head
        return verb if verb.lemma_.lower() in PLEA_LEMMAS else None
    return None


def dated_apart(
    main: Token, clause: Token, dates: Sequence[Timex], timex: Timex, offset: int
) -> bool:
    """Whether another date of the sentence stands in ``main``'s own words, outside the
    clause: then the main verb has a time of its own."""
    inside = {t.idx for t in clause.subtree}
    left, right = main.left_edge.idx, main.right_edge.idx
    return any(
        left <= d.start - offset <= right and d.start - offset not in inside
        for d in dates
        if d is not timex and d.type in ("DATE", "TIME")  # "sentenced to four years" is no time
    )


def holds_date(clause: Token, dates: Sequence[Timex], timex: Timex, offset: int) -> bool:
    """Whether a date other than ``timex``, of any type, stands inside ``clause``."""
    left, right = clause.left_edge.idx, clause.right_edge.idx
    return any(left <= d.start - offset <= right for d in dates if d is not timex)


def ordered_acts(token: Token) -> list[tuple[Token, bool]]:
    """What a court or an officer orders to happen, the order's date being its date:
    "ordered him held" or "ordered that he be kept in custody" (a clause, True), "ordered
    his release" (an event noun, False)."""
    if token.lemma_.lower() not in ORDER_LEMMAS or token.pos_ != "VERB":
        return []
    acts = [(c, True) for c in token.children if c.dep_ in ("ccomp", "xcomp", "oprd")]
    return acts + [(c, False) for c in token.children if c.dep_ in ("dobj", "obj")]


def held_ground(token: Token) -> Token | None:
    """The verb a stretch of land hangs on when the state participle describing it took a
    date the parser hung there: "reached territory held by the rebels two days later" is
    the reaching's date (held is no happening), so the verb "reached"."""
    noun = token.head
    if not (
        token.dep_ == "acl"
        and token.lemma_.lower() in HOLDING_LEMMAS
        and noun.lemma_.lower() in GROUND_NOUNS
        and noun is not token
    ):
        return None
    head = noun.head
    while head.dep_ in ("prep", "pobj") and head.head is not head:
        head = head.head
    return head if head.pos_ == "VERB" and head is not noun else None


def circumstance_of(noun: Token) -> bool:
    """Whether an event noun is the circumstance a verb happened in ("was picked up during
    a raid", "was killed in an attack"): the object of "during", "in" or "amid" on a verb."""
    prep = noun.head
    return (
        noun.dep_ == "pobj"
        and prep.lower_ in CIRCUMSTANCE
        and prep.dep_ == "prep"
        and prep.head.pos_ == "VERB"
    )


def when_clauses(verb: Token, doc, start: int, end: int) -> list[Token]:
    """The "when" clauses that tell what happened at the time of ``verb``'s date at
    ``[start, end)`` of ``doc``: on the verb ("was standing there on 22 March, when police
    detained her"), or, as the parser often has it, on the date itself ("on 22 March when
    police detained her")."""
    found = [c for c in verb.children if same_time_clause(c)]
    span = doc.char_span(start, end, alignment_mode="expand")
    for token in span if span is not None else ():
        found += [
            c
            for c in token.children
            if c.dep_ == "relcl" and any(w.lower_ == "when" for w in c.children)
        ]
    return found
