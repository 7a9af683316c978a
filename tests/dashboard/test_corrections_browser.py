"""Corrections in the browser: made in the detail panel, kept by the store across a restart
of the app and a re-ingest, hidden and brought back.

The store is built by the real ingest from an invented article; the app is served twice on
it, as a restart does.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect
from support.serving import MARKER_CENTRES, serving

from timeline.corpus.ingest import ingest
from timeline.corpus.store import load_events
from timeline.dashboard import create_app

from .test_browser import (
    figure_ids,
    fill_input,
    hover_point,
    open_app,
    open_detail,
    search_dropdown,
    wait_for_count,
)

pytestmark = pytest.mark.browser

ARTICLE = """---
title: Harbour board in turmoil
url: https://example.org/harbour
published: 2022-03-10
id: harbour-1
---
On 2 March 2022, Lena Okafor resigned from the harbour board.

On 5 March 2022, Tomas Reyes was arrested in Port Vale.
"""


@pytest.fixture
def corpus(tmp_path) -> tuple[Path, Path]:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "harbour.txt").write_text(ARTICLE, encoding="utf-8")
    store = tmp_path / "timeline.duckdb"
    assert ingest([folder], store).stored == ["harbour-1"]
    return folder, store


def detail_text(page) -> str:
    return page.inner_text("#event-detail-body")


def choose_type(page, label: str, tries: int = 3) -> None:
    """Pick a type in the form and wait until the dropdown shows it, trying again when a
    key press was lost while the list re-rendered on a busy machine."""
    chosen = page.locator("#correct-type .dash-dropdown-value")
    for attempt in range(tries):
        search_dropdown(page, "#correct-type", label)
        # With the one matching option listed, Enter picks it: clicking the option itself
        # can keep missing while the list re-renders.
        options = page.locator(".dash-dropdown-option")
        expect(options).to_have_count(1)  # the search has narrowed the list
        expect(options).to_have_text(re.compile(f"^{label}$"))
        page.keyboard.press("Enter")
        page.keyboard.press("Escape")
        try:
            expect(chosen).to_have_text(label, timeout=3_000)
            return
        except AssertionError:
            if attempt == tries - 1:
                raise


def test_the_form_coming_into_the_panel_saves_nothing(page, corpus):
    # Dash runs a callback when its buttons are put into the page; the server must not take
    # that for a press of Save (its answer, "Nothing changed.", could arrive after a real one).
    _folder, store = corpus
    lena = load_events(store).set_index("person").loc["Lena Okafor"]
    answers = []
    page.on(
        "response",
        lambda response: (
            answers.append(response.status)
            if "_dash-update" in response.url
            and "correct-save.n_clicks" in (response.request.post_data or "")
            else None
        ),
    )
    with serving(create_app(store=store)) as url:
        open_app(page, url)
        wait_for_count(page, "^2 of 2 events")
        open_detail(page, lena["event_id"], lena["quote"])
        page.wait_for_selector("#correct-person", state="visible")
        page.wait_for_load_state("networkidle")
        assert page.inner_text("#correction-status") == ""
        assert answers in ([], [204])  # nothing to update
        fill_input(page, "correct-date", "2022-02-30")
        page.click("#correct-save")
        page.wait_for_selector("#correction-status.error")
        assert page.inner_text("#correction-status") == "'2022-02-30' is not a calendar date"
        assert answers[-1] == 200
    assert page.errors == []


def test_a_correction_survives_restart_and_reingest_then_hide_and_undo(page, corpus):
    folder, store = corpus
    events = load_events(store).set_index("person")
    lena = events.loc["Lena Okafor"]
    event_id, quote = lena["event_id"], lena["quote"]
    assert lena["event_type"] != "arrest"

    with serving(create_app(store=store)) as url:
        open_app(page, url)
        wait_for_count(page, "^2 of 2 events")
        open_detail(page, event_id, quote)
        # The form comes into the panel when an event is first opened (dashboard/lazy.py).
        page.wait_for_selector("#correct-person", state="visible")
        assert page.input_value("#correct-date") == "2022-03-02"
        # A bad date is refused next to the form, and nothing changes.
        fill_input(page, "correct-date", "2022-02-30")
        page.click("#correct-save")
        page.wait_for_selector("#correction-status.error")
        assert page.inner_text("#correction-status") == "'2022-02-30' is not a calendar date"
        assert "edited" not in detail_text(page)
        choose_type(page, "Arrest")
        fill_input(page, "correct-date", "2022-02")
        page.click("#correct-save")
        page.wait_for_selector("#correction-status.ok")
        page.wait_for_selector("#edited-mark")
        assert "February 2022" in detail_text(page)
        assert "Arrest" in detail_text(page)
        # The timeline redraws with the corrected event (now a February bar) before hovering.
        page.wait_for_function(f"id => ({MARKER_CENTRES})().some(p => p.id === id)", arg=event_id)
        hover_point(page, event_id)
        assert "edited" in page.locator("#timeline .hoverlayer .hovertext").text_content()
    assert page.errors == []

    # The article changes and is re-ingested; a new app starts on the same store.
    (folder / "harbour.txt").write_text(
        ARTICLE + "\nOn 8 March 2022, Tomas Reyes was freed on bail.\n", encoding="utf-8"
    )
    assert ingest([folder], store).stored == ["harbour-1"]
    with serving(create_app(store=store)) as url:
        page.goto("about:blank")
        open_app(page, url)
        total = len(load_events(store))
        assert total == 3
        wait_for_count(page, f"^{total} of {total} events")
        open_detail(page, event_id, quote)
        page.wait_for_selector("#edited-mark")
        assert "Arrest" in detail_text(page) and "February 2022" in detail_text(page)
        page.locator("#event-table-slot").scroll_into_view_if_needed()  # the grid loads near
        row = page.locator(f"#event-table .ag-row[row-id='{event_id}'] [col-id='edited']")
        assert row.inner_text() == "edited"

        page.click("#correct-hide")
        page.wait_for_selector("#correction-status.ok")
        wait_for_count(page, f"^{total - 1} of {total - 1} events")
        assert event_id not in figure_ids(page)
        page.click("#correct-undo")
        wait_for_count(page, f"^{total} of {total} events")
        page.wait_for_function(
            "() => !document.querySelector('#edited-mark')"
            " && document.querySelector('#event-detail-body mark') !== null"
        )
        assert event_id in figure_ids(page)
        assert "March 2022" in detail_text(page) and "Arrest" not in detail_text(page)
    assert page.errors == []
