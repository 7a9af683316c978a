"""Closure, reduction and temporal awareness over BEFORE / SIMULTANEOUS graphs."""

from __future__ import annotations

import pytest

from timeline.evaluate.temporal_graph import (
    BEFORE,
    SIMULTANEOUS,
    Awareness,
    TemporalGraph,
    reduce_relations,
    temporal_awareness,
)

B, S = BEFORE, SIMULTANEOUS


@pytest.mark.parametrize(
    ("relations", "query", "entailed"),
    [
        ([("a", "b", B), ("b", "c", B)], ("a", "c", B), True),
        ([("a", "b", B), ("b", "c", B)], ("c", "a", B), False),
        ([("a", "b", B), ("b", "c", B)], ("a", "c", S), False),
        ([("a", "b", S), ("b", "c", B)], ("a", "c", B), True),
        ([("a", "b", S), ("c", "b", S)], ("a", "c", S), True),
        ([("a", "b", S), ("c", "b", S)], ("c", "a", S), True),
        ([("a", "T", S), ("b", "T", S), ("T", "c", B)], ("b", "c", B), True),
        ([("a", "b", B)], ("a", "z", B), False),  # unknown node
        ([("a", "b", B), ("c", "d", B)], ("a", "d", B), False),  # no path
    ],
)
def test_closure(relations, query, entailed):
    assert TemporalGraph(relations).entails(query) is entailed


@pytest.mark.parametrize(
    ("relations", "violated"),
    [
        ([("a", "b", B), ("b", "a", B)], [("b", "a", B)]),
        ([("a", "T", S), ("b", "T", S), ("a", "b", B)], [("a", "b", B)]),
        ([("a", "b", B), ("b", "c", B), ("c", "a", S)], [("c", "a", S)]),
        ([("a", "b", B), ("b", "c", B), ("a", "c", B)], []),
    ],
)
def test_contradictions_are_set_aside(relations, violated):
    graph = TemporalGraph(relations)
    assert graph.violated == violated
    for relation in violated:
        assert not graph.entails(relation)


@pytest.mark.parametrize(
    ("relations", "reduced"),
    [
        ([("a", "c", B), ("a", "b", B), ("b", "c", B)], [("a", "b", B), ("b", "c", B)]),
        ([("a", "T", S), ("b", "T", S), ("a", "b", S)], [("a", "T", S), ("b", "T", S)]),
        ([("a", "b", B), ("a", "b", B)], [("a", "b", B)]),
        (  # a BEFORE implied through a simultaneity class formed later
            [("a", "c", B), ("a", "b", B), ("b", "x", S), ("x", "c", B)],
            [("a", "b", B), ("b", "x", S), ("x", "c", B)],
        ),
        (  # violated relations come back at the end
            [("a", "T", S), ("a", "b", B), ("b", "T", S), ("c", "T", S)],
            [("a", "T", S), ("a", "b", B), ("c", "T", S), ("b", "T", S)],
        ),
    ],
)
def test_reduction(relations, reduced):
    assert reduce_relations(relations) == reduced


GOLD = [("m1", "T1", S), ("m2", "T2", S), ("m3", "T3", S), ("m1", "m2", B), ("m2", "m3", B)]


def test_perfect_and_empty():
    assert temporal_awareness(GOLD, GOLD) == Awareness(5, 5, 5, 5)
    empty = temporal_awareness(GOLD, [])
    assert empty == Awareness(0, 0, 5, 0)
    assert (empty.precision, empty.recall, empty.f1) == (0.0, 0.0, 0.0)


def test_hand_computed_awareness():
    # The system leaves m2 out: all its relations hold in gold (m1 < m3 by closure),
    # but it finds only the two anchors it shares with gold.
    system = [("m1", "T1", S), ("m3", "T3", S), ("m1", "m3", B)]
    result = temporal_awareness(GOLD, system)
    assert result == Awareness(system=3, system_correct=3, gold=5, gold_found=2)
    assert result.f1 == pytest.approx(2 * 1.0 * 0.4 / 1.4)


def test_a_wrong_order_is_wrong_both_ways():
    system = [("m1", "T1", S), ("m2", "T2", S), ("m3", "T3", S), ("m2", "m1", B), ("m1", "m3", B)]
    result = temporal_awareness(GOLD, system)
    assert result == Awareness(system=5, system_correct=4, gold=5, gold_found=4)


def test_counts_add_up():
    assert Awareness(1, 2, 3, 4) + Awareness(10, 20, 30, 40) == Awareness(11, 22, 33, 44)
