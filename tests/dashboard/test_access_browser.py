"""Who may change the timeline, in Chromium (issue 15, case 10): a read-only page says so and
offers no form; with editors, a visitor reads, signs in at /sign-in (the browser's own
sign-in prompt, answered by Playwright), then adds an article (read off the request: the
form says "Reading…" first) and corrects an event, and the detail panel names them."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from support.serving import serving

from timeline.corpus.corrections import load_audit
from timeline.corpus.store import StoredDocument, load_events, open_store, write_document
from timeline.dashboard import create_app
from timeline.dashboard.access import EDITORS, READ_ONLY, READ_ONLY_NOTE, Access, password_line

from .conftest import ARTICLE
from .test_browser import fill_input, open_app, open_detail, wait_for_count

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery"


@pytest.fixture
def store(tmp_path, sample_frame):
    path = tmp_path / "s.duckdb"
    document = StoredDocument("doc1", "a.txt", "h", "Soldiers", "", "2021-11-21", ARTICLE)
    with open_store(path) as connection:
        write_document(connection, document, sample_frame)
    return path


def copies_of(frame):
    """An extractor giving the sample's events for any article (a new document each)."""

    def extract(text, published=None, **metadata):
        rows = frame.copy()
        rows["doc_id"] = metadata["doc_id"]
        rows["event_id"] = [f"{metadata['doc_id']}-{n}" for n in range(len(rows))]
        rows["title"] = metadata.get("title", "")
        return rows

    return extract


def test_a_read_only_page_says_so_and_offers_no_form(page, store, sample_frame):
    with serving(create_app(store=store, access=Access(READ_ONLY))) as url:
        open_app(page, url)
        wait_for_count(page, "^4 of 4 events")
        expect(page.locator("#editing-note")).to_have_text(READ_ONLY_NOTE)
        expect(page.locator("#article-form")).to_be_hidden()
        expect(page.locator("text=Add an article ↓")).to_have_count(0)
        row = sample_frame.set_index("event_id").loc["e-oct"]
        open_detail(page, "e-oct", row["quote"])
        expect(page.locator("#correction-form")).to_be_hidden()
    assert page.errors == []


def test_editors_sign_in_then_add_and_correct(browser, page, store, sample_frame, tmp_path):
    name, hashed = password_line("alice", PASSWORD).split(":", 1)
    app = create_app(
        store=store, extract=copies_of(sample_frame), access=Access(EDITORS, {name: hashed})
    )
    with serving(app) as url:
        # A reader: the page, no forms, a way to sign in.
        open_app(page, url)
        expect(page.locator("#editing-note")).to_contain_text("Editors sign in")
        expect(page.locator("#article-form")).to_be_hidden()
        expect(page.locator("#sign-in-link")).to_be_visible()

        # An editor: the browser asks for a name and password at /sign-in.
        context = browser.new_context(
            viewport={"width": 1500, "height": 1000},
            http_credentials={"username": "alice", "password": PASSWORD},
        )
        editor = context.new_page()
        editor.set_default_timeout(20_000)
        errors: list[str] = []
        editor.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        open_app(editor, url)
        expect(editor.locator("#article-form")).to_be_hidden()  # not signed in yet
        editor.click("#sign-in-link")
        editor.wait_for_url(url + "/")
        editor.wait_for_selector("#timeline .scatterlayer .trace .points path.point")
        expect(editor.locator("#editing-note")).to_have_text("Signed in as alice.")
        expect(editor.locator("#article-form")).to_be_visible()

        # A correction, named in the detail panel and in the store's audit trail.
        row = sample_frame.set_index("event_id").loc["e-2016"]
        open_detail(editor, "e-2016", row["quote"])
        fill_input(editor, "correct-date", "2017")
        editor.click("#correct-save")
        editor.wait_for_selector("#correction-status.ok")
        expect(editor.locator("#audit-trail")).to_contain_text("alice: date set to 2017")
        # Adding answers at once; the form follows the article until it is stored.
        fill_input(editor, "article-text", ARTICLE + "\nA second copy.")
        fill_input(editor, "article-published", "2021-11-22")
        fill_input(editor, "article-title", "Second copy")
        editor.click("#add-article")
        editor.wait_for_selector("#article-status.ok", timeout=60_000)
        # The same happenings as the stored article's: its four events join them.
        expect(editor.locator("#article-status")).to_contain_text("Added 4 events")
        expect(editor.locator("#article-status")).to_contain_text("4 joined")

        context.close()
    trail = load_audit(store)
    assert trail["editor"].tolist() == ["alice"] * len(trail)
    assert set(trail["action"]) == {"add", "save"}
    assert "doc1" in set(load_events(store)["doc_id"])
    assert errors == [] and page.errors == []
