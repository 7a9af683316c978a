"""The extractor as a SemEval-2015 Task 4 system: target entities in, timelines out.

Each Track A document goes through :func:`timeline.extraction.pipeline.mentions_from_doc` with
the corpus's target entities and its creation time as publication date. Every
mention of a target becomes an event at its trigger word, named the task's way
(``docid-sentence-surface``). A dated event is anchored at its date, cut to the
precision the text gives (``2008-03-XX``); an undated one at the document creation
time when its verb is in the past tense, a participle or the third person present
(news reports what was done, and headlines do it in the present), and left unplaced
(position 0) otherwise. Anchors are ordered by date; events sharing an anchor share
a position. Only the token files and the target entity list are read.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from timeline.evaluate.cat import CatDocument, mention
from timeline.evaluate.semeval2015 import UNKNOWN_ANCHOR, Timeline, TimelineLine
from timeline.evaluate.semeval2015_baseline import anchor_of, anchor_order

GRANULARITY_PARTS = {"day": 3, "month": 2, "year": 1}
#: Verb tags of an undated happening the article reports as done (by its DCT).
REPORTED_TAGS = ("VBD", "VBN", "VBZ")
#: Present-tense tags that also report what happened, in a headline.
HEADLINE_TAGS = ("VBP",)


def date_anchor(date: str, granularity: str) -> str | None:
    """An event row's date as an anchor, unknown parts as XX.

    >>> date_anchor("2008-03", "month"), date_anchor("2008", "year"), date_anchor("", "")
    ('2008-03-XX', '2008-XX-XX', None)
    """
    if not date:
        return None
    parts = date.split("-")[: GRANULARITY_PARTS.get(granularity, 3)]
    parts += ["XX"] * (3 - len(parts))
    return "-".join(parts)


@dataclass
class PipelineSystem:
    """The extractor with target entities (see the module docstring)."""

    model: str | None = None
    undated_at_dct: bool = True

    def document_events(
        self, entities: Sequence[str], doc: CatDocument
    ) -> list[tuple[str, str, str]]:
        """(entity, anchor, mention) for every target mention of one document."""
        from timeline.extraction.nlp import parse
        from timeline.extraction.options import ExtractOptions
        from timeline.extraction.pipeline import mentions_from_doc
        from timeline.text.documents import published_date

        parsed = parse(doc.text, self.model)
        tags = {token.idx: token.tag_ for token in parsed}
        dct = anchor_of(doc.dct) or UNKNOWN_ANCHOR
        found = []
        # Every line of a Track A document is text, its title sentence included.
        options = ExtractOptions(doc_id=doc.doc_id, entities=list(entities), furniture=False)
        for row in mentions_from_doc(parsed, published_date(doc.dct), options):
            tokens = doc.tokens_in(row["trigger_start"], row["trigger_end"])
            if not tokens or len({t.sentence for t in tokens}) != 1:
                continue
            anchor = date_anchor(row["date"], row["granularity"])
            if anchor is None:
                tag = tags.get(row["trigger_start"], "")
                title = tokens[0].sentence == 0  # headlines tell past news in the present
                reported = tag in REPORTED_TAGS or (title and tag in HEADLINE_TAGS)
                anchor = dct if self.undated_at_dct and reported else UNKNOWN_ANCHOR
            found.append((row["person"], anchor, mention(doc, tokens)))
        return found

    def __call__(
        self, entities: Sequence[str], documents: Sequence[CatDocument]
    ) -> dict[str, Timeline]:
        events: dict[str, list[tuple[str, str]]] = {entity: [] for entity in entities}
        for doc in documents:
            for entity, anchor, name in self.document_events(entities, doc):
                if entity in events and (anchor, name) not in events[entity]:
                    events[entity].append((anchor, name))
        timelines = {}
        for entity, found in events.items():
            anchors = sorted({a for a, _ in found if a != UNKNOWN_ANCHOR}, key=anchor_order)
            position = {anchor: rank for rank, anchor in enumerate(anchors, start=1)}
            lines = [TimelineLine(position.get(a, 0), a, (m,)) for a, m in found]
            lines.sort(key=lambda line: line.position)
            timelines[entity] = Timeline(entity, lines)
        return timelines
