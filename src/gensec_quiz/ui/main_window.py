"""The main window: a navigation list beside a stack of screens."""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QSize, Qt, Signal, Slot
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from gensec_quiz.i18n import tr
from gensec_quiz.ui.context import AppContext
from gensec_quiz.ui.widgets import themed_icon

_log = logging.getLogger(__name__)

# (key, title, module, class); a module that is missing is simply not shown.
SCREENS: tuple[tuple[str, str, str, str], ...] = (
    ("home", "Home", "gensec_quiz.ui.screens.home", "HomeScreen"),
    ("quiz", "Quiz", "gensec_quiz.ui.screens.quiz", "QuizScreen"),
    ("results", "Results", "gensec_quiz.ui.screens.results", "ResultsScreen"),
    ("progress", "Progress", "gensec_quiz.ui.screens.progress", "ProgressScreen"),
    ("timeline", "Timeline", "gensec_quiz.ui.screens.timeline", "TimelineScreen"),
    ("records", "Records", "gensec_quiz.ui.screens.records", "RecordsScreen"),
    ("settings", "Settings", "gensec_quiz.ui.screens.settings", "SettingsScreen"),
    ("teacher", "Teacher", "gensec_quiz.ui.teacher.area", "TeacherArea"),
)


ScreenFactory = Callable[[AppContext], QWidget]


def load_screen_class(module_name: str, class_name: str) -> ScreenFactory | None:
    """The screen class, or None when its module is not there (yet)."""
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as error:
        if error.name != module_name:
            raise
        return None
    screen_class: ScreenFactory | None = getattr(module, class_name, None)
    return screen_class


class MainWindow(QMainWindow):
    """Navigation on the left, the current screen on the right."""

    screen_shown = Signal(str)
    closing = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(tr("GenSec Quiz"))
        self.setObjectName("mainWindow")
        self._keys: list[str] = []
        self._screens: dict[str, QWidget] = {}
        self._build()
        self._add_known_screens()
        self._connect_flow()
        self.resize(1100, 740)
        if self._keys:
            self.show_screen(self._keys[0])

    def _build(self) -> None:
        central = QWidget(self)
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.nav = QListWidget(central)
        self.nav.setObjectName("navigation")
        self.nav.setAccessibleName(tr("Screens"))
        self.nav.setFixedWidth(170)
        self.nav.setIconSize(QSize(20, 20))
        self.nav.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.nav.currentRowChanged.connect(self._on_nav_row)
        self.stack = QStackedWidget(central)
        self.stack.setObjectName("screens")
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

    def _add_known_screens(self) -> None:
        for key, title, module_name, class_name in SCREENS:
            screen_class = load_screen_class(module_name, class_name)
            if screen_class is None:
                continue
            try:
                widget = screen_class(self.context)
            except Exception:  # a broken extra screen must not stop the app from opening
                _log.exception("could not build the %s screen", key)
                continue
            self.add_screen(key, tr(title), widget)

    def add_screen(self, key: str, title: str, widget: QWidget) -> None:
        """Plug a screen in: a navigation entry (Ctrl+number) and a page of the stack."""
        if key in self._screens:
            raise ValueError(f"a screen called {key!r} is already there")
        self._keys.append(key)
        self._screens[key] = widget
        widget.setObjectName(f"screen_{key}")
        self.stack.addWidget(widget)
        item = QListWidgetItem(themed_icon(key), title, self.nav)
        item.setData(Qt.ItemDataRole.UserRole, key)
        number = len(self._keys)
        if number <= 9:
            sequence = QKeySequence(f"Ctrl+{number}")
            shortcut = QShortcut(sequence, self)
            shortcut.activated.connect(lambda k=key: self.show_screen(k))
            item.setToolTip(tr("{title} ({keys})", title=title,
                               keys=sequence.toString(QKeySequence.SequenceFormat.NativeText)))
        item.setData(Qt.ItemDataRole.AccessibleTextRole, title)

    def screen_widget(self, key: str) -> QWidget | None:
        return self._screens.get(key)

    def screen_keys(self) -> tuple[str, ...]:
        return tuple(self._keys)

    def current_key(self) -> str | None:
        row = self.nav.currentRow()
        return self._keys[row] if 0 <= row < len(self._keys) else None

    def show_screen(self, key: str) -> None:
        """Bring a screen forward (refreshing it first)."""
        if key not in self._screens:
            return
        row = self._keys.index(key)
        if self.nav.currentRow() != row:
            self.nav.setCurrentRow(row)  # calls _on_nav_row
        else:
            self._on_nav_row(row)

    @Slot(int)
    def _on_nav_row(self, row: int) -> None:
        if not 0 <= row < len(self._keys):
            return
        key = self._keys[row]
        widget = self._screens[key]
        refresh = getattr(widget, "refresh", None)
        if callable(refresh):
            refresh()
        self.stack.setCurrentWidget(widget)
        self.screen_shown.emit(key)

    def _connect_flow(self) -> None:
        """Home starts a quiz, the quiz ends in results, results lead back."""
        home: Any = self._screens.get("home")
        quiz: Any = self._screens.get("quiz")
        results: Any = self._screens.get("results")
        if home is not None and quiz is not None:
            home.start_requested.connect(self._start_quiz)
        if quiz is not None and results is not None:
            quiz.session_finished.connect(self._show_results)
        if results is not None:
            results.home_requested.connect(lambda: self.show_screen("home"))
            if quiz is not None:
                results.start_requested.connect(self._start_quiz)
        if quiz is not None:  # "Finish later" and "Go to Home"
            quiz.home_requested.connect(lambda: self.show_screen("home"))
        teacher: Any = self._screens.get("teacher")
        if teacher is not None:  # Switch learner (Ctrl+Shift+L) and who is learning now
            from gensec_quiz.ui.teacher.classroom import install

            teacher.switch_requested.connect(install(self).trigger)

    @Slot(object)
    def _start_quiz(self, plan: object) -> None:
        quiz: Any = self._screens["quiz"]
        if quiz.start(plan):
            self.show_screen("quiz")

    @Slot(object)
    def _show_results(self, outcome: object) -> None:
        results: Any = self._screens["results"]
        results.show_outcome(outcome)
        self.show_screen("results")

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closing.emit()
        super().closeEvent(event)
