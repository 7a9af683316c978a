"""Reading a dated clause through its parse: the type by frame, and who it is about.

The predicate a date belongs to (``predicates``) gives the type through the frames
(``frames``): "released an interview with him on Monday" is a statement, "was released
on Monday" a release. Who the event is about follows the predicate's roles (``roles``):
its subject, or for the types that happen *to* someone (arrest, sentence, release, ...)
the object of an active verb ("soldiers detained him": him). Where the parse names
nobody the document knows, the caller falls back to the word-order rules of ``subjects``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from timeline.extraction.events.conjuncts import (
    also_happened,
    contrast_clauses,
    joined_siblings,
    person_conjunct,
    typed_siblings,
)
from timeline.extraction.events.frames import NONE, Frames
from timeline.extraction.events.groups import with_conjuncts
from timeline.extraction.events.hosts import (
    OWN_SUBJECTS,
    bare_participle,
    circumstance_of,
    dated_apart,
    fronted_report,
    held_ground,
    holds_date,
    ordered_acts,
    plea_of,
    same_time_clause,
    timed_verb,
    when_clauses,
)
from timeline.extraction.events.lexicon import OTHER
from timeline.extraction.events.main_clause import main_clause_type
from timeline.extraction.events.predicates import (
    REPORTED,
    REPORTING_LEMMAS,
    Predicate,
    describe,
    failing,
    governing_verb,
    membership,
    misread_name,
    predicate_of,
    source_only,
    still_so,
)
from timeline.extraction.events.public import made_public, shown_in_recording
from timeline.extraction.events.roles import (
    PATIENT_TYPES,
    acts_on_others,
    addressee_only,
    mentions_in,
    named_subject,
    participle_patients,
    people_of,
)
from timeline.extraction.people import Mention, load_people_resources

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from timeline.extraction.temporal import Timex

#: Dependencies of a clause under a predicate that is a clause of its own when it has a
#: subject of its own (``OWN_SUBJECTS``: a subject word, not the passive's "by" phrase that
#: ``predicates.SUBJECTS`` also counts as who did it).
OWN_CLAUSES = frozenset({"advcl", "ccomp", "relcl", "acl", "csubj"})
#: What an order dates when it is ordered: being held, freed or sent somewhere.
ORDERED_TYPES = frozenset({"imprisonment", "release", "deployment"})
#: Parsed sentences by their start offset: (offset of the parsed text, its Doc).
Parses = dict[int, tuple[int, "Doc"]]


@dataclass(frozen=True)
class Reading:
    """What the parse says of one dated clause."""

    predicate: Predicate
    #: The type the frames give, None when they do not know the word, NONE for no event.
    type: str | None
    #: The people it is about, in text order; empty when the parse names none we know.
    people: tuple[Mention, ...]
    #: Where the parsed text begins in the document.
    offset: int = 0
    #: More happenings of the same clause and date: (type, people), people empty for the
    #: clause's own. "announced his defection on Monday" is also his defection; "seized
    #: power on 24 July, detaining the president" also the president's arrest.
    extra: tuple[tuple[str, tuple[Mention, ...]], ...] = ()
    #: A negation that is itself the happening ("did not return from leave on 3 May").
    affirmed: bool = False
    #: The types its undated joined verbs take for one who serves in an armed force or
    #: police ("handed in his pistol on 9 March and walked out": the walking out deserts).
    served_siblings: tuple[str, ...] = ()
    #: The clause happens to people the document does not name, not to its subject.
    nobody: bool = False

    @property
    def impersonal(self) -> bool:
        """Whether the clause's subject is an organisation or a place and names nobody
        ("the Justice Initiative said today"): then it is no person's event."""
        subjects = self.predicate.subjects
        if self.nobody:
            return True
        return not self.people and bool(subjects) and all(map(_an_organisation, subjects))

    @property
    def of_a_relative(self) -> bool:
        """Whether the clause's subject is somebody's unnamed relative ("his brother was
        detained", "his sister told reporters"): no event of the people around it, and no
        one's lane to show it in."""
        subjects = self.predicate.subjects
        return not self.people and bool(subjects) and all(map(_a_relative, subjects))

    def holds(self, trigger) -> bool:
        """Whether a trigger's words lie in the predicate's own clause: its subtree, and
        not a clause of its own under it ("I paid a man in 2016 because he said ...": the
        saying has its own subject, and is not the paying)."""
        token = self.predicate.token
        left, right = token.left_edge.idx, token.right_edge.idx + len(token.right_edge)
        start, end = trigger.start - self.offset, trigger.end - self.offset
        if not (left <= start and end <= right):
            return False
        inner = next((t for t in token.subtree if t.idx <= start < t.idx + len(t)), None)
        while inner is not None and inner != token:
            if inner.dep_ in OWN_CLAUSES and any(c.dep_ in OWN_SUBJECTS for c in inner.children):
                return False
            inner = inner.head
        return True

    def reported_span(self) -> tuple[int, int] | None:
        """Where, in the document, the clause a reporting verb reports lies when the date's
        predicate is inside one ("Ann said [CCTV showed Ben at the station on 19 May]")."""
        token = self.predicate.token
        while token.head.i != token.i:
            if token.dep_ in REPORTED and token.head.lemma_.lower() in REPORTING_LEMMAS:
                end = token.right_edge.idx + len(token.right_edge)
                return token.left_edge.idx + self.offset, end + self.offset
            token = token.head
        return None

    @property
    def is_event(self) -> bool:
        """False for a negated predicate ("did not defect"), a planned one ("will leave on
        Monday") or a frame that is no event ("launched a search for him")."""
        negated = self.predicate.negated and not self.affirmed
        return not (negated or self.predicate.future) and self.type != NONE


def read_clause(
    parses: Parses,
    sentence_start: int,
    timex: Timex,
    frames: Frames | None,
    mentions: Sequence[Mention],
    dates: Sequence[Timex] = (),
) -> Reading | None:
    """The parse's reading of the clause the date ``timex`` belongs to, if it has one.

    ``dates`` are all the dates of the sentence: a main clause with none of its own takes
    its time from a relative clause's (see :func:`main_clause_type`).
    """
    parsed = parses.get(sentence_start)
    if parsed is None:
        return None
    offset, doc = parsed
    nouns = frames.senses if frames is not None else ()
    predicate = predicate_of(doc, timex.start - offset, timex.end - offset, nouns)
    if predicate is None:
        return None
    if frames is not None and predicate.negated and not frames.told_by_negation(predicate):
        predicate = failing(predicate)  # "failed to appear on 3 May": the failure happened
    if source_only(predicate.token) or still_so(predicate.token):
        # "..., according to Sept. 2 reports": a dated source, no happening; "were still at
        # large on Thursday": a state that goes on, no happening.
        return Reading(predicate, NONE, (), offset)
    kind = frames.type_of(predicate) if frames is not None else None
    if kind == "statement" and (told := fronted_report(predicate.token, timex.end - offset)):
        predicate = describe(told, nominal=False)  # "Two days later, X left, he said"
        kind = frames.type_of(predicate)
    also: list[str] = []  # happenings of joined verbs told beside the one typed
    if kind in (None, OTHER) and frames is not None and predicate.nominal:
        # "announced the company's move on Wednesday", "spoke by video call on Friday": a
        # noun with no event sense of its own dates the verb it hangs on.
        verb = governing_verb(predicate.token)
        if verb is not None:
            verbal = describe(verb, nominal=False)
            verbal_kind = frames.type_of(verbal)
            if verbal_kind not in (None, OTHER):
                predicate, kind = verbal, verbal_kind
        elif (misread := _misread_verb(predicate.token)) is not None:
            # "the military seized power in May", parsed as a noun phrase "seized power":
            # the verb, with the noun as its object.
            verbal = describe(misread, nominal=False)
            verbal = replace(verbal, objects=(*verbal.objects, predicate.token.lower_))
            verbal_kind = frames.type_of(verbal)
            if verbal_kind not in (None, OTHER):
                predicate, kind = verbal, verbal_kind
    elif (
        frames is not None
        and predicate.nominal
        and (verb := governing_verb(predicate.token)) is not None
        and frames.type_of(verbal := describe(verb, nominal=False)) == kind
        and mentions_in([t for s in verbal.subjects for t in with_conjuncts(s)], offset, mentions)
    ):
        # "X and Y seized power in an October 2021 coup": the noun's date is the verb's
        # happening, told twice, and its named subjects say whose it is.
        predicate = verbal
    elif frames is not None and predicate.nominal and circumstance_of(predicate.token):
        # "was picked up during a raid in April", "was killed in an attack on 3 May": what
        # happened to the person, not the raid around it, is theirs.
        verbal = describe(predicate.token.head.head, nominal=False)
        verbal_kind = frames.type_of(verbal)
        if verbal_kind in PATIENT_TYPES:
            predicate, kind = verbal, verbal_kind
    if frames is not None and (reached := held_ground(predicate.token)) is not None:
        predicate = describe(reached, nominal=False)  # "reached territory held by X in May"
        kind = frames.type_of(predicate)
    if kind is None and frames is not None and misread_name(predicate.token):
        # "was remanded to Fenmarsh the following month": the parser took the prison's name
        # for a verb; the date belongs to the verb it hangs on.
        predicate = describe(predicate.token.head, nominal=False)
        kind = frames.type_of(predicate)
    if kind in (None, OTHER) and frames is not None and bare_participle(predicate.token):
        # "Recording the jury's conclusion on Thursday, the coroner said ...": a participle
        # the frames do not know happens with, and as, the verb it hangs on.
        main = describe(predicate.token.head, nominal=False)
        main_kind = frames.type_of(main)
        if main_kind not in (None, OTHER, NONE):
            predicate, kind = main, main_kind
    if (
        (
            kind in (None, OTHER)
            or (kind == "coup" and not named_subject(predicate, offset, mentions))
        )
        and frames is not None
        and same_time_clause(predicate.token)
    ):
        # "was sentenced when he appeared in court on Monday", "was killed as his car hit a
        # mine on 3 May": a "when" clause the frames do not know times the verb it hangs on;
        # so does a coup no one named made ("When the army took power on 3 May it detained X").
        main = describe(timed_verb(predicate.token), nominal=False)
        main_kind = frames.type_of(main)
        if main_kind not in (None, OTHER, NONE) and not dated_apart(
            main.token, predicate.token, dates, timex, offset
        ):
            predicate, kind = main, main_kind
    elif kind in (None, OTHER) and frames is not None and not predicate.nominal:
        # "was standing at the square on 22 March when police detained her": what happened
        # in the "when" clause happened then.
        for clause in when_clauses(predicate.token, doc, timex.start - offset, timex.end - offset):
            timed = describe(clause, nominal=False)
            timed_kind = frames.type_of(timed)
            if timed_kind not in (None, OTHER, NONE) and not holds_date(
                clause, dates, timex, offset
            ):
                predicate, kind = timed, timed_kind
                break
    if kind in (None, OTHER) and frames is not None and not predicate.nominal:
        # "the judge ordered him held on 6 May", "ordered his release": what was ordered
        # (an arrest or an execution ordered has not happened yet).
        for act, clause in ordered_acts(predicate.token):
            ordered = describe(act, nominal=not clause)
            ordered = replace(ordered, passive=True) if clause else ordered
            ordered_kind = frames.type_of(ordered)
            if ordered_kind in ORDERED_TYPES:
                predicate, kind = ordered, ordered_kind
                break
    if frames is not None and (plea := plea_of(predicate.token)) is not None:
        # "admitted escaping from custody at a hearing on 14 May", "pleaded guilty to
        # deserting when he appeared in court on Monday": the plea is dated, not the act.
        predicate = describe(plea, nominal=False)
        kind = frames.type_of(predicate) or OTHER
    if kind in (None, OTHER) and frames is not None and (group := membership(predicate)):
        kind = frames.type_of(group) or kind  # "X was among the prisoners freed on Monday"
    roles = predicate  # whose roles say who the clause is about
    served: tuple[str, ...] = ()
    spans = [(d.start - offset, d.end - offset) for d in dates if d is not timex]
    if kind in (None, OTHER) and frames is not None:
        kind = main_clause_type(predicate, frames, [start for start, _ in spans]) or kind
    if kind != NONE and frames is not None and not predicate.nominal:
        # "came to the house in March and took her husband": a verb the frames do not know
        # takes its typed sibling's type.
        joined = joined_siblings(predicate.token, frames, doc, spans)
        siblings = typed_siblings(joined, frames)
        served = tuple(k for k, _ in typed_siblings(joined, frames, uniformed=True))
        chosen = frames.dated_first(kind, [k for k, _ in siblings])
        if chosen != kind and chosen in PATIENT_TYPES:
            # "... and took her husband": the one it happens to is the typing verb's object.
            roles = next(p for k, p in siblings if k == chosen)
        kind = chosen
        also = also_happened(predicate.token, kind, siblings)
    if kind == "statement" and frames is not None:
        kind = shown_in_recording(predicate, frames) or kind  # "a video in which he quit"
    people = people_of(roles, kind, offset, mentions)
    if not people and acts_on_others(roles, kind):
        # "Y pardoned 23 prisoners on Monday": nobody we know was freed, and Y was not.
        return Reading(predicate, kind, (), offset, nobody=True)
    if kind == "statement" and addressee_only(predicate, people, offset):
        kind = OTHER
    extra: list[tuple[str, tuple[Mention, ...]]] = []
    if (not people or kind in (None, OTHER)) and frames is not None and not predicate.nominal:
        # "On 3 May gunmen stopped the bus, and Adam was abducted": the joined verb's person;
        # "fighters drove him to the border, and he crossed": his untyped happening typed.
        named = {m.person for m in people}
        for joined, joined_kind in person_conjunct(predicate.token, frames, doc, spans):
            joined_people = people_of(joined, joined_kind, offset, mentions)
            if named and not named & {m.person for m in joined_people}:
                continue
            if joined_people and kind == "coup":  # the coup stays nobody's own
                extra.append((joined_kind, joined_people))
            elif joined_people:
                predicate, kind, people = joined, joined_kind, joined_people
                break
    if people and frames is not None and not predicate.nominal:
        named = {m.person for m in people}
        # (Only dates, not durations, claim a clause: "while B received 11 years".)
        timed = [(d.start - offset, d.end - offset) for d in dates if d.type in ("DATE", "TIME")]
        timed = [span for span in timed if span != (timex.start - offset, timex.end - offset)]
        for clause, clause_kind in contrast_clauses(predicate.token, frames, doc, timed):
            others = people_of(clause, clause_kind, offset, mentions)
            if others and not named & {m.person for m in others}:
                extra.append((clause_kind, others))  # "..., while B received 11 years"
    extra += [(k, ()) for k in also] if people else []  # "crossed ... and was detained"
    affirmed = frames is not None and frames.told_by_negation(predicate)
    if kind == "statement" and frames is not None:
        public = made_public(predicate, frames)
        if public is not None:
            extra.append((public, ()))
    if frames is not None and not predicate.nominal:
        extra += participle_patients(predicate.token, frames, offset, mentions)
    if not extra and kind == "death" and not people and _others(predicate.subjects):
        # "Three of his comrades were killed": others around him died, a casualty of his.
        around = [t for s in predicate.subjects for t in s.subtree if t is not s]
        return Reading(predicate, "casualty", mentions_in(around, offset, mentions), offset)
    return Reading(predicate, kind, people, offset, tuple(extra), affirmed, served)


def _misread_verb(noun: Token) -> Token | None:
    """A past-tense verb right before a noun that the parser took for its modifier."""
    before = noun.nbor(-1) if noun.i > noun.sent.start else None
    if before is not None and before.dep_ == "amod" and before.tag_ == "VBD":
        return before if before.head == noun else None
    return None


def _an_organisation(subject: Token) -> bool:
    """A subject the tagger or its capitalised words make an organisation or a place."""
    if subject.ent_type_ in ("ORG", "GPE", "NORP"):
        return True
    words = [t for t in subject.subtree if t.tag_ in ("NNP", "NNPS")]
    org_words = load_people_resources().org_words
    return subject.tag_ in ("NNP", "NNPS") and any(t.lower_ in org_words for t in words)


def _a_relative(subject: Token) -> bool:
    """A subject that is somebody's unnamed relative ("his brother", "Ana's parents"): the
    happening is the relative's, not the owner's."""
    res = load_people_resources()
    word = subject.lower_
    return (word in res.kinship or word in res.family_plurals) and any(
        c.dep_ == "poss" for c in subject.children
    )


def _others(subjects: Sequence[Token]) -> bool:
    """A subject that counts people belonging to someone: "three of his comrades"."""
    return any(
        s.tag_ in ("CD", "NNS") and any(t.dep_ == "poss" for t in s.subtree) for s in subjects
    )
