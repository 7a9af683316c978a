"""The hand-annotated article sets (tests/data/events): well formed, verbatim, closed types.

The texts are not kept here: each corpus gold file names a file under the shared folder
and the article is rebuilt from it; the articles we wrote ourselves live in ``written/``.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from timeline.evaluate.articles import shared_dir
from timeline.evaluate.gold_sets import read_gold_set

EVENTS = Path(__file__).resolve().parents[1] / "data" / "events"
SPLITS = ("dev", "test")
DATE_PATTERNS = {
    "day": re.compile(r"\d{4}-\d{2}-\d{2}"),
    "month": re.compile(r"\d{4}-\d{2}"),
    "year": re.compile(r"\d{4}"),
}


def closed_types() -> set[str]:
    """The closed set of event types, read from the shared event-types.md table."""
    table = (shared_dir() / "seed" / "event-types.md").read_text(encoding="utf-8")
    return set(re.findall(r"^\| `([a-z]+)` \|", table, flags=re.M))


ARTICLES = {split: read_gold_set(EVENTS / split) for split in SPLITS}
ALL = [(split, article) for split in SPLITS for article in ARTICLES[split]]


def test_both_halves_hold_enough_articles():
    assert len(ARTICLES["dev"]) >= 23 and len(ARTICLES["test"]) >= 23
    assert sum(len(ARTICLES[s]) for s in SPLITS) >= 46


def test_no_article_is_in_both_halves():
    names = [{a.name for a in ARTICLES[s]} for s in SPLITS]
    assert not names[0] & names[1]


def test_the_closed_type_set_is_read():
    assert {"coup", "defection", "escape", "statement", "other"} <= closed_types()


@pytest.mark.parametrize(("split", "article"), ALL, ids=lambda v: getattr(v, "name", v))
def test_gold_rows_are_well_formed_and_verbatim(split, article):
    types = closed_types()
    assert article.published, "every annotated article has a publication date"
    for number, row in enumerate(article.gold, start=2):
        where = f"{split}/{article.name} line {number}"
        gran = row["granularity"]
        assert gran in DATE_PATTERNS, f"{where}: granularity {gran!r}"
        assert DATE_PATTERNS[gran].fullmatch(row["date"]), f"{where}: date {row['date']!r}"
        padded = row["date"] + {"day": "", "month": "-01", "year": "-01-01"}[gran]
        dt.date.fromisoformat(padded)  # raises on an impossible date
        assert row["required"] in {"yes", "optional"}, where
        assert row["event_type"] in types, f"{where}: type {row['event_type']!r} not closed"
        assert row["quote"] and row["quote"] == row["quote"].strip(), where
        assert row["quote"] in article.text, f"{where}: quote not verbatim in the text"
