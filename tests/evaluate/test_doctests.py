"""The examples in the evaluation modules' docstrings run and hold."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "timeline.evaluate.timeml",
    "timeline.evaluate.baselines",
    "timeline.evaluate.heideltime",
    "timeline.evaluate.cat",
    "timeline.evaluate.semeval2015",
    "timeline.evaluate.semeval2015_baseline",
    "timeline.evaluate.semeval2015_pipeline",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name))
    assert result.attempted > 0, f"{name} has no examples"
    assert result.failed == 0
