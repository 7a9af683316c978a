"""Target entities: the organisations, products, markets and people a user follows.

Given a list of names, find every place a document refers to one of them: the name
as written in other cases, with a possessive or a plural, without optional words
("Federal Reserve" for "US Federal Reserve"), joined ("DaimlerChrysler"), as an
acronym ("GM"), as a short form ("Boeing 787" for "Boeing 787 Dreamliner", "A380"
for "Airbus A380"), as a nominal ("the company", "the aircraft") or as "it". A
variant two targets share belongs to neither, unless it is one target's full name.
People among the targets keep the people module's mentions (surnames, pronouns,
"the chief executive"). The result is a :class:`timeline.extraction.people.People`, so the
event rules treat target entities exactly as they treat people.

``names`` holds the kinds and name variants, ``targets`` compiles the targets of one
request, ``references`` resolves nominals and pronouns; :func:`find_entity_mentions`
joins them with the people found in the document.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from timeline.extraction.entities.names import (
    ORGANISATION,
    PERSON,
    EntityKind,
    EntityResources,
    entity_kind,
    load_entity_resources,
    name_variants,
)
from timeline.extraction.entities.references import reference_mentions
from timeline.extraction.entities.targets import Targets, compile_targets, name_mentions
from timeline.extraction.people import Mention, People, Person
from timeline.text.spans import SpanIndex, quote_spans

__all__ = [
    "ORGANISATION",
    "PERSON",
    "EntityKind",
    "EntityResources",
    "Targets",
    "compile_targets",
    "entity_kind",
    "find_entity_mentions",
    "load_entity_resources",
    "name_mentions",
    "name_variants",
    "reference_mentions",
]


def _person_target(person: str, targets: Targets) -> str | None:
    """The target a person found by the people module is: same name, or a part of it."""
    words = person.lower().split()
    for name in targets.names:
        target_words = name.lower().split()
        if words == target_words:
            return name
        if len(words) < len(target_words) and any(
            target_words[i : i + len(words)] == words for i in range(len(target_words))
        ):
            return name
        if len(target_words) < len(words) and words[-1] == target_words[-1]:
            return name
    return None


def find_entity_mentions(
    text: str,
    sentences: Sequence[tuple[int, int]],
    entities: Iterable[str],
    people: People | None = None,
    language: str = "en",
) -> People:
    """Every reference to a target entity, as a People whose persons are the targets.

    ``people`` (from :func:`timeline.extraction.people.find_people`) lends its mentions of
    targets that are people: surnames, pronouns, titles, speakers.
    """
    targets = compile_targets(tuple(entities), language)
    quotes = SpanIndex(quote_spans(text))
    named = name_mentions(text, targets, quotes)
    person_mentions: list[Mention] = []
    if people is not None:
        owners = {p: _person_target(p, targets) for p in people.persons}
        for mention in people.mentions:
            target = owners.get(mention.person)
            if target is not None:
                person_mentions.append(
                    Mention(
                        mention.start,
                        mention.end,
                        mention.text,
                        target,
                        mention.kind,
                        mention.in_quote,
                    )
                )
    taken = SpanIndex((m.start, m.end) for m in person_mentions)
    named = [m for m in named if not taken.overlaps(m.start, m.end)]
    kinds = dict(targets.kinds)
    kinds.update({m.person: PERSON for m in person_mentions})
    references = reference_mentions(
        text, sentences, [*person_mentions, *named], targets, quotes, language, kinds
    )
    mentions = _without_overlaps([*person_mentions, *named, *references])
    persons = {name: Person(name) for name in targets.names}
    for mention in mentions:
        person = persons[mention.person]
        if not person.first_offset or mention.start < person.first_offset:
            person.first_offset = mention.start
    return People(persons, mentions)


def _without_overlaps(mentions: Sequence[Mention]) -> list[Mention]:
    kept: list[Mention] = []
    index = SpanIndex()
    for mention in mentions:  # earlier lists win: names before references
        if not index.overlaps(mention.start, mention.end):
            kept.append(mention)
            index.add(mention.start, mention.end)
    return kept
