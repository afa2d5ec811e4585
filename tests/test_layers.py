"""The pipeline holds: every stage imports only the stages before it, and no module of
netcard imports itself back through others.

The import graph is read from the source with `ast`: every `import` counts, at the top
of a module, inside a function, or under `if TYPE_CHECKING:` (a type is knowledge of
the module too). The layers, lowest first:

- shared: the top-level modules used everywhere (deps, errors, paths, atomic …);
  every top-level module not named in `COMMANDS` belongs here;
- load → model → analyse → render: the stages, each a package;
- content_types: one declaration per type, which spans the stages;
- COMMANDS: the write stage, the build that runs the pipeline, and the commands.

A module may import its own layer and the layers below it, never one above.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

from tests.conftest import REPO

PACKAGE = REPO / "generator"
STAGES = ("load", "model", "analyse", "render", "content_types")  # packages, lowest first
COMMANDS = frozenset({
    "__main__", "cli", "commands", "build", "check", "serve", "bundle", "scaffold",
    "schema_export", "freshness", "write", "search", "diff",
})
LAYERS = ("shared", *STAGES, "commands")
# Cycles known and being removed; each names the change that removes it. None now.
KNOWN_CYCLES: frozenset[frozenset[str]] = frozenset()


def module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def layer(module: str) -> str:
    parts = module.split(".")
    if len(parts) == 1:
        return "shared"  # the package itself: its __init__ holds the version
    if parts[1] in STAGES:
        return parts[1]
    return "commands" if parts[1] in COMMANDS else "shared"


def imported(module: str) -> Iterator[tuple[int, str]]:
    """(line, module) for every netcard module `module` imports, anywhere in its code."""
    path = modules()[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield from _known(node.lineno, alias.name)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[:len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, *([base] if base else [])])
            for alias in node.names:
                # `from generator.render import exports` imports a module; else a name
                submodule = f"{base}.{alias.name}"
                yield from _known(node.lineno, submodule if submodule in modules() else base)


def _known(line: int, name: str) -> Iterator[tuple[int, str]]:
    if name in modules():
        yield line, name


@cache
def graph() -> dict[str, frozenset[str]]:
    return {module: frozenset(name for _, name in imported(module) if name != module)
            for module in modules()}


def cycles(edges: dict[str, frozenset[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm,
    iterative), each sorted, each a set of modules that import one another."""
    order: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(edges):
        if root in order:
            continue
        work = [(root, iter(sorted(edges[root])))]
        order[root] = low[root] = len(order)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in order:
                    order[child] = low[child] = len(order)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], order[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == order[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


@pytest.mark.slow
def test_the_graph_is_read_from_every_kind_of_import() -> None:
    """The reader itself: modules, packages, relative and function-level imports."""
    assert {"generator.load.content", "generator.model.site", "generator.analyse.results",
            "generator.render.site", "generator.build"} <= set(modules())
    assert "generator.analyse.results" in graph()["generator.analyse.cache"]  # from .results
    assert "generator.analyse.network" in graph()["generator.analyse.site_graph"]  # in a def
    assert "generator.commands" in graph()["generator.cli"]  # inside main()
    assert layer("generator") == layer("generator.deps") == "shared"
    assert layer("generator.render.site") == "render"
    assert layer("generator.build") == "commands"


def test_cycles_are_found() -> None:
    edges = {"a": frozenset({"b"}), "b": frozenset({"c"}), "c": frozenset({"a"}),
             "d": frozenset({"a"}), "e": frozenset()}
    assert cycles(edges) == [["a", "b", "c"]]
    assert cycles({"a": frozenset({"b"}), "b": frozenset()}) == []


@pytest.mark.parametrize("module", sorted(modules()))
def test_a_module_imports_nothing_from_a_later_layer(module: str) -> None:
    own = LAYERS.index(layer(module))
    upward = [f"{modules()[module].relative_to(REPO)}:{line} imports {name} ({layer(name)})"
              for line, name in sorted(set(imported(module)))
              if LAYERS.index(layer(name)) > own]
    assert not upward, (f"{module} is in the {layer(module)} layer, which may import only "
                        f"{', '.join(LAYERS[:own + 1])}:\n" + "\n".join(upward))


def test_no_module_imports_itself_back() -> None:
    found = [cycle for cycle in cycles(graph()) if frozenset(cycle) not in KNOWN_CYCLES]
    assert not found, "import cycles: " + "; ".join(" ↔ ".join(cycle) for cycle in found)


def test_the_known_cycles_are_still_there() -> None:
    """A known cycle that is gone must leave KNOWN_CYCLES, so that it cannot come back."""
    present = {frozenset(cycle) for cycle in cycles(graph())}
    assert present >= KNOWN_CYCLES, sorted(map(sorted, KNOWN_CYCLES - present))
