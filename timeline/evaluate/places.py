"""Scoring the places of extracted events against hand-annotated places.

A place gold file (``tests/data/places/<split>/<article>.places.csv``) has the columns
``person,date,quote,location,admin1,country,geo_precision``: one row per annotated event
(the person, date and quote of its event gold row) with the place a careful reader gives
it, or empty place columns when the text gives none. Alternatives are separated by ``|``.

An extracted event matches a gold row as in ``timeline.evaluate.events`` (same person,
same date at the extracted granularity, overlapping quote), each event one row at most,
in the gold file's order. For each matched row:

* country level: the country is right (an event without a place must have none);
* region level: the country is right and so is the first-level region, when the gold
  row names one;
* town level: the region level is right and so is the location.

>>> gold = [{"person": "Jane Roe", "date": "2021-05-03", "quote": "She was held in Tamu.",
...          "location": "Tamu", "admin1": "Sagaing", "country": "Myanmar", "geo_precision": "1"}]
>>> event = {"person": "Jane Roe", "date": "2021-05-03", "granularity": "day", "start": 0,
...          "end": 21, "location": "Tamu", "admin1": "Sagaing", "country": "Myanmar",
...          "geo_precision": 1}
>>> score = score_places("She was held in Tamu.", gold, [event])
>>> score.country, score.region, score.town, score.matched
(1, 1, 1, 1)
"""

from __future__ import annotations

import csv
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from timeline.evaluate.articles import read_corpus_article, shared_dir
from timeline.evaluate.events import _date_key, _person_key, _span
from timeline.text.documents import read_document

PLACE_SUFFIX = ".places.csv"
PLACE_HEADER = ["person", "date", "quote", "location", "admin1", "country", "geo_precision"]


@dataclass
class PlaceScore:
    """Counts of right answers at each level over the gold rows whose event was found."""

    rows: int = 0
    matched: int = 0
    country: int = 0
    region: int = 0
    town: int = 0
    precision: int = 0
    placed_rows: int = 0
    placed_matched: int = 0
    errors: list[str] = field(default_factory=list)

    def __add__(self, other: PlaceScore) -> PlaceScore:
        numbers = [a + b for a, b in zip(self._numbers(), other._numbers(), strict=True)]
        return PlaceScore(*numbers, errors=self.errors + other.errors)

    def _numbers(self) -> list[int]:
        return [self.rows, self.matched, self.country, self.region, self.town, self.precision,
                self.placed_rows, self.placed_matched]  # fmt: skip

    def accuracy(self, level: str) -> float:
        """Right answers at ``level`` (country, region, town, precision) over matched rows."""
        return getattr(self, level) / self.matched if self.matched else 0.0

    def as_dict(self) -> dict:
        """The figures and counts, for JSON."""
        levels = ("country", "region", "town", "precision")
        figures = {level: round(self.accuracy(level), 4) for level in levels}
        counts = {"rows": self.rows, "matched": self.matched, "placed_rows": self.placed_rows}
        return figures | counts

    def summary(self) -> str:
        """One line: the three levels, the precision agreement and the counts."""
        return (
            f"country={self.accuracy('country'):.3f} region={self.accuracy('region'):.3f} "
            f"town={self.accuracy('town'):.3f} precision={self.accuracy('precision'):.3f} "
            f"(matched {self.matched}/{self.rows} rows, {self.placed_rows} with a place)"
        )


def fold(text: object) -> str:
    """Case, accents and spacing folded for comparison."""
    plain = unicodedata.normalize("NFKD", str(text or "")).encode("ascii", "ignore").decode()
    return " ".join(plain.replace("-", " ").casefold().split())


def _agrees(gold: str, found: object) -> bool:
    return fold(found) in {fold(g) for g in gold.split("|")}


def score_places(text: str, gold: Iterable[Mapping], extracted: Iterable[Mapping]) -> PlaceScore:
    """Score the places of extracted event rows against place gold rows of one text."""
    events = [dict(row) for row in extracted]
    spans = [_span(text, e.get("quote", ""), e.get("start"), e.get("end")) for e in events]
    result = PlaceScore()
    used: set[int] = set()
    for row in gold:
        span = _span(text, row["quote"])
        if span is None:
            raise ValueError(f"place gold quote not found in the text: {row['quote'][:60]!r}")
        result.rows += 1
        placed = bool(row["country"])
        result.placed_rows += placed
        people = [_person_key(p) for p in (row["person"] or "").split("|")]
        found = None
        for index, (event, event_span) in enumerate(zip(events, spans, strict=True)):
            if index in used:
                continue  # one extracted event answers one gold row
            date = _date_key(str(event.get("date", "")), str(event.get("granularity", "")))
            person_ok = "" in people or _person_key(str(event.get("person", ""))) in people
            if date == row["date"] and person_ok and event_span and _overlap(event_span, span):
                found = event
                used.add(index)
                break
        if found is None:
            continue
        result.matched += 1
        result.placed_matched += placed
        country = _agrees(row["country"], found.get("country", ""))
        region = country and (not row["admin1"] or _agrees(row["admin1"], found.get("admin1")))
        town = region and (not row["location"] or _agrees(row["location"], found.get("location")))
        result.country += country
        result.region += region
        result.town += town
        result.precision += _same_precision(row["geo_precision"], found.get("geo_precision"))
        if not town:
            result.errors.append(
                f"{row['person']}|{row['date']}: gold {row['location'] or '-'} / "
                f"{row['admin1'] or '-'} / {row['country'] or '-'}, found "
                f"{found.get('location') or '-'} / {found.get('admin1') or '-'} / "
                f"{found.get('country') or '-'}"
            )
    return result


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _same_precision(gold: str, found: object) -> bool:
    try:
        value = int(found)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        value = None
    return (str(value) if value is not None else "") == (gold or "")


@dataclass(frozen=True)
class PlaceArticle:
    """One article with annotated places: its text, publication date, title and rows."""

    name: str
    text: str
    published: str
    title: str
    gold: list[dict]


def read_place_rows(path: Path) -> list[dict]:
    """The rows of one place gold CSV (header checked)."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames != PLACE_HEADER:
            raise ValueError(f"{path}: header {reader.fieldnames}, expected {PLACE_HEADER}")
        return list(reader)


def read_place_set(folder: Path, written: Path, shared: Path | None = None) -> list[PlaceArticle]:
    """Every annotated article of a split folder, in sorted order; ``written`` holds our
    own articles (``<slug>.txt``), other names are paths under the shared folder."""
    shared = shared or shared_dir()
    articles = []
    for path in sorted(folder.rglob("*" + PLACE_SUFFIX)):
        name = path.relative_to(folder).as_posix()[: -len(PLACE_SUFFIX)]
        if name.startswith("written/"):
            document = read_document(written / (name.removeprefix("written/") + ".txt"))
            text, published, title = document.text, document.published, document.title
        else:
            article = read_corpus_article(name, shared)
            text, published, title = article.text, article.published, article.title
        articles.append(PlaceArticle(name, text, published, title, read_place_rows(path)))
    return articles
