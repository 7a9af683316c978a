"""Time ``extract(text)`` against a plain ``nlp(text)`` with spaCy's full pipeline.

The bar: extraction costs at most 1.0 of a full-pipeline parse of the
same text, in the same process. Both run warm (models loaded, one warm-up
call), alternately, and the median of the per-pair ratios is reported.

Placing events (timeline.extraction.places: finding place names, reading their roles,
the gazetteer look-ups) is timed inside the same extract calls; the bar for it is at
most 10% of extraction time.

    python benchmarks/extract_speed.py [--runs 31] [--text data/myanmar-defections.txt]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import spacy

from timeline import extract
from timeline.extraction.nlp import model_name
from timeline.extraction.places import PlaceFinder
from timeline.text.documents import read_document


def paired_seconds(first, second, runs: int) -> tuple[list[float], list[float]]:
    """Wall times of ``first()`` and ``second()``, run alternately so that drift in the
    machine's speed (other processes, clock changes) touches both alike; one warm-up each."""
    first()
    second()
    a, b = [], []
    for _ in range(runs):
        for function, times in ((first, a), (second, b)):
            start = time.perf_counter()
            function()
            times.append(time.perf_counter() - start)
    return a, b


class PlacingClock:
    """Seconds spent in placing (PlaceFinder's set-up and its ``place`` calls)."""

    def __init__(self) -> None:
        self.seconds = 0.0
        for name in ("__init__", "place"):
            setattr(PlaceFinder, name, self._timed(getattr(PlaceFinder, name)))

    def _timed(self, function):
        def timed(*args, **kwargs):
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.seconds += time.perf_counter() - start

        return timed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=31)
    parser.add_argument(
        "--text", default=str(Path(__file__).parents[1] / "data" / "myanmar-defections.txt")
    )
    args = parser.parse_args()
    document = read_document(args.text)
    full = spacy.load(model_name())
    extract(document.text, published=document.published)  # opens (or builds) the gazetteer
    clock = PlacingClock()
    full_times, extract_times = paired_seconds(
        lambda: full(document.text),
        lambda: extract(document.text, published=document.published),
        args.runs,
    )
    full_seconds = statistics.median(full_times)
    extract_seconds = statistics.median(extract_times)
    ratio = statistics.median(e / f for e, f in zip(extract_times, full_times, strict=True))
    print(f"text: {args.text} ({len(document.text):,} characters), model {model_name()}")
    print(f"full pipeline nlp(text): {full_seconds * 1000:7.1f} ms (median of {args.runs})")
    print(f"extract(text):           {extract_seconds * 1000:7.1f} ms (median of {args.runs})")
    print(f"ratio extract / nlp:     {ratio:7.2f}  (median of paired runs; bar: <= 1.0)")
    placing = clock.seconds / (args.runs + 1)  # the runs and paired_seconds' warm-up
    share = placing / statistics.mean(extract_times)
    print(f"placing inside extract:  {placing * 1000:7.1f} ms a call (mean)")
    print(f"placing / extract:       {share:7.1%}  (bar: <= 10%)")


if __name__ == "__main__":
    main()
