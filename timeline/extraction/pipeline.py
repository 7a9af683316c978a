"""The extraction pipeline: document -> sentences -> dates -> people -> events -> table.

Every setting of one extraction travels as one :class:`ExtractOptions`, checked when it
is made; the publication date is read once, where a text comes in (:func:`extract`,
:func:`extract_mentions`, :func:`document_rows`), into a ``date`` or None and handed
down as it is.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import pandas as pd

from timeline.extraction.events import (
    PERSON_WEIGHT,
    EventCandidate,
    Lexicon,
    find_events,
    is_event_time,
    load_frames,
    load_lexicon,
)
from timeline.extraction.nlp import (
    TokenTags,
    parse,
    parse_many,
    parse_sentences,
    sentence_spans,
)
from timeline.extraction.options import DEFAULT_OPTIONS, ExtractOptions
from timeline.extraction.people import People, find_people
from timeline.extraction.temporal import MissingReferenceDate, tag_timexes
from timeline.extraction.temporal.values import event_date
from timeline.output.schema import EventRow, events_frame
from timeline.text.deadline import check_time
from timeline.text.documents import (
    Document,
    DocumentError,
    check_size,
    published_date,
    text_id,
)
from timeline.text.furniture import furniture_blocks, furniture_date, story_sentences
from timeline.text.language import check_english
from timeline.text.spans import SpanIndex

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from timeline.extraction.mentions import EventMention, MentionRow


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
    sentences = story_sentences(sentence_spans(doc, text), furniture_blocks(text, options.title))
    story = SpanIndex(sentences)
    tags = TokenTags.from_doc(doc)
    try:
        timexes = tag_timexes(text, published, tags, sentences, story=story)
    except MissingReferenceDate as error:
        raise DocumentError(str(error)) from None
    check_time()
    people = find_people(
        doc, sentences, tags=tags, text=text, story=story, hints=(options.title,)
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
    parses = parse_sentences(doc, _dated_sentences(sentences, timexes, text), options.model)
    check_time()
    every = find_events(text, sentences, timexes, people, lexicon, verbs, parses, frames)
    events = [event for event in every if event.person] if options.entities else every
    doc_id = options.doc_id or text_id(text)
    return Analysis(
        text, sentences, tags, people, events, lexicon, every, published, options, doc_id
    )


def _dated_sentences(sentences, timexes, text: str) -> list[tuple[int, int]]:
    """The sentences holding a date that can place a happening: the only ones parsed."""
    starts = sorted(t.start for t in timexes if is_event_time(t, text))
    index = SpanIndex(sentences)
    held = {index.holding(start) for start in starts}
    return [span for span in sentences if span in held]


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
    )


def events_from_doc(
    doc: Doc, published: dt.date | None = None, options: ExtractOptions = DEFAULT_OPTIONS
) -> list[EventRow]:
    """Event rows of a parsed document.

    With ``options.entities``, events are about those target entities (see
    ``timeline.extraction.entities``) instead of the people the document names. Raises
    DocumentError for a text that does not read as English or cannot be dated.
    """
    found = analyse(doc, published, options)
    rows: list[EventRow] = []
    seen: set[str] = set()
    for event in found.events:
        timex = event.timex
        identifier = unique_event_id(seen, found.doc_id, timex.start, timex.end, event.person)
        rows.append(event_row(event, found, identifier))
    return rows


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


def extract(
    text: str,
    published: str | dt.date | None = None,
    *,
    title: str = "",
    url: str = "",
    doc_id: str | None = None,
    event_types: str | None = None,
    model: str | None = None,
    entities: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Extract the dated events of one article.

    ``published`` (YYYY-MM-DD) anchors year-less dates; without it the latest
    explicit date in the text does, and a text with neither raises DocumentError. So
    does a text over ``documents.MAX_TEXT_BYTES`` or one that does not read as English.
    ``entities`` (names of organisations, products, markets or people) gives the
    events of those target entities, ``person`` holding the name as given.
    """
    options = ExtractOptions(
        event_types=event_types, model=model, entities=entities, title=title, url=url, doc_id=doc_id
    )
    doc, date = _parsed(text, published, options)
    return events_frame(events_from_doc(doc, date, options))


def _parsed(
    text: str, published: str | dt.date | None, options: ExtractOptions
) -> tuple[Doc, dt.date | None]:
    """The checked, parsed text and its publication date (DocumentError for bytes, an
    empty or oversized text, one that does not read as English, or a date that is not one)."""
    if isinstance(text, (bytes, bytearray)):
        raise DocumentError("extract takes text (str), not bytes: decode the file first")
    if not isinstance(text, str) or not text.strip():
        raise DocumentError("the text is empty")
    check_size(text)
    check_english(text)  # before parsing, which is the costly part
    date = published_date(published)
    if date is None and (from_page := page_date(text, options.title)) is not None:
        date = from_page[0]
    return parse(text, options.model), date


def page_date(text: str, title: str = "") -> tuple[dt.date, str] | None:
    """The date a byline, timestamp or dateline gives the page, with its line: it stands
    in for a missing publication date (the command line says so on stderr)."""
    return furniture_date(text, furniture_blocks(text, title))


def extract_document(
    document: Document,
    event_types: str | None = None,
    model: str | None = None,
    entities: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Extract the events of a Document read with :func:`timeline.text.documents.read_document`."""
    return extract(
        document.text,
        document.published or None,
        title=document.title,
        url=document.url,
        doc_id=document.id,
        event_types=event_types,
        model=model,
        entities=entities,
    )


def document_rows(
    documents: Iterable[Document],
    options: ExtractOptions = DEFAULT_OPTIONS,
    batch_size: int = 16,
) -> Iterator[list[EventRow] | DocumentError]:
    """The event rows of each document in turn, or the DocumentError that stopped it.

    The one per-document loop of batch extraction: texts go through ``nlp.pipe`` in
    batches of ``batch_size``, and each document's title, URL and id fill ``options``'.
    """
    documents = list(documents)
    docs = parse_many((d.text for d in documents), options.model, batch_size)
    for document, doc in zip(documents, docs, strict=True):
        try:
            own = replace(options, title=document.title, url=document.url, doc_id=document.id)
            date = published_date(document.published)
            if date is None and (from_page := page_date(document.text, document.title)):
                date = from_page[0]
            result: list[EventRow] | DocumentError = events_from_doc(doc, date, own)
        except DocumentError as error:
            result = error
        yield result


def extract_many(
    documents: Iterable[Document],
    event_types: str | None = None,
    model: str | None = None,
    batch_size: int = 16,
    entities: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Extract many documents through ``nlp.pipe``; one table for all (DocumentError at the
    first document that fails).

    ``entities``: as in :func:`extract`.
    """
    options = ExtractOptions(event_types=event_types, model=model, entities=entities)
    rows: list[EventRow] = []
    for result in document_rows(documents, options, batch_size):
        if isinstance(result, DocumentError):
            raise result
        rows.extend(result)
    return events_frame(rows)


def mentions_from_doc(
    doc: Doc,
    published: dt.date | None = None,
    options: ExtractOptions = DEFAULT_OPTIONS,
    undated: bool = True,
) -> list[MentionRow]:
    """Mention rows of a parsed document: event columns plus the trigger and its offsets.

    Dated events come first in the same form as :func:`events_from_doc` gives them;
    with ``undated``, names that no dated event covers add rows with empty date
    columns, their quote being the sentence.
    """
    from timeline.extraction.mentions import MentionRow, Tokens, event_mentions

    found = analyse(doc, published, options)
    text = found.text
    tokens = Tokens.from_doc(doc)
    rows: list[MentionRow] = []
    seen: set[str] = set()
    for mention in event_mentions(
        text,
        found.sentences,
        tokens,
        found.people,
        found.events,
        found.lexicon,
        undated,
        dated_clauses=found.dated_clauses,
    ):
        start, end = mention.trigger_start, mention.trigger_end
        if mention.event is not None:
            timex = mention.event.timex
            identifier = unique_event_id(seen, found.doc_id, timex.start, timex.end, mention.person)
            row = event_row(mention.event, found, identifier)
            row["person"] = mention.person
            row["event_type"] = mention.event_type
        else:
            identifier = unique_event_id(seen, found.doc_id, start, end, mention.person)
            row = undated_row(mention, found, identifier)
        rows.append(
            MentionRow(**row, trigger=text[start:end], trigger_start=start, trigger_end=end)
        )
    return rows


def extract_mentions(
    text: str,
    published: str | dt.date | None = None,
    *,
    title: str = "",
    url: str = "",
    doc_id: str | None = None,
    event_types: str | None = None,
    model: str | None = None,
    entities: Sequence[str] | None = None,
    undated: bool = True,
) -> pd.DataFrame:
    """Event mentions of one article: the event table's columns plus ``trigger``,
    ``trigger_start`` and ``trigger_end`` (``text[trigger_start:trigger_end] == trigger``).

    Dated events keep their date columns; with ``undated`` (the default), the
    event words of names that no dated event covers follow, with empty dates.

    >>> rows = extract_mentions("On 7 May 2020, Acme Corp bought Widget Inc.",
    ...                         entities=["Acme Corp"])
    >>> rows.loc[0, ["person", "trigger", "date"]].tolist()
    ['Acme Corp', 'bought', '2020-05-07']
    """
    from timeline.extraction.mentions import TRIGGER_COLUMNS

    options = ExtractOptions(
        event_types=event_types, model=model, entities=entities, title=title, url=url, doc_id=doc_id
    )
    doc, date = _parsed(text, published, options)
    rows = mentions_from_doc(doc, date, options, undated)
    frame = events_frame(rows)
    for column in TRIGGER_COLUMNS:
        frame[column] = [row[column] for row in rows]
    frame["trigger_start"] = frame["trigger_start"].astype("int64")
    frame["trigger_end"] = frame["trigger_end"].astype("int64")
    return frame
