"""Adding an article from the browser: checking the input and extracting its events.

Every failure is a ``DocumentError`` with a one-line message for the form; nothing here lets
a traceback reach the page.
"""

from __future__ import annotations

import base64
import binascii
import logging
from collections.abc import Callable
from dataclasses import replace

import pandas as pd

from timeline.output.schema import EVENT_COLUMNS
from timeline.text.checks import checked_field
from timeline.text.deadline import time_limit
from timeline.text.documents import (
    MAX_TEXT_BYTES,
    Document,
    DocumentError,
    decode_bytes,
    normalise_published,
    parse_document,
)

log = logging.getLogger(__name__)

#: Largest article accepted from the browser, in bytes of UTF-8 (the engine's own limit).
MAX_ARTICLE_BYTES = MAX_TEXT_BYTES
#: The longest the page waits for an article's events: past it, the form says to split
#: the text or ingest it (an article reads in well under a second; a 430 KB text with ten
#: thousand dates took about 40 s). Keep a server's request timeout above it.
EXTRACT_SECONDS = 60.0
PASTED = "pasted text"

Extract = Callable[..., pd.DataFrame]


def decode_upload(contents: str | None, filename: str | None) -> str:
    """The text of a file given by ``dcc.Upload`` (a ``data:...;base64,`` URL)."""
    name = filename or "uploaded file"
    if not contents or "," not in contents:
        raise DocumentError(f"{name}: nothing was uploaded")
    encoded = contents.split(",", 1)[1]
    if len(encoded) * 3 // 4 > MAX_ARTICLE_BYTES + 3:
        raise DocumentError(f"{name}: {_too_large(len(encoded) * 3 // 4)}")
    try:
        data = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError):
        raise DocumentError(f"{name}: the upload could not be decoded") from None
    return decode_bytes(data, name)


def read_article(
    text: str | None, published: str | None, title: str = "", url: str = ""
) -> Document:
    """A Document from the form: the text (front matter allowed) and the fields beside it.

    The form's publication date, title and URL win over the front matter's. Each is held
    to the limits a file's front matter is (``text.checks.FIELD_LIMITS``: a title of 500
    characters, a URL of 2,048 without white space or control characters, a date strictly
    YYYY-MM-DD); a value that is not text is refused as well.
    """
    for value, name in ((text, "the article text"), (published, "Published")):
        if value is not None and not isinstance(value, str):
            raise DocumentError(f"{name} must be text")
    title = checked_field(title, "title", "Title")
    url = checked_field(url, "url", "Link")
    raw = text or ""
    size = len(raw.encode("utf-8"))
    if size > MAX_ARTICLE_BYTES:
        raise DocumentError(f"{PASTED}: {_too_large(size)}")
    if not raw.strip():
        raise DocumentError(f"{PASTED}: the text is empty; paste an article or upload a .txt file")
    date = (published or "").strip()
    date = normalise_published(date, "Published") if date else None
    document = parse_document(raw, PASTED, date)
    return replace(document, title=title or document.title, url=url or document.url)


def extract_article(document: Document, extract: Extract) -> pd.DataFrame:
    """The events of one article, or DocumentError when it has none or extraction fails."""
    try:
        with time_limit(EXTRACT_SECONDS):
            frame = extract(
                document.text,
                published=document.published or None,
                title=document.title,
                url=document.url,
                doc_id=document.id,
            )
    except DocumentError as error:
        raise DocumentError(form_message(str(error))) from None
    except Exception as error:  # the page must show a sentence, never a traceback
        log.exception("extraction failed for %s", document.id)
        raise DocumentError(
            f"extraction failed ({type(error).__name__}); see the server log"
        ) from None
    if frame is None or frame.empty:
        raise DocumentError(f"{PASTED}: no dated events were found in this text")
    return frame.loc[:, EVENT_COLUMNS]


def form_message(message: str) -> str:
    """An extraction error in the form's words: the first line, with the command line's
    ``--published`` flag named as the form's Published field."""
    line = message.splitlines()[0] if message else "the article could not be read"
    if "--published" in line:
        line = line.replace("give one with --published", "fill in Published (YYYY-MM-DD)")
        line = line.replace("--published", "Published")
    return line


def _too_large(size: int) -> str:
    return (
        f"the text is {size / 1_000_000:.1f} MB, over the "
        f"{MAX_ARTICLE_BYTES / 1_000_000:.0f} MB limit"
    )
