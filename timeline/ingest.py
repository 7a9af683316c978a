"""Ingesting a corpus: read .txt, .jsonl and .html files, extract in batches, store.

A document is keyed by its explicit id (front matter ``id``, JSON ``id``) or else by where
it came from, and carries a hash of its text and metadata: an unchanged document is
skipped, a changed one replaces its old events. A document that cannot be read or dated
is reported with its reason; the others are stored regardless.
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from timeline.documents import (
    MAX_PAGE_BYTES,
    Document,
    DocumentError,
    check_size,
    decode_bytes,
    normalise_published,
    parse_document,
    repair_text,
)
from timeline.store import DEFAULT_STORE, StoredDocument, open_store, stored_hashes, write_document

TEXT_SUFFIXES = (".txt",)
JSONL_SUFFIXES = (".jsonl",)
HTML_SUFFIXES = (".html", ".htm")
SUFFIXES = TEXT_SUFFIXES + JSONL_SUFFIXES + HTML_SUFFIXES
BATCH_SIZE = 32


@dataclass(frozen=True)
class Failure:
    """A document that was not stored: where it came from and why."""

    name: str
    reason: str


@dataclass
class IngestReport:
    """What one ingest run did."""

    stored: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[Failure] = field(default_factory=list)
    events: int = 0


# Reading --------------------------------------------------------------------------------


def content_hash(document: Document) -> str:
    """A hash of everything extraction reads: a new hash means the events may change."""
    payload = json.dumps([document.text, document.title, document.url, document.published])
    return hashlib.sha1(payload.encode("utf-8")).hexdigest()


def _keyed(document: Document, source: str, where: str) -> Document:
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
    document = parse_document(decode_bytes(path.read_bytes(), name), name)
    return _keyed(document, name, str(path.resolve()))


def read_jsonl_file(path: Path) -> Iterator[Document | Failure]:
    """One document per line: ``{"id", "title", "url", "published", "text"}``."""
    try:
        lines = decode_bytes(path.read_bytes(), str(path), limit=None).splitlines()
    except DocumentError as error:
        yield Failure(str(path), str(error))
        return
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        name = f"{path}:{number}"
        try:
            yield _jsonl_document(line, name, f"{path.resolve()}:{number}")
        except DocumentError as error:
            yield Failure(name, str(error))


def _jsonl_document(line: str, name: str, where: str) -> Document:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise DocumentError(f"{name}: not a JSON object ({error.msg})") from None
    if not isinstance(record, dict):
        raise DocumentError(f"{name}: not a JSON object")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise DocumentError(f"{name}: the document is empty")
    check_size(text, name)
    document = Document(
        text=repair_text(text),
        title=str(record.get("title") or ""),
        url=str(record.get("url") or ""),
        published=normalise_published(record.get("published"), f"{name}: 'published'"),
        doc_id=str(record.get("id") or ""),
    )
    return _keyed(document, name, where)


def read_html_file(path: Path) -> Document:
    """The main text, title, URL and publication date of a web page (via trafilatura)."""
    import trafilatura

    name = str(path)
    page = trafilatura.bare_extraction(
        decode_bytes(path.read_bytes(), name, limit=MAX_PAGE_BYTES),
        with_metadata=True,
        include_comments=False,
    )
    if page is None or not (page.text or "").strip():
        raise DocumentError(f"{name}: no main text found in the page")
    check_size(page.text, name)
    document = Document(
        text=repair_text(page.text),
        title=page.title or "",
        url=page.url or "",
        published=normalise_published(page.date, f"{name}: page date"),
    )
    return _keyed(document, name, str(path.resolve()))


def find_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """The input files: given files as they are, folders searched for known suffixes."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = (p for p in path.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file())
            yield from sorted(found)
        elif path.exists():
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
        try:
            yield reader(path)
        except DocumentError as error:
            yield Failure(str(path), str(error))
        except OSError as error:
            yield Failure(str(path), f"{path}: cannot read the file ({error.strerror})")


# Extracting -----------------------------------------------------------------------------


def extract_batch(
    documents: Sequence[Document], model: str | None = None
) -> list[list[dict] | str]:
    """Event rows per document, or the reason it failed, through one ``nlp.pipe`` pass.

    This is ``timeline.extract_many`` with one difference: a document that cannot be
    dated fails alone instead of failing the whole batch.
    """
    from timeline.nlp import parse_many
    from timeline.pipeline import events_from_doc

    results: list[list[dict] | str] = []
    parsed = parse_many((d.text for d in documents), model)
    for document, doc in zip(documents, parsed, strict=True):
        try:
            rows = events_from_doc(
                doc,
                document.published or None,
                None,
                document.id,
                document.title,
                document.url,
            )
        except DocumentError as error:
            results.append(str(error))
        else:
            results.append(rows)
    return results


def _batches(items: list[Document], size: int) -> list[list[Document]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


# Orchestrating --------------------------------------------------------------------------

Progress = Callable[[int, int, float], None]


def ingest(
    paths: Iterable[str | Path],
    store_path: str | Path = DEFAULT_STORE,
    *,
    workers: int = 1,
    batch_size: int = BATCH_SIZE,
    model: str | None = None,
    progress: Progress | None = None,
) -> IngestReport:
    """Read, extract and store; each document lands in its own transaction.

    ``workers`` > 1 extracts batches in that many processes; the store is written from
    this process only. ``progress(done, total, seconds)`` is called after each batch.
    """
    report = IngestReport()
    with open_store(store_path) as connection:
        known = stored_hashes(connection)
        todo = _new_or_changed(read_inputs(paths), known, report)
        started = time.monotonic()
        done = 0
        for batch, results in _extracted(_batches(todo, batch_size), workers, model):
            for document, result in zip(batch, results, strict=True):
                if isinstance(result, str):
                    report.failed.append(Failure(_name(document), _with_name(document, result)))
                    continue
                row = StoredDocument(
                    doc_id=document.id,
                    source=document.source,
                    content_hash=content_hash(document),
                    title=document.title,
                    url=document.url,
                    published=document.published,
                    text=document.text,
                )
                write_document(connection, row, result)
                report.stored.append(document.id)
                report.events += len(result)
            done += len(batch)
            if progress:
                progress(done, len(todo), time.monotonic() - started)
    return report


def _new_or_changed(
    items: Iterable[Document | Failure], known: dict[str, str], report: IngestReport
) -> list[Document]:
    todo: list[Document] = []
    seen: dict[str, str] = {}
    for item in items:
        if isinstance(item, Failure):
            report.failed.append(item)
        elif item.id in seen:
            reason = f"{_name(item)}: id {item.id!r} is also used by {seen[item.id]}"
            report.failed.append(Failure(_name(item), reason))
        elif known.get(item.id) == content_hash(item):
            seen[item.id] = _name(item)
            report.unchanged.append(item.id)
        else:
            seen[item.id] = _name(item)
            todo.append(item)
    return todo


def _extracted(
    batches: list[list[Document]], workers: int, model: str | None
) -> Iterator[tuple[list[Document], list[list[dict] | str]]]:
    if workers <= 1 or len(batches) <= 1:
        for batch in batches:
            yield batch, extract_batch(batch, model)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        results = pool.map(extract_batch, batches, [model] * len(batches))
        yield from zip(batches, results, strict=True)


def _name(document: Document) -> str:
    return document.source or document.id


def _with_name(document: Document, reason: str) -> str:
    name = _name(document)
    return reason if reason.startswith(name) else f"{name}: {reason}"


def print_progress(done: int, total: int, seconds: float) -> None:
    """One progress line on stderr: rewritten in place on a terminal, one a batch in a log."""
    rate = done / seconds if seconds > 0 else 0.0
    line = f"ingest: {done}/{total} documents, {rate:.1f} documents/s"
    if sys.stderr.isatty():
        print(f"\r{line}", end="\n" if done >= total else "", file=sys.stderr, flush=True)
    else:
        print(line, file=sys.stderr, flush=True)
