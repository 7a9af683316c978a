"""The command line as a user runs it: output formats, errors and exit codes."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest
from conftest import REPO

from timeline.output.schema import EVENT_COLUMNS

SEED = REPO / "data" / "myanmar-defections.txt"


def run(*args, stdin=None):
    return subprocess.run(
        [sys.executable, "-m", "timeline", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=REPO,
    )


def test_extract_csv_has_the_schema_and_verbatim_quotes():
    result = run("extract", SEED, "--published", "2021-11-21")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows and list(rows[0]) == EVENT_COLUMNS
    text = SEED.read_text(encoding="utf-8").split("---\n", 2)[2]
    for row in rows:
        assert text[int(row["start"]) : int(row["end"])] == row["quote"]


def test_extract_is_stable_across_runs():
    first = run("extract", SEED, "--format", "jsonl").stdout
    assert first == run("extract", SEED, "--format", "jsonl").stdout


def test_json_and_jsonl_hold_the_same_rows():
    as_json = json.loads(run("extract", SEED, "--format", "json").stdout)
    as_jsonl = [
        json.loads(line) for line in run("extract", SEED, "--format", "jsonl").stdout.splitlines()
    ]
    assert as_json == as_jsonl and list(as_json[0]) == EVENT_COLUMNS


def test_timexes_jsonl_offsets():
    result = run("timexes", SEED, "--published", "2021-11-21", "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    text = SEED.read_text(encoding="utf-8").split("---\n", 2)[2]
    items = [json.loads(line) for line in result.stdout.splitlines()]
    assert {"start", "end", "text", "type", "value"} == set(items[0])
    assert all(text[i["start"] : i["end"]] == i["text"] for i in items)
    assert {"text": "7 October", "type": "DATE", "value": "2021-10-07"}.items() <= next(
        i for i in items if i["text"] == "7 October"
    ).items()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"\x00\x01\x02binary", "binary"),
        (b"\xff\xfe bad", "not UTF-8"),
        (b"He left on 9 May.", "--published"),
    ],
)
def test_bad_input_exits_2_with_one_line(tmp_path, content, message):
    path = tmp_path / "article.txt"
    path.write_bytes(content)
    result = run("extract", path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_no_events_gives_header_and_a_note(tmp_path):
    path = tmp_path / "quiet.txt"
    path.write_text("Nothing much happened, they say.", encoding="utf-8")
    result = run("extract", path, "--published", "2021-11-21")
    assert result.returncode == 0
    assert result.stdout.strip() == ",".join(EVENT_COLUMNS)
    assert "no dated events" in result.stderr


def test_explicit_years_without_publication_date(tmp_path):
    path = tmp_path / "noyear.txt"
    path.write_text(
        "Jane Doe joined the army in 2016. In June, Jane Doe was sent north.", encoding="utf-8"
    )
    rows = list(csv.DictReader(io.StringIO(run("extract", path).stdout)))
    june = next(r for r in rows if r["date_text"] == "June")
    assert june["date"] == "2016-06"
    assert float(june["confidence"]) < 0.9


ENTITY_ARTICLE = (
    "---\npublished: 2020-06-01\n---\n"
    "On 7 May 2020, Acme Corp bought Widget. Two days later, the company said it would "
    "close the plant. Jane Roe resigned in March 2020.\n"
)


def test_extract_entity_flags_follow_the_named_entities(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(ENTITY_ARTICLE, encoding="utf-8")
    names = tmp_path / "entities.txt"
    names.write_text("# targets\nAcme Corp\n\n", encoding="utf-8")
    from_file = run("extract", article, "--entities", names, "--format", "jsonl")
    assert from_file.returncode == 0, from_file.stderr
    rows = [json.loads(line) for line in from_file.stdout.splitlines()]
    assert [(r["person"], r["date"]) for r in rows] == [
        ("Acme Corp", "2020-05-07"),
        ("Acme Corp", "2020-05-09"),
    ]
    repeated = run("extract", article, "--entity", "Acme Corp", "--entity", "Jane Roe")
    people = [r["person"] for r in csv.DictReader(io.StringIO(repeated.stdout))]
    assert people == ["Acme Corp", "Acme Corp", "Jane Roe"]


@pytest.mark.parametrize(
    ("content", "message"),
    [(None, "cannot read the entity list"), ("\n# only a comment\n", "names no entity")],
)
def test_bad_entity_list_exits_2_with_one_line(tmp_path, content, message):
    article = tmp_path / "a.txt"
    article.write_text(ENTITY_ARTICLE, encoding="utf-8")
    names = tmp_path / "entities.txt"
    if content is not None:
        names.write_text(content, encoding="utf-8")
    result = run("extract", article, "--entities", names)
    assert result.returncode == 2 and result.stdout == ""
    assert len(result.stderr.splitlines()) == 1 and message in result.stderr


def test_a_header_without_its_opening_fence_is_warned_about(tmp_path):
    article = tmp_path / "unfenced.txt"
    article.write_text(
        "title: Soldiers leave the army\npublished: 2021-11-21\n---\n"
        "On 7 October, Jane Doe left her base.\n",
        encoding="utf-8",
    )
    result = run("timexes", article, "--published", "2021-11-21")
    assert result.returncode == 0, result.stderr
    warning = result.stderr.strip().splitlines()[-1]
    assert warning.startswith(f"{article}: warning: the first lines (title, published)")
    assert "opening '---' line is missing" in warning
    # With its opening fence, or with none at all, nothing is said.
    article.write_text("---\n" + article.read_text(encoding="utf-8"), encoding="utf-8")
    assert "warning" not in run("timexes", article).stderr
    article.write_text("On 7 October, Jane Doe said: title: none.\n", encoding="utf-8")
    assert "warning" not in run("timexes", article, "--published", "2021-11-21").stderr


@pytest.mark.parametrize(
    ("head", "keys"),
    [
        ("title: A\npublished: 2021-01-01\n---\nText", ["title", "published"]),
        ("\ufefftitle: A\n\nurl: https://x\n---\n", ["title", "url"]),
        ("---\ntitle: A\n---\nText", []),
        ("Note: about this\n---\nText", []),
        ("title: A\nThe army said: no\n---\n", []),
        ("title: A\npublished: 2021\nText without a fence", []),
    ],
)
def test_unopened_front_matter(head, keys):
    from timeline.cli import unopened_front_matter

    assert unopened_front_matter(head) == keys


def test_without_a_publication_date_a_note_says_how_year_less_dates_were_placed(tmp_path):
    article = tmp_path / "article.txt"
    article.write_text("Ko Ko deserted on 3 May. He crossed the river on 9 May 2021.\n")
    result = run("extract", article, "--format", "csv")
    assert result.returncode == 0, result.stderr
    assert "no publication date given" in result.stderr and "--published" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    dated = run("extract", article, "--published", "2021-11-21", "--format", "csv")
    assert dated.returncode == 0 and dated.stderr == ""
