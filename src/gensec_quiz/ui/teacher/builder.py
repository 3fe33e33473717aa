"""Build a question set: generate, preview each question as the learner sees it, drop,
regenerate, edit, write and reorder questions (each undoable), give it a title, save it for
Home, export it, or import one. The set being built is kept in the data folder after every
change until it is saved, and put back on the next visit: closing the app loses nothing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from gensec_quiz.application.question_edit import WRITABLE_KINDS
from gensec_quiz.domain.errors import InputError, Problem
from gensec_quiz.domain.questions import Question, QuestionSet
from gensec_quiz.domain.records import RecordSet
from gensec_quiz.i18n import tr
from gensec_quiz.ui.context import AppContext
from gensec_quiz.ui.flow import FlowLayout, VerticalScrollArea
from gensec_quiz.ui.models.teacher_build import Draft
from gensec_quiz.ui.teacher import builder_files
from gensec_quiz.ui.teacher.builder_history import DraftCommand, Snapshot, undo_actions
from gensec_quiz.ui.teacher.builder_options import BuildOptionsBox
from gensec_quiz.ui.teacher.dialogs import OpenQuestionSet
from gensec_quiz.ui.teacher.editor import KIND_TITLES, QuestionEditor
from gensec_quiz.ui.teacher.preview import QuestionPreview, kind_name
from gensec_quiz.ui.teacher.problems import ProblemList
from gensec_quiz.ui.widgets import themed_icon


class BuilderScreen(QWidget):
    """Emits `set_saved(path)` when a set is saved where Home lists it."""

    set_saved = Signal(Path)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.draft: Draft | None = None
        self.editor: QuestionEditor | None = None
        self.undo_stack = QUndoStack(self)
        self._restored_unsaved = False  # a set put back from last time, not saved yet
        self._looked_for_kept = False
        self._build()
        self.undo_action, self.redo_action = undo_actions(self.undo_stack, self)
        self.undo_button.clicked.connect(self.undo_stack.undo)
        self.redo_button.clicked.connect(self.undo_stack.redo)
        self.undo_stack.canUndoChanged.connect(self.undo_button.setEnabled)
        self.undo_stack.canRedoChanged.connect(self.redo_button.setEnabled)
        self.undo_stack.undoTextChanged.connect(
            lambda text: self.undo_button.setToolTip(tr("Undo {action} (Ctrl+Z)", action=text)))
        self.undo_stack.redoTextChanged.connect(
            lambda text: self.redo_button.setToolTip(
                tr("Redo {action} (Ctrl+Shift+Z)", action=text)))
        self.undo_button.setEnabled(False)
        self.redo_button.setEnabled(False)
        self.undo_stack.indexChanged.connect(self._changed)
        self.title_edit.editingFinished.connect(self._title_changed)
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
        questions = self._scrolled(self._list_box(splitter))  # its buttons wrap: it may scroll
        questions.setAccessibleName(tr("The set's questions"))
        splitter.addWidget(questions)
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
        splitter.setSizes([300, 300])  # the list and its buttons, and the preview, alike
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
        self.question_list.itemActivated.connect(lambda _item: self.edit_current())
        buttons = QVBoxLayout()
        self.drop_button = self._button("wrong", tr("&Drop"), tr("Take this question out"))
        self.drop_button.clicked.connect(self.drop_current)
        self.regenerate_button = self._button(
            "restore", tr("Re&generate"), tr("Replace this question by another one"))
        self.regenerate_button.clicked.connect(self.regenerate_current)
        self.edit_button = self._button("edit", tr("&Edit…"),
                                        tr("Change the wording, the key or the explanation"))
        self.edit_button.clicked.connect(self.edit_current)
        self.new_button = self._button("add", tr("&New question"),
                                       tr("Write a question of your own"))
        self.new_menu = QMenu(self.new_button)
        for kind in WRITABLE_KINDS:
            action = self.new_menu.addAction(tr(KIND_TITLES[kind]))
            action.setData(kind)
            action.triggered.connect(lambda _checked=False, k=kind: self.write_new(k))
        self.new_button.setMenu(self.new_menu)
        self.up_button = self._button("up", tr("Move &up"), tr("Ask this question earlier"))
        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button = self._button("down", tr("Move do&wn"), tr("Ask this question later"))
        self.down_button.clicked.connect(lambda: self.move_current(1))
        self.undo_button = self._button("restore", tr("Undo"), tr("Undo (Ctrl+Z)"))
        self.redo_button = self._button("next", tr("Redo"), tr("Redo (Ctrl+Shift+Z)"))
        # The buttons under the list, wrapping: it fits a small screen with large text.
        flow = FlowLayout()
        flow.add_widget(self.edit_button, self.new_button, self.drop_button,
                        self.regenerate_button, self.up_button, self.down_button)
        flow.add_break()
        flow.add_widget(self.undo_button, self.redo_button)
        buttons.addWidget(self.question_list, 1)
        buttons.addLayout(flow)
        row.addLayout(buttons, 1)
        return box

    def _file_row(self) -> FlowLayout:
        row = FlowLayout()
        self.import_button = self._button("folder", tr("&Import a set…"),
                                          tr("Check and add a question set someone else made"))
        self.import_button.clicked.connect(self.import_set)
        self.moodle_import_button = self._button(
            "folder", tr("Import Moodle &XML…"),
            tr("Read the questions of a Moodle XML file, to check, edit and save"))
        self.moodle_import_button.clicked.connect(self.import_moodle)
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
        row.addWidget(self.moodle_import_button)
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
        if not self._looked_for_kept:
            self._put_back_kept()

    def reload_records(self, select_id: str | None = None) -> None:
        self.options.records.reload(select_id=select_id)

    def _show_draft(self, row: int = 0) -> None:
        draft = self.draft
        self.question_list.clear()
        for number, question in enumerate(draft.questions if draft else (), start=1):
            text = tr("{number}. [{kind}] {prompt}", number=number,
                      kind=kind_name(question), prompt=question.prompt)
            if question.override:
                text = tr("{text} (your override)", text=text)
            self.question_list.addItem(text)
            self.question_list.item(number - 1).setToolTip(text)
        has = bool(draft and draft.questions)
        for button in (self.drop_button, self.save_button, self.gift_button, self.moodle_button,
                       self.edit_button, self.up_button, self.down_button):
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

    # Undo and redo ---------------------------------------------------------------------------

    def snapshot(self, row: int | None = None) -> Snapshot:
        draft = self.draft
        return Snapshot(draft, draft.state() if draft else None, self.title_edit.text(),
                        self.question_list.currentRow() if row is None else row)

    def put_back(self, snapshot: Snapshot) -> None:
        """Show the set as it was at `snapshot` (undo and redo come here)."""
        self.draft = snapshot.draft
        if self.draft is not None and snapshot.state is not None:
            self.draft.reset_to(snapshot.state)
        self.title_edit.setText(snapshot.title)
        self._show_draft(max(snapshot.row, 0))

    def _record(self, text: str, change: Callable[[], int | None]) -> bool:
        """Make a change (it returns the row to select, or None when nothing changed) as one
        step that Undo takes back."""
        before = self.snapshot()
        row = change()
        if row is None:
            return False
        self.undo_stack.push(DraftCommand(self, text, before, self.snapshot(row)))
        return True

    @property
    def unsaved(self) -> bool:
        """The set shown has changes that are not saved (they are kept as a draft)."""
        return self.draft is not None and (self._restored_unsaved
                                           or not self.undo_stack.isClean())

    @Slot()
    def _changed(self) -> None:
        self._keep_or_forget()

    @Slot()
    def _title_changed(self) -> None:
        if self.draft is not None and self.title_edit.isModified():
            self.title_edit.setModified(False)
            self._restored_unsaved = True
            self._keep_or_forget()

    def _keep_or_forget(self) -> None:
        """After every change: keep the unsaved set in the data folder, or forget the kept one
        once what is shown is saved."""
        library = self.context.question_sets
        try:
            question_set = self.question_set()
            if self.unsaved and question_set is not None:
                library.keep_draft(question_set)
            else:
                library.discard_draft()
        except (InputError, OSError) as error:
            self.say(tr("Your unsaved changes could not be kept: {error}", error=error),
                     ok=False)

    def _put_back_kept(self) -> None:
        """On the first visit: the set left unsaved last time, as it was."""
        self._looked_for_kept = True
        try:
            kept = self.context.question_sets.kept_draft()
        except InputError as error:
            self.problems.show_problems(tr("The set left unsaved last time"), error.problems)
            return
        if kept is None:
            return
        records = self.context.records_for(kept.records)
        self.draft = Draft(kept, records=records,
                           options=builder_files.options_from_generator(kept.generator))
        self._restored_unsaved = True
        self.title_edit.setText(kept.title)
        self._show_draft()
        self.say(tr("“{title}”, which you had not saved, is back as you left it. Save it, or "
                    "keep working on it.", title=kept.title))

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

        def change() -> int:
            self.draft = draft
            self.title_edit.setText(draft.title)
            return 0

        self._record(tr("Generate"), change)
        made = len(draft.questions)
        if made < options.count:
            self.say(tr("Only {made} questions could be made from these records with these "
                        "settings (you asked for {count}).", made=made, count=options.count),
                     ok=False)
        else:
            self.say(tr("{made} questions made. Check each one below; edit, drop or regenerate "
                        "any you do not want.", made=made))

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

    def _current(self) -> int | None:
        row = self.question_list.currentRow()
        if self.draft is None or not 0 <= row < len(self.draft.questions):
            return None
        return row

    @Slot()
    def drop_current(self) -> None:
        row = self._current()
        if row is None or self.draft is None:
            return
        draft = self.draft
        def change() -> int:
            draft.drop(row)
            return row

        self._record(tr("Drop question {number}", number=row + 1), change)
        self.say(tr("Question {number} dropped; {left} left.", number=row + 1,
                    left=len(draft.questions)))

    @Slot()
    def regenerate_current(self) -> None:
        row = self._current()
        if row is None or self.draft is None:
            return
        draft = self.draft
        if not self._record(tr("Regenerate question {number}", number=row + 1),
                            lambda: None if draft.regenerate(row) is None else row):
            self.say(tr("No other question is left to replace it with."), ok=False)
            return
        self.say(tr("Question {number} replaced.", number=row + 1))

    def move_current(self, step: int) -> None:
        row = self._current()
        if row is None or self.draft is None:
            return
        to = row + step
        if not 0 <= to < len(self.draft.questions):
            return
        draft = self.draft
        def change() -> int:
            draft.move(row, to)
            return to

        self._record(tr("Move question {number}", number=row + 1), change)
        self.say(tr("Question {number} is now question {to}.", number=row + 1, to=to + 1))

    @Slot()
    def edit_current(self) -> None:
        """Open the editor on the selected question; its changes apply when it is closed with
        Keep the question."""
        row = self._current()
        if row is None or self.draft is None:
            return
        question = self.draft.questions[row]
        self._open_editor(QuestionEditor(
            question, records=self.draft.records, taken=self._ids(), parent=self),
            lambda new: self._apply_edit(row, new))

    def write_new(self, kind: str) -> None:
        """Open the editor on a new question of `kind` (one of WRITABLE_KINDS); it goes after
        the selected question. With no set yet, a new set of the teacher's own is started on
        the chosen record set (or on none)."""
        records = self.draft.records if self.draft is not None else self._records_if_any()
        self._open_editor(QuestionEditor(None, kind=kind, records=records, taken=self._ids(),
                                         parent=self), self._apply_new)

    def _records_if_any(self) -> RecordSet | None:
        entry = self.options.records.current_entry()
        if entry is None:
            return None
        try:
            return self.context.record_sets.load(entry)
        except (InputError, OSError):
            return None

    def _ids(self) -> set[str]:
        return {q.id for q in self.draft.questions} if self.draft is not None else set()

    def _open_editor(self, editor: QuestionEditor, done: Callable[[Question], None]) -> None:
        if self.editor is not None:
            self.editor.close()
        self.editor = editor
        editor.setWindowModality(Qt.WindowModality.WindowModal)

        def finished(result: int) -> None:
            if result == QuestionEditor.DialogCode.Accepted and editor.question is not None:
                done(editor.question)
            if self.editor is editor:
                self.editor = None
            editor.deleteLater()

        editor.finished.connect(finished)
        editor.open()

    def _apply_edit(self, row: int, question: Question) -> None:
        draft = self.draft
        if draft is None or not 0 <= row < len(draft.questions):
            return
        if draft.questions[row] == question:
            self.say(tr("Question {number} is unchanged.", number=row + 1))
            return
        def change() -> int:
            draft.replace(row, question)
            return row

        self._record(tr("Edit question {number}", number=row + 1), change)
        self.say(tr("Question {number} changed.", number=row + 1) + (
            " " + tr("Its key is kept as your override: the set file marks it.")
            if question.override else ""))

    def _apply_new(self, question: Question) -> None:
        if self.draft is None:
            records = self._records_if_any()
            title = self.title_edit.text().strip() or tr("My questions")
            empty = QuestionSet(id="hand-made", title=title,
                                records=records.id if records is not None else "none",
                                questions=())
            self.draft = Draft(empty, records=records, options=None)
            self.title_edit.setText(title)
        draft = self.draft
        current = self.question_list.currentRow()
        at = current + 1 if 0 <= current < len(draft.questions) else len(draft.questions)
        def change() -> int:
            draft.insert(at, question)
            return at

        self._record(tr("Write question {number}", number=at + 1), change)
        self.say(tr("Question {number} added.", number=at + 1) + (
            " " + tr("Its key is kept as your override: the set file marks it.")
            if question.override else ""))

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
            self._saved()
            self.set_saved.emit(path)
        return path

    def _saved(self) -> None:
        """What is shown is saved: nothing is left to put back next time."""
        self._restored_unsaved = False
        self.undo_stack.setClean()
        self._keep_or_forget()

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
    def import_moodle(self) -> None:
        """Read a Moodle XML file into the builder (every question, or every reason why not),
        as a set to check, edit and save; it is not listed on Home until saved."""
        path = builder_files.OpenMoodleXml.ask(self)
        if path is None:
            return
        found = self._imported(path, lambda: (
            builder_files.read_moodle_draft(path, self.context), None))
        if found is None:
            return
        draft, _ = found
        self.say(tr("{count} questions read from {file}. Check them, edit any, then Save: "
                    "learners find the set on Home once it is saved.",
                    count=len(draft.questions), file=path.name))

    def _imported(self, path: Path, read: Callable[[], tuple[Draft, Path | None]]
                  ) -> tuple[Draft, Path | None] | None:
        """Read an imported set (`read`), then make it the set being built, undoably; its
        problems listed and None when it cannot be read."""
        self.problems.clear()
        try:
            draft, saved = read()
        except InputError as error:
            self.problems.show_problems(tr("Nothing was imported"), error.problems)
            return None
        except OSError as error:
            self.problems.show_problems(tr("Nothing was imported"),
                                        [Problem(str(path), str(error))])
            return None

        def change() -> int:
            self.draft = draft
            self.title_edit.setText(draft.title)
            return 0

        self._record(tr("Import “{title}”", title=draft.title), change)
        return draft, saved

    @Slot()
    def import_set(self) -> None:
        """Check a question set file whole; keep it for Home and show it, or list every problem."""
        path = OpenQuestionSet.ask(self)
        if path is None:
            return
        def read() -> tuple[Draft, Path | None]:
            draft = builder_files.read_draft(path, self.context.record_sets)
            return draft, builder_files.keep_imported(draft, self.context.question_sets)

        found = self._imported(path, read)
        if found is None:
            return
        draft, saved = found
        self._saved()
        self.say(tr("“{title}” imported ({count} questions); learners find it on Home.",
                    title=draft.title, count=len(draft.questions)))
        if saved is not None:
            self.set_saved.emit(saved)
