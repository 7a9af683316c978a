"""Who may change the timeline (issue 15, case 10): read-only serving, editors who sign in,
rate limits on writes, correction requests that name only their own event, and the audit
trail in the detail panel."""

from __future__ import annotations

import base64
import json

import pytest

from timeline.corpus.corrections import load_audit, load_corrections
from timeline.corpus.store import StoredDocument, load_events, open_store, write_document
from timeline.dashboard import command
from timeline.dashboard.access import (
    ADD,
    CORRECT,
    EDITORS,
    OPEN,
    READ_ONLY,
    READ_ONLY_NOTE,
    Access,
    configured_access,
    password_line,
    read_editors,
)
from timeline.dashboard.application import create_app
from timeline.dashboard.jobs import Jobs
from timeline.text.documents import DocumentError

from .conftest import ARTICLE
from .posting import post

PASSWORD = "correct horse battery"


def credentials(name: str = "alice", password: str = PASSWORD) -> dict:
    token = base64.b64encode(f"{name}:{password}".encode()).decode()
    return {"Authorization": f"Basic {token}"}


@pytest.fixture(scope="module")
def editors() -> dict[str, str]:
    name, hashed = password_line("alice", PASSWORD).split(":", 1)
    return {name: hashed}


@pytest.fixture
def store(tmp_path, sample_frame):
    path = tmp_path / "s.duckdb"
    document = StoredDocument("doc1", "a.txt", "h", "Soldiers", "", "2021-11-21", ARTICLE)
    with open_store(path) as connection:
        write_document(connection, document, sample_frame)
    return path


def no_extract(*args, **kwargs):
    raise AssertionError("nothing is read")


def app_with(store, access, tmp_path):
    (tmp_path / "jobs").mkdir(exist_ok=True)
    return create_app(store=store, extract=no_extract, access=access, jobs=Jobs(tmp_path / "jobs"))


def page_props(client, **kwargs) -> dict:
    """Component id -> props of the page's layout as the visitor gets it."""
    layout = json.loads(client.get("/_dash-layout", **kwargs).data)
    found = {}

    def walk(node):
        if isinstance(node, dict):
            props = node.get("props") or {}
            if isinstance(props.get("id"), str):
                found[props["id"]] = props
            for value in props.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(layout)
    return found


ADD_VALUES = {
    "add-request.data": 1,
    "article-text.value": ARTICLE,
    "article-published.value": "2021-11-21",
}


def hide(client, app, event: dict, **kwargs) -> dict:
    values = {"correct-hide.n_clicks": 1, "selected-event.data": event}
    return post(
        client, app, "correction-status.children", values, "correct-hide.n_clicks", **kwargs
    )


# ---------------------------------------------------------------------- read-only


def test_read_only_hides_the_forms_says_so_and_refuses_every_write(store, tmp_path):
    before = store.stat().st_mtime_ns
    app = app_with(store, Access(READ_ONLY), tmp_path)
    client = app.server.test_client()
    props = page_props(client)
    assert props["editing-note"]["hidden"] is False
    assert READ_ONLY_NOTE in json.dumps(props["editing-note"])
    assert props["article-form"]["hidden"] is True
    _, reply = post(client, app, "article-status.children", ADD_VALUES, "add-request.data")
    assert reply["article-status"]["children"] == READ_ONLY_NOTE
    _, reply = hide(client, app, {"event_id": "e-oct"})
    assert reply["correction-status"]["children"] == READ_ONLY_NOTE
    assert load_corrections(store).empty and list((tmp_path / "jobs").iterdir()) == []
    assert store.stat().st_mtime_ns == before  # opened read-only: not even tables were made


# ---------------------------------------------------------------------- editors


def test_editors_sign_in_to_write_and_the_audit_trail_names_them(store, tmp_path, editors):
    app = app_with(store, Access(EDITORS, editors), tmp_path)
    client = app.server.test_client()
    anonymous = page_props(client)
    assert "Sign in" in json.dumps(anonymous["editing-note"])
    assert anonymous["sign-in-link"]["href"] == "/sign-in"
    _, reply = hide(client, app, {"event_id": "e-oct"})
    assert reply["correction-status"]["children"].startswith("Sign in as an editor first")
    _, reply = hide(client, app, {"event_id": "e-oct"}, headers=credentials("alice", "wrong"))
    assert reply["correction-status"]["children"].startswith("Sign in as an editor first")
    assert load_corrections(store).empty

    assert client.get("/sign-in").status_code == 401
    assert client.get("/sign-in").headers["WWW-Authenticate"] == 'Basic realm="timeline editors"'
    assert client.get("/sign-in", headers=credentials()).status_code == 302
    signed_in = page_props(client, headers=credentials())
    assert "Signed in as alice." in json.dumps(signed_in["editing-note"])
    _, reply = hide(client, app, {"event_id": "e-oct"}, headers=credentials())
    assert reply["correction-status"]["children"].startswith("Hidden from the timeline")
    trail = load_audit(store)
    assert trail[["editor", "action", "event_id"]].values.tolist() == [["alice", "hide", "e-oct"]]


def test_the_detail_panel_shows_who_changed_the_event(store, tmp_path, editors):
    app = app_with(store, Access(EDITORS, editors), tmp_path)
    client = app.server.test_client()
    values = {
        "correct-save.n_clicks": 1,
        "selected-event.data": {"event_id": "e-2016"},
        "correct-person.value": "Richard Q. Roe",
        "correct-type.value": "enlistment",
        "correct-date.value": "2016",
    }
    _, reply = post(
        client, app, "correction-status.children", values, "correct-save.n_clicks",
        headers=credentials(),
    )  # fmt: skip
    shown = json.dumps(reply["event-detail-body"]["children"])
    assert "Changed by hand (1)" in shown
    assert "alice: person set to Richard Q. Roe" in shown


def test_a_correction_changes_only_the_servers_sources_of_the_event(store, tmp_path):
    """The page's copy of the event is not trusted: listing every id as its sources hid
    the whole store before."""
    app = app_with(store, Access(OPEN), tmp_path)
    client = app.server.test_client()
    every_id = list(load_events(store)["event_id"]) + [f"made-up-{n}" for n in range(5000)]
    forged = {"event_id": "e-oct", "event_ids": json.dumps(every_id)}
    _, reply = hide(client, app, forged)
    assert reply["correction-status"]["children"].startswith("Hidden from the timeline")
    assert load_corrections(store)["event_id"].tolist() == ["e-oct"]
    _, reply = hide(client, app, {"event_id": "made-up", "event_ids": json.dumps(every_id)})
    assert reply["correction-status"]["children"].startswith("This event is not on the timeline")
    assert load_corrections(store)["event_id"].tolist() == ["e-oct"]
    assert load_audit(store)["editor"].tolist() == ["anonymous (127.0.0.1)"]


def test_writes_are_rate_limited(store, tmp_path):
    access = Access(OPEN, limits={ADD: "1 per minute", CORRECT: "2 per minute"})
    app = app_with(store, access, tmp_path)
    client = app.server.test_client()
    events = ["e-oct", "e-june", "e-2016"]
    answers = [
        hide(client, app, {"event_id": e})[1]["correction-status"]["children"] for e in events
    ]
    assert answers[0].startswith("Hidden") and answers[1].startswith("Hidden")
    assert answers[2].startswith("Too many changes in a short time (the limit is 2 per 1 minute)")
    assert sorted(load_corrections(store)["event_id"]) == ["e-june", "e-oct"]


def test_sign_in_attempts_are_rate_limited(store, tmp_path, editors):
    app = app_with(store, Access(EDITORS, editors), tmp_path)
    client = app.server.test_client()
    codes = [
        client.get("/sign-in", headers=credentials("alice", "guess")).status_code for _ in range(12)
    ]
    assert codes[:10] == [401] * 10 and codes[10:] == [429, 429]


# ---------------------------------------------------------------------- configuration


def test_who_may_change_it_by_default(tmp_path, editors):
    assert configured_access(host="127.0.0.1", environ={})[0].mode == OPEN
    access, warning = configured_access(host="0.0.0.0", environ={})
    assert access.mode == READ_ONLY and "no editors named: read-only" in warning
    assert configured_access("open", host="0.0.0.0", environ={})[0].mode == OPEN
    file = tmp_path / "editors"
    file.write_text("# editors\n" + password_line("bob", PASSWORD) + "\n", encoding="utf-8")
    access, warning = configured_access(host="0.0.0.0", environ={"TIMELINE_EDITORS": str(file)})
    assert (access.mode, list(access.editors), warning) == (EDITORS, ["bob"], "")
    access, _ = configured_access(environ={"TIMELINE_EDITOR_PASSWORD": PASSWORD})
    assert (access.mode, list(access.editors)) == (EDITORS, ["editor"])
    access, _ = configured_access(environ={"TIMELINE_ADD_LIMIT": "5 per hour"})
    assert access.limits[ADD] == "5 per hour"
    with pytest.raises(DocumentError, match="editors sign in, but none are named"):
        configured_access("editors", environ={})


def test_a_bad_editors_file_is_one_line_naming_the_line(tmp_path, capsys):
    file = tmp_path / "editors"
    file.write_text("alice:plaintext-password\n", encoding="utf-8")
    with pytest.raises(DocumentError, match=r"editors line 1: not a 'name:password-hash' line"):
        read_editors(file)
    assert command.main(["--store", str(tmp_path / "x.duckdb"), "--editors", str(file)]) == 2
    error = capsys.readouterr().err.strip()
    assert error.startswith("error: ") and "line 1" in error and "\n" not in error
    with pytest.raises(DocumentError, match="at least 8 characters"):
        password_line("alice", "short")
