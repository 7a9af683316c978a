"""Reading documents: plain text with an optional YAML front matter block.

The text used for character offsets is exactly what follows the front matter,
unchanged, so quotes can always be found again with ``text[start:end]``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

import ftfy
import yaml

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
#: Control characters that never occur in text (tab, line feed, form feed and carriage
#: return do).
_CONTROL = {*range(0, 9), 11, *range(14, 32), 127}


class DocumentError(ValueError):
    """A document that cannot be read; the message is one line naming the problem."""


def error_line(error: BaseException) -> str:
    """The first line of an error's message (its type's name when it has none), to quote
    a library's error inside a one-line message."""
    text = str(error)
    return text.splitlines()[0] if text else type(error).__name__


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

    The one place a publication date is read: a date, a datetime, or text starting with
    YYYY-MM-DD (a time after it is dropped).

    >>> published_date("2021-11-21T08:00"), published_date("")
    (datetime.date(2021, 11, 21), None)
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        raise DocumentError(f"{where}: {text!r} is not a date in YYYY-MM-DD form") from None


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
            return _parse_front_matter(block, name), body
    raise DocumentError(f"{name}: front matter opened on line 1 is never closed with '---'")


class _FrontMatterLoader(yaml.SafeLoader):
    """YAML's safe loader, reading dates as plain strings.

    The publication date is checked by ``normalise_published``, whose message says what is
    wrong; YAML's own date reading raises a bare ValueError on "2021-02-30".
    """


_FrontMatterLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _parse_front_matter(block: str, name: str) -> dict:
    try:
        meta = yaml.load(block, Loader=_FrontMatterLoader) if block.strip() else {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f" on line {mark.line + 2}" if mark is not None else ""
        raise DocumentError(f"{name}: malformed front matter{line}") from None
    except (ValueError, TypeError, RecursionError) as error:
        raise DocumentError(f"{name}: malformed front matter ({error})") from None
    if not isinstance(meta, dict):
        raise DocumentError(f"{name}: front matter must be 'key: value' lines")
    return meta


def too_large(size: int, limit: int = MAX_TEXT_BYTES) -> str:
    """The reason a text of ``size`` bytes is refused, naming the limit."""
    return f"the text is {size / 1_000_000:.1f} MB, over the {limit / 1_000_000:.0f} MB limit"


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


def parse_document(raw: str, name: str = "<text>", published: str | None = None) -> Document:
    """Build a Document from raw text; ``published`` overrides the front matter's date.

    Mojibake in the text is repaired (see ``repair_text``); offsets refer to the result.
    """
    check_size(raw, name)
    meta, body = split_front_matter(raw, name)
    if not body.strip():
        raise DocumentError(f"{name}: the document is empty")
    body = repair_text(body)
    date = normalise_published(published, f"{name}: --published") if published else ""
    if not date:
        line = _key_line(raw, "published")
        date = normalise_published(
            meta.get("published"), f"{name}: front matter 'published' (line {line})"
        )
    return Document(
        text=body,
        title=str(meta.get("title") or ""),
        url=str(meta.get("url") or ""),
        published=date,
        doc_id=str(meta.get("id") or ""),
        source=name,
    )


def _key_line(raw: str, key: str) -> int:
    """The line number (from 1) of ``key:`` in a front matter block (0 when absent)."""
    for number, line in enumerate(raw.split("\n")[1:], start=2):
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
    """Read a UTF-8 text file with optional front matter."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise DocumentError(f"{path}: cannot read the file ({error.strerror})") from None
    return parse_document(decode_bytes(data, str(path)), str(path), published)
