"""A question as the learner will see it (the real answer widgets, read-only), with its key."""

from __future__ import annotations

import html
import random

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from gensec_quiz.domain.questions import (
    DateQuestion,
    MatchingQuestion,
    OrderingQuestion,
    Question,
)
from gensec_quiz.domain.records import RecordSet
from gensec_quiz.i18n import tr
from gensec_quiz.ui import names
from gensec_quiz.ui.models.records import date_text
from gensec_quiz.ui.models.teacher_build import rule_name
from gensec_quiz.ui.widgets.date_input import DateInputWidget
from gensec_quiz.ui.widgets.feedback import key_text, source_title
from gensec_quiz.ui.widgets.matching import MatchingWidget
from gensec_quiz.ui.widgets.ordering import OrderingWidget

AnswerWidget = OrderingWidget | MatchingWidget | DateInputWidget


def kind_name(question: Question) -> str:
    """The kind as a teacher names it; a one-pair matching is a multiple choice."""
    if isinstance(question, MatchingQuestion) and len(question.pairs) == 1:
        return names.kind_name("choice")
    return names.kind_name(question.type)


def shuffled(count: int, seed: str) -> tuple[int, ...]:
    """A fixed shuffle of `range(count)`, never the key order when there are two or more."""
    order = list(range(count))
    rng = random.Random(seed)
    while count >= 2 and order == sorted(order):
        rng.shuffle(order)
    return tuple(order)


def learner_widget(question: Question, parent: QWidget) -> AnswerWidget:
    """The answer widget the Quiz screen would show, in a fixed shuffled order, locked."""
    widget: AnswerWidget
    if isinstance(question, OrderingQuestion):
        widget = OrderingWidget(question, shuffled(len(question.items), question.id), parent)
    elif isinstance(question, MatchingQuestion):
        display = shuffled(len(question.right_choices()), question.id)
        widget = MatchingWidget(question, display, parent)
    else:
        widget = DateInputWidget(question, parent)
    widget.lock()
    return widget


def key_details(question: Question) -> list[str]:
    """How the answer is scored, in a few plain lines."""
    if isinstance(question, OrderingQuestion):
        return [tr("Scored by: {rule}", rule=rule_name(question.scoring))]
    if isinstance(question, MatchingQuestion):
        extra = ", ".join(question.extra_right)
        return [tr("Distractors: {extra}", extra=extra)] if extra else []
    return _date_details(question)


def _date_details(question: DateQuestion) -> list[str]:
    lines = [tr("Also accepted: {value}", value=date_text(a.value)) for a in question.accept]
    if question.tolerance.partial:
        tiers = ", ".join(tr("{within} off: {percent}%", within=w, percent=round(c * 100))
                          for w, c in question.tolerance.partial)
        lines.append(tr("Partial credit ({unit}s): {tiers}", unit=question.precision,
                        tiers=tiers))
    if question.choices:
        lines.append(tr("Multiple choice: {count} dates", count=len(question.choices)))
    return lines


def _label(text: str, parent: QWidget, *, role: str = "", rich: bool = False) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if role:
        label.setProperty("role", role)
    return label


class QuestionPreview(QWidget):
    """Filled by `show_question`; `answer_widget` is the learner's widget, `key` the answer."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("questionPreview")
        self.setAccessibleName(tr("Preview of the question"))
        self._layout = QVBoxLayout(self)
        self._body: QWidget | None = None
        self.answer_widget: AnswerWidget | None = None
        self.key: QLabel | None = None
        self.show_nothing()

    def _fresh_body(self) -> QVBoxLayout:
        if self._body is not None:
            self._layout.removeWidget(self._body)
            self._body.hide()
            self._body.deleteLater()
        self._body = QWidget(self)
        self._layout.addWidget(self._body)
        self.answer_widget, self.key = None, None
        body = QVBoxLayout(self._body)
        body.setContentsMargins(0, 0, 0, 0)
        return body

    def show_nothing(self, text: str = "") -> None:
        body = self._fresh_body()
        body.addWidget(_label(text or tr("Generate a question set, then choose a question to "
                                         "see it as the learner will."), self, role="muted"))
        body.addStretch(1)

    def show_question(self, question: Question, *, number: int, total: int,
                      records: RecordSet | None) -> None:
        body = self._fresh_body()
        assert self._body is not None
        head = tr("Question {k} of {n} · {kind} · difficulty {level}", k=number, n=total,
                  kind=kind_name(question), level=question.difficulty)
        body.addWidget(_label(head, self._body, role="muted"))
        prompt = _label(question.prompt, self._body, role="heading")
        prompt.setObjectName("previewPrompt")
        body.addWidget(prompt)
        self.answer_widget = learner_widget(question, self._body)
        body.addWidget(self.answer_widget)
        body.addWidget(self._key_frame(question, records))
        body.addStretch(1)

    def _key_frame(self, question: Question, records: RecordSet | None) -> QFrame:
        frame = QFrame(self._body)
        frame.setObjectName("previewKey")
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        frame.setProperty("role", "feedback")
        column = QVBoxLayout(frame)
        column.addWidget(_label("<b>" + html.escape(tr("Answer")) + "</b>", frame, rich=True))
        self.key = _label(key_text(question), frame)
        self.key.setObjectName("previewAnswer")
        self.key.setProperty("state", "correct")
        column.addWidget(self.key)
        for line in key_details(question):
            column.addWidget(_label(line, frame, role="muted"))
        if question.override:
            mark = _label(tr("Your override: this key differs from the records it rests on."),
                          frame)
            mark.setObjectName("previewOverride")
            mark.setProperty("state", "wrong")
            column.addWidget(mark)
        if question.explanation:
            column.addWidget(_label("<b>" + html.escape(tr("Why")) + "</b><br>"
                                    + html.escape(question.explanation), frame, rich=True))
        quotes = [tr("“{quote}” — {title}", quote=ref.quote,
                     title=source_title(records, str(ref.source)))
                  for ref in dict.fromkeys(question.sources)]
        if quotes:
            column.addWidget(_label("<b>" + html.escape(tr("Sources")) + "</b><br>" + "<br>".join(
                html.escape(q) for q in quotes), frame, rich=True))
        return frame

    def text(self) -> str:
        """The key and its details as plain text (for tests)."""
        frame = self._body.findChild(QFrame, "previewKey") if self._body is not None else None
        return "\n".join(_plain(label) for label in frame.findChildren(QLabel)) if frame else ""


def _plain(label: QLabel) -> str:
    if label.textFormat() != Qt.TextFormat.RichText:
        return label.text()
    document = QTextDocument()
    document.setHtml(label.text())
    return document.toPlainText()
