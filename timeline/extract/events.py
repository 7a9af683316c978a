"""What happened: typing clauses with the event lexicon and choosing who they are about.

An event is a clause that holds a date (day, month or year) and says what
happened to or was done by someone. Its type comes from the trigger nearest
to the date; its person is the mention nearest before that trigger (the
subject, in English word order), else the first person the clause names.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources as package_resources
from pathlib import Path

import yaml

from timeline.extract.people import Mention, People, load_people_resources, quote_spans
from timeline.extract.temporal import Timex
from timeline.extract.temporal.values import event_date
from timeline.text.deadline import check_time
from timeline.text.documents import DocumentError
from timeline.text.files import read_bounded
from timeline.text.spans import SpanIndex

OTHER = "other"
#: Words before a date that make it the edge of a state, not the time of a happening.
NOT_AN_EVENT_TIME = re.compile(
    r"\b(?:since|until|till|as of|up to|ever since|compared to|compared with|than in|than)\s+"
    r"(?:early\s+|late\s+|mid-?)?$",
    re.I,
)
#: A date that only modifies a noun ("this year's category", "the 1991 agreement")
#: names something known, not a happening at that date.
MODIFIER_AFTER = re.compile(r"^(?:['’]s?\b|\s+[a-z][a-z-]+(?:\s|[,.;:]|$))")
RANGE_AFTER = re.compile(r"^\s?[-–—]\s?\d")
RANGE_BEFORE = re.compile(r"\d\s?[-–—]\s?$")
DETERMINER_BEFORE = re.compile(r"\b(?:the|its|their|his|her|our)\s+$", re.I)
RELATIVE_CLAUSE = re.compile(r",\s*(?:who|which|whom|whose)\b[^,;:]*", re.I)
CLAUSE_BREAKS = (
    re.compile(r";"),
    re.compile(r",\s+(?:and|but|then|while|before|after|when)\b", re.I),
    re.compile(r"\s+and\s+(?:then\s+)?", re.I),
    re.compile(r","),
)
#: A trigger scores weight / (1 + gap / TRIGGER_REACH) by its distance in characters to
#: the date; below MIN_TRIGGER_SCORE it is too far away to say what happened then.
TRIGGER_REACH = 40.0
MIN_TRIGGER_SCORE = 0.2
#: A reporting verb between the date and a trigger puts the trigger in reported speech.
ACROSS_REPORTING = 0.2
ATTRIBUTION_BEFORE = re.compile(r"[”\"],?\s*$")
ATTRIBUTION_AFTER = re.compile(r"^\s*[,.:;]")
#: Between two words of a trigger phrase: spaces and light punctuation ("suit, filed").
WORD_GAP = r"[\s,]+"
#: A name right after one of these is an object, not who the clause is about.
OBJECT_BEFORE = re.compile(
    r"\b(?:with|against|to|from|of|for|about|than|at|into|toward|towards|behind)\s+"
    r"(?P<between>(?:(?:[A-Z][\w.’'-]*|the|and|of)\s+)*)$"
)
#: Largest event-type file read: the packaged one is about 20 KB.
MAX_LEXICON_BYTES = 1_000_000
PERSON_WEIGHT = {"name": 1.0, "speaker": 0.9, "pronoun": 0.85, "nominal": 0.8}


class LexiconError(ValueError):
    """An event-type file that cannot be used; the message names the file and the problem."""


@dataclass(frozen=True)
class EventType:
    """One event type: its trigger patterns and how strongly they signal it."""

    name: str
    triggers: tuple[re.Pattern, ...]
    weight: float = 1.0
    reporting: bool = False
    examples: tuple[str, ...] = ()
    counter_examples: tuple[str, ...] = ()


@dataclass(frozen=True)
class Trigger:
    """A trigger found in the text."""

    start: int
    end: int
    type: str
    weight: float
    reporting: bool = False


@dataclass(frozen=True)
class Lexicon:
    """The event types of a lexicon file, in file order."""

    types: tuple[EventType, ...]

    def triggers(self, text: str, start: int = 0, end: int | None = None) -> list[Trigger]:
        """Every trigger in text[start:end], in text order."""
        end = len(text) if end is None else end
        found = [
            Trigger(m.start(), m.end(), kind.name, kind.weight, kind.reporting)
            for kind in self.types
            for pattern in kind.triggers
            for m in pattern.finditer(text, start, end)
        ]
        found = [
            t
            for t in found
            if not any(
                o.type != t.type
                and o.start <= t.start
                and t.end <= o.end
                and (o.end - o.start) > (t.end - t.start)
                for o in found
            )
        ]
        return sorted(found, key=lambda t: (t.start, -(t.end - t.start)))


def compile_trigger(phrase: str) -> re.Pattern:
    """A trigger phrase ("left|leave his|her base", "defect*", "into ~~ prison") as a regex."""
    regex = ""
    for token in phrase.split():
        if token == "~~":
            regex += r"(?:\S+\s+){0,3}"
        elif token == "~":
            regex += r"\S+\s+"
        else:
            choices = [
                re.escape(c[:-1]) + r"[\w-]*" if c.endswith("*") else re.escape(c)
                for c in token.split("|")
            ]
            regex += "(?:" + "|".join(choices) + ")" + WORD_GAP
    if regex.endswith(WORD_GAP):
        regex = regex[: -len(WORD_GAP)]
    return re.compile(r"\b" + regex + r"\b", re.IGNORECASE)


def combine_triggers(patterns: list[re.Pattern]) -> tuple[re.Pattern, ...]:
    """One alternation per type (longest phrase first): one scan of a clause instead of many."""
    if not patterns:
        return ()
    ordered = sorted(patterns, key=lambda p: -len(p.pattern))
    return (re.compile("|".join(f"(?:{p.pattern})" for p in ordered), re.IGNORECASE),)


def _default_lexicon_path(language: str) -> Path:
    return Path(
        str(package_resources.files("timeline") / "resources" / language / "event_types.yaml")
    )


@lru_cache(maxsize=8)
def load_lexicon(path: str | None = None, language: str = "en") -> Lexicon:
    """Load an event lexicon (the packaged one when ``path`` is None)."""
    file = Path(path) if path else _default_lexicon_path(language)
    try:
        data = yaml.safe_load(read_bounded(file, MAX_LEXICON_BYTES).decode("utf-8"))
    except DocumentError as error:  # not a regular file, or too big
        raise LexiconError(str(error).replace(": the text is", ": the event types are")) from None
    except (yaml.YAMLError, UnicodeDecodeError, RecursionError):
        raise LexiconError(f"{file}: the event types are not valid YAML") from None
    if not isinstance(data, dict) or not data:
        raise LexiconError(f"{file}: expected a mapping of event type -> {{triggers: [...]}}")
    types = []
    for name, spec in data.items():
        spec = spec or {}
        triggers = spec.get("triggers", []) if isinstance(spec, dict) else spec
        if not isinstance(triggers, list) or not all(isinstance(t, str) for t in triggers):
            raise LexiconError(f"{file}: event type {name!r} needs a list of trigger phrases")
        try:
            compiled = combine_triggers([compile_trigger(t) for t in triggers if t.strip()])
        except re.error as error:
            raise LexiconError(f"{file}: event type {name!r} has a bad trigger ({error})") from None
        weight, reporting, examples, counter = _type_settings(spec, name, file)
        types.append(EventType(str(name), compiled, weight, reporting, examples, counter))
    return Lexicon(tuple(types))


def _type_settings(spec: object, name: object, file: Path) -> tuple:
    """An event type's weight, reporting flag, examples and counter-examples, each of the
    type it must be (a LexiconError naming the type and the key otherwise)."""
    if not isinstance(spec, dict):
        return 1.0, False, (), ()
    weight = spec.get("weight", 1.0)
    if isinstance(weight, bool) or not isinstance(weight, (int, float)):
        raise LexiconError(f"{file}: event type {name!r}: 'weight' must be a number")
    reporting = spec.get("reporting", False)
    if not isinstance(reporting, bool):
        raise LexiconError(f"{file}: event type {name!r}: 'reporting' must be true or false")
    lists = []
    for key in ("examples", "not"):
        value = spec.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise LexiconError(f"{file}: event type {name!r}: '{key}' must be a list of text")
        lists.append(tuple(value))
    return float(weight), reporting, *lists


# ------------------------------------------------------------------ events


@dataclass(frozen=True)
class EventCandidate:
    """A dated event before it becomes a table row."""

    timex: Timex
    event_type: str
    person: str
    person_kind: str
    start: int
    end: int
    confidence: float
    trigger: Trigger | None = None
    mention: Mention | None = None


def is_event_time(timex: Timex, text: str) -> bool:
    """A date that can place a happening: day, month or year, and not the edge of a state."""
    if timex.type not in ("DATE", "TIME") or event_date(timex.value) is None:
        return False
    after = text[timex.end : timex.end + 30]
    if RANGE_AFTER.match(after) or RANGE_BEFORE.search(text[max(0, timex.start - 3) : timex.start]):
        return False  # one end of a range ("1955-2011"): a span, not the time of a happening
    if after[:1] in "'’" and MODIFIER_AFTER.match(after):
        return False  # possessive: "this year's"
    before = text[max(0, timex.start - 8) : timex.start]
    if timex.text.isdigit() and DETERMINER_BEFORE.search(before) and MODIFIER_AFTER.match(after):
        return False  # "the 1991 agreement"
    return not NOT_AN_EVENT_TIME.search(text[max(0, timex.start - 20) : timex.start])


def _clauses(text: str, start: int, end: int, anchors: Sequence[Timex]) -> list[tuple[int, int]]:
    """Cut a sentence between consecutive dates, at the strongest clause break between them."""
    bounds = [start]
    for left, right in itertools.pairwise(anchors):
        cut = None
        for pattern in CLAUSE_BREAKS:
            hits = list(pattern.finditer(text, left.end, right.start))
            if hits:
                cut = hits[-1].start()
                break
        if cut is None:
            return [(start, end)] * len(anchors)
        bounds.append(cut)
    bounds.append(end)
    spans = []
    for index in range(len(anchors)):
        a, b = bounds[index], bounds[index + 1]
        while a < b and text[a] in " ,;":
            a += 1
        spans.append((a, b))
    return spans


def _inside_any(offset: int, spans) -> tuple[int, int] | None:
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
    if _inside_any(trigger.start, relatives) != _inside_any(timex.start, relatives):
        score *= 0.25
    if _inside_any(trigger.start, quotes) != _inside_any(timex.start, quotes):
        score *= 0.25
    low, high = sorted((trigger.start, timex.start))
    if not trigger.reporting and any(
        low < r.start < high and r is not trigger and not is_attribution(r, text)
        for r in triggers
        if r.reporting
    ):
        score *= ACROSS_REPORTING
    return score


def _choose_trigger(triggers: Sequence[Trigger], timex: Timex, relatives, quotes, text: str):
    best, best_score = None, MIN_TRIGGER_SCORE
    for trigger in triggers:
        if trigger.start < timex.end and timex.start < trigger.end:
            continue
        score = trigger_score(trigger, timex, triggers, relatives, quotes, text)
        if score >= best_score:
            best, best_score = trigger, score
    return best


def is_object(mention: Mention, text: str) -> bool:
    """A name right after a preposition, titles allowed between ('with Vice President X').

    Two or more other capitalised words between ("of Apple Inc. Steve Jobs")
    make it an appositive after a noun phrase, not an object.
    """
    match = OBJECT_BEFORE.search(text[max(0, mention.start - 60) : mention.start])
    if not match:
        return False
    titles = load_people_resources().titles
    words = [w.strip(".").lower() for w in match.group("between").split()]
    others = [w for w in words if w not in titles and w not in ("the", "and", "of")]
    return len(others) <= 1


def _choose_person(
    mentions: Sequence[Mention], trigger: Trigger | None, relatives, quotes, text: str
) -> Mention | None:
    if not mentions:
        return None
    mentions = [m for m in mentions if not is_object(m, text)]
    if not mentions:
        return None
    if trigger is not None:
        trigger_relative = _inside_any(trigger.start, relatives)
        before = [
            m
            for m in mentions
            if m.end <= trigger.start
            and (_inside_any(m.start, relatives) in (None, trigger_relative))
        ]
        if before:
            return before[-1]
        after = [m for m in mentions if m.start >= trigger.end]
        if after:
            return after[0]
    outside = [
        m
        for m in mentions
        if not _inside_any(m.start, quotes) and not _inside_any(m.start, relatives)
    ]
    return (outside or list(mentions))[0]


def find_events(
    text: str,
    sentences: Sequence[tuple[int, int]],
    timexes: Sequence[Timex],
    people: People,
    lexicon: Lexicon,
    verbs: Sequence[int] = (),
) -> list[EventCandidate]:
    """Dated events of a document, one per happening, in text order.

    ``verbs`` holds the offsets of verb tokens: a clause without a subject of
    its own ("... and escaped on 6 September") shares the sentence's subject,
    a name before the sentence's first verb.
    """
    quotes = SpanIndex(quote_spans(text))
    verb_set = set(verbs)
    anchors = sorted((t for t in timexes if is_event_time(t, text)), key=lambda t: t.start)
    anchor_starts = [t.start for t in anchors]
    events: list[EventCandidate] = []
    for number, (start, end) in enumerate(sentences):
        if number % 64 == 0:
            check_time()
        low, high = bisect.bisect_left(anchor_starts, start), bisect.bisect_left(anchor_starts, end)
        inside = _distinct(anchors[low:high])
        if not inside:
            continue
        relatives = [m.span() for m in RELATIVE_CLAUSE.finditer(text, start, end)]
        sentence_mentions = people.in_span(start, end)
        for timex, (c_start, c_end) in zip(inside, _clauses(text, start, end, inside), strict=True):
            triggers = lexicon.triggers(text, c_start, c_end)
            trigger = _choose_trigger(triggers, timex, relatives, quotes, text)
            mentions = [m for m in sentence_mentions if c_start <= m.start < c_end]
            if trigger is not None and names_the_event(timex, trigger, text):
                # "the Feb. 1 coup": the date and the event word make one noun
                # phrase; whoever the clause is about did not do it.
                mentions = [
                    m for m in mentions if POSSESSIVE_BEFORE.match(text, m.end, timex.start)
                ]
            mention = _choose_person(mentions, trigger, relatives, quotes, text)
            if mention is None and shares_subject(text, c_start, timex, verb_set):
                first_verb = next((v for v in verbs if start <= v < end), c_start)
                subject = [m for m in sentence_mentions if m.start < min(first_verb, c_start)]
                mention = _choose_person(subject, None, relatives, quotes, text)
            q_start, q_end = _trim(text, c_start, c_end)
            confidence = timex.confidence * (1.0 if trigger else 0.8)
            for who in coordinated(mention, sentence_mentions, text) if mention else [None]:
                events.append(
                    EventCandidate(
                        timex=timex,
                        event_type=trigger.type if trigger else OTHER,
                        person=who.person if who else "",
                        person_kind=who.kind if who else "",
                        start=q_start,
                        end=q_end,
                        confidence=round(
                            confidence * (PERSON_WEIGHT.get(who.kind, 1.0) if who else 0.7), 3
                        ),
                        trigger=trigger,
                        mention=who,
                    )
                )
    return _one_per_happening(events)


COORDINATION = re.compile(r"^\s*(?:,\s*(?:and\s+)?|and\s+)$")


def coordinated(mention: Mention, mentions: Sequence[Mention], text: str) -> list[Mention]:
    """A mention and the names joined to it by 'and' or commas ('X and Y', 'X, Y and Z')."""
    group = [mention]
    ordered = sorted(mentions, key=lambda m: m.start)
    index = ordered.index(mention)
    for step in (-1, 1):
        current, position = mention, index + step
        while 0 <= position < len(ordered):
            other = ordered[position]
            left, right = (other, current) if step < 0 else (current, other)
            if other.kind != "name" or not COORDINATION.match(text[left.end : right.start]):
                break
            group.append(other)
            current, position = other, position + step
    people, unique = set(), []
    for m in sorted(group, key=lambda m: m.start):
        if m.person not in people:
            people.add(m.person)
            unique.append(m)
    return unique


NOUN_PHRASE_GAP = re.compile(r"^\s?$")
ARTICLE_BEFORE = re.compile(r"\b(?:the|a|an|its|their|his|her|this|that)\s+$", re.I)
POSSESSIVE_BEFORE = re.compile(r"['’]s?\s+(?:the\s+)?$")


def names_the_event(timex: Timex, trigger: Trigger, text: str) -> bool:
    """The date modifies the event word directly: "the Feb. 1 coup", "a February coup"."""
    return (
        trigger.start >= timex.end
        and bool(NOUN_PHRASE_GAP.match(text[timex.end : trigger.start]))
        and bool(ARTICLE_BEFORE.search(text[max(0, timex.start - 8) : timex.start]))
    )


CLAUSE_LEAD = re.compile(r"(?:[\s,]|\b(?:and|but|then|also|later|or|so)\b)*", re.I)
DATE_LEAD = re.compile(r"(?:on|in|at|by)\s+$", re.I)


def shares_subject(text: str, clause_start: int, timex: Timex, verbs: set[int]) -> bool:
    """A later clause with no subject of its own ("... and escaped on 6 September").

    After leading conjunctions (and the clause's own date, "and on 6 May fled"),
    the clause must open with a verb; "two months after the military seized
    power" has a subject of its own and does not borrow the sentence's.
    """
    if clause_start == 0:
        return False
    position = CLAUSE_LEAD.match(text, clause_start).end()
    lead = text[position : timex.start]
    if timex.start >= position and (not lead.strip() or DATE_LEAD.fullmatch(lead)):
        position = CLAUSE_LEAD.match(text, timex.end).end()
    return position in verbs


def _distinct(anchors: Sequence[Timex]) -> list[Timex]:
    seen, kept = set(), []
    for timex in anchors:
        if timex.value not in seen:
            seen.add(timex.value)
            kept.append(timex)
    return kept


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;"):
        end -= 1
    return start, end


def _one_per_happening(events: list[EventCandidate]) -> list[EventCandidate]:
    """The same happening stated twice (same person, type and date) is one event.

    Without a named person two statements cannot be told to be the same
    happening, so those are kept apart unless they come from the same clause.
    """
    kept: dict[tuple, EventCandidate] = {}
    for event in events:
        key = (event.person, event.event_type, event.timex.value[:10])
        if not event.person:
            key += (event.start,)
        if key not in kept:
            kept[key] = event
    typed = {(e.person, e.timex.value[:10]) for e in kept.values() if e.event_type != OTHER}
    return [
        e
        for e in kept.values()
        if not (e.event_type == OTHER and e.person and (e.person, e.timex.value[:10]) in typed)
    ]
