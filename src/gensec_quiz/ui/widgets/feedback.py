"""The feedback panel: the verdict and the explanation first, then each part marked right or
wrong, then the sources folded under "Sources (n)" (opened by a click, Space or Alt+S)."""

from __future__ import annotations

import html
import re

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QColor, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from gensec_quiz.domain.grading import Grade, Mark
from gensec_quiz.domain.grading_dates import question_precision
from gensec_quiz.domain.questions import (
    DateQuestion,
    DateResponse,
    MatchingQuestion,
    MatchingResponse,
    OrderingQuestion,
    OrderingResponse,
    Question,
    Response,
)
from gensec_quiz.domain.records import RecordSet, SourceRef
from gensec_quiz.generation.witnesses import witness_name
from gensec_quiz.i18n import ntr, tr
from gensec_quiz.ui.models.records import date_text
from gensec_quiz.ui.widgets import themed_icon
from gensec_quiz.ui.widgets.matching import is_single_choice

ICON_SIZE = 18


def verdict(score: float) -> str:
    if score >= 1.0 - 1e-9:
        return tr("Right")
    return tr("Partly right") if score > 0 else tr("Not right")


def state_of(score: float) -> str:
    """The stylesheet's name for a score: correct, partial or wrong."""
    if score >= 1.0 - 1e-9:
        return "correct"
    return "partial" if score > 0 else "wrong"


def verdict_word(score: float) -> str:
    """Right, Partly right or Wrong: the three verdicts of a result list."""
    if score >= 1.0 - 1e-9:
        return tr("Right")
    return tr("Partly right") if score > 0 else tr("Wrong")


def state_colour(state: str, parent: QWidget) -> QColor:
    """The theme's text colour for a state (correct, partial, wrong), read from the stylesheet
    as a label with that state is drawn; the plain text colour when the theme has none."""
    probe = QLabel(parent)
    probe.setProperty("state", state)
    probe.setVisible(False)
    probe.ensurePolished()
    colour = probe.palette().color(QPalette.ColorRole.WindowText)
    probe.deleteLater()
    return colour


def score_line(grade: Grade) -> str:
    out_of = round(grade.out_of, 2)
    # The plural is chosen on the whole number; "1.5 points" stays plural.
    count = int(out_of) if out_of == int(out_of) else 2
    return ntr("{verdict}: {percent}% ({points:g} of {out_of:g} point)",
               "{verdict}: {percent}% ({points:g} of {out_of:g} points)", count,
               verdict=verdict(grade.score), percent=round(grade.score * 100),
               points=round(grade.points, 2), out_of=out_of)


def with_titles(text: str, records: RecordSet | None) -> str:
    """Source ids in a grader's sentence replaced by the documents' titles."""
    for source in records.sources if records is not None else ():
        text = re.sub(rf"(?<![\w-]){re.escape(source.id)}(?![\w-])", witness_name(source),
                      text)
    return text


def mark_text(mark: Mark, *, untouched: bool = False, single: bool = False) -> str:
    """A mark in words, so that right and wrong never rest on colour alone. In an untouched
    answer (an ordering submitted as shown) nothing was placed, so nothing is called right. A
    single-choice question (a one-pair matching) speaks of its answer, not of pairs. (A date's
    one mark is not shown: its summary says it, coloured as its score.)"""
    label = _unstop(mark.label)
    if single:
        if mark.correct:
            return tr("Right: {answer}", answer=mark.expected)
        text = tr("Wrong: the answer is {answer}", answer=mark.expected)
        return tr("{text} — {note}", text=text, note=mark.note) if mark.note else text
    if untouched and mark.correct:
        return tr("Not scored: {label} — it was shown in its place; nothing was moved.",
                  label=label)
    if mark.correct:
        text = tr("Right: {label}", label=label)
    elif mark.expected:
        text = tr("Wrong: {label}; should be {expected}", label=label, expected=mark.expected)
    else:
        text = tr("Wrong: {label}", label=label)
    text = tr("{text} — {note}", text=text, note=mark.note) if mark.note else text
    return _DOUBLE_STOP.sub(".", text)


_DOUBLE_STOP = re.compile(r"(?<!\.)\.\.(?!\.)")


def _unstop(text: str) -> str:
    """An item's text without its full stop, since more words follow it."""
    return text[:-1] if text.endswith(".") and not text.endswith("..") else text


def choice_note(question: Question, grade: Grade) -> str:
    """Why a near miss among a date's choices earns nothing while a typed one earns part: said
    in the feedback, since the same slip scores differently in the two forms."""
    if (not isinstance(question, DateQuestion) or not question.choices
            or grade.score >= 1.0 - 1e-9 or grade.untouched or question.tolerance.partial):
        return ""
    return tr("With choices to pick from, only the right one scores: the near dates among them "
              "are there to be told apart. A year typed from memory earns part credit when it "
              "is close.")


def source_title(records: RecordSet | None, source_id: str) -> str:
    """The witness a document belongs to, as a reader names it ("the Wikipedia article",
    "ProleWiki"); never an internal id."""
    source = records.source(source_id) if records is not None else None
    return witness_name(source) if source is not None else tr("the records")


def _quotes(refs: tuple[SourceRef, ...], records: RecordSet | None) -> list[str]:
    """Each quote once, with every witness that says it (three renderings of one article
    are one witness)."""
    titles: dict[str, list[str]] = {}
    for ref in refs:
        title = source_title(records, str(ref.source))
        if title not in titles.setdefault(ref.quote, []):
            titles[ref.quote].append(title)
    return [tr("“{quote}” — <i>{titles}</i>", quote=html.escape(quote),
               titles=html.escape("; ".join(names)))
            for quote, names in titles.items()]


def _label(text: str, parent: QWidget, *, name: str = "", rich: bool = False) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if name:
        label.setObjectName(name)
        label.setAccessibleName(name)
    return label


class FeedbackPanel(QFrame):
    """Filled by `show_grade`; `mark_texts()` and `text()` read back what it shows."""

    sources_opened = Signal()  # the sources were unfolded: the screen brings them into view

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("feedbackPanel")
        self.setAccessibleName(tr("Feedback"))
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setProperty("role", "feedback")
        self._outer = QVBoxLayout(self)
        self._outer.setContentsMargins(0, 0, 0, 0)
        self._body = QWidget(self)
        self._layout = QVBoxLayout(self._body)
        self._outer.addWidget(self._body)
        self._marks: list[tuple[bool, str]] = []
        self.sources_button: QToolButton | None = None
        self.sources_box: QWidget | None = None
        # Alt+S while the feedback shows (a hidden panel's shortcut is off: Submit keeps it)
        shortcut = QShortcut(QKeySequence(tr("Alt+S")), self)
        shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        shortcut.activated.connect(self.toggle_sources)

    @Slot()
    def toggle_sources(self) -> None:
        if self.sources_button is not None:
            self.sources_button.toggle()

    def clear(self) -> None:
        """Drop what was shown (a fresh body widget, so no stale label survives)."""
        self._marks = []
        self.sources_button = None
        self.sources_box = None
        self._outer.removeWidget(self._body)
        self._body.hide()
        self._body.deleteLater()
        self._body = QWidget(self)
        self._layout = QVBoxLayout(self._body)
        self._outer.addWidget(self._body)

    def show_grade(self, question: Question, grade: Grade, records: RecordSet | None) -> None:
        self.clear()
        heading = _label(score_line(grade), self._body, name=tr("Score"))
        heading.setProperty("role", "heading")
        heading.setProperty("state", state_of(grade.score))
        self._layout.addWidget(heading)
        if question.explanation:
            why = _label(question.explanation, self._body, name=tr("Explanation"))
            why.setObjectName("feedbackExplanation")
            self._layout.addWidget(why)
        single = isinstance(question, MatchingQuestion) and is_single_choice(question)
        # A date has one mark, and its summary already says it in full ("Not quite: you
        # answered 1981 (1 year off); the answer is 1982."): the summary stands for the mark.
        one_date = isinstance(question, DateQuestion) and len(grade.marks) == 1
        if not single:  # "1 of 1 pairs": the mark below says it better
            summary = _label(with_titles(grade.summary, records), self._body, name=tr("Summary"))
            if one_date:
                summary.setProperty("state", state_of(grade.score))
            self._layout.addWidget(summary)
        note = choice_note(question, grade)
        if note:
            self._layout.addWidget(_label(note, self._body, name=tr("Why no part credit")))
        # a date's one mark shares the score: near enough, it is partly right, not wrong
        for mark in () if one_date else grade.marks:
            self._add_mark(mark, records, untouched=grade.untouched, single=single)
        self._add_sources(question, grade, records)
        self._layout.addStretch(1)

    def _add_mark(self, mark: Mark, records: RecordSet | None, *, untouched: bool,
                  single: bool = False) -> None:
        row = QHBoxLayout()
        icon = QLabel(self._body)
        right = mark.correct and not untouched
        pixmap = themed_icon("correct" if right else "wrong").pixmap(ICON_SIZE, ICON_SIZE)
        icon.setPixmap(pixmap)
        icon.setFixedWidth(ICON_SIZE + 4)
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        text = with_titles(mark_text(mark, untouched=untouched, single=single), records)
        # The words "Right"/"Wrong" carry the meaning; a symbol stands in for a missing icon.
        symbol = "" if not pixmap.isNull() else ("✓ " if right else "✗ ")
        label = _label(symbol + text, self._body)
        label.setProperty("state", "correct" if right else "wrong")
        label.setAccessibleName(text)
        row.addWidget(icon)
        row.addWidget(label, 1)
        self._layout.addLayout(row)
        self._marks.append((right, text))

    def _add_sources(self, question: Question, grade: Grade, records: RecordSet | None) -> None:
        parts = _quotes(question.sources, records)
        if isinstance(question, DateQuestion) and grade.accepted_sources:
            for accepted in question.accept:
                refs = tuple(r for r in accepted.sources if str(r.source) in grade.accepted_sources)
                parts += [tr("{quote} (gives {date})", quote=quote,
                             date=html.escape(date_text(accepted.value)))
                          for quote in _quotes(refs, records)]
        if not parts:
            return
        button = self.sources_button = QToolButton(self._body)
        button.setObjectName("sourcesToggle")
        button.setText(tr("Sources ({count})", count=len(parts)))
        button.setAccessibleName(tr("Sources ({count})", count=len(parts)))
        button.setToolTip(tr("Show or hide the quotes this question was built from (Alt+S)"))
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        button.setArrowType(Qt.ArrowType.RightArrow)
        button.setCheckable(True)
        button.setAutoRaise(True)
        button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        button.toggled.connect(self._on_sources_toggled)
        self._layout.addWidget(button)
        box = self.sources_box = QWidget(self._body)
        box.setObjectName("sourcesBox")
        column = QVBoxLayout(box)
        column.setContentsMargins(18, 0, 0, 0)
        for part in parts:
            quote = _label(part, box, name=tr("Source"), rich=True)
            quote.setProperty("role", "quote")
            column.addWidget(quote)
        box.setVisible(False)
        self._layout.addWidget(box)

    @Slot(bool)
    def _on_sources_toggled(self, opened: bool) -> None:
        if self.sources_button is not None:
            self.sources_button.setArrowType(
                Qt.ArrowType.DownArrow if opened else Qt.ArrowType.RightArrow)
        if self.sources_box is not None:
            self.sources_box.setVisible(opened)
            if opened:
                self.sources_opened.emit()

    def sources_open(self) -> bool:
        return self.sources_box is not None and not self.sources_box.isHidden()

    def set_sources_open(self, opened: bool) -> None:
        if self.sources_button is not None:
            self.sources_button.setChecked(opened)

    def mark_texts(self) -> list[tuple[bool, str]]:
        return list(self._marks)

    def text(self) -> str:
        """All the words of the feedback (folded sources too), as plain text, for tests and
        screen readers."""
        labels = self._body.findChildren(QLabel)
        return "\n".join(_plain(label) for label in labels if label.text())

    def visible_text(self) -> str:
        """The words a sighted learner sees now (folded sources left out)."""
        labels = [label for label in self._body.findChildren(QLabel)
                  if label.text() and label.isVisibleTo(self)]
        return "\n".join(_plain(label) for label in labels)


def _plain(label: QLabel) -> str:
    if label.textFormat() != Qt.TextFormat.RichText:
        return label.text()
    text = label.text().replace("<br>", "\n")
    while "<" in text and ">" in text[text.index("<"):]:
        start = text.index("<")
        text = text[:start] + text[text.index(">", start) + 1:]
    return html.unescape(text)


def key_text(question: Question) -> str:
    """The right answer, in words."""
    if isinstance(question, OrderingQuestion):
        return "\n".join(f"{n}. {item.text}" for n, item in enumerate(question.items, start=1))
    if isinstance(question, MatchingQuestion):
        if is_single_choice(question):
            return question.pairs[0].right
        return "\n".join(f"{pair.left} → {pair.right}" for pair in question.pairs)
    return date_text(question.answer.truncate(question_precision(question)))


def response_text(question: Question, response: Response | None) -> str:
    """The learner's answer, in words."""
    if response is None:
        return tr("(not answered)")
    if isinstance(question, OrderingQuestion) and isinstance(response, OrderingResponse):
        lines = [f"{n}. {question.items[i].text}" for n, i in enumerate(response.order, start=1)]
        if not response.moved:
            lines.append(tr("(nothing was moved)"))
        return "\n".join(lines)
    if isinstance(question, MatchingQuestion) and isinstance(response, MatchingResponse):
        if is_single_choice(question):
            return next((c for c in response.choices if c), tr("(none)"))
        none = tr("(none)")
        return "\n".join(f"{pair.left} → {choice or none}"
                         for pair, choice in zip(question.pairs, response.choices, strict=False))
    if isinstance(response, DateResponse):
        return date_text(response.value) if response.value is not None else tr("(no date)")
    return ""
