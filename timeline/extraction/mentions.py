"""Word-level event mentions: the word that says what happened, located in its sentence.

An event row says who, what and when; a mention adds the event's word ("defected",
"unveiled", "deal") with its character offsets. The word of a dated event is its
lexicon trigger when it has one, else the verb that governs the event's subject. Names
(of people or target entities) that no dated event covers still give a mention, with
no date, at the verb that governs them: the verb right after a subject, else the verb
before an object. Tags come from the tagger; no dependency parse is needed.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import yaml

from timeline.extraction.events import OTHER, EventCandidate, Lexicon
from timeline.extraction.people import Mention, People
from timeline.output.schema import EventRow
from timeline.resources import resource_path

if TYPE_CHECKING:
    from spacy.tokens import Doc


class MentionRow(EventRow):
    """A mention row: the event table's columns, then the event's word and its offsets."""

    trigger: str
    trigger_start: int
    trigger_end: int


#: Extra columns of a mention row, after the event table's columns.
TRIGGER_COLUMNS = list(MentionRow.__annotations__)[len(EventRow.__annotations__) :]


@dataclass(frozen=True)
class MentionResources:
    """The word lists of ``resources/<language>/mentions.yaml``."""

    auxiliaries: frozenset[str]
    fillers: frozenset[str]
    clause_breaks: frozenset[str]
    subject_reach: int
    object_reach: int
    fallback_reach: int
    event_noun_suffixes: tuple[str, ...] = ()
    event_nouns: frozenset[str] = frozenset()
    possessive_pronouns: frozenset[str] = frozenset()


@lru_cache(maxsize=2)
def load_mention_resources(language: str = "en") -> MentionResources:
    """Load the mention word lists of ``language`` (cached)."""
    path = resource_path(language, "mentions.yaml")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    reach = data["reach"]
    return MentionResources(
        auxiliaries=frozenset(w.lower() for w in data["auxiliaries"]),
        fillers=frozenset(w.lower() for w in data["verb_group_fillers"]),
        clause_breaks=frozenset(w.lower() for w in data["clause_breaks"]),
        subject_reach=int(reach["subject"]),
        object_reach=int(reach["object"]),
        fallback_reach=int(reach["fallback"]),
        event_noun_suffixes=tuple(data["event_noun_suffixes"]),
        event_nouns=frozenset(w.lower() for w in data["event_nouns"]),
        possessive_pronouns=frozenset(w.lower() for w in data["possessive_pronouns"]),
    )


@dataclass(frozen=True)
class Tokens:
    """Token offsets, surfaces and tags of a document, looked up by character offset."""

    starts: list[int]
    ends: list[int]
    words: list[str]
    tags: list[str]

    @classmethod
    def from_doc(cls, doc: Doc) -> Tokens:
        """Read a tagged Doc's tokens (one pass over its arrays)."""
        if not len(doc):
            return cls([], [], [], [])
        array = doc.to_array(["IDX", "LENGTH", "TAG"]).tolist()
        strings = doc.vocab.strings
        text = doc.text
        starts = [idx for idx, _, _ in array]
        ends = [idx + length for idx, length, _ in array]
        return cls(
            starts,
            ends,
            [text[s:e] for s, e in zip(starts, ends, strict=True)],
            [strings[t] if t else "" for _, _, t in array],
        )

    def index_at(self, offset: int) -> int:
        """Index of the token holding ``offset`` (the next one when none does)."""
        index = bisect.bisect_right(self.starts, offset) - 1
        if index >= 0 and offset < self.ends[index]:
            return index
        return index + 1

    def is_verb(self, index: int) -> bool:
        return self.tags[index].startswith("VB")


def _main_verb(tokens: Tokens, index: int, limit: int, res: MentionResources) -> int:
    """From a verb, the verb its group ends on: "has" -> "signed" in "has not signed"."""
    current = index
    while tokens.words[current].lower() in res.auxiliaries:
        following = current + 1
        while (
            following < limit
            and tokens.words[following].lower() in res.fillers
            and not tokens.is_verb(following)
        ):
            following += 1
        if following < limit and tokens.is_verb(following):
            current = following
        else:
            break
    return current


def is_event_noun(word: str, res: MentionResources) -> bool:
    """A noun that names a happening: "resignation", "deal", "approval"."""
    word = word.lower()
    return word in res.event_nouns or any(
        word.endswith(suffix) and len(word) - len(suffix) >= 4 for suffix in res.event_noun_suffixes
    )


def _possessed_event(
    tokens: Tokens, mention: Mention, after: int, limit: int, res: MentionResources
) -> int | None:
    """The event noun a possessive name owns: "Boeing's bid" -> bid, "his death" -> death."""
    possessive = mention.text.lower() in res.possessive_pronouns
    if not possessive and after < limit and tokens.tags[after] == "POS":
        possessive, after = True, after + 1
    if not possessive:
        return None
    for index in range(after, min(after + 3, limit)):
        if tokens.tags[index].startswith("NN"):
            if is_event_noun(tokens.words[index], res):
                return index
            if index + 1 < limit and tokens.tags[index + 1].startswith("NN"):
                continue  # "its 787 programme": look at the head noun
            return None
        if not tokens.tags[index].startswith(("JJ", "CD", "VBN", "VBG")):
            return None
    return None


def governing_word(
    tokens: Tokens, mention: Mention, sentence: tuple[int, int], language: str = "en"
) -> tuple[int, int] | None:
    """Offsets of the verb that governs a name in its sentence, or None.

    The event noun a possessive owns ("Boeing's bid"), else the verb right after
    a subject ("Boeing has unveiled" -> unveiled, with its particle: "step down"),
    else the nearest verb before an object ("defeated Boeing"), else a later verb
    in reach.
    """
    res = load_mention_resources(language)
    first = tokens.index_at(sentence[0])
    limit = tokens.index_at(sentence[1])
    begin = tokens.index_at(mention.start)
    after = tokens.index_at(mention.end)

    def forward(reach: int) -> int | None:
        for index in range(after, min(after + reach, limit)):
            if tokens.words[index].lower() in res.clause_breaks:
                return None
            if tokens.is_verb(index):
                return _main_verb(tokens, index, limit, res)
        return None

    def backward(reach: int) -> int | None:
        for index in range(begin - 1, max(begin - reach, first) - 1, -1):
            if tokens.words[index].lower() in res.clause_breaks:
                return None
            if tokens.is_verb(index) and tokens.words[index].lower() not in res.auxiliaries:
                return index
        return None

    found = _possessed_event(tokens, mention, after, limit, res)
    if found is None:
        found = forward(res.subject_reach)
    if found is None:
        found = backward(res.object_reach)
    if found is None:
        found = forward(res.fallback_reach)
    if found is None:
        return None
    end = found
    if end + 1 < limit and tokens.tags[end + 1] == "RP":
        end += 1  # a phrasal verb: "showed off", "step down"
    return tokens.starts[found], tokens.ends[end]


def sentence_of(sentences: Sequence[tuple[int, int]], offset: int) -> tuple[int, int] | None:
    """The sentence span holding ``offset``."""
    starts = [s for s, _ in sentences]
    index = bisect.bisect_right(starts, offset) - 1
    if index >= 0 and offset < sentences[index][1]:
        return sentences[index]
    return None


@dataclass(frozen=True)
class EventMention:
    """An event's word in the text: whose event, where the word is, and its dated event."""

    person: str
    trigger_start: int
    trigger_end: int
    event_type: str
    sentence: tuple[int, int]
    event: EventCandidate | None = None
    kind: str = "name"


def _nearest_verb(tokens: Tokens, start: int, end: int, near: int) -> tuple[int, int] | None:
    res = load_mention_resources()
    first, limit = tokens.index_at(start), tokens.index_at(end)
    verbs = [i for i in range(first, limit) if tokens.is_verb(i)]
    if not verbs:
        return None
    index = min(verbs, key=lambda i: abs(tokens.starts[i] - near))
    index = _main_verb(tokens, index, limit, res)
    return tokens.starts[index], tokens.ends[index]


def _lexicon_type(lexicon: Lexicon, text: str, start: int, end: int) -> str | None:
    for trigger in lexicon.triggers(text, max(0, start - 1), end + 1):
        if trigger.start < end and start < trigger.end:
            return trigger.type
    return None


def dating_clause(
    tokens: Tokens,
    word: tuple[int, int],
    clauses: Sequence[EventCandidate],
    language: str = "en",
) -> EventCandidate | None:
    """The dated clause whose date is the time of ``word``: its nearest date in the clause
    with no other verb between them ("said on Tuesday that sales rose in February":
    "said" is Tuesday's, "rose" February's)."""
    res = load_mention_resources(language)
    best, best_gap = None, None
    for clause in clauses:
        if not clause.start <= word[0] < clause.end:
            continue
        timex = clause.timex
        low, high = (
            sorted((word[1], timex.start)) if timex.start >= word[1] else (timex.end, word[0])
        )
        between = range(tokens.index_at(low), tokens.index_at(high))
        if any(
            tokens.is_verb(i) and tokens.words[i].lower() not in res.auxiliaries for i in between
        ):
            continue
        gap = high - low
        if best_gap is None or gap < best_gap:
            best, best_gap = clause, gap
    return best


def event_mentions(
    text: str,
    sentences: Sequence[tuple[int, int]],
    tokens: Tokens,
    people: People,
    events: Sequence[EventCandidate],
    lexicon: Lexicon,
    undated: bool = True,
    language: str = "en",
    dated_clauses: Sequence[EventCandidate] | None = None,
) -> list[EventMention]:
    """The word of every dated event, then (``undated``) of every name no event covers.

    One word is one mention: two dated events on the same word (of the same
    person) keep the date that is the word's own (see :func:`dating_clause`).

    A name's word that falls inside a dated clause (``dated_clauses``, by default
    ``events``) takes its date when no other verb stands between them.
    """
    clauses = events if dated_clauses is None else dated_clauses
    words: dict[tuple[str, tuple[int, int]], list] = {}
    found: list[EventMention] = []
    seen: set[tuple[str, int]] = set()
    for event in events:
        sentence = sentence_of(sentences, event.start) or (event.start, event.end)
        word = None
        if event.trigger is not None:
            word = (event.trigger.start, event.trigger.end)
        elif event.mention is not None:
            word = governing_word(tokens, event.mention, sentence, language)
        if word is None:
            word = _nearest_verb(tokens, event.start, event.end, event.timex.start)
        if word is None:
            continue
        kind = event.mention.kind if event.mention is not None else ""
        words.setdefault((event.person, word), []).append((event, sentence, kind))
    for (person, word), candidates in words.items():
        event, sentence, kind = candidates[0]
        if len(candidates) > 1:  # one word, two dates: the date that is the word's own
            own = dating_clause(tokens, word, [c[0] for c in candidates], language)
            event, sentence, kind = next((c for c in candidates if c[0] is own), candidates[0])
        found.append(EventMention(person, *word, event.event_type, sentence, event, kind))
        seen.add((person, word[0]))
    if undated:
        for mention in people.mentions:
            sentence = sentence_of(sentences, mention.start)
            if sentence is None:
                continue
            word = governing_word(tokens, mention, sentence, language)
            if word is None or (mention.person, word[0]) in seen:
                continue
            dated = dating_clause(tokens, word, clauses, language)
            event_type = _lexicon_type(lexicon, text, *word) or (
                dated.event_type if dated else OTHER
            )
            found.append(
                EventMention(mention.person, *word, event_type, sentence, dated, mention.kind)
            )
            seen.add((mention.person, word[0]))
    return sorted(found, key=lambda m: (m.trigger_start, m.person))
