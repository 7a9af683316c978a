"""The package's shape: imports run down the layers, no circles, no module over 400 lines.

The layers are the ones `docs/architecture.md` draws; a new top-level folder of the
package must be placed in one before this test passes.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "timeline"
#: Lowest first: a module may import its own layer or a lower one, never a higher one.
LAYERS = {
    "timeline.resources": 0,
    "timeline.text": 0,
    "timeline.output": 1,
    "timeline.extraction": 2,
    "timeline.corpus": 3,
    "timeline.evaluate": 3,
    "timeline.dashboard": 4,
    "timeline.cli": 5,
    "timeline.__main__": 5,
    "timeline": 5,
}
MAX_LINES = 400


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imports_of(name: str) -> set[str]:
    """The package's modules that ``name`` imports (at any depth of its code)."""
    path = MODULES[name]
    is_package = path.name == "__init__.py"
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = name.split(".")
                anchor = anchor if is_package else anchor[:-1]
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                full = f"{base}.{alias.name}"
                found.add(full if full in MODULES else base)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {module for module in found if module in MODULES and module != name}


def layer_of(name: str) -> int:
    best = max((key for key in LAYERS if name == key or name.startswith(key + ".")), key=len)
    return LAYERS[best]


def test_every_module_has_a_layer():
    for name in MODULES:
        assert any(name == key or name.startswith(key + ".") for key in LAYERS), name


@pytest.mark.parametrize("name", sorted(MODULES))
def test_imports_run_down_the_layers(name):
    if name == "timeline":  # the lazy public API names lower modules by string only
        return
    upward = sorted(m for m in imports_of(name) if layer_of(m) > layer_of(name))
    assert not upward, f"{name} (layer {layer_of(name)}) imports higher layers: {upward}"


def test_corpus_and_evaluate_stay_apart():
    for name in MODULES:
        for other in imports_of(name):
            pair = {name.split(".")[1] if "." in name else "", other.split(".")[1]}
            assert pair != {"corpus", "evaluate"}, f"{name} imports {other}"


def test_no_import_circles():
    graph = {name: imports_of(name) for name in MODULES}
    # A package's __init__ importing its own submodules is not a circle of jobs.
    for name in graph:
        graph[name] = {m for m in graph[name] if not m.startswith(name + ".")}
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycle = [*stack[stack.index(nxt) :], nxt]
                pytest.fail("import circle: " + " -> ".join(cycle))
            if nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name)


@pytest.mark.parametrize("name", sorted(MODULES))
def test_no_module_over_400_lines(name):
    lines = MODULES[name].read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_LINES, f"{name} has {lines} lines: split it by job"


def test_the_layer_test_sees_a_real_upward_import(tmp_path, monkeypatch):
    """The checker itself: a text module importing the dashboard is caught."""
    fake = tmp_path / "timeline" / "text"
    fake.mkdir(parents=True)
    (fake / "bad.py").write_text("from timeline.dashboard import ids\n")
    monkeypatch.setitem(MODULES, "timeline.text.bad", fake / "bad.py")
    monkeypatch.setitem(MODULES, "timeline.dashboard.ids", fake / "bad.py")
    assert "timeline.dashboard.ids" in imports_of("timeline.text.bad")
    assert layer_of("timeline.dashboard.ids") > layer_of("timeline.text.bad")
