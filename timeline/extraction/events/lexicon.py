"""The event lexicon: event types, their trigger phrases, and reading them from YAML.

A lexicon file (``resources/<language>/event_types.yaml`` or a user's own) maps each
event type to its trigger phrases, a weight, whether it reports speech, and examples
the tests run. An entry may be a second sense of a type (``type: statement`` under an
entry named for what it covers), so one type can have several weights and word lists.
A file that cannot be used raises :class:`LexiconError` naming the file and the problem.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from timeline.resources import resource_path
from timeline.text.documents import DocumentError
from timeline.text.files import read_bounded

#: The type of a dated happening that no trigger names.
OTHER = "other"
#: Between two words of a trigger phrase: spaces and light punctuation ("suit, filed").
WORD_GAP = r"[\s,]+"


class LexiconError(ValueError):
    """An event-type file that cannot be used; the message names the file and the problem."""


@dataclass(frozen=True)
class EventType:
    """One event type: its trigger patterns and how strongly they signal it."""

    name: str
    triggers: tuple[re.Pattern, ...]
    weight: float = 1.0
    reporting: bool = False
    examples: tuple[str, ...] = ()
    counter_examples: tuple[str, ...] = ()
    #: The entry's own name in the file (differs from ``name`` for a second sense).
    sense: str = ""


@dataclass(frozen=True)
class Trigger:
    """A trigger found in the text."""

    start: int
    end: int
    type: str
    weight: float
    reporting: bool = False


@dataclass(frozen=True)
class Lexicon:
    """The event types of a lexicon file, in file order."""

    types: tuple[EventType, ...]

    @property
    def type_names(self) -> tuple[str, ...]:
        """The types this lexicon gives, in file order, each once."""
        return tuple(dict.fromkeys(kind.name for kind in self.types))

    def triggers(self, text: str, start: int = 0, end: int | None = None) -> list[Trigger]:
        """Every trigger in text[start:end], in text order."""
        end = len(text) if end is None else end
        found = [
            Trigger(m.start(), m.end(), kind.name, kind.weight, kind.reporting)
            for kind in self.types
            for pattern in kind.triggers
            for m in pattern.finditer(text, start, end)
        ]
        found = [
            t
            for t in found
            if not any(
                o.type != t.type
                and o.start <= t.start
                and t.end <= o.end
                and (o.end - o.start) > (t.end - t.start)
                for o in found
            )
        ]
        return sorted(found, key=lambda t: (t.start, -(t.end - t.start)))


def compile_trigger(phrase: str) -> re.Pattern:
    """A trigger phrase ("left|leave his|her base", "defect*", "into ~~ prison") as a regex."""
    regex = ""
    for token in phrase.split():
        if token == "~~":
            regex += r"(?:\S+\s+){0,3}"
        elif token == "~":
            regex += r"\S+\s+"
        else:
            choices = [
                re.escape(c[:-1]) + r"[\w-]*" if c.endswith("*") else re.escape(c)
                for c in token.split("|")
            ]
            regex += "(?:" + "|".join(choices) + ")" + WORD_GAP
    if regex.endswith(WORD_GAP):
        regex = regex[: -len(WORD_GAP)]
    return re.compile(r"\b" + regex + r"\b", re.IGNORECASE)


def combine_triggers(patterns: list[re.Pattern]) -> tuple[re.Pattern, ...]:
    """One alternation per type (longest phrase first): one scan of a clause instead of many."""
    if not patterns:
        return ()
    ordered = sorted(patterns, key=lambda p: -len(p.pattern))
    return (re.compile("|".join(f"(?:{p.pattern})" for p in ordered), re.IGNORECASE),)


def _default_lexicon_path(language: str) -> Path:
    return resource_path(language, "event_types.yaml")


#: Largest event-type file read: the packaged one is under 10 KB.
MAX_LEXICON_BYTES = 1_000_000


@lru_cache(maxsize=8)
def load_lexicon(path: str | None = None, language: str = "en") -> Lexicon:
    """Load an event lexicon (the packaged one when ``path`` is None)."""
    file = Path(path) if path else _default_lexicon_path(language)
    try:
        data = yaml.safe_load(read_bounded(file, MAX_LEXICON_BYTES).decode("utf-8"))
    except DocumentError as error:  # not a regular file, or too big
        raise LexiconError(str(error).replace(": the text is", ": the event types are")) from None
    except (yaml.YAMLError, UnicodeDecodeError, RecursionError):
        raise LexiconError(f"{file}: the event types are not valid YAML") from None
    if not isinstance(data, dict) or not data:
        raise LexiconError(f"{file}: expected a mapping of event type -> {{triggers: [...]}}")
    types = []
    for name, spec in data.items():
        spec = spec or {}
        triggers = spec.get("triggers", []) if isinstance(spec, dict) else spec
        if not isinstance(triggers, list) or not all(isinstance(t, str) for t in triggers):
            raise LexiconError(f"{file}: event type {name!r} needs a list of trigger phrases")
        try:
            compiled = combine_triggers([compile_trigger(t) for t in triggers if t.strip()])
        except re.error as error:
            raise LexiconError(f"{file}: event type {name!r} has a bad trigger ({error})") from None
        weight, reporting, examples, counter = _type_settings(spec, name, file)
        given = spec.get("type", name) if isinstance(spec, dict) else name
        if not isinstance(given, str) or not given.strip():
            raise LexiconError(f"{file}: entry {name!r} has a type that is not a name")
        types.append(
            EventType(given, compiled, weight, reporting, examples, counter, sense=str(name))
        )
    return Lexicon(tuple(types))


def _type_settings(spec: object, name: object, file: Path) -> tuple:
    """An event type's weight, reporting flag, examples and counter-examples, each of the
    type it must be (a LexiconError naming the type and the key otherwise)."""
    if not isinstance(spec, dict):
        return 1.0, False, (), ()
    weight = spec.get("weight", 1.0)
    if isinstance(weight, bool) or not isinstance(weight, (int, float)):
        raise LexiconError(f"{file}: event type {name!r}: 'weight' must be a number")
    reporting = spec.get("reporting", False)
    if not isinstance(reporting, bool):
        raise LexiconError(f"{file}: event type {name!r}: 'reporting' must be true or false")
    lists = []
    for key in ("examples", "not"):
        value = spec.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise LexiconError(f"{file}: event type {name!r}: '{key}' must be a list of text")
        lists.append(tuple(value))
    return float(weight), reporting, *lists
