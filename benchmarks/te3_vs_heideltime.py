"""Our temporal tagger beside HeidelTime and two baselines on TempEval-3 platinum (Task A).

Every tagger gets each document's text and creation time, and every row is scored by the
same scorer (timeline.evaluate.te3). HeidelTime needs ``pip install -r
requirements-bench.txt`` and Java; a tagger that cannot run prints why instead of a row.

    python benchmarks/te3_vs_heideltime.py [--gold-dir DIR] [--taggers timeline,heideltime]
        [--by-type]

``--by-type`` adds one row per TIMEX3 type (gold and system both cut to that type, as
the scorer's "DATE only" row does), relaxed and value F1 only: figures, never errors.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from timeline.evaluate.taggers import TAGGER_NAMES, load_tagger, tag_documents  # noqa: E402
from timeline.evaluate.te3 import Counts, score, score_document  # noqa: E402
from timeline.evaluate.timeml import read_timeml_dir  # noqa: E402

TYPES = ("DATE", "TIME", "DURATION", "SET")
DEFAULT_GOLD = REPO.parent / "shared" / "corpora" / "te3-platinum"
LABELS = {
    "timeline": "timeline (ours)",
    "heideltime": "HeidelTime",
    "dateparser": "dateparser.search_dates",
    "spacy": "spaCy DATE/TIME + dateparser",
}


def type_counts(gold: dict, system: dict, timex_type: str) -> Counts:
    """Scorer counts with gold and system timexes both cut to one TIMEX3 type."""
    total = Counts()
    for doc_id, timexes in gold.items():
        result = score_document(
            doc_id,
            [t for t in timexes if t.type == timex_type],
            [t for t in system.get(doc_id, []) if t.type == timex_type],
        )
        total = total + result.counts()
    return total


def main(argv: list[str] | None = None) -> int:
    """Score each tagger and print one row per tagger."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold-dir", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--taggers", default=",".join(TAGGER_NAMES))
    parser.add_argument("--by-type", action="store_true", help="a row per TIMEX3 type")
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
        if args.by_type:
            for timex_type in TYPES:
                counts = type_counts(gold, system, timex_type)
                kinds = counts.scores()
                print(
                    f"  {timex_type:<12}gold {counts.gold:>4} system {counts.system:>4}"
                    f"   relaxed F1 {kinds['relaxed'][2]:.3f}   value F1 {kinds['value'][2]:.3f}"
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
