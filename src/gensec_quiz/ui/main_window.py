"""The main window: a navigation list beside a stack of screens."""

from __future__ import annotations

import importlib
import importlib.util
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QSize, Qt, Signal, Slot
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
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

    def __init__(self, context: AppContext, parent: QWidget | None = None, *,
                 defer_first_screen: bool = False) -> None:
        """`defer_first_screen`: show the frame at once and build Home with `open_first()`
        after the first paint (start-up); otherwise Home is built and shown now."""
        super().__init__(parent)
        self._defer_first = defer_first_screen
        self.context = context
        self.setWindowTitle(tr("GenSec Quiz"))
        self.setObjectName("mainWindow")
        self._keys: list[str] = []
        self._screens: dict[str, QWidget] = {}
        self._pending: dict[str, tuple[str, str]] = {}  # key -> (module, class), built on use
        self._switch: Any = None
        self._build()
        self._add_known_screens()
        self.resize(1100, 740)
        if not defer_first_screen:
            self._install_switch()
        if self._keys and not defer_first_screen:
            self.show_screen(self._keys[0])
        elif self._keys:
            self._show_opening()

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
        """An entry for every screen; only the first is built now, the rest when first shown,
        so the window appears without importing what the learner has not asked for."""
        for index, (key, title, module_name, class_name) in enumerate(SCREENS):
            if importlib.util.find_spec(module_name) is None:
                continue
            if index == 0 and not self._defer_first:
                if self._make_screen(key, module_name, class_name) is not None:
                    self._add_entry(key, tr(title))
                continue
            self._pending[key] = (module_name, class_name)
            self._add_entry(key, tr(title))

    def _show_opening(self) -> None:
        """A quiet placeholder for the instant before Home is built."""
        opening = QLabel(tr("Opening…"), self.stack)
        opening.setAlignment(Qt.AlignmentFlag.AlignCenter)
        opening.setObjectName("opening")
        self.stack.addWidget(opening)
        self.stack.setCurrentWidget(opening)
        # a focused list selects its first row at once, which would build Home before the paint
        self.nav.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def open_first(self) -> None:
        """Build and show the first screen (Home) when it was deferred."""
        if self._keys and self.current_key() is None:
            self._install_switch()
            self.nav.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            self.show_screen(self._keys[0])

    def _install_switch(self) -> None:
        if importlib.util.find_spec("gensec_quiz.ui.teacher.classroom") is not None:
            self._switch_action()  # classrooms switch learners from any screen

    def _make_screen(self, key: str, module_name: str, class_name: str) -> QWidget | None:
        screen_class = load_screen_class(module_name, class_name)
        if screen_class is None:
            return None
        try:
            widget = screen_class(self.context)
        except Exception:  # a broken extra screen must not stop the app from working
            _log.exception("could not build the %s screen", key)
            return None
        self._place(key, widget)
        return widget

    def _place(self, key: str, widget: QWidget) -> None:
        self._screens[key] = widget
        widget.setObjectName(f"screen_{key}")
        self.stack.addWidget(widget)
        self._connect_screen(key, widget)

    def add_screen(self, key: str, title: str, widget: QWidget) -> None:
        """Plug a screen in: a navigation entry (Ctrl+number) and a page of the stack."""
        if key in self._keys:
            raise ValueError(f"a screen called {key!r} is already there")
        self._place(key, widget)
        self._add_entry(key, title)

    def _add_entry(self, key: str, title: str) -> None:
        """The navigation entry of a screen (Ctrl+number for the first nine)."""
        self._keys.append(key)
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
        """The screen's widget, built now if it has not been shown yet."""
        if key in self._pending:
            module_name, class_name = self._pending.pop(key)
            if self._make_screen(key, module_name, class_name) is None:
                self._drop_entry(key)
        return self._screens.get(key)

    def _drop_entry(self, key: str) -> None:
        row = self._keys.index(key)
        self._keys.pop(row)
        self.nav.takeItem(row)

    def screen_keys(self) -> tuple[str, ...]:
        return tuple(self._keys)

    def current_key(self) -> str | None:
        row = self.nav.currentRow()
        return self._keys[row] if 0 <= row < len(self._keys) else None

    def show_screen(self, key: str) -> None:
        """Bring a screen forward (refreshing it first)."""
        if self.screen_widget(key) is None:
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
        widget = self.screen_widget(key)
        if widget is None:
            return
        refresh = getattr(widget, "refresh", None)
        if callable(refresh):
            refresh()
        self.stack.setCurrentWidget(widget)
        self.screen_shown.emit(key)

    def _connect_screen(self, key: str, screen: Any) -> None:
        """Home starts a quiz, the quiz ends in results, results lead back (wired as each
        screen is built; the screen a signal leads to is built when it is needed)."""
        if key == "home":
            screen.start_requested.connect(self._start_quiz)
        elif key == "quiz":
            screen.session_finished.connect(self._show_results)
            screen.home_requested.connect(lambda: self.show_screen("home"))  # "Finish later"
        elif key == "results":
            screen.home_requested.connect(lambda: self.show_screen("home"))
            screen.start_requested.connect(self._start_quiz)
        elif key == "teacher":  # Switch learner (Ctrl+Shift+L) from the Classroom tab
            screen.switch_requested.connect(self._switch_action().trigger)

    def _switch_action(self) -> Any:
        """The window-wide Switch learner action and the status bar saying who is learning."""
        if self._switch is None:
            from gensec_quiz.ui.teacher.classroom import install

            self._switch = install(self)
        return self._switch

    @Slot(object)
    def _start_quiz(self, plan: object) -> None:
        quiz: Any = self.screen_widget("quiz")
        if quiz is not None and quiz.start(plan):
            self.show_screen("quiz")

    @Slot(object)
    def _show_results(self, outcome: object) -> None:
        results: Any = self.screen_widget("results")
        if results is None:
            return
        results.show_outcome(outcome)
        self.show_screen("results")

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closing.emit()
        super().closeEvent(event)
