"""The ``evaluate`` command: ``evaluate te3 GOLD_DIR`` and ``evaluate semeval2015 DATA_DIR``.

``register(subparsers)`` adds the command to an argparse parser (the main CLI wires it
in); ``run(args)`` carries it out and returns the exit status.
"""

from __future__ import annotations

import argparse
import sys

from timeline.evaluate.taggers import TAGGER_NAMES


def register(subparsers) -> argparse.ArgumentParser:
    """Add ``evaluate`` with its ``te3`` and ``semeval2015`` subcommands to ``subparsers``."""
    parser = subparsers.add_parser(
        "evaluate", help="score against TempEval-3 or SemEval-2015 Task 4 gold data"
    )
    benchmarks = parser.add_subparsers(dest="benchmark", metavar="BENCHMARK", required=True)

    te3 = benchmarks.add_parser("te3", help="TempEval-3 Task A: timex extents, values, types")
    te3.add_argument("gold_dir", metavar="GOLD_DIR", help="directory of TimeML .tml files")
    te3.add_argument(
        "--errors", action="store_true", help="list misses, false positives and wrong values"
    )
    te3.add_argument(
        "--tagger",
        choices=TAGGER_NAMES,
        default="timeline",
        help="temporal tagger to score (default: ours, timeline.extraction.temporal.find_timexes)",
    )

    semeval = benchmarks.add_parser(
        "semeval2015", help="SemEval-2015 Task 4 TimeLine: build timelines and score them"
    )
    semeval.add_argument(
        "data_dir",
        metavar="DATA_DIR",
        help="SemEval_Task4_data (holding corpus_1..3), or a folder containing it",
    )
    semeval.add_argument(
        "--out", required=True, metavar="SYS_DIR", help="where system timelines are written"
    )
    semeval.add_argument(
        "--system",
        default="pipeline",
        help="timeline system: pipeline (the extractor with the target entities, default), "
        "baseline (entity strings + first verb), or package.module:callable",
    )
    semeval.add_argument(
        "--tagger",
        choices=("dct", *TAGGER_NAMES),
        default="dct",
        help="date tagger for the baseline's anchors (default: dct, every event at the DCT); "
        "the pipeline system always uses the extractor's own dates",
    )
    semeval.add_argument(
        "--score-only",
        action="store_true",
        help="score the timelines already in SYS_DIR instead of building them",
    )
    semeval.add_argument(
        "--per-entity", action="store_true", help="also print one row per target entity"
    )
    parser.set_defaults(handler=run)
    return parser


def run(args: argparse.Namespace) -> int:
    """Carry out ``evaluate``; print the scores and return 0, or an error and 2."""
    try:
        if args.benchmark == "te3":
            return _run_te3(args)
        if args.benchmark == "semeval2015":
            return _run_semeval2015(args)
    except (FileNotFoundError, RuntimeError, ValueError) as error:
        print(f"evaluate {args.benchmark}: {error}", file=sys.stderr)
        return 2
    raise ValueError(f"unknown benchmark {args.benchmark!r}")


def _run_te3(args: argparse.Namespace) -> int:
    from timeline.evaluate.taggers import load_tagger, tag_documents
    from timeline.evaluate.te3 import format_errors, format_report, score
    from timeline.evaluate.timeml import read_timeml_dir

    documents = read_timeml_dir(args.gold_dir)
    tagger = load_tagger(args.tagger)
    system, seconds = tag_documents(documents, tagger)
    report = score({doc.doc_id: doc.timexes for doc in documents}, system)
    print(f"TempEval-3 Task A, {len(documents)} documents, tagger {args.tagger}, {seconds:.1f} s")
    print(format_report(report))
    if args.errors:
        print()
        print(format_errors(report))
    return 0


def _run_semeval2015(args: argparse.Namespace) -> int:
    from timeline.evaluate.semeval2015 import (
        find_corpora,
        format_report,
        read_system,
        score_corpora,
    )
    from timeline.evaluate.semeval2015_run import build_timelines, load_system
    from timeline.evaluate.taggers import load_tagger

    corpora = find_corpora(args.data_dir)
    if args.score_only:
        print(f"SemEval-2015 Task 4 Track A, timelines read from {args.out}")
    else:
        tagger = None if args.tagger == "dct" else load_tagger(args.tagger)
        system = load_system(args.system, tagger=tagger)
        _, seconds = build_timelines(corpora, system, args.out)
        label = args.system + (f" (anchors: {args.tagger})" if args.system == "baseline" else "")
        print(f"SemEval-2015 Task 4 Track A, system {label}, {seconds:.1f} s -> {args.out}")
    system_timelines = {corpus.name: read_system(corpus, args.out) for corpus in corpora}
    print(format_report(score_corpora(corpora, system_timelines), per_entity=args.per_entity))
    return 0
