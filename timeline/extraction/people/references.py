"""References to people that are not names: pronouns, nominals, speakers of quotations.

"she", "the sergeant" or "the 29-year-old" go to the most recent compatible person; a
first-person pronoun inside a quotation goes to whoever says it.
"""

from __future__ import annotations

import re
from collections import Counter

from timeline.extraction.people.focus import (
    apposed_first,
    dates_only,
    describes_subject,
    known_within,
    last_clause_first,
    quoted_about,
)
from timeline.extraction.people.groups import named_groups, pair_mentions, they_mentions
from timeline.extraction.people.model import Mention, MentionIndex, Person
from timeline.extraction.people.nominals import (
    AGE,
    CLIENT,
    KIN_NOMINAL,
    client_target,
    kin_target,
    nominal_target,
)
from timeline.extraction.people.resources import PeopleResources, load_people_resources
from timeline.text.spans import SpanIndex

WORD = re.compile(r"[\w’'-]+|[^\w\s]")


def _antecedent(
    offset: int,
    index: MentionIndex,
    persons: dict[str, Person],
    gender: str | None,
    named: Counter[str] | None = None,
    text: str = "",
    first_person: frozenset[str] = frozenset(),
    narrators: frozenset[str] = frozenset(),
) -> str | None:
    """The person a pronoun at ``offset`` refers to.

    Candidates earlier in the same sentence come first (most recent first, none that only
    dates it: "after X's speech"); then, sentence by sentence backwards, the first
    (subject-like) mention of each. Mentions inside quotations are passed over; a known
    gender must agree. A sentence's clauses after a semicolon are its latest: "X was
    killed; Y says he carried him back. He ..." is Y. Across sentences, a person the story
    names only once gives way to its protagonist (named ``PROTAGONIST_NAMES`` times or
    more): "President X announced the call-up on 21 May. That evening, he packed a bag".
    """
    current = index.sentences.index_of(offset)

    def compatible_person(name: str) -> bool:
        known = persons[name].gender
        return not (gender and known in ("m", "f") and known != gender)

    def compatible(m: Mention) -> bool:
        # "my brother, X. He was held ...": the narrator's "I" and "my" are never "he".
        mine = m.kind == "pronoun" and m.text.lower() in first_person
        return compatible_person(m.person) and not m.in_quote and not mine

    objective = text[offset : offset + 4].lower().startswith(("him", "them"))
    advocates = load_people_resources().advocates
    opening = _opening_subject(offset, index, current, text, compatible)
    if opening is not None:
        return opening
    # "The colonel, she said, told her ...": the speaker of an aside is not the subject it
    # interrupts, nor anyone else the sentence named before it; the sentences before say.
    aside = (
        ASIDE.match(text, offset)
        and _after_comma(text, offset)
        and not OPENS_A_CLAUSE.search(text, max(0, offset - 16), offset)
    )
    earlier = [
        m
        for m in ([] if aside else reversed(index.in_sentence(current)))
        if m.end <= offset
        and compatible(m)
        # "the judge, X, sentenced him": "him" is never the verb's subject
        and not (objective and SUBJECT_OF_VERB.match(text, m.end, offset))
    ]
    if gender and earlier and persons[earlier[0].person].gender is None:
        # "Daw X, mother-in-law of Sgt Y, said her daughter ...": the names of an apposition
        # give way to the subject it describes when only the subject is known to be "she".
        subject = earlier[-1]
        if persons[subject.person].gender == gender and _in_apposition(
            earlier[0], subject, offset, text
        ):
            return subject.person
    # "Two days after X's speech, police came for him": X only dates the sentence; and
    # "the son of X, he enlisted": X only describes him.
    earlier = [
        m for m in earlier if not dates_only(m, text) and not describes_subject(m, offset, text)
    ]
    if earlier:
        return earlier[0].person
    if current < 0:
        return None
    named = named or Counter()
    for previous in range(current - 1, max(current - ANTECEDENT_REACH - 1, -1), -1):
        fitting = last_clause_first(
            [
                m
                for m in index.in_sentence(previous)
                if compatible(m)
                and not dates_only(m, text)
                # "X called the evidence a story. Two months later they moved him": one who
                # speaks for another in court is not whom a later sentence's "him" is.
                and not (objective and persons[m.person].titles & advocates)
            ],
            text,
            index.sentences.span(previous),
        )
        if (
            fitting
            # (unless the speaker is the one the story names most: "'He ...,' X said")
            and sum(n >= named[fitting[0].person] for n in named.values()) > 1
            and quoted_about(text, index.sentences.span(previous), text[offset : offset + 4])
        ):
            continue  # "'He packed a bag,' his lawyer said. He crossed ...": the client
        apposed = apposed_first(fitting, text)
        if apposed is not fitting and all(m.kind != "name" for m in apposed[2:]):
            return apposed[0].person  # "Y's cousin, X, was held. He ...": X, unless Y returns
        fitting = apposed
        if gender == "f" and fitting and persons[fitting[0].person].gender is None:
            # "... with a colleague, Corporal X. [...] She ...": a woman the story has shown
            # within reach, before one whose gender nothing told (most often a man here).
            woman = known_within(
                index, previous, offset, persons, gender, compatible, ANTECEDENT_REACH
            )
            if woman is not None:
                return woman
        if gender and fitting and persons[fitting[0].person].gender is None:
            # One known to be "she" beats one whose gender nothing told: a guess here would
            # teach the unknown one the wrong gender for the rest of the text.
            known = [m for m in fitting if persons[m.person].gender == gender]
            fitting = known + [m for m in fitting if m not in known]
        # "When Putin announced the call-up, Gubarev was at work. He ...": past a person
        # named once to one the story returns to in the same sentence.
        returning = [m for m in fitting if named[m.person] > 1]
        if returning:
            return returning[0].person
        if fitting and any(
            m.kind == "pronoun" and m.person == fitting[0].person
            for m in index.in_sentence(previous)
        ):
            # "A third man, Ilya Ross, changed his mind. He ...": a pronoun already went
            # back to the one named once, and the story has turned to them.
            return fitting[0].person
        if fitting:
            # A narrator ("I") is not the protagonist that "he" gives way to, nor one
            # named only later.
            if persons[fitting[0].person].ages:
                # "Among them is X, 22, a student, ... he said": one the story introduces
                # with an age is a character it turns to, not a name in passing.
                return fitting[0].person
            # One known to be "she" is not given up for a protagonist of untold gender.
            told = gender is not None and persons[fitting[0].person].gender == gender
            return _salient(
                fitting[0].person,
                named,
                lambda n, told=told: (
                    compatible_person(n)
                    and (not told or persons[n].gender == gender)
                    and n not in narrators
                    and index.last_before(n, offset) >= 0
                ),
            )
    # Nobody within reach (an interview transcript stood between): the story's protagonist,
    # unless a name the people step has not read stands before it ("A Corporal X said he").
    if CAPITALISED_PAIR.search(text, index.sentences.span(current)[0] + 1, offset):
        return None
    # Their gender must be known to agree: a guess here must not teach them one.
    return _protagonist(
        named, lambda n: gender is not None and persons[n].gender == gender and n not in narrators
    )


def _in_apposition(mention: Mention, subject: Mention, offset: int, text: str) -> bool:
    """Whether ``mention`` stands in an apposition set in commas right after ``subject``
    that closes before ``offset`` ("X, the mother of Y, said ...")."""
    if not text.startswith(",", subject.end):
        return False
    close = text.find(",", mention.end, offset)
    return subject.end < mention.start and close >= 0 and "." not in text[subject.end : close]


def _opening_subject(
    offset: int, index: MentionIndex, current: int, text: str, compatible
) -> str | None:
    """The person a sentence opens with, for a subject pronoun that opens a clause joined
    to it ("X, 44, was among those whose names a decree signed by Y listed, and he walked
    out the next day": X, not Y, walked out)."""
    if current < 0 or not CLAUSE_JOIN.search(text, max(0, offset - 12), offset):
        return None
    start = index.sentences.span(current)[0]
    for mention in index.in_sentence(current):
        if mention.end > offset:
            break
        if mention.start - start > OPENING_REACH:
            return None
        if compatible(mention):
            return mention.person
    return None


def _after_comma(text: str, offset: int) -> bool:
    """Whether a comma, then only whitespace, stands right before ``offset``."""
    back = offset
    while back > 0 and text[back - 1].isspace():
        back -= 1
    return back > 0 and text[back - 1] == ","


#: A reporting aside set in commas: "she said," "he told reporters,".
ASIDE = re.compile(
    r"(?i)(?:she|he|they)\s+(?:said|says|added|adds|recalled|recalls|explained|told\s+\w+)\s*,"
)
#: A word that opens a clause of its own, then the comma of an aside: "signed up in 2021,
#: when, he said, ...". The aside follows a finished clause, whose subject is its speaker.
OPENS_A_CLAUSE = re.compile(
    r"\b(?:when|where|while|after|before|because|since|as|although|though|until|and|but)"
    r"\s*,\s*$",
    re.IGNORECASE,
)
#: A clause joined to the one before it, just before a subject pronoun.
CLAUSE_JOIN = re.compile(r"(?:,\s+(?:and|but)|;)\s+$")
#: How far into its sentence the opening subject may stand ("On 3 May, X ..."), in characters.
OPENING_REACH = 30


#: Between a subject and an object pronoun of one verb: an aside in brackets or commas,
#: then one or two words ("(judge X) sentenced him", "X, 40, had questioned them"); or the
#: subject inside the brackets that end there.
SUBJECT_OF_VERB = re.compile(
    r"\s*(?:[^()]{0,40}\)|\([^()]*\)|,[^,]{0,60},)?\s*[a-z]+(?:\s+[a-z]+)?\s+$"
)
#: Sentences back a pronoun looks for its person.
ANTECEDENT_REACH = 5
#: Two capitalised words in a row: a name, whether or not it was read as one.
CAPITALISED_PAIR = re.compile(r"\b[A-Z][\w’'-]+\s+[A-Z][\w’'-]+")
#: Named mentions that make a person the story's protagonist, against one named once.
PROTAGONIST_NAMES = 3


def _salient(person: str, named: Counter[str], compatible) -> str:
    """``person``, unless the story names them once and names a protagonist often."""
    if named[person] > 1:
        return person
    leader, count = max(named.items(), key=lambda item: (item[1], item[0]), default=("", 0))
    if count >= PROTAGONIST_NAMES and leader != person and compatible(leader):
        return leader
    return person


def _protagonist(named: Counter[str], compatible) -> str | None:
    """The person the story names most, if often (``PROTAGONIST_NAMES``) and more than
    anyone else, and ``compatible``."""
    ranked = named.most_common(2)
    if not ranked or ranked[0][1] < PROTAGONIST_NAMES:
        return None
    if len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
        return None
    return ranked[0][0] if compatible(ranked[0][0]) else None


def _nominal_mentions(text: str, res: PeopleResources):
    """'the sergeant', 'the young captain', 'the 29-year-old': (start, end, surface, head)."""
    for match in res.nominal_pattern.finditer(text):
        head = " ".join(match.group("head").lower().replace(".", "").split())
        age = AGE.search(match.group(0))
        if age and not head.endswith("year-old"):
            head = f"{age.group(0)} {head}"  # "the 46-year-old officer": the age and the noun
        yield match.start(), match.end(), match.group(0), head


def pronouns_and_nominals(
    text: str,
    res: PeopleResources,
    quotes: SpanIndex,
    sentences: SpanIndex,
    persons: dict[str, Person],
    named: list[Mention],
) -> list[Mention]:
    """Resolve pronouns, nominal mentions and first-person speakers, in text order.

    Each resolved mention joins the index before the next is looked at, so "he" can
    point back through an earlier "the sergeant" to the name.
    """
    candidates: list[tuple[int, int, str, str]] = []
    for match in res.pronoun_pattern.finditer(text):
        lower = match.group(0).lower()
        if lower in res.pronouns:
            candidates.append((match.start(), match.end(), match.group(0), "pronoun"))
        elif match.start() in quotes:
            candidates.append((match.start(), match.end(), match.group(0), "speaker"))
    for start, end, surface, head in _nominal_mentions(text, res):
        candidates.append((start, end, surface, "nominal:" + head))
    for match in KIN_NOMINAL.finditer(text):
        if match.group("kin").lower() in res.kinship:
            candidates.append((*match.span(), match.group(0), "kin:" + match.group("kin").lower()))
    clients = [m for m in CLIENT.finditer(text) if m.start() not in quotes]
    starts = {m.start() for m in clients}
    # "her client" is the defendant; its "her" (the lawyer) is no role of the clause.
    candidates = [c for c in candidates if not (c[3] == "pronoun" and c[0] in starts)]
    candidates += [(*m.span(), m.group(0), "client") for m in clients]
    index = MentionIndex(named, sentences)
    counts = Counter(m.person for m in named if m.kind == "name" and not m.in_quote)
    narrators = frozenset(
        m.person
        for m in named
        if m.kind == "pronoun" and m.text.lower() in res.first_person and not m.in_quote
    )
    resolved: list[Mention] = []
    for start, end, surface, kind in sorted(candidates):
        if kind == "speaker":
            continue
        if kind == "pronoun":
            gender = res.pronouns[surface.lower()]
            person = _antecedent(
                start, index, persons, gender, counts, text, res.first_person, narrators
            )
            if person and persons[person].gender is None and start not in quotes:
                # "She said ..." about a person whose name told nothing: a later "he"
                # is somebody else.
                persons[person].gender = gender
        elif kind.startswith("kin:"):
            person = kin_target(kind[4:], start, index, persons)
        elif kind == "client":
            person = client_target(start, index, persons)
        else:
            person = nominal_target(kind.split(":", 1)[1], start, index, persons, res)
        if person:
            label = "pronoun" if kind == "pronoun" else "nominal"
            mention = Mention(start, end, surface, person, label, start in quotes)
            resolved.append(mention)
            index.add(mention)
    groups = named_groups(text, index)
    pairs = pair_mentions(text, index, quotes, groups)
    resolved += pairs + they_mentions(text, index, quotes, pairs, groups, res)
    # Speakers last: the attribution ("he said") may follow the quotation.
    speakers = []
    for start, end, surface, kind in candidates:
        if kind == "speaker" and (person := _speaker(start, index, quotes, text, res)):
            speakers.append(Mention(start, end, surface, person, "speaker", True))
    return resolved + speakers


def _speaker(offset: int, index: MentionIndex, quotes: SpanIndex, text: str, res) -> str | None:
    """The person who says a quotation: a mention outside quotes next to a reporting verb."""
    current = index.sentences.index_of(offset)
    if current < 0:
        return None
    for position in (current, current + 1, current - 1):
        if not 0 <= position < len(index.sentences):
            continue
        start, end = index.sentences.span(position)
        words = {w.lower() for w in WORD.findall(text[start:end])}
        if not words & res.reporting_verbs:
            continue
        outside = [m for m in index.in_sentence(position) if m.start not in quotes]
        if outside:
            return outside[0].person
    return _introduced_before(offset, index, quotes, text)


def _introduced_before(
    offset: int, index: MentionIndex, quotes: SpanIndex, text: str
) -> str | None:
    """The speaker of a paragraph that is all quotation, with no reporting verb: the person
    the paragraph before ends on (the first name of its last sentence naming anyone), as a
    story introduces someone and then lets them speak."""
    paragraph = text.rfind("\n\n", 0, offset) + 2
    opening = text[paragraph : paragraph + 1]
    if paragraph < 2 or opening not in '"“' or paragraph not in quotes:
        return None
    before = text.rfind("\n\n", 0, paragraph - 2) + 2
    current = index.sentences.index_of(before)
    if current < 0:
        return None
    speaker = None
    for position in range(current, len(index.sentences)):
        start, _ = index.sentences.span(position)
        if start >= paragraph:
            break
        named = [
            m for m in index.in_sentence(position) if m.kind == "name" and m.start not in quotes
        ]
        if named:
            speaker = named[0].person  # the last sentence's subject: the one just introduced
    return speaker
