"""Who still serves when: a crossing or a resignation by a soldier or police officer still
serving is a defection; a crossing by one who had already gone, or been tried or freed from
custody, is a flight.

Serving is read as the text goes ("joined the police in 2014 ... resigned in 2020"), each
leaving counted by its date rather than its place in the text (``Service``), and then
checked against the timeline: a lede often tells the flight before the background
tells the sentence and the release that came first ("crossed into Iraq on 11 December" ...
"was arrested in October 2022, sentenced in March, released on bail in May").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

from timeline.extraction.events.frames import NONE, Frames
from timeline.extraction.events.lexicon import OTHER

if TYPE_CHECKING:
    from timeline.extraction.events import EventCandidate
    from timeline.extraction.events.reading import Reading

#: Types that show a person serving: whoever joined the police or was posted to a unit
#: and later resigns defects.
SERVING_TYPES = frozenset({"enlistment", "deployment"})
#: Types that show, dated before a crossing, that a person no longer served: tried, or
#: freed from custody. (Not an earlier defection or flight, which a text often tells in
#: steps of one going-over, nor a spell in the ship's brig, which a sailor serves out.)
LEFT_TYPES = frozenset({"sentence", "release"})


class Service:
    """Who serves on a date, as the text tells it: the people described as serving, those a
    clause shows joining or posted, less those shown leaving (deserting, fleeing) earlier.

    Leaving counts by date, not by place in the text: a lede that tells a desertion in
    August 2024 does not stop a background "signed a contract in February 2023" from
    being a soldier's enlistment.
    """

    def __init__(self, described: frozenset[str] | set[str]) -> None:
        self._serving = set(described)
        self._left: dict[str, list[tuple[str, str]]] = {}  # (date, type) of each leaving

    def serves(self, person: str, value: str) -> bool:
        """Whether ``person`` serves on the date ``value``: not gone on an earlier date, nor
        on the very same one told before ("slipped out on 3 May and crossed on 3 May"). A
        coarser desertion around it ("deserted in 2023" in a lede) may be this very one
        ("resigned in November 2023"), so it does not count; a coarser flight ("fled Russia
        in 2022") does: a crossing within it is part of the flight."""
        if person not in self._serving:
            return False
        return not any(
            _before(date, value) or date == value or (kind == "escape" and _within(value, date))
            for date, kind in self._left.get(person, ())
        )

    def joined(self, person: str, value: str) -> None:
        """``person`` joined or was posted on ``value``: serving from then on."""
        self._serving.add(person)
        kept = [(d, k) for d, k in self._left.get(person, ()) if not _before(d, value)]
        self._left[person] = kept

    def left(self, person: str, value: str, kind: str = "defection") -> None:
        """``person`` deserted or fled (``kind``) on ``value``: no longer serving after it."""
        self._left.setdefault(person, []).append((value, kind))


def _within(value: str, date: str) -> bool:
    """Whether the date ``value`` falls inside the coarser ``date`` ("2022-09-24" in "2022")."""
    return len(date) < len(value) and value.startswith(date)


def _before(date: str, value: str) -> bool:
    """Whether ``date`` lies wholly before ``value``, at the coarser of the two."""
    width = min(len(date), len(value), 10)
    return date[:width] < value[:width]


def serving_type(reading: Reading, frames: Frames) -> str | None:
    """The type a clause has when its person serves in an armed force or police, if a
    sense for such a person fits it (None when the type is the same for anyone)."""
    kind = frames.type_of(reading.predicate, uniformed=True)
    if reading.served_siblings and reading.type not in (None, NONE):
        # "handed in his pistol on 9 March and walked out": the joined verb's type for him
        kind = frames.dated_first(
            kind if kind not in (None, OTHER, NONE) else reading.type, list(reading.served_siblings)
        )
        return kind if kind not in (None, OTHER, NONE) and kind != reading.type else None
    if kind in (None, OTHER, NONE) or kind == frames.type_of(reading.predicate):
        return None
    return kind


def gone_before(events: list[EventCandidate], served: dict[int, str]) -> list[EventCandidate]:
    """``events`` with each one typed for a serving person (``served``: its index and the
    type anyone else's would have) given that other type back when the same person was
    sentenced or freed from custody (``LEFT_TYPES``) on an earlier date."""
    if not served:
        return events
    left = [(e.person, e.timex.value) for e in events if e.person and e.event_type in LEFT_TYPES]
    return [
        replace(e, event_type=served[i]) if i in served and _earlier(e, left) else e
        for i, e in enumerate(events)
    ]


def _earlier(event: EventCandidate, left: Iterable[tuple[str, str]]) -> bool:
    """Whether ``left`` holds the person of ``event`` on a date wholly before it (compared
    at the coarser of the two granularities)."""
    value = event.timex.value
    return any(person == event.person and _before(date, value) for person, date in left)
