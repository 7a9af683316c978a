"""The first page carries the view of its URL (no browser)."""

from __future__ import annotations

import json

from timeline.dashboard import create_app, ids
from timeline.dashboard.callbacks import VIEW_OUTPUTS
from timeline.dashboard.first_view import query_of


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
    assert page[ids.DATE_FILTER]["value"][0] < page[ids.DATE_FILTER]["value"][1]
    # "to" is clipped to the last event.
    assert page[ids.DATE_LABEL]["children"] == "Sep 2021 – Nov 2021"
    # No table rows in the first page: the table loads when it is wanted.
    assert ids.EVENT_TABLE not in page


def test_a_url_that_matches_nothing_says_so_at_once(sample_source):
    app = create_app(sample_source, extract=lambda *a, **k: None)
    page = served_layout(app, "http://127.0.0.1:8050/?q=no+such+words")
    assert page[ids.EVENT_COUNT]["children"] == "0 of 4 events"
    assert page[ids.EMPTY_BOX]["hidden"] is False
    assert page[ids.EMPTY_MESSAGE]["children"] == "No events match these filters."


def test_the_first_page_and_the_view_callback_agree(sample_source):
    """What the server puts in the page equals what the callback would send for the same
    controls, output by output."""
    app = create_app(sample_source, extract=lambda *a, **k: None)
    page = served_layout(app, "http://127.0.0.1:8050/?type=defection&type=enlistment")
    key = next(k for k in app.callback_map if "timeline.figure" in k)
    spec = app.callback_map[key]
    values = {
        f"{component}.value": page[component]["value"]
        for component in (ids.PERSON_FILTER, ids.TYPE_FILTER, ids.DATE_FILTER, ids.TEXT_FILTER)
    }
    values.update(
        {
            "added-events.data": [],
            "lane-previous.n_clicks": 0,
            "lane-next.n_clicks": 0,
            "lane-page.data": 0,
            "data-version.data": 0,
        }
    )

    def listed(items):
        return [
            {**item, "value": values[f"{item['id']}.{item['property']}"]}
            for item in (dict(id=i["id"], property=i["property"]) for i in items)
        ]

    outputs = [
        {"id": o.split(".")[0], "property": o.split(".")[1]} for o in key.strip(".").split("...")
    ]
    body = {
        "output": key,
        "outputs": outputs,
        "inputs": listed(spec["inputs"]),
        "state": listed(spec["state"]),
        "changedPropIds": ["type-filter.value"],
    }
    response = app.server.test_client().post("/_dash-update-component", json=body)
    answer = json.loads(response.data)["response"]
    assert [(c, p) for c, p in VIEW_OUTPUTS] == [(o["id"], o["property"]) for o in outputs]
    for component, prop in VIEW_OUTPUTS:
        assert answer[component][prop] == page[component][prop], (component, prop)
    assert drawn_ids(page[ids.TIMELINE]["figure"]) == ["e-2016", "e-oct"]


def test_a_big_first_view_draws_an_aggregate_and_says_so(monkeypatch):
    from support.synthetic import synthetic_events

    from timeline.dashboard import first_view
    from timeline.dashboard.first_view import FIRST_VIEW_POINTS
    from timeline.dashboard.source import FrameSource

    monkeypatch.setattr(first_view, "AGGREGATE_FROM", 5_000)  # 1M events, scaled down

    frame = synthetic_events(events=9_000, people=12, types=5, years=10, seed=11)
    app = create_app(FrameSource(frame=frame), extract=lambda *a, **k: None)
    page = served_layout(app, "http://127.0.0.1:8050/")
    drawn = drawn_ids(page[ids.TIMELINE]["figure"])
    assert 0 < len(drawn) <= FIRST_VIEW_POINTS
    assert "are not drawn" in page[ids.FIGURE_NOTE]["children"]
    assert page[ids.EVENT_COUNT]["children"].endswith("of 9,000 events")


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


def test_a_small_first_view_draws_what_the_view_callback_draws(sample_source):
    from support.synthetic import synthetic_events

    from timeline.dashboard.source import FrameSource
    from timeline.dashboard.views import MAX_POINTS

    frame = synthetic_events(events=9_000, people=12, types=5, years=10, seed=11)
    app = create_app(FrameSource(frame=frame), extract=lambda *a, **k: None)
    page = served_layout(app, "http://127.0.0.1:8050/")
    assert 5_000 < len(drawn_ids(page[ids.TIMELINE]["figure"])) <= MAX_POINTS
