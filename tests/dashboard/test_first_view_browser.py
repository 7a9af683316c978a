"""What a new reader sees first, in Debian's Chromium: markers drawn from the page as served
(no callback needed), the table loaded only when reached, every response compressed."""

from __future__ import annotations

import pytest
from support.serving import serving

from timeline.dashboard import create_app
from timeline.dashboard.source import FrameSource
from timeline.output.schema import events_frame

from .conftest import ARTICLE, SAMPLE_ROWS
from .test_browser import search_dropdown

pytestmark = pytest.mark.browser

TIMEOUT = 20_000
CALLBACKS = "**/_dash-update-component*"
DRAWN_IDS = """() => {
  const gd = document.querySelector('#timeline .js-plotly-plot');
  if (!gd || !gd.data || !document.querySelector('#timeline path.point')) return null;
  return gd.data.filter(t => t.customdata).flatMap(t => t.customdata.map(r => r[0])).sort();
}"""
GRID_ROWS = (
    "() => document.querySelectorAll('#event-table .ag-center-cols-container .ag-row').length"
)


@pytest.fixture(scope="module")
def sample_url():
    app = create_app(FrameSource(frame=events_frame(SAMPLE_ROWS), texts={"doc1": ARTICLE}))
    with serving(app) as url:
        yield url


@pytest.fixture(scope="module")
def tall_url():
    """Forty people, one lane each: the table starts well below the first screen."""
    rows = []
    for number in range(40):
        for row in SAMPLE_ROWS[:2]:
            rows.append(
                dict(row, event_id=f"{row['event_id']}-{number}", person=f"Person {number:02d}")
            )
    app = create_app(FrameSource(frame=events_frame(rows), texts={"doc1": ARTICLE}))
    with serving(app) as url:
        yield url, len(rows)


def drawn_ids(page) -> list[str]:
    page.wait_for_function(f"() => ({DRAWN_IDS})() !== null")
    return page.evaluate(DRAWN_IDS)


def grid_requests(requests: list[str]) -> list[str]:
    return [url for url in requests if "dash_ag_grid" in url]


def test_markers_are_drawn_with_every_callback_blocked(page, sample_url):
    """The page as served holds the figure of its URL's filters: with no callback answered
    at all, the reader still sees the right markers and count."""
    page.route(CALLBACKS, lambda route: route.abort())
    page.goto(sample_url + "/?person=Jane+Doe")
    assert drawn_ids(page) == ["e-june", "e-oct"]
    assert page.inner_text("#event-count") == "2 of 4 events"
    page.goto(sample_url + "/")
    assert drawn_ids(page) == ["e-2016", "e-june", "e-nov", "e-oct"]
    assert page.inner_text("#event-count") == "4 of 4 events"


def test_without_a_referer_the_url_callback_sets_the_view(page, sample_url):
    """A browser that sends no Referer gets the unfiltered first page; the URL callback then
    sets the filters, and the view, the window's note and the dossier button follow."""

    def no_referrer(route):
        # The page as served, but with a policy that sends no Referer at all.
        response = route.fetch()
        headers = {
            key: value
            for key, value in response.headers.items()
            if key.lower() not in {"content-encoding", "content-length"}
        }
        headers["referrer-policy"] = "no-referrer"
        route.fulfill(status=response.status, headers=headers, body=response.body())

    page.route(lambda url: url.split("?")[0].rstrip("/") == sample_url, no_referrer)
    with page.expect_response("**/_dash-layout*") as layout:
        page.goto(sample_url + "/?person=Jane+Doe&from=2021-09")
    assert '"4 of 4 events"' in layout.value.text()  # served unfiltered
    page.wait_for_function(
        "() => document.querySelector('#event-count')?.textContent === '1 of 4 events'"
    )
    assert drawn_ids(page) == ["e-oct"]
    assert page.locator("#person-dossier").is_visible()
    assert "Showing the dates chosen" in page.inner_text("#figure-note")


def test_later_filter_changes_still_go_through_callbacks(page, sample_url):
    page.goto(sample_url + "/?person=Jane+Doe")
    assert drawn_ids(page) == ["e-june", "e-oct"]
    page.fill("#text-filter", "parade")
    page.wait_for_function(
        "() => document.querySelector('#event-count')?.textContent === '0 of 4 events'"
    )
    page.fill("#text-filter", "")
    page.click("#clear-filters")
    page.wait_for_function(
        "() => document.querySelector('#event-count')?.textContent === '4 of 4 events'"
    )
    assert drawn_ids(page) == ["e-2016", "e-june", "e-nov", "e-oct"]


def test_the_table_loads_when_the_reader_scrolls_to_it(browser, tall_url):
    url, count = tall_url
    context = browser.new_context(viewport={"width": 1500, "height": 800})
    page = context.new_page()
    page.set_default_timeout(TIMEOUT)
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(url)
    assert len(drawn_ids(page)) == count
    page.wait_for_timeout(1_500)
    assert grid_requests(requests) == []
    assert page.locator("#event-table").count() == 0
    page.locator("#event-table-slot").scroll_into_view_if_needed()
    page.wait_for_function(f"() => ({GRID_ROWS})() > 0")
    assert grid_requests(requests)
    assert "25" in page.inner_text("#event-table")  # the first page of the grid
    context.close()


def test_the_table_loads_when_asked_for(browser, tall_url):
    """Without scroll detection (IntersectionObserver gone), the button brings the table."""
    url, _count = tall_url
    context = browser.new_context(viewport={"width": 1500, "height": 800})
    context.add_init_script("delete window.IntersectionObserver;")
    page = context.new_page()
    page.set_default_timeout(TIMEOUT)
    page.goto(url)
    drawn_ids(page)
    page.locator("#event-table-slot").scroll_into_view_if_needed()
    page.wait_for_timeout(1_000)
    assert page.locator("#event-table").count() == 0
    page.click("#event-table-show")
    page.wait_for_function(f"() => ({GRID_ROWS})() > 0")
    page.fill("#text-filter", "north")
    page.wait_for_function(
        "() => document.querySelector('#event-count')?.textContent === '40 of 80 events'"
    )
    page.wait_for_function(
        "() => { const cells = [...document.querySelectorAll("
        "'#event-table .ag-center-cols-container [col-id=quote]')];"
        " return cells.length > 0 && cells.every(c => c.textContent.includes('north')); }"
    )
    context.close()


def test_responses_are_compressed_and_plotly_is_the_partial_bundle(page, sample_url):
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto(sample_url + "/")
    drawn_ids(page)
    page.wait_for_load_state("networkidle")
    ours = [r for r in responses if r.url.startswith(sample_url) and r.status == 200]
    urls = [r.url for r in ours]
    assert not any("plotly.min.js" in url for url in urls)
    assert any("plotly-timeline" in url for url in urls)
    big = [r for r in ours if int(r.all_headers().get("content-length") or 1_000) >= 1_000]
    assert big
    for response in big:
        assert response.all_headers().get("content-encoding") in {"zstd", "br", "gzip"}, (
            response.url
        )
    assert not page.errors


def test_every_person_can_be_chosen_once_the_figure_is_drawn(page):
    """The first page offers the most frequent people; the rest follow the first draw."""
    rows = [
        dict(SAMPLE_ROWS[1], event_id=f"e-{number}", person=f"Person {number:03d}")
        for number in range(150)
    ]
    app = create_app(FrameSource(frame=events_frame(rows), texts={"doc1": ARTICLE}))
    with serving(app) as url:
        page.goto(url)
        drawn_ids(page)
        search_dropdown(page, "#person-filter", "Person 140")
        page.wait_for_selector("text=Person 140 (1)")
        page.keyboard.press("Enter")
        page.wait_for_function(
            "() => document.querySelector('#event-count')?.textContent === '1 of 150 events'"
        )
