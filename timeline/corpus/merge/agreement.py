"""Whether two events may tell one happening: compatible types, agreeing dates, quotes
that say the same thing."""

from __future__ import annotations

import re

from timeline.corpus.merge.settings import MergeSettings, load_merge_settings

GRANULARITY_RANK = {"day": 0, "month": 1, "year": 2}
_LETTERS = re.compile(r"[^\W\d_]+")


def type_class(event_type: str, settings: MergeSettings | None = None) -> str:
    """The class of compatible types an event type belongs to (the type itself if alone).

    >>> type_class("escape") == type_class("defection"), type_class("release")
    (True, 'release')
    """
    settings = settings or load_merge_settings()
    for group in settings.compatible_types:
        if event_type in group:
            return "+".join(group)
    return event_type


def content_words(
    quote: str, person: str = "", settings: MergeSettings | None = None
) -> frozenset[str]:
    """The stems of a quote's content words: no numbers, stop words or the person's name.

    >>> sorted(content_words("Tun Aye said the army had defected on 5 May.", "Tun Aye"))
    ['army', 'defect']
    """
    settings = settings or load_merge_settings()
    words = set(_LETTERS.findall(str(quote).casefold())) - settings.skipped_words
    if person:
        words -= set(_LETTERS.findall(str(person).casefold()))
    stem = settings.stem_length
    return frozenset(word[:stem] for word in words if len(word) > 2)


def same_report(a: frozenset[str], b: frozenset[str], settings: MergeSettings) -> bool:
    """Whether two quotes' content words say the same thing (overlap of the smaller set)."""
    if not a or not b:
        return False
    shared = len(a & b)
    return shared >= settings.min_shared_words and shared / min(len(a), len(b)) >= (
        settings.min_similarity
    )


def quotes_agree(
    quote_a: str, quote_b: str, person: str = "", settings: MergeSettings | None = None
) -> bool:
    """``same_report`` on two quotes' content words.

    >>> quotes_agree("She said the army would lose control of the valley on 5 May.",
    ...              "On 6 May she told reporters the army would lose control of the valley.")
    True
    """
    settings = settings or load_merge_settings()
    return same_report(
        content_words(quote_a, person, settings), content_words(quote_b, person, settings), settings
    )


def dates_agree(date_a: str, gran_a: str, date_b: str, gran_b: str) -> bool:
    """Whether two dates agree at the coarser granularity (one period holds the other).

    >>> dates_agree("2021-05", "month", "2021-05-05", "day"), dates_agree(
    ...     "2021-05-05", "day", "2021-05-06", "day")
    (True, False)
    """
    coarser = max(GRANULARITY_RANK.get(gran_a, 0), GRANULARITY_RANK.get(gran_b, 0))
    length = (10, 7, 4)[coarser]
    return str(date_a)[:length] == str(date_b)[:length]
