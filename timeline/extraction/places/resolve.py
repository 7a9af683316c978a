"""From a place name to a gazetteer entry: which of the places of that name is meant, and
how precise it is.

Among several places of one name, the one in the country the article is about wins,
then one in a country the article names, then a country over a town over a region
(unless the text says "State", "Region", ...), then the larger town. A name the
gazetteer lacks stays unresolved: its words are kept, nothing is guessed.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from timeline.extraction.places.build import name_key
from timeline.extraction.places.gazetteer import Entry, Gazetteer, gazetteer
from timeline.extraction.places.mentions import PlaceMention
from timeline.extraction.places.resources import place_words

KIND_ORDER = {"country": 2.0, "town": 1.0, "region": 0.5}


@dataclass(frozen=True)
class Resolved:
    """A place as the event table writes it."""

    location: str
    admin1: str
    country: str
    latitude: float | None
    longitude: float | None
    #: ACLED's sense: 1 the town itself, 2 near it or part of a region, 3 region or country.
    precision: int


@dataclass(frozen=True)
class Context:
    """What the article says about where it is: countries by how often they come up, and
    those it names for sure (by a country or region name, or two different towns: one
    repeated town name may be a person's name the tagger took for a place)."""

    countries: Counter
    named: frozenset[str] = frozenset()

    @property
    def main(self) -> str:
        """The country the article is about ("" when it names none)."""
        return self.countries.most_common(1)[0][0] if self.countries else ""


def candidates(name: str, region: bool = False, places: Gazetteer | None = None) -> list[Entry]:
    """Every gazetteer entry a written name can mean (regions only for "X State").

    >>> sorted({e.kind for e in candidates("Kayin State", region=True)})
    ['region']
    """
    places = places or gazetteer()
    words = place_words()
    text = " ".join(name.split())
    spelled = words.town_spellings.get(text.lower())
    if spelled is not None:
        return [e for e in places.lookup(spelled[0]) if e.country_code == spelled[1]]
    found = list(places.lookup(text))
    parts = text.split()
    if region and len(parts) > 1 and parts[-1].lower() in words.region_words:
        found = [e for e in found if e.kind == "region"] or [
            e for e in places.lookup(" ".join(parts[:-1])) if e.kind == "region"
        ]
    return found


def known(name: str) -> bool:
    """Whether the gazetteer has a place of this name (for names spaCy did not tag)."""
    return bool(candidates(name))


def article_context(names: Iterable[str]) -> Context:
    """The countries an article's place names point to; a name of one country only counts
    for it (an ambiguous town counts for none)."""
    counts: Counter = Counter()
    towns: dict[str, set[str]] = {}
    named: set[str] = set()
    for name in names:
        found = candidates(name)
        countries = {e.country_code for e in found}
        if len(countries) == 1:
            country = countries.pop()
            counts[country] += 1
            if any(e.kind != "town" for e in found):
                named.add(country)
            towns.setdefault(country, set()).add(name_key(name))
    named |= {country for country, keys in towns.items() if len(keys) > 1}
    return Context(counts, frozenset(named))


def choose(
    found: list[Entry], context: Context, region: bool = False, written: str = ""
) -> Entry | None:
    """The entry meant, by the rules of the module docstring; None rather than a guess
    when towns of that name lie in several countries the article never names (unless one
    is far larger), when a town outside them is small, or known only by another name."""
    if not found:
        return None
    main = context.main

    def score(entry: Entry) -> tuple:
        kind = KIND_ORDER[entry.kind] if not region else float(entry.kind == "region")
        return (
            entry.country_code == main,
            entry.country_code in context.named,
            kind,
            math.log10(entry.population + 10),
        )

    best = max(found, key=score)
    # A far larger town of the name in a country the article names wins over a small one
    # in the country it is mostly about (Donetsk in Ukraine, not in Rostov region).
    larger = [
        e for e in found
        if e.kind == best.kind == "town" and e.country_code in context.named
        and e.population >= 10 * max(best.population, 1)
    ]  # fmt: skip
    if larger:
        best = max(larger, key=lambda e: e.population)
    if best.kind == "country" or best.country_code in context.named:
        return best
    if context.named and best.kind == "town" and best.population < 100_000:
        return None  # a small town in a country the article never names: a guess
    others = [e.population for e in found if e.country_code != best.country_code]
    if others and not (best.population >= 100_000 and best.population >= 10 * max(others)):
        return None
    if written and context.named and name_key(best.name) != name_key(written):
        return None
    return best


def resolve(mention: PlaceMention, context: Context) -> Resolved | None:
    """The place a mention names, or None when the gazetteer does not know it.

    A facility's name ("Insein prison") resolves through the town in it.
    """
    found = candidates(mention.text, mention.region)
    if not found and mention.region:
        found = _near_spellings(mention.text, context.main)
    entry = choose(found, context, mention.region, mention.text)
    shown = mention.text
    facility = mention.text.split()[-1].lower() in place_words().facility_words
    if entry is None and not mention.region and facility:
        for word in _inner_names(mention.text):
            towns = [e for e in candidates(word) if e.kind == "town"]
            entry = choose([e for e in towns if e.country_code in context.named], context)
            if entry is not None:
                shown = word
                break
    if entry is None:
        return None
    if entry.kind == "town":
        precision = 2 if mention.role == "near" else 1
    else:
        precision = 2 if mention.part or mention.role == "near" else 3
    return Resolved(
        location=_shown_name(shown, entry),
        admin1=entry.admin1,
        country=entry.country,
        latitude=entry.latitude,
        longitude=entry.longitude,
        precision=precision,
    )


def _near_spellings(text: str, country: str) -> list[Entry]:
    """Regions of the article's country one letter away from a name written with a region
    word ("Kayinn State" for Kayin): news copies slip a letter, region names are few."""
    from rapidfuzz.distance import Levenshtein

    words = text.split()
    key = name_key(" ".join(words[:-1]))
    if not country or len(key) < 4:
        return []
    return [
        e
        for e in gazetteer().regions_of(country)
        if Levenshtein.distance(name_key(e.name), key, score_cutoff=1) <= 1
    ]


def _inner_names(text: str) -> list[str]:
    """The capitalised words a facility's name starts with ("Insein" of "Insein Prison"),
    longest first."""
    words = text.split()
    runs = [" ".join(words[:j]) for j in range(len(words) - 1, 0, -1)]
    return [run for run in runs if all(w[:1].isupper() for w in run.split())]


def _shown_name(written: str, entry: Entry) -> str:
    """The gazetteer's name, or the written one when it was found by another of the
    place's names ("Champhai" is filed under a local name)."""
    if entry.kind != "town":
        return entry.name
    if name_key(entry.name) == name_key(written) or not written.isascii():
        return entry.name
    return " ".join(w.capitalize() if w.isupper() else w for w in written.split())
