"""The extraction pipeline: document -> sentences -> dates -> people -> events -> table.

Every setting of one extraction travels as one :class:`ExtractOptions`, checked when it
is made; the publication date is read once, where a text comes in (:func:`extract`,
:func:`extract_mentions`, :func:`document_rows`), into a ``date`` or None and handed
down as it is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

import pandas as pd

from timeline.extraction.analysis import (
    analyse,
    event_row,
    undated_row,
    unique_event_id,
)
from timeline.extraction.nlp import parse, parse_many
from timeline.extraction.options import DEFAULT_OPTIONS, ExtractOptions
from timeline.output.schema import EventRow, events_frame
from timeline.text.documents import (
    Document,
    DocumentError,
    check_characters,
    check_size,
    published_date,
)
from timeline.text.furniture import page_date
from timeline.text.language import check_english

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from timeline.extraction.mentions import MentionRow


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
    check_characters(text)
    check_english(text)  # before parsing, which is the costly part
    return parse(text, options.model), _publication(published, text, options.title)


def _publication(published: str | dt.date | None, text: str, title: str) -> dt.date | None:
    """The publication date given, else the page's own (a byline's, a timestamp's)."""
    date = published_date(published)
    from_page = page_date(text, title) if date is None else None
    return from_page[0] if from_page else date


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
            check_characters(document.text, document.source or document.id)  # a caller's own
            own = replace(options, title=document.title, url=document.url, doc_id=document.id)
            date = _publication(document.published, document.text, document.title)
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
