"""The extraction pipeline: document -> sentences -> dates -> people -> events -> table."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

import pandas as pd
from spacy.tokens import Doc

from timeline.documents import (
    Document,
    DocumentError,
    check_size,
    normalise_published,
    text_id,
)
from timeline.events import find_events, load_lexicon
from timeline.language import check_english
from timeline.nlp import parse, parse_many, sentence_spans
from timeline.people import find_people
from timeline.schema import events_frame
from timeline.temporal import MissingReferenceDate, tag_timexes
from timeline.temporal.finder import TokenTags
from timeline.temporal.values import event_date


def event_id(doc_id: str, start: int, end: int, person: str = "") -> str:
    """A stable id: the same document and date expression always give the same id
    (and the same person, when one date is shared by several)."""
    key = f"{doc_id}:{start}:{end}" + (f":{person}" if person else "")
    return hashlib.sha1(key.encode()).hexdigest()[:16]


def events_from_doc(
    doc: Doc,
    published: str | None = None,
    event_types: str | None = None,
    doc_id: str | None = None,
    title: str = "",
    url: str = "",
) -> list[dict]:
    """Event rows (dicts with the schema's columns) of a parsed document.

    Raises DocumentError for a text that does not read as English or cannot be dated.
    """
    text = doc.text
    check_english(text)
    sentences = sentence_spans(doc, text)
    tags = TokenTags.from_doc(doc)
    try:
        timexes = tag_timexes(text, published or None, tags, sentences)
    except MissingReferenceDate as error:
        raise DocumentError(str(error)) from None
    people = find_people(doc, sentences, tags=tags, text=text)
    doc_id = doc_id or text_id(text)
    rows = []
    verbs = [
        i for i, tag in zip(tags.starts, tags.tags, strict=True) if tag.startswith(("VB", "MD"))
    ]
    seen: set[str] = set()
    for event in find_events(text, sentences, timexes, people, load_lexicon(event_types), verbs):
        timex = event.timex
        date, gran, first, last = event_date(timex.value)
        identifier = event_id(doc_id, timex.start, timex.end)
        if identifier in seen:
            # One date shared by several people ("Jane Doe and John Roe left on 7 May"):
            # the first keeps the plain id, the others add their name to it.
            identifier = event_id(doc_id, timex.start, timex.end, event.person)
        seen.add(identifier)
        rows.append(
            {
                "doc_id": doc_id,
                "event_id": identifier,
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
        )
    return rows


def extract(
    text: str,
    published: str | None = None,
    *,
    title: str = "",
    url: str = "",
    doc_id: str | None = None,
    event_types: str | None = None,
    model: str | None = None,
) -> pd.DataFrame:
    """Extract the dated events of one article.

    ``published`` (YYYY-MM-DD) anchors year-less dates; without it the latest
    explicit date in the text does, and a text with neither raises DocumentError. So
    does a text over ``documents.MAX_TEXT_BYTES`` or one that does not read as English.
    """
    if isinstance(text, (bytes, bytearray)):
        raise DocumentError("extract takes text (str), not bytes: decode the file first")
    if not isinstance(text, str) or not text.strip():
        raise DocumentError("the text is empty")
    check_size(text)
    check_english(text)  # before parsing, which is the costly part
    published = normalise_published(published) if published else ""
    doc = parse(text, model)
    return events_frame(events_from_doc(doc, published, event_types, doc_id, title, url))


def extract_document(
    document: Document, event_types: str | None = None, model: str | None = None
) -> pd.DataFrame:
    """Extract the events of a Document read with :func:`timeline.documents.read_document`."""
    return extract(
        document.text,
        document.published or None,
        title=document.title,
        url=document.url,
        doc_id=document.id,
        event_types=event_types,
        model=model,
    )


def extract_many(
    documents: Iterable[Document],
    event_types: str | None = None,
    model: str | None = None,
    batch_size: int = 16,
) -> pd.DataFrame:
    """Extract many documents through ``nlp.pipe``; one table for all."""
    documents = list(documents)
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
            )
        )
    return events_frame(rows)
