"""An exam's question navigator, as learners know it from Moodle's quiz: a numbered button per
question (filled when answered, ⚑ when flagged, the one shown pressed), Back, Flag for review,
Skip, and "Review and submit…" for the summary page.

Every button is reachable with Tab; the arrow keys move between the numbers; the buttons' names
say each question's state to a screen reader. `exam_answer_widget` builds the answer widget of a
question answered before with that answer on it, so a learner who goes back sees what they gave.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from gensec_quiz.domain.questions import (
    DateQuestion,
    DateResponse,
    MatchingResponse,
    OrderingQuestion,
    OrderingResponse,
)
from gensec_quiz.domain.session import Answer, QuestionState, QuizSession
from gensec_quiz.i18n import tr
from gensec_quiz.ui.widgets import themed_icon
from gensec_quiz.ui.widgets.date_input import DateInputWidget
from gensec_quiz.ui.widgets.matching import MatchingWidget
from gensec_quiz.ui.widgets.ordering import OrderingWidget

PER_ROW = 15  # numbers per row of the strip: a long exam wraps instead of widening the window
FLAG_MARK = "⚑"
# Colours from the palette, so that the light, dark and high-contrast themes all read well.
STRIP_STYLE = """
QToolButton#questionNumber { min-width: 30px; min-height: 26px; border: 1px solid palette(mid);
    border-radius: 4px; padding: 1px 4px; }
QToolButton#questionNumber[answered="true"] { background: palette(highlight);
    color: palette(highlighted-text); }
QToolButton#questionNumber:checked { border: 3px solid palette(text); font-weight: 700; }
QToolButton#questionNumber:focus { border: 3px dashed palette(text); }
"""


def state_text(state: QuestionState) -> str:
    """"Question 3: answered, flagged, shown now" (a button's name, a tooltip, a row)."""
    parts = [tr("answered") if state.answered else tr("not answered")]
    if state.flagged:
        parts.append(tr("flagged"))
    if state.current:
        parts.append(tr("shown now"))
    return tr("Question {k}: {state}", k=state.index + 1, state=", ".join(parts))


class _NumberButton(QToolButton):
    """One question's number; Left and Right move the focus along the strip."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        step = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1}.get(Qt.Key(event.key()))
        navigator = self.parent()
        if step is not None and isinstance(navigator, QuestionNavigator):
            navigator.focus_number(navigator.numbers.index(self) + step)
            return
        super().keyPressEvent(event)


class QuestionNavigator(QWidget):
    """The strip above an exam's question."""

    chosen = Signal(int)  # go to the question at this index
    back_requested = Signal()
    skip_requested = Signal()
    flag_changed = Signal(bool)  # the question shown is (un)flagged
    summary_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("questionNavigator")
        self.setStyleSheet(STRIP_STYLE)
        self.numbers: list[QToolButton] = []
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        self._group.idClicked.connect(self.chosen)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        caption = QLabel(tr("Questions:"), self)
        caption.setProperty("role", "muted")
        top.addWidget(caption, 0, Qt.AlignmentFlag.AlignTop)
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(4)
        self.grid.setVerticalSpacing(4)
        top.addLayout(self.grid)
        top.addStretch(1)
        layout.addLayout(top)
        layout.addLayout(self._buttons())

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.back_button = self._button("previous", tr("&Back"),
                                        tr("Go to the previous question (Alt+B)"))
        self.back_button.clicked.connect(self.back_requested)
        self.flag_button = self._button("flag", tr("&Flag for review"),
                                        tr("Mark this question to come back to (Alt+F)"))
        self.flag_button.setCheckable(True)
        self.flag_button.toggled.connect(self._on_flag)
        self.skip_button = self._button("next", tr("S&kip"),
                                        tr("Leave this question as it is and go to the next "
                                           "(Alt+K)"))
        self.skip_button.clicked.connect(self.skip_requested)
        self.summary_button = self._button("results", tr("&Review and submit…"),
                                           tr("See what is answered, not answered and flagged, "
                                              "then submit all (Alt+R)"))
        self.summary_button.clicked.connect(self.summary_requested)
        self.legend = QLabel(tr("Filled: answered · {flag}: flagged", flag=FLAG_MARK), self)
        self.legend.setProperty("role", "muted")
        for button in (self.back_button, self.flag_button, self.skip_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.legend)
        row.addWidget(self.summary_button)
        return row

    def _button(self, icon: str, text: str, tip: str) -> QPushButton:
        button = QPushButton(themed_icon(icon), text, self)
        button.setToolTip(tip)
        button.setAccessibleName(text.replace("&", "").rstrip("…"))
        return button

    @Slot(bool)
    def _on_flag(self, checked: bool) -> None:
        self.flag_changed.emit(checked)

    def show_states(self, states: Sequence[QuestionState]) -> None:
        """Number, state and the question shown; Back and Flag follow the question shown."""
        self._ensure_numbers(len(states))
        shown: QuestionState | None = None
        for state, button in zip(states, self.numbers, strict=True):
            text = str(state.index + 1) + (FLAG_MARK if state.flagged else "")
            button.setText(text)
            described = state_text(state)
            button.setAccessibleName(described)
            button.setToolTip(described)
            if button.property("answered") != state.answered:
                button.setProperty("answered", state.answered)
                button.style().unpolish(button)
                button.style().polish(button)
            button.setChecked(state.current)
            if state.current:
                shown = state
        if shown is None:  # the summary page: no question shown
            checked = self._group.checkedButton()
            if checked is not None:
                self._group.setExclusive(False)
                checked.setChecked(False)
                self._group.setExclusive(True)
        for control in (self.back_button, self.flag_button, self.skip_button):
            control.setVisible(shown is not None)
        self.back_button.setEnabled(shown is not None and shown.index > 0)
        self.flag_button.blockSignals(True)
        self.flag_button.setChecked(shown is not None and shown.flagged)
        self.flag_button.blockSignals(False)

    def _ensure_numbers(self, count: int) -> None:
        if len(self.numbers) == count:
            return
        for button in self.numbers:
            self._group.removeButton(button)
            self.grid.removeWidget(button)
            button.deleteLater()
        self.numbers = []
        for index in range(count):
            button = _NumberButton(self)
            button.setObjectName("questionNumber")
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            self._group.addButton(button, index)
            self.grid.addWidget(button, index // PER_ROW, index % PER_ROW)
            self.numbers.append(button)

    def focus_number(self, index: int) -> None:
        if self.numbers:
            self.numbers[max(0, min(index, len(self.numbers) - 1))].setFocus(
                Qt.FocusReason.TabFocusReason)

    def focus_chain(self) -> list[QWidget]:
        """The controls in Tab order."""
        return [*self.numbers, self.back_button, self.flag_button, self.skip_button,
                self.summary_button]


AnswerWidget = OrderingWidget | MatchingWidget | DateInputWidget


def exam_answer_widget(session: QuizSession, parent: QWidget,
                       make: Callable[[QuizSession, QWidget], AnswerWidget]) -> AnswerWidget:
    """The current question's widget (`make`: the quiz screen's, for a question not answered
    yet), showing the learner's answer when there is one (built before anything is connected
    to it, so nothing reads as a change)."""
    question = session.current
    earlier = session.answer_for(question.id)
    if isinstance(question, OrderingQuestion) and earlier is not None:
        response = earlier.response
        if isinstance(response, OrderingResponse) and response.moved:
            return OrderingWidget(question, response.order, parent)
    widget = make(session, parent)
    if earlier is not None:
        show_answer(widget, earlier)
    return widget


def show_answer(widget: AnswerWidget, answer: Answer) -> None:
    """Put an earlier matching or date answer back on its widget."""
    response = answer.response
    if isinstance(widget, MatchingWidget) and isinstance(response, MatchingResponse):
        for row, text in enumerate(response.choices[:len(widget.combos)]):
            if text is not None:
                widget.choose(row, text)
    elif isinstance(widget, DateInputWidget) and isinstance(response, DateResponse):
        value = response.value
        question = widget.question
        if value is None:
            return
        if widget.choices is not None and isinstance(question, DateQuestion):
            if value in question.choices:
                widget.choices.select(question.choices.index(value))
        else:
            widget.enter(value)
