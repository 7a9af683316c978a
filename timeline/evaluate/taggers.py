"""Temporal taggers under evaluation, behind one calling convention.

A tagger is any callable ``tagger(text, published=DCT)`` returning objects with
``start``, ``end``, ``text``, ``type`` and ``value``: the contract of
``timeline.extraction.temporal.find_timexes``. Runners take the tagger as a parameter so tests
can pass a fake and benchmarks can pass HeidelTime or a baseline.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from timeline.evaluate.te3 import as_timex
from timeline.evaluate.timeml import TimemlDocument, Timex

Tagger = Callable[..., Iterable[Any]]

#: Names accepted by ``load_tagger`` and the command line's ``--tagger``.
TAGGER_NAMES = ("timeline", "heideltime", "dateparser", "spacy")


def load_tagger(name: str) -> Tagger:
    """Return the tagger called ``name`` (see ``TAGGER_NAMES``); imports happen only here."""
    if name == "timeline":
        try:
            from timeline.extraction.temporal import find_timexes
        except ImportError as error:
            raise RuntimeError(
                "timeline.extraction.temporal.find_timexes is not available yet; "
                "pick another --tagger (heideltime, dateparser, spacy)"
            ) from error
        return find_timexes
    if name == "heideltime":
        from timeline.evaluate.heideltime import HeidelTime

        return HeidelTime()
    if name == "dateparser":
        from timeline.evaluate.baselines import dateparser_search_tagger

        return dateparser_search_tagger
    if name == "spacy":
        from timeline.evaluate.baselines import SpacyDateparserTagger

        return SpacyDateparserTagger()
    raise ValueError(f"unknown tagger {name!r}; choose from {', '.join(TAGGER_NAMES)}")


def tag_documents(
    documents: Sequence[TimemlDocument], tagger: Tagger
) -> tuple[dict[str, list[Timex]], float]:
    """Run ``tagger`` on each document's text with its DCT; return timexes per id and seconds."""
    started = time.perf_counter()
    found = {
        doc.doc_id: [as_timex(t) for t in tagger(doc.text, published=doc.dct)] for doc in documents
    }
    return found, time.perf_counter() - started
