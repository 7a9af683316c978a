"""The guards one at a time: size limit, binary formats, mojibake, front matter, language,
names made of symbols, CSV formulas, TimelineJS escaping, and the server's defaults."""

from __future__ import annotations

import csv
import io
import json

import ftfy.bad_codecs  # noqa: F401 - registers the sloppy-windows-1252 codec
import pytest

from timeline.dashboard import command as app_module
from timeline.extraction.people import load_people_resources, plausible_name
from timeline.output.export import neutralise_formula, to_csv, to_json, to_timelinejs
from timeline.output.schema import events_frame
from timeline.text.documents import (
    MAX_TEXT_BYTES,
    DocumentError,
    check_size,
    decode_bytes,
    parse_document,
    repair_text,
)
from timeline.text.language import english_share, load_profile

from .fixtures import ARTICLE, german, small_pdf, small_png

# --------------------------------------------------------------------------- reading


def test_the_size_limit_names_itself():
    check_size("x" * MAX_TEXT_BYTES)
    with pytest.raises(DocumentError, match=r"^a.txt: the text is 2\.0 MB, over the 2 MB limit$"):
        check_size("x" * (MAX_TEXT_BYTES + 1), "a.txt")
    # Counted in bytes of UTF-8, not characters.
    with pytest.raises(DocumentError, match="over the 2 MB limit"):
        check_size("é" * (MAX_TEXT_BYTES // 2 + 1))


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (small_pdf(), "a PDF document"),
        (small_png(), "a PNG image"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "a JPEG image"),
        (b"PK\x03\x04\x14\x00", "a ZIP archive"),
    ],
)
def test_binary_formats_are_named(data, kind):
    with pytest.raises(DocumentError, match=f"binary, not text \\({kind}"):
        decode_bytes(data, "f.txt")


def test_control_characters_mean_binary_even_without_nul():
    data = bytes(range(1, 32)) * 20 + b"text"
    with pytest.raises(DocumentError, match="binary, not text"):
        decode_bytes(data, "f.txt")
    assert decode_bytes(b"line\tone\r\nline two\x0c", "f.txt")  # tab, CR, form feed are text


def test_a_page_may_be_bigger_than_a_text():
    page = b"<p>" + b"x" * (MAX_TEXT_BYTES + 10) + b"</p>"
    assert decode_bytes(page, "p.html", limit=None)


def test_mojibake_is_repaired_and_clean_text_untouched():
    clean = "She said “we will not shoot” at the café — twice…"
    broken = clean.encode("utf-8").decode("sloppy-windows-1252")
    assert broken != clean
    assert repair_text(broken) == clean
    assert repair_text(clean) == clean
    assert repair_text('don\'t "straight" quotes\r\n') == 'don\'t "straight" quotes\r\n'
    document = parse_document(f"---\npublished: 2021-11-21\n---\n{broken}")
    assert document.text == clean + "" and document.published == "2021-11-21"


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("---\ntitle: a\npublished: [2021\n---\nText.", "malformed front matter on line 3"),
        ("---\ntitle: a: b: c\n---\nText.", "malformed front matter on line 2"),
        ("---\npublished: 2021-02-30\n---\nText.", "'published' (line 2): '2021-02-30'"),
        ("---\ntitle: x\npublished: 31/12/2021\n---\nT.", "(line 3): '31/12/2021' is not a date"),
        ("---\ntitle: a\nText.", "opened on line 1 is never closed"),
    ],
)
def test_front_matter_errors_name_the_line(raw, message):
    with pytest.raises(DocumentError) as error:
        parse_document(raw, "a.txt")
    assert message in str(error.value) and "\n" not in str(error.value)


def test_front_matter_dates_still_read():
    assert parse_document("---\npublished: 2021-11-21\n---\nText.").published == "2021-11-21"
    assert parse_document("---\npublished: '2021-11-21'\n---\nText.").published == "2021-11-21"


# --------------------------------------------------------------------------- language


def test_english_news_reads_as_english_and_german_does_not():
    profile = load_profile()
    count, share = english_share(ARTICLE)
    assert count >= profile.min_words and share > 3 * profile.min_share
    count, share = english_share(german().decode())
    assert count >= profile.min_words and share < profile.min_share


def test_short_texts_are_not_judged():
    from timeline.text.language import check_english

    check_english("Am 7. Oktober verließ sie die Kaserne.")  # too short to tell: allowed


@pytest.mark.parametrize(
    "text",
    [
        "El 7 de octubre, Juan Pérez abandonó su cuartel. En junio fue detenido por la policía, "
        "según su familia. Dijo que el ejército ya no era su hogar y que muchos soldados "
        "piensan lo mismo. El gobierno no respondió a las preguntas de los periodistas y un "
        "portavoz se negó a comentar.",
        "Le 7 octobre, Jean Dupont a quitté sa caserne. En juin, il a été arrêté par la police, "
        "selon sa famille. Il a déclaré que l'armée n'était plus sa maison et que beaucoup de "
        "soldats pensent la même chose. Le gouvernement n'a pas répondu aux questions des "
        "journalistes et un porte-parole a refusé de commenter.",
    ],
)
def test_other_languages_are_refused_by_extract(text):
    from timeline import extract

    with pytest.raises(DocumentError, match="does not read as English"):
        extract(text, published="2021-11-21")


# --------------------------------------------------------------------------- names


@pytest.mark.parametrize("name", ["🇲", "Jane 👮", "★ Doe", "—"])
def test_symbols_are_not_names(name):
    assert not plausible_name(name, load_people_resources())


def test_names_in_other_scripts_still_are():
    assert plausible_name("Nguyễn Văn An", load_people_resources())
    assert plausible_name("José Álvarez", load_people_resources())


# --------------------------------------------------------------------------- exports

HOSTILE_ROW = {
    "doc_id": "d1",
    "event_id": "e1",
    "person": '=HYPERLINK("http://evil.example","click")',
    "event_type": "arrest",
    "date": "2021-10-07",
    "granularity": "day",
    "date_start": "2021-10-07",
    "date_end": "2021-10-07",
    "date_text": "7 October",
    "quote": "-2+3 <img src=x onerror=alert(1)>",
    "start": 0,
    "end": 34,
    "confidence": 0.9,
    "title": "@SUM(1+1)*cmd|' /C calc'!A0",
    "url": "javascript:alert(1)",
    "published": "2021-11-21",
}


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Jane Doe", "Jane Doe"),
        ("a=1", "a=1"),
        ("", ""),
        (3, 3),
        (-0.5, -0.5),
    ],
)
def test_formula_cells_are_prefixed(value, expected):
    assert neutralise_formula(value) == expected


def test_csv_cells_never_start_a_formula_but_json_keeps_the_text():
    frame = events_frame([HOSTILE_ROW])
    rows = list(csv.DictReader(io.StringIO(to_csv(frame))))
    for column in ("person", "quote", "title"):
        assert rows[0][column] == "'" + HOSTILE_ROW[column]
    assert rows[0]["url"] == HOSTILE_ROW["url"]  # "j" starts no formula
    assert rows[0]["start"] == "0" and rows[0]["date"] == "2021-10-07"
    assert json.loads(to_json(frame))[0]["person"] == HOSTILE_ROW["person"]


def test_timelinejs_escapes_everything_and_links_only_http():
    frame = events_frame([HOSTILE_ROW | {"person": "<b onmouseover=alert(1)>Roe</b>"}])
    slide = to_timelinejs(frame, title="<script>alert(2)</script>")
    text = json.dumps(slide)
    for raw in ("<img", "<b ", "<script", 'href=\\"javascript'):
        assert raw not in text
    assert "&lt;img src=x onerror=alert(1)&gt;" in slide["events"][0]["text"]["text"]
    assert "<a " not in slide["events"][0]["text"]["text"]
    linked = to_timelinejs(events_frame([HOSTILE_ROW | {"url": "https://example.org/a?b=1&c"}]))
    assert 'href="https://example.org/a?b=1&amp;c"' in linked["events"][0]["text"]["text"]


# --------------------------------------------------------------------------- server defaults


def test_the_server_binds_loopback_without_debug_unless_asked(monkeypatch, tmp_path):
    calls = []
    monkeypatch.setattr(app_module, "create_app", lambda **kwargs: _FakeApp(calls))
    # The default store is built from data/: keep it out of the repository.
    monkeypatch.setattr(app_module, "build_default_store", lambda: tmp_path / "t.duckdb")
    app_module.main([])
    assert calls == [{"host": "127.0.0.1", "port": 8050, "debug": False}]
    app_module.main(["--host", "0.0.0.0", "--debug"])
    assert calls[-1] == {"host": "0.0.0.0", "port": 8050, "debug": True}


class _FakeApp:
    def __init__(self, calls: list) -> None:
        self.calls = calls

    def run(self, **kwargs) -> None:
        self.calls.append(kwargs)


def test_dev_tools_are_off_by_default():
    from timeline.dashboard import create_app
    from timeline.dashboard.source import FrameSource

    app = create_app(FrameSource(frame=events_frame([HOSTILE_ROW])))
    client = app.server.test_client()
    page = client.get("/").get_data(as_text=True)
    config = json.loads(page.split('id="_dash-config" type="application/json">')[1].split("<")[0])
    assert config["ui"] is False and config.get("hot_reload") is None
    headers = client.get("/").headers
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
