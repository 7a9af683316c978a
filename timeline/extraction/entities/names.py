"""Names of target entities: their kinds and the ways each may be written.

The kinds (airline, aircraft, market, ...) and word lists come from
``resources/<language>/entities.yaml``: the words a name may drop ("US" in "US Federal
Reserve"), equivalent words, generic words, and the nominals that refer to each kind.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import yaml

from timeline.resources import resource_path

PERSON = "person"
ORGANISATION = "organisation"
DIGIT = re.compile(r"\d")
MODEL_WORD = re.compile(r"^(?:[A-Z]+\d+[A-Za-z]*|\d{3,})$")


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


@lru_cache(maxsize=2)
def load_entity_resources(language: str = "en") -> EntityResources:
    """Load the entity word lists of ``language`` (cached)."""
    path = resource_path(language, "entities.yaml")
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
