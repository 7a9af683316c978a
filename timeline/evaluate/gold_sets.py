"""Annotated article sets: gold event files and the texts they quote.

A set is a folder of ``*.gold.csv`` files (the seed's format). A gold file at
``<set>/<path>.gold.csv`` annotates either

* ``<path>`` under the shared folder, a TimeML corpus file whose article
  :mod:`timeline.evaluate.articles` rebuilds (no third-party text is kept with the gold), or
* ``written/<slug>``: an article we wrote ourselves, kept whole at
  ``<sets root>/written/<slug>.txt`` with its front matter.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from timeline.evaluate.articles import read_corpus_article, shared_dir
from timeline.text.documents import read_document

GOLD_SUFFIX = ".gold.csv"
GOLD_HEADER = ["person", "event_type", "date", "granularity", "required", "quote"]


@dataclass(frozen=True)
class GoldArticle:
    """One annotated article: its name in the set, text, publication date and gold rows."""

    name: str
    text: str
    published: str
    title: str
    gold: list[dict]


def read_gold_rows(path: Path) -> list[dict]:
    """The rows of one gold CSV (header checked)."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames != GOLD_HEADER:
            raise ValueError(f"{path}: header {reader.fieldnames}, expected {GOLD_HEADER}")
        return list(reader)


def read_gold_set(folder: Path, root: Path | None = None, shared: Path | None = None):
    """Every article of the set in ``folder``, in sorted order.

    ``root`` holds ``written/`` (by default the folder's parent); ``shared`` is the shared
    folder the corpus paths are relative to.
    """
    root = root or folder.parent
    shared = shared or shared_dir()
    articles: list[GoldArticle] = []
    for gold_path in sorted(folder.rglob("*" + GOLD_SUFFIX)):
        name = gold_path.relative_to(folder).as_posix()[: -len(GOLD_SUFFIX)]
        if name.startswith("written/"):
            document = read_document(root / (name + ".txt"))
            text, published, title = document.text, document.published, document.title
        else:
            article = read_corpus_article(name, shared)
            text, published, title = article.text, article.published, article.title
        articles.append(GoldArticle(name, text, published, title, read_gold_rows(gold_path)))
    return articles
