"""Scoring extracted events against a gold CSV (the seed's annotation format).

Gold columns: ``person,event_type,date,granularity,required,quote``. An
extracted event matches a gold row when

* the person is the same after case-folding and whitespace collapse (gold may
  list alternatives separated by ``|``; an empty alternative accepts anyone),
* the extracted date cut to its own granularity equals the gold date, and
* the extracted quote's span overlaps the gold quote's span in the text.

Each extracted event matches at most one gold row; required rows are matched
first, and among candidates one of the same type is preferred. Events that
match an optional row count neither way; every other unmatched event is a
false positive. Typed F1 counts a match as right only when the type agrees.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

GRANULARITY_LENGTH = {"day": 10, "month": 7, "year": 4}


@dataclass
class EventScore:
    """Precision, recall and F1 of one or more documents, with what went wrong."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    typed_tp: int = 0
    optional_matched: int = 0
    missed: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)
    mistyped: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def typed_f1(self) -> float:
        wrong_type = self.tp - self.typed_tp
        p_den = self.typed_tp + self.fp + wrong_type
        r_den = self.tp + self.fn
        p = self.typed_tp / p_den if p_den else 0.0
        r = self.typed_tp / r_den if r_den else 0.0
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: EventScore) -> EventScore:
        return EventScore(
            self.tp + other.tp,
            self.fp + other.fp,
            self.fn + other.fn,
            self.typed_tp + other.typed_tp,
            self.optional_matched + other.optional_matched,
            self.missed + other.missed,
            self.false_positives + other.false_positives,
            self.mistyped + other.mistyped,
        )

    def as_dict(self) -> dict:
        """The figures and counts, for JSON."""
        figures = {"precision": self.precision, "recall": self.recall, "f1": self.f1}
        figures["typed_f1"] = self.typed_f1
        counts = {"tp": self.tp, "fp": self.fp, "fn": self.fn, "typed_tp": self.typed_tp}
        return {k: round(v, 4) for k, v in figures.items()} | counts

    def summary(self) -> str:
        """One line: P, R, F1 and typed F1 with the counts."""
        return (
            f"P={self.precision:.3f} R={self.recall:.3f} F1={self.f1:.3f} "
            f"typed_F1={self.typed_f1:.3f} (tp={self.tp} fp={self.fp} fn={self.fn} "
            f"optional={self.optional_matched})"
        )


def _person_key(name: str) -> str:
    return " ".join((name or "").split()).casefold()


def _date_key(date: str, granularity: str) -> str | None:
    length = GRANULARITY_LENGTH.get((granularity or "").strip().lower())
    date = (date or "").strip()
    return date[:length] if length and len(date) >= length else None


def _span(text: str, quote: str, start=None, end=None) -> tuple[int, int] | None:
    quote = (quote or "").strip()
    try:
        s, e = int(start), int(end)
        if 0 <= s < e <= len(text) and text[s:e].strip() == quote:
            return s, e
    except (TypeError, ValueError):
        pass
    index = text.find(quote) if quote else -1
    return (index, index + len(quote)) if index >= 0 else None


def read_gold(source: str) -> list[dict]:
    """Gold rows from CSV text."""
    return list(csv.DictReader(io.StringIO(source)))


def score_events(text: str, gold: Iterable[Mapping], extracted: Iterable[Mapping]) -> EventScore:
    """Score extracted event rows against gold rows of the same text."""
    gold_rows = []
    for row in gold:
        span = _span(text, row["quote"])
        if span is None:
            raise ValueError(f"gold quote not found in the text: {row['quote'][:60]!r}")
        people = [_person_key(p) for p in (row.get("person") or "").split("|")]
        gold_rows.append((row, span, people))
    events = [
        (
            row,
            _span(text, row.get("quote", ""), row.get("start"), row.get("end")),
            _date_key(row.get("date", ""), row.get("granularity", "")),
            _person_key(row.get("person", "")),
        )
        for row in extracted
    ]

    def matches(gold_entry, event) -> bool:
        row, (gs, ge), people = gold_entry
        _, span, date, person = event
        if span is None or date is None or date != row["date"]:
            return False
        if "" not in people and person not in people:
            return False
        return span[0] < ge and gs < span[1]

    used: set[int] = set()
    result = EventScore()
    order = sorted(range(len(gold_rows)), key=lambda i: gold_rows[i][0]["required"] != "yes")
    matched_gold: set[int] = set()
    for gi in order:
        entry = gold_rows[gi]
        candidates = [i for i, e in enumerate(events) if i not in used and matches(entry, e)]
        if not candidates:
            continue
        candidates.sort(key=lambda i: events[i][0].get("event_type", "") != entry[0]["event_type"])
        chosen = candidates[0]
        used.add(chosen)
        matched_gold.add(gi)
        if entry[0]["required"] == "yes":
            result.tp += 1
            found = events[chosen][0].get("event_type")
            result.typed_tp += found == entry[0]["event_type"]
            if found != entry[0]["event_type"]:
                result.mistyped.append(
                    f"{entry[0]['person']}|{entry[0]['event_type']} as {found}|"
                    f"{(events[chosen][0].get('quote') or '')[:60]}"
                )
        else:
            result.optional_matched += 1
    for gi, (row, _, _) in enumerate(gold_rows):
        if row["required"] == "yes" and gi not in matched_gold:
            result.fn += 1
            result.missed.append(f"{row['person']}|{row['event_type']}|{row['date']}")
    for index, (row, _, _, _) in enumerate(events):
        if index not in used:
            result.fp += 1
            result.false_positives.append(
                f"{row.get('person')}|{row.get('event_type')}|{row.get('date')}|"
                f"{(row.get('quote') or '')[:50]}"
            )
    return result
