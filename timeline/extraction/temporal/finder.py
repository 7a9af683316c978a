"""Finding candidate temporal expressions: rule matches, overlaps, negative rules."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from timeline.extraction.nlp import NO_TAGS, TokenTags
from timeline.extraction.temporal.normalize import NormalisationError, symbolic_value
from timeline.extraction.temporal.resources import NegativeRule, Rule, TemporalResources
from timeline.text.deadline import check_time
from timeline.text.spans import SpanIndex


@dataclass(frozen=True)
class Candidate:
    """A rule match before resolution: its span, TIMEX3 type and symbolic value."""

    start: int
    end: int
    text: str
    type: str
    symbolic: str
    rule: str
    order: int


WORD = re.compile(r"\w+")


def _span_of(rule: Rule, match) -> tuple[int, int]:
    if "span" in rule.pattern.groupindex and match.group("span") is not None:
        return match.span("span")
    return match.span()


#: How far from its anchor word a match may reach, in characters.
ANCHOR_REACH = 60


def _merge(spans) -> list[tuple[int, int]]:
    """Merge overlapping or touching (start, end) spans given in text order."""
    merged: list[list[int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(start, end) for start, end in merged]


def windows_around(text: str, starts: list[int], ends: list[int]) -> list[tuple[int, int]]:
    """Merged windows of ANCHOR_REACH characters around the given hits (in text order)."""
    return _merge(
        (max(0, start - ANCHOR_REACH), min(len(text), end + ANCHOR_REACH))
        for start, end in zip(starts, ends, strict=True)
    )


@dataclass
class CueHits:
    """Where the temporal cue words of a text are: rules are only tried near them."""

    text: str
    starts: list[int]
    ends: list[int]
    windows: dict = field(default_factory=dict)

    @classmethod
    def find(cls, text: str, cues: re.Pattern) -> CueHits:
        """One scan of the text for every cue word (and every run of digits)."""
        hits = [m.span() for m in cues.finditer(text)]
        return cls(text, [s for s, _ in hits], [e for _, e in hits])

    def zones(self) -> list[tuple[int, int]]:
        """Windows around every cue."""
        if "*" not in self.windows:
            self.windows["*"] = windows_around(self.text, self.starts, self.ends)
        return self.windows["*"]

    def around(self, anchor: re.Pattern) -> list[tuple[int, int]]:
        """Windows around the cues where ``anchor`` (a cue word) occurs."""
        if anchor.pattern not in self.windows:
            found = [anchor.match(self.text, start) for start in self.starts]
            hits = [m.span() for m in found if m]
            self.windows[anchor.pattern] = windows_around(
                self.text, [s for s, _ in hits], [e for _, e in hits]
            )
        return self.windows[anchor.pattern]


def _matches(text: str, rule: Rule, cues: CueHits | None = None):
    """The rule's matches, tried only near its anchor word, or near any temporal cue."""
    if cues is None:
        yield from rule.pattern.finditer(text)
        return
    for start, end in cues.zones() if rule.anchor is None else cues.around(rule.anchor):
        yield from rule.pattern.finditer(text, start, end)


def rule_matches(
    text: str,
    resources: TemporalResources,
    rule: Rule,
    order: int,
    cues: CueHits | None = None,
) -> list[Candidate]:
    """Every match of one rule in ``text`` with its symbolic value."""
    found = []
    for match in _matches(text, rule, cues):
        start, end = _span_of(rule, match)
        if start == end:
            continue
        try:
            value = symbolic_value(resources, rule.value, match.groupdict())
        except NormalisationError:
            continue
        found.append(Candidate(start, end, text[start:end], rule.type, value, rule.name, order))
    return found


def drop_overlaps(candidates: list[Candidate]) -> list[Candidate]:
    """Keep the longest of overlapping candidates; on equal length the earlier rule."""
    ranked = sorted(candidates, key=lambda c: (-(c.end - c.start), c.order, c.start))
    kept: list[Candidate] = []
    taken = SpanIndex()
    for candidate in ranked:
        if taken.overlaps(candidate.start, candidate.end):
            continue
        kept.append(candidate)
        taken.add(candidate.start, candidate.end)
    return sorted(kept, key=lambda c: c.start)


def _negative_spans(
    text: str, rule: NegativeRule, zones: list[tuple[int, int]]
) -> tuple[list[int], list[tuple[int, int]], int]:
    spans = []
    for match in (m for start, end in zones for m in rule.pattern.finditer(text, start, end)):
        for name, value in match.groupdict().items():
            if name.startswith("target") and value is not None:
                spans.append(match.span(name))
    spans.sort()
    longest = max((e - s for s, e in spans), default=0)
    return [s for s, _ in spans], spans, longest


def _rejected_by(candidate: Candidate, rule: NegativeRule, spans, text: str, tags: TokenTags):
    if rule.only_rules and candidate.rule not in rule.only_rules:
        return False
    if rule.pattern is not None:
        return any(
            (s <= candidate.start and candidate.end <= e)
            or (candidate.start <= s and e <= candidate.end and e > s and _covers(candidate, s, e))
            for s, e in _near(spans, candidate)
        )
    if rule.words:
        words = [
            (candidate.start + m.start(), m.group(0).lower()) for m in WORD.finditer(candidate.text)
        ]
        hits = [offset for offset, word in words if word in rule.words]
        if not hits:
            return False
        if rule.tags and not any(tags.tag_at(offset) in rule.tags for offset in hits):
            return False
    elif rule.tags and tags.tag_at(candidate.start) not in rule.tags:
        return False
    return not (rule.next_tags and tags.tag_after(candidate.end) not in rule.next_tags)


def _near(spans: tuple[list[int], list[tuple[int, int]], int], candidate: Candidate):
    """Negative spans that can touch the candidate (starting within the longest span's reach)."""
    starts, ordered, longest = spans
    low = bisect.bisect_left(starts, candidate.start - longest)
    high = bisect.bisect_right(starts, candidate.end)
    return ordered[low:high]


def _covers(candidate: Candidate, start: int, end: int) -> bool:
    """A negative target that is most of a candidate rejects it (e.g. '$105 a month')."""
    return (end - start) >= 0.6 * (candidate.end - candidate.start)


def apply_negatives(
    candidates: list[Candidate], text: str, resources: TemporalResources, tags: TokenTags
) -> list[Candidate]:
    """Remove candidates that a negative rule rejects."""
    kept = candidates
    zones = _zones(candidates, text)
    for rule in resources.negatives:
        spans = None
        if rule.pattern is not None:
            # A rule limited to some rules only needs to look around their candidates.
            targets = [c for c in kept if c.rule in rule.only_rules] if rule.only_rules else kept
            if not targets:
                continue
            spans = _negative_spans(text, rule, _zones(targets, text) if rule.only_rules else zones)
        kept = [c for c in kept if not _rejected_by(c, rule, spans, text, tags)]
        check_time()
    return kept


def _zones(candidates: list[Candidate], text: str) -> list[tuple[int, int]]:
    """Merged windows of ANCHOR_REACH characters around the candidates."""
    return _merge(
        sorted(
            (max(0, c.start - ANCHOR_REACH), min(len(text), c.end + ANCHOR_REACH))
            for c in candidates
        )
    )


def find_candidates(
    text: str, resources: TemporalResources, tags: TokenTags = NO_TAGS
) -> list[Candidate]:
    """All temporal expressions in ``text``, unresolved, in text order."""
    candidates: list[Candidate] = []
    cues = CueHits.find(text, resources.cues)
    for order, rule in enumerate(resources.rules):
        candidates.extend(rule_matches(text, resources, rule, order, cues))
        check_time()
    # Negative rules look at every candidate first, so that a rejected long
    # reading ("2,000 soldiers") cannot hide behind a shorter one.
    return drop_overlaps(apply_negatives(candidates, text, resources, tags))
