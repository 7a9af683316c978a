"""Serving the dashboard from the command line: ``timeline serve`` and ``python app.py``.

    timeline serve [--store FILE] [--host H] [--port P] [--debug]
                   [--read-only | --editors FILE | --mode open|editors|read-only]
    timeline serve --data DIR         # articles read into memory, no store
    timeline editor NAME >> editors   # a line for the editors file (asks the password)

With no ``--store`` and no ``--data``, the articles of ``data/`` are ingested into
``data/timeline.duckdb`` (unchanged ones are skipped) and that store is served. Who may
change the timeline is ``access.configured_access``'s answer: on 127.0.0.1 whoever runs
it; served to others, editors who sign in, or no one.

``register(subparsers)`` adds the command to the main command line; ``main(argv)`` runs it
on its own, as ``app.py`` does. Dash is imported only when the server starts, so the other
commands never pay for it.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from timeline.corpus.store import DEFAULT_STORE
from timeline.text.documents import DocumentError

if TYPE_CHECKING:
    from dash import Dash

DEFAULT_ARTICLES = Path("data")

log = logging.getLogger("timeline.app")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The flags of ``timeline serve`` and ``python app.py``: where to listen, what to show."""
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=8050, help="port to listen on")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--store", help="a DuckDB store made by `timeline ingest` to show")
    where.add_argument("--data", help="a directory of .txt articles, read into memory")
    parser.add_argument("--debug", action="store_true", help="Dash debug mode (local use only)")
    who = parser.add_mutually_exclusive_group()
    who.add_argument(
        "--read-only",
        action="store_const",
        const="read-only",
        dest="mode",
        help="no one may add articles or correct events; the page says so",
    )
    who.add_argument(
        "--mode",
        choices=("open", "editors", "read-only"),
        help="who may change the timeline: anyone (open), editors who sign in, or no one "
        "(default: open on 127.0.0.1; served to others, editors when named, else read-only)",
    )
    parser.add_argument(
        "--editors",
        metavar="FILE",
        help="editors who sign in to add and correct: 'name:password-hash' lines "
        "(`timeline editor NAME` makes one; default $TIMELINE_EDITORS, or one editor "
        "named 'editor' with the password $TIMELINE_EDITOR_PASSWORD)",
    )


def register(subparsers) -> None:
    """Add ``serve`` to an argparse subparsers object (the main command line)."""
    parser = subparsers.add_parser(
        "serve",
        help="serve the dashboard",
        description=(
            "Serve the timeline dashboard. With no --store and no --data, the articles of "
            "data/ are ingested into data/timeline.duckdb and that store is served."
        ),
    )
    add_arguments(parser)
    parser.set_defaults(handler=run)
    editor = subparsers.add_parser(
        "editor",
        help="print a line for the editors file of `timeline serve --editors`",
        description=(
            "Ask for a password (twice on a terminal; one line on standard input otherwise) "
            "and print NAME:HASH, a salted hash of it, for the editors file."
        ),
    )
    editor.add_argument("name", help="the editor's name, as the audit trail will show it")
    editor.set_defaults(handler=run_editor)


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """The flags of ``python app.py``."""
    parser = argparse.ArgumentParser(description="Serve the timeline dashboard.")
    add_arguments(parser)
    return parser.parse_args(argv)


def build_default_store(articles: Path = DEFAULT_ARTICLES, store: Path = DEFAULT_STORE) -> Path:
    """Ingest the articles of ``articles`` into ``store`` (unchanged ones skipped)."""
    from timeline.corpus.ingest import ingest

    report = ingest([articles], store)
    for failure in report.failed:
        log.warning("%s", failure.reason)
    log.info(
        "store %s: %d documents stored, %d unchanged",
        store,
        len(report.stored),
        len(report.unchanged),
    )
    return store


def create_app(**options: object) -> Dash:
    """``timeline.dashboard.create_app``, imported on first use (it loads Dash and plotly)."""
    from timeline.dashboard.application import create_app as build

    return build(**options)


def run(args: argparse.Namespace) -> int:
    """Open the store (building the default one if needed), build the app and serve it;
    a missing store, unreadable articles or a bad editors file raise ``DocumentError``."""
    from timeline.dashboard.access import configured_access

    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    mode = getattr(args, "mode", None)
    access, warning = configured_access(mode, getattr(args, "editors", None), args.host)
    if warning:
        log.warning("%s", warning)
    log.info("who may change the timeline: %s", access.mode)
    if args.data:
        app = create_app(data_dir=args.data, access=access)
    else:
        store = Path(args.store) if args.store else None
        if store is not None and not store.exists():
            raise DocumentError(f"{store}: no store here (run `timeline ingest` first)")
        app = create_app(store=store or build_default_store(), access=access)
    app.run(host=args.host, port=args.port, debug=args.debug)
    return 0


def run_editor(args: argparse.Namespace) -> int:
    """Print a line of the editors file for ``args.name``, asking for the password."""
    import getpass

    from timeline.dashboard.access import password_line

    if sys.stdin.isatty():
        password = getpass.getpass(f"password for {args.name}: ")
        if getpass.getpass("again: ") != password:
            raise DocumentError("the two passwords differ; nothing was printed")
    else:
        password = sys.stdin.readline().rstrip("\n")
    print(password_line(args.name, password))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """``python app.py``: serve, or say in one line why not (exit status 2)."""
    try:
        return run(parse_args(argv))
    except DocumentError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
