"""Every hostile fixture through every way in: the Python API, the command line, ingest
(.txt, .jsonl, .html) and the dashboard's upload and add-article handlers.

Each must end in a one-line message naming the problem, or in events whose quotes are
verbatim, within the fixture's time bound; nothing may raise anything but DocumentError,
and a bad document never stops the good ones from being stored.
"""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest

from timeline import extract
from timeline.cli import main as cli_main
from timeline.corpus.ingest import ingest
from timeline.corpus.store import load_documents, load_events
from timeline.dashboard.application import engine_extract
from timeline.dashboard.data import DashboardData
from timeline.dashboard.edits import add_article, read_upload
from timeline.dashboard.source import FrameSource
from timeline.text.checks import INVISIBLE
from timeline.text.documents import DocumentError, split_front_matter

from .fixtures import BY_NAME, FIXTURES, PUBLISHED, Fixture, hostile_html, nested_html

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
TEXT_FIXTURES = [f for f in FIXTURES if f.is_text]
#: The heavy fixtures go through every path only on request (they take minutes in all).
EVERY_PATH = os.environ.get("TIMELINE_HARDEN_ALL") == "1"
LIGHT = [f for f in FIXTURES if EVERY_PATH or not f.heavy]


def _ids(fixtures, text_only: bool = False):
    return [f.name for f in fixtures if f.is_text or not text_only]


def one_line(message: str) -> None:
    assert message and "\n" not in message.strip(), message
    assert "Traceback" not in message, message


def check_events(frame: pd.DataFrame, text: str, fixture: Fixture) -> None:
    """At least the fixture's events, each quote verbatim and dated within its period."""
    assert len(frame) >= (fixture.events or 0), frame[["person", "date", "quote"]]
    for row in frame.itertuples():
        assert text[row.start : row.end] == row.quote
        assert row.date_start <= row.date_end
        assert not INVISIBLE.search(row.person), repr(row.person)  # one lane per person


def check_outcome(fixture: Fixture, message: str | None, count: int) -> None:
    """A refusal with the expected message, or the expected events."""
    if fixture.events == 0:
        assert message is not None, f"{fixture.name} was accepted with {count} events"
        one_line(message)
        assert fixture.error in message, message
    elif fixture.events is None:
        if message is not None:
            one_line(message)
    else:
        assert message is None, message
        assert count >= fixture.events


def timed(fixture: Fixture, started: float) -> None:
    seconds = time.monotonic() - started
    assert seconds <= fixture.seconds, f"{fixture.name} took {seconds:.0f} s"


def body_of(fixture: Fixture) -> str:
    """The article text of a text fixture, without its front matter (what the API takes)."""
    raw = fixture.make().decode("utf-8")
    try:
        return split_front_matter(raw)[1]
    except DocumentError:
        return raw


# ------------------------------------------------------------------------------- Python API


@pytest.mark.parametrize("fixture", LIGHT, ids=_ids(LIGHT))
def test_python_api(fixture: Fixture):
    """``timeline.extract`` on the article text (binary fixtures read as Latin-1 text).

    The API takes a string, so what reading refuses (binary, bad front matter) reaches it
    as text; it must then refuse or give sound events, never raise anything else.
    """
    text = body_of(fixture) if fixture.is_text else fixture.make().decode("latin-1")
    expected = fixture if fixture.is_text and "front matter" not in fixture.error else None
    started = time.monotonic()
    try:
        frame = extract(text, published=PUBLISHED)
    except DocumentError as error:
        timed(fixture, started)
        one_line(str(error))
        if expected is not None:
            check_outcome(expected, str(error).replace("the text is empty", "empty"), 0)
        return
    timed(fixture, started)
    if expected is not None:
        check_outcome(expected, None, len(frame))
    check_events(frame, text, expected or Fixture("", bytes, events=0))


def test_api_refuses_bytes_with_a_clear_message():
    with pytest.raises(DocumentError, match="not bytes"):
        extract(b"On 7 October, Jane Doe left her base.", published=PUBLISHED)


def test_extreme_dates_give_only_the_possible_one():
    frame = extract(body_of(BY_NAME["extreme-dates.txt"]), published=PUBLISHED)
    assert frame["date"].tolist() == ["1066"]
    assert frame["granularity"].tolist() == ["year"]


# ------------------------------------------------------------------------------ command line


@pytest.mark.parametrize("fixture", LIGHT, ids=_ids(LIGHT))
def test_command_line_in_process(fixture: Fixture, tmp_path: Path, capsys):
    path = tmp_path / fixture.name
    path.write_bytes(fixture.make())
    started = time.monotonic()
    status = cli_main(["extract", str(path), "--format", "jsonl"])
    timed(fixture, started)
    out, err = capsys.readouterr()
    if status == 0:
        records = [json.loads(line) for line in out.splitlines() if line.strip()]
        check_outcome(fixture, None, len(records))
        text = body_of(fixture)
        repaired = split_front_matter(text)[1] if text.startswith("---") else text
        for record in records:
            assert record["quote"] in repaired or record["quote"] in text
    else:
        assert status == 2 and out == ""
        assert err.startswith("timeline: error: ") and str(path) in err
        check_outcome(fixture, err.strip(), 0)


@pytest.mark.parametrize("name", ["random.txt", "twenty-mb.txt", "german.txt", "latin1.txt"])
def test_command_line_process_exits_cleanly(name: str, tmp_path: Path):
    """A real process: exit status 2, one line on stderr, nothing on stdout."""
    fixture = BY_NAME[name]
    path = tmp_path / name
    path.write_bytes(fixture.make())
    result = subprocess.run(
        [sys.executable, "-m", "timeline", "extract", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
    )
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    one_line(result.stderr)
    assert fixture.error in result.stderr


# ------------------------------------------------------------------------------------ ingest


@pytest.fixture(scope="module")
def ingested(tmp_path_factory):
    """One ingest run over every fixture as .txt, the text ones as JSON lines, and pages."""
    folder = tmp_path_factory.mktemp("hostile")
    for fixture in LIGHT:
        (folder / fixture.name).write_bytes(fixture.make())
    lines = []
    for fixture in [f for f in TEXT_FIXTURES if EVERY_PATH or not f.heavy]:
        record = {"id": fixture.name, "published": PUBLISHED, "text": body_of(fixture)}
        lines.append(json.dumps(record, ensure_ascii=False))
    lines.insert(3, '{"id": "broken", "text": "On 7 October, Jane Doe left')
    lines.insert(5, json.dumps({"id": "bad-date", "published": "2021-13-01", "text": "x"}))
    (folder / "all.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    pages = folder / "pages"
    pages.mkdir()
    (pages / "hostile.html").write_bytes(hostile_html())
    (pages / "nested.html").write_bytes(nested_html())
    (pages / "binary.html").write_bytes(BY_NAME["image.png.txt"].make())
    store = tmp_path_factory.mktemp("store") / "s.duckdb"
    started = time.monotonic()
    report = ingest([folder], store)
    seconds = time.monotonic() - started
    return Ingested(folder, store, report, seconds, load_documents(store), load_events(store))


@dataclass
class Ingested:
    """One ingest run and what it stored."""

    folder: Path
    store: Path
    report: object
    seconds: float
    documents: pd.DataFrame
    events: pd.DataFrame


def _reasons(report) -> dict[str, str]:
    return {Path(f.name.split(":")[0]).name + _line(f.name): f.reason for f in report.failed}


def _line(name: str) -> str:
    return ":" + name.rsplit(":", 1)[1] if name.rsplit(":", 1)[-1].isdigit() else ""


def test_ingest_runs_in_bounded_time(ingested):
    # Every fixture twice (.txt and .jsonl) plus the pages: the sum of the bounds.
    assert ingested.seconds <= 2 * sum(f.seconds for f in FIXTURES)


@pytest.mark.parametrize("fixture", LIGHT, ids=_ids(LIGHT))
def test_ingest_txt(fixture: Fixture, ingested):
    reasons = _reasons(ingested.report)
    documents = ingested.documents
    stored = documents[documents["source"] == str(ingested.folder / fixture.name)]
    if fixture.name in reasons:
        check_outcome(fixture, reasons[fixture.name], 0)
        assert stored.empty
        return
    assert len(stored) == 1
    _check_stored(ingested, stored.iloc[0], fixture)


def _check_stored(ingested: Ingested, document, fixture: Fixture) -> None:
    events = ingested.events
    mine = events[events["doc_id"] == document["doc_id"]]
    check_outcome(fixture, None, len(mine))
    check_events(mine, document["text"], fixture)


JSONL_LINES = len([f for f in TEXT_FIXTURES if EVERY_PATH or not f.heavy]) + 2


@pytest.mark.parametrize("number", range(1, JSONL_LINES + 1))
def test_ingest_jsonl_line(number: int, ingested):
    folder = ingested.folder
    lines = (folder / "all.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == JSONL_LINES
    record_text = lines[number - 1]
    reasons = _reasons(ingested.report)
    key = f"all.jsonl:{number}"
    try:
        record = json.loads(record_text)
    except json.JSONDecodeError:
        assert "not a JSON object" in reasons[key]
        one_line(reasons[key])
        return
    fixture = BY_NAME.get(record["id"])
    if fixture is None:  # the record with a bad date
        assert "is not a date" in reasons[key] and reasons[key].startswith(str(folder))
        return
    if "front matter" in fixture.error:
        # A JSON line has no front matter: its fence and keys are just text here.
        fixture = Fixture(fixture.name, fixture.make, events=None)
    documents = ingested.documents.set_index("doc_id")
    if key in reasons:
        check_outcome(fixture, reasons[key], 0)
        assert reasons[key].startswith(f"{folder / 'all.jsonl'}:{number}: ")
        assert record["id"] not in documents.index
        return
    assert record["id"] in documents.index, f"{key} neither stored nor reported"
    stored = documents.loc[record["id"]].to_dict() | {"doc_id": record["id"]}
    _check_stored(ingested, stored, fixture)


def test_ingest_html_pages(ingested):
    reasons = _reasons(ingested.report)
    assert "binary, not text" in reasons["binary.html"]
    documents = ingested.documents
    hostile = documents[documents["source"].str.endswith("hostile.html")].iloc[0]
    for marker in ("<script", "onerror", "javascript:", "__pwned", "Injected Person"):
        assert marker not in hostile["text"]
    _check_stored(ingested, hostile, BY_NAME["hostile.html.txt"])
    nested = documents[documents["source"].str.endswith("nested.html")]
    if "nested.html" in reasons:
        one_line(reasons["nested.html"])
    else:
        _check_stored(ingested, nested.iloc[0], BY_NAME["nested.html.txt"])


def test_every_good_document_is_stored_despite_the_bad_ones(ingested):
    stored_txt = {f.name for f in LIGHT if f.events}
    sources = {Path(s).name for s in ingested.documents["source"]}
    assert stored_txt <= sources
    for failure in ingested.report.failed:
        one_line(failure.reason)


# ---------------------------------------------------------------------------------- dashboard


@pytest.fixture(scope="module")
def dashboard():
    return DashboardData.load(FrameSource(), engine_extract)


def page_time_limit(fixture: Fixture, message: str) -> bool:
    """Whether the page stopped reading a heavy fixture at its time limit (a slow machine
    may need more than ``EXTRACT_SECONDS`` for one): a clear message in bounded time."""
    return fixture.heavy and message.startswith("reading this text took over")


def _data_url(data: bytes) -> str:
    return "data:text/plain;base64," + base64.b64encode(data).decode("ascii")


@pytest.mark.parametrize("fixture", LIGHT, ids=_ids(LIGHT))
def test_dashboard_upload_then_add(fixture: Fixture, dashboard):
    started = time.monotonic()
    text, message, ok = read_upload(_data_url(fixture.make()), fixture.name)
    one_line(message)
    if not ok:
        check_outcome(fixture, message, 0)
        assert fixture.name in message
        return
    result = add_article(dashboard, text, None, "", "", None)
    timed(fixture, started)
    one_line(result.message)
    if page_time_limit(fixture, result.message):
        return
    if result.ok:
        check_outcome(fixture, None, len(result.added))
        document_text = split_front_matter(text)[1]
        for record in result.added:
            assert record["quote"] in document_text or fixture.name == "mojibake.txt"
    else:
        check_outcome(fixture, result.message, 0)


@pytest.mark.parametrize("fixture", [f for f in LIGHT if f.is_text], ids=_ids(LIGHT, True))
def test_dashboard_paste(fixture: Fixture, dashboard):
    started = time.monotonic()
    result = add_article(dashboard, fixture.text(), None, "", "", [])  # front matter's date
    timed(fixture, started)
    one_line(result.message)
    if page_time_limit(fixture, result.message):
        return
    check_outcome(fixture, None if result.ok else result.message, len(result.added or []))


# ------------------------------------------------------------------------------------ memory


def test_heavy_inputs_through_the_api_in_bounded_time_and_memory():
    """Peak resident memory and time of a fresh process extracting the heavy fixtures."""
    script = (
        "import resource, sys, time\n"
        "from timeline import extract\n"
        "from timeline.text.documents import split_front_matter\n"
        "sys.path.insert(0, sys.argv[1])\n"
        "from hardening.fixtures import BY_NAME\n"
        "extract('On 7 October, Jane Doe left.', published='2021-11-21')\n"
        "base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "seconds = []\n"
        "for name in ('one-sentence.txt', 'ten-thousand-dates.txt'):\n"
        "    text = split_front_matter(BY_NAME[name].make().decode())[1]\n"
        "    started = time.monotonic()\n"
        "    frame = extract(text, published='2021-11-21')\n"
        "    assert len(frame) >= BY_NAME[name].events, name\n"
        "    seconds.append(time.monotonic() - started)\n"
        "peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "print(base // 1024, peak // 1024, *seconds)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(REPO / "tests")],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=REPO,
    )
    assert result.returncode == 0, result.stderr
    base, peak, *seconds = result.stdout.split()
    # Measured: about 270 MB above the loaded model; the bound leaves room for other builds.
    assert int(peak) - int(base) < 700, (base, peak)
    assert float(seconds[0]) <= BY_NAME["one-sentence.txt"].seconds
    assert float(seconds[1]) <= BY_NAME["ten-thousand-dates.txt"].seconds
