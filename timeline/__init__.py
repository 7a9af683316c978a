"""timeline: dated, attributed, quoted events from news articles.

>>> from timeline import extract
>>> df = extract("On 7 October, Jane Doe left her base.", published="2021-11-21")
>>> df.loc[0, ["person", "date", "granularity"]].tolist()
['Jane Doe', '2021-10-07', 'day']
"""

from __future__ import annotations

from timeline.schema import EVENT_COLUMNS, events_frame

__all__ = ["EVENT_COLUMNS", "events_frame", "extract", "extract_many", "extract_mentions"]
__version__ = "0.1.0"


def extract(text: str, published: str | None = None, **options):
    """Extract the dated events of one article as a pandas DataFrame (see ``timeline.pipeline``).

    ``entities=[...]`` follows those organisations, products, markets or people.
    """
    from timeline.pipeline import extract as _extract

    return _extract(text, published=published, **options)


def extract_mentions(text: str, published: str | None = None, **options):
    """Events with their trigger word and its offsets, undated names too (``timeline.pipeline``)."""
    from timeline.pipeline import extract_mentions as _extract_mentions

    return _extract_mentions(text, published=published, **options)


def extract_many(documents, **options):
    """Extract events from many documents through ``nlp.pipe`` (see ``timeline.pipeline``)."""
    from timeline.pipeline import extract_many as _extract_many

    return _extract_many(documents, **options)
