"""Where the evaluation corpora live.

The corpora sit beside the repository, at ``../shared/corpora`` from its root (or under
$TIMELINE_SHARED, as for the other tests). When they are missing the data tests fail, so
a broken checkout cannot pass unnoticed; set TIMELINE_SKIP_CORPUS_TESTS=1 to skip them
on purpose instead. A plain module, not a conftest.py: a second conftest would shadow
the ``from conftest import ...`` of the tests one folder up.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
CORPORA = Path(os.environ.get("TIMELINE_SHARED", REPO_ROOT.parent / "shared")) / "corpora"
SKIP_VARIABLE = "TIMELINE_SKIP_CORPUS_TESTS"


def _corpus(name: str) -> Path:
    path = CORPORA / name
    if path.is_dir():
        return path
    message = f"evaluation corpus missing: {path}"
    if os.environ.get(SKIP_VARIABLE) == "1":
        pytest.skip(f"{message} ({SKIP_VARIABLE}=1)")
    pytest.fail(f"{message}; set {SKIP_VARIABLE}=1 to skip the corpus tests on purpose")


def te3_dir() -> Path:
    """The TempEval-3 platinum .tml folder."""
    return _corpus("te3-platinum")


def semeval_dir() -> Path:
    """The SemEval-2015 Task 4 folder (holding SemEval_Task4_data)."""
    return _corpus("semeval2015-timeline")
