"""What the extraction steps find in one parsed document, and the rows made from it.

:func:`analyse` runs the steps on a parsed Doc (page furniture, dates, people, the parse
of the dated sentences, events); :func:`event_row` and :func:`undated_row` turn what it
found into rows of the schema, with ids stable across runs.
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import TYPE_CHECKING

from timeline.extraction.events import (
    OTHER,
    PERSON_WEIGHT,
    EventCandidate,
    Lexicon,
    dated_sentences,
    find_events,
    load_frames,
    load_lexicon,
)
from timeline.extraction.events.anaphora import carry_people, drop_told_again
from timeline.extraction.events.times import offset_dates
from timeline.extraction.nlp import TokenTags, entities, parse_sentences, sentence_spans
from timeline.extraction.options import DEFAULT_OPTIONS, ExtractOptions
from timeline.extraction.people import People, find_people
from timeline.extraction.places import EventPlace, PlaceFinder
from timeline.extraction.temporal import MissingReferenceDate, tag_timexes
from timeline.extraction.temporal.values import event_date
from timeline.output.schema import EventRow
from timeline.text.deadline import check_time
from timeline.text.documents import DocumentError, text_id
from timeline.text.furniture import HEADING, furniture_blocks, story_sentences
from timeline.text.language import check_english
from timeline.text.spans import SpanIndex

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from timeline.extraction.mentions import EventMention
    from timeline.extraction.temporal import Timex


def event_id(doc_id: str, start: int, end: int, person: str = "") -> str:
    """A stable id: the same document and date expression always give the same id
    (and the same person, when one date is shared by several)."""
    key = f"{doc_id}:{start}:{end}" + (f":{person}" if person else "")
    return hashlib.sha1(key.encode()).hexdigest()[:16]


@dataclass
class Analysis:
    """What the extraction steps find in one parsed document, before rows are made."""

    text: str
    sentences: list[tuple[int, int]]
    tags: TokenTags
    people: People
    events: list[EventCandidate]
    lexicon: Lexicon
    #: Every dated clause, also those about no target: they date the words in them.
    dated_clauses: list[EventCandidate]
    published: dt.date | None = None
    options: ExtractOptions = DEFAULT_OPTIONS
    doc_id: str = ""
    #: Dependency parses of the dated sentences (see ``nlp.parse_sentences``).
    parses: dict = field(default_factory=dict)
    places: PlaceFinder | None = None

    def place_of(self, start: int, end: int, predicate: object = None) -> EventPlace:
        """The place of an event quoted at ``[start, end)`` (see ``timeline.extraction.places``)."""
        if self.places is None:
            return EventPlace()
        index = bisect.bisect_right(self._sentence_starts, start) - 1
        sentence = self.sentences[index] if index >= 0 else (start, end)
        parsed = self.parses.get(sentence[0])
        return self.places.place((start, end), sentence, parsed, predicate if parsed else None)

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s for s, _ in self.sentences]


def analyse(
    doc: Doc, published: dt.date | None = None, options: ExtractOptions = DEFAULT_OPTIONS
) -> Analysis:
    """Dates, people (or target entities) and dated events of a parsed document.

    ``published`` is a date already read (see ``documents.published_date``), not text.
    """
    if isinstance(published, dt.datetime) or not isinstance(published, (dt.date, type(None))):
        raise TypeError(
            f"published: expected a datetime.date or None, not {type(published).__name__}"
        )
    text = doc.text
    check_english(text)
    # Page furniture (bylines, captions, timestamps, links) is no story: no dates, no names.
    blocks = furniture_blocks(text, options.title) if options.furniture else []
    spans = sentence_spans(doc, text)
    sentences = story_sentences(spans, blocks)
    # A heading ("The soldier who fled was Ko Ko") tells no event but names the people the
    # paragraphs under it call "he".
    named = story_sentences(spans, [b for b in blocks if b.kind != HEADING])
    story = SpanIndex(sentences)
    tags = TokenTags.from_doc(doc)
    try:
        timexes = tag_timexes(text, published, tags, sentences, story=story)
    except MissingReferenceDate as error:
        raise DocumentError(str(error)) from None
    check_time()
    people = find_people(
        doc,
        named,
        tags=tags,
        text=text,
        story=SpanIndex(named),
        hints=(options.title,),
        url=options.url,
    )
    check_time()
    if options.entities:
        from timeline.extraction.entities import find_entity_mentions

        people = find_entity_mentions(text, sentences, options.entities, people)
    verbs = [
        i for i, tag in zip(tags.starts, tags.tags, strict=True) if tag.startswith(("VB", "MD"))
    ]
    lexicon = load_lexicon(options.event_types)
    # The frames type by the closed set of the packaged lexicon; a user's own lexicon
    # types by its own words alone.
    frames = load_frames() if options.event_types is None else None
    parses = parse_sentences(doc, dated_sentences(sentences, timexes, text), options.model)
    check_time()
    # "two days after the coup on 1 February" dates a happening too, for the events only.
    offsets = offset_dates(text, timexes)
    # "a week later" after a day dates its events by that day (the timex keeps the week).
    days = [replace(t, value=t.day) if t.day else t for t in timexes]
    dated = [*days, *(shifted for shifted, _ in offsets)]
    every = find_events(text, sentences, dated, people, lexicon, verbs, parses, frames)
    every = _counted_from(every, offsets, parses)
    every = drop_told_again(carry_people(every, text, sentences, people, lexicon))
    # A date in a clause about no one is no point on anyone's timeline, unless it is a coup
    # or an institution's statement (or, with a lexicon of the user's, of any type but
    # other); nor is a time after the article was written (a plan, a hearing set for May).
    mass = _mass_happenings(every) if frames is not None else set()
    events = [
        e
        for e in every
        if (
            e.person
            or id(e) in mass
            or (_kept_without_person(e.event_type, frames) and not options.entities)
        )
        and not _after(e, published)
    ]
    doc_id = options.doc_id or text_id(text)
    names = [(m.start, m.end) for m in people.mentions if m.kind == "name"]
    places = PlaceFinder(text, entities(doc, text), names)
    return Analysis(
        text, sentences, tags, people, events, lexicon, every, published, options, doc_id,
        parses, places,
    )  # fmt: skip


#: Types of the closed set kept with no person named: an army's coup, an institution's
#: statement. "Three prisoners escaped on Tuesday" names no one whose lane it could be in.
PERSONLESS_TYPES = frozenset({"coup", "statement"})


#: Types a counted group's happening keeps with no person named: "at least 46 inmates
#: escaped on Saturday" is the story's news, and so is the raid that freed them.
MASS_TYPES = frozenset({"escape", "release"})
#: Words that count a group without a number: "dozens of prisoners".
GROUP_COUNTS = frozenset({"dozens", "hundreds", "scores", "thousands", "several", "many"})


def _mass_happenings(events: Sequence[EventCandidate]) -> set[int]:
    """Ids of personless events that happened to a counted group ("Four prisoners escaped
    on Monday", "released 31 civilians on 2 August"), and of a personless attack told in
    the same sentence as such an escape."""
    kept = {
        id(e)
        for e in events
        if not e.person and e.event_type in MASS_TYPES and _counted_group(e.predicate)
    }
    quotes = {(e.start, e.end) for e in events if id(e) in kept}
    kept |= {
        id(e)
        for e in events
        if not e.person and e.event_type == "attack" and (e.start, e.end) in quotes
    }
    return kept


def _counted_group(token: object) -> bool:
    """Whether the verb's subject (or, active, its object) is a counted group of people."""
    if token is None:
        return False
    roles = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")]
    for noun in roles:
        if noun.lower_ in GROUP_COUNTS or any(
            c.dep_ == "nummod" or c.lower_ in GROUP_COUNTS for c in noun.children
        ):
            return True
    return False


def _kept_without_person(event_type: str, frames: object) -> bool:
    """Whether an event of this type is kept when it names no one."""
    if frames is None:  # a lexicon of the user's: its own types
        return event_type != OTHER
    return event_type in PERSONLESS_TYPES


def _counted_from(
    events: list[EventCandidate], offsets: list[tuple[Timex, Timex]], parses: dict
) -> list[EventCandidate]:
    """The events of dates counted from another ("two days after the coup on 1 February"):
    the counted date dates the verb it belongs to, and the date counted from no longer does
    ("was arrested two days after the coup on 1 February" is an arrest on the 3rd, not the
    1st). Where the parse hangs the count inside the clause after "after" ("came a week
    after the junta said on 10 February"), the count is dropped and the date kept.
    """
    starts = sorted(parses)

    def word_at(event: EventCandidate) -> int:
        token = event.predicate
        if token is None or not starts:
            return -1
        key = starts[max(bisect.bisect_right(starts, event.timex.start) - 1, 0)]
        return parses[key][0] + token.idx

    dropped: set[int] = set()
    for shifted, anchor in offsets:
        counted = [e for e in events if e.timex.start == shifted.start and e.timex.rule == "offset"]
        for event in counted:
            where = word_at(event)
            if where < 0 or where >= shifted.end:
                dropped.add(id(event))
                continue
            for other in events:
                same = other.person == event.person and word_at(other) == where
                if other.timex.start == anchor.start and same:
                    dropped.add(id(other))
    return [e for e in events if id(e) not in dropped]


def _after(event: EventCandidate, published: dt.date | None) -> bool:
    """Whether the event's time begins after the publication date."""
    if published is None:
        return False
    placed = event_date(event.timex.value, not_after=published)
    return placed is not None and placed[2] > published


def _published_text(published: dt.date | None) -> str:
    """The row's ``published`` column: YYYY-MM-DD, or "" when the date is not known."""
    return published.isoformat() if published else ""


def event_row(event: EventCandidate, found: Analysis, identifier: str | None = None) -> EventRow:
    """The table row of one dated event (``identifier``: its id, when not the plain one of
    its date expression). The publication date bounds a week's month, see ``event_date``."""
    timex = event.timex
    date, gran, first, last = event_date(timex.value, not_after=found.published)
    return EventRow(
        doc_id=found.doc_id,
        event_id=identifier or event_id(found.doc_id, timex.start, timex.end),
        person=event.person,
        event_type=event.event_type,
        date=date,
        granularity=gran,
        date_start=first.isoformat(),
        date_end=last.isoformat(),
        date_text=timex.text,
        quote=found.text[event.start : event.end],
        start=event.start,
        end=event.end,
        confidence=event.confidence,
        title=found.options.title,
        url=found.options.url,
        published=_published_text(found.published),
        **found.place_of(event.start, event.end, event.predicate).as_row(),
    )


def undated_row(mention: EventMention, found: Analysis, identifier: str) -> EventRow:
    """The table row of a name no dated event covers: empty date columns, the sentence as
    its quote, and half the confidence a dated event of that kind of mention gets."""
    start, end = mention.sentence
    return EventRow(
        doc_id=found.doc_id,
        event_id=identifier,
        person=mention.person,
        event_type=mention.event_type,
        date="",
        granularity="",
        date_start="",
        date_end="",
        date_text="",
        quote=found.text[start:end],
        start=start,
        end=end,
        confidence=round(0.5 * PERSON_WEIGHT.get(mention.kind, 1.0), 3),
        title=found.options.title,
        url=found.options.url,
        published=_published_text(found.published),
        **found.place_of(start, end).as_row(),
    )


def unique_event_id(seen: set[str], doc_id: str, start: int, end: int, person: str) -> str:
    """The id of an event anchored at ``start:end``, unique among ``seen`` (updated).

    One date shared by several people ("Jane Doe and John Roe left on 7 May"): the first
    keeps the plain id, the others add their name to it.
    """
    identifier = event_id(doc_id, start, end)
    if identifier in seen:
        identifier = event_id(doc_id, start, end, person)
    seen.add(identifier)
    return identifier
