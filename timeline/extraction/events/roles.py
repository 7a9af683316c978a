"""Who a dated clause is about: the mentions its predicate's roles point at.

The subject, or for the types that happen *to* someone (arrest, sentence, release, ...)
the object of an active verb ("soldiers detained him": him); companions ("together with
X"), a nominal mention among the subject's modifiers, someone inside the object phrase, the
owner of a place ("police came to X's flat").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from timeline.extraction.events.groups import (
    described,
    modifiers,
    own_phrase,
    place_owners,
    together_with,
    with_conjuncts,
)
from timeline.extraction.events.predicates import (
    OBJECTS,
    Predicate,
    describe,
    governing_verb,
    verb_subjects,
)

if TYPE_CHECKING:
    from spacy.tokens import Token

    from timeline.extraction.events.frames import Frames
    from timeline.extraction.people import Mention

#: Types whose person is the one it happens to: the object of an active verb.
PATIENT_TYPES = frozenset(
    {"arrest", "imprisonment", "sentence", "release", "deployment", "death", "casualty"}
)
#: Verbs of taking someone somewhere: their escape is the object's ("a smuggler led him
#: over the mountains into Iraq").
CONVEYING = frozenset({"lead", "guide", "ferry", "drive", "take", "smuggle", "carry"})
#: Verbs whose active subject only does to others what the type says: "Y pardoned 23
#: prisoners", "police detained three men" is no release or arrest of Y or the police.
AGENT_SUBJECTS = frozenset(
    {
        "pardon",
        "free",
        "release",
        "arrest",
        "detain",
        "sentence",
        "jail",
        "imprison",
        "deport",
        "expel",
        "acquit",
        "convict",
        "capture",
        "abduct",
        "kidnap",
        "amnesty",
    }
)
#: Verbs of an interview, and who holds one: when they talk "to" or "with" someone, the
#: saying is that person's ("The Post spoke to him by phone on Tuesday").
CONVERSING = frozenset({"speak", "talk"})
INTERVIEWERS = frozenset(
    {"we", "reporter", "reporters", "journalist", "journalists", "correspondent", "paper"}
)
#: Types a plain "with" does not share: "said with X", "died with his wife X by his side".
ALONE_TYPES = frozenset({"statement", "death", "casualty"})


def people_of(
    predicate: Predicate, kind: str | None, offset: int, mentions: Sequence[Mention]
) -> tuple[Mention, ...]:
    """The mentions the predicate's roles point at."""
    token = predicate.token
    roles: list[list[Token]] = []
    objects = [c for c in token.children if c.dep_ in OBJECTS]
    # "found the captain guilty", "declared him dead": the small clause's subject.
    objects += [
        g
        for c in token.children
        if c.dep_ in ("ccomp", "xcomp") and c.pos_ == "ADJ"
        for g in c.children
        if g.dep_ == "nsubj"
    ]
    # "arrested A together with B", "A fled along with B": B shares the object's or the
    # subject's part.
    # Only beside someone named: "the minister met with X" is no event of X's.
    companions = together_with(token, plain=kind not in ALONE_TYPES)
    # "officers came for him": whom they came for is whom it happens to.
    sought = _preposition_objects(token, "for")
    conveyed = kind == "escape" and predicate.lemma in CONVEYING  # "led him into Iraq"
    agent_only = False
    if (kind in PATIENT_TYPES or conveyed) and not predicate.passive and (objects or sought):
        patients = [t for o in objects or sought for t in with_conjuncts(o)]
        # "sentenced A to 25 years and B to 20": the parser joins B to the verb itself.
        patients += [c for c in token.children if c.dep_ == "conj" and c.pos_ == "PROPN"]
        # "X was among the 23 prisoners whom Y pardoned": whom the relative clause means.
        patients += relative_patients(token, objects)
        # "detained him together with his aunt, X": a pronoun is someone too.
        named = companions and (
            mentions_in(patients, offset, mentions) or any(t.tag_ == "PRP" for t in patients)
        )
        roles.append(patients + (companions if named else []))
        companions = []
        # "Y pardoned 23 prisoners on Monday": the pardon is theirs, never Y's.
        agent_only = predicate.lemma in AGENT_SUBJECTS
    if not agent_only:
        named = companions and mentions_in(list(predicate.subjects), offset, mentions)
        roles.append(list(predicate.subjects) + (companions if named else []))
        if kind == "statement" and predicate.lemma in CONVERSING and _interviewer(predicate):
            roles.append(_preposition_objects(token, "to") + _preposition_objects(token, "with"))
        # "the 29-year-old former corporal said": the nominal mention is in the modifiers.
        roles.append([t for s in predicate.subjects for t in modifiers(s)])
    if predicate.nominal:
        # "the death of X in custody on 3 May", "the arrest of A and B": whom the event noun
        # is of.
        roles.append([t for o in _preposition_objects(token, "of") for t in with_conjuncts(o)])
    # Nobody we know as subject: someone inside the object phrase ("an interview with him").
    # An owner of another noun in it is not: "an interview with his commander" is the
    # commander's, not his.
    roles.append(
        [t for o in objects for t in o.subtree if not (t.dep_ == "poss" and t.head is not o)]
    )
    roles.append(place_owners(token))  # "police came to Vera Sokol's flat in July"
    # "investigators opened against him a criminal case": whom it is aimed at.
    roles.append(_preposition_objects(token, "against"))
    verb = governing_verb(token) if predicate.nominal and kind == "statement" else None
    if verb is not None and token.i < verb.i:
        # "In an interview with the group on 3 June, X said ...": the interview is X's (not
        # "after the coup on 1 May, X fled": a coup is nobody's saying).
        roles.append([s for s in verb.children if s.dep_ in ("nsubj", "nsubjpass")])
    if predicate.nominal and not predicate.subjects and verb is None:
        roles.insert(0, verb_subjects(token))  # "His mother, X, saw him during a visit in May"
    for tokens in roles:
        found = mentions_in(tokens, offset, mentions)
        if found:
            return found
    return ()


def _interviewer(predicate: Predicate) -> bool:
    """Whether the subject is an outlet or its reporters ("The Post", "we", "reporters")."""
    return bool(predicate.subjects) and all(
        s.lower_ in INTERVIEWERS or s.ent_type_ == "ORG" or s.tag_ in ("NNP", "NNPS")
        for s in predicate.subjects
    )


def _preposition_objects(token: Token, preposition: str) -> list[Token]:
    """The objects of ``preposition`` hung on ``token`` ("came for him": him)."""
    return [
        g for c in token.children if c.lower_ == preposition for g in c.children if g.dep_ == "pobj"
    ]


def acts_on_others(predicate: Predicate, kind: str | None) -> bool:
    """Whether the clause's subject only does to others what ``kind`` says: an active
    "pardoned", "detained" with an object ("Y pardoned 23 prisoners")."""
    return (
        kind in PATIENT_TYPES
        and not predicate.passive
        and predicate.lemma in AGENT_SUBJECTS
        and any(c.dep_ in OBJECTS for c in predicate.token.children)
        # "detained him": someone the text knows, though not found here; word order may say.
        and not any(c.tag_ == "PRP" for c in predicate.token.children if c.dep_ in OBJECTS)
    )


def relative_patients(verb: Token, objects: Sequence[Token]) -> list[Token]:
    """Whom a relative clause's object stands for: the noun it describes ("the prisoners
    whom Y pardoned", "the men Y freed"), and the subject of "be among" that noun ("X was
    among the prisoners whom Y pardoned": X)."""
    if verb.dep_ != "relcl" or any(o.tag_ not in ("WP", "WDT") for o in objects):
        return []
    noun = verb.head
    found = [noun]
    if any(o.lower_ in ("whom", "who") for o in objects):
        found += described(noun, "whom")  # "X, an electrician at the depot, whom Y jailed"
        # "the people convicted in extremist cases whom Y pardoned": "whom" means people,
        # whatever noun the parser hung the clause on.
        for _ in range(2):
            prep = noun.head
            if noun.dep_ != "pobj" or prep.dep_ != "prep" or prep.head.dep_ != "acl":
                break
            noun = prep.head.head
            found.append(noun)
    prep = noun.head
    if noun.dep_ == "pobj" and prep.lower_ == "among" and prep.head.lemma_ == "be":
        found += [c for c in prep.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    return found


def mentions_in(
    tokens: Sequence[Token], offset: int, mentions: Sequence[Mention]
) -> tuple[Mention, ...]:
    """The mentions overlapping any of ``tokens``, one per person, in text order."""
    spans = [(offset + t.idx, offset + t.idx + len(t.text)) for t in tokens]
    found: dict[str, Mention] = {}
    for mention in sorted(mentions, key=lambda m: m.start):
        if any(mention.start < end and start < mention.end for start, end in spans):
            found.setdefault(mention.person, mention)
    return tuple(found.values())


def addressee_only(predicate: Predicate, people: Sequence[Mention], offset: int) -> bool:
    """Whether the people of a saying are only whom it is said to: "a captain told her on
    Monday that she could not travel" is her event, but no statement of hers ("released an
    interview with her" still is: she is inside the object, not the object)."""
    if predicate.nominal or not people:
        return False
    addressed = [
        t for c in predicate.token.children if c.dep_ in ("dobj", "dative") for t in own_phrase(c)
    ]
    return bool(mentions_in(addressed, offset, people)) and not mentions_in(
        [t for s in predicate.subjects for t in s.subtree], offset, people
    )


def participle_patients(
    verb: Token, frames: Frames, offset: int, mentions: Sequence[Mention]
) -> list[tuple[str, tuple[Mention, ...]]]:
    """Happenings to others that a participle on the verb tells at the same time: "seized
    power on 24 July, detaining the president" (an arrest of the president), "raided the
    village on 3 May, killing Ko Ko" (his death)."""
    found = []
    participles = [c for c in verb.children if c.dep_ in ("advcl", "xcomp", "conj")]
    # "..., surrounding the residence and detaining the president": the second one too.
    participles += [c for p in participles if p.tag_ == "VBG" for c in p.conjuncts]
    for child in participles:
        if child.tag_ != "VBG":
            continue
        participle = describe(child, nominal=False)
        # What happens to the object is the passive's sense: "killing Ko Ko" - he was killed.
        kind = frames.type_of(replace(participle, passive=True))
        if kind not in PATIENT_TYPES or participle.negated:
            continue
        objects = [c for c in child.children if c.dep_ in OBJECTS]
        people = mentions_in([t for o in objects for t in with_conjuncts(o)], offset, mentions)
        if people:
            found.append((kind, people))
    return found


def named_subject(predicate: Predicate, offset: int, mentions: Sequence[Mention]) -> bool:
    """Whether the subject phrase names someone ("the military, led by X,": X)."""
    return bool(mentions_in([t for s in predicate.subjects for t in s.subtree], offset, mentions))
