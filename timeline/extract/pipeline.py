"""The extraction pipeline: document -> sentences -> dates -> people -> events -> table."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pandas as pd
from spacy.tokens import Doc

from timeline.extract.events import (
    PERSON_WEIGHT,
    EventCandidate,
    Lexicon,
    find_events,
    load_lexicon,
)
from timeline.extract.nlp import parse, parse_many, sentence_spans
from timeline.extract.people import People, find_people
from timeline.extract.temporal import MissingReferenceDate, tag_timexes
from timeline.extract.temporal.finder import TokenTags
from timeline.extract.temporal.values import event_date
from timeline.output.schema import EVENT_COLUMNS, events_frame
from timeline.text.deadline import check_time
from timeline.text.documents import (
    Document,
    DocumentError,
    check_characters,
    check_size,
    normalise_published,
    text_id,
)
from timeline.text.language import check_english


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


def analyse(
    doc: Doc,
    published: str | None = None,
    event_types: str | None = None,
    entities: Sequence[str] | None = None,
) -> Analysis:
    """Dates, people (or target entities) and dated events of a parsed document."""
    text = doc.text
    check_english(text)
    sentences = sentence_spans(doc, text)
    tags = TokenTags.from_doc(doc)
    try:
        timexes = tag_timexes(text, published or None, tags, sentences)
    except MissingReferenceDate as error:
        raise DocumentError(str(error)) from None
    check_time()
    people = find_people(doc, sentences, tags=tags, text=text)
    check_time()
    if entities:
        from timeline.extract.entities import find_entity_mentions

        people = find_entity_mentions(text, sentences, entities, people)
    verbs = [
        i for i, tag in zip(tags.starts, tags.tags, strict=True) if tag.startswith(("VB", "MD"))
    ]
    lexicon = load_lexicon(event_types)
    every = find_events(text, sentences, timexes, people, lexicon, verbs)
    events = [event for event in every if event.person] if entities else every
    return Analysis(text, sentences, tags, people, events, lexicon, every)


def event_row(
    event: EventCandidate,
    text: str,
    doc_id: str,
    title: str,
    url: str,
    published: str | None,
    identifier: str | None = None,
) -> dict:
    """The table row (the schema's columns) of one dated event (``identifier``: its id,
    when not the plain one of its date expression)."""
    timex = event.timex
    try:
        written = dt.date.fromisoformat(published) if published else None
    except ValueError:  # not a YYYY-MM-DD date: no bound to keep
        written = None
    date, gran, first, last = event_date(timex.value, not_after=written)
    return {
        "doc_id": doc_id,
        "event_id": identifier or event_id(doc_id, timex.start, timex.end),
        "person": event.person,
        "event_type": event.event_type,
        "date": date,
        "granularity": gran,
        "date_start": first.isoformat(),
        "date_end": last.isoformat(),
        "date_text": timex.text,
        "quote": text[event.start : event.end],
        "start": event.start,
        "end": event.end,
        "confidence": event.confidence,
        "title": title,
        "url": url,
        "published": published or "",
    }


def events_from_doc(
    doc: Doc,
    published: str | None = None,
    event_types: str | None = None,
    doc_id: str | None = None,
    title: str = "",
    url: str = "",
    entities: Sequence[str] | None = None,
) -> list[dict]:
    """Event rows (dicts with the schema's columns) of a parsed document.

    With ``entities``, events are about those target entities (see
    ``timeline.extract.entities``) instead of the people the document names. Raises
    DocumentError for a text that does not read as English or cannot be dated.
    """
    found = analyse(doc, published, event_types, entities)
    doc_id = doc_id or text_id(found.text)
    rows: list[dict] = []
    seen: set[str] = set()
    for event in found.events:
        timex = event.timex
        identifier = unique_event_id(seen, doc_id, timex.start, timex.end, event.person)
        rows.append(event_row(event, found.text, doc_id, title, url, published, identifier))
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
    published: str | None = None,
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
    doc, published = _parsed(text, published, model)
    return events_frame(events_from_doc(doc, published, event_types, doc_id, title, url, entities))


def _parsed(text: str, published: str | None, model: str | None) -> tuple[Doc, str]:
    """The checked, parsed text and its normalised publication date (DocumentError for
    bytes, an empty or oversized text, or one that does not read as English)."""
    if isinstance(text, (bytes, bytearray)):
        raise DocumentError("extract takes text (str), not bytes: decode the file first")
    if not isinstance(text, str) or not text.strip():
        raise DocumentError("the text is empty")
    check_size(text)
    check_characters(text)
    check_english(text)  # before parsing, which is the costly part
    return parse(text, model), normalise_published(published) if published else ""


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


def extract_many(
    documents: Iterable[Document],
    event_types: str | None = None,
    model: str | None = None,
    batch_size: int = 16,
    entities: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Extract many documents through ``nlp.pipe``; one table for all.

    ``entities``: as in :func:`extract`.
    """
    documents = list(documents)
    for document in documents:  # made by the caller, perhaps not read by read_document
        check_characters(document.text, document.source or document.id)
    rows: list[dict] = []
    docs = parse_many((d.text for d in documents), model, batch_size)
    for document, doc in zip(documents, docs, strict=True):
        rows.extend(
            events_from_doc(
                doc,
                document.published or None,
                event_types,
                document.id,
                document.title,
                document.url,
                entities,
            )
        )
    return events_frame(rows)


def mentions_from_doc(
    doc: Doc,
    published: str | None = None,
    event_types: str | None = None,
    doc_id: str | None = None,
    title: str = "",
    url: str = "",
    entities: Sequence[str] | None = None,
    undated: bool = True,
) -> list[dict]:
    """Mention rows of a parsed document: event columns plus the trigger and its offsets.

    Dated events come first in the same form as :func:`events_from_doc` gives them;
    with ``undated``, names that no dated event covers add rows with empty date
    columns, their quote being the sentence.
    """
    from timeline.extract.mentions import TRIGGER_COLUMNS, Tokens, event_mentions

    found = analyse(doc, published, event_types, entities)
    text = found.text
    doc_id = doc_id or text_id(text)
    tokens = Tokens.from_doc(doc)
    rows = []
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
            identifier = unique_event_id(seen, doc_id, timex.start, timex.end, mention.person)
            row = event_row(mention.event, text, doc_id, title, url, published, identifier)
            row["person"] = mention.person
            row["event_type"] = mention.event_type
        else:
            s_start, s_end = mention.sentence
            row = {
                **dict.fromkeys(EVENT_COLUMNS, ""),
                "doc_id": doc_id,
                "event_id": unique_event_id(seen, doc_id, start, end, mention.person),
                "person": mention.person,
                "event_type": mention.event_type,
                "quote": text[s_start:s_end],
                "start": s_start,
                "end": s_end,
                "confidence": round(0.5 * PERSON_WEIGHT.get(mention.kind, 1.0), 3),
                "title": title,
                "url": url,
                "published": published or "",
            }
        row.update(dict(zip(TRIGGER_COLUMNS, (text[start:end], start, end), strict=True)))
        rows.append(row)
    return rows


def extract_mentions(
    text: str,
    published: str | None = None,
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
    from timeline.extract.mentions import TRIGGER_COLUMNS

    doc, published = _parsed(text, published, model)
    rows = mentions_from_doc(doc, published, event_types, doc_id, title, url, entities, undated)
    frame = events_frame(rows)
    for column in TRIGGER_COLUMNS:
        frame[column] = [row[column] for row in rows]
    frame["trigger_start"] = frame["trigger_start"].astype("int64")
    frame["trigger_end"] = frame["trigger_end"].astype("int64")
    return frame
