"""Articles rebuilt from the shared TimeML corpora, the text our gold event files quote.

Third-party text never enters the repository: a gold file names a corpus file by its
path under the shared folder, and this module rebuilds the article from that file the
same way every time, so offsets and quotes stay valid.

* SemEval-2015 TimeLine files (Wikinews, tokenised, one ``<s>`` per sentence): the title
  line, a blank line, the dateline when the file has one ("March 01, 2008"), a blank
  line, then the body sentences detokenised and joined into one paragraph.
* TempEval-3 files (raw text inside ``<TEXT>``): the ``<TITLE>`` line when there is one,
  a blank line, then the text without tags, stripped at its edges.

>>> tokens_to_text("He said `` we 'll see '' ( later ) , and did n't .".split())
'He said "we\\'ll see" (later), and didn\\'t.'
>>> tokens_to_text('a " quoted phrase " and US$ 40 .'.split())
'a "quoted phrase" and US$40.'
"""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from timeline.evaluate.cat import NO_SPACE_AFTER, NO_SPACE_BEFORE

#: A sentence that is only a date: the Wikinews dateline ("March 01 , 2008").
DATELINE = re.compile(r"^[A-Z][a-z]+ \d{1,2} , \d{4}$")
#: PTB quote tokens and how an article writes them.
QUOTES = {"``": '"', "''": '"'}


@dataclass(frozen=True)
class CorpusArticle:
    """One rebuilt article: its text, publication date (the DCT) and title."""

    path: str
    text: str
    published: str
    title: str


def shared_dir() -> Path:
    """The shared folder: ``TIMELINE_SHARED``, else ``../shared`` beside the checkout."""
    configured = os.environ.get("TIMELINE_SHARED")
    if configured:
        return Path(configured)
    return Path(__file__).resolve().parents[2].parent / "shared"


def tokens_to_text(tokens: list[str]) -> str:
    """Join PTB-style tokens with ordinary spacing."""
    parts: list[str] = []
    previous = ""
    quote_open = False
    for token in tokens:
        closing = token == '"' and quote_open
        glued = token in NO_SPACE_BEFORE or closing
        glued = glued or previous in NO_SPACE_AFTER or previous.endswith("$")
        if parts and not glued:
            parts.append(" ")
        parts.append(QUOTES.get(token, token))
        if token == '"':
            quote_open = not quote_open
            # An opening quote takes no space after it; a closing one behaves as a word.
            previous = "``" if quote_open else token
        else:
            previous = token
    return "".join(parts)


def _rebuild_sentences(root: ET.Element, text_element: ET.Element) -> tuple[str, str]:
    """Title and text of a tokenised (SemEval) document."""
    sentences = [" ".join("".join(s.itertext()).split()) for s in text_element.iter("s")]
    title = " ".join((root.findtext("EXTRAINFO") or "").split())
    if sentences and sentences[0] == title:
        sentences = sentences[1:]
    blocks = [tokens_to_text(title.split())] if title else []
    if sentences and DATELINE.match(sentences[0]):
        blocks.append(tokens_to_text(sentences[0].split()))
        sentences = sentences[1:]
    blocks.append(" ".join(tokens_to_text(sentence.split()) for sentence in sentences))
    return blocks[0] if title else "", "\n\n".join(blocks)


def parse_corpus_article(source: str, path: str = "") -> CorpusArticle:
    """Rebuild the article of one TimeML document (SemEval or TempEval-3 style)."""
    root = ET.fromstring(source)
    text_element = root.find("TEXT")
    if text_element is None:
        raise ValueError(f"{path or 'document'}: no <TEXT> element")
    dct = root.find("DCT/TIMEX3")
    published = (dct.get("value", "") if dct is not None else "")[:10]
    if text_element.find("s") is not None:
        title, text = _rebuild_sentences(root, text_element)
    else:
        title = " ".join((root.findtext("TITLE") or "").split())
        body = "".join(text_element.itertext()).strip()
        text = f"{title}\n\n{body}" if title else body
    return CorpusArticle(path=path, text=text, published=published, title=title)


def read_corpus_article(relative: str, shared: Path | None = None) -> CorpusArticle:
    """Rebuild the article at ``relative`` (a path under the shared folder)."""
    base = shared or shared_dir()
    source = (base / relative).read_text(encoding="utf-8")
    return parse_corpus_article(source, path=relative)
