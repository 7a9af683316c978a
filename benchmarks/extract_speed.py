"""Time ``extract(text)`` against a plain ``nlp(text)`` with spaCy's full pipeline.

The issue's bar: extraction costs at most 0.75 of a full-pipeline parse of the
same text, in the same process. Both run warm (models loaded, one warm-up
call), and the median of several runs is compared.

    python benchmarks/extract_speed.py [--runs 15] [--text data/myanmar-defections.txt]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import spacy

from timeline import extract
from timeline.documents import read_document
from timeline.nlp import model_name


def median_seconds(function, runs: int) -> float:
    """Median wall time of ``function()`` over ``runs`` calls, after one warm-up call."""
    function()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument(
        "--text", default=str(Path(__file__).parents[1] / "data" / "myanmar-defections.txt")
    )
    args = parser.parse_args()
    document = read_document(args.text)
    full = spacy.load(model_name())
    full_seconds = median_seconds(lambda: full(document.text), args.runs)
    extract_seconds = median_seconds(
        lambda: extract(document.text, published=document.published), args.runs
    )
    ratio = extract_seconds / full_seconds
    print(f"text: {args.text} ({len(document.text):,} characters), model {model_name()}")
    print(f"full pipeline nlp(text): {full_seconds * 1000:7.1f} ms (median of {args.runs})")
    print(f"extract(text):           {extract_seconds * 1000:7.1f} ms (median of {args.runs})")
    print(f"ratio extract / nlp:     {ratio:7.2f}  (bar: <= 0.75)")


if __name__ == "__main__":
    main()
