"""What happened at a date: the trigger that types a dated clause.

A trigger scores by its distance to the date, and loses when it only attributes
speech ("..., he said"), lies in another relative clause or quotation than the date,
or is reported across another reporting verb.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from timeline.extraction.events.lexicon import Trigger
from timeline.extraction.temporal import Timex
from timeline.text.spans import SpanIndex

#: A trigger scores weight / (1 + gap / TRIGGER_REACH) by its distance in characters to
#: the date; below MIN_TRIGGER_SCORE it is too far away to say what happened then.
TRIGGER_REACH = 40.0
MIN_TRIGGER_SCORE = 0.2
#: A reporting verb between the date and a trigger puts the trigger in reported speech.
ACROSS_REPORTING = 0.2
ATTRIBUTION_BEFORE = re.compile(r"[”\"],?\s*$")
ATTRIBUTION_AFTER = re.compile(r"^\s*[,.:;]")


def inside_any(offset: int, spans: SpanIndex | Sequence[tuple[int, int]]) -> tuple[int, int] | None:
    """The span of ``spans`` that holds ``offset``, or None."""
    if isinstance(spans, SpanIndex):
        return spans.holding(offset)
    for span in spans:
        if span[0] <= offset < span[1]:
            return span
    return None


def is_attribution(trigger: Trigger, text: str) -> bool:
    """A reporting verb that only says who is speaking ('..., he said.', '” said X')."""
    return trigger.reporting and bool(
        ATTRIBUTION_AFTER.match(text[trigger.end : trigger.end + 3])
        or ATTRIBUTION_BEFORE.search(text[max(0, trigger.start - 4) : trigger.start])
    )


def trigger_score(trigger: Trigger, timex: Timex, triggers, relatives, quotes, text: str) -> float:
    """How well a trigger says what happened at the date: near, same clause, not reported."""
    gap = trigger.start - timex.end if trigger.start >= timex.end else timex.start - trigger.end
    score = trigger.weight / (1.0 + max(gap, 0) / TRIGGER_REACH)
    if is_attribution(trigger, text):
        score *= 0.5
    if inside_any(trigger.start, relatives) != inside_any(timex.start, relatives):
        score *= 0.25
    if inside_any(trigger.start, quotes) != inside_any(timex.start, quotes):
        score *= 0.25
    low, high = sorted((trigger.start, timex.start))
    if not trigger.reporting and any(
        low < r.start < high and r is not trigger and not is_attribution(r, text)
        for r in triggers
        if r.reporting
    ):
        score *= ACROSS_REPORTING
    return score


def choose_trigger(
    triggers: Sequence[Trigger],
    timex: Timex,
    relatives: Sequence[tuple[int, int]],
    quotes: SpanIndex,
    text: str,
) -> Trigger | None:
    """The trigger that says what happened at the date: the best score (the later of equal
    ones), None when all score under MIN_TRIGGER_SCORE or overlap the date."""
    best, best_score = None, MIN_TRIGGER_SCORE
    for trigger in triggers:
        if trigger.start < timex.end and timex.start < trigger.end:
            continue
        score = trigger_score(trigger, timex, triggers, relatives, quotes, text)
        if score >= best_score:
            best, best_score = trigger, score
    return best


NOUN_PHRASE_GAP = re.compile(r"^\s?$")
ARTICLE_BEFORE = re.compile(r"\b(?:the|a|an|its|their|his|her|this|that)\s+$", re.I)


def names_the_event(timex: Timex, trigger: Trigger, text: str) -> bool:
    """The date modifies the event word directly: "the Feb. 1 coup", "a February coup"."""
    return (
        trigger.start >= timex.end
        and bool(NOUN_PHRASE_GAP.match(text[timex.end : trigger.start]))
        and bool(ARTICLE_BEFORE.search(text[max(0, timex.start - 8) : timex.start]))
    )
