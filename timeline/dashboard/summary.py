"""What the controls need to know about the events, computed once per table: the people
with their counts, the types with their colours and shapes, and the span of dates."""

from __future__ import annotations

from dataclasses import dataclass, field

from timeline.dashboard.palette import TypeStyle, type_styles
from timeline.dashboard.table import EventTable


@dataclass(frozen=True)
class DataSummary:
    """What the controls need to know about the events: people, types, styles and span."""

    people: list[dict]
    types: list[str]
    styles: dict[str, TypeStyle]
    bounds: tuple[int, int]
    notes: list[str] = field(default_factory=list)

    @property
    def colours(self) -> dict[str, str]:
        """The colour of each type."""
        return {kind: style.colour for kind, style in self.styles.items()}

    @classmethod
    def of(cls, table: EventTable, notes: list[str] | None = None) -> DataSummary:
        """Summarise a prepared event table."""
        types = table.event_types()
        return cls(
            people=table.person_options(),
            types=types,
            styles=type_styles(types),
            bounds=table.bounds(),
            notes=list(notes or []),
        )
