"""SemEval-2015 Task 4 (TimeLine): timeline files, their relations, and the task metric.

A timeline file holds one target entity: line 1 is the entity's name, then one line per
event, ``POSITION<TAB>ANCHOR<TAB>MENTION[<TAB>MENTION...]``. Events sharing a position
are simultaneous, position 0 means "not placed" and is ignored, ANCHOR is YYYY-MM-DD
with XX for unknown parts, MENTION is ``docid-sentence-surface``.

The metric (Minard et al., 2015) turns a timeline into a graph: lines sorted by
position (ties by their text, in natural order), each mention an event node (the k-th
occurrence of a mention string is its own node), each distinct anchor string a time
node; every event is SIMULTANEOUS with its anchor, and each event is BEFORE the next
one when the position increases, SIMULTANEOUS with it otherwise. Event-anchor
relations come first, then the chain. System and gold nodes match by exact string.
Precision and recall are temporal awareness (``timeline.evaluate.temporal_graph``),
summed over all target entities before dividing; scores are reported x 100.

One deliberate difference from the official script: a target entity with no system
file counts as an empty timeline (its gold relations stay in the recall denominator)
instead of being skipped.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

from timeline.evaluate.temporal_graph import (
    BEFORE,
    SIMULTANEOUS,
    Awareness,
    Relation,
    temporal_awareness,
)

UNKNOWN_ANCHOR = "XXXX-XX-XX"


@dataclass(frozen=True)
class TimelineLine:
    """Events at one position of a timeline, anchored to one date, as mention strings."""

    position: int
    anchor: str
    mentions: tuple[str, ...]

    def to_text(self) -> str:
        """The tab-separated line, without a newline."""
        return "\t".join([str(self.position), self.anchor, *self.mentions])


@dataclass
class Timeline:
    """One target entity's timeline."""

    entity: str
    lines: list[TimelineLine] = field(default_factory=list)


def timeline_filename(entity: str) -> str:
    """The file name the task uses for an entity's timeline.

    >>> timeline_filename("S&P 500"), timeline_filename("Boeing 787 Dreamliner")
    ('s_and_p_500.txt', 'boeing_787_dreamliner.txt')
    """
    return entity.strip().lower().replace("&", "_and_").replace(" ", "_") + ".txt"


def parse_timeline(text: str) -> Timeline:
    """Parse a timeline file's content; blank lines and lines with fewer than 3 fields skip."""
    rows = text.splitlines()
    if not rows:
        raise ValueError("empty timeline file: line 1 must name the entity")
    timeline = Timeline(rows[0].strip())
    for number, row in enumerate(rows[1:], start=2):
        fields = [part.strip() for part in row.split("\t")]
        if len(fields) < 3:
            continue
        try:
            position = int(fields[0])
        except ValueError as error:
            raise ValueError(f"line {number}: position {fields[0]!r} is not an integer") from error
        mentions = tuple(mention for mention in fields[2:] if mention)
        timeline.lines.append(TimelineLine(position, fields[1], mentions))
    return timeline


def format_timeline(timeline: Timeline) -> str:
    """The content of a timeline file."""
    return "\n".join([timeline.entity, *(line.to_text() for line in timeline.lines)]) + "\n"


def read_timeline(path: str | Path) -> Timeline:
    """Read one timeline file."""
    return parse_timeline(Path(path).read_text(encoding="utf-8"))


def write_timeline(timeline: Timeline, directory: str | Path) -> Path:
    """Write a timeline into ``directory`` under the task's file name; return the path."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / timeline_filename(timeline.entity)
    path.write_text(format_timeline(timeline), encoding="utf-8")
    return path


def _natural_key(text: str) -> list:
    """Sort key comparing runs of digits as numbers ("9" before "10")."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", text)]


def timeline_relations(timeline: Timeline) -> list[Relation]:
    """The relations the metric reads from a timeline (see the module docstring)."""
    placed = sorted(
        (line for line in timeline.lines if line.position != 0 and line.mentions),
        key=lambda line: (line.position, _natural_key(line.to_text())),
    )
    seen: Counter[str] = Counter()
    events: list[tuple[str, int]] = []
    anchoring: list[Relation] = []
    for line in placed:
        for mention in line.mentions:
            node = f"{mention}#{seen[mention]}"
            seen[mention] += 1
            events.append((node, line.position))
            anchoring.append((node, f"TIME:{line.anchor}", SIMULTANEOUS))
    chain = [
        (node, following, BEFORE if position < next_position else SIMULTANEOUS)
        for (node, position), (following, next_position) in pairwise(events)
    ]
    return anchoring + chain


def score_timeline(gold: Timeline, system: Timeline | None) -> Awareness:
    """Temporal awareness counts of one system timeline (None: empty) against its gold."""
    system_relations = timeline_relations(system) if system is not None else []
    return temporal_awareness(timeline_relations(gold), system_relations)


# --- the data set ---------------------------------------------------------------------


@dataclass(frozen=True)
class Corpus:
    """One of the task's three corpora: its folder and its target entities."""

    name: str
    directory: Path
    entities: tuple[str, ...]

    @property
    def gold_dir(self) -> Path:
        return self.directory / "TimeLines_Gold_Standard"

    @property
    def cat_dir(self) -> Path:
        return self.directory / "corpus_trackA_CAT"


def find_corpora(data_dir: str | Path) -> list[Corpus]:
    """The corpora under ``data_dir`` (SemEval_Task4_data, or a folder holding it)."""
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        raise FileNotFoundError(f"{data_dir} is not a directory")
    if not list(data_dir.glob("corpus_*")) and (data_dir / "SemEval_Task4_data").is_dir():
        data_dir = data_dir / "SemEval_Task4_data"
    corpora = []
    for directory in sorted(data_dir.glob("corpus_*")):
        lists = list(directory.glob("list_target_entities*.txt"))
        if not directory.is_dir() or len(lists) != 1:
            continue
        lines = lists[0].read_text(encoding="utf-8").splitlines()
        entities = tuple(line.strip() for line in lines if line.strip())
        corpora.append(Corpus(directory.name, directory, entities))
    if not corpora:
        raise FileNotFoundError(f"no corpus_N folders with a target entity list in {data_dir}")
    return corpora


def read_gold(corpus: Corpus) -> dict[str, Timeline]:
    """Gold timelines of a corpus by target entity (as named in the entity list)."""
    gold = {}
    for entity in corpus.entities:
        path = corpus.gold_dir / timeline_filename(entity)
        if not path.exists():
            raise FileNotFoundError(f"no gold timeline for {entity!r}: {path}")
        gold[entity] = read_timeline(path)
    return gold


def read_system(corpus: Corpus, system_dir: str | Path) -> dict[str, Timeline]:
    """System timelines of a corpus from ``system_dir/<corpus>/``; absent files are left out."""
    directory = Path(system_dir) / corpus.name
    found = {}
    for entity in corpus.entities:
        path = directory / timeline_filename(entity)
        if path.exists():
            found[entity] = read_timeline(path)
    return found


@dataclass
class Report:
    """Awareness counts per (corpus, entity); totals by summing."""

    rows: dict[tuple[str, str], Awareness] = field(default_factory=dict)

    @property
    def total(self) -> Awareness:
        """Counts over every target entity (the micro-average)."""
        return sum(self.rows.values(), Awareness())

    def corpus_total(self, corpus: str) -> Awareness:
        """Counts over one corpus's target entities."""
        return sum((a for (c, _), a in self.rows.items() if c == corpus), Awareness())


def score_corpora(
    corpora: Iterable[Corpus],
    system: Mapping[str, Mapping[str, Timeline]],
) -> Report:
    """Score system timelines (by corpus name, then entity) against every gold timeline."""
    report = Report()
    for corpus in corpora:
        predicted = system.get(corpus.name, {})
        for entity, gold in read_gold(corpus).items():
            report.rows[(corpus.name, entity)] = score_timeline(gold, predicted.get(entity))
    return report


def format_report(report: Report, per_entity: bool = False) -> str:
    """Micro P/R/F1 (x 100) per corpus and over all, optionally one row per entity."""
    lines = [f"{'':<40}{'P':>7}{'R':>7}{'F1':>7}{'sys rel':>9}{'gold rel':>9}"]

    def row(label: str, a: Awareness) -> str:
        return (
            f"{label:<40}{100 * a.precision:>7.2f}{100 * a.recall:>7.2f}{100 * a.f1:>7.2f}"
            f"{a.system:>9}{a.gold:>9}"
        )

    corpora = sorted({corpus for corpus, _ in report.rows})
    for corpus in corpora:
        if per_entity:
            for (c, entity), awareness in report.rows.items():
                if c == corpus:
                    lines.append(row(f"  {corpus} {entity}", awareness))
        lines.append(row(corpus, report.corpus_total(corpus)))
    lines.append(row(f"all ({len(report.rows)} timelines)", report.total))
    return "\n".join(lines)
