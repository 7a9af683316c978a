"""``python -m timeline.evaluate BENCHMARK ...``: the evaluate command on its own."""

from __future__ import annotations

import argparse
import sys

from timeline.evaluate.command import register, run


def main(argv: list[str] | None = None) -> int:
    """Parse ``argv`` as the arguments of ``timeline evaluate`` and run it."""
    parser = argparse.ArgumentParser(prog="python -m timeline")
    register(parser.add_subparsers(dest="command", required=True))
    return run(parser.parse_args(["evaluate", *(sys.argv[1:] if argv is None else argv)]))


if __name__ == "__main__":
    sys.exit(main())
