"""Temporal awareness (UzZaman and Allen, 2011) over graphs of BEFORE and SIMULTANEOUS.

With only these two relations the closure of a graph is simple: SIMULTANEOUS edges
make equivalence classes, BEFORE edges order the classes, and ``a BEFORE b`` holds
when b's class can be reached from a's. The graph is built relation by relation, as
TempEval-3's scorer does; a relation that contradicts what is already there (an event
BEFORE something it is SIMULTANEOUS with) is set aside as *violated*: it stays out of
the closure but is still counted, and still matches a relation stated the same way.

The reduced graph keeps, in order, each relation not already entailed by those before
it, then drops every kept BEFORE relation entailed by the other kept ones (the
transitive reduction), and adds the violated relations back. Then

    precision = |{r in reduced(system) : gold entails r, or states r}| / |reduced(system)|
    recall    = |{r in reduced(gold) : system entails r, or states r}| / |reduced(gold)|
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

BEFORE = "BEFORE"
SIMULTANEOUS = "SIMULTANEOUS"

#: (source node, target node, BEFORE or SIMULTANEOUS)
Relation = tuple[str, str, str]


class TemporalGraph:
    """A consistent graph of BEFORE and SIMULTANEOUS relations with closure queries."""

    def __init__(self, relations: Iterable[Relation] = ()) -> None:
        self._parent: dict[str, str] = {}
        self._before: list[tuple[str, str]] = []
        self._successors: dict[str, set[str]] | None = None
        self.violated: list[Relation] = []
        for relation in relations:
            if self.add(relation) == "violated":
                self.violated.append(relation)

    def _find(self, node: str) -> str:
        root = node
        while self._parent[root] != root:
            root = self._parent[root]
        while self._parent[node] != root:
            self._parent[node], node = root, self._parent[node]
        return root

    def _ensure(self, node: str) -> None:
        if node not in self._parent:
            self._parent[node] = node

    def _graph(self) -> dict[str, set[str]]:
        if self._successors is None:
            successors: dict[str, set[str]] = {}
            for source, target in self._before:
                successors.setdefault(self._find(source), set()).add(self._find(target))
            self._successors = successors
        return self._successors

    def _reaches(self, source: str, target: str) -> bool:
        return _reachable(self._graph(), source, target)

    def class_of(self, node: str) -> str:
        """The representative of the node's SIMULTANEOUS class."""
        return self._find(node)

    def knows(self, node: str) -> bool:
        """Whether ``node`` takes part in any relation of the graph."""
        return node in self._parent

    def simultaneous(self, a: str, b: str) -> bool:
        """Whether the closure says a and b are simultaneous."""
        return self.knows(a) and self.knows(b) and self._find(a) == self._find(b)

    def before(self, a: str, b: str) -> bool:
        """Whether the closure says a is before b."""
        if not (self.knows(a) and self.knows(b)):
            return False
        root_a, root_b = self._find(a), self._find(b)
        return root_a != root_b and self._reaches(root_a, root_b)

    def entails(self, relation: Relation) -> bool:
        """Whether the relation is in the closure of the graph."""
        a, b, kind = relation
        return self.simultaneous(a, b) if kind == SIMULTANEOUS else self.before(a, b)

    def contradicts(self, relation: Relation) -> bool:
        """Whether adding the relation would make the graph inconsistent."""
        a, b, kind = relation
        if kind == SIMULTANEOUS:
            return self.before(a, b) or self.before(b, a)
        return self.simultaneous(a, b) or self.before(b, a)

    def add(self, relation: Relation) -> str:
        """Add a relation unless entailed or contradictory; say which: added/entailed/violated."""
        a, b, kind = relation
        if kind not in (BEFORE, SIMULTANEOUS):
            raise ValueError(f"unsupported relation {kind!r}")
        if self.entails(relation):
            return "entailed"
        if self.contradicts(relation):
            return "violated"
        self._ensure(a)
        self._ensure(b)
        if kind == SIMULTANEOUS:
            self._parent[self._find(a)] = self._find(b)
        else:
            self._before.append((a, b))
        self._successors = None
        return "added"


def _path_exists(edges: Iterable[tuple[str, str]], source: str, target: str) -> bool:
    """Whether ``target`` can be reached from ``source`` along the directed edges."""
    successors: dict[str, list[str]] = {}
    for a, b in edges:
        successors.setdefault(a, []).append(b)
    return _reachable(successors, source, target)


def _reachable(successors, source: str, target: str) -> bool:
    """Depth-first search for ``target`` from ``source`` in a successor map."""
    seen = {source}
    stack = [source]
    while stack:
        for following in successors.get(stack.pop(), ()):
            if following == target:
                return True
            if following not in seen:
                seen.add(following)
                stack.append(following)
    return False


def reduce_relations(relations: Sequence[Relation]) -> list[Relation]:
    """The reduced graph: non-redundant relations in input order, then the violated ones."""
    graph = TemporalGraph()
    kept: list[Relation] = []
    violated: list[Relation] = []
    for relation in relations:
        outcome = graph.add(relation)
        if outcome == "added":
            kept.append(relation)
        elif outcome == "violated":
            violated.append(relation)
    # A BEFORE kept early can be implied by later ones (a<c, then a<b and b<c). The
    # classes are final now, so this is a transitive reduction of the class graph.
    edges = [
        (graph.class_of(relation[0]), graph.class_of(relation[1]), relation)
        for relation in kept
        if relation[2] == BEFORE
    ]
    redundant: set[int] = set()
    for index, (source, target, _) in enumerate(edges):
        others = [(a, b) for i, (a, b, _) in enumerate(edges) if i != index and i not in redundant]
        if _path_exists(others, source, target):
            redundant.add(index)
    dropped = {id(edges[index][2]) for index in redundant}
    reduced = [relation for relation in kept if id(relation) not in dropped]
    return reduced + violated


def _stated(relations: Iterable[Relation]) -> set[Relation]:
    """Relations as stated, with SIMULTANEOUS in both directions."""
    stated = set()
    for a, b, kind in relations:
        stated.add((a, b, kind))
        if kind == SIMULTANEOUS:
            stated.add((b, a, kind))
    return stated


@dataclass
class Awareness:
    """Temporal awareness counts; they add up across graphs (micro-average)."""

    system: int = 0
    system_correct: int = 0
    gold: int = 0
    gold_found: int = 0

    def __add__(self, other: Awareness) -> Awareness:
        return Awareness(
            self.system + other.system,
            self.system_correct + other.system_correct,
            self.gold + other.gold,
            self.gold_found + other.gold_found,
        )

    @property
    def precision(self) -> float:
        """Correct reduced system relations over all reduced system relations (0 when none)."""
        return self.system_correct / self.system if self.system else 0.0

    @property
    def recall(self) -> float:
        """Found reduced gold relations over all reduced gold relations (0 when none)."""
        return self.gold_found / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall (0 when both are 0)."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def temporal_awareness(gold: Sequence[Relation], system: Sequence[Relation]) -> Awareness:
    """Score system relations against gold ones (see the module docstring)."""
    gold_graph, system_graph = TemporalGraph(gold), TemporalGraph(system)
    gold_stated, system_stated = _stated(gold), _stated(system)
    gold_reduced, system_reduced = reduce_relations(gold), reduce_relations(system)
    return Awareness(
        system=len(system_reduced),
        system_correct=sum(r in gold_stated or gold_graph.entails(r) for r in system_reduced),
        gold=len(gold_reduced),
        gold_found=sum(r in system_stated or system_graph.entails(r) for r in gold_reduced),
    )
