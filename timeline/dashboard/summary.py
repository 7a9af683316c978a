"""What the controls need to know about the events, computed once per table: the people
with their counts, the types with their colours, and the span of dates."""

from __future__ import annotations

from dataclasses import dataclass, field

from timeline.dashboard.figures import type_colours
from timeline.dashboard.table import EventTable


@dataclass(frozen=True)
class DataSummary:
    """What the controls need to know about the events: people, types, colours and span."""

    people: list[dict]
    types: list[str]
    colours: dict[str, str]
    bounds: tuple[int, int]
    notes: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, table: EventTable, notes: list[str] | None = None) -> DataSummary:
        """Summarise a prepared event table."""
        types = table.event_types()
        return cls(
            people=table.person_options(),
            types=types,
            colours=type_colours(types),
            bounds=table.bounds(),
            notes=list(notes or []),
        )
