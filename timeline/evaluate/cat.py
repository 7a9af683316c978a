"""Reading SemEval-2015 Task 4 Track A documents in CAT format (one element per token).

A CAT file lists tokens with ``t_id``, ``number`` and ``sentence`` (sentence 0 is the
title); Track A files also mark the document creation time. We rebuild a readable raw
text, one sentence per line, with a small detokeniser (no space before "," or "'s",
none after "(" or "$"), and keep each token's character offsets in it, so a system can
work on text and still name events the task's way: ``docid-sentence-surface``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

#: Tokens written without a space before them.
NO_SPACE_BEFORE = frozenset(
    {",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "''", "...", "'s", "'re", "'ve",
     "'m", "'ll", "'d", "n't"}
)  # fmt: skip
#: Tokens written without a space after them.
NO_SPACE_AFTER = frozenset({"(", "[", "{", "$", "``", "#"})


@dataclass(frozen=True)
class Token:
    """One token: its id, running number, sentence, surface and offsets in the raw text."""

    t_id: int
    number: int
    sentence: int
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class CatDocument:
    """A Track A document: raw text rebuilt from the tokens, and the creation time."""

    doc_id: str
    name: str
    text: str
    tokens: tuple[Token, ...]
    dct: str

    def sentence(self, number: int) -> list[Token]:
        """The tokens of one sentence, in order."""
        return [token for token in self.tokens if token.sentence == number]

    def sentence_numbers(self) -> list[int]:
        """Sentence numbers in document order (0, the title, first)."""
        return sorted({token.sentence for token in self.tokens})

    def tokens_in(self, start: int, end: int) -> list[Token]:
        """Tokens overlapping the character span ``[start, end)``."""
        return [token for token in self.tokens if token.start < end and start < token.end]


def mention(doc: CatDocument, tokens: list[Token]) -> str:
    """The task's mention string for an event made of ``tokens`` (one sentence).

    Multi-token events join their surfaces with "_", as the gold timelines do.
    """
    if not tokens:
        raise ValueError("a mention needs at least one token")
    sentences = {token.sentence for token in tokens}
    if len(sentences) != 1:
        raise ValueError(f"mention tokens span sentences {sorted(sentences)}")
    surface = "_".join(token.text for token in sorted(tokens, key=lambda t: t.number))
    return f"{doc.doc_id}-{tokens[0].sentence}-{surface}"


def normalise_dct(value: str) -> str:
    """The creation time as YYYY-MM-DD; one file (corpus_2, doc 120578) has DD-MM-YYYY.

    >>> normalise_dct("03-02-2009"), normalise_dct("2005-06-13")
    ('2009-02-03', '2005-06-13')
    """
    match = re.fullmatch(r"(\d{2})-(\d{2})-(\d{4})", value.strip())
    if match:
        day, month, year = match.groups()
        return f"{year}-{month}-{day}"
    return value.strip()


def parse_cat(source: str) -> CatDocument:
    """Parse the XML of one CAT document."""
    root = ET.fromstring(source)
    raw = sorted(
        (int(t.get("number", "0")), int(t.get("sentence", "0")), int(t.get("t_id", "0")), t.text)
        for t in root.iter("token")
    )
    parts: list[str] = []
    tokens: list[Token] = []
    offset = 0
    previous: tuple[int, str] | None = None
    for number, sentence, t_id, text in raw:
        surface = text or ""
        if previous is not None:
            if sentence != previous[0]:
                separator = "\n"
            elif surface in NO_SPACE_BEFORE or previous[1] in NO_SPACE_AFTER:
                separator = ""
            else:
                separator = " "
            parts.append(separator)
            offset += len(separator)
        tokens.append(Token(t_id, number, sentence, surface, offset, offset + len(surface)))
        parts.append(surface)
        offset += len(surface)
        previous = (sentence, surface)
    dct = ""
    for timex in root.iter("TIMEX3"):
        if timex.get("functionInDocument") == "CREATION_TIME":
            dct = normalise_dct(timex.get("value", ""))
            break
    return CatDocument(
        doc_id=root.get("doc_id", ""),
        name=root.get("doc_name", ""),
        text="".join(parts),
        tokens=tuple(tokens),
        dct=dct,
    )


def read_cat(path: str | Path) -> CatDocument:
    """Read one CAT file."""
    return parse_cat(Path(path).read_text(encoding="utf-8"))


def read_cat_dir(directory: str | Path) -> list[CatDocument]:
    """Read every CAT file (``*.xml``) of a directory, sorted by file name."""
    paths = sorted(Path(directory).glob("*.xml"))
    if not paths:
        raise FileNotFoundError(f"no CAT .xml files in {directory}")
    return [read_cat(path) for path in paths]
