"""Whether a date places a happening, or is only the edge of a state or a time aimed at.

"on 3 May" dates what happened that day; "since 2019", "until May", "plans for 2011" and
"the 1991 agreement" do not. A date after "since" does when the state it starts is one a
timeline shows as a happening: "has been held since March" (he was jailed in March). The
states are data (``resources/<lang>/event_times.yaml``). A count before "after" or
"before" dates a happening from a later date of its sentence ("two days after the coup on
1 February"): :func:`offset_dates`.
"""

from __future__ import annotations

import re
from functools import lru_cache

import yaml

from timeline.extraction.temporal import Timex
from timeline.extraction.temporal.arithmetic import shift
from timeline.extraction.temporal.values import event_date
from timeline.resources import resource_path

#: Words before a date that make it the edge of a state, a time denied ("on 14 May, not 4
#: May") or a time aimed at ("plans for 2011"), not the time of a happening.
NOT_AN_EVENT_TIME = re.compile(
    r"\b(?:since|until|till|as of|up to|ever since|compared to|compared with|than in|than|"
    r"not(?:\s+(?:on|in|at))?|for|scheduled for|planned for|set for|"
    r"(?:year|twelve months|12 months|months|quarter|period)\s+(?:to|ending|through))\s+"
    r"(?:early\s+|late\s+|mid-?)?(?:the\s+)?$",
    re.I,
)
#: A date that only modifies a noun ("this year's category", "the 1991 agreement")
#: names something known, not a happening at that date.
MODIFIER_AFTER = re.compile(r"^(?:['’]s?\b|\s+[a-z][a-z-]+(?:\s|[,.;:]|$))")
RANGE_AFTER = re.compile(r"^\s?[-–—]\s?\d")
RANGE_BEFORE = re.compile(r"\d\s?[-–—]\s?$")
DETERMINER_BEFORE = re.compile(r"\b(?:the|its|their|his|her|our)\s+$", re.I)
#: A birth year set in commas beside a name ("X, born 1990, ...").
BORN_BESIDE = re.compile(r",\s*born\s+(?:in\s+)?$")
#: How far before a date "been held ... since" is looked for.
STATE_WIDTH = 90
#: A date of the present period: "this year", "so far this month".
PRESENT_PERIOD = re.compile(r"(?:so\s+far\s+)?this\s+(?:year|month|week)\b", re.I)
#: How far before such a date the counting word of its noun phrase may stand.
COUNT_WIDTH = 90


@lru_cache(maxsize=2)
def _event_times(language: str) -> dict:
    """The language's ``event_times.yaml``, read once."""
    with resource_path(language, "event_times.yaml").open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


@lru_cache(maxsize=2)
def begun_state(language: str = "en") -> re.Pattern:
    """ "been held ... since " (ending where the date starts): a state that began with a
    happening, from the language's ``event_times.yaml``."""
    words = _event_times(language)["begun_states"]
    states = "|".join(
        r"\s+".join(map(re.escape, w.split())) for w in sorted(words, key=len, reverse=True)
    )
    return re.compile(
        rf"\b(?:been|remained|remains|remain|is|are|was|were)\s+(?:\w+\s+)?(?:{states})\b"
        r"[^.;:]*?\bsince\s+(?:early\s+|late\s+|mid-?)?(?:the\s+)?$",
        re.I,
    )


@lru_cache(maxsize=2)
def named_by_year(language: str = "en") -> re.Pattern:
    """ "Act of " or "Act (" (ending where a year starts): a document named by its year."""
    words = _event_times(language)["named_by_year"]
    names = "|".join(sorted(map(re.escape, words), key=len, reverse=True))
    return re.compile(rf"\b(?:{names})\s+(?:of\s+|\(\s*)$", re.I)


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
    if timex.text.isdigit() and named_by_year().search(text, max(0, timex.start - 24), timex.start):
        return False  # "the Defence Services Act of 1959"
    if BORN_BESIDE.search(text, max(0, timex.start - 10), timex.start) and after[:1] == ",":
        return False  # "X, born 1990, a former sergeant": a description, as an age is
    if PRESENT_PERIOD.match(timex.text) and counted().search(
        text, max(0, timex.start - COUNT_WIDTH), timex.start
    ):
        return False  # "the second defection by a soldier this year": the count's bound
    if not NOT_AN_EVENT_TIME.search(text[max(0, timex.start - 24) : timex.start]):
        return True
    return bool(begun_state().search(text[max(0, timex.start - STATE_WIDTH) : timex.start]))


#: A measured span before "after" or "before", then a stretch of the same sentence up to a
#: date: "two days after the army seized power on 1 February".
OFFSET_SIGNAL = re.compile(r"\s+(?P<signal>after|before)\b[^.;:!?\n]*$")
#: A date set off by a comma after the count's phrase: the main clause's own.
AFTER_A_COMMA = re.compile(r",\s*(?:on|in|at|by|during|early|late)\b[^,]*$")
#: What stands between a written date and a count that restates it.
RESTATED = re.compile(r"\s*[,(–—-]\s*")
#: How far after the span the anchoring date may stand, in characters.
OFFSET_REACH = 120
#: Units a span may be counted in, by the finest granularity of the date it is added to.
OFFSET_UNITS = {"day": "DW", "month": "M", "year": "Y"}
DURATION = re.compile(r"^P(?P<count>\d+)(?P<unit>[DWMY])$")


def offset_dates(text: str, timexes: list[Timex]) -> list[tuple[Timex, Timex]]:
    """Dates a measured span counts from a later date of its sentence: "was arrested two
    days after the army seized power on 1 February 2021" places the arrest on 3 February.

    Only for the events: a TimeML reading keeps "two days" a duration. Each is a DATE over
    the span's own words, at the granularity of the date it counts from, paired with that
    date.
    """
    found = []
    ordered = sorted(timexes, key=lambda t: t.start)
    for index, span in enumerate(ordered):
        shape = DURATION.match(span.value) if span.type == "DURATION" else None
        if shape is None:
            continue
        anchor = next((t for t in ordered[index + 1 :] if t.type in ("DATE", "TIME")), None)
        if anchor is None or anchor.start - span.end > OFFSET_REACH:
            continue
        between = OFFSET_SIGNAL.match(text, span.end, anchor.start)
        if between is None or not is_event_time(anchor, text):
            continue
        if AFTER_A_COMMA.search(text, span.end, anchor.start):
            continue  # "Twelve days after the call-up, on 8 October, he ...": the verb's own date
        earlier = ordered[index - 1] if index else None
        if earlier and RESTATED.fullmatch(text, earlier.end, span.start):
            continue  # "on 4 October, two weeks after ...": the date is written already
        value = _shifted(anchor.value, int(shape["count"]), shape["unit"], between["signal"])
        if value is not None:
            shifted = Timex(
                span.start, span.end, span.text, "DATE", value, anchor.confidence, "offset"
            )
            found.append((shifted, anchor))
    return found


def _shifted(value: str, count: int, unit: str, signal: str) -> str | None:
    """``value`` moved ``count`` units later ("after") or earlier, at its own granularity;
    None when the unit is finer than the value ("two days after May 2021")."""
    placed = event_date(value)
    if placed is None or unit not in OFFSET_UNITS.get(placed[1], ""):
        return None
    amount = count if signal == "after" else -count
    if unit == "W":  # a day counted in weeks, not the week it falls in
        amount, unit = 7 * amount, "D"
    return shift(placed[2], amount, unit)


@lru_cache(maxsize=2)
def counted(language: str = "en") -> re.Pattern:
    """ "the second defection by a soldier " (ending where a date of the present starts): a
    count of happenings the date bounds, from the language's ``event_times.yaml``."""
    words = "|".join(map(re.escape, _event_times(language)["counting_words"]))
    # Set off as a comment on the clause ("..., the second ...", "was the first ..."), not
    # the subject of its own verb ("The second guard fled this month").
    return re.compile(
        rf"(?:,|\b(?:in|is|was|be|been|marks|marked|marking))\s+(?:the|a|its|their)\s+"
        rf"(?:{words})\b[^,.;:!?\n]*$",
        re.I,
    )
