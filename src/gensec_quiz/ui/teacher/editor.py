"""Edit one question of a set, or write a new one: its fields on the left, the learner's view on
the right, and under them what is wrong with it (located sentences) and where its key
contradicts the records it rests on. A contradicted key is kept only when the teacher ticks
"Keep this key as my override"; the set file then marks the question `"override": true`."""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from gensec_quiz.application.question_edit import (
    check_against_records,
    editor_sentences,
    facts,
    is_choice,
    kept,
    new_question_id,
    question_from_data,
    question_to_data,
    sources_for,
    template,
)
from gensec_quiz.domain.errors import InputError
from gensec_quiz.domain.questions import BasisRef, Question
from gensec_quiz.domain.records import RecordSet
from gensec_quiz.i18n import N_, tr
from gensec_quiz.ui.dialogs.confirm import ConfirmDialog
from gensec_quiz.ui.teacher.editor_fields import (
    ChoiceSection,
    DateSection,
    MatchingSection,
    OrderingSection,
    Section,
)
from gensec_quiz.ui.teacher.preview import QuestionPreview

KIND_TITLES = {
    "ordering": N_("Ordering"), "matching": N_("Matching"), "date": N_("Date (typed or chosen)"),
    "choice": N_("Multiple choice (who or which)"),
}
_SECTIONS: dict[str, type[OrderingSection | MatchingSection | ChoiceSection | DateSection]] = {
    "ordering": OrderingSection, "matching": MatchingSection, "choice": ChoiceSection,
    "date": DateSection,
}
_NEW_ID = "hand-new"
PREVIEW_DELAY_MS = 250


def _plain(text: str) -> QPlainTextEdit:
    edit = QPlainTextEdit(text)
    edit.setTabChangesFocus(True)
    return edit


def _rows_basis(data: dict[str, Any]) -> list[dict[str, str]]:
    """The facts the items (or pairs) rest on, each once, in their order."""
    rows = data.get("items") or data.get("pairs") or []
    found = [b for row in rows for b in row.get("basis", [])]
    return [dict(t) for t in dict.fromkeys(tuple(sorted(b.items())) for b in found)]


def _facts(basis: list[Any]) -> set[tuple[str, str]]:
    return {(str(b.get("record")), str(b.get("field"))) for b in basis if isinstance(b, dict)}


class QuestionEditor(QDialog):
    """Opened on a question (`question`) or a kind to write (`kind`, one of
    `WRITABLE_KINDS`). When accepted, `question` is the question as the set keeps it."""

    def __init__(self, question: Question | None, *, kind: str = "", records: RecordSet | None,
                 taken: set[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("questionEditor")
        self.original = question
        self.records = records
        self.taken = taken
        self.kind = ("choice" if is_choice(question) else question.type) if question else kind
        self.question: Question | None = None
        self.problems: list[str] = []
        self.contradictions: list[str] = []
        data = question_to_data(question) if question is not None else template(self.kind)
        self._data = data
        self.setWindowTitle(tr("Edit question") if question else tr(
            "New question: {kind}", kind=tr(KIND_TITLES[self.kind])))
        self._previewed: Question | None = None
        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self.show_preview)
        self._build(data)
        self.check()
        self.show_preview()
        self._untouched = (self.data(), self.override.isChecked())

    # Layout ----------------------------------------------------------------------------------

    def _build(self, data: dict[str, Any]) -> None:
        self.prompt = _plain(str(data.get("prompt", "")))
        self.prompt.setAccessibleName(tr("Prompt"))
        self.prompt.setPlaceholderText(tr("The question as the learner reads it"))
        self.prompt.setFixedHeight(60)
        self.explanation = _plain(str(data.get("explanation", "")))
        self.explanation.setAccessibleName(tr("Explanation"))
        self.explanation.setPlaceholderText(tr("Shown after the answer: the fact and why"))
        self.explanation.setFixedHeight(60)
        self.difficulty = QSpinBox()
        self.difficulty.setRange(1, 3)
        self.difficulty.setValue(int(data.get("difficulty", 2)))
        self.difficulty.setAccessibleName(tr("Difficulty"))
        found = facts(self.records) if self.records is not None else []
        self.section: Section = _SECTIONS[self.kind](found, data)
        self.section.changed.connect(self.check)
        for edit in (self.prompt, self.explanation):
            edit.textChanged.connect(self.check)
        self.difficulty.valueChanged.connect(self.check)

        fields = QWidget(self)
        form = QFormLayout(fields)
        form.addRow(tr("&Prompt:"), self.prompt)
        form.addRow(tr("&Explanation:"), self.explanation)
        form.addRow(tr("Di&fficulty (1 to 3):"), self.difficulty)
        answer_box = QGroupBox(tr(KIND_TITLES[self.kind]), fields)
        QVBoxLayout(answer_box).addWidget(self.section)
        form.addRow(answer_box)

        self.preview = QuestionPreview()
        preview_box = QGroupBox(tr("As the learner will see it"), self)
        scroller = QScrollArea(preview_box)
        scroller.setWidgetResizable(True)
        scroller.setFrameShape(QScrollArea.Shape.NoFrame)
        scroller.setWidget(self.preview)
        QVBoxLayout(preview_box).addWidget(scroller)
        left = QScrollArea(self)
        left.setWidgetResizable(True)
        left.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        left.setFrameShape(QScrollArea.Shape.NoFrame)
        left.setWidget(fields)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(preview_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([600, 400])
        splitter.setChildrenCollapsible(False)

        self.findings = QLabel("", self)
        self.findings.setObjectName("editorProblems")
        self.findings.setWordWrap(True)
        self.findings.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.override = QCheckBox(tr("&Keep this key as my override, although it contradicts "
                                     "the records"), self)
        self.override.setChecked(bool(self.original and self.original.override))
        self.override.toggled.connect(self.check)
        self.buttons = QDialogButtonBox(self)
        self.ok_button = self.buttons.addButton(tr("&Keep the question"),
                                                QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.findings)
        layout.addWidget(self.override)
        layout.addWidget(self.buttons)
        self.resize(1024, 700)

    # What the teacher made of it -------------------------------------------------------------

    def data(self) -> dict[str, Any]:
        """The question as JSON-ready data, from the fields."""
        section = self.section.data()
        basis = section.pop("basis", None)
        if basis is None:  # items or pairs: the question rests on theirs
            basis = _rows_basis(section)
            if _facts(basis) == _facts(_rows_basis(self._data)):  # the same facts as before
                basis = list(self._data.get("basis") or [])
        data: dict[str, Any] = {
            "id": self._data.get("id") or _NEW_ID, "type": self._data["type"],
            "prompt": self.prompt.toPlainText().strip(),
            "explanation": self.explanation.toPlainText().strip(),
            "difficulty": self.difficulty.value(), "sources": self._sources(basis),
            "basis": basis, **section,
        }
        return data

    def _sources(self, basis: list[dict[str, str]]) -> list[dict[str, str]]:
        """The question's own quotes while it rests on the same facts; else the records'."""
        if _facts(basis) == _facts(self._data.get("basis") or []):
            return list(self._data.get("sources") or [])
        refs = sources_for(self.records, [BasisRef(b["record"], b["field"]) for b in basis
                                          if "record" in b and "field" in b])
        return [{"source": r.source, "quote": r.quote} for r in refs]

    @Slot()
    def check(self) -> Question | None:
        """Read the fields; show what is wrong, or the question as the learner will see it."""
        question: Question | None = None
        self.problems, self.contradictions = [], []
        try:
            question = question_from_data(self.data())
        except InputError as error:
            self.problems = editor_sentences(error.problems)
        if question is not None and self.records is not None:
            self.contradictions = editor_sentences(check_against_records(question,
                                                                         self.records))
        self.override.setEnabled(bool(self.contradictions))
        lines = [f"⚠ {p}" for p in self.problems]
        if self.contradictions:
            lines.append(tr("✗ The key contradicts the records:"))
            lines += [f"  • {c}" for c in self.contradictions]
            if not self.override.isChecked():
                lines.append(tr("Correct it, or tick “Keep this key as my override” to keep it "
                                "as it is; the set file will mark it as your override."))
        if lines:
            ready = "\n".join(lines)
        elif question is not None and question.basis and self.records is not None:
            ready = tr(
                "✓ Ready: nothing is wrong, and the key agrees with the records it rests on.")
        else:
            ready = tr("✓ Ready: nothing is wrong (this question rests on nothing in the records).")
        self.findings.setText(ready)
        self.findings.setProperty("state", "wrong" if lines else "correct")
        self.findings.style().unpolish(self.findings)
        self.findings.style().polish(self.findings)
        self._previewed = question
        self._preview_timer.start()  # once typing pauses: rebuilding it on each key is slow
        return question

    @Slot()
    def show_preview(self) -> None:
        """The question as the learner will see it (or why there is nothing to show yet)."""
        self._preview_timer.stop()
        if self._previewed is not None:
            self.preview.show_question(self._previewed, number=1, total=1, records=self.records)
        else:
            self.preview.show_nothing(tr("The preview appears once the question is complete."))

    @Slot()
    def changed(self) -> bool:
        """Whether the teacher has changed anything since the editor opened."""
        return (self.data(), self.override.isChecked()) != self._untouched

    def reject(self) -> None:
        """Cancel, Escape or closing the window: what was typed is dropped only when the
        teacher says so."""
        if self.changed() and not ConfirmDialog.ask(
                self, tr("Discard your changes?"),
                tr("Discard what you changed in this question? It is not in the set until "
                   "you press Keep the question."),
                yes=tr("&Discard the changes")):
            return
        super().reject()

    def accept(self) -> None:
        question = self.check()
        if question is None:
            return
        if self.contradictions and not self.override.isChecked():
            self.override.setFocus()
            return
        if self.original is None:
            question = dataclasses.replace(question, id=new_question_id(
                self.kind, self.data(), self.taken))
        if self.records is None:  # nothing here to check it against: the mark is kept as it was
            self.question = dataclasses.replace(
                question, override=bool(self.original and self.original.override))
        else:
            self.question = kept(question, self.records, override=self.override.isChecked())
        super().accept()
