"""Score ``extract`` on the seed article and the hand-annotated dev set.

    python benchmarks/extract_quality.py [--details]

Uses the project's own scorer (timeline.evaluate.events, the matching rule of
../shared/tools/score_events.py). The seed's gold lies in ../shared/seed/; the
dev set (six Wikinews articles) in tests/data/dev/.
"""

from __future__ import annotations

import argparse
import csv
import os
from pathlib import Path

from timeline import extract
from timeline.evaluate.events import EventScore, score_events
from timeline.text.documents import read_document

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("TIMELINE_SHARED", REPO.parent / "shared"))


def score_file(text_path: Path, gold_path: Path) -> EventScore:
    """Extract one article and score it against its gold CSV."""
    document = read_document(text_path)
    gold = list(csv.DictReader(gold_path.open(encoding="utf-8")))
    frame = extract(document.text, published=document.published or None)
    return score_events(document.text, gold, frame.to_dict(orient="records"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--details", action="store_true", help="list misses and false positives")
    args = parser.parse_args()
    seed = score_file(
        REPO / "data" / "myanmar-defections.txt", SHARED / "seed" / "myanmar-defections.gold.csv"
    )
    print(f"{'seed (myanmar-defections)':40} {seed.summary()}")
    total = None
    for text_path in sorted((REPO / "tests" / "data" / "dev").glob("*.txt")):
        score = score_file(text_path, text_path.with_suffix(".gold.csv"))
        total = score if total is None else total + score
        print(f"{'dev/' + text_path.stem:40} {score.summary()}")
        if args.details:
            for line in score.missed:
                print("    missed:", line)
            for line in score.false_positives:
                print("    false positive:", line)
    if total is not None:
        print(f"{'dev set, micro-averaged':40} {total.summary()}")


if __name__ == "__main__":
    main()
