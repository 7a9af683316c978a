"""Score the places ``extract`` gives events on the seed and the annotated dev and test halves.

    python benchmarks/place_quality.py [--details] [--json]

Gold places lie in tests/data/places/{seed,dev,test}/ (see its README); the scorer is
timeline.evaluate.places: accuracy at country, region and town level over the annotated
events that extraction found, an event without a place counting as right only when
none is given. ``--details`` lists the wrong places of the seed and the dev half only:
the test half is for reporting, never for reading errors.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from timeline import extract
from timeline.evaluate.places import PlaceScore, read_place_rows, read_place_set, score_places
from timeline.text.documents import read_document

REPO = Path(__file__).resolve().parents[1]
PLACES = REPO / "tests" / "data" / "places"
WRITTEN = REPO / "tests" / "data" / "events" / "written"


def score_text(text: str, published: str, title: str, gold: list[dict]) -> PlaceScore:
    """Extract one article and score its places."""
    frame = extract(text, published=published or None, title=title)
    return score_places(text, gold, frame.to_dict(orient="records"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--details", action="store_true", help="seed and dev errors")
    parser.add_argument("--json", action="store_true", help="one JSON object of the figures")
    args = parser.parse_args()
    seed_doc = read_document(REPO / "data" / "myanmar-defections.txt")
    seed_gold = read_place_rows(PLACES / "seed" / "myanmar-defections.places.csv")
    results = {"seed": score_text(seed_doc.text, seed_doc.published, seed_doc.title, seed_gold)}
    if args.details:
        print("seed:", *results["seed"].errors, sep="\n    ")
    for split in ("dev", "test"):
        total = PlaceScore()
        for article in read_place_set(PLACES / split, WRITTEN):
            score = score_text(article.text, article.published, article.title, article.gold)
            total = total + score
            if args.details and split == "dev" and score.errors:
                print(f"{split}/{article.name}:", *score.errors, sep="\n    ")
        results[split] = total
    if args.json:
        print(json.dumps({k: v.as_dict() for k, v in results.items()}, indent=2))
        return
    for name, score in results.items():
        print(f"{name:5} {score.summary()}")


if __name__ == "__main__":
    main()
