"""The pipeline as a library: batch use, long texts, and the spaCy components."""

from __future__ import annotations

import spacy

from timeline import extract, extract_many
from timeline.extract.nlp import PIECE_CHARS, model_name, pieces
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
    from timeline.extract.nlp import parse, sentence_spans

    text = "Sgt. Aung Ko left on Jan. 3 with Lt. Col. Tun Aye. He was held.\n\nNew paragraph here"
    spans = [text[a:b] for a, b in sentence_spans(parse(text))]
    assert spans == [
        "Sgt. Aung Ko left on Jan. 3 with Lt. Col. Tun Aye.",
        "He was held.",
        "New paragraph here",
    ]
