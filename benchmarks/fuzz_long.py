"""The long fuzzing run: ``tests/test_fuzz.py`` with many more generated articles.

    python benchmarks/fuzz_long.py [--examples 20000] [--seed N]

CI runs 2,000 articles per run; this runs the same properties with ``--examples`` (the
three smaller properties get a tenth each). Hypothesis prints a reproducing example and
blob on any failure.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=20_000)
    parser.add_argument("--seed", type=int, help="hypothesis seed (default: random)")
    args = parser.parse_args(argv)
    env = dict(os.environ, TIMELINE_FUZZ_EXAMPLES=str(args.examples))
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_fuzz.py"]
    if args.seed is not None:
        command.append(f"--hypothesis-seed={args.seed}")
    started = time.monotonic()
    status = subprocess.run(command, cwd=REPO, env=env).returncode
    total = args.examples + 3 * max(1, args.examples // 10)
    print(f"{total} generated cases in {time.monotonic() - started:.0f} s, exit status {status}")
    return status


if __name__ == "__main__":
    sys.exit(main())
