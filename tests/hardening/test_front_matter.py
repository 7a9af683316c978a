"""Front matter and metadata fields, as a hostile tester wrote them: alias bombs, huge
blocks, fields over their limits or of the wrong kind, dates with trailing words, and
control characters or white space where they cannot be."""

from __future__ import annotations

import doctest
import importlib
import json
import time

import pytest

from timeline.corpus.inputs import read_inputs
from timeline.text.checks import (
    FIELD_LIMITS,
    MAX_ID_CHARS,
    MAX_TITLE_CHARS,
    MAX_URL_CHARS,
    checked_field,
    strip_invisible,
)
from timeline.text.documents import DocumentError, normalise_published, parse_document
from timeline.text.front_matter import MAX_FRONT_MATTER_BYTES

from .fixtures import ARTICLE, alias_bomb


@pytest.mark.parametrize(
    "name",
    [
        "timeline.text.checks",
        "timeline.text.files",
        "timeline.text.front_matter",
        "timeline.text.documents",
        "timeline.corpus.inputs",
    ],
)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name))
    assert result.attempted > 0 and result.failed == 0


@pytest.mark.parametrize(("levels", "width"), [(7, 9), (60, 25)])
def test_an_alias_bomb_is_refused_at_once(levels, width):
    raw = alias_bomb(levels, width).decode()
    started = time.monotonic()
    with pytest.raises(DocumentError, match=r"^a\.txt: front matter line 2: anchors and aliases"):
        parse_document(raw, "a.txt")
    assert time.monotonic() - started < 1


def test_the_bombs_are_small_blocks():
    for levels, width in ((7, 9), (60, 25)):
        block = alias_bomb(levels, width).split(b"---")[1]
        assert len(block) < MAX_FRONT_MATTER_BYTES  # refused for its aliases, not its size


@pytest.mark.parametrize(
    "block",
    [
        "title: &t Soldiers leave\nurl: *t",
        "title: x\nextra: &e [1, 2]\nmore: *e",
        "title: !!str &t x",
    ],
)
def test_any_anchor_or_alias_is_refused(block):
    with pytest.raises(DocumentError, match="anchors and aliases"):
        parse_document(f"---\n{block}\n---\n{ARTICLE}", "a.txt")


def test_a_block_over_8_kb_is_refused_before_yaml_reads_it():
    filler = "\n".join(f"# comment {i:05d} " + "x" * 60 for i in range(200))
    assert len(filler) > MAX_FRONT_MATTER_BYTES
    with pytest.raises(DocumentError, match=r"front matter is [\d,]+ bytes, over the 8,192-byte"):
        parse_document(f"---\n{filler}\ntitle: x\n---\n{ARTICLE}", "a.txt")
    # Just under the limit is fine.
    small = "\n".join(f"# c{i:04d}" for i in range(800))
    assert len(small) < MAX_FRONT_MATTER_BYTES
    assert parse_document(f"---\n{small}\ntitle: x\n---\n{ARTICLE}").title == "x"


def test_the_limits_are_the_issue_s():
    assert (MAX_TITLE_CHARS, MAX_URL_CHARS, MAX_ID_CHARS) == (500, 2_048, 200)
    assert FIELD_LIMITS == {"title": 500, "url": 2_048, "id": 200}


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("title", "x" * 501, "'title' (line 2) is 501 characters long, over the 500-character"),
        ("url", "https://e.org/" + "a" * 2_040, "over the 2,048-character limit"),
        ("id", "i" * 201, "over the 200-character limit"),
        ("title", "[a, b]", "'title' (line 2) must be text, not a list"),
        ("title", "{a: b}", "must be text, not a mapping"),
        ("id", "true", "must be text, not true or false"),
        ("title", '"a\\x1b[31mb"', "binary, not text: control character U+001B"),
        ("url", '"https://e.org/a\\r\\nEND:VEVENT"', "a URL may not hold white space or control"),
        ("url", "https://e.org/a b", "a URL may not hold white space"),
        ("url", '"https://e.org/\\u2028x"', "U+2028"),
    ],
)
def test_fields_over_their_limits_or_of_the_wrong_kind_are_refused(key, value, message):
    with pytest.raises(DocumentError) as error:
        parse_document(f"---\n{key}: {value}\npublished: 2021-11-21\n---\n{ARTICLE}", "a.txt")
    assert message in str(error.value) and str(error.value).startswith("a.txt: ")


def test_fields_at_their_limits_are_kept_as_checked():
    raw = (
        f"---\ntitle: {'t' * 500}\nurl: '  https://e.org/{'a' * 2_000}  '\nid: {'i' * 200}\n"
        f"---\n{ARTICLE}"
    )
    document = parse_document(raw)
    assert len(document.title) == 500 and document.doc_id == "i" * 200
    assert document.url == f"https://e.org/{'a' * 2_000}"  # stripped, then checked: as stored
    assert checked_field(2021, "title", "t") == "2021"


@pytest.mark.parametrize(
    "value",
    ["2021-11-21 lol", "2021-11-21T10:00:00", "21-11-2021", "2021-1-21", "２０２１-11-21", "2021"],
)
def test_dates_are_strictly_yyyy_mm_dd(value):
    with pytest.raises(DocumentError, match="is not a date in YYYY-MM-DD form"):
        normalise_published(value, "published")
    with pytest.raises(DocumentError, match="not a date"):
        parse_document(f'---\npublished: "{value}"\n---\n{ARTICLE}', "a.txt")


def test_calendar_edge_dates_are_dates():
    assert normalise_published("0001-01-01") == "0001-01-01"
    assert normalise_published("9999-12-31") == "9999-12-31"


def test_a_long_bad_date_is_quoted_short():
    with pytest.raises(DocumentError) as error:
        normalise_published("2021-11-21" + "x" * 10_000, "published")
    assert len(str(error.value)) < 120


def jsonl(tmp_path, record: dict) -> list:
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    return list(read_inputs([path]))


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("title", "x" * 501, "'title' is 501 characters long"),
        ("url", "https://e.org/a\r\nEND:VEVENT", "a URL may not hold white space"),
        ("id", ["a"], "'id' must be text, not a list"),
        ("text", ARTICLE + "\x00", "'text': binary, not text: control character U+0000"),
        ("text", ARTICLE + "\x1b[2J", "control character U+001B"),
        ("text", ARTICLE + "\ud800", "control character U+D800"),
        ("published", "2021-11-21 lol", "'2021-11-21 lol' is not a date"),
    ],
)
def test_json_lines_obey_the_same_limits(tmp_path, field, value, message):
    record = {"id": "j1", "title": "T", "url": "", "published": "2021-11-21", "text": ARTICLE}
    (failure,) = jsonl(tmp_path, record | {field: value})
    assert message in failure.reason and failure.reason.startswith(f"{tmp_path / 'a.jsonl'}:1: ")


def test_page_metadata_obeys_the_same_limits(tmp_path):
    page = (
        f"<html><head><title>{'T' * 600}</title></head><body><article>"
        + "".join(f"<p>{p}</p>" for p in ARTICLE.split("\n\n"))
        + "</article></body></html>"
    )
    (tmp_path / "c.html").write_text(page, encoding="utf-8")
    (failure,) = list(read_inputs([tmp_path / "c.html"]))
    assert "page title is" in failure.reason and "over the 500-character limit" in failure.reason


def test_invisible_marks_leave_names():
    assert strip_invisible("Jane\u202e Doe") == "Jane Doe"
    assert strip_invisible("\u200fRichard\u200b Roe\u2069\ufeff") == "Richard Roe"
    assert strip_invisible("Nguyễn Văn An") == "Nguyễn Văn An"
