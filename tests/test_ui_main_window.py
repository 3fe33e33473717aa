"""The main window: one navigation entry per screen, each screen typed and built on first use,
refreshed when it comes forward, and a screen that cannot be built fails loudly."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from conftest import FakeClock
from gensec_quiz.storage import Store
from gensec_quiz.ui.main_window import MainWindow, ScreenKey
from gensec_quiz.ui.screens.progress import ProgressScreen
from gensec_quiz.ui.screens.results import ResultsScreen
from ui_core_support import App


@pytest.fixture
def app(qtbot: QtBot, tmp_path: Path, clock: FakeClock, store: Store) -> App:
    return App(qtbot, tmp_path, clock, store=store)


def test_the_navigation_lists_every_screen_in_order_with_its_shortcut(app: App) -> None:
    nav = app.window.nav
    assert app.window.screen_keys() == tuple(ScreenKey)
    assert [nav.item(row).text() for row in range(nav.count())] == [
        "Home", "Quiz", "Results", "Progress", "Timeline", "Records", "Settings", "Teacher"]
    assert nav.item(3).toolTip() == "Progress (Ctrl+4)"


def test_each_entry_brings_its_own_typed_screen_forward(app: App) -> None:
    window = app.window
    assert app.context.teacher_access.go_on_without_pin()  # no PIN asked in this test
    typed: dict[ScreenKey, Callable[[], QWidget]] = {
        ScreenKey.HOME: lambda: window.home, ScreenKey.QUIZ: lambda: window.quiz,
        ScreenKey.RESULTS: lambda: window.results, ScreenKey.PROGRESS: lambda: window.progress,
        ScreenKey.TIMELINE: lambda: window.timeline, ScreenKey.RECORDS: lambda: window.records,
        ScreenKey.SETTINGS: lambda: window.settings, ScreenKey.TEACHER: lambda: window.teacher}
    for row, key in enumerate(ScreenKey):
        window.nav.setCurrentRow(row)
        assert window.current_key() is key
        shown = window.stack.currentWidget()
        assert shown is typed[key]()
        assert shown.objectName() == f"screen_{key}"


def test_a_screen_is_built_once_when_first_asked_for(app: App) -> None:
    window = app.window
    assert not window.is_built(ScreenKey.PROGRESS)
    progress = window.progress
    assert isinstance(progress, ProgressScreen) and window.is_built(ScreenKey.PROGRESS)
    window.show_screen(ScreenKey.PROGRESS)
    assert window.progress is progress
    assert window.stack.indexOf(progress) >= 0


def test_showing_a_screen_refreshes_it(app: App, monkeypatch: pytest.MonkeyPatch) -> None:
    refreshed: list[str] = []
    monkeypatch.setattr(ResultsScreen, "refresh", lambda self: refreshed.append("results"))
    app.window.show_screen(ScreenKey.RESULTS)
    app.window.show_screen(ScreenKey.HOME)
    app.window.show_screen(ScreenKey.RESULTS)
    assert refreshed == ["results", "results"]


def test_a_screen_that_cannot_be_built_fails_loudly(
    qtbot: QtBot, tmp_path: Path, clock: FakeClock, store: Store,
    monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(self: MainWindow) -> ProgressScreen:
        raise ImportError("No module named 'gensec_quiz.ui.screens.progress'")

    monkeypatch.setattr(MainWindow, "_build_progress", broken)
    app = App(qtbot, tmp_path, clock, store=store)
    assert ScreenKey.PROGRESS in app.window.screen_keys()  # still listed, never dropped
    with pytest.raises(ImportError, match="progress"):
        _ = app.window.progress


def test_the_status_bar_names_the_learner(app: App, monkeypatch: pytest.MonkeyPatch) -> None:
    label = app.window.statusBar().findChild(QLabel, "currentLearner")
    assert label is not None and label.text() == "No learner chosen"
    app.add_learner("Anna", monkeypatch)
    assert label.text() == "Learning now: Anna"
    app.window.switch_action.trigger()
    assert label.text() == "No learner chosen"
    assert app.window.current_key() is ScreenKey.HOME
    assert app.home.learners.currentRow() == -1
    assert app.window.switch_action.shortcut().toString() == "Ctrl+Shift+L"
    assert app.window.switch_action.shortcutContext() == Qt.ShortcutContext.WindowShortcut
