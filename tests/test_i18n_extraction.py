"""Every interface string reaches the catalogue: `pybabel extract` (as `make catalogue` runs it)
finds every text given to `tr`/`ntr`, and no `tr()` is called on a value the extractor cannot see.

The rule (see `gensec_quiz.i18n`): `tr("literal")`, or `tr(NAME…)` where every text that NAME is
assigned is marked `N_("…")` at its definition. Checked here for the interface's files (the
question-text engineer's generation/, domain/ and exporters are left to their own test).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "gensec_quiz"
ROOT = SRC.parent
# As `make catalogue` gives them to pybabel (EXTRACT_KEYWORDS in the Makefile).
KEYWORDS = {"tr": None, "ntr": (1, 2), "N_": None, "tr_in": (2,), "ntr_in": (2, 3)}
# The interface's files (issue 18, "Interface"); question text lives elsewhere.
INTERFACE = ("ui", "application", "commands", "storage", "review", "bank", "app.py",
             "launch.py", "cli.py", "paths.py")
NOT_INTERFACE = ("commands/generate.py", "bank/moodle_xml.py", "bank/gift.py", "bank/anki.py")
TRANSLATING = {"tr": 1, "ntr": 2}


def interface_files() -> list[Path]:
    files = []
    for part in INTERFACE:
        path = PACKAGE / part
        files += sorted(path.rglob("*.py")) if path.is_dir() else [path]
    return [f for f in files if f.relative_to(PACKAGE).as_posix() not in NOT_INTERFACE]


def extracted() -> set[str]:
    """The msgids `pybabel extract -F babel.cfg` writes into the template."""
    with (ROOT / "babel.cfg").open(encoding="utf-8") as config:
        method_map, options_map = parse_mapping_cfg(config)
    found: set[str] = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
            str(ROOT), method_map=method_map, options_map=options_map, keywords=KEYWORDS):
        found.update([message] if isinstance(message, str) else [m for m in message if m])
    return found


def called_name(call: ast.Call) -> str | None:
    func = call.func
    return func.id if isinstance(func, ast.Name) else None


def calls(tree: ast.AST, names: set[str]) -> Iterator[ast.Call]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and called_name(node) in names:
            yield node


def is_text(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def marked(node: ast.expr) -> bool:
    return isinstance(node, ast.Call) and called_name(node) == "N_" and is_text(node.args[0])


def unmarked_texts(value: ast.expr, index: int | None = None) -> list[str]:
    """The non-empty texts of an assigned value (dict values, items) not wrapped in `N_`; with
    `index`, only that place of each tuple item (`for kind, name in ((k, N_("Name")), …)`)."""
    if index is not None and isinstance(value, (ast.Tuple, ast.List)):
        return [t for item in value.elts for t in unmarked_texts(
            item.elts[index] if isinstance(item, ast.Tuple) else item)]
    if marked(value):
        return []
    if is_text(value):
        assert isinstance(value, ast.Constant)
        return [value.value] if value.value.strip() else []
    if isinstance(value, ast.Dict):
        return [t for v in value.values for t in unmarked_texts(v)]
    if isinstance(value, (ast.Tuple, ast.List, ast.Set)):
        return [t for e in value.elts for t in unmarked_texts(e)]
    return []


def has_mark(value: ast.expr) -> bool:
    return any(marked(n) for n in ast.walk(value) if isinstance(n, ast.expr))


class Module:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.tree = ast.parse(path.read_text(encoding="utf-8"))
        self.parents: dict[ast.AST, ast.AST] = {}
        for node in ast.walk(self.tree):
            for child in ast.iter_child_nodes(node):
                self.parents[child] = node

    def assignments(self, name: str) -> list[ast.expr]:
        found = []
        for node in ast.walk(self.tree):
            if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                for target in targets:
                    if (isinstance(target, ast.Name) and target.id == name) or (
                            isinstance(target, ast.Attribute) and target.attr == name):
                        found.append(node.value)
        return found

    def imported_from(self, name: str) -> Path | None:
        for node in ast.walk(self.tree):
            if (isinstance(node, ast.ImportFrom) and node.module
                    and node.module.startswith("gensec_quiz")
                    and any(a.name == name for a in node.names)):
                path = SRC / (node.module.replace(".", "/") + ".py")
                return path if path.exists() else None
        return None

    def loop_source(self, use: ast.Name) -> tuple[ast.expr, int | None] | None:
        """The iterable a loop or comprehension variable takes its values from (and its place
        in each item, when the loop unpacks tuples)."""
        node: ast.AST | None = use
        while node is not None:
            node = self.parents.get(node)
            generators = (node.generators if isinstance(
                node, (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp)) else [])
            loops = [(g.target, g.iter) for g in generators]
            if isinstance(node, ast.For):
                loops.append((node.target, node.iter))
            for target, iterable in loops:
                if isinstance(target, ast.Name) and target.id == use.id:
                    return iterable, None
                if isinstance(target, ast.Tuple):
                    for index, element in enumerate(target.elts):
                        if isinstance(element, ast.Name) and element.id == use.id:
                            return iterable, index
        return None

    def parameter_of(self, use: ast.Name) -> str | None:
        """The function whose parameter `use` is, if it is one."""
        node: ast.AST | None = use
        while node is not None:
            node = self.parents.get(node)
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and any(
                    a.arg == use.id for a in node.args.args + node.args.posonlyargs):
                return node.name
        return None


def problems_with(module: Module, argument: ast.expr, everything: list[Module],
                  index: int | None = None) -> list[str]:
    """Why a non-literal argument of `tr` may hide texts from the extractor ([] when it cannot)."""
    if isinstance(argument, ast.Subscript):
        return problems_with(module, argument.value, everything, index)
    if isinstance(argument, ast.Name):
        source = module.loop_source(argument)
        if source is not None:
            return problems_with(module, source[0], everything, source[1])
        function = module.parameter_of(argument)
        if function is not None:
            passed = [c.args[0] for m in everything for c in calls(m.tree, {function})
                      if c.args]
            return [f"{function}() is given {ast.unparse(p)}" for p in passed if not marked(p)]
        name = argument.id
    elif isinstance(argument, ast.Attribute):
        name = argument.attr
    else:
        return [f"tr({ast.unparse(argument)}) is neither a literal nor a marked constant"]
    values = module.assignments(name)
    origin = module.imported_from(name)
    if not values and origin is not None:
        values = Module(origin).assignments(name)
    if not any(has_mark(v) for v in values):
        return [f"{name} is not marked with N_ where it is defined"]
    return [f"{name} holds {t!r} unmarked" for v in values for t in unmarked_texts(v, index)]


def test_babel_cfg_extracts_every_literal_text_of_the_interface() -> None:
    catalogue = extracted()
    missing = []
    for path in interface_files():
        for call in calls(Module(path).tree, set(TRANSLATING)):
            texts = call.args[:TRANSLATING[called_name(call) or "tr"]]
            missing += [f"{path.relative_to(SRC)}:{call.lineno}: {t.value!r}"
                        for t in texts if isinstance(t, ast.Constant) and t.value not in catalogue]
    assert not missing, "\n".join(missing)


def test_no_interface_tr_call_on_a_text_the_extractor_cannot_see() -> None:
    everything = [Module(p) for p in interface_files()]
    problems = []
    for module in everything:
        for call in calls(module.tree, set(TRANSLATING)):
            for argument in call.args[:TRANSLATING[called_name(call) or "tr"]]:
                if not is_text(argument):
                    where = f"{module.path.relative_to(SRC)}:{call.lineno}"
                    problems += [f"{where}: {p}" for p in problems_with(module, argument,
                                                                      everything)]
    assert not problems, "\n".join(problems)


def test_the_check_refuses_a_tr_call_on_an_unmarked_constant(tmp_path: Path) -> None:
    source = tmp_path / "shown.py"
    source.write_text('NAMES = {"a": "Apple", "b": N_("Banana")}\nPLAIN = ("Cherry",)\n'
                      'def f(key):\n    return tr(NAMES[key]) + tr(PLAIN[0]) + tr(key.title())\n',
                      encoding="utf-8")
    module = Module(source)
    found = [p for c in calls(module.tree, {"tr"}) for p in problems_with(module, c.args[0],
                                                                           [module])]
    assert sorted(found) == ["NAMES holds 'Apple' unmarked",
                     "PLAIN is not marked with N_ where it is defined",
                     "tr(key.title()) is neither a literal nor a marked constant"]
