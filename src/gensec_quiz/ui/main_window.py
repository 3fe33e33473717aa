"""The main window: a navigation list beside a stack of screens, and a status bar saying who is
learning (with the window-wide "Switch learner" action for classrooms)."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt, QTimer, Slot
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSizePolicy,
    QStackedWidget,
    QToolButton,
    QWidget,
)

from gensec_quiz.i18n import tr
from gensec_quiz.ui.context import AppContext
from gensec_quiz.ui.screen import (
    SWITCH_LEARNER_KEYS,
    LazyScreen,
    Screen,
    switch_learner_keys_text,
)
from gensec_quiz.ui.sound import AnswerSounds
from gensec_quiz.ui.theme import open_settings
from gensec_quiz.ui.widgets import themed_icon

if TYPE_CHECKING:  # each screen's module is imported when the screen is first shown
    from gensec_quiz.application.plans import QuizOutcome, QuizPlan
    from gensec_quiz.ui.dialogs.teacher_pin import PinDialog
    from gensec_quiz.ui.screens.home import HomeScreen
    from gensec_quiz.ui.screens.progress import ProgressScreen
    from gensec_quiz.ui.screens.quiz import QuizScreen
    from gensec_quiz.ui.screens.records import RecordsScreen
    from gensec_quiz.ui.screens.results import ResultsScreen
    from gensec_quiz.ui.screens.settings import SettingsScreen
    from gensec_quiz.ui.screens.timeline import TimelineScreen
    from gensec_quiz.ui.teacher.area import TeacherArea

S = TypeVar("S", bound=Screen)
QUIT_KEYS = "Ctrl+Q"
GEOMETRY_KEY = "window/geometry"  # x, y, width, height
MAXIMIZED_KEY = "window/maximized"


def clamp_to(rect: QRect, available: QRect, *, placed: bool = True) -> QRect:
    """`rect` made no larger than `available` and moved wholly inside it (centred in it when
    it had no place of its own)."""
    width = min(rect.width(), available.width())
    height = min(rect.height(), available.height())
    if not placed:
        return QRect(available.x() + (available.width() - width) // 2,
                     available.y() + (available.height() - height) // 2, width, height)
    x = min(max(rect.x(), available.left()), available.x() + available.width() - width)
    y = min(max(rect.y(), available.top()), available.y() + available.height() - height)
    return QRect(x, y, width, height)


class ScreenKey(StrEnum):
    """The screens, in the order of the navigation list (Ctrl+1 … Ctrl+8)."""

    HOME = "home"
    QUIZ = "quiz"
    RESULTS = "results"
    PROGRESS = "progress"
    TIMELINE = "timeline"
    RECORDS = "records"
    SETTINGS = "settings"
    TEACHER = "teacher"


class MainWindow(QMainWindow):
    """Navigation on the left, the current screen on the right.

    Every screen is built the first time it is shown or asked for (`window.home`,
    `window.quiz`, …), so the window appears without importing what the learner has not asked
    for. Home starts a quiz, the quiz ends in results, results lead back; the teacher area's
    Classroom tab says when a lock changes, and Home is refreshed.
    """

    def __init__(self, context: AppContext, parent: QWidget | None = None, *,
                 defer_first_screen: bool = False) -> None:
        """`defer_first_screen`: show the frame at once and build Home with `open_first()`
        after the first paint (start-up); otherwise Home is built and shown now."""
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(tr("GenSec Quiz"))
        self.setObjectName("mainWindow")
        self._relayout_timer = QTimer(self)  # a child: it dies with the window
        self._relayout_timer.setSingleShot(True)
        self._relayout_timer.setInterval(0)
        self._relayout_timer.timeout.connect(self._relayout)
        self._build()
        self._home = self._page(ScreenKey.HOME, tr("Home"), "home", self._build_home)
        self._quiz = self._page(ScreenKey.QUIZ, tr("Quiz"), "quiz", self._build_quiz)
        self._results = self._page(ScreenKey.RESULTS, tr("Results"), "results",
                                   self._build_results)
        self._progress = self._page(ScreenKey.PROGRESS, tr("Progress"), "progress",
                                    self._build_progress)
        self._timeline = self._page(ScreenKey.TIMELINE, tr("Timeline"), "timeline",
                                    self._build_timeline)
        self._records = self._page(ScreenKey.RECORDS, tr("Records"), "records",
                                   self._build_records)
        self._settings = self._page(ScreenKey.SETTINGS, tr("Settings"), "settings",
                                    self._build_settings)
        # the teacher area has no icon of its own yet: it borrows the learner's
        self._teacher = self._page(ScreenKey.TEACHER, tr("Teacher"), "learner",
                                   self._build_teacher)
        self.switch_action = self._make_switch_action()
        self.quit_action = self._make_quit_action()
        self.sounds = AnswerSounds(lambda: open_settings(context.data_dir), parent=self)
        context.signals.answer_shown.connect(self.sounds.answer_shown)
        context.signals.learner_changed.connect(self._end_teacher_visit_for_a_learner)
        self._learner_label: QLabel | None = None
        self._shown: ScreenKey | None = None
        self.pin_dialog: PinDialog | None = None
        # the teacher's visit ends after a few idle minutes: looked at every few seconds
        self._idle_timer = QTimer(self)
        self._idle_timer.setInterval(5000)
        self._idle_timer.timeout.connect(self.check_teacher_idle)
        self._idle_timer.start()
        application = QApplication.instance()
        if application is not None:
            application.installEventFilter(self)  # a teacher's key or click keeps the visit
        self.restore_geometry()
        if defer_first_screen:
            self._show_opening()
        else:
            self._install_status_bar()
            self.show_screen(ScreenKey.HOME)

    def _build(self) -> None:
        central = QWidget(self)
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.nav = QListWidget(central)
        self.nav.setObjectName("navigation")
        self.nav.setAccessibleName(tr("Screens"))
        # as wide as its longest title at the text size chosen (a fixed width clipped them at
        # 24 pt, and wasted room at 800x600)
        self.nav.setSizeAdjustPolicy(QListWidget.SizeAdjustPolicy.AdjustToContents)
        self.nav.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.nav.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.nav.setIconSize(QSize(20, 20))
        self.nav.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.nav.currentRowChanged.connect(self._on_nav_row)
        self.stack = QStackedWidget(central)
        self.stack.setObjectName("screens")
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self._keys: list[ScreenKey] = []
        self._pages: dict[ScreenKey, LazyScreen[Screen]] = {}

    def changeEvent(self, event: QEvent) -> None:
        """After a new text size or theme, every layout measures its widgets again: a layout
        keeps the minimum it computed while hidden buttons were larger, and the window could
        then not be made smaller again (seen going back from 24 pt to 11 pt)."""
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._relayout_timer.start()  # once, after every widget has its new font

    @Slot()
    def _relayout(self) -> None:
        """Every layout of the window measures its widgets again (the navigation's icons
        first take the text's height)."""
        side = max(20, self.nav.fontMetrics().height())
        self.nav.setIconSize(QSize(side, side))
        for layout in self.findChildren(QLayout):
            layout.invalidate()
        self.updateGeometry()

    # The screens -----------------------------------------------------------------------------

    @property
    def home(self) -> HomeScreen:
        return self._home.get()

    @property
    def quiz(self) -> QuizScreen:
        return self._quiz.get()

    @property
    def results(self) -> ResultsScreen:
        return self._results.get()

    @property
    def progress(self) -> ProgressScreen:
        return self._progress.get()

    @property
    def timeline(self) -> TimelineScreen:
        return self._timeline.get()

    @property
    def records(self) -> RecordsScreen:
        return self._records.get()

    @property
    def settings(self) -> SettingsScreen:
        return self._settings.get()

    @property
    def teacher(self) -> TeacherArea:
        return self._teacher.get()

    def _build_home(self) -> HomeScreen:
        from gensec_quiz.ui.screens.home import HomeScreen

        home = HomeScreen(self.context)
        home.start_requested.connect(self._start_quiz)
        return home

    def _build_quiz(self) -> QuizScreen:
        from gensec_quiz.ui.screens.quiz import QuizScreen

        quiz = QuizScreen(self.context)
        quiz.session_finished.connect(self._show_results)
        quiz.home_requested.connect(self._after_quiz_put_aside)  # "Finish later"
        return quiz

    def _build_results(self) -> ResultsScreen:
        from gensec_quiz.ui.screens.results import ResultsScreen

        results = ResultsScreen(self.context)
        results.home_requested.connect(self.show_home)
        results.start_requested.connect(self._start_quiz)
        return results

    def _build_progress(self) -> ProgressScreen:
        from gensec_quiz.ui.screens.progress import ProgressScreen

        return ProgressScreen(self.context)

    def _build_timeline(self) -> TimelineScreen:
        from gensec_quiz.ui.screens.timeline import TimelineScreen

        return TimelineScreen(self.context)

    def _build_records(self) -> RecordsScreen:
        from gensec_quiz.ui.screens.records import RecordsScreen

        return RecordsScreen(self.context)

    def _build_settings(self) -> SettingsScreen:
        from gensec_quiz.ui.screens.settings import SettingsScreen

        return SettingsScreen(self.context)

    def _build_teacher(self) -> TeacherArea:
        from gensec_quiz.ui.teacher.area import TeacherArea

        area = TeacherArea(self.context)
        area.switch_requested.connect(self.switch_action.trigger)
        area.lock_changed.connect(self._on_lock_changed)
        return area

    # Navigation ------------------------------------------------------------------------------

    def _page(self, key: ScreenKey, title: str, icon: str,
              build: Callable[[], S]) -> LazyScreen[S]:
        """A navigation entry (Ctrl+number) and a page of the stack, built on first use."""
        page = LazyScreen(build, lambda widget: self._place(key, widget))
        self._pages[key] = page
        self._keys.append(key)
        item = QListWidgetItem(themed_icon(icon), title, self.nav)
        item.setData(Qt.ItemDataRole.UserRole, key.value)
        item.setData(Qt.ItemDataRole.AccessibleTextRole, title)
        number = len(self._keys)
        if number <= 9:
            sequence = QKeySequence(f"Ctrl+{number}")
            shortcut = QShortcut(sequence, self)
            shortcut.activated.connect(lambda: self.show_screen(key))
            item.setToolTip(tr("{title} ({keys})", title=title,
                               keys=sequence.toString(QKeySequence.SequenceFormat.NativeText)))
        return page

    def _place(self, key: ScreenKey, widget: QWidget) -> None:
        widget.setObjectName(f"screen_{key.value}")
        self.stack.addWidget(widget)

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
        """Build and show Home when it was deferred."""
        if self.current_key() is None:
            self._install_status_bar()
            self.nav.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            self.show_screen(ScreenKey.HOME)

    def screen_keys(self) -> tuple[ScreenKey, ...]:
        return tuple(self._keys)

    def is_built(self, key: ScreenKey) -> bool:
        return self._pages[key].built

    def screen_widget(self, key: ScreenKey) -> QWidget:
        """The screen's widget, built now if it has not been shown yet."""
        return self._pages[key].widget()

    def current_key(self) -> ScreenKey | None:
        row = self.nav.currentRow()
        return self._keys[row] if 0 <= row < len(self._keys) else None

    def show_screen(self, key: ScreenKey) -> None:
        """Bring a screen forward (refreshing it first)."""
        row = self._keys.index(key)
        if self.nav.currentRow() != row:
            self.nav.setCurrentRow(row)  # calls _on_nav_row
        else:
            self._on_nav_row(row)

    @Slot()
    def show_home(self) -> None:
        self.show_screen(ScreenKey.HOME)

    @Slot(int)
    def _on_nav_row(self, row: int) -> None:
        if not 0 <= row < len(self._keys):
            return
        key = self._keys[row]
        if key is not ScreenKey.QUIZ and self.exam_running():
            self._stay(tr("An exam is running: finish it first (Switch learner puts it aside)."))
            return
        if key not in (ScreenKey.HOME, ScreenKey.QUIZ) and self._exam_put_aside():
            self._stay(tr("Your exam is still open and its time is running: carry it on from "
                          "Home (Start), or Switch learner."))
            return
        if key in (ScreenKey.RECORDS, ScreenKey.TIMELINE) and self._classroom_exam_under_way():
            self._stay(tr("A classroom exam is under way on this computer: Records and Timeline "
                          "open again when it is over."))
            return
        if key is ScreenKey.TEACHER and not self.context.teacher_access.is_open():
            self._stay("")
            self.ask_teacher_pin()
            return
        if key is ScreenKey.TEACHER:
            self.context.teacher_access.touch()
        page = self._pages[key]
        page.get().refresh()
        # a screen that hid some of its buttons while out of sight (the quiz's, at its end)
        # keeps asking for their room until its layouts are measured again
        self._relayout()
        self.stack.setCurrentWidget(page.widget())
        self._shown = key

    def _stay(self, why: str) -> None:
        """Refuse a screen: the list shows the screen still on show again, and says why."""
        back = self._keys.index(self._shown) if self._shown is not None else -1
        self.nav.blockSignals(True)
        self.nav.setCurrentRow(back)
        self.nav.blockSignals(False)
        if why:
            self.statusBar().showMessage(why, 8000)

    # The classroom: exams and the teacher's PIN ---------------------------------------------

    def exam_running(self) -> bool:
        """Whether an exam is on the Quiz screen (then no other screen can be reached)."""
        if not self._quiz.built:
            return False
        plan = self.quiz.plan
        return self.quiz.running() and plan is not None and plan.mode.value == "exam"

    def _exam_put_aside(self) -> bool:
        """Whether the learner signed in has an attempt open at a set locked to exam mode."""
        context = self.context
        if context.store is None or context.learner_id is None:
            return False
        from gensec_quiz.application.classroom import open_locked_exam

        return open_locked_exam(context.store, context.question_sets,
                                context.learner_id) is not None

    def _classroom_exam_under_way(self) -> bool:
        """Whether any learner here has a locked exam open with time left (names are not
        passwords: another name picked mid-exam must not open the records)."""
        context = self.context
        if context.store is None:
            return False
        from gensec_quiz.application.classroom import exam_under_way

        return exam_under_way(context.store, context.question_sets, context.clock())

    def _exam_state_changed(self) -> None:
        """Take every other screen out of the list while an exam runs; give them back after."""
        locked = self.exam_running()
        for row, key in enumerate(self._keys):
            item = self.nav.item(row)
            flags = item.flags()
            shut = locked and key is not ScreenKey.QUIZ
            item.setFlags(flags & ~Qt.ItemFlag.ItemIsEnabled if shut
                          else flags | Qt.ItemFlag.ItemIsEnabled)
            item.setHidden(shut)

    def ask_teacher_pin(self) -> None:
        """The "Teacher PIN" dialog (or, with no PIN set, the offer to set one); the Teacher
        area opens when it is accepted."""
        from gensec_quiz.ui.dialogs.teacher_pin import PinDialog, purpose_for_visit

        if self.pin_dialog is not None and self.pin_dialog.isVisible():
            return
        access = self.context.teacher_access
        dialog = self.pin_dialog = PinDialog(access, purpose_for_visit(access), self)
        dialog.accepted.connect(self._open_teacher_after_pin)
        dialog.open()

    @Slot()
    def _open_teacher_after_pin(self) -> None:
        if self.context.teacher_access.is_open():
            self.show_screen(ScreenKey.TEACHER)

    @Slot()
    def _end_teacher_visit_for_a_learner(self) -> None:
        """A learner signing in (on Home, not a merge in the Teacher area) ends the teacher's
        visit, as Switch learner does: the learner's own Ctrl+8 asks the PIN again."""
        if self.context.learner_id is not None and self._shown is not ScreenKey.TEACHER:
            self.context.teacher_access.lock()

    @Slot()
    def check_teacher_idle(self) -> None:
        """After a few idle minutes the teacher's visit ends: the Teacher area gives way to
        Home, and the PIN is asked again."""
        if self._shown is ScreenKey.TEACHER and not self.context.teacher_access.is_open():
            self.show_home()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A key or a click in the Teacher area keeps the teacher's visit open."""
        if (self._shown is ScreenKey.TEACHER and event.type() in (
                QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress)):
            self.context.teacher_access.touch()
        return super().eventFilter(watched, event)

    # What the screens ask for ----------------------------------------------------------------

    def _start_quiz(self, plan: QuizPlan) -> None:
        self.context.teacher_access.lock()  # a learner at the keyboard: the teacher has left
        if self.quiz.start(plan):
            self._exam_state_changed()
            if self.quiz.running():  # an attempt resumed out of time ended at once: Results
                self.show_screen(ScreenKey.QUIZ)

    def _show_results(self, outcome: QuizOutcome) -> None:
        self._exam_state_changed()
        self.results.show_outcome(outcome)
        self.show_screen(ScreenKey.RESULTS)

    @Slot()
    def _after_quiz_put_aside(self) -> None:
        self._exam_state_changed()
        self.show_home()

    def _on_lock_changed(self, _question_set: Path) -> None:
        """A teacher locked or unlocked a set: Home shows the set's mode as it now is."""
        if self._home.built:
            self.home.refresh()

    # Quitting, and the window's place on the screen -----------------------------------------

    def _make_quit_action(self) -> QAction:
        """Ctrl+Q closes the window (and so the app), wherever the focus is."""
        action = QAction(tr("&Quit"), self)
        action.setObjectName("quit")
        action.setShortcut(QKeySequence(QUIT_KEYS))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(self.close)
        self.addAction(action)
        return action

    def restore_geometry(self) -> None:
        """The size and place the window had when it was last closed, kept on the screen it
        is now shown on (a smaller screen, or one no longer plugged in); 1100x740 at first."""
        settings = open_settings(self.context.data_dir)
        saved = settings.value(GEOMETRY_KEY)
        rect = QRect(0, 0, 1100, 740)
        placed = False
        if isinstance(saved, (list, tuple)) and len(saved) == 4:
            try:
                rect = QRect(*(int(str(part)) for part in saved))
                placed = True
            except ValueError:
                rect = QRect(0, 0, 1100, 740)
        screen = (QGuiApplication.screenAt(rect.center()) if placed else None) or (
            self.screen() or QGuiApplication.primaryScreen())
        if screen is not None:
            rect = clamp_to(rect, screen.availableGeometry(), placed=placed)
        self.resize(rect.size())
        if placed:
            self.move(rect.topLeft())
        if settings.value(MAXIMIZED_KEY, False, type=bool):
            self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)

    def save_geometry(self) -> None:
        """Keep the window's size and place (its normal ones when maximized)."""
        settings = open_settings(self.context.data_dir)
        rect = self.normalGeometry() if self.isMaximized() else self.geometry()
        settings.setValue(GEOMETRY_KEY, [rect.x(), rect.y(), rect.width(), rect.height()])
        settings.setValue(MAXIMIZED_KEY, self.isMaximized())
        settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        from gensec_quiz.ui.dialogs.confirm import ConfirmDialog

        if self._teacher.built and self.teacher.editing_with_changes() and not ConfirmDialog.ask(
                self, tr("Quit and discard your changes?"),
                tr("The question you are editing has changes that are not in the set yet. "
                   "Quit anyway and lose them?"),
                yes=tr("&Quit and discard")):
            event.ignore()
            return
        self.save_geometry()
        super().closeEvent(event)

    # Switching learners ----------------------------------------------------------------------

    def _make_switch_action(self) -> QAction:
        """The window-wide "Switch learner" action (Ctrl+Shift+L); the Classroom tab's button
        triggers it too."""
        action = QAction(themed_icon("learner"), tr("Switch learner"), self)
        action.setObjectName("switchLearner")
        action.setShortcut(QKeySequence(SWITCH_LEARNER_KEYS))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setToolTip(tr("Next learner: put this quiz aside and choose who is learning "
                             "({keys})", keys=switch_learner_keys_text()))
        action.triggered.connect(self.switch_learner)
        return action

    @Slot()
    def switch_learner(self) -> None:
        """Put a running quiz aside (saved, resumable), forget the learner, and show Home's
        list for the next one."""
        if self._quiz.built and self.quiz.running():
            self.quiz.leave()
        self.context.teacher_access.lock()  # the next teacher visit asks the PIN again
        self.context.set_learner(None)
        self.show_screen(ScreenKey.HOME)
        learners = self.home.learners
        learners.setCurrentRow(-1)
        # Any other reason makes the list make its first row current on focus, and Home would
        # take that as the first learner choosing themselves.
        learners.setFocus(Qt.FocusReason.MouseFocusReason)

    def _install_status_bar(self) -> None:
        """Who is learning now, and the Switch learner button, at the bottom of the window."""
        if self._learner_label is not None:
            return
        self.addAction(self.switch_action)
        label = self._learner_label = QLabel("", self)
        label.setObjectName("currentLearner")
        label.setAccessibleName(tr("Who is learning"))
        button = QToolButton(self)
        button.setDefaultAction(self.switch_action)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        bar = self.statusBar()
        bar.addPermanentWidget(label)
        bar.addPermanentWidget(button)
        bar.setSizeGripEnabled(False)
        signals = self.context.signals
        signals.learner_changed.connect(self._show_learner)
        signals.data_changed.connect(self._show_learner)
        signals.store_ready.connect(self._show_learner)
        signals.learners_ready.connect(self._show_learner)
        self._show_learner()

    @Slot()
    def _show_learner(self) -> None:
        if self._learner_label is None:
            return
        book, learner_id = self.context.learner_book(), self.context.learner_id
        name = None
        if book is not None and learner_id is not None:  # at start-up, the QuickStore's
            name = next((i.name for i in book.learners() if i.id == learner_id), None)
        self._learner_label.setText(tr("Learning now: {name}", name=name) if name
                                    else tr("No learner chosen"))
