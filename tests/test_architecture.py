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


# The application layer between the window and the data (issue 11) ------------------------------

APPLICATION = "application"
# What changes learners' data: only the application layer (and the command line) call these.
STORE_WRITES = frozenset({
    "add_learner", "rename_learner", "merge_learners", "delete_learner", "start_session",
    "record_answer", "finish_session", "sync_review", "rebuild_review", "backup", "restore",
})
QUESTION_SET_FILES = ("gensec_quiz.bank.questions_json",)
QUESTION_SET_READERS = frozenset({"load_question_set", "save_question_set", "load_classroom",
                                  "read_classroom", "question_set_from_dict"})


def _under(name: str, modules: tuple[str, ...]) -> bool:
    """Whether `name` is one of `modules` or inside one (`gensec_quiz.app` is not inside
    `gensec_quiz.application`)."""
    return any(name == module or name.startswith(f"{module}.") for module in modules)


def _calls(path: Path) -> set[str]:
    """The names of the attributes and functions a module calls (`store.record_answer(...)`)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            if isinstance(node.func, ast.Attribute):
                names.add(node.func.attr)
            elif isinstance(node.func, ast.Name):
                names.add(node.func.id)
    return names


def _all_imports(path: Path) -> set[str]:
    """Every module a file imports, including the names imported from it (`a.b.c` for
    `from a.b import c`), relative imports resolved inside the package."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def _module_level_imports(path: Path) -> set[str]:
    """Imports that run when the module is imported (not inside functions or TYPE_CHECKING)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_no_ui_module_calls_the_stores_write_methods() -> None:
    offenders = [
        f"{path.relative_to(PACKAGE)} calls {name}"
        for path in _modules("ui")
        for name in sorted(_calls(path) & STORE_WRITES)
    ]
    assert offenders == []


def test_no_ui_module_reads_or_writes_question_set_files() -> None:
    offenders = [
        f"{path.relative_to(PACKAGE)}: {name}"
        for path in _modules("ui")
        for name in sorted(_all_imports(path))
        if _under(name, QUESTION_SET_FILES) or name.rpartition(".")[2] in QUESTION_SET_READERS
    ]
    assert offenders == []


def test_the_application_layer_imports_no_qt_and_no_layer_above_it() -> None:
    above = ("gensec_quiz.ui", "gensec_quiz.app", "gensec_quiz.cli", "gensec_quiz.commands",
             "gensec_quiz.launch")
    offenders = [
        f"{path.relative_to(PACKAGE)} imports {name}"
        for path in _modules(APPLICATION)
        for name in _imports(path)
        if name.split(".")[0] == "PySide6" or _under(name, above)
    ]
    assert _modules(APPLICATION), "no application layer: the check proves nothing"
    assert offenders == []


def test_the_application_layer_loads_the_orm_only_when_used() -> None:
    """The window paints before `sqlmodel` is imported: the layer names the store for types
    only, and imports it inside the functions that need it."""
    offenders = [
        f"{path.relative_to(PACKAGE)} imports {name} when imported"
        for path in _modules(APPLICATION)
        for name in _module_level_imports(path)
        if name.split(".")[0] in ("sqlmodel", "sqlalchemy") or _under(
            name, ("gensec_quiz.storage", "gensec_quiz.generation", "gensec_quiz.review"))
    ]
    assert offenders == []


def test_no_import_points_up_from_the_command_line_the_commands_or_the_ui() -> None:
    """`cli` does not open the window (`launch` chooses), commands do not import `cli`, no UI
    module imports a command, and nothing below `ui/` imports the window or the entry points."""
    rules = {
        "cli.py": ("gensec_quiz.app", "gensec_quiz.ui", "gensec_quiz.launch"),
        "commands": ("gensec_quiz.cli", "gensec_quiz.app", "gensec_quiz.ui", "gensec_quiz.launch"),
        "ui": ("gensec_quiz.commands", "gensec_quiz.cli", "gensec_quiz.launch"),
        "storage": ("gensec_quiz.application", "gensec_quiz.ui", "gensec_quiz.app",
                    "gensec_quiz.cli", "gensec_quiz.commands"),
    }
    offenders = []
    for where, forbidden in rules.items():
        paths = [PACKAGE / where] if where.endswith(".py") else _modules(where)
        offenders += [
            f"{path.relative_to(PACKAGE)} imports {name}"
            for path in paths
            for name in _all_imports(path)
            if _under(name, forbidden)
        ]
    assert offenders == []


def test_errors_the_user_sees_are_the_projects_own_and_live_in_one_place() -> None:
    from gensec_quiz.domain import errors
    from gensec_quiz.storage.errors import DamagedDatabase

    for kind in (errors.InputError, errors.StoreError, errors.CommandError,
                 errors.NothingToReview, DamagedDatabase):
        assert issubclass(kind, errors.GensecError)
    defined = [
        f"{path.relative_to(PACKAGE)} defines {node.name}"
        for path in sorted(PACKAGE.rglob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.ClassDef) and node.name in ("CommandError", "StoreError",
                                                            "InputError")
    ]
    assert defined == ["domain/errors.py defines InputError", "domain/errors.py defines StoreError",
                       "domain/errors.py defines CommandError"]
