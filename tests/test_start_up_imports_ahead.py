"""At start-up the check's thread also imports what Home needs that is plain Python (issue 15),
while Qt paints the window: those modules never pull in Qt (a Qt module imported off the main
thread crashed a start once), and one that fails to import does not stop the start."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from gensec_quiz.app import HOME_NEEDS
from gensec_quiz.paths import DataFolder
from gensec_quiz.start_up import check_in_background


def clock() -> datetime:
    return datetime(2026, 3, 2, 16, 0, tzinfo=UTC)


def test_the_modules_imported_ahead_for_home_import_no_qt() -> None:
    code = ("import importlib, sys\n"
            f"for name in {list(HOME_NEEDS)!r}: importlib.import_module(name)\n"
            "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken'))))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "[]"


def test_the_check_thread_imports_the_modules_asked_and_survives_a_missing_one(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "probe_for_home.py").write_text("VALUE = 1\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "probe_for_home", raising=False)
    folder = DataFolder(tmp_path / "data").create()  # no database yet: no QuickStore
    job = check_in_background(folder, clock,
                              then_import=("no_such_module_for_home", "probe_for_home"))
    assert job.result() is None
    assert "probe_for_home" in sys.modules
