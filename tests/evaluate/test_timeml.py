"""Reading TimeML: plain text, DCT, gold timex offsets."""

from __future__ import annotations

from collections import Counter

import pytest
from evaluation_corpora import te3_dir

from timeline.evaluate.timeml import parse_timeml, read_timeml_dir

DOC = (
    '<?xml version="1.0" ?><TimeML><DOCID>x1</DOCID>'
    '<DCT><TIMEX3 tid="t0" type="DATE" value="2013-03-22" '
    'functionInDocument="CREATION_TIME">March 22, 2013</TIMEX3></DCT>'
    "<TITLE>Title</TITLE>"
    '<TEXT>\n\nIt <EVENT eid="e1">started</EVENT> <TIMEX3 tid="t1" type="DURATION" '
    'value="P1M">a month</TIMEX3> ago, in <TIMEX3 tid="t2" type="DATE" value="2009">2009'
    '</TIMEX3>-<TIMEX3 tid="t3" type="DATE" value="2010">2010</TIMEX3>.\n</TEXT></TimeML>'
)


def test_text_is_the_content_of_text_without_tags():
    doc = parse_timeml(DOC)
    assert doc.text == "\n\nIt started a month ago, in 2009-2010.\n"
    assert doc.doc_id == "x1"
    assert doc.dct == "2013-03-22"


@pytest.mark.parametrize(
    ("index", "start", "end", "text", "type_", "value"),
    [
        (0, 13, 20, "a month", "DURATION", "P1M"),
        (1, 29, 33, "2009", "DATE", "2009"),
        (2, 34, 38, "2010", "DATE", "2010"),
    ],
)
def test_gold_timexes_have_offsets_into_the_text(index, start, end, text, type_, value):
    doc = parse_timeml(DOC)
    timex = doc.timexes[index]
    assert (timex.start, timex.end, timex.text, timex.type, timex.value) == (
        start,
        end,
        text,
        type_,
        value,
    )
    assert doc.text[timex.start : timex.end] == timex.text


def test_the_dct_timex_is_not_gold():
    assert [t.value for t in parse_timeml(DOC).timexes] == ["P1M", "2009", "2010"]


def test_a_document_without_text_is_an_error():
    with pytest.raises(ValueError, match="TEXT"):
        parse_timeml("<TimeML><DCT/></TimeML>", doc_id="bad")


def test_platinum_corpus_reads_whole():
    documents = read_timeml_dir(te3_dir())
    assert len(documents) == 20
    timexes = [timex for doc in documents for timex in doc.timexes]
    # TempEval-3 platinum: 158 TIMEX3 tags, 20 of them the DCTs outside <TEXT>.
    assert len(timexes) == 138
    assert Counter(t.type for t in timexes) == {"DATE": 96, "DURATION": 34, "SET": 4, "TIME": 4}
    for doc in documents:
        assert doc.dct[:4] == "2013"
        for timex in doc.timexes:
            assert doc.text[timex.start : timex.end] == timex.text


def test_a_timebank_layout_with_body_and_date_time_reads_too():
    source = (
        '<TimeML><DOCNO>x2</DOCNO><DOCTYPE SOURCE="wire">NEWS STORY</DOCTYPE>'
        '<DATE_TIME><TIMEX3 tid="t9" type="TIME" value="1998-01-08T18:30:00" '
        'functionInDocument="CREATION_TIME">01/08/1998 18:30</TIMEX3></DATE_TIME>'
        '<BODY><TEXT>Talks ended <TIMEX3 tid="t1" type="DATE" value="1998-01-07">yesterday'
        "</TIMEX3>.</TEXT></BODY></TimeML>"
    )
    doc = parse_timeml(source, doc_id="x2")
    assert doc.text == "Talks ended yesterday."
    assert doc.dct == "1998-01-08T18:30:00"
    assert [(t.start, t.end, t.value) for t in doc.timexes] == [(12, 21, "1998-01-07")]
