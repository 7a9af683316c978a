"""Adding articles: every bad input is a one-line message, never an exception in the page."""

from __future__ import annotations

import base64

import pandas as pd
import pytest

from timeline.dashboard.ingest import (
    MAX_ARTICLE_BYTES,
    decode_upload,
    extract_article,
    read_article,
)
from timeline.output.schema import EVENT_COLUMNS, events_frame
from timeline.text.documents import DocumentError

from .conftest import SAMPLE_ROWS


def data_url(data: bytes) -> str:
    return "data:text/plain;base64," + base64.b64encode(data).decode()


def test_upload_decodes_utf8_text():
    assert decode_upload(data_url("Zwë Man left.".encode()), "a.txt") == "Zwë Man left."


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "nothing was uploaded"),
        (b"   \n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "binary, not text"),
        ("caf\u00e9".encode("latin-1"), "not UTF-8"),
        (b"x" * (MAX_ARTICLE_BYTES + 10), "over the 2 MB limit"),
    ],
)
def test_bad_uploads(data, message):
    contents = data_url(data) if data else None
    with pytest.raises(DocumentError, match=message):
        decode_upload(contents, "file.bin")


def test_garbled_upload():
    with pytest.raises(DocumentError, match="could not be decoded"):
        decode_upload("data:text/plain;base64,@@@", "f.txt")


def test_read_article_checks_size_emptiness_and_date():
    with pytest.raises(DocumentError, match="empty"):
        read_article("  \n ", "2021-01-01")
    with pytest.raises(DocumentError, match="over the 2 MB limit"):
        read_article("é" * (MAX_ARTICLE_BYTES // 2 + 1), "2021-01-01")
    with pytest.raises(DocumentError, match=r"^Published: '21/11/2021' is not a date in YYYY-MM"):
        read_article("text", "21/11/2021")


def test_form_fields_win_over_front_matter():
    raw = "---\ntitle: Old\npublished: 2020-01-01\nurl: https://a.example\n---\nBody text."
    document = read_article(raw, "", "New title", "")
    assert (document.title, document.published, document.url) == (
        "New title",
        "2020-01-01",
        "https://a.example",
    )
    assert document.text == "Body text."
    assert read_article(raw, "2021-11-21").published == "2021-11-21"


def test_extract_article_reports_no_events_and_failures():
    document = read_article("Nothing dated here.", "2021-01-01")
    with pytest.raises(DocumentError, match="no dated events"):
        extract_article(document, lambda text, **_: events_frame())

    def broken(text, **_):
        raise RuntimeError("boom\nwith a second line")

    with pytest.raises(
        DocumentError, match=r"^extraction failed \(RuntimeError\); see the server log$"
    ):
        extract_article(document, broken)


def test_engine_errors_are_worded_for_the_form():
    document = read_article("On 7 October Jane left.", "")

    def undated(text, **_):
        raise DocumentError("no publication date and no explicit year: give one with --published")

    with pytest.raises(DocumentError) as caught:
        extract_article(document, undated)
    assert str(caught.value) == (
        "no publication date and no explicit year: fill in Published (YYYY-MM-DD)"
    )


def test_extract_article_passes_metadata_and_keeps_columns():
    seen = {}

    def fake(text, **metadata):
        seen.update(metadata, text=text)
        return pd.concat([events_frame(SAMPLE_ROWS[:1]).assign(extra=1)])

    document = read_article("On 7 October Jane left.", "2021-11-21", "T", "https://x.example")
    frame = extract_article(document, fake)
    assert list(frame.columns) == EVENT_COLUMNS
    assert seen["published"] == "2021-11-21" and seen["title"] == "T"
    assert seen["doc_id"] == document.id and seen["text"] == "On 7 October Jane left."


def test_the_forms_own_fields_have_the_front_matters_limits():
    """A 10 MB title typed into the form was stored (issue 15, case 1)."""
    with pytest.raises(DocumentError, match="Title is 10,000,000 characters long, over the 500"):
        read_article("On 7 October Jane left.", "2021-11-21", "T" * 10_000_000, "")
    with pytest.raises(DocumentError, match="Link is 2,049 characters long, over the 2,048"):
        read_article("On 7 October Jane left.", "2021-11-21", "", "https://e.org/" + "a" * 2035)
    with pytest.raises(DocumentError, match="Link: a URL may not hold white space or control"):
        read_article("On 7 October Jane left.", "2021-11-21", "", "https://e.org/a\r\nEND:X")
    with pytest.raises(DocumentError, match="Title: binary, not text: control character U\\+001B"):
        read_article("On 7 October Jane left.", "2021-11-21", "\x1b[2J", "")
    with pytest.raises(DocumentError, match="Title must be text, not a list"):
        read_article("On 7 October Jane left.", "2021-11-21", ["T"], "")  # type: ignore[arg-type]
    with pytest.raises(DocumentError, match="Published must be text"):
        read_article("On 7 October Jane left.", 20211121, "", "")  # type: ignore[arg-type]
    document = read_article("On 7 October Jane left.", "2021-11-21", " " + "T" * 500 + " ", "")
    assert document.title == "T" * 500
