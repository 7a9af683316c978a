"""Disjoint sets, the clustering both name joining and event merging rest on."""

from __future__ import annotations

import numpy as np


class UnionFind:
    """Disjoint sets over 0..n-1; the smaller index is the root, so results are stable."""

    def __init__(self, size: int):
        self.parent = list(range(size))

    def find(self, item: int) -> int:
        parent = self.parent
        root = item
        while parent[root] != root:
            root = parent[root]
        while parent[item] != root:
            parent[item], item = root, parent[item]
        return root

    def roots(self) -> np.ndarray:
        """The root of every item, by pointer jumping over the whole array at once."""
        parent = np.asarray(self.parent, dtype=np.int64)
        while True:
            grand = parent[parent]
            if np.array_equal(grand, parent):
                return parent
            parent = grand

    def join(self, a: int, b: int) -> int:
        a, b = self.find(a), self.find(b)
        if a != b:
            a, b = min(a, b), max(a, b)
            self.parent[b] = a
        return a
