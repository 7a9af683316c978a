"""Every temporal rule's own examples, positive and negative, run against the whole tagger."""

from __future__ import annotations

import pytest

from timeline.extraction.temporal import find_timexes
from timeline.extraction.temporal.resources import load_resources

RESOURCES = load_resources()
PUBLISHED = RESOURCES.published_for_tests

POSITIVE = [
    pytest.param(rule.name, case, id=f"{rule.name}:{case['text'][:30]}")
    for rule in RESOURCES.rules
    for case in rule.tests
]
REJECT = [
    pytest.param(rule.name, text, id=f"{rule.name}:reject:{text[:30]}")
    for rule in RESOURCES.rules
    for text in rule.reject
]
NEGATIVE = [
    pytest.param(rule.name, case, id=f"{rule.name}:{case['text'][:30]}")
    for rule in RESOURCES.negatives
    for case in rule.tests
]


def test_every_rule_has_examples():
    missing = [rule.name for rule in RESOURCES.rules if not rule.tests]
    assert not missing
    missing = [rule.name for rule in RESOURCES.negatives if not rule.tests]
    assert not missing


@pytest.mark.parametrize(("rule", "case"), POSITIVE)
def test_rule_finds_and_normalises(rule, case):
    found = find_timexes(case["text"], published=case.get("published", PUBLISHED))
    by_text = {t.text: t for t in found}
    assert case["match"] in by_text, f"{rule}: expected {case['match']!r}, found {list(by_text)}"
    timex = by_text[case["match"]]
    assert case["text"][timex.start : timex.end] == case["match"]
    assert timex.value == case["value"]


@pytest.mark.parametrize(("rule", "text"), REJECT)
def test_rule_rejects(rule, text):
    found = find_timexes(text, published=PUBLISHED)
    assert [t.text for t in found if t.rule == rule] == []


@pytest.mark.parametrize(("rule", "case"), NEGATIVE)
def test_negative_rule(rule, case):
    found = [t.text for t in find_timexes(case["text"], published=PUBLISHED)]
    for text in case.get("dropped", []):
        assert text not in found, f"{rule} should drop {text!r}: {found}"
    for text in case.get("kept", []):
        assert text in found, f"{rule} should keep {text!r}: {found}"


def test_negative_rules_see_every_candidate_in_a_long_text():
    """Candidates are found rule by rule; the negative rules must still reach each of them."""
    filler = "Officials met again. " * 40
    text = (
        "It serves children ages 6 months and older. " + filler + "In June 2020 the clinic opened."
    )
    assert "6 months" not in [t.text for t in find_timexes(text, published=PUBLISHED)]
