"""The predicate a date belongs to, read off spaCy's dependency parse.

"He said he left his home and crossed into India on March 1": the date hangs on
"crossed" (through "on"), so the dated happening is the crossing, not the saying.
A predicate is a verb (or an event noun, "his arrest on 3 May") with what typing and
attribution need: its lemma, particle, objects, whether it is negated, passive or
reported, and the tokens of its subject.
"""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from timeline.extraction.events.aspect import habitual_present, is_future
from timeline.extraction.events.fronting import (
    REPORTED,
    REPORTING_LEMMAS,
    fronted_root,
    verb_after_aside,
    when_clause,
)
from timeline.extraction.events.groups import described, with_conjuncts
from timeline.extraction.events.hosts import charged_with, learned_of
from timeline.extraction.events.voice import is_passive, own_words, reduced_relative

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

#: Dependency labels a date climbs through on its way to the word it modifies.
CLIMB = frozenset(
    {
        "pobj",
        "prep",
        "npadvmod",
        "nummod",
        "compound",
        "nmod",
        "appos",
        "amod",
        "advmod",
        "quantmod",
        "det",
        "case",
        "pcomp",
        "tmod",
        "dep",
        "punct",
        "agent",
        # "was present for the roll call on 3 March": the adjective's complement dates the
        # clause it completes.
        "acomp",
    }
)
SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "agent"})
OBJECTS = frozenset({"dobj", "obj", "attr", "oprd", "dative"})


@dataclass(frozen=True)
class Predicate:
    """The word a date modifies and what hangs on it."""

    token: Token
    lemma: str
    nominal: bool
    particle: str = ""
    #: Lower-case words of each object phrase: direct objects, then prepositional ones
    #: as "prep word word" ("into india", "off his base").
    objects: tuple[str, ...] = ()
    negated: bool = False
    passive: bool = False
    reported: bool = False
    #: Planned, foretold or supposed, not happened: "will leave on Monday", "is due to start
    #: in May", "if he had fired that night"; or a present habit ("today they sleep in a hut").
    future: bool = False
    #: Lower-case words of each adverbial clause: why or how ("fearing arrest").
    reasons: tuple[str, ...] = ()
    subjects: tuple[Token, ...] = field(default=())


def date_head(doc: Doc | Span, start: int, end: int) -> Token | None:
    """The token of the date span (character offsets) whose head lies outside it."""
    tokens = [t for t in doc if t.idx < end and start < t.idx + len(t)]
    for token in tokens:
        if token.head not in tokens or token.head is token:
            return token
    return None


#: Verbs whose complement did not happen (or not yet): "refused to fire on the crowd in
#: July" dates the refusal, not a shooting; "asked the court on Thursday to sentence him to
#: 13 years" dates the asking.
REFUSAL_LEMMAS = frozenset({"refuse", "decline", "ask", "urge", "request", "demand"})
#: Verbs of making up one's mind, whose complement had not happened yet: "decided to flee
#: in August" dates the deciding; "first thought about leaving in 2024" the thinking.
#: ("thought" too: the tagger often reads the verb as a noun.)
INTENT_LEMMAS = frozenset({"decide", "plan", "intend", "resolve", "think", "thought", "consider"})
#: Verbs that negate their complement: "failed to return from leave" did not return.
NEGATING_LEMMAS = frozenset({"fail"})
#: Verbs of a document whose date is the date of what it does: "freed under an order
#: issued on 2 May", "pardoned by a decree signed on 14 May".
DOCUMENT_LEMMAS = frozenset({"sign", "issue", "publish", "date"})


def predicate_of(
    doc: Doc | Span, start: int, end: int, event_nouns: Container[str] = ()
) -> Predicate | None:
    """The predicate the date at ``[start, end)`` belongs to, or None when it modifies none.

    The date climbs its heads to the first verb. An event noun it meets on the way
    (one of ``event_nouns``: "the Feb. 1 coup", "his arrest on 3 May") is the predicate
    itself; another noun is kept in case no verb is found.
    """
    predicate = _predicate_of(doc, start, end, event_nouns)
    if predicate is None or predicate.nominal:
        return predicate
    date = " ".join(t.lower_ for t in doc if start <= t.idx < end)
    return replace(predicate, future=True) if habitual_present(predicate.token, date) else predicate


def _predicate_of(
    doc: Doc | Span, start: int, end: int, event_nouns: Container[str]
) -> Predicate | None:
    token = date_head(doc, start, end)
    if token is None:
        return None
    fronted = fronted_root(doc, start, end) or verb_after_aside(doc, end)
    if fronted is not None and fronted is not token:
        # "In the summer of 2012, after his unit was ordered to fire, he slipped away": a
        # date fronted before a comma dates the main clause, wherever the parser hung it.
        return describe(fronted, nominal=False)
    if (clause := when_clause(token)) is not None:
        return describe(_refusing(clause), nominal=False)
    nominal = None
    steps = 0
    while token.dep_ in CLIMB and token.head is not token and steps < 8:
        token = token.head
        steps += 1
        if token.pos_ in ("VERB", "AUX") and token.dep_ not in ("aux", "auxpass"):
            return describe(_refusing(token), nominal=False)
        if token.pos_ == "NOUN" and nominal is None and token.dep_ != "pobj":
            if token.lemma_.lower() in event_nouns:
                return describe(token, nominal=True)
            nominal = token
        elif (
            token.pos_ == "NOUN"
            and token.lemma_.lower() in event_nouns
            and nominal is None
            and not _destination(token)
        ):
            # "learned of his surrender on Monday", "charged with desertion on 1 May": the
            # learning, the charging.
            host = learned_of(token) or charged_with(token)
            return describe(host or token, nominal=host is None)
    if token.pos_ in ("VERB", "AUX"):
        return describe(_refusing(token), nominal=False)
    if (
        token.dep_ in SUBJECTS
        and token.pos_ == "PROPN"
        and end <= token.idx
        and steps
        and token.head.pos_ in ("VERB", "AUX")
    ):
        # "On 3 May 2021 Sergeant Ana Ruiz deserted": with no comma after it, the parser
        # hung the fronted date on the name that follows; it dates the name's verb.
        return describe(_refusing(token.head), nominal=False)
    if (
        (token is nominal or steps == 0)
        and token.dep_ in OBJECTS
        and token.head.pos_ in ("VERB", "AUX")
    ):
        # "followed the same route on 28 May": the date hangs on the object, the parser's
        # usual attachment, but dates the verb's happening; "sent the following year to a
        # battalion": the date itself read as the object.
        return describe(token.head, nominal=False)
    if nominal is not None:
        return describe(nominal, nominal=True)
    return None


def _destination(noun: Token) -> bool:
    """Whether a noun is where a verb sends someone ("transferred to a post on 5 May")."""
    prep = noun.head
    verb = prep.head
    return prep.lower_ in ("to", "into") and verb.pos_ == "VERB" and verb.lower_ != "according"


def _refusing(verb: Token) -> Token:
    """The verb of refusal or intent whose complement ``verb`` is, else ``verb`` itself; or the verb
    a dated document serves ("pardoned by a decree signed on 14 May": the pardon)."""
    head = verb.head
    if verb.dep_ == "xcomp" and head is not verb and head.lemma_.lower() in REFUSAL_LEMMAS:
        return head
    if verb.dep_ in ("xcomp", "advcl") and head.i != verb.i and _made_up_mind(head):
        return head
    if verb.dep_ == "pcomp" and _made_up_mind(head.head):
        return head.head  # "thought about leaving in 2024"
    if verb.dep_ in ("ccomp", "xcomp") and _small_clause(verb) and head.lemma_.lower() == "let":
        return head  # "was let go on 3 March": the letting go
    if verb.dep_ == "acl" and verb.lemma_.lower() in DOCUMENT_LEMMAS and head.dep_ == "pobj":
        served = head.head.head  # the noun's preposition, then what it hangs on
        if head.head.dep_ in ("prep", "agent") and served.pos_ == "VERB":
            return served
    return verb


def failing(predicate: Predicate) -> Predicate:
    """The failing a negated complement hangs on ("failed to appear in court on 3 May": the
    failure is the happening), else ``predicate`` itself."""
    token = predicate.token
    if token.dep_ == "xcomp" and token.head.lemma_.lower() in NEGATING_LEMMAS:
        return describe(token.head, nominal=False)
    return predicate


def _made_up_mind(token: Token) -> bool:
    """A past verb of intent ("decided", "planned", "made up his mind"), not a present one:
    "plans to travel next week" is a future happening of its own."""
    if token.tag_ not in ("VBD", "VBN", "NN"):
        return False
    if token.lemma_.lower() == "make":
        return any(c.dep_ == "dobj" and c.lower_ == "mind" for c in token.children)
    return token.lemma_.lower() in INTENT_LEMMAS


def _small_clause(token: Token) -> bool:
    """A verb that makes one phrase with the verb above it: "let him go"; or a bare
    participle, with no auxiliary of its own: "ordered him held", "wanted them freed"."""
    if token.lemma_.lower() in ("go", "free"):
        return True
    return token.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in token.children)


def phrase(token: Token) -> str:
    """The lower-case words of a token's subtree, joined by spaces."""
    return " ".join(t.lower_ for t in token.subtree)


#: Particles the parser often reads as adverbs ("pushed aside the president").
ADVERB_PARTICLES = frozenset({"aside", "away"})


def describe(token: Token, nominal: bool) -> Predicate:
    """A predicate's lemma, particle, objects, polarity, voice, reporting and subjects."""
    children = list(token.children)
    particle = " ".join(
        c.lower_
        for c in children
        if c.dep_ == "prt" or (c.dep_ == "advmod" and c.lower_ in ADVERB_PARTICLES)
    )
    objects = [phrase(c) for c in children if c.dep_ in OBJECTS]
    objects += [
        phrase(c) for c in children if c.dep_ in ("prep", "advmod", "acomp", "oprd", "agent")
    ]
    # A small clause: "found the pilot guilty", "declared him dead" (the parser's ccomp or
    # xcomp on an adjective).
    objects += [
        phrase(c)
        for c in children
        if c.dep_ in ("ccomp", "xcomp") and (c.pos_ == "ADJ" or _small_clause(c))
    ]
    if token.dep_ == "relcl" and any(c.lower_ == "where" for c in children):
        objects.append(token.head.lower_)  # "a colony where he was moved in May": to it
    elif token.dep_ == "relcl" and not any(c.dep_ in OBJECTS for c in children):
        objects.append(token.head.lower_)  # "a statement the team released on Monday": it
    if token.dep_ == "acl" and token.tag_ == "VBN" and token.head is not token:
        # "a video released by state media": the noun is what was released.
        noun = [t.lower_ for t in token.head.lefts if t.dep_ == "compound"] + [token.head.lower_]
        objects.append(" ".join(noun))
    elif token.dep_ == "advcl" and token.tag_ == "VBN" and not own_words(token):
        # "serving a term of six years, handed to him in May": the main verb's object.
        objects += [t.lower_ for t in token.head.children if t.dep_ == "dobj"]
    negated = any(c.dep_ == "neg" for c in children) or (
        token.dep_ == "xcomp" and token.head.lemma_.lower() in NEGATING_LEMMAS
    )
    passive = is_passive(token)
    reported = token.dep_ in REPORTED and token.head.lemma_.lower() in REPORTING_LEMMAS
    return Predicate(
        token=token,
        lemma=token.lemma_.lower(),
        nominal=nominal,
        particle=particle,
        objects=tuple(objects),
        negated=negated,
        passive=passive,
        reported=reported,
        future=is_future(token),
        reasons=tuple(phrase(c) for c in children if c.dep_ == "advcl"),
        subjects=tuple(subjects_of(token, nominal)),
    )


def still_so(token: Token) -> bool:
    """A state said to go on at the date: "were still at large on Thursday"."""
    return token.lemma_.lower() == "be" and any(
        c.dep_ == "advmod" and c.lower_ == "still" for c in token.children
    )


def subjects_of(token: Token, nominal: bool = False) -> list[Token]:
    """Who the predicate is about: its subjects with their conjuncts; inherited through
    'and' (a verb joined to another shares its subject), relative clauses and control."""
    seen = 0
    while seen < 6:
        seen += 1
        if nominal:
            owners = [c for c in token.children if c.dep_ == "poss"]
            if owners:
                return with_conjuncts(owners[0])
            return []
        found = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")]
        if found:
            subject = found[0]
            if subject.lower_ in ("who", "that", "which") and token.dep_ == "relcl":
                noun = token.head
                if noun.dep_ == "pobj" and noun.head.lower_ == "among":
                    # "X was among the fighters who overran the post": X, the one among them.
                    token = noun.head.head
                    continue
                return described(token.head, subject.lower_)
            return with_conjuncts(subject)
        if token.dep_ == "relcl":
            return described(token.head)
        if token.dep_ == "acl" and token.head is not token:
            # "the men detained on Monday": the noun; "A and B were among those freed on
            # Tuesday": the subject of the verb the noun's preposition hangs on.
            noun = token.head
            if noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head is not noun:
                token = noun.head.head
                continue
            return with_conjuncts(noun)
        if token.dep_ in ("conj", "xcomp", "advcl") and token.head is not token:
            token = token.head
            continue
        if token.dep_ == "pcomp" and token.head.dep_ == "prep" and token.head.head.pos_ == "VERB":
            token = token.head.head  # "panicked after learning on 17 May": who panicked
            continue
        return []
    return []


def misread_name(token: Token) -> bool:
    """A capitalised word inside a sentence that the parser took for a verb under another."""
    return (
        token.tag_.startswith("VB")
        and token.text[:1].isupper()
        and token.i > token.sent.start
        and token.head is not token
        and token.head.pos_ in ("VERB", "AUX")
    )


def source_only(token: Token) -> bool:
    """A noun that only names where the news came from: "according to <it>"."""
    head = token.head
    return (
        token.dep_ == "pobj"
        and head.lower_ == "to"
        and head.head is not head
        and head.head.lower_ == "according"
    )


def governing_verb(noun: Token) -> Token | None:
    """The verb a noun phrase hangs on, through objects, prepositions and conjuncts
    ("sentenced him for treason and the theft of a helicopter in October")."""
    token, steps = noun, 0
    while token.dep_ in (*OBJECTS, "pobj", "prep", "compound", "conj") and steps < 5:
        token = token.head
        steps += 1
        if token.pos_ == "VERB":
            return token
    return None


def verb_subjects(noun: Token) -> list[Token]:
    """The subjects of the verb an event noun no one owns hangs on, when its date follows it
    through a preposition: "His mother, X, last saw him during a visit in October" is her
    visit. A date naming the event ("held since the Feb. 1 coup") makes no one its actor."""
    if not any(c.dep_ == "prep" for c in noun.children):
        return []
    verb = governing_verb(noun)
    return subjects_of(verb) if verb is not None else []


def membership(predicate: Predicate) -> Predicate | None:
    """What happened to a group its subject is among: "X was among the prisoners freed on
    Monday" (the participle, which is passive), else None."""
    token = predicate.token
    if token.lemma_.lower() != "be":
        return None
    for prep in token.children:
        if prep.dep_ != "prep" or prep.lower_ != "among":
            continue
        for noun in prep.children:
            for verb in noun.children:
                if reduced_relative(verb):
                    return describe(verb, nominal=False)
    return None
