"""The offline gazetteer: names of towns, first-level regions and countries, looked up.

The data comes from installed packages (see ``build``) and is turned once into a small
SQLite file under the cache folder (``$TIMELINE_CACHE``, else ``~/.cache/timeline``),
named by the data's versions; later processes open that file and read only the names
they look up, so no process holds the 170,000 towns in memory. Where the cache folder
cannot be written, the file is built in a temporary folder for the process.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from timeline.extraction.places.build import build, data_version, name_key
from timeline.extraction.places.resources import place_words

CACHE_ENV = "TIMELINE_CACHE"


@dataclass(frozen=True)
class Entry:
    """One place the gazetteer knows."""

    kind: str  # "town", "region" or "country"
    name: str
    country_code: str
    country: str
    admin1: str
    latitude: float | None
    longitude: float | None
    population: int


def cache_dir() -> Path:
    """Where the built gazetteer lies: ``$TIMELINE_CACHE``, else ``~/.cache/timeline``."""
    configured = os.environ.get(CACHE_ENV)
    return Path(configured) if configured else Path.home() / ".cache" / "timeline"


def _built_file() -> Path:
    """The gazetteer file for the installed data, built when missing (atomically, so two
    processes building at once both end with a whole file)."""
    name = f"gazetteer-{data_version()}.sqlite"
    for folder in (cache_dir(), Path(tempfile.gettempdir()) / f"timeline-{os.getuid()}"):
        target = folder / name
        if target.is_file():
            return target
        try:
            folder.mkdir(parents=True, exist_ok=True)
            handle, partial = tempfile.mkstemp(dir=folder, suffix=".partial")
            os.close(handle)
            try:
                build(Path(partial), place_words().country_aliases)
                os.replace(partial, target)
            finally:
                Path(partial).unlink(missing_ok=True)
            return target
        except OSError:
            continue
    raise OSError("no folder to build the gazetteer in: set TIMELINE_CACHE")


class Gazetteer:
    """Look-ups by name in the built file; each name is read once per process."""

    def __init__(self, path: Path):
        self._connection = sqlite3.connect(
            f"file:{path}?mode=ro", uri=True, check_same_thread=False
        )
        self._lock = threading.Lock()
        self._seen: dict[str, tuple[Entry, ...]] = {}

    def lookup(self, name: str) -> tuple[Entry, ...]:
        """Every place of that name (accents, case and hyphens folded), towns first.

        >>> [e.country_code for e in gazetteer().lookup("Mae Sot")]
        ['TH']
        """
        key = name_key(name)
        found = self._seen.get(key)
        if found is None:
            with self._lock:
                rows = self._connection.execute(
                    "SELECT p.kind, p.name, p.country_code, p.country, p.admin1, p.latitude, "
                    "p.longitude, p.population FROM names n JOIN places p ON p.id = n.place "
                    "WHERE n.key = ? ORDER BY p.id",
                    [key],
                ).fetchall()
            found = tuple(Entry(*row) for row in rows)
            if len(self._seen) < 100_000:
                self._seen[key] = found
        return found

    def country(self, code: str) -> Entry | None:
        """The country with ISO code ``code``."""
        with self._lock:
            row = self._connection.execute(
                "SELECT kind, name, country_code, country, admin1, latitude, longitude, "
                "population FROM places WHERE kind = 'country' AND country_code = ?",
                [code],
            ).fetchone()
        return Entry(*row) if row else None

    def regions_of(self, code: str) -> tuple[Entry, ...]:
        """The first-level regions of one country."""
        with self._lock:
            rows = self._connection.execute(
                "SELECT kind, name, country_code, country, admin1, latitude, longitude, "
                "population FROM places WHERE kind = 'region' AND country_code = ?",
                [code],
            ).fetchall()
        return tuple(Entry(*row) for row in rows)


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The process's gazetteer, opened (and built, the first time on a machine) once."""
    return Gazetteer(_built_file())
