"""Typing a dated predicate by its lemma and frame (``resources/<lang>/event_frames.yaml``).

"released an interview with him" is a statement and "was released from prison" a
release; "joined the army" is an enlistment and "joined the resistance" a defection. The
sense is chosen by what hangs on the verb, not by the verb's string.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from timeline.extraction.events.groups import own_phrase
from timeline.extraction.places.resources import country_names
from timeline.resources import resource_path

#: The type of a clause that is no event of the people in it.
NONE = "none"
#: The first words of an object phrase that names where someone left from.
SOURCE_WORDS = frozenset({"from", "out", "off"})


@dataclass(frozen=True)
class Sense:
    """One sense of a lemma: its type and the conditions that select it."""

    type: str
    objects: tuple[re.Pattern, ...] = ()
    particles: tuple[str, ...] = ()
    subjects: tuple[re.Pattern, ...] = ()
    reasons: tuple[re.Pattern, ...] = ()
    #: Words of a place left: an object phrase that starts "from", "out of" or "off" ("ran
    #: from his unit"; not "ran to the base").
    sources: tuple[re.Pattern, ...] = ()
    passive: bool | None = None
    nominal: bool | None = None
    #: Only for a member of an armed force, police or prison service ("resigned on 3 May"
    #: is a sergeant's defection, a chief executive's other happening).
    uniformed: bool = False
    #: An object phrase is a country's name ("left Belarus in March").
    country: bool = False
    #: Only when negated: "did not return from leave on 3 May" is a desertion.
    negated: bool = False

    def fits(self, predicate, uniformed: bool = False) -> bool:
        """Whether every condition of this sense holds for ``predicate`` (whose person is
        ``uniformed`` or not)."""
        if self.uniformed and not uniformed:
            return False
        if self.negated and not predicate.negated:
            return False
        if self.country and not any(_is_country(o) for o in predicate.objects):
            return False
        if self.passive is not None and predicate.passive != self.passive:
            return False
        if self.nominal is not None and predicate.nominal != self.nominal:
            return False
        if self.particles and predicate.particle not in self.particles:
            return False
        if self.subjects:
            said = [" ".join(t.lower_ for t in own_phrase(s)) for s in predicate.subjects]
            if not any(p.search(words) for p in self.subjects for words in said):
                return False
        if self.reasons and not any(p.search(r) for p in self.reasons for r in predicate.reasons):
            return False
        if self.sources:
            left = [o for o in predicate.objects if o.split(" ", 1)[0] in SOURCE_WORDS]
            if not any(p.search(o) for p in self.sources for o in left):
                return False
        if self.objects:
            return any(p.search(o) for p in self.objects for o in predicate.objects)
        return True


@dataclass(frozen=True)
class Frames:
    """Senses by lemma, with the examples the tests run."""

    senses: dict[str, tuple[Sense, ...]]
    examples: tuple[tuple[str, str, str], ...]
    #: The closed types, the first winning when two fit one happening.
    precedence: tuple[str, ...] = ()
    #: Types that end the state others tell ("release": imprisonment): dated, they win.
    ends: dict[str, frozenset[str]] = field(default_factory=dict)

    def first(self, kinds: list[str]) -> str:
        """Of several fitting types, the one earliest in the precedence order."""
        order = {kind: index for index, kind in enumerate(self.precedence)}
        return min(kinds, key=lambda kind: order.get(kind, len(order)))

    def dated_first(self, dated: str | None, siblings: list[str]) -> str | None:
        """The type of one happening told by a dated verb and its undated siblings: the
        first in precedence, unless the dated verb ends what the others tell ("was held
        at the station and let go on 3 June" is the release)."""
        kinds = [k for k in (dated, *siblings) if k]
        if not kinds:
            return None
        ended = self.ends.get(dated or "", frozenset())
        return self.first([k for k in kinds if k not in ended])

    def type_of(self, predicate, uniformed: bool = False) -> str | None:
        """The type the first fitting sense gives, or None when the lemma is not known;
        ``uniformed``: the person it is about serves in an armed force or police."""
        for sense in self.senses.get(predicate.lemma, ()):
            if sense.fits(predicate, uniformed):
                return sense.type
        return None

    def told_by_negation(self, predicate) -> bool:
        """Whether a negated predicate is itself a happening: a sense for the negated verb
        fits it ("did not return from leave": a desertion)."""
        senses = self.senses.get(predicate.lemma, ())
        return predicate.negated and any(s.negated and s.fits(predicate) for s in senses)


def _is_country(phrase: str) -> bool:
    """Whether an object phrase is a country's name ("belarus", "the united states"), or
    one entered or set out for ("into thailand", "for lithuania", "over the hills and into
    laos"; "across the border into laos" is not: its head is the border)."""
    for lead in ("into ", "across ", "for "):
        phrase = phrase.removeprefix(lead)
    if " and into " in phrase:  # "over the mountains and into iraq": where the way ended
        phrase = phrase.rsplit(" and into ", 1)[1]
    owner = COUNTRY_OWNER.match(phrase)  # "into ethiopia's tigray region": a part of one
    if owner:
        phrase = owner[1]
    return phrase.removeprefix("the ") in country_names() or phrase in country_names()


#: A place named as a part of its country: "ethiopia's tigray region".
COUNTRY_OWNER = re.compile(r"^(.+?)\s?['’]s\s")


def _word_pattern(phrase: object, where: str) -> re.Pattern:
    if not isinstance(phrase, str):  # YAML reads a bare on/off/yes/no as a boolean
        raise ValueError(f"{where}: {phrase!r} is not a word; quote it")
    # The parse splits a hyphen off ("call - up"): either spelling matches.
    words = [re.escape(w).replace(r"\-", r"\s*-\s*") for w in phrase.lower().split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)")


def _word(value: object, where: str) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{where}: {value!r} is not a word; quote it")
    return value


def _optional_bool(value, where: str) -> bool | None:
    if value is None or isinstance(value, bool):
        return value
    raise ValueError(f"{where}: expected true or false, got {value!r}")


@lru_cache(maxsize=4)
def load_frames(path: str | None = None, language: str = "en") -> Frames:
    """Read and check an event-frames file (the packaged one when ``path`` is None)."""
    path = path or str(resource_path(language, "event_frames.yaml"))
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    senses: dict[str, tuple[Sense, ...]] = {}
    for lemma, entries in data["frames"].items():
        built = []
        for entry in entries:
            where = f"{path}: {lemma}"
            built.append(
                Sense(
                    type=str(entry["type"]),
                    objects=tuple(_word_pattern(o, where) for o in entry.get("objects", ())),
                    particles=tuple(_word(p, where) for p in entry.get("particle", ())),
                    subjects=tuple(_word_pattern(w, where) for w in entry.get("subjects", ())),
                    reasons=tuple(_word_pattern(w, where) for w in entry.get("reasons", ())),
                    sources=tuple(_word_pattern(w, where) for w in entry.get("sources", ())),
                    passive=_optional_bool(entry.get("passive"), where),
                    nominal=_optional_bool(entry.get("nominal"), where),
                    uniformed=bool(_optional_bool(entry.get("uniformed"), where)),
                    country=bool(_optional_bool(entry.get("country"), where)),
                    negated=bool(_optional_bool(entry.get("negated"), where)),
                )
            )
        senses[str(lemma)] = tuple(built)
    examples = tuple((str(s), str(d), str(t)) for s, d, t in data.get("examples", ()))
    precedence = tuple(str(kind) for kind in data.get("precedence", ()))
    ends = {str(k): frozenset(map(str, v)) for k, v in (data.get("ends") or {}).items()}
    return Frames(senses, examples, precedence, ends)
