"""TempEval-3 Task A scoring on hand-made cases with known answers, and on the corpus."""

from __future__ import annotations

import pytest
from evaluation_corpora import te3_dir

from timeline.evaluate.te3 import Counts, align, format_errors, format_report, score
from timeline.evaluate.timeml import Timex, read_timeml_dir


def t(start: int, end: int, value: str = "2013", type_: str = "DATE", text: str = "") -> Timex:
    return Timex(start, end, text or f"<{start}-{end}>", type_, value)


@pytest.mark.parametrize(
    ("gold", "system", "expected"),
    [
        # (gold spans, system spans, aligned (gold, system) offset pairs)
        ([(0, 4)], [(0, 4)], [((0, 4), (0, 4))]),
        ([(0, 4)], [(2, 8)], [((0, 4), (2, 8))]),
        ([(0, 4)], [(4, 8)], []),  # touching is not overlapping
        ([(0, 4), (5, 9)], [(0, 9)], [((0, 4), (0, 9))]),  # one system span, one pair
        ([(0, 9)], [(0, 4), (5, 9)], [((0, 9), (0, 4))]),
        ([(0, 10)], [(0, 3), (2, 10)], [((0, 10), (2, 10))]),  # largest overlap wins
        ([(0, 4), (3, 9)], [(3, 9)], [((3, 9), (3, 9))]),  # exact match first
        ([], [(0, 4)], []),
        ([(0, 4)], [], []),
    ],
)
def test_alignment_is_one_to_one_by_overlap(gold, system, expected):
    pairs = align([t(*g) for g in gold], [t(*s) for s in system])
    got = [((p.gold.start, p.gold.end), (p.system.start, p.system.end)) for p in pairs]
    assert got == expected


GOLD = {
    "d1": [t(0, 10, "2013-03-22"), t(20, 27, "P1M", "DURATION"), t(40, 44, "2009")],
    "d2": [t(5, 11, "2013-03-21")],
}


def test_perfect_system_scores_one_everywhere():
    report = score(GOLD, GOLD)
    for p, r, f in report.total.scores().values():
        assert (p, r, f) == (1.0, 1.0, 1.0)
    assert report.date_total.gold == 3


def test_empty_system_scores_zero_everywhere():
    report = score(GOLD, {})
    assert report.total == Counts(gold=4, system=0)
    for rates in report.total.scores().values():
        assert rates == (0.0, 0.0, 0.0)


def test_hand_computed_example():
    system = {
        "d1": [
            t(0, 10, "2013-03-22"),  # strict, right value
            t(18, 27, "P1M", "DURATION"),  # relaxed only, right value
            t(40, 44, "2008"),  # strict, wrong value
            t(50, 55, "2013"),  # false positive
        ],
        "d2": [t(5, 9, "2013-03-21", "TIME")],  # relaxed, right value, wrong type
    }
    total = score(GOLD, system).total
    assert total == Counts(gold=4, system=5, strict=2, relaxed=4, value=3, type=3)
    s = total.scores()
    assert s["strict"] == pytest.approx((2 / 5, 2 / 4, 2 * 0.4 * 0.5 / 0.9))
    assert s["relaxed"] == pytest.approx((4 / 5, 4 / 4, 2 * 0.8 / 1.8))
    assert s["value"] == pytest.approx((3 / 5, 3 / 4, 2 * 0.6 * 0.75 / 1.35))


def test_date_rows_keep_only_date_timexes_on_both_sides():
    system = {"d1": [t(20, 27, "P1M", "DATE")]}  # mistyped duration: a false DATE
    report = score(GOLD, system)
    assert report.date_total == Counts(gold=3, system=1)
    assert report.total.type == 0 and report.total.relaxed == 1


def test_system_objects_only_need_the_attributes():
    class FakeTimex:
        def __init__(self, start, end, value):
            self.start, self.end, self.text, self.type, self.value = start, end, "x", "DATE", value

    report = score({"d": [t(0, 4, "2013")]}, {"d": [FakeTimex(0, 4, "2013")]})
    assert report.total.value == 1


def test_errors_list_misses_false_positives_and_wrong_values():
    system = {"d1": [t(0, 10, "2013-03-23", text="Friday"), t(50, 55, "2013", text="later")]}
    listing = format_errors(score(GOLD, system))
    assert "WRONG  d1 0-10" in listing and "value gold=2013-03-22 system=2013-03-23" in listing
    assert "FALSE  d1 50-55 'later' system=2013" in listing
    assert "MISS   d1 20-27" in listing and "MISS   d2 5-11" in listing
    assert "WRONG  d1 40" not in listing


def test_report_has_a_row_for_all_types_and_for_date():
    table = format_report(score(GOLD, GOLD))
    assert "all types" in table and "DATE only" in table
    assert table.count("1.000") == 24


def test_corpus_gold_against_itself_and_against_nothing():
    documents = read_timeml_dir(te3_dir())
    gold = {doc.doc_id: doc.timexes for doc in documents}
    assert score(gold, gold).total.scores()["value"] == (1.0, 1.0, 1.0)
    assert score(gold, {}).total.scores()["relaxed"] == (0.0, 0.0, 0.0)
