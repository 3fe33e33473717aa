"""Classroom: learners take turns on one computer (a quick, clean switch), and a set can be
locked to exam mode so that Home starts it the teacher's way whatever the learner picks.

The tab only asks: its Switch learner button emits `switch_requested` (the main window owns the
action and the status bar), and a lock written or lifted emits `lock_changed` (the main window
then refreshes Home, which reads the locks itself)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from gensec_quiz.application.classroom import DEFAULT_ATTEMPTS, MOST_ATTEMPTS
from gensec_quiz.application.plans import SetEntry
from gensec_quiz.application.question_sets import lock_text
from gensec_quiz.bank.classroom_lock import ClassroomLock
from gensec_quiz.domain.errors import InputError
from gensec_quiz.i18n import tr
from gensec_quiz.ui.context import AppContext
from gensec_quiz.ui.flow import FlowLayout
from gensec_quiz.ui.screen import switch_learner_keys_text
from gensec_quiz.ui.screens.home import SHOW_SCORES_KEY
from gensec_quiz.ui.widgets import themed_icon

_ENTRY_ROLE = Qt.ItemDataRole.UserRole


# The Classroom tab -------------------------------------------------------------------------


class ClassroomScreen(QWidget):
    """Emits `switch_requested` for the Switch learner button; locks sets to exam mode and
    emits `lock_changed(path of the set's file)` when a lock is written or lifted."""

    switch_requested = Signal()
    lock_changed = Signal(Path)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        layout = QVBoxLayout(self)
        layout.addWidget(self._turns_box())
        layout.addWidget(self._lock_box(), 1)

    def _turns_box(self) -> QGroupBox:
        box = QGroupBox(tr("Taking turns on one computer"), self)
        column = QVBoxLayout(box)
        text = QLabel(tr(
            "When a learner is done, press “Switch learner” ({keys}) anywhere in the app: a quiz "
            "in progress is put aside with every answer saved (its learner resumes it later), "
            "and Home asks who is next. Each learner's answers stay their own.",
            keys=switch_learner_keys_text()), box)
        text.setWordWrap(True)
        self.switch_button = QPushButton(themed_icon("learner"), tr("&Switch learner"), box)
        self.switch_button.clicked.connect(self.switch_requested)
        row = QHBoxLayout()
        row.addWidget(self.switch_button)
        row.addStretch(1)
        column.addWidget(text)
        column.addLayout(row)
        self.show_scores = QCheckBox(tr("Show every learner's last score on Home"), box)
        self.show_scores.setAccessibleDescription(tr("Otherwise only the learner signed in "
                                                     "sees their own last score."))
        scores_hint = QLabel(tr("Otherwise only the learner signed in sees their own."), box)
        scores_hint.setWordWrap(True)
        scores_hint.setProperty("role", "muted")
        self.show_scores.setObjectName("showAllScores")
        self.show_scores.setChecked(bool(self._settings().value(SHOW_SCORES_KEY, False,
                                                                type=bool)))
        self.show_scores.toggled.connect(self._on_show_scores)
        column.addWidget(self.show_scores, 0, Qt.AlignmentFlag.AlignLeft)  # click area: its text
        column.addWidget(scores_hint)
        return box

    def _settings(self) -> QSettings:
        return QSettings(str(self.context.folder.settings), QSettings.Format.IniFormat)

    @Slot(bool)
    def _on_show_scores(self, show: bool) -> None:
        self._settings().setValue(SHOW_SCORES_KEY, show)

    def _lock_box(self) -> QGroupBox:
        box = QGroupBox(tr("Lock a set to exam mode"), self)
        column = QVBoxLayout(box)
        hint = QLabel(tr("A locked set always starts in exam mode with these options: "
                         "learners see no feedback until the end and cannot pick another mode."),
                      box)
        hint.setWordWrap(True)
        hint.setProperty("role", "muted")
        self.sets = QListWidget(box)
        self.sets.setObjectName("classroomSets")
        self.sets.setAccessibleName(tr("Your question sets"))
        self.sets.currentRowChanged.connect(self._on_set)
        column.addWidget(hint)
        column.addWidget(self.sets, 1)
        column.addLayout(self._lock_controls(box))
        self.message = QLabel("", box)
        self.message.setWordWrap(True)
        column.addWidget(self.message)
        return box

    def _lock_controls(self, parent: QWidget) -> FlowLayout:
        row = FlowLayout()
        self.limit_box = QCheckBox(tr("&Time limit:"), parent)
        self.minutes = QSpinBox(parent)
        self.minutes.setRange(1, 240)
        self.minutes.setValue(20)
        self.minutes.setSuffix(tr(" min"))
        self.minutes.setAccessibleName(tr("Time limit in minutes"))
        self.all_or_nothing = QCheckBox(tr("&All or nothing"), parent)
        self.attempts = QSpinBox(parent)
        self.attempts.setObjectName("lockAttempts")
        self.attempts.setRange(1, MOST_ATTEMPTS)
        self.attempts.setValue(DEFAULT_ATTEMPTS)
        self.attempts.setPrefix(tr("attempts: "))
        self.attempts.setAccessibleName(tr("Attempts per learner"))
        self.attempts.setToolTip(tr("How many times each learner may take the exam; Start "
                                    "carries on an attempt left open"))
        self.lock_button = QPushButton(themed_icon("check"), tr("&Lock to exam"), parent)
        self.lock_button.clicked.connect(self.lock_current)
        self.unlock_button = QPushButton(tr("&Unlock"), parent)
        self.unlock_button.clicked.connect(self.unlock_current)
        row.add_widget(self.limit_box, self.minutes, self.all_or_nothing, self.attempts)
        row.add_break()
        row.addWidget(self.unlock_button)
        row.addWidget(self.lock_button)
        return row

    def refresh(self) -> None:
        chosen = self.current_entry()
        self.sets.clear()
        for entry in self.context.question_sets.entries():
            if not entry.own:
                continue
            lock = self.context.question_sets.lock_of(entry)
            text = tr("{title} ({count} questions)", title=entry.title, count=entry.count)
            if lock is not None:
                attempts = self.context.exam_rules.of(entry.id).attempts
                text = tr("{text} — locked: {lock}, {n} attempt(s)", text=text,
                          lock=lock_text(lock), n=attempts)
            item = QListWidgetItem(text, self.sets)
            if lock is not None:
                item.setIcon(themed_icon("lock"))
            item.setData(_ENTRY_ROLE, entry)
            if chosen is not None and entry.path == chosen.path:
                self.sets.setCurrentItem(item)
        if self.sets.count() == 0:
            self.message.setText(tr("Save a question set on the Build tab to lock it here."))
        self._on_set(self.sets.currentRow())

    def current_entry(self) -> SetEntry | None:
        item = self.sets.currentItem()
        entry = item.data(_ENTRY_ROLE) if item is not None else None
        return entry if isinstance(entry, SetEntry) else None

    @Slot(int)
    def _on_set(self, _row: int) -> None:
        entry = self.current_entry()
        lock = self.context.question_sets.lock_of(entry)
        self.lock_button.setEnabled(entry is not None)
        self.unlock_button.setEnabled(lock is not None)
        if lock is not None:
            self.limit_box.setChecked(bool(lock.time_limit_minutes))
            self.minutes.setValue(lock.time_limit_minutes or self.minutes.value())
            self.all_or_nothing.setChecked(lock.all_or_nothing)
            if entry is not None:
                self.attempts.setValue(self.context.exam_rules.of(entry.id).attempts)

    def chosen_lock(self) -> ClassroomLock:
        minutes = self.minutes.value() if self.limit_box.isChecked() else None
        return ClassroomLock("exam", minutes, self.all_or_nothing.isChecked())

    @Slot()
    def lock_current(self) -> None:
        self._write(self.chosen_lock())

    @Slot()
    def unlock_current(self) -> None:
        self._write(None)

    def _write(self, lock: ClassroomLock | None) -> None:
        """Rewrite the set's file with (or without) the lock; its questions are unchanged."""
        entry = self.current_entry()
        if entry is None:
            return
        rules = self.context.exam_rules
        try:
            self.context.question_sets.set_lock(entry, lock)
            if lock is not None:  # the file as locked: a hand edit is refused at Start
                rules.set_attempts(entry.id, self.attempts.value(), locked_file=entry.path)
            else:
                rules.forget(entry.id)
        except InputError as error:
            self.message.setText(tr("⚠ The set could not be changed: {error}", error=error))
            return
        self.context.signals.locks_changed.emit()  # Home reads the lock when it refreshes
        self.message.setText(tr("“{title}” is locked: {lock}.", title=entry.title,
                                lock=lock_text(lock)) if lock else
                             tr("“{title}” is no longer locked.", title=entry.title))
        self.refresh()
        self.lock_changed.emit(entry.path)
