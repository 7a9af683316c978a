"""SemEval-2015 Task 4 Track A: sanity rows for the metric, the baseline, the extractor.

Rows: the gold timelines scored against themselves (must be 100), empty timelines (0),
the gold with every line moved to position 1 and its anchor blanked (about 0.37), then
the sentence/first-verb baseline with anchors from each named date tagger ("dct": every
event at the document creation time), then the extractor itself (the default system of
``python -m timeline evaluate semeval2015``), over all and per corpus. Published
references: best Track A system 7.85 F1, best Track B system 25.36 (Minard et al., 2015).

    python benchmarks/semeval_timeline.py [--data-dir DIR] [--taggers dct,timeline]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from timeline.evaluate.semeval2015 import (  # noqa: E402
    UNKNOWN_ANCHOR,
    Awareness,
    Timeline,
    TimelineLine,
    find_corpora,
    read_gold,
    read_system,
    score_corpora,
)
from timeline.evaluate.semeval2015_baseline import SentenceBaseline  # noqa: E402
from timeline.evaluate.semeval2015_pipeline import PipelineSystem  # noqa: E402
from timeline.evaluate.semeval2015_run import build_timelines  # noqa: E402
from timeline.evaluate.taggers import load_tagger  # noqa: E402

DEFAULT_DATA = REPO.parent / "shared" / "corpora" / "semeval2015-timeline"


def row(label: str, total: Awareness, seconds: float | None = None) -> str:
    """One line of the table, scores x 100."""
    time = f"{seconds:>9.1f}" if seconds is not None else f"{'':>9}"
    return (
        f"{label:<38}{100 * total.precision:>7.2f}{100 * total.recall:>7.2f}"
        f"{100 * total.f1:>7.2f}{time}"
    )


def main(argv: list[str] | None = None) -> int:
    """Print the sanity rows and one baseline row per anchor tagger."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--taggers", default="dct,timeline")
    args = parser.parse_args(argv)

    corpora = find_corpora(args.data_dir)
    gold = {corpus.name: read_gold(corpus) for corpus in corpora}
    print(f"SemEval-2015 Task 4, {sum(map(len, gold.values()))} target entities, micro x 100")
    print(f"{'system':<38}{'P':>7}{'R':>7}{'F1':>7}{'seconds':>9}")
    print(row("gold against itself (sanity)", score_corpora(corpora, gold).total))
    empty = {name: {e: Timeline(e) for e in timelines} for name, timelines in gold.items()}
    print(row("empty timelines (sanity)", score_corpora(corpora, empty).total))
    flat = {
        name: {
            entity: Timeline(
                tl.entity, [TimelineLine(1, UNKNOWN_ANCHOR, line.mentions) for line in tl.lines]
            )
            for entity, tl in timelines.items()
        }
        for name, timelines in gold.items()
    }
    print(row("gold flattened, unanchored (sanity)", score_corpora(corpora, flat).total))

    for name in args.taggers.split(","):
        label = f"baseline, anchors: {name}"
        try:
            tagger = None if name == "dct" else load_tagger(name)
        except (RuntimeError, ImportError, OSError) as error:
            print(f"{label:<38}not run: {error}")
            continue
        with tempfile.TemporaryDirectory() as out:
            _, seconds = build_timelines(corpora, SentenceBaseline(tagger=tagger), out)
            system = {corpus.name: read_system(corpus, out) for corpus in corpora}
            print(row(label, score_corpora(corpora, system).total, seconds))

    with tempfile.TemporaryDirectory() as out:
        _, seconds = build_timelines(corpora, PipelineSystem(), out)
        system = {corpus.name: read_system(corpus, out) for corpus in corpora}
        report = score_corpora(corpora, system)
        print(row("pipeline (the extractor, default)", report.total, seconds))
        for corpus in corpora:
            print(row(f"  pipeline, {corpus.name}", report.corpus_total(corpus.name)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
