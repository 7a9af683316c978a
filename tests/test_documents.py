"""Reading documents: front matter, offsets, and one-line errors for bad input."""

from __future__ import annotations

import pytest

from timeline.text.documents import DocumentError, parse_document, read_document, text_id


def test_front_matter_is_read_and_text_kept_unchanged():
    raw = (
        "---\ntitle: A title\nurl: https://example.org/a\npublished: 2021-11-21\n---\nBody  text.\n"
    )
    doc = parse_document(raw)
    assert (doc.title, doc.url, doc.published) == ("A title", "https://example.org/a", "2021-11-21")
    assert doc.text == "Body  text.\n"


def test_no_front_matter():
    doc = parse_document("Just text on 3 May.")
    assert doc.text == "Just text on 3 May." and doc.published == ""


def test_command_line_date_overrides_front_matter():
    doc = parse_document("---\npublished: 2020-01-01\n---\nText.", published="2021-11-21")
    assert doc.published == "2021-11-21"


def test_id_is_stable_and_explicit_id_wins():
    assert (
        parse_document("Same text.").id == parse_document("Same text.").id == text_id("Same text.")
    )
    assert parse_document("---\nid: abc\n---\nText.").id == "abc"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"   \n\t\n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary"),
        (b"caf\xe9 au lait", "not UTF-8"),
        (b"---\ntitle: [unclosed\n---\nText.", "malformed front matter on line 2"),
        (b"---\ntitle: x\nText without a closing fence.", "never closed"),
        (b"---\npublished: yesterday\n---\nText.", "not a date"),
        (b"---\ntitle: x\n---\n   \n", "empty"),
    ],
)
def test_bad_files_give_one_line_errors(tmp_path, data, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(DocumentError) as error:
        read_document(path)
    assert message in str(error.value)
    assert str(path) in str(error.value)
    assert "\n" not in str(error.value)
