"""Reading documents: plain text with an optional YAML front matter block.

The text used for character offsets is exactly what follows the front matter,
unchanged, so quotes can always be found again with ``text[start:end]``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import ftfy

from timeline.text.checks import C0_CONTROL, CONTROL, check_control, checked_field, shown

# Re-exported: every layer imports the error from here.
from timeline.text.errors import DocumentError as DocumentError
from timeline.text.errors import error_line as error_line
from timeline.text.files import read_bounded, too_big
from timeline.text.front_matter import MAX_FRONT_MATTER_BYTES, parse_front_matter

FRONT_MATTER_FENCE = "---"
FRONT_MATTER_KEYS = ("id", "title", "url", "published")
#: Largest article text accepted anywhere (file, JSON line, web page text, paste, API), in
#: bytes of UTF-8. Extraction time and memory grow with the text; this keeps both bounded.
MAX_TEXT_BYTES = 2_000_000
#: Largest web page read (markup included) before its main text is taken out.
MAX_PAGE_BYTES = 10_000_000
#: File signatures of common binary formats, so the message can say what the file is.
BINARY_SIGNATURES = {
    b"%PDF-": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive (or an Office document)",
    b"\x1f\x8b": "a gzip archive",
}
#: A publication date as the only form accepted: YYYY-MM-DD.
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
#: Control characters that never occur in text (tab, line feed, form feed and carriage
#: return do).
_CONTROL = {*range(0, 9), 11, *range(14, 32), 127}


@dataclass(frozen=True)
class Document:
    """One article: its text and what is known about it."""

    text: str
    title: str = ""
    url: str = ""
    published: str = ""
    doc_id: str = ""
    source: str = ""

    @property
    def id(self) -> str:
        """The explicit id, or a hash of the text so the same text always gets the same id."""
        return self.doc_id or text_id(self.text)


def text_id(text: str) -> str:
    """A stable 16-hex-digit id for a text."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def published_date(value: object, where: str = "published") -> dt.date | None:
    """A publication date as a date (None when missing), or DocumentError naming ``where``.

    The one place a publication date is read: a date, a datetime, or text that is
    strictly ``YYYY-MM-DD``: "2021-11-21 lol" or "2021-11-21T08:00" is refused, not cut.

    >>> published_date("2021-11-21"), published_date(" 0001-01-01 "), published_date("")
    (datetime.date(2021, 11, 21), datetime.date(1, 1, 1), None)
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip() if isinstance(value, (str, int, float)) else ""
    if ISO_DATE.fullmatch(text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
    shown_value = shown(text) if text else f"a {type(value).__name__}"
    raise DocumentError(f"{where}: {shown_value} is not a date in YYYY-MM-DD form")


def normalise_published(value: object, where: str = "published") -> str:
    """Return an ISO date (YYYY-MM-DD) for a publication date ("" when missing), or raise
    DocumentError."""
    date = published_date(value, where)
    return date.isoformat() if date else ""


def split_front_matter(raw: str, name: str = "<text>") -> tuple[dict, str]:
    """Split ``raw`` into (metadata, body). A document without front matter has empty metadata."""
    lines = raw.split("\n")
    if not lines or lines[0].strip() != FRONT_MATTER_FENCE:
        return {}, raw
    for index in range(1, len(lines)):
        if lines[index].strip() == FRONT_MATTER_FENCE:
            block = "\n".join(lines[1:index])
            body = "\n".join(lines[index + 1 :])
            return parse_front_matter(block, name), body
    raise DocumentError(f"{name}: front matter opened on line 1 is never closed with '---'")


def too_large(size: int, limit: int = MAX_TEXT_BYTES) -> str:
    """The reason a text of ``size`` bytes is refused, naming the limit."""
    return too_big(size, limit)


def check_size(text: str, name: str = "", limit: int = MAX_TEXT_BYTES) -> None:
    """Raise DocumentError when ``text`` is longer than ``limit`` bytes of UTF-8.

    The message starts with ``name`` (the file, line or field) when one is given.
    """
    # A character is at most 4 bytes: only count the bytes when the length is in doubt.
    if len(text) * 4 <= limit:
        return
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > limit:
        raise DocumentError(f"{name}: {too_large(size, limit)}" if name else too_large(size, limit))


def repair_text(text: str) -> str:
    """Undo mojibake (UTF-8 read as Windows-1252 and saved again: "â€œ" for "“").

    Only the encoding is repaired (ftfy's ``fix_encoding``); quotes, spacing and line
    breaks stay as written, so offsets refer to the repaired text unchanged otherwise.
    """
    return ftfy.fix_encoding(text)


def check_characters(text: str, name: str = "") -> None:
    """Refuse a text with control characters, as files are refused, without changing it:
    C0 controls anywhere, C1 controls that repairing mojibake would leave (text read as
    Windows-1252 holds some, such as the U+009D that ends a broken "”"; a file's text is
    repaired, what ``extract()`` is given is not).

    >>> check_characters("â€œwe will not shootâ€\x9d")  # mojibake: allowed
    >>> check_characters("a\x9d b")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    timeline.text.errors.DocumentError: binary, not text: control character U+009D at ...
    """
    check_control(text, name, pattern=C0_CONTROL)
    if CONTROL.search(text):
        check_control(repair_text(text), name)


def parse_document(raw: str, name: str = "<text>", published: str | None = None) -> Document:
    """Build a Document from raw text; ``published`` overrides the front matter's date.

    Mojibake in the text is repaired (see ``repair_text``); offsets refer to the result.
    A control character anywhere (see ``checks.CONTROL``) refuses the document, as do
    front matter fields over their limits.
    """
    check_size(raw, name)
    check_control(raw, name, pattern=C0_CONTROL)
    meta, body = split_front_matter(raw, name)
    if not body.strip():
        raise DocumentError(f"{name}: the document is empty")
    body = repair_text(body)
    check_control(body, name, offset=len(raw) - len(body))  # C1 left after the repair
    date = normalise_published(published, f"{name}: --published") if published else ""
    if not date:
        line = _key_line(raw, "published")
        date = normalise_published(
            meta.get("published"), f"{name}: front matter 'published' (line {line})"
        )
    fields = {
        key: checked_field(
            meta.get(key), key, f"{name}: front matter '{key}' (line {_key_line(raw, key)})"
        )
        for key in ("title", "url", "id")
    }
    return Document(
        text=body,
        title=fields["title"],
        url=fields["url"],
        published=date,
        doc_id=fields["id"],
        source=name,
    )


def _key_line(raw: str, key: str) -> int:
    """The line number (from 1) of ``key:`` in a front matter block (0 when absent)."""
    head = raw[: MAX_FRONT_MATTER_BYTES + 2 * len(FRONT_MATTER_FENCE) + 2]
    for number, line in enumerate(head.split("\n")[1:], start=2):
        if line.strip() == FRONT_MATTER_FENCE:
            break
        if line.lstrip().startswith(f"{key}:"):
            return number
    return 0


def decode_bytes(data: bytes, name: str, limit: int | None = MAX_TEXT_BYTES) -> str:
    """Decode UTF-8 bytes, refusing empty, oversized, binary and non-UTF-8 input.

    Each refusal is a DocumentError with a one-line reason; ``limit`` (bytes, None for
    none) bounds the size.
    """
    if limit is not None and len(data) > limit:
        raise DocumentError(f"{name}: {too_large(len(data), limit)}")
    if not data.strip():
        raise DocumentError(f"{name}: the file is empty")
    for signature, kind in BINARY_SIGNATURES.items():
        if data.startswith(signature):
            raise DocumentError(f"{name}: the file is binary, not text ({kind})")
    if b"\x00" in data:
        raise DocumentError(f"{name}: the file is binary, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise DocumentError(
            f"{name}: the file is not UTF-8 text (bad byte at position {error.start})"
        ) from None
    if not text.strip():
        raise DocumentError(f"{name}: the file holds only whitespace")
    if _mostly_control(text):
        raise DocumentError(f"{name}: the file is binary, not text")
    return text


def _mostly_control(text: str, sample: int = 4096) -> bool:
    """Whether more than 1 in 100 characters of the text's start are control characters."""
    head = text[:sample]
    return sum(ord(c) in _CONTROL for c in head) * 100 > len(head)


def read_document(path: str | Path, published: str | None = None) -> Document:
    """Read a UTF-8 text file with optional front matter.

    Only a regular file is read, and no more of it than the size limit (see
    ``files.read_bounded``): a FIFO, a device or a huge file is refused at once.
    """
    name = str(path)
    return parse_document(decode_bytes(read_bounded(path, MAX_TEXT_BYTES), name), name, published)
