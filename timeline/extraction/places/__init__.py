"""Where each event happened: the place of the clause its date belongs to.

The place of an event is looked for in the clause its date belongs to, else in its
sentence, else in the dateline opening its paragraph ("YANGON, Aug 18 --"). Where the
sentence is parsed, "its clause" is the parse's: names hanging on the dated predicate,
not on a verb of another clause ("told reporters that she was posted to Tedim" places
the posting, not the telling). In the
clause and sentence, a destination wins ("was sent to Kayah State"), then where it
happened ("a court in Khimki"), then where someone came from ("escaped from Hpa-an"),
names hanging on the dated predicate before others. The origin is kept apart as well.
Each name is resolved to a town, region or country (``resolve``); a name the gazetteer
does not know keeps its words and offsets, with no place guessed for it.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from timeline.extraction.places.mentions import PlaceMention, dateline, find_mentions
from timeline.extraction.places.resolve import (
    Context,
    Resolved,
    article_context,
    candidates,
    known,
    resolve,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from timeline.extraction.nlp import Entity

__all__ = ["EventPlace", "PlaceFinder", "no_place"]

#: Longer than any person's name, in characters (to find names overlapping a span).
MAX_NAME = 200
#: Roles in the order they win within one stretch of text.
ROLE_ORDER = ("destination", "location", "near", "origin", "")


@dataclass(frozen=True)
class EventPlace:
    """The place columns of one event row."""

    location: str = ""
    admin1: str = ""
    country: str = ""
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    place_text: str = ""
    place_start: int | None = None
    place_end: int | None = None
    origin: str = ""

    def as_row(self) -> dict:
        """The columns as the event row holds them."""
        return dict(self.__dict__)


def no_place() -> EventPlace:
    """The columns of an event without a place: all empty."""
    return EventPlace()


class PlaceFinder:
    """Places events of one document: its entities, people and parse, read once."""

    def __init__(
        self,
        text: str,
        entities: Sequence[Entity],
        excluded: Sequence[tuple[int, int]] = (),
    ):
        self.text = text
        self.entities = sorted(
            (e for e in entities if e.label_ in ("GPE", "LOC", "FAC")), key=lambda e: e.start_char
        )
        self._entity_starts = [e.start_char for e in self.entities]
        self.excluded = sorted(excluded)
        self._excluded_starts = [start for start, _ in self.excluded]
        names = [e.text for e in self.entities if not _overlaps(e, self._excluded_near(e))]
        self.context: Context = article_context(names)
        # The dateline says where the story is filed: it weighs as much as three mentions.
        opening = dateline(text, 0) or dateline(text, text.find("\n\n") + 2)
        resolved = resolve(opening, self.context) if opening is not None else None
        if resolved is not None:
            code = next((e.country_code for e in candidates(resolved.country)), "")
            if code:
                self.context.countries[code] += 3
                self.context = Context(self.context.countries, self.context.named | {code})

    def _entities_in(self, start: int, end: int) -> list[Entity]:
        """The place entities starting inside ``[start, end)`` (a long text has thousands)."""
        low = bisect.bisect_left(self._entity_starts, start)
        high = bisect.bisect_left(self._entity_starts, end)
        return self.entities[low:high]

    def _excluded_in(self, start: int, end: int) -> list[tuple[int, int]]:
        """People's names that may overlap ``[start, end)``."""
        low = bisect.bisect_left(self._excluded_starts, start - MAX_NAME)
        high = bisect.bisect_left(self._excluded_starts, end)
        return self.excluded[low:high]

    def _excluded_near(self, entity: Entity) -> list[tuple[int, int]]:
        return self._excluded_in(entity.start_char, entity.end_char)

    def place(
        self,
        clause: tuple[int, int],
        sentence: tuple[int, int],
        parsed: tuple[int, Doc] | None = None,
        predicate: Token | None = None,
    ) -> EventPlace:
        """The place of an event whose clause and sentence are these spans."""
        for start, end in (clause, sentence):
            mentions = find_mentions(
                self.text,
                start,
                end,
                self._entities_in(start, end),
                known,
                self._excluded_in(start, end),
                parsed,
                predicate,
            )
            if parsed is not None and predicate is not None:
                # The parse says which clause each name belongs to: only the date's own.
                mentions = [m for m in mentions if m.attached]
            found = self._best(mentions)
            if found is not None:
                return found
        paragraph = self.text.rfind("\n", 0, sentence[0]) + 1
        opening = dateline(self.text, paragraph)
        if opening is not None:
            resolved = resolve(opening, self.context)
            if resolved is not None:
                return _event_place(opening, resolved, "")
        return no_place()

    def _best(self, mentions: list[PlaceMention]) -> EventPlace | None:
        if not mentions:
            return None
        ranked = sorted(mentions, key=_standing)
        origins = [m for m in ranked if m.role == "origin"]
        origin = origins[0].text if origins else ""
        # Of names in the same standing, the most precise ("in the U.S., ... in Seattle").
        options = []
        for rank, mention in enumerate(ranked):
            resolved = resolve(mention, self.context)
            if resolved is not None:
                options.append((_standing(mention), resolved.precision, rank, mention, resolved))
        if options:
            _, _, _, mention, resolved = min(options, key=lambda o: o[:3])
            return _event_place(mention, resolved, origin)
        first = ranked[0]
        return EventPlace(
            place_text=first.text, place_start=first.start, place_end=first.end, origin=origin
        )


def _standing(mention: PlaceMention) -> tuple[bool, bool, int]:
    """How strongly a name places the event: a role word first, then hanging on the
    predicate, then the role (destination, location, near, origin)."""
    return (mention.role == "", not mention.attached, ROLE_ORDER.index(mention.role))


def _event_place(mention: PlaceMention, resolved: Resolved, origin: str) -> EventPlace:
    return EventPlace(
        location=resolved.location,
        admin1=resolved.admin1,
        country=resolved.country,
        latitude=resolved.latitude,
        longitude=resolved.longitude,
        geo_precision=resolved.precision,
        place_text=mention.text,
        place_start=mention.start,
        place_end=mention.end,
        origin=origin,
    )


def _overlaps(entity: Entity, spans: Sequence[tuple[int, int]]) -> bool:
    return any(entity.start_char < b and a < entity.end_char for a, b in spans)
