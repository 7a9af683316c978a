"""The app factory, the layout contract, callbacks and security headers (no browser)."""

from __future__ import annotations

import json

from dash import dcc

from timeline.dashboard import command as app_module
from timeline.dashboard import create_app, ids
from timeline.dashboard.application import content_security_policy
from timeline.dashboard.source import FrameSource, load_directory

CONTRACT = {
    ids.TIMELINE: dcc.Graph,
    ids.PERSON_FILTER: dcc.Dropdown,
    ids.TYPE_FILTER: dcc.Checklist,
    ids.ARTICLE_TEXT: dcc.Textarea,
    ids.ARTICLE_PUBLISHED: dcc.Input,
    ids.DATE_FROM: dcc.Input,
    ids.DATE_TO: dcc.Input,
}


def components(layout):
    stack = [layout]
    while stack:
        component = stack.pop()
        if isinstance(component, (list, tuple)):
            stack.extend(component)
            continue
        if component is None or isinstance(component, (str, int, float)):
            continue
        yield component
        stack.append(getattr(component, "children", None))


def test_layout_has_the_contract_ids(sample_source):
    dash_app = create_app(sample_source, extract=lambda *a, **k: None)
    # The layout is built per visitor, for the view of the page's URL (first_view.py).
    by_id = {getattr(c, "id", None): c for c in components(dash_app.layout())}
    for component_id, kind in CONTRACT.items():
        assert isinstance(by_id[component_id], kind), component_id
    for component_id in (
        ids.ADD_ARTICLE,
        ids.EVENT_DETAIL,
        ids.EVENT_COUNT,
        ids.SHOW_ALL_YEARS,
        ids.CLEAR_FILTERS,
    ):
        assert component_id in by_id
    assert (ids.SHOW_ALL_YEARS, ids.CLEAR_FILTERS) == ("show-all-years", "clear-filters")
    assert (ids.DATE_FROM, ids.DATE_TO) == ("date-from", "date-to")
    assert by_id[ids.PERSON_FILTER].multi is True
    assert by_id[ids.PERSON_FILTER].searchable is True
    labels = [option["label"] for option in by_id[ids.PERSON_FILTER].options]
    assert labels == ["Jane Doe (2)", "Richard Roe (1)", "No named person (1)"]
    assert by_id[ids.TYPE_FILTER].value == ["defection", "deployment", "enlistment", "statement"]


def test_every_callback_is_registered(sample_source):
    dash_app = create_app(sample_source, extract=lambda *a, **k: None)
    outputs = " ".join(dash_app.callback_map)
    for expected in (
        "timeline.figure",
        "event-detail-body.children",
        "added-events.data",
        "download.data",
        "url.search",
        "view-window.data",
        "dossier-download.data",
        "date-error.children",
    ):
        assert expected in outputs


def test_pages_carry_security_headers(sample_source):
    client = create_app(sample_source, extract=lambda *a, **k: None).server.test_client()
    response = client.get("/")
    assert response.status_code == 200
    headers = response.headers
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert "'sha256-" in headers["Content-Security-Policy"]
    assert "unsafe-inline" not in headers["Content-Security-Policy"].split("style-src")[0]


def test_csp_quotes_nothing_twice():
    policy = content_security_policy(["'sha256-abc'"])
    assert "script-src 'self' 'unsafe-eval' 'sha256-abc';" in policy


def test_a_filter_change_round_trip_through_dash(sample_source):
    """Post what the browser posts when the person filter changes; get the view back."""
    dash_app = create_app(sample_source, extract=lambda *a, **k: None)
    client = dash_app.server.test_client()
    client.get("/")
    key = next(k for k in dash_app.callback_map if "timeline.figure" in k)
    spec = dash_app.callback_map[key]
    values = {
        "person-filter.value": ["Jane Doe"],
        "type-filter.value": ["defection", "deployment", "enlistment", "statement"],
        "date-from.value": "",
        "date-to.value": "",
        "text-filter.value": "",
        "lane-order.value": "first",
        "view-window.data": None,
        "added-events.data": [],
        "lane-previous.n_clicks": 0,
        "lane-next.n_clicks": 0,
        "lane-page.data": 0,
        "data-version.data": 0,
    }
    inputs = [
        {"id": i["id"], "property": i["property"], "value": values[f"{i['id']}.{i['property']}"]}
        for i in spec["inputs"]
    ]
    state = [
        {"id": s["id"], "property": s["property"], "value": values[f"{s['id']}.{s['property']}"]}
        for s in spec["state"]
    ]
    outputs = [
        {"id": o.split(".")[0], "property": o.split(".")[1]} for o in key.strip(".").split("...")
    ]
    payload = {
        "output": key,
        "outputs": outputs,
        "inputs": inputs,
        "state": state,
        "changedPropIds": ["person-filter.value"],
    }
    response = client.post("/_dash-update-component", json=payload)
    assert response.status_code == 200
    body = json.loads(response.data)["response"]
    assert body["event-count"]["children"] == "2 of 4 events"
    figure = body["timeline"]["figure"]
    ids_drawn = [
        row[0] for trace in figure["data"] if trace.get("customdata") for row in trace["customdata"]
    ]
    assert sorted(ids_drawn) == ["e-june", "e-oct"]


def test_load_directory_reports_problems(tmp_path):
    assert load_directory(tmp_path / "missing").notes() == [
        f"{tmp_path / 'missing'}: no such data directory"
    ]
    assert "no .txt articles" in load_directory(tmp_path).notes()[0]
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01")
    source = load_directory(tmp_path, extract_many=lambda documents: None)
    assert source.events().empty and "binary" in source.notes()[0]


def test_empty_source_still_serves(tmp_path):
    client = create_app(FrameSource()).server.test_client()
    assert client.get("/").status_code == 200


def test_command_line_defaults():
    args = app_module.parse_args([])
    assert (args.host, args.port, args.store, args.data, args.debug) == (
        "127.0.0.1",
        8050,
        None,
        None,
        False,
    )
    args = app_module.parse_args(["--host", "0.0.0.0", "--port", "9000", "--data", "x", "--debug"])
    assert (args.host, args.port, args.data, args.debug) == ("0.0.0.0", 9000, "x", True)
    assert app_module.parse_args(["--store", "s.duckdb"]).store == "s.duckdb"


def test_app_py_and_timeline_serve_share_one_command():
    import app
    from timeline.cli import build_parser

    assert app.main is app_module.main
    args = build_parser().parse_args(["serve", "--store", "s.duckdb", "--port", "9000"])
    assert args.handler is app_module.run
    assert (args.host, args.port, args.store, args.data, args.debug) == (
        "127.0.0.1",
        9000,
        "s.duckdb",
        None,
        False,
    )


def test_a_missing_store_is_one_line_and_status_2(tmp_path, capsys):
    assert app_module.main(["--store", str(tmp_path / "none.duckdb")]) == 2
    error = capsys.readouterr().err
    assert (
        error.strip()
        == f"error: {tmp_path / 'none.duckdb'}: no store here (run `timeline ingest` first)"
    )


def test_oversized_requests_are_refused(sample_source):
    client = create_app(sample_source, extract=lambda *a, **k: None).server.test_client()
    response = client.post(
        "/_dash-update-component",
        data=b"x" * 16_000_001,
        headers={"Content-Type": "application/json"},
    )
    assert response.status_code == 413


def test_one_failing_article_does_not_hide_the_others(tmp_path, sample_frame):
    (tmp_path / "a.txt").write_text("---\npublished: 2021-01-01\n---\nGood text.", "utf-8")
    (tmp_path / "b.txt").write_text("---\npublished: 2021-01-01\n---\nBad text.", "utf-8")

    def extract_many(documents):
        if any("Bad" in document.text for document in documents):
            raise RuntimeError("engine bug")
        return sample_frame

    source = load_directory(tmp_path, extract_many=extract_many)
    assert len(source.events()) == len(sample_frame)
    assert source.notes() == [f"{tmp_path / 'b.txt'}: events could not be extracted (RuntimeError)"]


def test_the_default_store_is_built_from_the_articles_and_then_reused(tmp_path, caplog):
    import logging

    from timeline.corpus.store import load_documents

    articles = tmp_path / "data"
    articles.mkdir()
    (articles / "a.txt").write_text(
        "---\ntitle: Harbour\npublished: 2022-03-10\n---\n"
        "On 2 March 2022, Lena Okafor resigned from the harbour board.\n",
        encoding="utf-8",
    )
    store = tmp_path / "data" / "timeline.duckdb"
    with caplog.at_level(logging.INFO, logger="timeline.app"):
        app_module.build_default_store(articles, store)
        app_module.build_default_store(articles, store)
    assert len(load_documents(store)) == 1
    assert "1 documents stored, 0 unchanged" in caplog.text
    assert "0 documents stored, 1 unchanged" in caplog.text
    dash_app = create_app(store=store, extract=lambda *a, **k: None)
    assert dash_app.server.test_client().get("/").status_code == 200
