"""The package's layers, checked from the source: one package per stage, foundations at the bottom.

Every `import` and `from ... import` under generator/ counts, also those inside
functions (they are circles all the same, only hidden). Imports under
`if TYPE_CHECKING:` never run, so they do not make circles; they still may not
reach into another package's private modules.
"""

from __future__ import annotations

import ast
from pathlib import Path

GENERATOR = Path(__file__).resolve().parent.parent / "generator"

# Shared by every stage; they import no stage.
FOUNDATIONS = ("generator.knowledge", "generator.nlp", "generator.model", "generator.errors", "generator.cache")


def _module_name(path: Path) -> str:
    parts = path.relative_to(GENERATOR.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(path): path for path in sorted(GENERATOR.rglob("*.py"))}


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(path: Path, name: str, modules: dict[str, Path]) -> list[tuple[str, int, bool]]:
    """(imported module, line, only under TYPE_CHECKING) for each import of a generator module."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: list[tuple[str, int, bool]] = []

    def add(target: str, line: int, typing_only: bool) -> None:
        if target in modules:
            found.append((target, line, typing_only))

    def visit(node: ast.AST, typing_only: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child.test):
                for part in child.body:
                    visit_one(part, True)
                for part in child.orelse:
                    visit_one(part, typing_only)
            else:
                visit_one(child, typing_only)

    def visit_one(node: ast.AST, typing_only: bool) -> None:
        if isinstance(node, ast.Import):
            for alias in node.names:
                add(alias.name, node.lineno, typing_only)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            for alias in node.names:
                submodule = f"{source}.{alias.name}"
                add(submodule if submodule in modules else source, node.lineno, typing_only)
        else:
            visit(node, typing_only)

    visit(ast.parse(path.read_text(encoding="utf-8"), str(path)), False)
    return found


def _graph() -> dict[str, list[tuple[str, int, bool]]]:
    modules = _modules()
    return {name: _imports(path, name, modules) for name, path in modules.items()}


def _package(module: str) -> str:
    """The top-level unit a module belongs to: `generator.dates` for generator.dates._find."""
    return ".".join(module.split(".")[:2])


def _private_part(module: str) -> bool:
    """Whether a module is private to its package (a `_name` below generator.<package>)."""
    return any(part.startswith("_") and part != "__main__" for part in module.split(".")[2:])


def _in(module: str, unit: str) -> bool:
    return module == unit or module.startswith(unit + ".")


def find_cycles(graph: dict[str, list[tuple[str, int, bool]]]) -> list[list[str]]:
    """Every elementary circle found by a depth-first search (one per back edge)."""
    edges = {name: sorted({target for target, _, typing_only in imports if not typing_only and target != name})
             for name, imports in graph.items()}
    cycles: list[list[str]] = []
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        path.append(node)
        for target in edges.get(node, []):
            if state.get(target) == 1:
                cycles.append(path[path.index(target):] + [target])
            elif target not in state:
                visit(target)
        path.pop()
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            visit(node)
    return cycles


def test_the_walk_sees_the_stages_and_imports_inside_functions():
    graph = _graph()
    for package in ("generator.dates", "generator.people", "generator.statements", "generator.events",
                    "generator.store", "generator.render", "generator.knowledge", "generator.nlp"):
        assert package in graph, f"{package} is missing: the layout this test checks has changed"
    cli_imports = {target for target, _, _ in graph["generator.cli"]}
    assert "generator.pipeline" in cli_imports  # imported inside a command function


def test_no_import_circles():
    cycles = find_cycles(_graph())
    assert not cycles, "import circles (break them: move the shared part down, or pass data in):\n  " + "\n  ".join(
        " -> ".join(cycle) for cycle in cycles
    )


def test_no_package_imports_another_packages_private_module():
    problems = []
    for name, imports in _graph().items():
        for target, line, _ in imports:
            if _private_part(target) and not _in(name, _package(target)):
                problems.append(f"{name} (line {line}) imports {target}, private to {_package(target)}")
    assert not problems, (
        "imports of another package's private module; import from its face instead "
        "(e.g. `from generator.dates import find_time_expressions`), or export the name there:\n  "
        + "\n  ".join(problems)
    )


def test_foundations_import_no_stage():
    problems = []
    for name, imports in _graph().items():
        if not any(_in(name, foundation) for foundation in FOUNDATIONS):
            continue
        for target, line, _ in imports:
            if target != "generator" and not any(_in(target, foundation) for foundation in FOUNDATIONS):
                problems.append(f"{name} (line {line}) imports the stage {target}")
    assert not problems, (
        "foundations (knowledge, nlp, model, errors, cache) may use only each other:\n  " + "\n  ".join(problems)
    )


def test_the_cycle_finder_finds_a_circle_and_ignores_typing_only_imports():
    graph = {
        "a": [("b", 1, False)],
        "b": [("c", 1, False)],
        "c": [("a", 1, False)],
        "d": [("e", 1, False)],
        "e": [("d", 1, True)],
    }
    assert find_cycles(graph) == [["a", "b", "c", "a"]]
