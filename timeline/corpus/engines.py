"""Where an ingest's documents are extracted: in this process, in a local process pool, on Dask.

An engine is called with the documents to extract and the largest batch it may send
through one ``nlp.pipe`` pass; it yields ``(batch, results)`` pairs, one result per
document of the batch: its event rows, or the reason it failed. Engines only extract:
the caller writes the store, so every engine gets the same per-document transactions
and the same skip/replace/failure handling.

Engines import nothing above them: ``timeline.corpus.ingest.make_engine`` picks one by
name.

>>> split_batches(list(range(10)), 4, workers=1)
[[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]
"""

from __future__ import annotations

import ctypes
import gc
import math
import multiprocessing
import os
import signal
import sys
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import partial
from typing import Protocol, TypeVar

from timeline.text.documents import Document, DocumentError, error_line

#: Event rows of one document, or the reason it failed.
Result = list[dict] | str
ENGINES = ("local", "dask")
#: Batches per worker when extracting in parallel: small enough that no worker idles
#: long at the end of a run, large enough for ``nlp.pipe`` to batch.
BATCHES_PER_WORKER = 8

#: A short text that runs every part of extraction once, so that its lazily loaded
#: resources (model, lexicon, rules, word lists) are in memory before workers fork.
WARM_UP = Document(
    text="On 2 May 2000, Jane Doe said she had left her job.", published="2000-05-03"
)

T = TypeVar("T")


class EngineError(RuntimeError):
    """An engine that cannot run (say, an unreachable scheduler); one line naming why."""


class Engine(Protocol):
    """Extracts documents in batches; yields each batch with its results."""

    def __call__(
        self, documents: list[Document], batch_size: int
    ) -> Iterator[tuple[list[Document], list[Result]]]: ...


def extract_batch(documents: Sequence[Document], model: str | None = None) -> list[Result]:
    """Event rows per document, or the reason it failed, through one ``nlp.pipe`` pass.

    This is ``timeline.extract_many`` (the same per-document loop) with one difference: a
    document fails alone, whatever it raises, instead of failing the whole batch. When a
    document raises something other than a refusal, or parsing the batch breaks, the
    documents not yet done are extracted again one at a time, so the one that broke it
    is found and the others still get their events.
    """
    from timeline.extraction.options import ExtractOptions
    from timeline.extraction.pipeline import document_rows

    options = ExtractOptions(model=model)
    documents = list(documents)
    results: list[Result] = []
    try:
        for result in document_rows(documents, options):
            results.append(_result(result))
    except Exception:
        results += [_extract_alone(document, options) for document in documents[len(results) :]]
    return results


def _extract_alone(document: Document, options) -> Result:
    from timeline.extraction.pipeline import document_rows

    try:
        (result,) = document_rows([document], options)
    except Exception as error:
        return _reason(error)
    return _result(result)


def _result(result) -> Result:
    return str(result) if isinstance(result, DocumentError) else result


def _reason(error: Exception) -> str:
    """Why a document failed, in one line: a refusal as it is worded, anything else with
    its type (a bug or a library's failure on this document alone)."""
    if isinstance(error, DocumentError):
        return str(error)
    return f"extraction failed ({type(error).__name__}: {error_line(error)[:200]})"


def warm_up(model: str | None = None) -> None:
    """Load the model and every resource extraction reads, in this process."""
    extract_batch([WARM_UP], model)


def split_batches(items: list[T], batch_size: int, workers: int = 1) -> list[list[T]]:
    """Cut ``items`` into batches of at most ``batch_size``; smaller when several workers
    share them, so that each gets about ``BATCHES_PER_WORKER`` batches."""
    if workers > 1:
        balanced = math.ceil(len(items) / (workers * BATCHES_PER_WORKER))
        batch_size = max(1, min(batch_size, balanced))
    return [items[i : i + batch_size] for i in range(0, len(items), batch_size)]


class SerialEngine:
    """Everything in this process, one batch after the other."""

    def __init__(self, model: str | None = None) -> None:
        self.model = model

    def __call__(
        self, documents: list[Document], batch_size: int
    ) -> Iterator[tuple[list[Document], list[Result]]]:
        for batch in split_batches(documents, batch_size):
            yield batch, extract_batch(batch, self.model)


class ProcessPoolEngine:
    """Batches extracted in ``workers`` local processes while this one writes the store.

    Where the platform can fork, the model and resources are loaded here first and the
    workers are forked from this process, so they start with them in memory instead of
    loading them each; elsewhere each worker loads them once, on its first batch.
    """

    def __init__(self, workers: int, model: str | None = None) -> None:
        self.workers = workers
        self.model = model

    def __call__(
        self, documents: list[Document], batch_size: int
    ) -> Iterator[tuple[list[Document], list[Result]]]:
        batches = split_batches(documents, batch_size, self.workers)
        if len(batches) <= 1:
            yield from SerialEngine(self.model)(documents, batch_size)
            return
        forking = "fork" in multiprocessing.get_all_start_methods()
        if forking:
            warm_up(self.model)
        context = multiprocessing.get_context("fork" if forking else "spawn")
        parent = os.getpid()
        work = partial(extract_in_worker, model=self.model, parent=parent)
        workers = min(self.workers, len(batches))
        with ProcessPoolExecutor(
            workers, mp_context=context, initializer=die_with_parent, initargs=(parent,)
        ) as pool:
            # The first submission forks the workers. The garbage collector is frozen
            # meanwhile so that they do not copy this process's memory just by scanning it.
            gc.freeze()
            try:
                results = pool.map(work, batches)
            finally:
                gc.unfreeze()
            try:
                yield from zip(batches, results, strict=True)
            except BrokenProcessPool:
                raise EngineError(
                    "a worker process died while extracting (out of memory?); "
                    "the documents stored so far are kept, a rerun completes the ingest"
                ) from None


#: prctl option: the signal this process gets when its parent dies (linux/prctl.h).
PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int) -> None:
    """A pool worker's first step: end when ``parent`` (the ingest) dies, instead of
    living on alone (two workers of a SIGKILLed ingest stayed up for 20 minutes, 170 MB
    each). On Linux the kernel kills it (PR_SET_PDEATHSIG); elsewhere, and for a parent
    that died before this ran, ``extract_in_worker`` checks before every batch."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):  # no prctl here: the check below still runs
            pass
    if os.getppid() != parent:
        os._exit(1)


def extract_in_worker(
    documents: Sequence[Document], model: str | None = None, parent: int | None = None
) -> list[Result]:
    """``extract_batch`` in a pool worker, which first ends itself when its parent is gone."""
    if parent is not None and os.getppid() != parent:
        os._exit(1)
    return extract_batch(documents, model)
