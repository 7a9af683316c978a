"""The time limit on reading one text (``timeline.text.deadline``), and the page's use of it."""

from __future__ import annotations

import time

import pytest

from timeline import extract
from timeline.dashboard import ingest as page_ingest
from timeline.dashboard.application import engine_extract
from timeline.dashboard.data import DashboardData
from timeline.dashboard.edits import add_article
from timeline.dashboard.source import FrameSource
from timeline.text.deadline import TimeLimitExceeded, check_time, time_limit

ARTICLE = "On 7 October 2021, Jane Doe left her base. In June, John Roe was arrested."


def test_without_a_limit_nothing_changes():
    check_time()
    with time_limit(None):
        assert len(extract(ARTICLE, published="2021-11-21")) == 2


def test_a_passed_limit_stops_extraction_with_one_line():
    with time_limit(0), pytest.raises(TimeLimitExceeded) as error:
        extract(ARTICLE, published="2021-11-21")
    assert "\n" not in str(error.value) and "took over 0 s" in str(error.value)
    assert len(extract(ARTICLE, published="2021-11-21")) == 2  # the limit ended with the block


@pytest.mark.slow
def test_a_long_text_stops_soon_after_the_limit():
    # About 200 KB with a date in every sentence: many seconds to read without a limit.
    text = " ".join(
        f"On {day % 28 + 1} March 2021, Jane Doe met officer number {day} near the river."
        for day in range(2_500)
    )
    began = time.monotonic()
    with time_limit(1.0), pytest.raises(TimeLimitExceeded):
        extract(text, published="2021-11-21")
    # The limit, plus at most one 20,000-character piece or one analysis step.
    assert time.monotonic() - began < 10


def test_the_page_says_when_an_article_took_too_long(monkeypatch):
    monkeypatch.setattr(page_ingest, "EXTRACT_SECONDS", 0.0)
    data = DashboardData.load(FrameSource(), engine_extract)
    result = add_article(data, ARTICLE, "2021-11-21", "", "", [])
    assert not result.ok
    assert result.message.startswith("reading this text took over 0 s, the limit here")
    assert "timeline ingest" in result.message
