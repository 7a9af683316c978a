"""Well-formedness of the hand-annotated development set in tests/data/dev/.

Every article ``<slug>.txt`` (YAML front matter, then the text) has a gold file
``<slug>.gold.csv`` whose quotes must be found verbatim in the article body: the
text after the second ``---`` line and its newline, exactly as the reader and the
scorer see it.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path

import pytest
import yaml

DEV_DIR = Path(__file__).parent / "data" / "dev"
HEADER = ["person", "event_type", "date", "granularity", "required", "quote"]
# fmt: off
EVENT_TYPES = {
    "coup", "defection", "desertion", "escape", "arrest", "imprisonment", "release",
    "deployment", "casualty", "death", "enlistment", "graduation", "statement", "protest",
    "attack", "accident", "recruitment", "election", "appointment", "resignation", "trial",
    "sentence", "agreement", "meeting", "visit", "announcement", "launch", "acquisition",
    "lawsuit", "other",
}
# fmt: on
DATE_PATTERNS = {
    "day": re.compile(r"\d{4}-\d{2}-\d{2}"),
    "month": re.compile(r"\d{4}-\d{2}"),
    "year": re.compile(r"\d{4}"),
}
REQUIRED_VALUES = {"yes", "optional"}

ARTICLES = sorted(DEV_DIR.glob("*.txt"))
GOLDS = sorted(DEV_DIR.glob("*.gold.csv"))


def split_article(raw: str) -> tuple[dict, str]:
    """Return (front matter, body); body is what follows the closing '---' line."""
    lines = raw.split("\n")
    assert lines[0] == "---", "the article must open with a '---' front matter line"
    close = lines.index("---", 1)
    meta = yaml.safe_load("\n".join(lines[1:close]))
    assert isinstance(meta, dict), "front matter must be 'key: value' lines"
    body = raw[len("\n".join(lines[: close + 1])) + 1 :]
    return meta, body


def read_gold(path: Path) -> tuple[list[str], list[dict]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        rows = [dict(zip(header, row, strict=True)) for row in reader]
    return header, rows


def article_for(gold: Path) -> Path:
    return gold.with_name(gold.name[: -len(".gold.csv")] + ".txt")


def test_dev_set_is_present_and_paired():
    assert len(ARTICLES) >= 6
    assert {article_for(g) for g in GOLDS} == set(ARTICLES)


@pytest.mark.parametrize("article", ARTICLES, ids=lambda p: p.stem)
def test_article_front_matter(article: Path):
    raw = article.read_text(encoding="utf-8")
    meta, body = split_article(raw)
    published = meta.get("published")
    assert published, "the front matter must give a 'published' date"
    if not isinstance(published, dt.date):
        published = dt.date.fromisoformat(str(published))
    assert isinstance(published, dt.date)
    assert str(meta.get("title") or "").strip(), "the front matter must give a title"
    assert meta.get("source") == "Wikinews"
    first_line = body.split("\n", 1)[0]
    assert first_line == meta["title"], "the body opens with the title line"
    assert body.split("\n")[1] == "", "a blank line follows the title"
    assert body.endswith("\n") and body.strip()


@pytest.mark.parametrize("gold", GOLDS, ids=lambda p: p.name)
def test_gold_rows_are_well_formed(gold: Path):
    header, rows = read_gold(gold)
    assert header == HEADER
    assert rows, "a gold file holds at least one event"
    for number, row in enumerate(rows, start=2):
        where = f"{gold.name} line {number}"
        gran = row["granularity"]
        assert gran in DATE_PATTERNS, f"{where}: granularity {gran!r}"
        date = row["date"]
        assert DATE_PATTERNS[gran].fullmatch(date), f"{where}: date {date!r} is not {gran}"
        padded = date + {"day": "", "month": "-01", "year": "-01-01"}[gran]
        dt.date.fromisoformat(padded)  # raises on an impossible date
        assert row["required"] in REQUIRED_VALUES, f"{where}: required {row['required']!r}"
        assert row["event_type"] in EVENT_TYPES, f"{where}: event_type {row['event_type']!r}"
        for alternative in row["person"].split("|"):
            assert alternative == alternative.strip(), f"{where}: stray spaces in person"
        assert row["quote"].strip() == row["quote"] and row["quote"], f"{where}: empty quote"


@pytest.mark.parametrize("gold", GOLDS, ids=lambda p: p.name)
def test_gold_quotes_are_verbatim_in_body(gold: Path):
    _, body = split_article(article_for(gold).read_text(encoding="utf-8"))
    _, rows = read_gold(gold)
    for number, row in enumerate(rows, start=2):
        where = f"{gold.name} line {number}"
        assert row["quote"] in body, f"{where}: quote not in body: {row['quote']!r}"
