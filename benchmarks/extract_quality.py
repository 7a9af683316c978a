"""Score ``extract`` on the seed article and the hand-annotated dev and test halves.

    python benchmarks/extract_quality.py [--details] [--json]

Uses the project's own scorer (timeline.evaluate.events, the matching rule of
../shared/tools/score_events.py). The seed's gold lies in ../shared/seed/; the annotated
sets in tests/data/events/{dev,test}/ (see its README). ``--details`` lists the misses
and false positives of the seed and the dev half only: the test half is for reporting,
never for reading errors.
"""

from __future__ import annotations

import argparse
import csv
import json
from pathlib import Path

from timeline import extract
from timeline.evaluate.articles import shared_dir
from timeline.evaluate.events import EventScore, score_events
from timeline.evaluate.gold_sets import read_gold_set
from timeline.text.documents import read_document

REPO = Path(__file__).resolve().parents[1]
EVENTS = REPO / "tests" / "data" / "events"


def score_text(text: str, published: str, title: str, gold: list[dict]) -> EventScore:
    """Extract one article and score it against its gold rows."""
    frame = extract(text, published=published or None, title=title)
    return score_events(text, gold, frame.to_dict(orient="records"))


def source_of(name: str) -> str:
    """Which kind of text an annotated article is: our web copies, TempEval-3, Wikinews."""
    if name.startswith("written/"):
        return "web copies (ours)"
    return "TempEval-3 news" if "te3-platinum" in name else "Wikinews"


def print_details(score: EventScore) -> None:
    for line in score.missed:
        print("    missed:", line)
    for line in score.false_positives:
        print("    false positive:", line)
    for line in score.mistyped:
        print("    mistyped:", line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--details", action="store_true", help="seed and dev errors")
    parser.add_argument("--json", action="store_true", help="one JSON object of the figures")
    args = parser.parse_args()
    seed_doc = read_document(REPO / "data" / "myanmar-defections.txt")
    gold_path = shared_dir() / "seed" / "myanmar-defections.gold.csv"
    seed_gold = list(csv.DictReader(gold_path.open(encoding="utf-8")))
    seed = score_text(seed_doc.text, seed_doc.published, seed_doc.title, seed_gold)
    results = {"seed": seed}
    if args.details:
        print_details(seed)
    by_source: dict[str, EventScore] = {}
    for split in ("dev", "test"):
        total = None
        for article in read_gold_set(EVENTS / split):
            score = score_text(article.text, article.published, article.title, article.gold)
            total = score if total is None else total + score
            key = f"{split}/{source_of(article.name)}"
            by_source[key] = score if key not in by_source else by_source[key] + score
            if args.details and split == "dev":
                print(f"{split}/{article.name}: {score.summary()}")
                print_details(score)
        results[split] = total
    if args.json:
        print(json.dumps({k: v.as_dict() for k, v in results.items()}, indent=2))
        return
    print(f"{'set':6} {'articles':>8}  summary")
    counts = {"seed": 1, **{s: len(read_gold_set(EVENTS / s)) for s in ("dev", "test")}}
    for name, score in results.items():
        print(f"{name:6} {counts[name]:>8}  {score.summary()}")
    print("by source:")
    for name, score in sorted(by_source.items()):
        print(f"  {name:22} {score.summary()}")


if __name__ == "__main__":
    main()
