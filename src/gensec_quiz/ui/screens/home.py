"""The Home screen: who is learning, what to practise, in which mode; Start.

Home reads what it shows from the application layer when it refreshes (learners, question sets,
the teacher's locks, what is due for review); no other screen writes its widgets.
"""

from __future__ import annotations

import json
import logging
import random
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut, QShowEvent
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

from gensec_quiz.application.plans import QuizPlan, SetEntry, locked_plan
from gensec_quiz.application.signing_in import SigningIn
from gensec_quiz.domain.errors import InputError, NothingToReview, StoreError
from gensec_quiz.domain.session import Mode
from gensec_quiz.i18n import tr
from gensec_quiz.storage.quick_read import read_learners
from gensec_quiz.ui.context import AppContext
from gensec_quiz.ui.screens.home_choices import MakeOneBox, ModeBox, group, lock_meaning
from gensec_quiz.ui.widgets import themed_icon

if TYPE_CHECKING:  # and imported where used: Home is built before a learner can pick
    from gensec_quiz.domain.questions import QuestionSet
    from gensec_quiz.domain.records import RecordSet
    from gensec_quiz.storage import LearnerInfo, Store

_log = logging.getLogger(__name__)
LAST_LEARNER_KEY = "home/last_learner"
_ID_ROLE = Qt.ItemDataRole.UserRole
_INFO_ROLE = Qt.ItemDataRole.UserRole + 1


SHOW_SCORES_KEY = "home/show_all_scores"  # the teacher's choice: every learner's last score


def learner_line(info: LearnerInfo, *, with_score: bool = True) -> str:
    """A learner in Home's list: the name, and the last score only when `with_score` (the
    learner signed in, or the teacher chose to show everyone's)."""
    if not with_score:
        return info.name
    if info.last_score is None and info.sessions > 0:  # started, none finished yet
        return tr("{name} — a quiz not finished yet", name=info.name)
    if info.last_score is None:
        return tr("{name} — no quiz yet", name=info.name)
    return tr("{name} — last score {percent}%", name=info.name,
              percent=round(float(info.last_score) * 100))


def _records_id(path: Path) -> str | None:
    """The id of the record set a question set file was made from (None when unreadable)."""
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        return None
    known = _RECORDS_IDS.get(path)
    if known is not None and known[0] == stamp:
        return known[1]
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return None
    found = data.get("records") if isinstance(data, dict) else None
    records_id = found if isinstance(found, str) else None
    _RECORDS_IDS[path] = (stamp, records_id)
    return records_id


_RECORDS_IDS: dict[Path, tuple[int, str | None]] = {}


def _set_state(label: QWidget, state: str) -> None:
    if label.property("state") != state:
        label.setProperty("state", state)
        label.style().unpolish(label)
        label.style().polish(label)


class HomeScreen(QWidget):
    """Emits `start_requested(QuizPlan)`; the main window hands it to the Quiz screen."""

    start_requested = Signal(QuizPlan)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._filling = False
        self._build()
        signals = context.signals
        signals.store_ready.connect(self._on_store_ready)
        signals.learners_ready.connect(self._on_learners_ready)
        signals.data_changed.connect(self.refresh_learners)
        signals.learner_changed.connect(self._remember_learner)
        for signal in (signals.store_ready, signals.learner_changed, signals.data_changed):
            signal.connect(self._due_changed)
        signals.locks_changed.connect(self.refresh_sets)
        signals.learner_changed.connect(self._show_lock)  # the attempts left are the learner's
        signals.learner_changed.connect(self._label_learners)  # a score only for its learner
        self.refresh()
        self.refresh_review()

    # Layout ----------------------------------------------------------------------------------

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroller = QScrollArea(self)
        scroller.setWidgetResizable(True)
        scroller.setFrameShape(QScrollArea.Shape.NoFrame)
        scroller.setAccessibleName(tr("Choices for the quiz"))
        body = QWidget(scroller)
        grid = self._grid = QGridLayout(body)
        self.heading = QLabel(tr("Quiz yourself on the General Secretaries"), body)
        self.heading.setObjectName("homeTitle")
        self.heading.setProperty("role", "title")
        self.heading.setWordWrap(True)
        grid.addWidget(self.heading, 0, 0, 1, 2)
        self.learner_box = self._learner_box(body)
        self.material_box = self._material_box(body)
        self.mode_box = ModeBox(body)
        self.review_ahead_button = QPushButton(tr("Review a&head"), self.mode_box)
        self.review_ahead_button.setObjectName("reviewAheadButton")
        self.review_ahead_button.setToolTip(tr("Nothing is due: review now the facts that fall "
                                               "due soonest"))
        self.review_ahead_button.setAccessibleName(tr("Review ahead"))
        self.review_ahead_button.setAccessibleDescription(tr(
            "A review quiz on the facts that fall due soonest, when nothing is due yet"))
        self.review_ahead_button.clicked.connect(self.review_ahead)
        self.review_ahead_button.setVisible(False)
        mode_layout = self.mode_box.layout()
        if mode_layout is not None:  # under the review note, where it says nothing is due
            mode_layout.addWidget(self.review_ahead_button)
        self._columns = 0
        self._place(2)
        self.scroller = scroller
        scroller.setWidget(body)
        scroller.viewport().installEventFilter(self)  # one column or two, by its width
        outer.addWidget(scroller, 1)
        outer.addLayout(self._start_row())
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.start)

    def _place(self, columns: int) -> None:
        """The learners beside the choices, or above them when two columns do not fit."""
        if columns == self._columns:
            return
        self._columns = columns
        grid = self._grid
        for box in (self.learner_box, self.material_box, self.mode_box):
            grid.removeWidget(box)
        if columns == 2:
            grid.addWidget(self.learner_box, 1, 0, 2, 1)
            grid.addWidget(self.material_box, 1, 1)
            grid.addWidget(self.mode_box, 2, 1)
            grid.setColumnStretch(0, 1)
            grid.setColumnStretch(1, 2)
        else:
            grid.addWidget(self.learner_box, 1, 0)
            grid.addWidget(self.material_box, 2, 0)
            grid.addWidget(self.mode_box, 3, 0)
            grid.setColumnStretch(0, 1)
            grid.setColumnStretch(1, 0)
        # one above the other, the lists show a few rows each (they scroll) so that the mode
        # stays near; side by side, they fill the column
        rows = self.fontMetrics().lineSpacing() * 5 + 12
        self.learners.setMaximumHeight(rows if columns == 1 else 16777215)
        self.sets.setMaximumHeight(rows)
        grid.setRowStretch(4, 1)

    def _columns_for(self, width: int) -> int:
        """Two columns when the learners and the widest choice fit side by side."""
        spacing = max(self._grid.horizontalSpacing(), 6)
        margins = self._grid.contentsMargins()
        right = max(self.material_box.minimumSizeHint().width(),
                    self.mode_box.minimumSizeHint().width())
        needed = (self.learner_box.minimumSizeHint().width() + spacing + right
                  + margins.left() + margins.right())
        return 2 if width >= needed else 1

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self.scroller.viewport():
            self._place(self._columns_for(self.scroller.viewport().width()))
        return super().eventFilter(watched, event)

    def _learner_box(self, parent: QWidget) -> QWidget:
        box, layout = group(tr("1. Who is learning?"), parent)
        self.learners = QListWidget(box)
        self.learners.setObjectName("learnerList")
        self.learners.setAccessibleName(tr("Learners"))
        self.learners.setToolTip(tr("Choose yourself (arrow keys), or add a new learner"))
        self.learners.currentItemChanged.connect(self._on_learner_chosen)
        self.learners.setMinimumHeight(120)
        self._wrap_items(self.learners)
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
        self.sets.setMinimumHeight(72)
        self._wrap_items(self.sets)
        self.make_one = MakeOneBox(box)
        self.make_one.chosen.connect(lambda: self.sets.setCurrentRow(-1))
        self.sets.currentRowChanged.connect(self._on_set_chosen)
        # A click makes the row current before it selects it: the lock is read again once the
        # row is selected, or a locked set would show the free choices.
        self.sets.itemSelectionChanged.connect(self._show_lock)
        self.no_sets = QLabel(tr("No ready question sets yet: tick “Or make one” below."), box)
        self.no_sets.setProperty("role", "muted")
        self.no_sets.setWordWrap(True)
        layout.addWidget(self.sets, 1)
        layout.addWidget(self.no_sets)
        layout.addWidget(self.make_one)
        return box

    @staticmethod
    def _wrap_items(view: QListWidget) -> None:
        """Long names and titles wrap inside the list instead of running off its edge."""
        view.setWordWrap(True)
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.setResizeMode(QListWidget.ResizeMode.Adjust)

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
        # beside Start, always in view and never greyed with the locked mode box
        self.lock_note = QLabel("", self)
        self.lock_note.setObjectName("lockNote")
        self.lock_note.setWordWrap(True)
        self.lock_note.setAccessibleName(tr("Set by your teacher"))
        self.lock_note.setVisible(False)
        column = QVBoxLayout()
        column.addWidget(self.lock_note)
        column.addWidget(self.message)
        row.addLayout(column, 1)
        row.addWidget(self.start_button)
        return row

    # Data ------------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read again what Home shows: learners, question sets and their locks."""
        self.refresh_learners()
        self.refresh_sets()
        # Reading the record set takes a few dozen ms: not before the window's first paint; and
        # not before the Store is open (`_on_store_ready`): at start-up it would import
        # pydantic on this thread while a learner picks themselves (the Store's loader imports
        # most of it on its own thread).
        if self.context.store is not None:
            QTimer.singleShot(0, self._show_records_title)

    @Slot()
    def _show_records_title(self) -> None:
        self.make_one.set_records_title(self._records_title())

    def _records_title(self) -> str:
        records = self._records()
        return records.title if records is not None else ""  # "make one" is then disabled

    def _records(self) -> RecordSet | None:
        try:
            return self.context.records()
        except (InputError, OSError):
            _log.warning("built-in records not readable")
            return None

    @Slot()
    def refresh_learners(self) -> None:
        book = self.context.learner_book()  # the Store, or at start-up the QuickStore
        self.new_learner_button.setEnabled(book is not None)
        if book is None:  # a store is still being created or upgraded: the file, read only
            found = read_learners(self.context.folder.database)
            if found is None:
                return
        else:
            found = SigningIn(book).learners()
        self._filling = True
        try:
            self.learners.clear()
            for info in found:
                item = QListWidgetItem(themed_icon("learner"), info.name, self.learners)
                item.setData(_ID_ROLE, info.id)
                item.setData(_INFO_ROLE, info)
            self._select_learner(self.context.learner_id)
        finally:
            self._filling = False
        self._label_learners()
        self.store_note.setText(tr("No learners yet: press “New learner” to add yourself."))
        self.store_note.setVisible(self.learners.count() == 0)

    @Slot()
    def _label_learners(self) -> None:
        """Names only; the last score of the learner signed in (everyone's when the teacher
        chose so in the Classroom tab)."""
        everyone = self._settings().value(SHOW_SCORES_KEY, False, type=bool)
        for row in range(self.learners.count()):
            item = self.learners.item(row)
            info = item.data(_INFO_ROLE)
            if info is not None:
                item.setText(learner_line(
                    info, with_score=bool(everyone) or info.id == self.context.learner_id))

    def _select_learner(self, learner_id: int | None) -> None:
        for row in range(self.learners.count()):
            if self.learners.item(row).data(_ID_ROLE) == learner_id:
                self.learners.setCurrentRow(row)
                return
        self.learners.setCurrentRow(-1)

    def refresh_sets(self) -> None:
        chosen = self.selected_set()
        self.sets.clear()
        library = self.context.question_sets
        for entry in library.entries():
            text = tr("{title} ({count} questions)", title=entry.title, count=entry.count)
            if entry.own:  # kept in the data folder: built or imported in the Teacher area
                text = tr("{text} — from your teacher", text=text)
            item = QListWidgetItem(text, self.sets)
            item.setData(_ID_ROLE, entry)
            if library.lock_of(entry) is not None:
                item.setIcon(themed_icon("lock"))
                item.setText(tr("{text} — locked by your teacher", text=text))
                item.setData(Qt.ItemDataRole.AccessibleTextRole,
                             tr("{text}, locked by your teacher", text=text))
        self.no_sets.setVisible(self.sets.count() == 0)
        rows = [r for r in range(self.sets.count())
                if chosen is not None and self.sets.item(r).data(_ID_ROLE).path == chosen.path]
        if rows:
            self.sets.setCurrentRow(rows[0])
        elif self.sets.count() == 0:
            self.make_one.choose()
        self._show_lock()

    def _show_topic(self) -> None:
        """The title names what the chosen set is about: the General Secretaries for the
        built-in records (and "Or make one"), the set's own topic for a teacher's set on
        another subject."""
        entry = self.selected_set()
        topic = self._topic_of(entry) if entry is not None else None
        self.heading.setText(tr("Quiz yourself on {topic}", topic=topic) if topic
                             else tr("Quiz yourself on the General Secretaries"))

    def _topic_of(self, entry: SetEntry) -> str | None:
        """The title of the record set `entry` was made from when it is not the built-in one
        (the set's own title when that record set is not on this computer)."""
        records_id = _records_id(entry.path)
        builtin = self._records()
        if records_id is None or (builtin is not None and records_id == builtin.id):
            return None
        found = self.context.records_for(records_id)
        return found.title if found is not None else entry.title

    def _show_lock(self) -> None:
        """The teacher's lock on the chosen set, read from its file now, in the mode box."""
        self._show_topic()
        entry = self.selected_set()
        lock = self.context.question_sets.lock_of(entry)
        note = ""
        if entry is not None and lock is not None and lock.mode == "exam":
            from gensec_quiz.application.classroom import attempts_sentence

            note = attempts_sentence(self.context.store, self.context.exam_rules,
                                     self.context.learner_id, entry.id)
        self.mode_box.show_lock(lock)
        self.lock_note.setText(lock_meaning(lock, note) if lock is not None else "")
        self.lock_note.setVisible(lock is not None)

    def selected_set(self) -> SetEntry | None:
        item = self.sets.currentItem()
        if item is None or not item.isSelected():
            return None
        entry = item.data(_ID_ROLE)
        return entry if isinstance(entry, SetEntry) else None

    @Slot()
    def _on_learners_ready(self) -> None:
        """The learners can be picked and added (at start-up before the Store is open): the
        list again, the last learner chosen."""
        last = self._settings().value(LAST_LEARNER_KEY)
        self.refresh_learners()
        if last is not None and self.context.learner_id is None:
            self._select_learner(int(str(last)))

    @Slot()
    def _on_store_ready(self) -> None:
        self._on_learners_ready()
        QTimer.singleShot(0, self._show_records_title)

    def _store_now(self) -> Store | None:
        """The Store; at start-up, waited for (a fraction of a second) when still opening."""
        if self.context.store is not None or self.context.finish_opening is None:
            return self.context.store
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            return self.context.store_now()
        finally:
            QGuiApplication.restoreOverrideCursor()

    def _settings(self) -> QSettings:
        return QSettings(str(self.context.data_dir / "settings.ini"), QSettings.Format.IniFormat)

    # Learners --------------------------------------------------------------------------------

    @Slot()
    def add_learner(self) -> None:
        from gensec_quiz.ui.dialogs.confirm import Notice
        from gensec_quiz.ui.dialogs.new_learner import NewLearnerDialog

        book = self.context.learner_book()
        if book is None:
            return
        name = NewLearnerDialog.ask(self, [info.name for info in SigningIn(book).learners()])
        book = self.context.learner_book()  # the Store may have opened meanwhile
        if name is None or book is None:
            return
        try:
            learner_id = SigningIn(book).add(name)
        except StoreError as error:
            Notice.tell(self, "\n".join(error.sentences()))
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

    @Slot()
    def _remember_learner(self) -> None:
        learner_id = self.context.learner_id
        if learner_id is not None:
            self._settings().setValue(LAST_LEARNER_KEY, learner_id)

    def offer_resume(self, learner_id: int) -> bool:
        """If this learner left a quiz unfinished, offer it; True when one was resumed."""
        from gensec_quiz.application.drafts import Drafts
        from gensec_quiz.application.quiz_run import resume_plan
        from gensec_quiz.ui.dialogs.confirm import Notice
        from gensec_quiz.ui.dialogs.resume import ResumeDialog

        book = self.context.learner_book()
        if book is None:
            return False
        sessions = SigningIn(book, Drafts(self.context.data_dir)).resumable(learner_id)
        if not sessions:
            return False
        chosen = ResumeDialog.ask(self, sessions)
        if chosen is None or chosen not in {s.id for s in sessions}:
            return False
        store = self._store_now()
        if store is None:
            self._say(tr("Your history is still opening; try again in a moment."))
            return False
        try:
            plan = resume_plan(store, self.context.question_sets, chosen)
        except InputError as error:
            Notice.tell(self, "\n".join(error.sentences()))
            return False
        self.start_requested.emit(plan)
        return True

    # Starting --------------------------------------------------------------------------------

    @Slot(int)
    def _on_set_chosen(self, row: int) -> None:
        if row >= 0:
            self.make_one.release()
        self.message.setText("")
        self._show_lock()  # a teacher's lock to exam mode

    @Slot()
    def start(self) -> None:
        """Check the choices, build the plan, and hand it to the Quiz screen."""
        _set_state(self.message, "wrong")
        if self.mode_box.mode() is Mode.REVIEW:
            self.start_review()
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
        plan = locked_plan(plan, self.context.question_sets.lock_of(self.selected_set()))
        self.message.setText("")
        self.start_requested.emit(plan)

    def _start_problem(self) -> str:
        if self._store_now() is None:
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
                return self.context.question_sets.load(entry.path)
            return self._make_set()
        except InputError as error:
            self.message.setText("⚠ " + tr("This question set cannot be used: {problem}",
                                           problem=error.problems[0]))
            return None

    def _make_set(self) -> QuestionSet:
        from gensec_quiz.generation import generate_question_set
        from gensec_quiz.i18n import current_language

        seed = self._seed()
        question_set = generate_question_set(
            self.context.records(), types=self.make_one.kinds(), count=self.make_one.count(),
            seed=seed, difficulty=self.make_one.difficulty(), language=current_language())
        # kept so that it can be resumed, but the learner's own: not listed for anyone
        self.context.question_sets.save_own(question_set, made=True)
        return question_set

    # Review ----------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh_review()  # time has passed: facts may have fallen due

    @Slot()
    def _due_changed(self) -> None:
        if self.isVisible():  # a quiz records answers while Home is hidden: not then
            self.refresh_review()

    def refresh_review(self) -> None:
        """Say under the Review option how many facts are due, or when the next review is (and
        offer to review ahead when nothing is due)."""
        note, ahead = self._review_note()
        self.mode_box.set_review_note(note)
        self.review_ahead_button.setVisible(ahead)

    def _review_note(self) -> tuple[str, bool]:
        store, learner = self.context.store, self.context.learner_id
        if store is None:
            return "", False
        if learner is None:
            return tr("Choose a learner to see which facts are due."), False
        records = self._review_records()
        if not records:
            return tr("The record set cannot be read, so there is nothing to review."), False
        from gensec_quiz.application.review import review_status

        try:
            status = review_status(store, learner, records, at=self._now())
            return status.sentence, status.ahead
        except StoreError:  # a failing read must leave Home usable
            _log.exception("could not read the facts due for learner %s", learner)
            return tr("What is due could not be read from the database."), False

    def _review_records(self) -> list[RecordSet]:
        """Every record set a review covers: the built-in one and the teacher's imports."""
        from gensec_quiz.application.review import reviewable_record_sets

        return reviewable_record_sets(self.context.record_sets, find=self.context.records_for)

    def start_review(self, *, ahead: bool = False) -> None:
        """Begin a review quiz (`ahead`: on the facts due soonest), or say (on Home, not in a
        dialog) why there is none."""
        store, learner = self._store_now(), self.context.learner_id
        records = self._review_records() if store is not None else []
        if store is None:
            self._say(tr("Your history is still opening; try again in a moment."))
        elif learner is None:
            self._say(tr("Choose a learner first, or add one with “New learner”."))
        elif not records:
            self._say(tr("The record set cannot be read, so there is nothing to review."))
        else:
            self._start_review(store, learner, records, ahead=ahead)

    @Slot()
    def review_ahead(self) -> None:
        """Nothing is due: a review quiz on the facts that fall due soonest."""
        _set_state(self.message, "wrong")
        self.start_review(ahead=True)

    def _start_review(self, store: Store, learner: int, records: list[RecordSet], *,
                      ahead: bool = False) -> None:
        from gensec_quiz.application.review import review_plan

        try:
            plan = review_plan(store, self.context.question_sets, learner, records,
                               at=self._now(), count=self.mode_box.review_count.value(),
                               seed=self._seed(), ahead=ahead)
        except NothingToReview as nothing:
            self.message.setText(str(nothing))
            _set_state(self.message, "info")
            self.refresh_review()
            return
        except InputError as error:
            self._say(tr("This review cannot be made: {problem}", problem=error.problems[0]))
            return
        self.message.setText("")
        self.start_requested.emit(plan)

    def _say(self, problem: str) -> None:
        self.message.setText(f"⚠ {problem}")

    def _now(self) -> datetime:
        return self.context.clock().astimezone()  # the learner's own days and hours

    def _seed(self) -> int:
        seed = self.context.seed
        return seed if seed is not None else random.SystemRandom().randrange(1, 2**31)
