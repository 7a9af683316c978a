"""Reading documents: plain text with an optional YAML front matter block.

The text used for character offsets is exactly what follows the front matter,
unchanged, so quotes can always be found again with ``text[start:end]``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

import yaml

FRONT_MATTER_FENCE = "---"
FRONT_MATTER_KEYS = ("id", "title", "url", "published")


class DocumentError(ValueError):
    """A document that cannot be read; the message is one line naming the problem."""


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


def normalise_published(value: object, where: str = "published") -> str:
    """Return an ISO date (YYYY-MM-DD) for a publication date, or raise DocumentError."""
    if value is None or value == "":
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        raise DocumentError(f"{where}: {text!r} is not a date in YYYY-MM-DD form") from None


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


def _parse_front_matter(block: str, name: str) -> dict:
    try:
        meta = yaml.safe_load(block) if block.strip() else {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f" on line {mark.line + 2}" if mark is not None else ""
        raise DocumentError(f"{name}: malformed front matter{line}") from None
    if not isinstance(meta, dict):
        raise DocumentError(f"{name}: front matter must be 'key: value' lines")
    return meta


def parse_document(raw: str, name: str = "<text>", published: str | None = None) -> Document:
    """Build a Document from raw text; ``published`` overrides the front matter's date."""
    meta, body = split_front_matter(raw, name)
    if not body.strip():
        raise DocumentError(f"{name}: the document is empty")
    date = normalise_published(published, f"{name}: --published") if published else ""
    if not date:
        date = normalise_published(meta.get("published"), f"{name}: front matter 'published'")
    return Document(
        text=body,
        title=str(meta.get("title") or ""),
        url=str(meta.get("url") or ""),
        published=date,
        doc_id=str(meta.get("id") or ""),
        source=name,
    )


def decode_bytes(data: bytes, name: str) -> str:
    """Decode UTF-8 bytes, refusing empty, binary and non-UTF-8 input with a one-line reason."""
    if not data.strip():
        raise DocumentError(f"{name}: the file is empty")
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
    return text


def read_document(path: str | Path, published: str | None = None) -> Document:
    """Read a UTF-8 text file with optional front matter."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise DocumentError(f"{path}: cannot read the file ({error.strerror})") from None
    return parse_document(decode_bytes(data, str(path)), str(path), published)
