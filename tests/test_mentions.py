"""Word-level event mentions and extraction with target entities."""

from __future__ import annotations

import pytest

from timeline import EVENT_COLUMNS, extract
from timeline.extraction.mentions import TRIGGER_COLUMNS, is_event_noun, load_mention_resources
from timeline.extraction.pipeline import extract_many, extract_mentions
from timeline.text.documents import Document

PUBLISHED = "2020-06-01"


def test_mention_rows_have_the_event_columns_then_the_trigger():
    text = "On 7 May 2020, Acme Corp bought Widget. Acme Corp also opened a plant."
    rows = extract_mentions(text, PUBLISHED, entities=["Acme Corp"])
    assert list(rows.columns) == EVENT_COLUMNS + TRIGGER_COLUMNS
    for row in rows.itertuples():
        assert text[row.trigger_start : row.trigger_end] == row.trigger
    assert rows[["trigger", "date"]].values.tolist() == [
        ["bought", "2020-05-07"],
        ["opened", ""],
    ]


def test_people_sharing_a_date_get_distinct_ids_as_their_events_do():
    text = "Jane Doe and John Roe left the army on 7 May 2020. Both were later arrested."
    rows = extract_mentions(text, PUBLISHED)
    assert rows["event_id"].is_unique
    dated = rows.loc[rows["date"] != "", ["event_id", "person"]]
    events = extract(text, PUBLISHED)[["event_id", "person"]]
    assert len(dated) == len(events) >= 2
    assert sorted(dated.itertuples(index=False)) == sorted(events.itertuples(index=False))


def test_undated_false_gives_the_dated_events_only():
    text = "On 7 May 2020, Acme Corp bought Widget. Acme Corp also opened a plant."
    rows = extract_mentions(text, PUBLISHED, entities=["Acme Corp"], undated=False)
    assert rows["trigger"].tolist() == ["bought"]
    events = extract(text, PUBLISHED, entities=["Acme Corp"])
    assert rows[EVENT_COLUMNS].equals(events)


@pytest.mark.parametrize(
    ("sentence", "trigger"),
    [
        ("Acme Corp has not yet signed the deal.", "signed"),  # subject: the verb after
        ("Rivals defeated Acme Corp in court.", "defeated"),  # object: the verb before
        ("Acme Corp's takeover of Widget was blocked.", "takeover"),  # possessive: event noun
        ("Acme Corp showed off a new jet.", "showed off"),  # phrasal verb (particle RP)
        ("The board said Acme Corp will be sold.", "sold"),  # the verb group's last verb
    ],
)
def test_the_event_word_of_a_name(sentence, trigger):
    rows = extract_mentions(sentence, PUBLISHED, entities=["Acme Corp"])
    assert rows["trigger"].tolist() == [trigger]
    assert rows.loc[0, "person"] == "Acme Corp" and rows.loc[0, "date"] == ""


def test_a_word_takes_the_date_no_other_verb_separates_it_from():
    text = "Acme Corp said on 2 March 2020 that Widget Ltd grew in February."
    rows = extract_mentions(text, PUBLISHED, entities=["Acme Corp", "Widget Ltd"])
    found = {(r.person, r.trigger): r.date for r in rows.itertuples()}
    assert found[("Acme Corp", "said")] == "2020-03-02"
    assert found[("Widget Ltd", "grew")] == "2020-02"


def test_entities_replace_people_and_drop_events_about_no_target():
    text = (
        "On 7 May 2020, Acme Corp bought Widget. "
        "Two days later, the company said it would close the plant. "
        "Jane Roe resigned in March 2020."
    )
    plain = extract(text, PUBLISHED)
    assert "Jane Roe" in plain["person"].tolist()
    targeted = extract(text, PUBLISHED, entities=["Acme Corp"])
    assert targeted["person"].tolist() == ["Acme Corp", "Acme Corp"]
    assert targeted["date"].tolist() == ["2020-05-07", "2020-05-09"]


def test_extract_many_takes_the_entities_too():
    docs = [
        Document(text="On 7 May 2020, Acme Corp bought Widget.", published=PUBLISHED, doc_id="a"),
        Document(text="In March 2020, Zenith Inc sold a plant.", published=PUBLISHED, doc_id="b"),
    ]
    frame = extract_many(docs, entities=["Acme Corp", "Zenith Inc"])
    assert frame[["doc_id", "person"]].values.tolist() == [["a", "Acme Corp"], ["b", "Zenith Inc"]]


def test_people_mode_mentions_cover_named_people():
    rows = extract_mentions("Jane Roe left the army. Jane Roe resigned in March 2020.", PUBLISHED)
    assert rows[["person", "trigger", "date"]].values.tolist() == [
        ["Jane Roe", "left", ""],
        ["Jane Roe", "resigned", "2020-03"],
    ]


@pytest.mark.parametrize(
    ("word", "expected"),
    [("resignation", True), ("deal", True), ("approval", True), ("nation", False),
     ("plant", False), ("wife", False)],
)  # fmt: skip
def test_event_nouns(word, expected):
    assert is_event_noun(word, load_mention_resources()) is expected


@pytest.mark.parametrize(
    "name", ["timeline.extraction.entities.names", "timeline.extraction.pipeline"]
)
def test_docstring_examples(name):
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(name))
    assert result.attempted > 0 and result.failed == 0
