"""TempEval-3 Task A scoring: timex extents (strict and relaxed), value and type.

Definitions (UzZaman et al., 2013, "SemEval-2013 Task 1: TempEval-3", section 5.1),
summed over all documents before dividing (micro-average):

* strict match: a system timex with exactly the gold offsets;
* relaxed match: a system timex whose characters overlap a gold timex's. Timexes are
  paired one to one: candidate pairs are taken greedily, exact matches first, then the
  largest overlap, then document order, so one long system span over "2009-2010" pairs
  with one of the two gold years and the other gold year is a miss;
* P = matches / |system|, R = matches / |gold|, F1 = 2PR / (P + R) (0 when P + R = 0);
* attribute scores over the relaxed pairs:
  value P = |relaxed pairs with equal value| / |system|,
  value R = |relaxed pairs with equal value| / |gold|, value F1 from those;
  type P, R, F1 likewise with equal type. Values are compared as exact strings.

The "DATE" rows keep only gold and system timexes whose own type is DATE.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from timeline.evaluate.timeml import Timex


@dataclass(frozen=True)
class Pair:
    """A gold timex and the system timex aligned with it by overlap."""

    gold: Timex
    system: Timex

    @property
    def strict(self) -> bool:
        """Whether the two spans have exactly the same offsets."""
        return (self.gold.start, self.gold.end) == (self.system.start, self.system.end)


def overlaps(a: Timex, b: Timex) -> bool:
    """Whether two character spans share at least one character."""
    return a.start < b.end and b.start < a.end


def align(gold: Sequence[Timex], system: Sequence[Timex]) -> list[Pair]:
    """Pair gold and system timexes one to one by character overlap (see module docstring)."""
    candidates = []
    for gi, g in enumerate(gold):
        for si, s in enumerate(system):
            if overlaps(g, s):
                exact = (g.start, g.end) == (s.start, s.end)
                overlap = min(g.end, s.end) - max(g.start, s.start)
                candidates.append((not exact, -overlap, g.start, s.start, gi, si))
    candidates.sort()
    used_gold: set[int] = set()
    used_system: set[int] = set()
    pairs = []
    for *_, gi, si in candidates:
        if gi in used_gold or si in used_system:
            continue
        used_gold.add(gi)
        used_system.add(si)
        pairs.append(Pair(gold[gi], system[si]))
    pairs.sort(key=lambda pair: (pair.gold.start, pair.gold.end))
    return pairs


@dataclass
class Counts:
    """Counts that add up across documents; every rate is derived from them."""

    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    value: int = 0
    type: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.gold + other.gold,
            self.system + other.system,
            self.strict + other.strict,
            self.relaxed + other.relaxed,
            self.value + other.value,
            self.type + other.type,
        )

    def prf(self, matched: int) -> tuple[float, float, float]:
        """Precision, recall and F1 of ``matched`` against the system and gold totals."""
        precision = matched / self.system if self.system else 0.0
        recall = matched / self.gold if self.gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1

    def scores(self) -> dict[str, tuple[float, float, float]]:
        """(P, R, F1) for strict, relaxed, value and type."""
        return {
            name: self.prf(getattr(self, name)) for name in ("strict", "relaxed", "value", "type")
        }


@dataclass
class DocumentResult:
    """The alignment of one document, kept for error listings."""

    doc_id: str
    gold: list[Timex]
    system: list[Timex]
    pairs: list[Pair]

    def counts(self) -> Counts:
        """Counts of this document."""
        return Counts(
            gold=len(self.gold),
            system=len(self.system),
            strict=sum(pair.strict for pair in self.pairs),
            relaxed=len(self.pairs),
            value=sum(pair.gold.value == pair.system.value for pair in self.pairs),
            type=sum(pair.gold.type == pair.system.type for pair in self.pairs),
        )


@dataclass
class Report:
    """Per-document alignments for all types and for DATE alone."""

    documents: list[DocumentResult] = field(default_factory=list)
    dates: list[DocumentResult] = field(default_factory=list)

    @property
    def total(self) -> Counts:
        """Counts summed over documents, all types."""
        return sum((doc.counts() for doc in self.documents), Counts())

    @property
    def date_total(self) -> Counts:
        """Counts summed over documents, DATE timexes only."""
        return sum((doc.counts() for doc in self.dates), Counts())


def as_timex(obj) -> Timex:
    """Copy any object with start, end, text, type and value attributes into a ``Timex``."""
    return Timex(
        start=int(obj.start),
        end=int(obj.end),
        text=str(obj.text),
        type=str(obj.type),
        value=str(obj.value),
    )


def score_document(doc_id: str, gold: Iterable[Timex], system: Iterable) -> DocumentResult:
    """Align one document's system timexes with its gold timexes."""
    gold_list = sorted(gold, key=lambda t: (t.start, t.end))
    system_list = sorted((as_timex(t) for t in system), key=lambda t: (t.start, t.end))
    return DocumentResult(doc_id, gold_list, system_list, align(gold_list, system_list))


def score(gold: Mapping[str, Sequence[Timex]], system: Mapping[str, Iterable]) -> Report:
    """Score system timexes per document id against gold; a missing document counts as empty."""
    report = Report()
    for doc_id in sorted(gold):
        predicted = [as_timex(t) for t in system.get(doc_id, [])]
        report.documents.append(score_document(doc_id, gold[doc_id], predicted))
        report.dates.append(
            score_document(
                doc_id,
                [t for t in gold[doc_id] if t.type == "DATE"],
                [t for t in predicted if t.type == "DATE"],
            )
        )
    return report


def format_table(rows: Mapping[str, Counts]) -> str:
    """A fixed-width table: one row per label, P/R/F1 for each measure, then the counts."""
    header = (
        f"{'':<14}{'strict P':>9}{'R':>7}{'F1':>7}  {'relaxed P':>9}{'R':>7}{'F1':>7}  "
        f"{'value P':>8}{'R':>7}{'F1':>7}  {'type P':>7}{'R':>7}{'F1':>7}  {'gold':>5}{'sys':>5}"
    )
    lines = [header]
    for label, counts in rows.items():
        s = counts.scores()
        cells = []
        for name, width in (("strict", 9), ("relaxed", 9), ("value", 8), ("type", 7)):
            p, r, f = s[name]
            cells.append(f"{p:>{width}.3f}{r:>7.3f}{f:>7.3f}")
        lines.append(f"{label:<14}" + "  ".join(cells) + f"  {counts.gold:>5}{counts.system:>5}")
    return "\n".join(lines)


def format_report(report: Report) -> str:
    """The TempEval-3 Task A table for all types and for DATE alone."""
    return format_table({"all types": report.total, "DATE only": report.date_total})


def format_errors(report: Report) -> str:
    """Misses, false positives, wrong extents and wrong values/types, one per line."""
    lines = []
    for doc in report.documents:
        paired_gold = {id(pair.gold) for pair in doc.pairs}
        paired_system = {id(pair.system) for pair in doc.pairs}
        for g in doc.gold:
            if id(g) not in paired_gold:
                lines.append(f"MISS   {doc.doc_id} {g.start}-{g.end} {g.text!r} gold={g.value}")
        for s in doc.system:
            if id(s) not in paired_system:
                lines.append(f"FALSE  {doc.doc_id} {s.start}-{s.end} {s.text!r} system={s.value}")
        for pair in doc.pairs:
            g, s = pair.gold, pair.system
            problems = []
            if not pair.strict:
                problems.append(f"extent {s.start}-{s.end} {s.text!r}")
            if g.value != s.value:
                problems.append(f"value gold={g.value} system={s.value}")
            if g.type != s.type:
                problems.append(f"type gold={g.type} system={s.type}")
            if problems:
                where = f"{doc.doc_id} {g.start}-{g.end} {g.text!r}"
                lines.append(f"WRONG  {where}: " + "; ".join(problems))
    return "\n".join(lines)
