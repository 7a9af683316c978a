"""Run the timeline dashboard.

    python app.py [--store FILE] [--host H] [--port P] [--debug]
    python app.py --data DIR          # articles read into memory, no store

With no ``--store`` and no ``--data``, the articles of ``data/`` are ingested into
``data/timeline.duckdb`` (unchanged ones are skipped) and that store is served.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from timeline.corpus.store import DEFAULT_STORE
from timeline.dashboard import create_app
from timeline.text.documents import DocumentError

DEFAULT_ARTICLES = Path("data")

log = logging.getLogger("timeline.app")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Command-line flags."""
    parser = argparse.ArgumentParser(description="Serve the timeline dashboard.")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=8050, help="port to listen on")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--store", help="a DuckDB store made by `timeline ingest` to show")
    where.add_argument("--data", help="a directory of .txt articles, read into memory")
    parser.add_argument("--debug", action="store_true", help="Dash debug mode (local use only)")
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


def main(argv: list[str] | None = None) -> int:
    """Open the store (building the default one if needed), build the app and serve it."""
    args = parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    try:
        if args.data:
            app = create_app(data_dir=args.data)
        else:
            store = Path(args.store) if args.store else build_default_store()
            if args.store and not store.exists():
                raise DocumentError(f"{store}: no store here (run `timeline ingest` first)")
            app = create_app(store=store)
    except DocumentError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    app.run(host=args.host, port=args.port, debug=args.debug)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
