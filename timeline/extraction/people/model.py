"""What the people finder hands on: mentions, persons, and the index that resolves them."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field

from timeline.text.spans import SpanIndex


@dataclass(frozen=True)
class Mention:
    """A place in the text that refers to a person."""

    start: int
    end: int
    text: str
    person: str
    kind: str  # "name", "pronoun", "nominal" or "speaker"
    in_quote: bool = False


@dataclass
class Person:
    """A person named in the document, with what the text says of them."""

    name: str
    titles: set[str] = field(default_factory=set)
    ages: set[int] = field(default_factory=set)
    gender: str | None = None
    first_offset: int = 0
    #: Kin words the text names them by ("his wife, Ana Ruiz": wife).
    kin: set[str] = field(default_factory=set)


@dataclass
class People:
    """Everyone found in a document and every mention of them, in text order."""

    persons: dict[str, Person]
    mentions: list[Mention]

    def __post_init__(self) -> None:
        self.mentions.sort(key=lambda m: m.start)
        self._starts = [m.start for m in self.mentions]

    def in_span(self, start: int, end: int) -> list[Mention]:
        """Mentions that lie inside [start, end)."""
        low = bisect.bisect_left(self._starts, start)
        high = bisect.bisect_left(self._starts, end)
        return [m for m in self.mentions[low:high] if m.end <= end]


class MentionIndex:
    """Mentions by sentence and by person, growing in text order as pronouns are resolved."""

    def __init__(self, mentions: Sequence[Mention], sentences: SpanIndex):
        self.sentences = sentences
        self.by_sentence: dict[int, list[Mention]] = {}
        self.starts_by_person: dict[str, list[int]] = {}
        for mention in sorted(mentions, key=lambda m: m.start):
            self.add(mention)

    def add(self, mention: Mention) -> None:
        """Add a mention, keeping each list in text order."""
        bucket = self.by_sentence.setdefault(self.sentences.index_of(mention.start), [])
        bisect.insort(bucket, mention, key=lambda m: m.start)
        bisect.insort(self.starts_by_person.setdefault(mention.person, []), mention.start)

    def in_sentence(self, index: int) -> list[Mention]:
        """Mentions of one sentence, in text order."""
        return self.by_sentence.get(index, [])

    def count_before(self, person: str, offset: int) -> int:
        """How many mentions of the person stand before ``offset``."""
        return bisect.bisect_left(self.starts_by_person.get(person, []), offset)

    def last_before(self, person: str, offset: int) -> int:
        """Offset of the person's last mention before ``offset`` (-1 when none)."""
        starts = self.starts_by_person.get(person, [])
        index = bisect.bisect_left(starts, offset) - 1
        return starts[index] if index >= 0 else -1
