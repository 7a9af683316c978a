"""timeline: dated, attributed, quoted events from news articles.

The public functions are imported on first use, so ``import timeline`` stays cheap and
``help(timeline.extract)`` shows the real signature.

>>> from timeline import extract
>>> df = extract("On 7 October, Jane Doe left her base.", published="2021-11-21")
>>> df.loc[0, ["person", "date", "granularity"]].tolist()
['Jane Doe', '2021-10-07', 'day']
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # for editors and type checkers; at run time __getattr__ imports them
    from timeline.extraction.pipeline import extract, extract_many, extract_mentions
    from timeline.output.schema import EVENT_COLUMNS, events_frame

__all__ = ["EVENT_COLUMNS", "events_frame", "extract", "extract_many", "extract_mentions"]
__version__ = "0.1.0"

_PUBLIC = {
    "extract": "timeline.extraction.pipeline",
    "extract_many": "timeline.extraction.pipeline",
    "extract_mentions": "timeline.extraction.pipeline",
    "EVENT_COLUMNS": "timeline.output.schema",
    "events_frame": "timeline.output.schema",
}


def __getattr__(name: str) -> Any:
    """Import a public name from the module that defines it, the first time it is asked for."""
    module = _PUBLIC.get(name)
    if module is None:
        raise AttributeError(f"module 'timeline' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_PUBLIC])
