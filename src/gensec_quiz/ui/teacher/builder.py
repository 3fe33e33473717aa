"""Build a question set: generate, preview each question as the learner sees it, drop or
regenerate single questions, give it a title, save it for Home, export it, or import one."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from gensec_quiz.domain.errors import InputError, Problem
from gensec_quiz.domain.questions import QuestionSet
from gensec_quiz.domain.records import RecordSet
from gensec_quiz.i18n import tr
from gensec_quiz.ui.context import AppContext
from gensec_quiz.ui.flow import FlowLayout, VerticalScrollArea
from gensec_quiz.ui.models.teacher_build import Draft
from gensec_quiz.ui.teacher import builder_files
from gensec_quiz.ui.teacher.builder_options import BuildOptionsBox
from gensec_quiz.ui.teacher.dialogs import OpenQuestionSet
from gensec_quiz.ui.teacher.preview import KIND_NAMES, QuestionPreview
from gensec_quiz.ui.teacher.problems import ProblemList
from gensec_quiz.ui.widgets import themed_icon


class BuilderScreen(QWidget):
    """Emits `set_saved(path)` when a set is saved where Home lists it."""

    set_saved = Signal(Path)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.draft: Draft | None = None
        self._build()
        self._show_draft()

    # Layout ----------------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.options = BuildOptionsBox(self.context, splitter)
        self.options.generate_requested.connect(self.generate)
        splitter.addWidget(self._scrolled(self.options))
        splitter.addWidget(self._questions_side(splitter))
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([300, 550])
        splitter.setChildrenCollapsible(False)
        self.problems = ProblemList(self)
        self.message = QLabel("", self)
        self.message.setObjectName("builderMessage")
        self.message.setWordWrap(True)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.problems)
        layout.addWidget(self.message)
        layout.addLayout(self._file_row())

    def _scrolled(self, widget: QWidget) -> QScrollArea:
        return VerticalScrollArea(widget, self)  # as wide as the widget needs

    def _questions_side(self, parent: QWidget) -> QWidget:
        side = QWidget(parent)
        column = QVBoxLayout(side)
        column.setContentsMargins(0, 0, 0, 0)
        title_row = QHBoxLayout()
        self.title_edit = QLineEdit(side)
        self.title_edit.setAccessibleName(tr("Title of the question set"))
        self.title_edit.setPlaceholderText(tr("The title learners see on Home"))
        title_label = QLabel(tr("&Title:"), side)
        title_label.setBuddy(self.title_edit)
        title_row.addWidget(title_label)
        title_row.addWidget(self.title_edit, 1)
        column.addLayout(title_row)
        splitter = QSplitter(Qt.Orientation.Vertical, side)
        splitter.addWidget(self._list_box(splitter))
        self.preview = QuestionPreview()
        # a short title: a group box's title never wraps, and a long one widened the window
        self.preview_box = QGroupBox(tr("3. Preview"), splitter)
        self.preview_box.setToolTip(tr("The question as the learner will see it"))
        self.preview_box.setAccessibleDescription(tr("The question as the learner will see it"))
        box_layout = QVBoxLayout(self.preview_box)
        preview_scroller = QScrollArea(self.preview_box)  # both ways: it may be wider
        preview_scroller.setWidgetResizable(True)
        preview_scroller.setFrameShape(QScrollArea.Shape.NoFrame)
        preview_scroller.setWidget(self.preview)
        preview_scroller.setAccessibleName(tr("Preview"))
        box_layout.addWidget(preview_scroller)
        splitter.addWidget(self.preview_box)
        splitter.setSizes([140, 440])
        splitter.setChildrenCollapsible(False)
        column.addWidget(splitter, 1)
        return side

    def _list_box(self, parent: QWidget) -> QGroupBox:
        box = QGroupBox(tr("2. Questions"), parent)
        row = QHBoxLayout(box)
        self.question_list = QListWidget(box)
        self.question_list.setObjectName("builderQuestions")
        self.question_list.setAccessibleName(tr("Questions of the set"))
        self.question_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.question_list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.question_list.currentRowChanged.connect(self._on_question)
        buttons = QVBoxLayout()
        self.drop_button = self._button("wrong", tr("&Drop"), tr("Take this question out"))
        self.drop_button.clicked.connect(self.drop_current)
        self.regenerate_button = self._button(
            "restore", tr("Re&generate"), tr("Replace this question by another one"))
        self.regenerate_button.clicked.connect(self.regenerate_current)
        buttons.addWidget(self.drop_button)
        buttons.addWidget(self.regenerate_button)
        buttons.addStretch(1)
        row.addWidget(self.question_list, 1)
        row.addLayout(buttons)
        return box

    def _file_row(self) -> FlowLayout:
        row = FlowLayout()
        self.import_button = self._button("folder", tr("&Import a set…"),
                                          tr("Check and add a question set someone else made"))
        self.import_button.clicked.connect(self.import_set)
        self.gift_button = self._button("next", tr("Export G&IFT…"),
                                        tr("Write the set in Moodle's GIFT text format"))
        self.gift_button.clicked.connect(self.export_gift)
        self.moodle_button = self._button("next", tr("Export &Moodle XML…"),
                                          tr("Write the set as a Moodle XML question file"))
        self.moodle_button.clicked.connect(self.export_moodle)
        self.save_button = self._button("check", tr("&Save"),
                                        tr("Keep the set; learners find it on Home"))
        self.save_button.setProperty("role", "primary")
        self.save_button.clicked.connect(self.save)
        row.addWidget(self.import_button)
        row.add_break()
        row.add_widget(self.gift_button, self.moodle_button, self.save_button)
        return row

    def _button(self, icon: str, text: str, tip: str) -> QPushButton:
        button = QPushButton(themed_icon(icon), text, self)
        button.setToolTip(tip)
        button.setAccessibleName(text.replace("&", "").rstrip("…"))
        return button

    # Showing ---------------------------------------------------------------------------------

    def refresh(self) -> None:
        if self.options.records.count() == 0:
            self.options.records.reload()

    def reload_records(self, select_id: str | None = None) -> None:
        self.options.records.reload(select_id=select_id)

    def _show_draft(self, row: int = 0) -> None:
        draft = self.draft
        self.question_list.clear()
        for number, question in enumerate(draft.questions if draft else (), start=1):
            text = tr("{number}. [{kind}] {prompt}", number=number,
                      kind=tr(KIND_NAMES[question.type]), prompt=question.prompt)
            self.question_list.addItem(text)
            self.question_list.item(number - 1).setToolTip(text)
        has = bool(draft and draft.questions)
        for button in (self.drop_button, self.save_button, self.gift_button, self.moodle_button):
            button.setEnabled(has)
        self.regenerate_button.setEnabled(has and draft is not None and draft.can_regenerate())
        if has:
            self.question_list.setCurrentRow(min(row, self.question_list.count() - 1))
        else:
            self.preview.show_nothing()

    @Slot(int)
    def _on_question(self, row: int) -> None:
        draft = self.draft
        if draft is None or not 0 <= row < len(draft.questions):
            return
        self.preview.show_question(draft.questions[row], number=row + 1,
                                   total=len(draft.questions), records=draft.records)

    def say(self, text: str, *, ok: bool = True) -> None:
        self.message.setText(text if ok else f"⚠ {text}")
        self.message.setProperty("state", "correct" if ok else "wrong")
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)

    # Generating and editing ------------------------------------------------------------------

    @Slot()
    def generate(self) -> None:
        self.problems.clear()
        records = self._chosen_records()
        if records is None:
            return
        options = self.options.options()
        try:
            draft = Draft.generate(records, options, title=self.title_edit.text().strip())
        except InputError as error:
            self.problems.show_problems(tr("Nothing was generated"), error.problems)
            return
        self.draft = draft
        self.title_edit.setText(draft.title)
        self._show_draft()
        made = len(draft.questions)
        if made < options.count:
            self.say(tr("Only {made} questions could be made from these records with these "
                        "settings (you asked for {count}).", made=made, count=options.count),
                     ok=False)
        else:
            self.say(tr("{made} questions made. Check each one below; drop or regenerate any "
                        "you do not want.", made=made))

    def _chosen_records(self) -> RecordSet | None:
        entry = self.options.records.current_entry()
        if entry is None:
            self.say(tr("Choose a record set first."), ok=False)
            return None
        try:
            return self.context.record_sets.load(entry)
        except (InputError, OSError) as error:
            self.say(tr("This record set cannot be read: {error}", error=error), ok=False)
            return None

    @Slot()
    def drop_current(self) -> None:
        row = self.question_list.currentRow()
        if self.draft is None or not 0 <= row < len(self.draft.questions):
            return
        self.draft.drop(row)
        self._show_draft(row)
        self.say(tr("Question {number} dropped; {left} left.", number=row + 1,
                    left=len(self.draft.questions)))

    @Slot()
    def regenerate_current(self) -> None:
        row = self.question_list.currentRow()
        if self.draft is None or not 0 <= row < len(self.draft.questions):
            return
        if self.draft.regenerate(row) is None:
            self.say(tr("No other question is left to replace it with."), ok=False)
            return
        self._show_draft(row)
        self.say(tr("Question {number} replaced.", number=row + 1))

    def question_set(self) -> QuestionSet | None:
        return self.draft.question_set(self.title_edit.text()) if self.draft else None

    # Files -----------------------------------------------------------------------------------

    @Slot()
    def save(self) -> Path | None:
        question_set = self.question_set()
        if question_set is None or not question_set.questions:
            return None
        path = builder_files.save(self, question_set)
        if path is not None:
            self.set_saved.emit(path)
        return path

    @Slot()
    def export_moodle(self) -> Path | None:
        question_set = self.question_set()
        records = self.draft.records if self.draft else None
        return builder_files.export_moodle(self, question_set, records) if question_set else None

    @Slot()
    def export_gift(self) -> Path | None:
        question_set = self.question_set()
        return builder_files.export_gift(self, question_set) if question_set else None

    @Slot()
    def import_set(self) -> None:
        """Check a question set file whole; keep it for Home and show it, or list every problem."""
        path = OpenQuestionSet.ask(self)
        if path is None:
            return
        self.problems.clear()
        try:
            draft = builder_files.read_draft(path, self.context.record_sets)
            saved = builder_files.keep_imported(draft, self.context.question_sets)
        except InputError as error:
            self.problems.show_problems(tr("Nothing was imported"), error.problems)
            return
        except OSError as error:
            self.problems.show_problems(tr("Nothing was imported"),
                                        [Problem(str(path), str(error))])
            return
        self.draft = draft
        self.title_edit.setText(draft.title)
        self._show_draft()
        self.say(tr("“{title}” imported ({count} questions); learners find it on Home.",
                    title=draft.title, count=len(draft.questions)))
        self.set_saved.emit(saved)
