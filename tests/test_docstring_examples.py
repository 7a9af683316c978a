"""The examples in the docstrings of the lower layers (resources, text, extract) run and hold."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "timeline",
    "timeline.resources",
    "timeline.text.documents",
    "timeline.text.spans",
    "timeline.extraction.options",
    "timeline.extraction.temporal",
    "timeline.text.furniture",
    "timeline.extraction.events",
    "timeline.extraction.people",
    "timeline.extraction.people.aliases",
    "timeline.extraction.people.forms",
    "timeline.extraction.people.narrator",
    "timeline.corpus.merge.near_names",
    "timeline.evaluate.articles",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name))
    assert result.attempted > 0, f"{name} has no examples"
    assert result.failed == 0
