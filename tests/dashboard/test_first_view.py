"""The first page carries the view of its URL (no browser)."""

from __future__ import annotations

import json

import pytest

from timeline.dashboard import create_app, ids
from timeline.dashboard.callbacks import MAP_OUTPUT, VIEW_OUTPUTS
from timeline.dashboard.first_view import FEEDBACK_OUTPUTS, query_of
from timeline.dashboard.places_map import waiting_figure

#: What the view callback sets: the view, and the map.
VIEWED = (*VIEW_OUTPUTS, MAP_OUTPUT)


def drawn_ids(figure: dict) -> list[str]:
    return sorted(
        row[0] for trace in figure["data"] if trace.get("customdata") for row in trace["customdata"]
    )


def by_id(layout: dict) -> dict:
    found, stack = {}, [layout]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict) and "props" in item:
            props = item["props"]
            if "id" in props:
                found[props["id"]] = props
            stack.append(props.get("children"))
    return found


def served_layout(app, page: str | None) -> dict:
    headers = {"Referer": page} if page else {}
    response = app.server.test_client().get("/_dash-layout", headers=headers)
    return by_id(json.loads(response.data))


def test_the_query_of_a_page_address():
    assert query_of("http://127.0.0.1:8050/?person=Jane+Doe&q=base") == "?person=Jane+Doe&q=base"
    assert query_of("http://127.0.0.1:8050/") == ""
    assert query_of(None) == ""


def test_the_first_page_draws_every_event_when_the_url_has_no_filter(sample_source):
    app = create_app(sample_source, extract=lambda *a, **k: None)
    page = served_layout(app, "http://127.0.0.1:8050/")
    assert drawn_ids(page[ids.TIMELINE]["figure"]) == ["e-2016", "e-june", "e-nov", "e-oct"]
    assert page[ids.EVENT_COUNT]["children"] == "4 of 4 events"
    assert page[ids.EMPTY_BOX]["hidden"] is True


def test_the_first_page_is_built_from_the_filters_of_its_url(sample_source):
    app = create_app(sample_source, extract=lambda *a, **k: None)
    page = served_layout(app, "http://127.0.0.1:8050/?person=Jane+Doe&from=2021-09&to=2021-12")
    assert drawn_ids(page[ids.TIMELINE]["figure"]) == ["e-oct"]
    assert page[ids.EVENT_COUNT]["children"] == "1 of 4 events"
    assert page[ids.PERSON_FILTER]["value"] == ["Jane Doe"]
    assert (page[ids.DATE_FROM]["value"], page[ids.DATE_TO]["value"]) == ("2021-09", "2021-12")
    # The window lies within the chosen months; one person chosen: her dossier is offered.
    low, high = page[ids.TIMELINE]["figure"]["layout"]["xaxis"]["range"]
    assert "2021-09" <= low < high < "2022-01"
    assert page[ids.PERSON_DOSSIER]["hidden"] is False
    assert page[ids.DATE_ERROR]["children"] == ""
    # No table rows in the first page: the table loads when it is wanted.
    assert ids.EVENT_TABLE not in page


def test_the_lane_order_of_the_url_is_in_the_first_page(sample_source):
    app = create_app(sample_source, extract=lambda *a, **k: None)
    first = served_layout(app, "http://127.0.0.1:8050/")
    by_name = served_layout(app, "http://127.0.0.1:8050/?order=name")
    assert by_name[ids.LANE_ORDER]["value"] == "name"
    assert first[ids.PERSON_DOSSIER]["hidden"] is True
    lanes = [
        page[ids.TIMELINE]["figure"]["layout"]["yaxis"]["ticktext"] for page in (first, by_name)
    ]
    assert sorted(lanes[0]) == sorted(lanes[1]) and lanes[0] != lanes[1]


def test_a_url_that_matches_nothing_says_so_at_once(sample_source):
    app = create_app(sample_source, extract=lambda *a, **k: None)
    page = served_layout(app, "http://127.0.0.1:8050/?q=no+such+words")
    assert page[ids.EVENT_COUNT]["children"] == "0 of 4 events"
    assert page[ids.EMPTY_BOX]["hidden"] is False
    assert page[ids.EMPTY_MESSAGE]["children"] == "No events match these filters."


def callback_answer(app, page: dict, outputs, trigger: str) -> dict:
    """What the callback with exactly ``outputs`` sends when ``trigger`` changes, for the
    inputs and states as ``page`` holds them (as the browser would post them)."""
    wanted = [f"{component}.{prop}" for component, prop in outputs]

    def plain(key: str) -> list[str]:  # the outputs, without allow_duplicate's "@hash"
        parts = key.strip(".").split("...") if key.startswith("..") else [key]
        return [part.split("@")[0] for part in parts]

    key = next(
        key
        for key, spec in app.callback_map.items()
        if plain(key) == wanted
        and any(f"{i['id']}.{i['property']}" == trigger for i in spec["inputs"])
    )
    spec = app.callback_map[key]

    def listed(items):
        return [
            {
                "id": item["id"],
                "property": item["property"],
                "value": page[item["id"]].get(item["property"]),
            }
            for item in items
        ]

    body = {
        "output": key,
        "outputs": [{"id": c, "property": p} for c, p in outputs]
        if len(outputs) > 1
        else {"id": outputs[0][0], "property": outputs[0][1]},
        "inputs": listed(spec["inputs"]),
        "state": listed(spec["state"]),
        "changedPropIds": [trigger],
    }
    response = app.server.test_client().post("/_dash-update-component", json=body)
    assert response.status_code == 200, response.data[:300]
    return json.loads(response.data)["response"]


FILTERED = "?person=Jane+Doe&type=defection&type=enlistment&from=2016&to=2021-12&order=name"


@pytest.mark.parametrize("query", ["", "?type=defection&type=enlistment", FILTERED, "?q=nothing"])
def test_the_first_page_and_the_callbacks_agree(sample_source, query):
    """What the server puts in the page equals what the view callback, and the callbacks
    that judge the dates and offer the dossier, would send for the same controls, output
    by output."""
    app = create_app(sample_source, extract=lambda *a, **k: None)
    page = served_layout(app, f"http://127.0.0.1:8050/{query}")
    view = callback_answer(app, page, VIEWED, f"{ids.TYPE_FILTER}.value")
    for component, prop in VIEW_OUTPUTS:
        assert view[component][prop] == page[component][prop], (component, prop)
    # The map comes once the timeline has drawn, with the events the view callback maps.
    assert page[ids.MAP]["figure"] == waiting_figure()
    page[ids.FIRST_DRAWN]["data"] = True
    first_map = callback_answer(app, page, [MAP_OUTPUT], f"{ids.FIRST_DRAWN}.data")
    assert first_map[ids.MAP]["figure"] == view[ids.MAP]["figure"]
    dates = callback_answer(app, page, FEEDBACK_OUTPUTS[:3], f"{ids.DATE_FROM}.value")
    dossier = callback_answer(app, page, FEEDBACK_OUTPUTS[3:], f"{ids.PERSON_FILTER}.value")
    for component, prop in FEEDBACK_OUTPUTS:
        assert {**dates, **dossier}[component][prop] == page[component][prop], (component, prop)


def test_the_first_page_s_view_is_the_one_asked_for(sample_source):
    app = create_app(sample_source, extract=lambda *a, **k: None)
    page = served_layout(app, "http://127.0.0.1:8050/?type=defection&type=enlistment")
    assert drawn_ids(page[ids.TIMELINE]["figure"]) == ["e-2016", "e-oct"]
    page = served_layout(app, f"http://127.0.0.1:8050/{FILTERED}")
    assert drawn_ids(page[ids.TIMELINE]["figure"]) == ["e-oct"]
    assert page[ids.PERSON_DOSSIER]["hidden"] is False


def marks(figure: dict) -> int:
    """Markers and badges drawn (each carries an id: an event's, or a badge's token)."""
    return sum(
        1 for trace in figure["data"] if trace.get("customdata") for _row in trace["customdata"]
    )


def crowded_app():
    """6,000 events in 40 lanes over 3 years: the usual view draws over 1,000 marks."""
    from support.synthetic import synthetic_events

    from timeline.dashboard.source import FrameSource

    frame = synthetic_events(events=6_000, people=40, types=5, years=3, seed=11)
    return create_app(FrameSource(frame=frame), extract=lambda *a, **k: None)


def test_a_big_first_view_groups_more_and_says_so(monkeypatch):
    from timeline.dashboard import first_view
    from timeline.dashboard.first_view import FIRST_VIEW_MARKS

    monkeypatch.setattr(first_view, "AGGREGATE_FROM", 5_000)  # 100,000 events, scaled down
    app = crowded_app()
    page = served_layout(app, "http://127.0.0.1:8050/")
    figure = page[ids.TIMELINE]["figure"]
    assert 0 < marks(figure) <= FIRST_VIEW_MARKS
    assert "this first view groups more events" in page[ids.FIGURE_NOTE]["children"]
    assert page[ids.EVENT_COUNT]["children"] == "6,000 of 6,000 events"
    # The first change brings the usual view, with more drawn apart.
    view = callback_answer(app, page, VIEWED, f"{ids.TYPE_FILTER}.value")
    assert marks(view[ids.TIMELINE]["figure"]) > FIRST_VIEW_MARKS
    assert "first view" not in view[ids.FIGURE_NOTE]["children"]
    assert view[ids.EVENT_COUNT]["children"] == page[ids.EVENT_COUNT]["children"]


def test_a_smaller_first_view_is_the_usual_view():
    """Below AGGREGATE_FROM events the first page draws what the view callback draws, even
    past FIRST_VIEW_MARKS marks."""
    from timeline.dashboard.first_view import FIRST_VIEW_MARKS

    app = crowded_app()
    page = served_layout(app, "http://127.0.0.1:8050/")
    assert marks(page[ids.TIMELINE]["figure"]) > FIRST_VIEW_MARKS
    view = callback_answer(app, page, VIEWED, f"{ids.TYPE_FILTER}.value")
    for component, prop in VIEW_OUTPUTS:
        assert view[component][prop] == page[component][prop], (component, prop)


def test_first_pages_are_kept_while_their_data_is_served(sample_source, sample_frame):
    from timeline.dashboard.data import DashboardData
    from timeline.dashboard.first_view import FirstPages
    from timeline.dashboard.table import EventTable

    data = DashboardData.load(sample_source, lambda *a, **k: None)
    built = []

    def build(search):
        built.append(search)
        return {"search": search, "rows": len(data.base)}

    pages = FirstPages(data, build)
    first = pages.json("?person=Jane+Doe")
    assert pages.json("?person=Jane+Doe") is first
    assert built == ["?person=Jane+Doe"]
    pages.json("")
    assert built == ["?person=Jane+Doe", ""]
    # The data changed (a writer, a reload): the page is built again from the new table.
    data.base = EventTable.from_events(sample_frame.iloc[:2])
    assert '"rows":2' in pages.json("?person=Jane+Doe").replace(" ", "")
    assert built == ["?person=Jane+Doe", "", "?person=Jane+Doe"]


def test_the_first_page_offers_the_chosen_and_the_most_frequent_people():
    from timeline.dashboard.first_view import FIRST_VIEW_PEOPLE, first_people

    options = [{"label": f"P{n} ({1000 - n})", "value": f"P{n}"} for n in range(500)]
    shown = first_people(options, ["P400"])
    assert [o["value"] for o in shown] == [f"P{n}" for n in range(FIRST_VIEW_PEOPLE)] + ["P400"]
    assert first_people(options[:10], []) == options[:10]
