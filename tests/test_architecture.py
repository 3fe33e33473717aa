"""The layers import downward only: the core never imports Qt or the ORM."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "gensec_quiz"
CORE_LAYERS = ("domain", "generation", "extraction", "bank", "review")
GUI_OR_ORM = ("PySide6", "sqlmodel", "sqlalchemy")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _modules(layer: str) -> list[Path]:
    return sorted((PACKAGE / layer).rglob("*.py"))


@pytest.mark.parametrize("layer", CORE_LAYERS)
def test_core_layer_imports_neither_qt_nor_the_orm(layer: str) -> None:
    offenders = [
        f"{path.relative_to(PACKAGE)} imports {name}"
        for path in _modules(layer)
        for name in _imports(path)
        if name.split(".")[0] in GUI_OR_ORM
    ]
    assert offenders == []


def test_domain_imports_only_the_standard_library_and_itself() -> None:
    import sys

    allowed = set(sys.stdlib_module_names) | {"gensec_quiz"}
    offenders = [
        f"{path.relative_to(PACKAGE)} imports {name}"
        for path in _modules("domain")
        for name in _imports(path)
        if name.split(".")[0] not in allowed
    ]
    assert offenders == []


def test_domain_does_not_import_the_layers_above_it() -> None:
    above = ("gensec_quiz.ui", "gensec_quiz.storage", "gensec_quiz.generation",
             "gensec_quiz.extraction", "gensec_quiz.bank", "gensec_quiz.review")
    offenders = [
        f"{path.relative_to(PACKAGE)} imports {name}"
        for path in _modules("domain")
        for name in _imports(path)
        if name.startswith(above)
    ]
    assert offenders == []


def test_storage_does_not_import_qt() -> None:
    offenders = [
        f"{path.relative_to(PACKAGE)} imports {name}"
        for path in _modules("storage")
        for name in _imports(path)
        if name.split(".")[0] == "PySide6"
    ]
    assert offenders == []


def test_the_architecture_check_sees_every_core_module() -> None:
    assert _modules("domain"), "the domain layer has no modules: the checks above prove nothing"
