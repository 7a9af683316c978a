"""The hand-annotated places (tests/data/places): well formed, verbatim, split like the
events, and the figures held above floors a little below today's."""

from __future__ import annotations

from pathlib import Path

import pytest

from timeline import extract
from timeline.evaluate.places import PlaceScore, read_place_rows, read_place_set, score_places
from timeline.text.documents import read_document

DATA = Path(__file__).resolve().parents[1] / "data"
PLACES = DATA / "places"
WRITTEN = DATA / "events" / "written"
SETS = {split: read_place_set(PLACES / split, WRITTEN) for split in ("dev", "test")}
#: Country-level accuracy measured by benchmarks/place_quality.py, less a margin.
FLOORS = {"dev": 0.88, "test": 0.78}


def test_dev_and_seed_hold_enough_annotated_events_and_no_article_is_in_both_halves():
    seed = read_place_rows(PLACES / "seed" / "myanmar-defections.places.csv")
    assert sum(len(a.gold) for a in SETS["dev"]) + len(seed) >= 100
    assert sum(1 for a in SETS["dev"] for row in a.gold if row["country"]) >= 40
    assert not {a.name for a in SETS["dev"]} & {a.name for a in SETS["test"]}


@pytest.mark.parametrize(
    "article", [a for split in SETS.values() for a in split], ids=lambda a: a.name
)
def test_place_rows_are_well_formed_and_verbatim(article):
    for row in article.gold:
        assert row["quote"] in article.text, row["quote"][:60]
        assert row["geo_precision"] in ("", "1", "2", "3")
        assert bool(row["country"]) == bool(row["geo_precision"]) == bool(row["location"])


@pytest.mark.parametrize("split", sorted(FLOORS))
def test_place_accuracy_stays_above_its_floor(split):
    total = PlaceScore()
    for article in SETS[split]:
        frame = extract(article.text, published=article.published or None, title=article.title)
        total = total + score_places(article.text, article.gold, frame.to_dict("records"))
    assert total.accuracy("country") >= FLOORS[split], total.summary()


def test_the_seed_places_are_read():
    document = read_document(DATA.parent.parent / "data" / "myanmar-defections.txt")
    rows = read_place_rows(PLACES / "seed" / "myanmar-defections.places.csv")
    assert all(row["quote"] in document.text for row in rows)
