"""Text the file path refuses must not get in another way: a paste, the Python API, a
JSON line, documents handed to ``extract_many``. Each refusal has the file's words."""

from __future__ import annotations

import json

import pytest

from timeline import extract, extract_many
from timeline.corpus.inputs import read_inputs
from timeline.dashboard.ingest import read_article
from timeline.text.documents import Document, DocumentError, read_document

from .fixtures import ARTICLE

PUBLISHED = "2021-11-21"


@pytest.mark.parametrize(
    ("character", "code"),
    [("\x00", "U+0000"), ("\x1b", "U+001B"), ("\x7f", "U+007F"), ("\x9d", "U+009D")],
)
def test_every_way_in_refuses_a_control_character_in_the_same_words(tmp_path, character, code):
    text = ARTICLE * 3 + f"\n\nJane Doe {character}[2J was cleared in May."
    position = text.index(character) + 1
    words = f"binary, not text: control character {code} at character {position:,}"

    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    messages = {}
    if character != "\x00":  # a NUL byte marks the whole file binary before it is read
        with pytest.raises(DocumentError) as error:
            read_document(path, PUBLISHED)
        messages["file"] = str(error.value)
    for way, call in {
        "paste": lambda: read_article(text, PUBLISHED),
        "api": lambda: extract(text, published=PUBLISHED),
        "many": lambda: extract_many([Document(text, published=PUBLISHED, source="d")]),
    }.items():
        with pytest.raises(DocumentError) as error:
            call()
        messages[way] = str(error.value)
    lines = tmp_path / "a.jsonl"
    lines.write_text(json.dumps({"published": PUBLISHED, "text": text}) + "\n")
    (failure,) = list(read_inputs([lines]))
    messages["jsonl"] = failure.reason

    assert messages.pop("api") == words
    assert messages.pop("many") == f"d: {words}"
    assert messages.pop("paste") == f"pasted text: {words}"
    assert messages.pop("jsonl") == f"{lines}:1: 'text': {words}"
    if messages:
        assert messages.pop("file") == f"{path}: {words}"


def test_a_c1_control_that_is_mojibake_is_repaired_in_what_is_stored():
    """U+009B (a terminal's CSI) is "›" read as Windows-1252: a file's text gets "›" back."""
    text = ARTICLE + "\n\nJane Doe \x9b31m was cleared in May."
    assert "\x9b" not in read_article(text, PUBLISHED).text
    assert "›31m" in read_article(text, PUBLISHED).text


def test_a_nul_byte_in_a_file_is_binary(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(ARTICLE.encode() + b"\x00")
    with pytest.raises(DocumentError, match="binary, not text"):
        read_document(path, PUBLISHED)


def test_tab_and_line_breaks_are_text():
    text = ARTICLE.replace(" ", "\t", 3).replace("\n", "\r\n") + "\f"
    assert read_article(text, PUBLISHED).text == text


def test_a_paste_with_a_bad_date_or_a_bomb_is_refused_like_a_file():
    with pytest.raises(DocumentError, match="'2021-11-21 lol' is not a date"):
        read_article(f'---\npublished: "2021-11-21 lol"\n---\n{ARTICLE}', None)
    with pytest.raises(DocumentError, match="anchors and aliases"):
        read_article(f"---\ntitle: &t x\nurl: *t\n---\n{ARTICLE}", PUBLISHED)


def test_invisible_marks_never_make_a_second_person():
    text = ARTICLE.replace("Captain Jane Doe", "Captain Jane\u202e Doe") + (
        "\n\nIn May, Jane Doe said she was safe."
    )
    frame = extract(text, published=PUBLISHED)
    people = set(frame["person"])
    assert "Jane Doe" in people and not any("\u202e" in person for person in people)
    marked = frame[frame["quote"].str.contains("\u202e")]
    assert not marked.empty and set(marked["person"]) == {"Jane Doe"}  # quote verbatim
