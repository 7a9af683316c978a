"""Time ``merge_events`` on synthetic event tables of many documents.

    python benchmarks/merge_speed.py [--events 100000 1000000] [--rounds 1]

Each synthetic happening (a person, a type, a date) is told by one to five sources, as wire
stories are copied by other sites: the sources write the person with or without a rank or
with a doubled letter, use a compatible type, give the day or only the month, and one in
twenty gives the next day with the same words (a conflict). About one event in seven has no
named person. Targets on this machine: 100k events in <= 2 s, 1M in <= 20 s (wall time;
CPU time is printed too, as it says more when other work shares the machine).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from timeline.corpus.merge import merge_events
from timeline.output.schema import EVENT_COLUMNS, NO_PLACE

TARGET_SECONDS = {100_000: 2.0, 1_000_000: 20.0}
SYLLABLES = ["aung", "kyaw", "min", "tun", "aye", "htet", "zaw", "soe", "lin", "naing", "thein"]
SYLLABLES += ["maria", "jose", "anna", "peter", "ruiz", "smith", "okafor", "ngozi", "lena", "ivan"]
TYPES = ["defection", "desertion", "arrest", "release", "statement", "attack", "trial"]
TYPES += ["sentence", "protest", "meeting", "visit", "appointment", "resignation", "escape"]
WORDS = [
    "army",
    "valley",
    "control",
    "lose",
    "prison",
    "court",
    "village",
    "border",
    "camp",
    "police",
    "crowd",
    "rally",
]
WORDS += [
    "soldiers",
    "officer",
    "battalion",
    "checkpoint",
    "lawyer",
    "family",
    "hospital",
    "river",
    "town",
    "night",
]


def synthetic_events(count: int, seed: int = 7) -> pd.DataFrame:
    """An event table of about ``count`` rows: happenings told by 1-5 sources each."""
    rng = np.random.default_rng(seed)
    happenings = count // 3
    people = max(happenings // 20, 10)
    first = rng.integers(0, len(SYLLABLES), people)
    second = rng.integers(0, len(SYLLABLES), people)
    third = rng.integers(0, len(SYLLABLES), people)
    names = np.array(
        [
            f"{SYLLABLES[a].title()} {SYLLABLES[b].title()} {SYLLABLES[c].title()}"
            for a, b, c in zip(first, second, third, strict=True)
        ]
    )
    weights = 1.0 / (np.arange(people) + 50.0)  # a few busy people, a long tail
    who = rng.choice(people, happenings, p=weights / weights.sum())
    person = np.where(rng.random(happenings) < 0.15, "", names[who])
    kind = rng.integers(0, len(TYPES), happenings)
    day = rng.integers(0, 20 * 365, happenings)
    story = [" ".join(rng.choice(WORDS, 8)) for _ in range(happenings)]

    sources = rng.integers(1, 6, happenings)
    h = np.repeat(np.arange(happenings), sources)[:count]
    n = len(h)
    variant = rng.random(n)
    written = person[h].astype(object)
    titled = (variant < 0.2) & (written != "")
    written[titled] = "Captain " + written[titled]
    doubled = (variant > 0.9) & (written != "")
    written[doubled] = [name + name[-1] for name in written[doubled]]
    types = np.array(TYPES)[kind[h]]
    swap = (types == "defection") & (rng.random(n) < 0.3)
    types[swap] = "desertion"

    conflict = rng.random(n) < 0.05
    days = (np.datetime64("2000-01-01") + day[h] + conflict).astype("datetime64[D]")
    iso = np.datetime_as_string(days)
    monthly = (rng.random(n) < 0.1) & ~conflict
    month_first = days.astype("datetime64[M]").astype("datetime64[D]")
    month_last = (days.astype("datetime64[M]") + 1).astype("datetime64[D]") - 1
    date = np.where(monthly, iso.astype("<U7"), iso)
    docs = np.char.add("doc", (np.arange(n) * 7919 % max(n // 4, 1)).astype(str))
    frame = pd.DataFrame(
        {
            "doc_id": docs,
            "event_id": np.char.add("e", np.arange(n).astype(str)),
            "person": written.astype(str),
            "event_type": types,
            "date": date,
            "granularity": np.where(monthly, "month", "day"),
            "date_start": np.where(monthly, np.datetime_as_string(month_first), iso),
            "date_end": np.where(monthly, np.datetime_as_string(month_last), iso),
            "date_text": "",
            "quote": np.array(story, dtype=object)[h],
            "start": rng.integers(0, 5000, n),
            "end": rng.integers(5000, 6000, n),
            "confidence": rng.random(n),
            "title": "",
            "url": "",
            "published": np.datetime_as_string(days + rng.integers(0, 30, n)),
            **NO_PLACE,
        }
    )
    return frame.loc[:, EVENT_COLUMNS]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--rounds", type=int, default=1, help="runs per size (best is kept)")
    args = parser.parse_args()
    merge_events(synthetic_events(1000))  # loads settings and word lists once
    failed = False
    for count in args.events:
        events = synthetic_events(count)
        best, best_cpu = float("inf"), float("inf")
        for _ in range(args.rounds):
            started, cpu = time.perf_counter(), time.process_time()
            merged = merge_events(events)
            best = min(best, time.perf_counter() - started)
            best_cpu = min(best_cpu, time.process_time() - cpu)
        target = TARGET_SECONDS.get(count)
        verdict = "" if target is None else (" ok" if best <= target else " OVER TARGET")
        failed |= target is not None and best > target
        print(
            f"{len(events):>9,} events -> {len(merged):>9,} merged "
            f"({int(merged['conflict'].sum()):,} conflicts): {best:.2f} s wall, "
            f"{best_cpu:.2f} s CPU" + (f" (target {target:.0f} s){verdict}" if target else "")
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
