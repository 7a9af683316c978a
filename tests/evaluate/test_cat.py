"""Reading Track A CAT token files: raw text, offsets, DCT, mention strings."""

from __future__ import annotations

import pytest
from cat_samples import cat_xml
from evaluation_corpora import semeval_dir

from timeline.evaluate.cat import mention, normalise_dct, parse_cat, read_cat_dir
from timeline.evaluate.semeval2015 import find_corpora, read_gold

DOC = parse_cat(
    cat_xml(
        [
            ["Airbus", "wins", "$", "15bn", "order"],
            ["June", "13", ",", "2005"],
            ["It", "has", "out-sold", "Boeing", "'s", "jets", "(", "again", ")", "."],
        ]
    )
)


def test_text_is_one_sentence_per_line_with_light_detokenisation():
    assert DOC.text == (
        "Airbus wins $15bn order\nJune 13, 2005\nIt has out-sold Boeing's jets (again)."
    )
    assert (DOC.doc_id, DOC.name, DOC.dct) == ("4764", "4764_x.txt", "2005-06-13")


def test_every_token_maps_to_its_characters():
    for token in DOC.tokens:
        assert DOC.text[token.start : token.end] == token.text
    assert [t.text for t in DOC.tokens_in(34, 40)] == ["2005", "It"]


@pytest.mark.parametrize(
    ("sentence", "indices", "expected"),
    [
        (0, [1], "4764-0-wins"),
        (2, [2], "4764-2-out-sold"),
        (2, [5, 2], "4764-2-out-sold_jets"),  # tokens joined in text order
    ],
)
def test_mention_strings(sentence, indices, expected):
    tokens = DOC.sentence(sentence)
    assert mention(DOC, [tokens[i] for i in indices]) == expected


def test_a_mention_cannot_span_sentences():
    with pytest.raises(ValueError, match="sentences"):
        mention(DOC, [DOC.sentence(0)[0], DOC.sentence(2)[0]])


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2005-06-13", "2005-06-13"), ("03-02-2009", "2009-02-03"), (" 2008-10-09 ", "2008-10-09")],
)
def test_dct_normalisation(value, expected):
    assert normalise_dct(value) == expected


#: Gold mentions that name no document or no tokens of their sentence (typos in the gold).
GOLD_DEFECTS = {
    "629292-7-travelling8",
    "2007-03-19",
    "738080-0-unveils",
    "7142614-14-takeover",
    "7142614-16-takeover",
    "1173-39-said",
}


def test_the_corpus_reads_and_gold_mentions_resolve_to_tokens():
    unresolved, total, documents = set(), 0, 0
    for corpus in find_corpora(semeval_dir()):
        docs = {doc.doc_id: doc for doc in read_cat_dir(corpus.cat_dir)}
        documents += len(docs)
        for doc in docs.values():
            assert len(doc.dct) == 10 and doc.dct[4] == "-", doc.dct
            assert all(doc.text[t.start : t.end] == t.text for t in doc.tokens)
        for timeline in read_gold(corpus).values():
            for line in timeline.lines:
                for gold_mention in line.mentions:
                    total += 1
                    doc_id, _, rest = gold_mention.partition("-")
                    sentence, _, surface = rest.partition("-")
                    if doc_id not in docs or not sentence.isdigit():
                        unresolved.add(gold_mention)
                        continue
                    words = iter(t.text for t in docs[doc_id].sentence(int(sentence)))
                    if not all(part in words for part in surface.split("_")):
                        unresolved.add(gold_mention)
    assert documents == 90
    assert total > 900
    assert unresolved == GOLD_DEFECTS
