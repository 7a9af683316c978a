"""Articles crafted to inject markup and script, added through the page's own form.

The real engine extracts them; Chromium then shows their quotes, people, titles and URLs in
the hover label, the detail panel and the table. Nothing may run (no ``window.__pwned``,
no dialog) and no element may appear that the markup asked for. Person names with markup
cannot come out of extraction (the tagger never takes "<" into a name), so that path is
covered by ``test_browser.py``'s hand-made hostile events.
"""

from __future__ import annotations

import pytest
from support.serving import serving

from timeline import extract
from timeline.dashboard import create_app
from timeline.dashboard.source import FrameSource
from timeline.output.schema import events_frame
from timeline.text.documents import text_id

from .conftest import ARTICLE, SAMPLE_ROWS
from .test_browser import FIGURE_IDS, fill_input, hover_point, open_app, open_detail

pytestmark = pytest.mark.browser

TIMEOUT = 30_000
PUBLISHED = "2021-11-21"

QUOTE_SCRIPT = (
    'On 7 October, Captain Jane Doe said <img src=x onerror="window.__pwned=1"> was '
    "<script>window.__pwned=2</script> a lie and left her base."
)
QUOTE_LINK = (
    'In June, Sergeant Richard Roe was arrested <a href="javascript:window.__pwned=3">here'
    '</a> by <svg onload="window.__pwned=4"></svg> police &lt;b&gt;officers&lt;/b&gt;.'
)
QUOTE_PLOTLY = (
    'Mary Major enlisted in 2016 <span style="font-size:90px" onmouseover="window.__pwned=5">'
    "big</span><br>%{customdata[0]} after the army "
    '<iframe src="javascript:window.__pwned=6"></iframe> came.'
)
HOSTILE_ARTICLE = "\n\n".join([QUOTE_SCRIPT, QUOTE_LINK, QUOTE_PLOTLY])
HOSTILE_TITLE = '<img src=x onerror="window.__pwned=7">Hostile <script>alert(8)</script>'
HOSTILE_URL = "javascript:window.__pwned=9"

#: Elements the hostile article asks for; none may exist anywhere in the page.
INJECTED = "img, iframe, svg[onload], [onerror], [onmouseover], [onload], a[href^='javascript']"
INLINE_SCRIPTS = "() => [...document.scripts].filter(s => !s.src).length"


@pytest.fixture(scope="module")
def app_url():
    """An app with a few harmless events; hostile articles arrive through the form."""
    benign = [row for row in SAMPLE_ROWS if "<" not in row["quote"]]
    app = create_app(FrameSource(frame=events_frame(benign), texts={"doc1": ARTICLE}))
    with serving(app) as url:
        yield url


def added_ids(page, before: set[str], expected: int) -> list[str]:
    """The ids the figure gained, once it holds ``expected`` more (it may redraw in steps)."""
    page.wait_for_function(f"n => ({FIGURE_IDS})().length >= n", arg=len(before) + expected)
    return [i for i in page.evaluate(FIGURE_IDS) if i not in before]


def add_hostile_article(page) -> list[str]:
    """Fill the form with the hostile article and add it; the new events' ids."""
    before = set(page.evaluate(FIGURE_IDS))
    fill_input(page, "article-text", HOSTILE_ARTICLE)
    fill_input(page, "article-published", PUBLISHED)
    fill_input(page, "article-title", HOSTILE_TITLE)
    fill_input(page, "article-url", HOSTILE_URL)
    page.click("#add-article")
    page.wait_for_selector("#article-status.ok")
    return added_ids(page, before, len(expected_quotes()))


def assert_nothing_ran(page, inline_scripts: int) -> None:
    assert page.evaluate("() => window.__pwned") is None
    assert page.dialogs == []
    assert page.locator(INJECTED).count() == 0
    assert page.evaluate(INLINE_SCRIPTS) == inline_scripts


def test_hostile_articles_added_through_the_form_run_nothing(page, app_url):
    open_app(page, app_url)
    inline_scripts = page.evaluate(INLINE_SCRIPTS)
    new = add_hostile_article(page)
    assert len(new) == 3, new
    status = page.inner_text("#article-status")
    assert HOSTILE_TITLE in status  # the title, shown as text in the message
    assert_nothing_ran(page, inline_scripts)

    quotes = expected_quotes()
    assert sorted(new) == sorted(quotes)
    for event_id in new:
        hover_point(page, event_id)
        text = page.locator("#timeline .hoverlayer .hovertext").text_content()
        assert "<" in text, text  # markup shown as characters
        assert page.locator("#timeline .hoverlayer :is(img, a, iframe, svg svg)").count() == 0
        assert_nothing_ran(page, inline_scripts)

    for event_id in new:
        open_detail(page, event_id, quotes[event_id])
        assert HOSTILE_TITLE in page.inner_text("#event-detail")
        assert quotes[event_id] in page.inner_text("#event-detail")
        assert page.locator("#event-detail a").count() == 0  # javascript: is never a link
        assert page.locator("#event-detail :is(img, iframe, script, [style*='90px'])").count() == 0
        assert_nothing_ran(page, inline_scripts)
    assert any("<script>window.__pwned=2</script>" in q for q in quotes.values())
    assert any("&lt;b&gt;officers&lt;/b&gt;" in q for q in quotes.values())

    page.locator("#event-table-slot").scroll_into_view_if_needed()  # the grid loads near
    page.hover("#event-table")
    table = page.inner_text("#event-table")
    assert "<img src=x" in table or "onerror" in table or "<script>" in table
    assert page.locator("#event-table *:is(img, iframe, script, a)").count() == 0
    assert_nothing_ran(page, inline_scripts)
    assert page.errors == []


def expected_quotes() -> dict[str, str]:
    """Event id -> quote, as the engine gives them for the hostile article (it is
    deterministic, and the form keys a pasted article by the hash of its text)."""
    frame = extract(HOSTILE_ARTICLE, published=PUBLISHED, doc_id=text_id(HOSTILE_ARTICLE))
    return dict(zip(frame["event_id"], frame["quote"], strict=True))


def callback_bodies(page) -> list[int]:
    """The sizes of the callback requests the page sends from now on."""
    sizes: list[int] = []

    def seen(request) -> None:
        if request.url.endswith("/_dash-update-component"):
            sizes.append(len(request.post_data_buffer or b""))

    page.on("request", seen)
    return sizes


@pytest.mark.parametrize("megabytes", [2.1, 20])
def test_an_oversized_paste_gets_a_clear_message_next_to_the_form(page, app_url, megabytes):
    open_app(page, app_url)
    sizes = callback_bodies(page)
    paragraph = "On 7 October, Captain Jane Doe left her base and joined them. "
    page.fill("#article-text", paragraph * int(megabytes * 1_000_000 // len(paragraph) + 1))
    fill_input(page, "article-published", PUBLISHED)
    page.click("#add-article")
    page.wait_for_selector("#article-status.error")
    message = page.inner_text("#article-status")
    assert f"pasted text: the text is {megabytes:.1f} MB, over the 2 MB limit" == message.strip()
    # Refused in the browser: the text was never sent (a 20 MB body would get HTTP 413).
    assert all(size < 1_000_000 for size in sizes)
    assert page.errors == []


@pytest.mark.parametrize(("megabytes", "shown"), [(2.5, "2.5"), (20, "20.0")])
def test_an_oversized_upload_gets_a_clear_message(page, app_url, megabytes, shown):
    open_app(page, app_url)
    sizes = callback_bodies(page)
    body = b"word " * int(megabytes * 1_000_000 // 5)
    big = {"name": "big.txt", "mimeType": "text/plain", "buffer": body}
    page.set_input_files("#article-upload input[type=file]", files=[big])
    page.wait_for_selector("#article-status.error")
    message = page.inner_text("#article-status").strip()
    assert message == f"big.txt: the text is {shown} MB, over the 2 MB limit"
    assert all(size < 1_000_000 for size in sizes)
    assert page.errors == []


def test_no_debug_tools_are_served(page, app_url):
    open_app(page, app_url)
    assert page.locator(".dash-debug-menu, .dash-fe-error__title").count() == 0
    config = page.evaluate("() => JSON.parse(document.getElementById('_dash-config').text)")
    assert config["ui"] is False and "hot_reload" not in config
