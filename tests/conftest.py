"""Shared paths and fixtures."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("TIMELINE_SHARED", REPO.parent / "shared"))
SEED_TEXT = SHARED / "seed" / "myanmar-defections.txt"
SEED_GOLD = SHARED / "seed" / "myanmar-defections.gold.csv"
EVENTS_DIR = REPO / "tests" / "data" / "events"


@pytest.fixture(scope="session")
def seed_document():
    """The seed article as shipped in data/ (front matter with its publication date)."""
    from timeline.text.documents import read_document

    return read_document(REPO / "data" / "myanmar-defections.txt")
