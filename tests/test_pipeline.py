"""The pipeline as a library: batch use, long texts, and the spaCy components."""

from __future__ import annotations

import datetime as dt

import pytest
import spacy

from timeline import extract, extract_many
from timeline.extraction.nlp import PIECE_CHARS, model_name, pieces
from timeline.text.documents import Document


def test_extract_many_equals_one_by_one():
    docs = [
        Document("On 7 October, Jane Doe left her base.", published="2021-11-21", doc_id="a"),
        Document("In June, John Roe was arrested.", published="2021-11-21", doc_id="b"),
    ]
    together = extract_many(docs)
    apart = [extract(d.text, published=d.published, doc_id=d.doc_id) for d in docs]
    assert together["event_id"].tolist() == [i for f in apart for i in f["event_id"]]
    assert together["doc_id"].tolist() == ["a", "b"]


def test_text_longer_than_one_piece_is_processed_whole():
    paragraph = "On 7 October, Jane Doe left her base. " * 40 + "\n\n"
    text = paragraph * (PIECE_CHARS // len(paragraph) + 3)
    assert len(text) > PIECE_CHARS
    assert "".join(p for _, p in pieces(text)) == text
    frame = extract(text + "In June, John Roe was arrested.", published="2021-11-21")
    assert "John Roe" in frame["person"].tolist()
    last = frame.iloc[-1]
    assert (text + "In June, John Roe was arrested.")[last.start : last.end] == last.quote


def test_spacy_components_on_a_users_pipeline():
    nlp = spacy.load(model_name())
    nlp.add_pipe("timeline_timexes", config={"published": "2021-11-21"})
    nlp.add_pipe("timeline_events", config={"published": "2021-11-21"})
    doc = nlp("On 7 October, Jane Doe left her base.")
    assert [s.text for s in doc.spans["timexes"]] == ["7 October"]
    assert doc.spans["timexes"][0]._.timex.value == "2021-10-07"
    assert doc._.events[0]["person"] == "Jane Doe"
    assert doc._.events[0]["event_type"] == "defection"


def test_sentences_do_not_end_at_abbreviations_or_cross_paragraphs():
    from timeline.extraction.nlp import parse, sentence_spans

    text = "Sgt. Aung Ko left on Jan. 3 with Lt. Col. Tun Aye. He was held.\n\nNew paragraph here"
    spans = [text[a:b] for a, b in sentence_spans(parse(text))]
    assert spans == [
        "Sgt. Aung Ko left on Jan. 3 with Lt. Col. Tun Aye.",
        "He was held.",
        "New paragraph here",
    ]


def test_a_sentence_ends_after_its_footnote_marker():
    from timeline.extraction.nlp import parse, sentence_spans

    text = 'They let her go.[4] Before dawn on 9 July he swam across. He said "no."[3] Then he ran.'
    spans = [text[a:b] for a, b in sentence_spans(parse(text))]
    assert spans == [
        "They let her go.[4]",
        "Before dawn on 9 July he swam across.",
        'He said "no."[3]',
        "Then he ran.",
    ]


def test_the_comma_of_a_number_does_not_cut_a_clause():
    text = "On 5 May a court fined Maria Lopez 3,000 pesos under a law passed in 2019."
    frame = extract(text, published="2024-06-01")
    first = frame[frame["date"] == "2024-05-05"]["quote"].tolist()
    assert first and "3,000 pesos" in first[0]


def test_options_are_checked_once_when_made():
    from timeline.extraction.options import ExtractOptions

    options = ExtractOptions(entities=["Acme Corp"], event_types="", model="", doc_id="")
    assert (options.entities, options.event_types, options.model, options.doc_id) == (
        ("Acme Corp",),
        None,
        None,
        None,
    )
    with pytest.raises(TypeError, match="model"):
        ExtractOptions(model=3)
    with pytest.raises(TypeError, match="one string"):
        ExtractOptions(entities="Acme Corp")


def test_the_publication_date_is_read_once_and_written_as_iso():
    from timeline.extraction.nlp import parse
    from timeline.extraction.pipeline import events_from_doc

    text = "On 7 October, Jane Doe left her base."
    as_text = extract(text, published="2021-11-21")
    as_date = extract(text, published=dt.date(2021, 11, 21))
    assert as_text.equals(as_date)
    assert as_text["published"].tolist() == ["2021-11-21"]
    dated_in_text = extract("On 7 October 2021, Jane Doe left her base.")
    assert dated_in_text["published"].tolist() == [""]
    with pytest.raises(TypeError, match="published"):
        events_from_doc(parse(text), "2021-11-21")


def test_batch_and_many_share_one_loop():
    from timeline.corpus.engines import extract_batch

    docs = [
        Document("On 7 October, Jane Doe left her base.", published="2021-11-21", doc_id="a"),
        Document("On 7 October, John Roe left.", doc_id="undated"),
        Document("In June, John Roe was arrested.", published="2021-11-21", doc_id="b"),
    ]
    results = extract_batch(docs)
    assert isinstance(results[1], str) and "no publication date" in results[1]
    together = extract_many([docs[0], docs[2]])
    assert [row["event_id"] for row in results[0] + results[2]] == together["event_id"].tolist()


def test_an_event_row_has_the_tables_columns():
    from timeline.output.schema import EVENT_COLUMNS, EventRow

    row = extract("On 7 October, Jane Doe left her base.", published="2021-11-21").iloc[0]
    assert list(EventRow.__annotations__) == EVENT_COLUMNS == list(row.index)


def test_the_public_extract_is_the_function_whatever_was_imported_first():
    import importlib

    importlib.import_module("timeline.extraction.pipeline")
    import timeline

    assert callable(timeline.extract)
    from timeline import extract as public

    assert public.__module__ == "timeline.extraction.pipeline"
