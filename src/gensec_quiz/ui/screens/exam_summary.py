"""An exam's summary page before Submit all, as in Moodle's quiz: every question answered or
not, flagged or not; a row opens its question; "Submit all and finish" ends the attempt.

Nothing here grades or saves: the quiz screen shows this page when the session is in its
SUMMARY phase and forwards the learner's choice to its `QuizRun`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gensec_quiz.domain.questions import Question
from gensec_quiz.domain.session import QuestionState
from gensec_quiz.i18n import tr
from gensec_quiz.ui.widgets import themed_icon
from gensec_quiz.ui.widgets.navigator import FLAG_MARK

PROMPT_CHARACTERS = 90


def counts_text(states: Sequence[QuestionState]) -> str:
    answered = sum(s.answered for s in states)
    flagged = sum(s.flagged for s in states)
    return tr("Answered: {answered} · Not answered: {unanswered} · Flagged: {flagged}",
              answered=answered, unanswered=len(states) - answered, flagged=flagged)


class _Table(QTableWidget):
    """Enter or Space on a row opens its question, as a click does."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            row = self.currentRow()
            if row >= 0:
                self.cellActivated.emit(row, 0)
                return
        super().keyPressEvent(event)


class ExamSummary(QWidget):
    """The summary page; `show_states` fills it."""

    question_chosen = Signal(int)
    submit_all_requested = Signal()
    return_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("examSummary")
        layout = QVBoxLayout(self)
        self.heading = QLabel(tr("Summary of your attempt"), self)
        self.heading.setProperty("role", "heading")
        layout.addWidget(self.heading)
        self.counts = QLabel("", self)
        self.counts.setObjectName("summaryCounts")
        self.counts.setAccessibleName(tr("Answers so far"))
        layout.addWidget(self.counts)
        self.note = QLabel(tr("You can still change any answer: choose a question to open it. "
                              "Once you submit all, your answers are marked and cannot change."),
                           self)
        self.note.setWordWrap(True)
        self.note.setProperty("role", "muted")
        layout.addWidget(self.note)
        self.table = _Table(0, 3, self)
        self.table.setObjectName("summaryTable")
        self.table.setAccessibleName(tr("Questions of the exam"))
        self.table.setHorizontalHeaderLabels([tr("Question"), tr("Status"), tr("Flag")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)  # one line a question: a long prompt is cut with "…"
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.table.cellClicked.connect(self._on_row)
        self.table.cellActivated.connect(self._on_row)
        layout.addWidget(self.table, 1)
        layout.addLayout(self._buttons())

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.return_button = QPushButton(themed_icon("quiz"), tr("Return to &attempt"), self)
        self.return_button.setToolTip(tr("Go back to the last question (Alt+A)"))
        self.return_button.setAccessibleName(tr("Return to attempt"))
        self.return_button.clicked.connect(self.return_requested)
        self.submit_all_button = QPushButton(themed_icon("check"),
                                             tr("Submit all and &finish"), self)
        self.submit_all_button.setObjectName("submitAllButton")
        self.submit_all_button.setProperty("role", "primary")
        self.submit_all_button.setToolTip(tr("End the exam and see your results (Alt+F)"))
        self.submit_all_button.setAccessibleName(tr("Submit all and finish"))
        self.submit_all_button.clicked.connect(self.submit_all_requested)
        row.addWidget(self.return_button)
        row.addStretch(1)
        row.addWidget(self.submit_all_button)
        return row

    def show_states(self, questions: Sequence[Question],
                    states: Sequence[QuestionState]) -> None:
        self.counts.setText(counts_text(states))
        self.table.setRowCount(len(states))
        for row, (question, state) in enumerate(zip(questions, states, strict=True)):
            prompt = " ".join(question.prompt.split())
            if len(prompt) > PROMPT_CHARACTERS:
                prompt = prompt[:PROMPT_CHARACTERS - 1].rstrip() + "…"
            cells = (
                tr("{k}. {prompt}", k=row + 1, prompt=prompt),
                tr("Answered") if state.answered else tr("Not answered"),
                tr("{flag} Flagged", flag=FLAG_MARK) if state.flagged else "",
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(tr("Open question {k}", k=row + 1))
                self.table.setItem(row, column, item)

    def focus_first(self) -> None:
        """The first question not answered, else the first flagged, else Submit all."""
        row = self._first_row(lambda item: item == tr("Not answered"), column=1)
        if row is None:
            row = self._first_row(lambda item: bool(item), column=2)
        if row is None:
            self.submit_all_button.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self.table.setCurrentCell(row, 0)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _first_row(self, wanted: Callable[[str], bool], *, column: int) -> int | None:
        for row in range(self.table.rowCount()):
            item = self.table.item(row, column)
            if item is not None and wanted(item.text()):
                return row
        return None

    def press_enter(self) -> None:
        """Enter (the quiz screen's shortcut) acts on what has the focus: a row opens its
        question, a button is pressed."""
        if self.table.hasFocus() and self.table.currentRow() >= 0:
            self.question_chosen.emit(self.table.currentRow())
        elif self.return_button.hasFocus():
            self.return_requested.emit()
        elif self.submit_all_button.hasFocus():
            self.submit_all_requested.emit()

    @Slot(int, int)
    def _on_row(self, row: int, _column: int) -> None:
        self.question_chosen.emit(row)
