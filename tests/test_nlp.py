"""The tokenizer's titles: an abbreviated rank keeps its full stop."""

from __future__ import annotations

import pytest

from timeline.extraction.nlp import load_pipeline, title_stops


@pytest.mark.parametrize("title", title_stops())
def test_each_listed_title_is_one_token_with_its_stop(title):
    words = [t.text for t in load_pipeline()(f"The report names {title} Ko Ko as its source.")]
    assert title in words
