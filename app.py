"""Run the timeline dashboard: ``python app.py [--host H] [--port P] [--data DIR] [--debug]``."""

from __future__ import annotations

import argparse
import logging

from timeline.dashboard import create_app


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Command-line flags."""
    parser = argparse.ArgumentParser(description="Serve the timeline dashboard.")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=8050, help="port to listen on")
    parser.add_argument("--data", default="data", help="directory of .txt articles to show")
    parser.add_argument("--debug", action="store_true", help="Dash debug mode (local use only)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    """Read the articles, build the app and serve it."""
    args = parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    app = create_app(data_dir=args.data)
    app.run(host=args.host, port=args.port, debug=args.debug)


if __name__ == "__main__":
    main()
