"""No module of gensec_quiz imports, through any chain, a module that imports it back.

Imports under `if TYPE_CHECKING:` are for annotations only and do not count. Imports inside
functions (deferred, to keep start-up fast) are dependencies all the same: they count in the
second check, which still allows the cycles listed in KNOWN_DEFERRED_CYCLES (to be removed
from the list as they are fixed: the test fails when a listed cycle is gone, too).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"

KNOWN_DEFERRED_CYCLES: set[frozenset[str]] = set()


def _module_names(src: Path, package: str) -> dict[str, Path]:
    names: dict[str, Path] = {}
    for path in sorted((src / package).rglob("*.py")):
        parts = list(path.relative_to(src).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        names[".".join(parts)] = path
    return names


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imports(body: list[ast.stmt], *, deferred: bool) -> Iterator[ast.Import | ast.ImportFrom]:
    """The import statements run when the module (or, if `deferred`, any function) runs."""
    for node in body:
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        elif isinstance(node, ast.If):
            if not _is_type_checking(node):
                yield from _imports(node.body, deferred=deferred)
            yield from _imports(node.orelse, deferred=deferred)
        elif isinstance(node, ast.Try):
            for block in (node.body, *(h.body for h in node.handlers), node.orelse,
                          node.finalbody):
                yield from _imports(block, deferred=deferred)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            if deferred:  # runs when the function is called, not on import
                yield from _imports(node.body, deferred=deferred)
        elif isinstance(node, ast.ClassDef | ast.With | ast.For | ast.While):
            yield from _imports(node.body, deferred=deferred)


def _targets(node: ast.Import | ast.ImportFrom, module: str, is_package: bool,
             known: dict[str, Path]) -> set[str]:
    """The package's modules an import statement loads: `from a import b` loads `a.b` when b
    is a module, else `a` itself."""
    if isinstance(node, ast.Import):
        return {alias.name for alias in node.names if alias.name in known}
    base = module.split(".") if is_package else module.split(".")[:-1]
    if node.level:
        base = base[: len(base) - node.level + 1]
        source = ".".join([*base, *([node.module] if node.module else [])])
    else:
        source = node.module or ""
    found = set()
    for alias in node.names:
        sub = f"{source}.{alias.name}"
        found.add(sub if sub in known else source)
    return {name for name in found if name in known and name != module}


def import_graph(src: Path, package: str, *, deferred: bool) -> dict[str, set[str]]:
    known = _module_names(src, package)
    graph: dict[str, set[str]] = {}
    for module, path in known.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        is_package = path.name == "__init__.py"
        graph[module] = {target for node in _imports(tree.body, deferred=deferred)
                         for target in _targets(node, module, is_package, known)}
    return graph


def cycles(graph: dict[str, set[str]]) -> set[frozenset[str]]:
    """The strongly connected groups of more than one module (Tarjan), each one cycle or more."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: set[frozenset[str]] = set()

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.add(member)
                if member == node:
                    break
            if len(group) > 1:
                found.add(frozenset(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def _described(found: set[frozenset[str]]) -> list[str]:
    return sorted(" <-> ".join(sorted(group)) for group in found)


def test_no_import_cycles_at_module_level() -> None:
    graph = import_graph(SRC, "gensec_quiz", deferred=False)
    assert len(graph) > 100, "the check found too few modules: it proves nothing"
    assert _described(cycles(graph)) == []


def test_deferred_imports_close_no_cycle_but_the_known_ones() -> None:
    found = cycles(import_graph(SRC, "gensec_quiz", deferred=True))
    assert _described(found) == _described(KNOWN_DEFERRED_CYCLES)


def test_the_check_finds_a_cycle_and_ignores_type_checking_imports(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    (package / "sub").mkdir(parents=True)
    files = {
        "__init__.py": "",
        "a.py": "from pkg.sub import b\n",
        "sub/__init__.py": "",
        "sub/b.py": "from .. import c\n",
        "c.py": "def f() -> None:\n    from pkg import a\n",
        "d.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg import e\n",
        "e.py": "import pkg.d\n",
    }
    for name, text in files.items():
        (package / name).write_text(text, encoding="utf-8")
    assert cycles(import_graph(tmp_path, "pkg", deferred=False)) == set()
    assert cycles(import_graph(tmp_path, "pkg", deferred=True)) == {
        frozenset({"pkg.a", "pkg.sub.b", "pkg.c"})}
