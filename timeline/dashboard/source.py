"""Where the dashboard's events come from: an event table plus the texts its offsets point into.

The app only needs the small ``EventSource`` interface, so a database-backed store can replace
the in-memory ``FrameSource`` without touching layout, figures or callbacks.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import pandas as pd

from timeline.output.schema import EVENT_COLUMNS, events_frame
from timeline.text.documents import Document, DocumentError, read_document

log = logging.getLogger(__name__)

#: File suffixes read from a data directory.
ARTICLE_SUFFIXES = (".txt",)

ExtractMany = Callable[[list[Document]], pd.DataFrame]


class EventSource(Protocol):
    """What the dashboard reads from: events (``EVENT_COLUMNS``) and document texts."""

    def events(self) -> pd.DataFrame:
        """Every event, with the columns of ``timeline.output.schema.EVENT_COLUMNS``."""
        ...

    def document_text(self, doc_id: str) -> str | None:
        """The text that an event's ``start``/``end`` offsets index, or None when unknown."""
        ...

    def notes(self) -> list[str]:
        """One-line remarks for the reader (a file that could not be read, a missing engine)."""
        ...


@dataclass
class FrameSource:
    """An in-memory source: an event table and a mapping of document id to text."""

    frame: pd.DataFrame = field(default_factory=events_frame)
    texts: Mapping[str, str] = field(default_factory=dict)
    remarks: list[str] = field(default_factory=list)

    def events(self) -> pd.DataFrame:
        """The event table."""
        return self.frame

    def document_text(self, doc_id: str) -> str | None:
        """The text of one document."""
        return self.texts.get(doc_id)

    def notes(self) -> list[str]:
        """Remarks gathered while loading."""
        return list(self.remarks)


def article_paths(directory: str | Path) -> list[Path]:
    """The article files of a data directory, in name order."""
    root = Path(directory)
    return sorted(p for p in root.iterdir() if p.is_file() and p.suffix in ARTICLE_SUFFIXES)


def load_directory(directory: str | Path, extract_many: ExtractMany | None = None) -> FrameSource:
    """Read every article of ``directory`` and extract its events.

    A file that cannot be read, or an extraction engine that is not installed, becomes a note
    shown in the page rather than a crash at start-up.
    """
    root = Path(directory)
    if not root.is_dir():
        return FrameSource(remarks=[f"{root}: no such data directory"])
    documents, remarks = read_documents(article_paths(root))
    if not documents:
        return FrameSource(remarks=remarks or [f"{root}: no .txt articles found"])
    if extract_many is None:
        try:
            from timeline.extraction.pipeline import extract_many
        except ImportError as error:
            log.warning("extraction engine unavailable: %s", error)
            remarks.append("The extraction engine is not installed, so no events were read.")
            return FrameSource(texts=_texts(documents), remarks=remarks)
    frame = extract_documents(documents, extract_many, remarks)
    return FrameSource(frame=frame, texts=_texts(documents), remarks=remarks)


def read_documents(paths: Iterable[Path]) -> tuple[list[Document], list[str]]:
    """Read articles, collecting a one-line remark for each that cannot be read."""
    documents, remarks = [], []
    for path in paths:
        try:
            documents.append(read_document(path))
        except DocumentError as error:
            remarks.append(str(error))
    return documents, remarks


def extract_documents(
    documents: list[Document], extract_many: ExtractMany, remarks: list[str]
) -> pd.DataFrame:
    """Extract all documents at once, falling back to one at a time when one of them fails.

    A document the engine refuses, or trips over, becomes a remark; the others still show.
    """
    try:
        return _canonical(extract_many(documents))
    except Exception:  # retried one by one below, where each failure is named
        pass
    frames = []
    for document in documents:
        try:
            frames.append(_canonical(extract_many([document])))
        except DocumentError as error:
            remarks.append(str(error))
        except Exception as error:  # an engine bug must not keep the other articles away
            log.exception("extraction failed for %s", document.source or document.id)
            name = document.source or document.id
            remarks.append(f"{name}: events could not be extracted ({type(error).__name__})")
    return pd.concat(frames, ignore_index=True) if frames else events_frame()


def _canonical(frame: pd.DataFrame) -> pd.DataFrame:
    return events_frame(frame.loc[:, EVENT_COLUMNS].to_dict("records"))


def _texts(documents: list[Document]) -> dict[str, str]:
    return {document.id: document.text for document in documents}
