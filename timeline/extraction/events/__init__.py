"""What happened: typing clauses with the event lexicon and choosing who they are about.

An event is a clause that holds a date (day, month or year) and says what
happened to or was done by someone. Its type comes from the trigger nearest
to the date; its person is the mention nearest before that trigger (the
subject, in English word order), else the first person the clause names.

The lexicon (``lexicon``) is kept apart from its use: ``triggers`` types a dated
clause, ``subjects`` says who it is about, and :func:`find_events` cuts sentences
into dated clauses and runs both.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from timeline.extraction.events.frames import Frames, load_frames
from timeline.extraction.events.lexicon import (
    OTHER,
    EventType,
    Lexicon,
    LexiconError,
    Trigger,
    combine_triggers,
    compile_trigger,
    load_lexicon,
)
from timeline.extraction.events.reading import Parses, Reading, read_clause
from timeline.extraction.events.serving import (
    SERVING_TYPES,
    Service,
    gone_before,
    serving_type,
)
from timeline.extraction.events.subjects import choose_person, coordinated, shares_subject
from timeline.extraction.events.times import is_event_time
from timeline.extraction.events.triggers import choose_trigger, names_the_event
from timeline.extraction.people import Mention, People, load_people_resources
from timeline.extraction.people.roles import uniformed
from timeline.extraction.temporal import Timex
from timeline.text.deadline import check_time
from timeline.text.spans import SpanIndex, quote_spans

__all__ = [
    "OTHER",
    "PERSON_WEIGHT",
    "EventCandidate",
    "EventType",
    "Lexicon",
    "LexiconError",
    "Trigger",
    "combine_triggers",
    "compile_trigger",
    "dated_sentences",
    "find_events",
    "is_event_time",
    "load_frames",
    "load_lexicon",
]

RELATIVE_CLAUSE = re.compile(r",\s*(?:who|which|whom|whose)\b[^,;:]*", re.I)
CLAUSE_BREAKS = (
    re.compile(r";"),
    re.compile(r",\s+(?:and|but|then|while|before|after|when)\b", re.I),
    re.compile(r"\s+and\s+(?:then\s+)?", re.I),
    re.compile(r",(?!\d{3}\b)"),  # not the comma of "2,000"
)
#: A possessive name before a date that names the event ("the army's Feb. 1 coup") is
#: its actor; any other name in the clause is not.
POSSESSIVE_BEFORE = re.compile(r"['’]s?\s+(?:the\s+)?$")
#: How much a dated event is trusted, by how its person is mentioned.
PERSON_WEIGHT = {"name": 1.0, "speaker": 0.9, "pronoun": 0.85, "nominal": 0.8}


@dataclass(frozen=True)
class EventCandidate:
    """A dated event before it becomes a table row."""

    timex: Timex
    event_type: str
    person: str
    person_kind: str
    start: int
    end: int
    confidence: float
    trigger: Trigger | None = None
    mention: Mention | None = None
    #: The token of the parsed sentence the date belongs to (None without a parse).
    predicate: object = None


def dated_sentences(
    sentences: Sequence[tuple[int, int]], timexes: Sequence[Timex], text: str
) -> list[tuple[int, int]]:
    """The sentences holding a date that can place a happening: the only ones parsed."""
    index = SpanIndex(sentences)
    held = {index.holding(t.start) for t in timexes if is_event_time(t, text)}
    return [span for span in sentences if span in held]


def _clauses(text: str, start: int, end: int, anchors: Sequence[Timex]) -> list[tuple[int, int]]:
    """Cut a sentence between consecutive dates, at the strongest clause break between them."""
    bounds = [start]
    for left, right in itertools.pairwise(anchors):
        cut = None
        for pattern in CLAUSE_BREAKS:
            hits = list(pattern.finditer(text, left.end, right.start))
            if hits:
                cut = hits[-1].start()
                break
        if cut is None:
            return [(start, end)] * len(anchors)
        bounds.append(cut)
    bounds.append(end)
    spans = []
    for index in range(len(anchors)):
        a, b = bounds[index], bounds[index + 1]
        while a < b and text[a] in " ,;":
            a += 1
        spans.append((a, b))
    return spans


def find_events(
    text: str,
    sentences: Sequence[tuple[int, int]],
    timexes: Sequence[Timex],
    people: People,
    lexicon: Lexicon,
    verbs: Sequence[int] = (),
    parses: Parses | None = None,
    frames: Frames | None = None,
) -> list[EventCandidate]:
    """Dated events of a document, one per happening, in text order.

    ``verbs`` holds the offsets of verb tokens: a clause without a subject of
    its own ("... and escaped on 6 September") shares the sentence's subject,
    a name before the sentence's first verb. ``parses`` (dependency parses of the
    dated sentences, by start offset) let the predicate a date belongs to decide the
    type, through ``frames``, and who it is about; where a sentence has no parse or the
    frames do not know its word, the lexicon's nearest trigger and word order decide.
    """
    quotes = SpanIndex(quote_spans(text))
    verb_set = set(verbs)
    anchors = sorted(
        (t for t in timexes if is_event_time(t, text) and not _spoken_now(t, quotes)),
        key=lambda t: t.start,
    )
    anchor_starts = [t.start for t in anchors]
    every = sorted(timexes, key=lambda t: t.start)
    every_starts = [t.start for t in every]
    events: list[EventCandidate] = []
    serving = Service(uniformed(people, text, load_people_resources()) if frames else set())
    served: dict[int, str] = {}  # events typed for a serving person: the type anyone's has
    for number, (start, end) in enumerate(sentences):
        if number % 64 == 0:
            check_time()
        low, high = bisect.bisect_left(anchor_starts, start), bisect.bisect_left(anchor_starts, end)
        inside = _distinct(anchors[low:high], text)
        if not inside:
            continue
        relatives = [m.span() for m in RELATIVE_CLAUSE.finditer(text, start, end)]
        all_dates = every[
            bisect.bisect_left(every_starts, start) : bisect.bisect_left(every_starts, end)
        ]
        sentence_mentions = people.in_span(start, end)
        for timex, (c_start, c_end) in zip(inside, _clauses(text, start, end, inside), strict=True):
            reading = read_clause(parses or {}, start, timex, frames, sentence_mentions, all_dates)
            if reading is not None and (not reading.is_event or reading.of_a_relative):
                continue
            triggers = lexicon.triggers(text, c_start, c_end)
            trigger = choose_trigger(triggers, timex, relatives, quotes, text)
            event_type = trigger.type if trigger else OTHER
            if reading is not None and reading.type is not None:
                event_type = reading.type
            elif reading is not None and trigger is not None and not reading.holds(trigger):
                # "He said he was ordered on 3 March to ...": a verb the frames do not know,
                # and the nearest trigger ("said") lies outside its clause.
                event_type = OTHER
            mentions = [m for m in sentence_mentions if c_start <= m.start < c_end]
            if trigger is not None and names_the_event(timex, trigger, text):
                # "the Feb. 1 coup": the date and the event word make one noun
                # phrase; whoever the clause is about did not do it.
                mentions = [
                    m for m in mentions if POSSESSIVE_BEFORE.match(text, m.end, timex.start)
                ]
            if reading is not None and reading.impersonal:
                mentions = []  # "the Initiative said today": an organisation's, no one else's
            mention = choose_person(mentions, trigger, relatives, quotes, text)
            if mention is not None and reading is not None and not reading.people:
                mention = _reported_person(
                    reading, mention, mentions, trigger, relatives, quotes, text
                )
            if mention is None and shares_subject(text, c_start, timex, verb_set):
                first_verb = next((v for v in verbs if start <= v < end), c_start)
                subject = [m for m in sentence_mentions if m.start < min(first_verb, c_start)]
                mention = choose_person(subject, None, relatives, quotes, text)
            q_start, q_end = _trim(text, c_start, c_end)
            confidence = timex.confidence * (1.0 if trigger or event_type != OTHER else 0.8)
            group = coordinated(mention, sentence_mentions, text) if mention else [None]
            if reading is not None and reading.people:
                # The parse's subject, with the names the text joins to it by commas and
                # "and" (the parser often hangs a list's first names elsewhere); a relative
                # clause is about the names it describes alone.
                group = list(reading.people)
                if getattr(reading.predicate.token, "dep_", "") != "relcl":
                    group = _joined(reading.people, sentence_mentions, text)
            happenings = [(who, event_type) for who in group]
            for kind, others in reading.extra if reading is not None else ():
                patients = _joined(others, sentence_mentions, text) if others else group
                if others and not reading.people:
                    # "Troops raided the village on 3 May, arresting Ko Ko": word order took
                    # Ko Ko for the raider; the parse says the raid only happened to him.
                    named = {m.person for m in patients}
                    happenings = [(w, k) for w, k in happenings if not w or w.person not in named]
                    happenings = happenings or [(None, event_type)]  # the clause's own
                happenings += [(who, kind) for who in patients]
            for who, kind in happenings:
                if (
                    reading is not None
                    and kind == reading.type
                    and who
                    and serving.serves(who.person, timex.value)
                    and (as_served := serving_type(reading, frames)) is not None
                ):
                    # "Sgt. Ko Ko handed in his resignation on 3 May": a defection.
                    if as_served == "defection":  # (a flight if they had already left)
                        served[len(events)] = kind or OTHER
                    kind = as_served
                if who and kind in SERVING_TYPES:
                    # "joined the police in 2014 ... resigned in 2020"
                    serving.joined(who.person, timex.value)
                elif who and kind in ("defection", "escape"):
                    # "deserted in May ... crossed into India in June"; "slipped out of the
                    # barracks on 3 May ... crossed into Turkey in June": gone, no longer serving.
                    serving.left(who.person, timex.value, kind)
                events.append(
                    EventCandidate(
                        timex=timex,
                        event_type=kind,
                        person=who.person if who else "",
                        person_kind=who.kind if who else "",
                        start=q_start,
                        end=q_end,
                        confidence=round(
                            confidence * (PERSON_WEIGHT.get(who.kind, 1.0) if who else 0.7), 3
                        ),
                        trigger=trigger,
                        mention=who,
                        predicate=reading.predicate.token if reading is not None else None,
                    )
                )
    return _one_per_happening(gone_before(events, served))


def _reported_person(
    reading: Reading,
    mention: Mention,
    mentions: Sequence[Mention],
    trigger: Trigger | None,
    relatives: Sequence[tuple[int, int]],
    quotes: SpanIndex,
    text: str,
) -> Mention | None:
    """The person of a date inside a reported clause: someone that clause names ("Ann
    said CCTV showed Ben at the station on 19 May": Ben), not the one who reports it."""
    span = reading.reported_span()
    if span is None or span[0] <= mention.start < span[1]:
        return mention
    inside = [m for m in mentions if span[0] <= m.start < span[1]]
    return choose_person(inside, trigger, relatives, quotes, text) if inside else mention


def _joined(people: Sequence[Mention], mentions: Sequence[Mention], text: str) -> list[Mention]:
    """Each of ``people`` with the names coordinated with it, once each, in text order."""
    found: dict[str, Mention] = {}
    for mention in people:
        for other in coordinated(mention, mentions, text) if mention in mentions else [mention]:
            found.setdefault(other.person, other)
    return sorted(found.values(), key=lambda m: m.start)


#: A time named again for another happening: "the same year", "that day".
ANAPHORIC_TIME = re.compile(r"\b(?:same|that)\s+(?:day|week|month|year)\b", re.I)
#: Between two dates that name one time ("Five days later, on 4 May").
APPOSED = re.compile(r"^\s*,?\s*(?:on|in|at|that is,?)?\s*$", re.I)
RELATIVE_WORDS = re.compile(r"\b(?:later|earlier|after|before|ago|next|previous|following)\b", re.I)


def _distinct(anchors: Sequence[Timex], text: str = "") -> list[Timex]:
    """Each time once: the same value twice, or two dates set side by side for one time
    ("Five days later, on 4 May": the written date), count once."""
    dropped: set[int] = set()
    for a, b in itertools.pairwise(anchors):
        if text and APPOSED.match(text[a.end : b.start]):
            relative = [t for t in (a, b) if RELATIVE_WORDS.search(t.text)]
            if len(relative) == 1:
                dropped.add(id(relative[0]))
    anchors = [t for t in anchors if id(t) not in dropped]
    # A clock time on a day the sentence names ("on 22 April, shortly after midnight")
    # is that day's happening, not a second one.
    seen, kept = set(), []
    for timex in anchors:
        # "graduated in 2009 and joined the police the same year": a second happening.
        if timex.value[:10] not in seen or ANAPHORIC_TIME.search(timex.text):
            seen.add(timex.value[:10])
            kept.append(timex)
    return kept


#: Quote marks that open or close a quotation: a quote never ends on an opening one or
#: starts on a closing one ("...in March. “" is the next sentence's opening mark).
OPENING_MARKS = "“‘«„"
CLOSING_MARKS = "”’»"


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause without edge white space, a trailing comma, or a stray quote mark.

    >>> text = 'He left in March. “'
    >>> text[slice(*_trim(text, 0, len(text)))]
    'He left in March.'
    """
    while True:
        before = (start, end)
        while start < end and text[start].isspace():
            start += 1
        while end > start and (text[end - 1].isspace() or text[end - 1] in ",;"):
            end -= 1
        if end > start and text[end - 1] in OPENING_MARKS:
            end -= 1
        if end > start and text[start] in CLOSING_MARKS and text[start] != "’":
            start += 1
        if end > start and text.count('"', start, end) % 2:
            if text[end - 1] == '"' and (end - 1 == start or text[end - 2].isspace()):
                end -= 1
            elif text[start] == '"' and start + 1 < end and text[start + 1].isspace():
                start += 1
        if (start, end) == before:
            return start, end


#: Words that count from the moment of speaking: inside a quotation they count from when
#: the words were said, which the story seldom dates ("'Tonight it is live rounds,' the
#: captain said"; "'From today I serve the state,' he said").
SPOKEN_NOW = re.compile(
    r"^(?:today|tonight|yesterday|last night|this (?:morning|afternoon|evening|week)|now|"
    r"the same (?:day|week))$",
    re.IGNORECASE,
)


def _spoken_now(timex: Timex, quotes: SpanIndex) -> bool:
    """Whether a date counted from the moment of speaking stands inside a quotation."""
    return quotes.holding(timex.start) is not None and SPOKEN_NOW.match(timex.text) is not None


def _one_per_happening(events: list[EventCandidate]) -> list[EventCandidate]:
    """The same happening stated twice (same person, type and date) is one event.

    Without a named person two statements cannot be told to be the same
    happening, so those are kept apart unless they come from the same clause.
    """
    kept: dict[tuple, EventCandidate] = {}
    for event in events:
        key = (event.person, event.event_type, event.timex.value[:10])
        if not event.person:
            key += (event.start,)
        if key not in kept:
            kept[key] = event
    typed = {(e.person, e.timex.value[:10]) for e in kept.values() if e.event_type != OTHER}
    events = [
        e
        for e in kept.values()
        if not (e.event_type == OTHER and e.person and (e.person, e.timex.value[:10]) in typed)
    ]
    # "On 3 April this year": a coarser date of the same clause and person only restates
    # the finer one.
    dates: dict[tuple[str, int], set[str]] = {}
    for e in events:
        dates.setdefault((e.person, e.start), set()).add(e.timex.value[:10])
    return [e for e in events if not _restates_a_finer_date(e, dates[(e.person, e.start)])]


def _restates_a_finer_date(event: EventCandidate, dates: set[str]) -> bool:
    """Whether a date of the same person and clause lies inside this event's date."""
    value = event.timex.value[:10]
    return any(other.startswith(value + "-") for other in dates)
