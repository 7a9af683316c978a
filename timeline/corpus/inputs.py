"""The inputs of an ingest: .txt files with front matter, .jsonl files, web pages, and
folders of them.

Each document is read on its own: whatever goes wrong with one (a refusal, a JSON line
nested too deeply, a bug) becomes a :class:`Failure` naming the file (and line) and the
reason, and the others are read regardless. Only regular files are read, each within its
size limit, and a .jsonl file a line at a time.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from timeline.text.checks import check_control, checked_field
from timeline.text.documents import (
    MAX_PAGE_BYTES,
    MAX_TEXT_BYTES,
    Document,
    DocumentError,
    check_size,
    decode_bytes,
    error_line,
    normalise_published,
    parse_document,
    repair_text,
)
from timeline.text.files import bounded_lines, read_bounded, size_text

TEXT_SUFFIXES = (".txt",)
JSONL_SUFFIXES = (".jsonl",)
HTML_SUFFIXES = (".html", ".htm")
SUFFIXES = TEXT_SUFFIXES + JSONL_SUFFIXES + HTML_SUFFIXES
#: Longest line of a .jsonl file, in bytes: a text at its limit written with JSON's
#: \\u escapes (up to three times its UTF-8 size), and its fields.
MAX_JSONL_LINE_BYTES = 3 * MAX_TEXT_BYTES + 100_000
#: Largest .jsonl file: every document read is kept until it is extracted, so a file
#: this size is about what a run holds in memory. Split larger corpora into several files.
MAX_JSONL_BYTES = 200_000_000


@dataclass(frozen=True)
class Failure:
    """A document that was not stored: where it came from and why."""

    name: str
    reason: str


def keyed(document: Document, source: str, where: str) -> Document:
    """The document with its store key: the explicit id, else a hash of ``where``.

    ``source`` is the name as the user gave it; ``where`` the resolved path (and line),
    so the same file reached by another relative path is still the same document.
    """
    key = document.doc_id or hashlib.sha1(where.encode("utf-8")).hexdigest()[:16]
    return Document(
        text=document.text,
        title=document.title,
        url=document.url,
        published=document.published,
        doc_id=key,
        source=source,
    )


def read_text_file(path: Path) -> Document:
    """A .txt file with optional YAML front matter."""
    name = str(path)
    document = parse_document(decode_bytes(read_bounded(path, MAX_TEXT_BYTES), name), name)
    return keyed(document, name, str(path.resolve()))


def read_jsonl_file(path: Path) -> Iterator[Document | Failure]:
    """One document per line: ``{"id", "title", "url", "published", "text"}``.

    The file is read a line at a time; a line over ``MAX_JSONL_LINE_BYTES`` is skipped
    unread, with its own failure.
    """
    try:
        for number, data, size in bounded_lines(path, MAX_JSONL_LINE_BYTES, MAX_JSONL_BYTES):
            name = f"{path}:{number}"
            if data is None:
                limit = size_text(MAX_JSONL_LINE_BYTES)
                reason = f"the line is {size_text(size)}, over the {limit} limit of a JSON line"
                yield Failure(name, f"{name}: {reason}")
                continue
            if not data.strip():
                continue
            where = f"{path.resolve()}:{number}"
            yield _isolated(partial(_jsonl_document, data, name, where), name)
    except DocumentError as error:
        yield Failure(str(path), str(error))


def _jsonl_document(data: bytes, name: str, where: str) -> Document:
    line = decode_bytes(data.removeprefix(b"\xef\xbb\xbf"), name, limit=None)
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise DocumentError(f"{name}: not a JSON object ({error.msg})") from None
    except RecursionError:
        raise DocumentError(f"{name}: not a JSON object (nested too deeply)") from None
    except ValueError as error:  # an integer too long to convert
        raise DocumentError(f"{name}: not a JSON object ({error_line(error)[:80]})") from None
    if not isinstance(record, dict):
        raise DocumentError(f"{name}: not a JSON object")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise DocumentError(f"{name}: the document is empty")
    check_size(text, name)
    text = repair_text(text)
    check_control(text, f"{name}: 'text'")
    fields = {key: checked_field(record.get(key), key, f"{name}: '{key}'") for key in FIELDS}
    document = Document(
        text=text,
        title=fields["title"],
        url=fields["url"],
        published=normalise_published(record.get("published"), f"{name}: 'published'"),
        doc_id=fields["id"],
    )
    return keyed(document, name, where)


FIELDS = ("title", "url", "id")


def read_html_file(path: Path) -> Document:
    """The main text, title, URL and publication date of a web page (via trafilatura)."""
    import trafilatura

    name = str(path)
    page = trafilatura.bare_extraction(
        decode_bytes(read_bounded(path, MAX_PAGE_BYTES), name, limit=MAX_PAGE_BYTES),
        with_metadata=True,
        include_comments=False,
    )
    if page is None or not (page.text or "").strip():
        raise DocumentError(f"{name}: no main text found in the page")
    check_size(page.text, name)
    text = repair_text(page.text)
    check_control(text, name)
    document = Document(
        text=text,
        title=checked_field(page.title, "title", f"{name}: page title"),
        url=checked_field(page.url, "url", f"{name}: page URL"),
        published=normalise_published(page.date, f"{name}: page date"),
    )
    return keyed(document, name, str(path.resolve()))


def find_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """The input files: given files as they are, folders searched for known suffixes (a
    FIFO or a device among them is then refused by its reader, never skipped unsaid)."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = (p for p in path.rglob("*") if p.suffix.lower() in SUFFIXES and not p.is_dir())
            yield from sorted(found)
        elif path.exists() or path.is_symlink():
            yield path
        else:
            raise DocumentError(f"{path}: no such file or folder")


def read_inputs(paths: Iterable[str | Path]) -> Iterator[Document | Failure]:
    """Every document of the inputs, or a Failure in its place."""
    for path in find_files(paths):
        suffix = path.suffix.lower()
        if suffix in JSONL_SUFFIXES:
            yield from read_jsonl_file(path)
            continue
        reader = read_html_file if suffix in HTML_SUFFIXES else read_text_file
        yield _isolated(partial(reader, path), str(path))


def _isolated(read, name: str) -> Document | Failure:
    """What ``read()`` gives, or a Failure naming ``name`` and why, whatever it raised:
    one document never stops the others."""
    try:
        return read()
    except DocumentError as error:
        return Failure(name, named(name, str(error)))
    except OSError as error:
        return Failure(name, f"{name}: cannot read the file ({error.strerror or error})")
    except Exception as error:  # a bug or a library's failure on this document alone
        return Failure(name, f"{name}: could not be read ({unexpected(error)})")


def named(name: str, reason: str) -> str:
    """The reason with the document's name in front, once."""
    return reason if reason.startswith(name) else f"{name}: {reason}"


def unexpected(error: BaseException) -> str:
    """An unexpected error in one line: its type and the first line of its message.

    >>> unexpected(OverflowError("date value out of range"))
    'OverflowError: date value out of range'
    """
    return f"{type(error).__name__}: {error_line(error)[:200]}"
