"""The examples in the corpus modules' docstrings run and hold."""

from __future__ import annotations

import doctest
import importlib

import pytest


@pytest.mark.parametrize(
    "name",
    [
        "timeline.corpus.store",
        "timeline.output.ical",
        "timeline.corpus.merge",
        "timeline.corpus.merge.names",
        "timeline.corpus.merge.agreement",
        "timeline.corpus.ingest",
        "timeline.corpus.engines",
        "timeline.output.export",
    ],
)
def test_docstring_examples(name: str):
    result = doctest.testmod(importlib.import_module(name))
    assert result.attempted > 0 and result.failed == 0
