"""Every setting of one extraction in one object, checked when it is made.

Like dateparser's settings: the public functions take plain keywords, build one
:class:`ExtractOptions`, and every step below reads its settings from it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class ExtractOptions:
    """Every setting of one extraction, checked once and passed down as one.

    ``event_types``: a lexicon file (None: the packaged one). ``model``: a spaCy model
    (None: $TIMELINE_SPACY_MODEL, else an installed default). ``entities``: the target
    names whose events to give instead of the people's. ``title``, ``url`` and
    ``doc_id`` go into every row (no ``doc_id``: a hash of the text).

    >>> ExtractOptions(entities=["Acme Corp"], event_types="").entities
    ('Acme Corp',)
    >>> ExtractOptions(entities="Acme Corp")
    Traceback (most recent call last):
    ...
    TypeError: entities: expected a list of names, not one string
    """

    event_types: str | None = None
    model: str | None = None
    #: Stored as a tuple (None for no names): hashable, and read again for every document.
    entities: Sequence[str] | None = None
    title: str = ""
    url: str = ""
    doc_id: str | None = None
    #: Read page furniture (bylines, captions, headlines) apart from the story; off for
    #: texts where every line is story, such as a corpus whose title line is annotated.
    furniture: bool = True

    def __post_init__(self) -> None:
        event_types = self.event_types
        if event_types is not None and not isinstance(event_types, (str, os.PathLike)):
            raise TypeError(f"event_types: expected a file path or None, not {_kind(event_types)}")
        self._set("event_types", os.fspath(event_types) if event_types else None)
        self._set("model", _text_or_none("model", self.model, "a spaCy model name") or None)
        self._set("entities", _names(self.entities))
        self._set("title", _text_or_none("title", self.title, "text") or "")
        self._set("url", _text_or_none("url", self.url, "text") or "")
        self._set("doc_id", _text_or_none("doc_id", self.doc_id, "text") or None)
        if not isinstance(self.furniture, bool):
            raise TypeError(f"furniture: expected True or False, not {_kind(self.furniture)}")

    def _set(self, name: str, value: object) -> None:
        object.__setattr__(self, name, value)


def _kind(value: object) -> str:
    return type(value).__name__


def _text_or_none(name: str, value: object, expected: str) -> str | None:
    if value is not None and not isinstance(value, str):
        raise TypeError(f"{name}: expected {expected} or None, not {_kind(value)}")
    return value


def _names(value: Iterable[str] | None) -> tuple[str, ...] | None:
    """Target names as a tuple, None for none."""
    if value is None:
        return None
    if isinstance(value, (str, bytes)):
        raise TypeError("entities: expected a list of names, not one string")
    names = tuple(value)
    if not all(isinstance(name, str) for name in names):
        raise TypeError("entities: every name must be text")
    return names or None


DEFAULT_OPTIONS = ExtractOptions()
