"""References to targets that are not names: nominals ("the company") and "it"/"its"."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from functools import lru_cache

from timeline.extraction.entities.names import PERSON, EntityResources, load_entity_resources
from timeline.extraction.entities.targets import Targets
from timeline.extraction.people import Mention
from timeline.text.spans import SpanIndex

#: Sentences back (the current one included) that a nominal or pronoun may reach.
NOMINAL_REACH = 3
PRONOUN_REACH = 2
EXPLETIVE_IT = re.compile(
    r"\s+(?:is|was|'s|’s|has\s+been|had\s+been|will\s+be)\s+\w+\s+(?:that|to)\b"
)


@lru_cache(maxsize=2)
def _nominal_pattern(language: str = "en") -> tuple[re.Pattern, dict[str, str]]:
    res = load_entity_resources(language)
    head_kind = {n.lower(): kind.name for kind in res.kinds for n in kind.nominals}
    heads = "|".join(
        r"\s+".join(map(re.escape, h.split())) for h in sorted(head_kind, key=len, reverse=True)
    )
    pattern = re.compile(
        rf"\b(?:the|this|that)\s+(?:[\w-]+\s+)?(?P<head>{heads})(?![\w-])(?!\s+(?-i:[A-Z]))",
        re.IGNORECASE,
    )
    return pattern, head_kind


def _compatible(kind: str, target_kind: str, res: EntityResources) -> bool:
    if kind == target_kind:
        return True
    organisations = {k.name for k in res.kinds if k.organisation}
    return kind in organisations and target_kind in organisations


def _salient_target(
    named: Sequence[Mention],
    before: int,
    sentences: Sequence[tuple[int, int]],
    reach: int,
    accept,
    skip_current: bool = False,
) -> Mention | None:
    """The first fitting mention of the latest sentence (within ``reach``) that has one.

    The first name of a sentence is most often its subject, the likeliest
    antecedent of a later "the company" or "it".
    """
    starts = [s for s, _ in sentences]
    current = bisect.bisect_right(starts, before) - 1
    for index in range(current, max(current - reach, -1), -1):
        if index < 0 or (skip_current and index == current):
            continue
        low, high = sentences[index]
        fitting = [m for m in named if low <= m.start < min(high, before) and accept(m)]
        if fitting:
            return min(fitting, key=lambda m: m.start)
    return None


def reference_mentions(
    text: str,
    sentences: Sequence[tuple[int, int]],
    named: Sequence[Mention],
    targets: Targets,
    quotes: SpanIndex,
    language: str = "en",
    kinds: dict[str, str] | None = None,
) -> list[Mention]:
    """Nominals ("the company") and "it"/"its" resolved to a compatible target.

    A nominal reaches back NOMINAL_REACH sentences to a target of its kind; "it"
    reaches PRONOUN_REACH sentences to any target that is not a person, "it" in
    an earlier sentence only. The first fitting name of the latest sentence that
    has one wins. Nothing is returned for references that no target fits.
    """
    res = load_entity_resources(language)
    kinds = kinds if kinds is not None else targets.kinds
    named = sorted(named, key=lambda m: m.start)
    taken = SpanIndex((m.start, m.end) for m in named)
    found: list[Mention] = []
    pattern, head_kind = _nominal_pattern(language)
    for match in pattern.finditer(text):
        start, end = match.span()
        if taken.overlaps(start, end):
            continue
        kind = head_kind[" ".join(match.group("head").lower().split())]
        target = _salient_target(
            named,
            start,
            sentences,
            NOMINAL_REACH,
            lambda m, kind=kind: _compatible(kind, kinds.get(m.person, PERSON), res),
        )
        if target is not None:
            found.append(
                Mention(start, end, match.group(0), target.person, "nominal", start in quotes)
            )
    pronouns = "|".join(map(re.escape, res.pronouns))
    for match in re.finditer(rf"(?<![\w’'-])(?:{pronouns})(?![\w’'-])", text, re.IGNORECASE):
        start, end = match.span()
        if EXPLETIVE_IT.match(text, end) or start in quotes:
            continue
        target = _salient_target(
            named,
            start,
            sentences,
            PRONOUN_REACH,
            lambda m: kinds.get(m.person, PERSON) != PERSON,
            skip_current=match.group(0).lower() == "it",  # "X will sell it": not X
        )
        if target is None:
            continue
        if match.group(0).lower() == "it" and _named_earlier_in_sentence(
            [*named, *found], target.person, start, sentences
        ):
            continue  # "It will sell it": the second "it" is something else
        found.append(Mention(start, end, match.group(0), target.person, "pronoun", False))
    return found


def _named_earlier_in_sentence(
    mentions: Sequence[Mention], person: str, offset: int, sentences: Sequence[tuple[int, int]]
) -> bool:
    starts = [s for s, _ in sentences]
    index = bisect.bisect_right(starts, offset) - 1
    low = sentences[index][0] if index >= 0 else 0
    return any(m.person == person and low <= m.start < offset for m in mentions)
