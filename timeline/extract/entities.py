"""Target entities: the organisations, products, markets and people a user follows.

Given a list of names, find every place a document refers to one of them: the name
as written in other cases, with a possessive or a plural, without optional words
("Federal Reserve" for "US Federal Reserve"), joined ("DaimlerChrysler"), as an
acronym ("GM"), as a short form ("Boeing 787" for "Boeing 787 Dreamliner", "A380"
for "Airbus A380"), as a nominal ("the company", "the aircraft") or as "it". A
variant two targets share belongs to neither, unless it is one target's full name.
People among the targets keep the people module's mentions (surnames, pronouns,
"the chief executive"). The result is a :class:`timeline.extract.people.People`, so the
event rules treat target entities exactly as they treat people.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from timeline.extract.people import Mention, People, Person
from timeline.resources import resource_path
from timeline.text.spans import SpanIndex, quote_spans

PERSON = "person"
ORGANISATION = "organisation"
#: Sentences back (the current one included) that a nominal or pronoun may reach.
NOMINAL_REACH = 3
PRONOUN_REACH = 2
DIGIT = re.compile(r"\d")
MODEL_WORD = re.compile(r"^(?:[A-Z]+\d+[A-Za-z]*|\d{3,})$")
EXPLETIVE_IT = re.compile(
    r"\s+(?:is|was|'s|’s|has\s+been|had\s+been|will\s+be)\s+\w+\s+(?:that|to)\b"
)


@dataclass(frozen=True)
class EntityKind:
    """A kind of target: how its names look and the nominals that refer to it."""

    name: str
    name_words: frozenset[str]
    name_patterns: tuple[re.Pattern, ...]
    nominals: tuple[str, ...]
    organisation: bool = False
    suffix_short_forms: bool = False
    first_word_short_form: bool = False


@dataclass(frozen=True)
class EntityResources:
    """The word lists of ``resources/<language>/entities.yaml``."""

    optional_words: frozenset[str]
    equivalent_words: dict[str, tuple[str, ...]]
    generic_words: frozenset[str]
    acronym_skip: frozenset[str]
    kinds: tuple[EntityKind, ...]
    pronouns: tuple[str, ...]
    examples: dict[str, tuple[str, ...]] = field(default_factory=dict)


def _resource_path(name: str, language: str = "en") -> Path:
    return resource_path(language, name)


@lru_cache(maxsize=2)
def load_entity_resources(language: str = "en") -> EntityResources:
    """Load the entity word lists of ``language`` (cached)."""
    path = _resource_path("entities.yaml", language)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    kinds = tuple(
        EntityKind(
            name=str(name),
            name_words=frozenset(w.lower() for w in spec.get("name_words", ())),
            name_patterns=tuple(re.compile(p) for p in spec.get("name_patterns", ())),
            nominals=tuple(spec.get("nominals", ())),
            organisation=bool(spec.get("organisation", False)),
            suffix_short_forms=bool(spec.get("suffix_short_forms", False)),
            first_word_short_form=bool(spec.get("first_word_short_form", False)),
        )
        for name, spec in data["kinds"].items()
    )
    return EntityResources(
        optional_words=frozenset(w.lower() for w in data["optional_words"]),
        equivalent_words={
            str(k).lower(): tuple(v) for k, v in (data.get("equivalent_words") or {}).items()
        },
        generic_words=frozenset(w.lower() for w in data["generic_words"]),
        acronym_skip=frozenset(w.lower() for w in data["acronym_skip"]),
        kinds=kinds,
        pronouns=tuple(data["pronouns"]),
        examples={str(n): tuple(s.get("examples", ())) for n, s in data["kinds"].items()},
    )


def entity_kind(name: str, res: EntityResources | None = None) -> str:
    """The kind of a target from its name alone (organisation when nothing says otherwise).

    >>> entity_kind("Singapore Airlines"), entity_kind("Airbus A380"), entity_kind("Ford")
    ('airline', 'aircraft', 'organisation')
    """
    res = res or load_entity_resources()
    words = {w.lower() for w in name.split()}
    for kind in res.kinds:
        if words & kind.name_words or any(p.search(name) for p in kind.name_patterns):
            return kind.name
    return ORGANISATION


def _acronym(words: Sequence[str], res: EntityResources) -> str | None:
    significant = [w for w in words if w.lower() not in res.acronym_skip]
    if len(significant) < 2 or not all(w[:1].isupper() and w.isalpha() for w in significant):
        return None
    if len(significant) == 2 and not any(w.lower() in res.generic_words for w in significant):
        return None
    return "".join(w[0] for w in significant)


def _is_model(word: str) -> bool:
    return bool(MODEL_WORD.match(word))


def name_variants(name: str, res: EntityResources | None = None) -> list[str]:
    """The ways a target's name may be written, the name itself first.

    >>> name_variants("General Motors")
    ['General Motors', 'GeneralMotors', 'General-Motors', 'GM']
    >>> name_variants("Boeing 787 Dreamliner")[:4]
    ['Boeing 787 Dreamliner', 'Boeing 787', 'Boeing', '787 Dreamliner']
    """
    res = res or load_entity_resources()
    words = name.split()
    found: list[str] = [name]

    def add(form: str) -> None:
        form = " ".join(form.split())
        if form and form not in found:
            found.append(form)

    for index, word in enumerate(words):
        for other in res.equivalent_words.get(word.lower(), ()):
            add(" ".join([*words[:index], other, *words[index + 1 :]]))
    kind_words = {w for kind in res.kinds for w in kind.name_words}
    kept = [w for w in words if w.lower() not in res.optional_words]
    if kept and kept != words:
        single = kept[0].lower()
        if len(kept) > 1 or single not in res.generic_words or single in kind_words:
            add(" ".join(kept))  # "Federal Reserve", "dollar"
    if len(words) == 2 and all(w[:1].isupper() and w.isalpha() for w in words):
        add("".join(words))
        add("-".join(words))
    acronym = _acronym(words, res)
    if acronym:
        add(acronym)
    for k in range(len(words) - 1, 0, -1):
        prefix, rest = words[:k], words[k:]
        if any(_is_model(w) for w in prefix):
            add(" ".join(prefix))  # "Boeing 787" for "Boeing 787 Dreamliner"
        elif k == 1:
            if any(DIGIT.search(w) for w in rest) and prefix[0].lower() not in res.generic_words:
                add(prefix[0])  # "Boeing" for "Boeing 777", "Nikkei" for "NIKKEI 225"
        elif rest[-1].lower() in kind_words and all(
            w.lower() in res.generic_words for w in rest[:-1]
        ):
            add(" ".join(prefix))  # "China Eastern" for "China Eastern Airlines"
    kind = next((k for k in res.kinds if k.name == entity_kind(name, res)), None)
    if kind is not None and kind.suffix_short_forms:
        for k in range(1, len(words)):
            suffix = words[k:]
            if _is_model(suffix[0]) or (suffix[0][:1].isupper() and len(suffix) == 1):
                add(" ".join(suffix))  # "787 Dreamliner", "Dreamliner", "A380"
    if (
        kind is not None
        and kind.first_word_short_form
        and len(words) > 1
        and words[0].lower() not in res.generic_words
    ):
        add(words[0])  # "Dow" for "Dow Jones Industrial Average"
    return found


# ------------------------------------------------------------------ targets


@dataclass(frozen=True)
class Targets:
    """Compiled target entities: each variant's owner, and one pattern for them all."""

    names: tuple[str, ...]
    kinds: dict[str, str]
    owner: dict[str, str]
    pattern: re.Pattern
    exact_case: frozenset[str]
    capitalised: dict[str, bool]


def _variant_regex(variant: str) -> str:
    parts = [re.escape(w) for w in variant.split()]
    return r"\s+".join(parts)


@lru_cache(maxsize=32)
def compile_targets(names: tuple[str, ...], language: str = "en") -> Targets:
    """Variants of every target, with those two targets share dropped (see module doc)."""
    res = load_entity_resources(language)
    names = tuple(dict.fromkeys(" ".join(n.split()) for n in names if n and n.strip()))
    claims: dict[str, set[str]] = {}
    full: dict[str, str] = {}
    for name in names:
        for index, variant in enumerate(name_variants(name, res)):
            claims.setdefault(variant.lower(), set()).add(name)
            if index == 0:
                full[variant.lower()] = name
    owner: dict[str, str] = {}
    surface: dict[str, str] = {}
    for name in names:
        for variant in name_variants(name, res):
            key = variant.lower()
            if key in full:
                owner[key] = full[key]
            elif len(claims[key]) == 1:
                owner[key] = name
            else:
                continue
            surface.setdefault(key, variant)
    exact_case = frozenset(
        key for key, v in surface.items() if v.isupper() and " " not in v and len(v) <= 5
    )
    alternatives = sorted(surface.values(), key=len, reverse=True)
    body = "|".join(_variant_regex(v) for v in alternatives) or "(?!)"
    pattern = re.compile(
        rf"(?<![\w&-])(?P<name>{body})(?P<tail>['’]s\b|['’](?!\w)|s\b)?(?![\w&-])", re.IGNORECASE
    )
    kinds = {name: entity_kind(name, res) for name in names}
    capitalised = {key: v[:1].isupper() for key, v in surface.items()}
    return Targets(names, kinds, owner, pattern, exact_case, capitalised)


def _case_fits(written: str, key: str, targets: Targets) -> bool:
    """Acronyms only in capitals ("GM", not "gm"); a capitalised name not in lower case."""
    if key in targets.exact_case:
        return written.isupper()
    first = next((c for c in written if c.isalpha()), "")
    return not (first.islower() and targets.capitalised[key])


def name_mentions(text: str, targets: Targets, quotes: SpanIndex | None = None) -> list[Mention]:
    """Every written name of a target (variants, possessives, plurals) as a Mention."""
    quotes = quotes if quotes is not None else SpanIndex(quote_spans(text))
    found = []
    for match in targets.pattern.finditer(text):
        written = match.group("name")
        key = " ".join(written.lower().split())
        if key not in targets.owner or not _case_fits(written, key, targets):
            continue
        start, end = match.span("name")
        found.append(Mention(start, end, written, targets.owner[key], "name", start in quotes))
    return found


# ------------------------------------------------------------------ references


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

    ``people`` (from :func:`timeline.extract.people.find_people`) lends its mentions of
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
