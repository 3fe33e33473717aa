"""The Home screen: who is learning, what to practise, in which mode; Start."""

from __future__ import annotations

import logging
import random
from datetime import timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from gensec_quiz.domain.errors import InputError
from gensec_quiz.domain.questions import QuestionSet
from gensec_quiz.domain.session import Mode
from gensec_quiz.i18n import tr
from gensec_quiz.paths import database_path
from gensec_quiz.storage.quick_read import read_learners
from gensec_quiz.ui.context import AppContext
from gensec_quiz.ui.dialogs.confirm import Notice
from gensec_quiz.ui.dialogs.new_learner import NewLearnerDialog
from gensec_quiz.ui.dialogs.resume import ResumeDialog
from gensec_quiz.ui.quiz_plan import (
    QuizPlan,
    SetEntry,
    find_set,
    load_set,
    ready_sets,
    rebuild_answers,
    save_own_set,
)
from gensec_quiz.ui.review_start import ReviewStart
from gensec_quiz.ui.screens.home_choices import MakeOneBox, ModeBox, group
from gensec_quiz.ui.teacher.classroom import lock_of, lock_of_set, locked_plan
from gensec_quiz.ui.widgets import themed_icon

if TYPE_CHECKING:
    from gensec_quiz.storage import LearnerInfo, SessionInfo

_log = logging.getLogger(__name__)
LAST_LEARNER_KEY = "home/last_learner"
_ID_ROLE = Qt.ItemDataRole.UserRole


def learner_line(info: LearnerInfo) -> str:
    if info.last_score is None:
        return tr("{name} — no quiz yet", name=info.name)
    return tr("{name} — last score {percent}%", name=info.name,
              percent=round(float(info.last_score) * 100))


class HomeScreen(QWidget):
    """Emits `start_requested(QuizPlan)`; the main window hands it to the Quiz screen."""

    start_requested = Signal(object)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._filling = False
        self._build()
        self.review_start = ReviewStart(self)  # Review mode: what is due, and its Start
        context.signals.store_ready.connect(self._on_store_ready)
        context.signals.data_changed.connect(self.refresh_learners)
        context.signals.learner_changed.connect(self._remember_learner)
        self.refresh()

    # Layout ----------------------------------------------------------------------------------

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroller = QScrollArea(self)
        scroller.setWidgetResizable(True)
        scroller.setFrameShape(QScrollArea.Shape.NoFrame)
        body = QWidget(scroller)
        grid = QGridLayout(body)
        heading = QLabel(tr("Quiz yourself on the General Secretaries"), body)
        heading.setProperty("role", "title")
        grid.addWidget(heading, 0, 0, 1, 2)
        grid.addWidget(self._learner_box(body), 1, 0, 2, 1)
        grid.addWidget(self._material_box(body), 1, 1)
        self.mode_box = ModeBox(body)
        grid.addWidget(self.mode_box, 2, 1)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(1, 3)
        grid.setRowStretch(3, 1)
        scroller.setWidget(body)
        outer.addWidget(scroller, 1)
        outer.addLayout(self._start_row())
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.start)

    def _learner_box(self, parent: QWidget) -> QWidget:
        box, layout = group(tr("1. Who is learning?"), parent)
        self.learners = QListWidget(box)
        self.learners.setObjectName("learnerList")
        self.learners.setAccessibleName(tr("Learners"))
        self.learners.setToolTip(tr("Choose yourself (arrow keys), or add a new learner"))
        self.learners.currentItemChanged.connect(self._on_learner_chosen)
        self.learners.setMinimumHeight(160)
        self.new_learner_button = QPushButton(themed_icon("learner"), tr("&New learner…"), box)
        self.new_learner_button.setToolTip(tr("Add a learner (Alt+N)"))
        self.new_learner_button.setAccessibleName(tr("New learner"))
        self.new_learner_button.clicked.connect(self.add_learner)
        self.store_note = QLabel(tr("Opening your history…"), box)
        self.store_note.setWordWrap(True)
        self.store_note.setProperty("role", "muted")
        layout.addWidget(self.learners, 1)
        layout.addWidget(self.store_note)
        layout.addWidget(self.new_learner_button)
        return box

    def _material_box(self, parent: QWidget) -> QWidget:
        box, layout = group(tr("2. What to practise"), parent)
        self.sets = QListWidget(box)
        self.sets.setObjectName("questionSets")
        self.sets.setAccessibleName(tr("Ready question sets"))
        self.sets.setToolTip(tr("A ready question set; or choose “Make one” below"))
        self.sets.setMinimumHeight(90)
        self.make_one = MakeOneBox(box)
        self.make_one.chosen.connect(lambda: self.sets.setCurrentRow(-1))
        self.sets.currentRowChanged.connect(self._on_set_chosen)
        self.no_sets = QLabel(tr("No ready question sets yet: tick “Or make one” below."), box)
        self.no_sets.setProperty("role", "muted")
        self.no_sets.setWordWrap(True)
        layout.addWidget(self.sets, 1)
        layout.addWidget(self.no_sets)
        layout.addWidget(self.make_one)
        return box

    def _start_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setContentsMargins(9, 0, 9, 9)
        self.message = QLabel("", self)
        self.message.setObjectName("homeMessage")
        self.message.setProperty("state", "wrong")
        self.message.setWordWrap(True)
        self.message.setAccessibleName(tr("Message"))
        self.start_button = QPushButton(themed_icon("play"), tr("&Start"), self)
        self.start_button.setObjectName("startButton")
        self.start_button.setProperty("role", "primary")
        self.start_button.setToolTip(tr("Start the quiz (Enter)"))
        self.start_button.setAccessibleName(tr("Start the quiz"))
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self.start)
        row.addWidget(self.message, 1)
        row.addWidget(self.start_button)
        return row

    # Data ------------------------------------------------------------------------------------

    def refresh(self) -> None:
        self.refresh_learners()
        self.refresh_sets()
        # reading the record set takes a few dozen ms: not before the window's first paint
        QTimer.singleShot(0, self._show_records_title)

    @Slot()
    def _show_records_title(self) -> None:
        self.make_one.set_records_title(self._records_title())

    def _records_title(self) -> str:
        try:
            return self.context.records().title
        except Exception:  # shown as missing; "make one" is then disabled
            _log.warning("built-in records not readable", exc_info=False)
            return ""

    @Slot()
    def refresh_learners(self) -> None:
        store = self.context.store
        self.new_learner_button.setEnabled(store is not None)
        if store is None:  # the ORM is still loading: list the learners straight from the file
            found = read_learners(database_path())
            if found is None:
                return
        else:
            found = store.learners()
        self._filling = True
        try:
            self.learners.clear()
            for info in found:
                item = QListWidgetItem(themed_icon("learner"), learner_line(info), self.learners)
                item.setData(_ID_ROLE, info.id)
            self._select_learner(self.context.learner_id)
        finally:
            self._filling = False
        self.store_note.setText(tr("No learners yet: press “New learner” to add yourself."))
        self.store_note.setVisible(self.learners.count() == 0)

    def _select_learner(self, learner_id: int | None) -> None:
        for row in range(self.learners.count()):
            if self.learners.item(row).data(_ID_ROLE) == learner_id:
                self.learners.setCurrentRow(row)
                return
        self.learners.setCurrentRow(-1)

    def refresh_sets(self) -> None:
        chosen = self.selected_set()
        self.sets.clear()
        for entry in ready_sets():
            text = tr("{title} ({count} questions)", title=entry.title, count=entry.count)
            if entry.own:
                text = tr("{text} — yours", text=text)
            item = QListWidgetItem(text, self.sets)
            item.setData(_ID_ROLE, entry)
        self.no_sets.setVisible(self.sets.count() == 0)
        rows = [r for r in range(self.sets.count())
                if chosen is not None and self.sets.item(r).data(_ID_ROLE).path == chosen.path]
        if rows:
            self.sets.setCurrentRow(rows[0])
        elif self.sets.count() == 0:
            self.make_one.choose()

    def selected_set(self) -> SetEntry | None:
        item = self.sets.currentItem()
        if item is None or not item.isSelected():
            return None
        entry = item.data(_ID_ROLE)
        return entry if isinstance(entry, SetEntry) else None

    @Slot()
    def _on_store_ready(self) -> None:
        last = self._settings().value(LAST_LEARNER_KEY)
        self.refresh_learners()
        if last is not None and self.context.learner_id is None:
            self._select_learner(int(str(last)))

    def _settings(self) -> QSettings:
        return QSettings(str(self.context.data_dir / "settings.ini"), QSettings.Format.IniFormat)

    # Learners --------------------------------------------------------------------------------

    @Slot()
    def add_learner(self) -> None:
        store = self.context.store
        if store is None:
            return
        name = NewLearnerDialog.ask(self, [info.name for info in store.learners()])
        if name is None:
            return
        try:
            learner_id = store.add_learner(name)
        except InputError as error:
            Notice.tell(self, str(error))
            return
        self.context.set_learner(learner_id)
        self.refresh_learners()
        self.context.signals.data_changed.emit()

    @Slot(QListWidgetItem, QListWidgetItem)
    def _on_learner_chosen(self, current: QListWidgetItem | None, _old: object) -> None:
        if self._filling:  # the list is being rebuilt, not chosen from
            return
        learner_id = None if current is None else int(current.data(_ID_ROLE))
        self.context.set_learner(learner_id)
        self.message.setText("")
        if learner_id is None:
            return
        self.offer_resume(learner_id)

    @Slot(object)
    def _remember_learner(self, learner_id: object) -> None:
        if isinstance(learner_id, int):
            self._settings().setValue(LAST_LEARNER_KEY, learner_id)

    def offer_resume(self, learner_id: int) -> bool:
        """If this learner left a quiz unfinished, offer it; True when one was resumed."""
        store = self.context.store
        if store is None:
            return False
        sessions = [s for s in store.unfinished_sessions(learner_id) if s.answered > 0]
        if not sessions:
            return False
        chosen = ResumeDialog.ask(self, sessions)
        info = next((s for s in sessions if s.id == chosen), None)
        return info is not None and self._resume(info)

    def _resume(self, info: SessionInfo) -> bool:
        store = self.context.store
        question_set = find_set(info.question_set_id)
        if store is None or question_set is None:
            Notice.tell(self, tr("The question set of “{title}” is no longer there, so it "
                                 "cannot be resumed.", title=info.title))
            return False
        records = store.session_answers(info.id)
        started = store.session_settings(info.id)  # an exam keeps its time limit and rule
        limit = started.time_limit_seconds
        plan = QuizPlan(question_set, mode=Mode(info.mode), resume_session_id=info.id,
                        previous=rebuild_answers(question_set, records),
                        time_limit=None if limit is None else timedelta(seconds=limit),
                        all_or_nothing=started.all_or_nothing)
        self.start_requested.emit(locked_plan(plan, lock_of_set(info.question_set_id)))
        return True

    # Starting --------------------------------------------------------------------------------

    @Slot(int)
    def _on_set_chosen(self, row: int) -> None:
        if row >= 0:
            self.make_one.release()
        self.message.setText("")
        self.mode_box.show_lock(lock_of(self.selected_set()))  # a teacher's lock to exam mode

    @Slot()
    def start(self) -> None:
        """Check the choices, build the plan, and hand it to the Quiz screen."""
        if self.review_start.handles_start():
            return
        problem = self._start_problem()
        if problem:
            self.message.setText(f"⚠ {problem}")
            return
        question_set = self._question_set()
        if question_set is None:
            return
        mode = self.mode_box.mode()
        minutes = self.mode_box.time_limit_minutes()
        plan = QuizPlan(question_set, mode=mode,
                        all_or_nothing=mode is Mode.EXAM and self.mode_box.all_or_nothing(),
                        time_limit=timedelta(minutes=minutes) if minutes else None)
        plan = locked_plan(plan, lock_of(self.selected_set()))
        self.message.setText("")
        self.start_requested.emit(plan)

    def _start_problem(self) -> str:
        if self.context.store is None:
            return tr("Your history is still opening; try again in a moment.")
        if self.context.learner_id is None:
            return tr("Choose a learner first, or add one with “New learner”.")
        if self.selected_set() is None and not self.make_one.is_chosen():
            return tr("Choose a question set, or “Make one”.")
        if self.make_one.is_chosen() and not self.make_one.kinds():
            return tr("Tick at least one kind of question.")
        return ""

    def _question_set(self) -> QuestionSet | None:
        entry = self.selected_set()
        try:
            if entry is not None:
                return load_set(entry.path)
            return self._make_set()
        except InputError as error:
            self.message.setText("⚠ " + tr("This question set cannot be used: {problem}",
                                           problem=error.problems[0]))
            return None

    def _make_set(self) -> QuestionSet:
        from gensec_quiz.generation import generate_question_set

        seed = self.context.seed
        if seed is None:
            seed = random.SystemRandom().randrange(1, 2**31)
        question_set = generate_question_set(
            self.context.records(), types=self.make_one.kinds(), count=self.make_one.count(),
            seed=seed, difficulty=self.make_one.difficulty())
        save_own_set(question_set)
        self.refresh_sets()
        return question_set
