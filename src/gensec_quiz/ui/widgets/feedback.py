"""The feedback panel: the score, each part marked right or wrong, the explanation, the sources."""

from __future__ import annotations

import html
import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

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
from gensec_quiz.ui.widgets import themed_icon

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


def mark_text(mark: Mark) -> str:
    """A mark in words, so that right and wrong never rest on colour alone."""
    label = _unstop(mark.label)
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

    def clear(self) -> None:
        """Drop what was shown (a fresh body widget, so no stale label survives)."""
        self._marks = []
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
        self._layout.addWidget(
            _label(with_titles(grade.summary, records), self._body, name=tr("Summary")))
        for mark in grade.marks:
            self._add_mark(mark, records)
        if question.explanation:
            self._add_section(tr("Why"), html.escape(question.explanation))
        self._add_sources(question, grade, records)
        self._layout.addStretch(1)

    def _add_mark(self, mark: Mark, records: RecordSet | None) -> None:
        row = QHBoxLayout()
        icon = QLabel(self._body)
        pixmap = themed_icon("correct" if mark.correct else "wrong").pixmap(ICON_SIZE, ICON_SIZE)
        icon.setPixmap(pixmap)
        icon.setFixedWidth(ICON_SIZE + 4)
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        text = with_titles(mark_text(mark), records)
        # The words "Right"/"Wrong" carry the meaning; a symbol stands in for a missing icon.
        symbol = "" if not pixmap.isNull() else ("✓ " if mark.correct else "✗ ")
        label = _label(symbol + text, self._body)
        label.setProperty("state", "correct" if mark.correct else "wrong")
        label.setAccessibleName(text)
        row.addWidget(icon)
        row.addWidget(label, 1)
        self._layout.addLayout(row)
        self._marks.append((mark.correct, text))

    def _add_section(self, title: str, body_html: str) -> None:
        self._layout.addWidget(
            _label(f"<b>{html.escape(title)}</b><br>{body_html}", self._body, name=title,
                   rich=True))

    def _add_sources(self, question: Question, grade: Grade, records: RecordSet | None) -> None:
        parts = _quotes(question.sources, records)
        if isinstance(question, DateQuestion) and grade.accepted_sources:
            for accepted in question.accept:
                refs = tuple(r for r in accepted.sources if str(r.source) in grade.accepted_sources)
                parts += [tr("{quote} (gives {date})", quote=quote,
                             date=html.escape(accepted.value.human()))
                          for quote in _quotes(refs, records)]
        if not parts:
            return
        self._layout.addWidget(
            _label(f"<b>{html.escape(tr('Sources'))}</b>", self._body, rich=True))
        for part in parts:
            quote = _label(part, self._body, name=tr("Source"), rich=True)
            quote.setProperty("role", "quote")
            self._layout.addWidget(quote)

    def mark_texts(self) -> list[tuple[bool, str]]:
        return list(self._marks)

    def text(self) -> str:
        """All the words shown, as plain text, for tests and screen readers."""
        labels = self._body.findChildren(QLabel)
        return "\n".join(_plain(label) for label in labels if label.text())


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
        return "\n".join(f"{pair.left} → {pair.right}" for pair in question.pairs)
    return question.answer.truncate(question_precision(question)).human()


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
        return "\n".join(f"{pair.left} → {choice or tr('(none)')}"
                         for pair, choice in zip(question.pairs, response.choices, strict=False))
    if isinstance(response, DateResponse):
        return response.value.human() if response.value is not None else tr("(no date)")
    return ""
