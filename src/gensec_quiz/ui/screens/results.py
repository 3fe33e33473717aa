"""The Results screen: the score, each question with both answers, a breakdown by kind."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal, Slot
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gensec_quiz.application.plans import QuizOutcome, QuizPlan
from gensec_quiz.domain.errors import InputError
from gensec_quiz.domain.questions import MatchingQuestion, Question, QuestionSet
from gensec_quiz.domain.records import RecordSet
from gensec_quiz.domain.session import Mode
from gensec_quiz.i18n import tr
from gensec_quiz.ui.context import AppContext
from gensec_quiz.ui.flow import FlowLayout
from gensec_quiz.ui.names import kind_group_name, kind_name
from gensec_quiz.ui.widgets import themed_icon
from gensec_quiz.ui.widgets.feedback import (
    FeedbackPanel,
    key_text,
    response_text,
    state_colour,
    state_of,
    verdict_word,
)
from gensec_quiz.ui.widgets.matching import is_single_choice

RESULT_SYMBOLS = {"correct": "✓ ", "partial": "◐ ", "wrong": "✗ "}


def percent(score: float) -> str:
    return tr("{percent}%", percent=round(score * 100))


class ResultsScreen(QWidget):
    """Shows a `QuizOutcome`; offers the missed questions again."""

    start_requested = Signal(QuizPlan)
    home_requested = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.outcome: QuizOutcome | None = None
        self._build()
        self._show_empty()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.heading = QLabel("", self)
        self.heading.setObjectName("resultsScore")
        self.heading.setProperty("role", "title")
        self.heading.setWordWrap(True)
        self.heading.setAccessibleName(tr("Score"))
        self.breakdown = QLabel("", self)
        self.breakdown.setObjectName("resultsBreakdown")
        self.breakdown.setAccessibleName(tr("Score by kind of question"))
        self.breakdown.setWordWrap(True)
        self.notice = QLabel("", self)
        self.notice.setObjectName("resultsNotice")
        self.notice.setProperty("role", "heading")
        self.notice.setAccessibleName(tr("Notice"))
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet("QLabel#resultsNotice { color: #ffffff; background: #b3261e; "
                                  "border-radius: 4px; padding: 6px 10px; }")
        self.notice.setVisible(False)
        layout.addWidget(self.notice)
        layout.addWidget(self.heading)
        layout.addWidget(self.breakdown)
        splitter = self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self._table())
        splitter.addWidget(self._details())
        splitter.setSizes([260, 300])
        layout.addWidget(splitter, 1)
        layout.addLayout(self._buttons())

    def _table(self) -> QTableWidget:
        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("resultsTable")
        self.table.setAccessibleName(tr("Questions and scores"))
        self.table.setHorizontalHeaderLabels([tr("Result"), tr("Kind"), tr("Question")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.currentCellChanged.connect(self._on_row)
        return self.table

    def _details(self) -> QScrollArea:
        scroller = QScrollArea(self)
        scroller.setAccessibleName(tr("The answer chosen"))
        scroller.setWidgetResizable(True)
        body = QWidget(scroller)
        column = QVBoxLayout(body)
        answers = QHBoxLayout()
        self.yours = self._answer_label(body, "yourAnswer")
        self.right = self._answer_label(body, "rightAnswer")
        answers.addWidget(self.yours, 1)
        answers.addWidget(self.right, 1)
        column.addLayout(answers)
        self.feedback = FeedbackPanel(body)
        column.addWidget(self.feedback)
        column.addStretch(1)
        scroller.setWidget(body)
        return scroller

    def _answer_label(self, parent: QWidget, name: str) -> QLabel:
        label = QLabel("", parent)
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignmentFlag.AlignTop)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def _buttons(self) -> FlowLayout:
        row = FlowLayout()  # wraps when the window is narrow for the text size
        self.home_button = QPushButton(themed_icon("home"), tr("Back to &Home"), self)
        self.home_button.setToolTip(tr("Back to the Home screen (Alt+H)"))
        self.home_button.setAccessibleName(tr("Back to Home"))
        self.home_button.clicked.connect(self.home_requested)
        self.again_button = QPushButton(themed_icon("play"),
                                        tr("&Practise the missed ones again"), self)
        self.again_button.setObjectName("practiseMissed")
        self.again_button.setToolTip(tr("A practice quiz of the questions you did not get fully "
                                        "right (Alt+P)"))
        self.again_button.setAccessibleName(tr("Practise the missed ones again"))
        self.again_button.clicked.connect(self.practise_missed)
        row.addWidget(self.home_button)
        row.add_break()
        row.addWidget(self.again_button)
        return row

    # Showing ---------------------------------------------------------------------------------

    def _show_empty(self) -> None:
        self.heading.setText(tr("No results yet"))
        self.notice.setVisible(False)
        self.breakdown.setText(tr("Finish a quiz to see its results here."))
        self.table.setRowCount(0)
        self.again_button.setEnabled(False)
        self.feedback.clear()

    def show_outcome(self, outcome: QuizOutcome) -> None:
        self.outcome = outcome
        self.notice.setText(" ".join(outcome.notes))
        self.notice.setVisible(bool(outcome.notes))
        summary = outcome.session.summary()
        self.heading.setText(tr("Your score: {score} — {title}", score=percent(summary.score),
                                title=outcome.plan.question_set.title))
        parts = [tr("{kind}: {score}", kind=kind_group_name(kind), score=percent(v))
                 for kind, v in sorted(summary.by_type.items())]
        answered = tr("{answered} of {total} questions answered", answered=summary.answered,
                      total=summary.total)
        saved = "" if outcome.saved else tr(" — not all answers could be saved")
        self.breakdown.setText(" · ".join([answered, *parts]) + saved)
        self._fill_table(outcome)
        self.again_button.setEnabled(bool(summary.missed))

    def _fill_table(self, outcome: QuizOutcome) -> None:
        questions = outcome.session.questions
        self.table.setRowCount(len(questions))
        for row, question in enumerate(questions):
            answer = outcome.session.answer_for(question.id)
            score = answer.grade.score if answer is not None else 0.0
            state = state_of(score)
            # partly right is neither the tick nor the cross: a half-filled circle
            icon = themed_icon(state) if state != "partial" else QIcon()
            symbol = "" if not icon.isNull() else RESULT_SYMBOLS[state]
            words = tr("{verdict} · {score}", verdict=verdict_word(score), score=percent(score))
            mark = QTableWidgetItem(icon, symbol + words)
            mark.setData(Qt.ItemDataRole.UserRole, state)
            mark.setData(Qt.ItemDataRole.AccessibleTextRole,
                         tr("{verdict}, scored {score}", verdict=verdict_word(score),
                            score=percent(score)))
            self.table.setItem(row, 0, mark)
            # a one-pair matching is asked as a multiple choice: named so, as the learner saw it
            kind = (kind_name("choice") if isinstance(question, MatchingQuestion)
                    and is_single_choice(question) else kind_group_name(question.type))
            self.table.setItem(row, 1, QTableWidgetItem(kind))
            prompt = QTableWidgetItem(question.prompt)
            prompt.setToolTip(question.prompt)
            self.table.setItem(row, 2, prompt)
        self._colour_results()
        if questions:
            self.table.setCurrentCell(0, 0)
            # row 0 may have been current already (an earlier quiz): no signal, so show it here
            self._show_question(questions[0])
        self._fit_table(len(questions))

    def _colour_results(self) -> None:
        """Each result in the theme's colour for right, partly right or wrong (again when the
        theme changes)."""
        colours = {state: state_colour(state, self) for state in ("correct", "partial", "wrong")}
        for row in range(self.table.rowCount()):
            mark = self.table.item(row, 0)
            state = mark.data(Qt.ItemDataRole.UserRole) if mark is not None else None
            if mark is not None and state in colours:
                mark.setForeground(colours[state])

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.PaletteChange):
            self._colour_results()

    def _fit_table(self, rows: int) -> None:
        """The table no taller than its rows (at most about ten); the details get the rest."""
        row_height = self.table.verticalHeader().defaultSectionSize()
        wanted = self.table.horizontalHeader().sizeHint().height() + rows * row_height + 6
        self.table.setMaximumHeight(max(min(wanted, 10 * row_height + 40), 3 * row_height))

    @Slot(int, int, int, int)
    def _on_row(self, row: int, _column: int, _old_row: int, _old_column: int) -> None:
        outcome = self.outcome
        if outcome is None or not 0 <= row < len(outcome.session.questions):
            return
        question = outcome.session.questions[row]
        self._show_question(question)

    def _show_question(self, question: Question) -> None:
        assert self.outcome is not None
        answer = self.outcome.session.answer_for(question.id)
        self.yours.setText(tr("Your answer:\n{text}", text=response_text(
            question, answer.response if answer is not None else None)))
        self.right.setText(tr("Right answer:\n{text}", text=key_text(question)))
        if answer is not None:
            self.feedback.show_grade(question, answer.grade, self._records())
        else:
            self.feedback.clear()

    def _records(self) -> RecordSet | None:
        """The questions' own record set, for the titles of their sources."""
        try:
            if self.outcome is not None:
                return self.context.records_for(self.outcome.plan.question_set.records)
            return self.context.records()
        except (InputError, OSError):  # feedback still shows, with source ids, not titles
            return None

    # Again -----------------------------------------------------------------------------------

    @Slot()
    def practise_missed(self) -> None:
        outcome = self.outcome
        if outcome is None:
            return
        missed = outcome.session.missed_questions()
        if not missed:
            return
        original = outcome.plan.question_set
        question_set = QuestionSet(
            id=f"{original.id}-missed-{outcome.session_id or 0}",
            title=tr("{title}: the missed ones", title=original.title),
            records=original.records, questions=missed)
        self.context.question_sets.save_own(question_set, retry=True)
        self.start_requested.emit(QuizPlan(question_set, mode=Mode.PRACTICE))

    def refresh(self) -> None:
        """Results stay as they were until the next quiz ends."""
