"""Malformed callback requests get no update and no traceback (issue 15, case 9).

Before, 234 of 693 requests with wrong types made a handler crash: HTTP 500 and a traceback
in the log each time. Here every server callback of the app (from its callback map) gets,
input by input, values of the wrong type, size or range, with and without a store; and the
request itself is broken in the ways a hand-made request can be. Nothing may answer 500,
no callback may fail (guard.callback_failed logs an error), and no traceback may reach
the log.
"""

from __future__ import annotations

import json
import logging

import pytest

from timeline.corpus.store import StoredDocument, open_store, write_document
from timeline.dashboard.access import Access
from timeline.dashboard.application import create_app
from timeline.dashboard.jobs import Jobs
from timeline.dashboard.source import FrameSource

from .conftest import ARTICLE
from .posting import callback_body

#: Values of the wrong type, size or range, as a hand-made request may hold them.
MALFORMED = [
    -(10**6),
    10**6,
    10**15,
    -1,
    1.5,
    True,
    "x",
    "",
    "9" * 20_000,
    [],
    {},
    [1, 2],
    [10**6, -(10**6)],
    [-1e300, 1e300],
    [None],
    ["x", 3],
    [[[[[]]]]],
    {"a": 1},
    {"points": "x"},
    {"points": [1, "x"]},
    {"points": [{"customdata": {"a": 1}, "x": [], "y": None}]},
    {"event_id": 5},
    {"event_id": "e-oct", "event_ids": "[[[["},
    {"event_id": "e-oct", "event_ids": 7},
    {"contents": 5, "filename": ["a"]},
    {"xaxis.range": [10**15, -(10**15)]},
    {"xaxis.range[0]": "9999-99-99", "xaxis.range[1]": {}},
    [{"event_id": "x"}],
    {"doc": 5},
]


class NoJobs(Jobs):
    """Jobs that start nothing: the fuzz tests the callbacks, not extraction."""

    def submit(self, read, finish=None) -> str:
        return "A" * 22


@pytest.fixture(params=["memory", "store"])
def app(request, tmp_path, sample_frame):
    jobs = NoJobs(tmp_path)
    extract = lambda *args, **kwargs: sample_frame  # noqa: E731
    if request.param == "memory":
        source = FrameSource(frame=sample_frame, texts={"doc1": ARTICLE})
        return create_app(source, extract=extract, jobs=jobs, access=Access())
    store = tmp_path / "s.duckdb"
    document = StoredDocument("doc1", "a.txt", "h", "Soldiers", "", "2021-11-21", ARTICLE)
    with open_store(store) as connection:
        write_document(connection, document, sample_frame)
    return create_app(store=store, extract=extract, jobs=jobs, access=Access())


def server_callbacks(app) -> list[str]:
    """The keys of the callbacks the server runs (clientside ones are the browser's)."""
    return [key for key, spec in app.callback_map.items() if "callback" in spec]


def problems_in(records: list[logging.LogRecord]) -> list[str]:
    return [
        record.getMessage()[:200]
        for record in records
        if record.levelno >= logging.ERROR or record.exc_info
    ]


def test_every_callback_refuses_malformed_values_without_a_traceback(app, caplog):
    caplog.set_level(logging.WARNING)
    client = app.server.test_client()
    statuses: dict[int, int] = {}
    sent = 0
    for key in server_callbacks(app):
        spec = app.callback_map[key]
        slots = [*spec["inputs"], *spec.get("state", [])]
        for slot in slots:
            name = f"{slot['id']}.{slot['property']}"
            for value in MALFORMED:
                body = callback_body(app, key, {name: value}, name)
                response = client.post("/_dash-update-component", json=body)
                sent += 1
                statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
                assert response.status_code in (200, 204), (key[:60], name, value)
    assert sent >= 500, sent  # hundreds, derived from the callback map
    assert statuses.get(204, 0) > 0  # the guard did refuse some
    assert problems_in(caplog.records) == []
    assert "Traceback" not in caplog.text


def test_out_of_range_values_are_clamped_not_refused(app):
    client = app.server.test_client()
    key = next(k for k in server_callbacks(app) if k.startswith("..timeline.figure"))
    for window in ([-(10**6), 10**6], [10**15, -(10**15)]):
        values = {"view-window.data": window, "lane-page.data": 10**12}
        body = callback_body(app, key, values, "view-window.data")
        response = client.post("/_dash-update-component", json=body)
        assert response.status_code == 200
        figure = json.loads(response.data)["response"]["timeline"]["figure"]
        low, high = figure["layout"]["xaxis"]["range"]
        assert str(low)[:4] >= "0001" and str(high)[:4] <= "9999"


@pytest.mark.parametrize(
    "body",
    [
        {"output": "no-such.output", "inputs": [], "state": []},
        {"output": "..timeline.figure..."},
        {"inputs": [{"id": "url", "property": "search", "value": "?"}]},
        {"output": "url.search", "outputs": "x", "inputs": "x", "state": 5},
        [],
        "x",
    ],
)
def test_a_request_dash_cannot_take_apart_is_400_in_one_line(app, caplog, body):
    caplog.set_level(logging.WARNING)
    response = app.server.test_client().post("/_dash-update-component", json=body)
    assert response.status_code in (400, 204)
    assert problems_in(caplog.records) == [] and "Traceback" not in caplog.text


def test_a_body_that_is_not_json_is_refused(app, caplog):
    response = app.server.test_client().post(
        "/_dash-update-component", data=b"{not json", headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 400
    assert "Traceback" not in caplog.text


def test_every_input_has_a_check(app):
    """An input without a check stops the app from being built (guard.check_for), so a
    new callback cannot slip past the guard; here, every one the app has is checked."""
    from timeline.dashboard.guard import check_for

    for key in server_callbacks(app):
        spec = app.callback_map[key]
        for slot in [*spec["inputs"], *spec.get("state", [])]:
            check_for(slot["id"], slot["property"])
    with pytest.raises(KeyError, match=r"no check for new-thing\.value"):
        check_for("new-thing", "value")
