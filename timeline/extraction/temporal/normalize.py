"""Turning a rule's matched groups into a symbolic TimeML value.

Group names choose their normaliser (``month`` reads the month list, ``num`` a
number or number word, ...); a few derived fields (``{clock}``, ``{quarter}``)
combine several groups. The result may still hold unknowns (``XXXX-06``,
``REF+1Y``); :mod:`timeline.extraction.temporal.resolve` fills them in.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from timeline.extraction.temporal.resources import TemporalResources

# Group name -> the word list that normalises it.
LIST_OF_GROUP = {
    "month": "month",
    "month_full": "month",
    "weekday": "weekday",
    "season": "season",
    "part_of_day": "part_of_day",
    "unit": "unit",
    "date_unit": "date_unit",
    "deictic_unit": "deictic_unit",
    "direction": "direction",
    "mod": "part_of_period",
    "ref": "present_ref",
    "holiday": "holiday",
}

DEICTIC_DAYS = {
    "today": "",
    "yesterday": "-1D",
    "tomorrow": "+1D",
    "the day before yesterday": "-2D",
    "the day after tomorrow": "+2D",
}
SET_VALUES = {
    "day": "P1D",
    "daily": "P1D",
    "week": "P1W",
    "weekly": "P1W",
    "month": "P1M",
    "monthly": "P1M",
    "year": "P1Y",
    "yearly": "P1Y",
    "annually": "P1Y",
    "season": "P1Y",
    "quarter": "P1Q",
    "hourly": "PT1H",
    "nightly": "XXXX-XX-XXTNI",
    "morning": "XXXX-XX-XXTMO",
    "afternoon": "XXXX-XX-XXTAF",
    "evening": "XXXX-XX-XXTEV",
    "night": "XXXX-XX-XXTNI",
}
NAMED_TIMES = {"noon": "12:00", "midday": "12:00", "midnight": "24:00"}
TIME_UNITS = {"H": "H", "MIN": "M", "S": "S"}
DURATION_VALUE = re.compile(r"^P(X|[0-9.]+)(H|MIN|S|FN|DE|CE)$")
YEARS_PER_UNIT = {"DE": 10, "CE": 100}
GROUP_BASE = re.compile(r"^([a-z_]+?)[0-9]*$")


class NormalisationError(ValueError):
    """The groups of a match do not make a valid value (e.g. 31 February)."""


def _normalise_word(table: Mapping[str, object], text: str) -> object:
    key = " ".join(text.lower().rstrip(".").split())
    if key in table:
        return table[key]
    raise NormalisationError(f"{text!r} is not in the word list")


def _number(resources: TemporalResources, text: str) -> float | int | str:
    key = " ".join(text.lower().split())
    if re.fullmatch(r"[0-9]+", key):
        return int(key)
    if re.fullmatch(r"[0-9]*\.[0-9]+", key):
        return float(key)
    for name in ("number_word", "vague_number"):
        if key in resources.lists[name]:
            return resources.lists[name][key]
    raise NormalisationError(f"{text!r} is not a number")


def _ordinal(resources: TemporalResources, text: str) -> int:
    key = text.lower()
    digits = re.match(r"[0-9]+", key)
    if digits:
        return int(digits.group(0))
    return int(_normalise_word(resources.lists["ordinal_word"], key))


def _year(text: str) -> int:
    return int(text.lstrip("'"))


def _short_year(text: str) -> int:
    """A two-digit year: '07 is 2007, '95 is 1995 (the split news dates need)."""
    number = int(text.lstrip("'"))
    return number + (2000 if number < 50 else 1900)


def _decade(text: str) -> str:
    digits = text.strip("'s")
    if len(digits) == 4:
        return digits[:3]
    # A two-digit decade: '80s is the 1980s, '20s the 2020s.
    return ("19" if int(digits) >= 30 else "20") + digits[0]


def group_values(resources: TemporalResources, groups: Mapping[str, str | None]) -> dict:
    """Normalise every matched group by its name."""
    values: dict[str, object] = {}
    for name, text in groups.items():
        if text is None:
            continue
        base = GROUP_BASE.match(name).group(1)
        if base in ("span", "target"):
            continue
        if base in LIST_OF_GROUP:
            value = _normalise_word(resources.lists[LIST_OF_GROUP[base]], text)
        elif base in ("year",):
            value = _year(text)
        elif base == "short_year":
            value = _short_year(text)
        elif base in ("day", "month_num", "hour", "minute", "second", "range_start", "range_end"):
            value = int(text)
        elif base in ("num", "vague_number"):
            value = _number(resources, text)
        elif base == "ordinal":
            value = _ordinal(resources, text)
        elif base == "decade":
            value = _decade(text)
        else:
            value = text
        values.setdefault(base, value)
    if "month_full" in values:
        values.setdefault("month", values["month_full"])
    return values


def _derived(values: dict, groups: Mapping[str, str | None]) -> dict:
    """Fields that combine several groups: clock times, shifts, quarters, sets."""
    derived: dict[str, object] = {}
    if "deictic_day" in values:
        derived["deictic_day"] = DEICTIC_DAYS[" ".join(str(values["deictic_day"]).lower().split())]
    if "shift" in values:
        word = str(values["shift"]).lower()
        sign = -1 if word in ("earlier", "before", "prior", "previous", "preceding") else 1
        num = values.get("num", 1)
        if num == "X":
            raise NormalisationError("a vague shift has no date")
        derived["shift_num"] = f"{sign * int(num):+d}"
        derived["shift_step"] = f"{sign:+d}"
        derived["shift_num1"] = f"{sign:+d}"
    if "ordinal" in values:
        ordinal = int(values["ordinal"])
        derived["century"] = f"{ordinal - 1:02d}"
        year = values.get("year")
        derived["quarter"] = f"{year if year else 'XXXX'}-Q{ordinal}"
    if "ordinal" in values and ("year" in values or "direction" in values):
        # "the first half of 2019" / "... of last year"
        half = int(values["ordinal"])
        derived["half"] = (
            f"{values['year']}-H{half}"
            if "year" in values
            else f"DCT{int(values['direction']):+d}Y-H{half}"
        )
    # "this weekend" is WE@0; "the weekend" (no direction) is placed by the clause's tense.
    derived["weekend_direction"] = (
        f"@{int(values['direction']):+d}" if "direction" in values else ""
    )
    if "range_end" in values:
        derived["range_end"] = _range_end(values)
    if "hour" in values:
        hour = int(values["hour"])
        ampm = str(values.get("ampm", "")).lower().replace(".", "").replace(" ", "")
        if ampm == "pm" and hour < 12:
            hour += 12
        elif ampm == "am" and hour == 12:
            hour = 0
        derived["clock"] = f"{hour:02d}:{int(values.get('minute', 0)):02d}"
    if "named_time" in values:
        derived["named_time"] = NAMED_TIMES[str(values["named_time"]).lower()]
    if "set_unit" in values:
        word = str(values["set_unit"]).lower()
        weekdays = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
        derived["set"] = (
            f"XXXX-WXX-{weekdays.index(word) + 1}" if word in weekdays else SET_VALUES[word]
        )
    if groups.get("this") or groups.get("tonight") or groups.get("last") or "part_of_day" in values:
        derived["part_of_today"] = _part_of_today(values, groups)
    return derived


def _range_end(values: dict) -> int:
    """The last year of "1957-58" or "2009-2010"; a range must run forwards."""
    start, end = int(values["range_start"]), int(values["range_end"])
    if end < 100:
        end += start // 100 * 100
    if not start < end <= start + 99:
        raise NormalisationError(f"{start}-{end} is not a range of years")
    return end


def _part_of_today(values: dict, groups: Mapping[str, str | None]) -> str:
    codes = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
    if groups.get("tonight"):
        return "DCTTNI"
    if groups.get("last"):
        return "DCT-1DTNI"
    if groups.get("part_of_day2"):
        return f"DCT-1DT{codes[groups['part_of_day2'].lower()]}"
    if groups.get("part_of_day3"):
        return f"DCT+1DT{codes[groups['part_of_day3'].lower()]}"
    return f"DCTT{values.get('part_of_day', '')}"


def symbolic_value(
    resources: TemporalResources, template: str, groups: Mapping[str, str | None]
) -> str:
    """Fill a rule's value template from its match groups."""
    values = group_values(resources, groups)
    values.update(_derived(values, groups))
    try:
        value = template.format(**values)
    except (KeyError, ValueError) as error:
        raise NormalisationError(f"template {template!r} cannot be filled: {error}") from None
    return _duration_units(value)


def _duration_units(value: str) -> str:
    """P2H -> PT2H, P30MIN -> PT30M, P2FN -> P4W, P1DE -> P10Y (ISO 8601 has no decades)."""
    match = DURATION_VALUE.match(value)
    if not match:
        return value
    amount, unit = match.groups()
    if unit == "FN":
        return "PXW" if amount == "X" else f"P{_plain(float(amount) * 2)}W"
    if unit in YEARS_PER_UNIT:
        return value if amount == "X" else f"P{_plain(float(amount) * YEARS_PER_UNIT[unit])}Y"
    return f"PT{amount}{TIME_UNITS[unit]}"


def _plain(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else str(number)
