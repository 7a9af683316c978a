"""The corpus commands: ``timeline ingest`` into the store and ``timeline export`` from it.

``register(subparsers)`` adds both to the main command line. Until that is wired,
``python -m timeline.corpus.commands ingest ...`` runs them on their own.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from timeline.corpus.engines import ENGINES, EngineError
from timeline.corpus.store import DEFAULT_STORE
from timeline.output.destination import write_output
from timeline.text.documents import DocumentError

EXPORT_FORMATS = ("csv", "json", "timelinejs", "ics", "acled", "geojson")
EXIT_FAILED_DOCUMENTS = 1
EXIT_BAD_INPUT = 2


def register(subparsers) -> None:
    """Add the ``ingest`` and ``export`` subcommands to an argparse subparsers object."""
    ingest = subparsers.add_parser(
        "ingest",
        help="extract the events of many articles into the store",
        description=(
            "Read .txt (optional front matter), .jsonl and .html files, or folders of them; "
            "store each document with its events. Unchanged documents are skipped, changed "
            "ones replace their old events. Exit status 1 when any document failed."
        ),
    )
    ingest.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
    ingest.add_argument("--store", default=str(DEFAULT_STORE), metavar="FILE", help="DuckDB file")
    ingest.add_argument(
        "--workers",
        type=_positive,
        default=1,
        metavar="N",
        help="extract in N processes, or N Dask workers on a local cluster (1)",
    )
    ingest.add_argument("--model", help="spaCy model to load")
    ingest.add_argument(
        "--engine",
        choices=ENGINES,
        default="local",
        help="extract on this machine (local) or on a Dask cluster (dask); default local",
    )
    ingest.add_argument(
        "--scheduler",
        metavar="tcp://HOST:PORT",
        help="with --engine dask: use this cluster instead of starting a local one",
    )
    ingest.add_argument(
        "--parquet",
        metavar="DIR",
        help="with --engine dask: the events' Parquet dataset (default: beside the store)",
    )
    ingest.set_defaults(handler=run_ingest)

    export = subparsers.add_parser(
        "export",
        help="write the events of the store as csv, json, TimelineJS, iCalendar, ACLED or GeoJSON",
        description=(
            "Every stored event, in date order, in one file. acled: ACLED's columns for the "
            "dated events with a place (docs/acled.md); geojson: the events with a point."
        ),
    )
    export.add_argument("--store", default=str(DEFAULT_STORE), metavar="FILE", help="DuckDB file")
    export.add_argument("--format", choices=EXPORT_FORMATS, default="csv", help="(csv)")
    export.add_argument("--output", "-o", metavar="FILE", help="write to FILE instead of stdout")
    export.add_argument(
        "--merged",
        action="store_true",
        help="one event per happening with all its sources (merged across documents)",
    )
    export.add_argument(
        "--audit",
        action="store_true",
        help="the audit trail instead: every correction, hide, undo and added article, "
        "with who made it and when (csv or json)",
    )
    export.set_defaults(handler=run_export)


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return number


def run_ingest(args: argparse.Namespace) -> int:
    """Ingest the given paths; list failed documents with their reasons at the end."""
    from timeline.corpus.ingest import ingest, print_progress

    try:
        report = ingest(
            args.paths,
            args.store,
            workers=args.workers,
            model=args.model,
            progress=print_progress,
            engine=args.engine,
            scheduler=args.scheduler,
            parquet_dir=args.parquet,
        )
    except EngineError as error:
        print(f"timeline: error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    print(
        f"ingest: {len(report.stored)} stored ({report.events} events), "
        f"{len(report.unchanged)} unchanged, {len(report.failed)} failed -> {args.store}",
        file=sys.stderr,
    )
    for failure in report.failed:
        print(f"failed: {failure.reason}", file=sys.stderr)
    return EXIT_FAILED_DOCUMENTS if report.failed else 0


def run_export(args: argparse.Namespace) -> int:
    """Write every stored event (or merged event, with ``--merged``; or the audit trail,
    with ``--audit``) in the chosen format."""
    if getattr(args, "audit", False):
        text = _audit_text(args)
    elif getattr(args, "merged", False):
        text = _merged_text(args)
    else:
        text = _events_text(args)
    text = text if text.endswith("\n") else text + "\n"
    write_output(text, args.output)
    return 0


def _events_text(args: argparse.Namespace) -> str:
    from timeline.corpus.corrections import corrected_events

    frame = corrected_events(args.store)
    if args.format == "ics":
        from timeline.output.ical import to_ics

        return to_ics(frame)
    if args.format in PLACE_FORMATS:
        return _place_text(frame, args.format)
    from timeline.output.export import export_events

    return export_events(frame, args.format)


def _audit_text(args: argparse.Namespace) -> str:
    """The audit trail, oldest first: CSV through the one CSV writer, or JSON."""
    import json
    from pathlib import Path

    from timeline.corpus.corrections import load_audit
    from timeline.output.export import write_csv

    if args.format not in ("csv", "json"):
        raise DocumentError(f"--audit is written as csv or json, not {args.format}")
    if not Path(args.store).exists():
        raise DocumentError(f"{args.store}: no store here (run `timeline ingest` first)")
    frame = load_audit(args.store)
    frame["changed_at"] = frame["changed_at"].astype(str)
    if args.format == "csv":
        return write_csv(frame)
    records = frame.astype(object).where(frame.notna(), None).to_dict("records")
    return json.dumps(records, ensure_ascii=False, indent=1)


def _merged_text(args: argparse.Namespace) -> str:
    """Merged afresh from the corrected events, so corrections made since ingest count."""
    from timeline.corpus.corrections import corrected_events
    from timeline.corpus.merge import merge_events

    frame = merge_events(corrected_events(args.store))
    if args.format == "ics":
        from timeline.output.ical import merged_to_ics

        return merged_to_ics(frame)
    if args.format in PLACE_FORMATS:
        return _place_text(frame, args.format)
    from timeline.output.export import export_merged

    return export_merged(frame, args.format)


#: Formats written from the place columns alone (one row per event or merged event).
PLACE_FORMATS = ("acled", "geojson")


def _place_text(frame, fmt: str) -> str:
    if fmt == "acled":
        from timeline.output.acled import to_acled_csv

        return to_acled_csv(frame)
    from timeline.output.geojson import geojson_text

    return geojson_text(frame)


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``ingest`` or ``export`` alone (the main ``timeline`` command does the same)."""
    parser = argparse.ArgumentParser(prog="timeline")
    register(parser.add_subparsers(dest="command", required=True, metavar="COMMAND"))
    args = parser.parse_args(argv)
    try:
        return args.handler(args)
    except DocumentError as error:
        print(f"timeline: error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT


if __name__ == "__main__":
    sys.exit(main())
