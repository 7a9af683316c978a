"""End to end: the seed article scored against its gold, and the dev set."""

from __future__ import annotations

import csv
import re
import subprocess
import sys

import pytest
from conftest import EVENTS_DIR, SEED_GOLD, SEED_TEXT, SHARED

from timeline import extract
from timeline.evaluate.events import score_events
from timeline.evaluate.gold_sets import read_gold_set

SEED_F1_BAR = 0.90
SEED_TYPED_F1_BAR = 0.80


@pytest.fixture(scope="module")
def seed_events(seed_document):
    return extract(seed_document.text, published="2021-11-21")


def test_seed_meets_the_bar(seed_events, seed_document):
    assert SEED_GOLD.exists(), f"shared seed missing at {SEED_GOLD}"
    gold = list(csv.DictReader(SEED_GOLD.open(encoding="utf-8")))
    score = score_events(seed_document.text, gold, seed_events.to_dict(orient="records"))
    assert score.f1 >= SEED_F1_BAR, (score.summary(), score.missed, score.false_positives)
    assert score.typed_f1 >= SEED_TYPED_F1_BAR, score.summary()


def test_seed_score_agrees_with_the_shared_scorer(seed_events, seed_document, tmp_path):
    scorer = SHARED / "tools" / "score_events.py"
    assert scorer.exists(), f"shared scorer missing at {scorer}"
    extracted = tmp_path / "events.csv"
    seed_events.to_csv(extracted, index=False)
    out = (
        subprocess.run(
            [
                sys.executable,
                str(scorer),
                "--text",
                str(SEED_TEXT),
                "--gold",
                str(SEED_GOLD),
                str(extracted),
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    gold = list(csv.DictReader(SEED_GOLD.open(encoding="utf-8")))
    ours = score_events(seed_document.text, gold, seed_events.to_dict(orient="records"))
    shared = dict(re.findall(r"(\w+)=([0-9.]+)", out))
    assert float(shared["F1"]) == pytest.approx(ours.f1, abs=5e-4), out
    assert float(shared["typed_F1"]) == pytest.approx(ours.typed_f1, abs=5e-4), out
    assert int(shared["tp"]) == ours.tp and int(shared["fp"]) == ours.fp


def test_seed_text_in_data_is_the_shared_seed(seed_document):
    assert seed_document.text.rstrip("\n") == SEED_TEXT.read_text(encoding="utf-8").rstrip("\n")
    assert seed_document.published == "2021-11-21"


def test_every_quote_is_verbatim(seed_events, seed_document):
    for row in seed_events.itertuples():
        assert seed_document.text[row.start : row.end] == row.quote


#: Floors under the annotated halves (micro-averaged), a little below what was measured
#: (dev 0.811, test 0.600 once the eighth batch of helpers' web copies came in, before any
#: tuning on it; each new batch lowers the test half, which is the honest figure): they
#: catch a change that fits the seed and loses the articles nobody tuned on.
DEV_F1_BAR = 0.75
TEST_F1_BAR = 0.57


@pytest.mark.slow
@pytest.mark.parametrize(("split", "bar"), [("dev", DEV_F1_BAR), ("test", TEST_F1_BAR)])
def test_annotated_half_overall_f1(split, bar):
    total = None
    for article in read_gold_set(EVENTS_DIR / split):
        frame = extract(article.text, published=article.published, title=article.title)
        score = score_events(article.text, article.gold, frame.to_dict(orient="records"))
        total = score if total is None else total + score
    assert total is not None, f"no {split} articles found"
    assert total.f1 >= bar, total.summary()
