"""The builder's question editor, played through its widgets: editing every part of a
question, writing each kind, the records check and the override mark, undo and redo of every
builder action, and the unsaved set kept across visits."""

from __future__ import annotations

import dataclasses
import itertools
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from conftest import FakeClock
from gensec_quiz.domain.dates import PartialDate
from gensec_quiz.domain.errors import InputError
from gensec_quiz.domain.questions import (
    DateQuestion,
    MatchingQuestion,
    OrderingQuestion,
    Question,
)
from gensec_quiz.domain.records import RecordSet
from gensec_quiz.storage import Store
from gensec_quiz.ui.teacher.builder import BuilderScreen
from gensec_quiz.ui.teacher.builder_files import OpenMoodleXml
from gensec_quiz.ui.teacher.editor import QuestionEditor
from gensec_quiz.ui.teacher.editor_fields import (
    ChoiceSection,
    DateSection,
    MatchingSection,
    OrderingSection,
)
from gensec_quiz.ui.widgets.date_input import DateInputWidget
from gensec_quiz.ui.widgets.matching import MatchingWidget
from gensec_quiz.ui.widgets.ordering import OrderingWidget
from ui_teacher_support import TeacherApp, monarchs

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def app(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clock: FakeClock,
        store: Store) -> Iterator[TeacherApp]:
    application = TeacherApp(qtbot, tmp_path, clock, monkeypatch, store=store)
    yield application
    assert application.dialogs.told == []


@pytest.fixture
def records() -> RecordSet:
    return monarchs()


def built(app: TeacherApp, records: RecordSet, *, count: int = 8) -> BuilderScreen:
    builder = app.open_teacher("build").builder
    builder.reload_records(records.id)
    builder.options.count.setValue(count)
    builder.options.seed.setValue(3)
    app.click(builder.options.generate_button)
    assert builder.draft is not None and builder.draft.questions
    return builder


def questions(builder: BuilderScreen) -> list[Question]:
    assert builder.draft is not None
    return list(builder.draft.questions)


def row_of(builder: BuilderScreen, kind: type[Question]) -> int:
    return next(i for i, q in enumerate(questions(builder)) if isinstance(q, kind))


def open_editor(app: TeacherApp, builder: BuilderScreen, row: int) -> QuestionEditor:
    builder.question_list.setCurrentRow(row)
    app.click(builder.edit_button)
    assert builder.editor is not None and builder.editor.isVisible()
    return builder.editor


def write(app: TeacherApp, builder: BuilderScreen, kind: str) -> QuestionEditor:
    action = next(a for a in builder.new_menu.actions() if a.data() == kind)
    action.trigger()
    assert builder.editor is not None and builder.editor.isVisible()
    return builder.editor


def keep(app: TeacherApp, editor: QuestionEditor) -> None:
    app.click(editor.ok_button)


def type_into(qtbot: QtBot, widget: object, text: str) -> None:
    """Replace a field's text by typing, as the teacher does."""
    from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

    if isinstance(widget, QLineEdit):
        widget.selectAll()
        qtbot.keyClicks(widget, text) if text else widget.clear()
    elif isinstance(widget, QPlainTextEdit):
        widget.selectAll()
        widget.insertPlainText(text)
    else:
        raise TypeError(widget)


def saved_file(app: TeacherApp, builder: BuilderScreen) -> dict[str, object]:
    path = builder.save()
    assert path is not None
    data = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


# Editing -------------------------------------------------------------------------------------


def test_editing_a_date_question_changes_its_prompt_key_tiers_and_alternatives(
    app: TeacherApp, records: RecordSet
) -> None:
    builder = built(app, records)
    row = row_of(builder, DateQuestion)
    original = questions(builder)[row]
    assert isinstance(original, DateQuestion)
    editor = open_editor(app, builder, row)
    section = editor.section
    assert isinstance(section, DateSection)
    type_into(app.qtbot, editor.prompt, "In which year did this happen, exactly?")
    type_into(app.qtbot, editor.explanation, "Written by the teacher.")
    section.precision.setCurrentIndex(section.precision.findData("month"))
    fact = original.basis[0]
    value = getattr(records.record(fact.record), fact.field)
    assert isinstance(value, PartialDate) and value.supports("month")
    answer = value.truncate("month")
    type_into(app.qtbot, section.answer, answer.iso())
    type_into(app.qtbot, section.choices, "")
    section.full.setValue(1)
    type_into(app.qtbot, section.tiers, "3: 50%, 6: 25%")
    keep(app, editor)
    assert builder.editor is None
    edited = questions(builder)[row]
    assert isinstance(edited, DateQuestion) and edited.id == original.id
    assert edited.prompt == "In which year did this happen, exactly?"
    assert edited.explanation == "Written by the teacher."
    assert (edited.answer, edited.precision, edited.choices) == (answer, "month", ())
    assert (edited.tolerance.full, edited.tolerance.partial) == (1, ((3, 0.5), (6, 0.25)))
    assert not edited.override
    assert builder.preview.key is not None and answer.human() in builder.preview.key.text()
    assert isinstance(builder.preview.answer_widget, DateInputWidget)
    assert "Question" in builder.message.text() and "changed" in builder.message.text()


def test_every_generated_question_comes_out_of_the_editor_unchanged_when_nothing_is_edited(
    app: TeacherApp, records: RecordSet
) -> None:
    builder = built(app, records, count=15)
    before = questions(builder)
    for row, question in enumerate(before):
        editor = open_editor(app, builder, row)
        assert editor.findings.text().startswith("✓"), (question.id, editor.findings.text())
        keep(app, editor)
        assert builder.editor is None
        assert questions(builder)[row] == question
        assert "unchanged" in builder.message.text()
    assert not builder.undo_stack.canUndo() or builder.undo_action.text() == "Undo Generate"


def test_a_key_that_contradicts_the_records_is_shown_and_kept_only_as_an_override(
    app: TeacherApp, records: RecordSet
) -> None:
    builder = built(app, records)
    row = row_of(builder, DateQuestion)
    original = questions(builder)[row]
    assert isinstance(original, DateQuestion)
    editor = open_editor(app, builder, row)
    section = editor.section
    assert isinstance(section, DateSection)
    type_into(app.qtbot, section.choices, "")
    wrong = PartialDate(original.answer.year + 7)
    type_into(app.qtbot, section.answer, wrong.iso())
    assert "contradicts the records" in editor.findings.text()
    assert "Answer:" in editor.findings.text()
    assert editor.override.isEnabled() and not editor.override.isChecked()
    keep(app, editor)  # refused: the teacher has not said to keep it
    assert editor.isVisible() and questions(builder)[row] == original
    editor.override.setChecked(True)
    keep(app, editor)
    kept = questions(builder)[row]
    assert isinstance(kept, DateQuestion) and kept.answer == wrong and kept.override
    assert "(your override)" in builder.question_list.item(row).text()
    assert "override" in builder.message.text()
    data = saved_file(app, builder)
    marked = [q for q in data["questions"] if q["id"] == original.id]  # type: ignore[attr-defined]
    assert marked[0]["override"] is True


def test_an_accepted_alternative_no_source_gives_needs_the_override(
    app: TeacherApp, records: RecordSet
) -> None:
    builder = built(app, records)
    row = row_of(builder, DateQuestion)
    original = questions(builder)[row]
    assert isinstance(original, DateQuestion)
    editor = open_editor(app, builder, row)
    section = editor.section
    assert isinstance(section, DateSection)
    type_into(app.qtbot, section.choices, "")
    other = PartialDate(original.answer.year + 1)
    type_into(app.qtbot, section.accept, other.iso())
    assert "Also accepted 1:" in editor.findings.text()
    assert "contradicts" in editor.findings.text()
    editor.override.setChecked(True)
    keep(app, editor)
    kept = questions(builder)[row]
    assert isinstance(kept, DateQuestion) and kept.override
    assert [a.value for a in kept.accept] == [other]
    assert "Also accepted: " + other.human() in builder.preview.text()


def test_editing_an_ordering_question_reorders_and_rewords_its_items(
    app: TeacherApp, records: RecordSet
) -> None:
    builder = built(app, records, count=12)
    row = row_of(builder, OrderingQuestion)
    original = questions(builder)[row]
    assert isinstance(original, OrderingQuestion)
    editor = open_editor(app, builder, row)
    section = editor.section
    assert isinstance(section, OrderingSection)
    assert section.table.rowCount() == len(original.items)
    section.table.selectRow(1)
    app.click(section.up_button)  # the second item first: against the records
    assert "comes after" in editor.findings.text() and "Item 2" in editor.findings.text()
    section.table.selectRow(0)
    app.click(section.down_button)  # back in the records' order
    assert "contradicts" not in editor.findings.text()
    section.set_cell(0, 0, "The first one, reworded")
    keep(app, editor)
    edited = questions(builder)[row]
    assert isinstance(edited, OrderingQuestion)
    assert edited.items[0].text == "The first one, reworded"
    assert edited.items[0].basis == original.items[0].basis
    assert [i.text for i in edited.items[1:]] == [i.text for i in original.items[1:]]


def test_editing_a_matching_question_changes_a_pair_and_its_distractors(
    app: TeacherApp, records: RecordSet
) -> None:
    builder = built(app, records, count=12)
    row = next(i for i, q in enumerate(questions(builder))  # pairs, not a multiple choice
               if isinstance(q, MatchingQuestion) and len(q.pairs) > 1)
    original = questions(builder)[row]
    assert isinstance(original, MatchingQuestion)
    editor = open_editor(app, builder, row)
    section = editor.section
    assert isinstance(section, MatchingSection)
    section.set_cell(0, 0, "Reworded left text")
    type_into(app.qtbot, section.extra, "1066\n1215")
    assert editor.findings.text().startswith("✓"), editor.findings.text()
    keep(app, editor)
    edited = questions(builder)[row]
    assert isinstance(edited, MatchingQuestion)
    assert edited.pairs[0].left == "Reworded left text"
    assert edited.pairs[0].right == original.pairs[0].right
    assert edited.extra_right == ("1066", "1215")


def test_enter_on_a_question_opens_the_editor_on_it(
    app: TeacherApp, records: RecordSet
) -> None:
    builder = built(app, records)
    builder.question_list.setCurrentRow(2)
    builder.question_list.setFocus()
    app.qtbot.keyClick(builder.question_list, Qt.Key.Key_Return)
    assert builder.editor is not None and builder.editor.isVisible()
    assert builder.editor.prompt.toPlainText() == questions(builder)[2].prompt
    app.click(builder.editor.cancel_button)


def test_an_edit_with_problems_lists_them_as_located_sentences_and_is_not_kept(
    app: TeacherApp, records: RecordSet
) -> None:
    builder = built(app, records)
    row = row_of(builder, DateQuestion)
    before = questions(builder)[row]
    editor = open_editor(app, builder, row)
    section = editor.section
    assert isinstance(section, DateSection)
    type_into(app.qtbot, editor.prompt, "")
    type_into(app.qtbot, section.choices, "")
    type_into(app.qtbot, section.answer, "1901-02-30")
    text = editor.findings.text()
    assert "Prompt: must be a non-empty text" in text
    assert "Answer: day 30 does not exist in February 1901" in text
    keep(app, editor)
    assert editor.isVisible() and questions(builder)[row] == before
    app.click(editor.cancel_button)
    assert builder.editor is None and questions(builder)[row] == before


# Writing ---------------------------------------------------------------------------------------


def test_writing_an_ordering_question_on_facts_of_the_records(
    app: TeacherApp, records: RecordSet
) -> None:
    builder = built(app, records)
    builder.question_list.setCurrentRow(0)
    editor = write(app, builder, "ordering")
    section = editor.section
    assert isinstance(section, OrderingSection)
    type_into(app.qtbot, editor.prompt, "Put these coronations in order.")
    for row, (text, key) in enumerate([
        ("George IV is crowned", "event-1821-george-iv-is-crowned-in-westminster.date"),
        ("William IV is crowned", "event-1831-william-iv-is-crowned-in-westminster.date"),
        ("Victoria is crowned", "event-1838-victoria-is-crowned-in-westminster-abbey.date"),
    ]):
        section.set_cell(row, 0, text)
        section.fact_combo(row).set_key(key)
    assert "agrees with the records" in editor.findings.text()
    app.qtbot.waitUntil(lambda: isinstance(editor.preview.answer_widget, OrderingWidget))
    assert editor.preview.answer_widget is not None
    assert editor.preview.answer_widget.list.count() == 3
    keep(app, editor)
    added = questions(builder)[1]
    assert isinstance(added, OrderingQuestion) and added.id.startswith("hand-")
    assert added.items[0].text == "George IV is crowned"
    assert len(added.basis) == 3 and added.sources  # quotes taken from the records
    assert isinstance(builder.preview.answer_widget, OrderingWidget)
    assert builder.question_list.currentRow() == 1


def test_writing_a_matching_question_without_a_basis(app: TeacherApp, records: RecordSet) -> None:
    builder = built(app, records)
    editor = write(app, builder, "matching")
    section = editor.section
    assert isinstance(section, MatchingSection)
    type_into(app.qtbot, editor.prompt, "Match each king with his nickname.")
    for row, (left, right) in enumerate([("William I", "the Conqueror"),
                                         ("Richard I", "the Lionheart"),
                                         ("Edward I", "Longshanks")]):
        section.set_cell(row, 0, left)
        section.set_cell(row, 1, right)
    type_into(app.qtbot, section.extra, "the Confessor")
    assert "rests on nothing in the records" in editor.findings.text()
    keep(app, editor)
    added = [q for q in questions(builder) if q.prompt.startswith("Match each king")]
    assert len(added) == 1 and isinstance(added[0], MatchingQuestion)
    assert added[0].basis == () and added[0].extra_right == ("the Confessor",)
    assert isinstance(builder.preview.answer_widget, MatchingWidget)


def test_writing_a_date_multiple_choice_question(app: TeacherApp, records: RecordSet) -> None:
    builder = built(app, records)
    editor = write(app, builder, "date")
    section = editor.section
    assert isinstance(section, DateSection)
    type_into(app.qtbot, editor.prompt, "In what year was Victoria crowned?")
    type_into(app.qtbot, section.answer, "1838")
    type_into(app.qtbot, section.choices, "1837, 1838, 1840")
    type_into(app.qtbot, section.accept, "")
    section.fact.set_key("event-1838-victoria-is-crowned-in-westminster-abbey.date")
    assert "agrees with the records" in editor.findings.text()
    keep(app, editor)
    added = [q for q in questions(builder) if q.prompt == "In what year was Victoria crowned?"]
    assert len(added) == 1 and isinstance(added[0], DateQuestion)
    assert added[0].choices == (PartialDate(1837), PartialDate(1838), PartialDate(1840))
    assert isinstance(builder.preview.answer_widget, DateInputWidget)


def test_writing_a_who_question_as_one_right_name_among_wrong_ones(
    app: TeacherApp, records: RecordSet
) -> None:
    builder = built(app, records)
    editor = write(app, builder, "choice")
    section = editor.section
    assert isinstance(section, ChoiceSection)
    type_into(app.qtbot, editor.prompt, "Who reigned during the Great Exhibition?")
    type_into(app.qtbot, section.answer, "Victoria")
    type_into(app.qtbot, section.wrong, "William IV")
    assert "Wrong choices: a multiple-choice question needs 2 to 4" in editor.findings.text()
    type_into(app.qtbot, section.wrong, "William IV\nVICTORIA")
    section.fact.set_key("tenure-victoria-1837.person")
    assert "Wrong choice 2: the wrong choice “VICTORIA” is also right" in editor.findings.text()
    type_into(app.qtbot, section.wrong, "William IV\nEdward VII")
    assert "agrees with the records" in editor.findings.text()
    keep(app, editor)
    added = [q for q in questions(builder) if q.prompt.startswith("Who reigned")]
    assert len(added) == 1 and isinstance(added[0], MatchingQuestion)
    assert len(added[0].pairs) == 1 and added[0].pairs[0].right == "Victoria"
    assert added[0].extra_right == ("William IV", "Edward VII")
    row = questions(builder).index(added[0])
    assert "[Multiple choice] Who reigned" in builder.question_list.item(row).text()


def test_a_set_can_be_written_by_hand_from_nothing(app: TeacherApp, records: RecordSet) -> None:
    builder = app.open_teacher("build").builder
    builder.reload_records(records.id)
    assert builder.draft is None
    builder.title_edit.setText("My own questions")
    editor = write(app, builder, "date")
    section = editor.section
    assert isinstance(section, DateSection)
    type_into(app.qtbot, editor.prompt, "In what year did the Great Exhibition open?")
    type_into(app.qtbot, section.answer, "1851")
    keep(app, editor)
    assert builder.question_list.count() == 1 and builder.save_button.isEnabled()
    data = saved_file(app, builder)
    assert data["title"] == "My own questions" and data["records"] == records.id
    assert len(data["questions"]) == 1  # type: ignore[arg-type]


# Undo and redo ---------------------------------------------------------------------------------


def press(app: TeacherApp, builder: BuilderScreen, modifiers: Qt.KeyboardModifier) -> None:
    builder.question_list.setFocus()
    app.qtbot.keyClick(builder.question_list, Qt.Key.Key_Z, modifiers)


def test_every_builder_action_is_undone_by_ctrl_z_and_redone_by_ctrl_shift_z(
    app: TeacherApp, records: RecordSet
) -> None:
    builder = built(app, records)
    builder.activateWindow()
    app.qtbot.waitUntil(lambda: QApplication.activeWindow() is not None)
    states: list[list[Question]] = [questions(builder)]

    builder.question_list.setCurrentRow(0)
    app.click(builder.drop_button)
    states.append(questions(builder))
    builder.question_list.setCurrentRow(0)
    app.click(builder.regenerate_button)
    states.append(questions(builder))
    builder.question_list.setCurrentRow(0)
    app.click(builder.down_button)
    states.append(questions(builder))
    editor = open_editor(app, builder, 0)
    type_into(app.qtbot, editor.prompt, "Reworded by the teacher")
    keep(app, editor)
    states.append(questions(builder))
    editor = write(app, builder, "date")
    type_into(app.qtbot, editor.prompt, "In what year did the Great Exhibition open?")
    assert isinstance(editor.section, DateSection)
    type_into(app.qtbot, editor.section.answer, "1851")
    keep(app, editor)
    states.append(questions(builder))
    for step, (a, b) in enumerate(itertools.pairwise(states)):
        assert a != b, (step, builder.message.text())
    assert builder.undo_action.text() == "Undo Write question 2"
    assert builder.message.text() == "Question 2 added."

    for state in reversed(states[:-1]):
        press(app, builder, CTRL)
        assert questions(builder) == state
        assert builder.question_list.count() == len(state)
    assert builder.undo_action.text() == "Undo Generate"  # and the generating before them
    assert builder.message.text() == "Undone: Drop question 1."  # says what was taken back
    for state in states[1:]:
        press(app, builder, CTRL_SHIFT)
        assert questions(builder) == state
    assert builder.message.text() == "Redone: Write question 2."


def test_generating_again_can_be_undone(app: TeacherApp, records: RecordSet) -> None:
    builder = built(app, records)
    first = questions(builder)
    builder.options.seed.setValue(11)
    app.click(builder.options.generate_button)
    assert questions(builder) != first
    assert builder.undo_button.isEnabled() and not builder.redo_button.isEnabled()
    app.click(builder.undo_button)
    assert questions(builder) == first
    assert builder.redo_button.isEnabled()
    app.click(builder.redo_button)
    assert questions(builder) != first


# Unsaved changes -------------------------------------------------------------------------------


def test_unsaved_changes_are_kept_and_put_back_on_the_next_visit(
    app: TeacherApp, records: RecordSet
) -> None:
    builder = built(app, records)
    editor = open_editor(app, builder, 0)
    type_into(app.qtbot, editor.prompt, "Changed and not saved")
    keep(app, editor)
    builder.title_edit.setText("Unsaved title")
    builder.title_edit.setModified(True)
    builder.title_edit.editingFinished.emit()
    draft_file = app.context.folder.root / "builder-draft.json"
    assert draft_file.is_file()
    assert builder.unsaved

    later = BuilderScreen(app.context)  # the app closed and opened again: a new Build tab
    app.qtbot.addWidget(later)
    later.refresh()
    assert later.draft is not None
    assert later.draft.questions[0].prompt == "Changed and not saved"
    assert later.title_edit.text() == "Unsaved title"
    assert "which you had not saved, is back" in later.message.text()
    assert later.unsaved
    home = [e.title for e in app.context.question_sets.entries()]
    assert "Unsaved title" not in home  # a draft is never listed on Home

    assert later.save() is not None
    assert not draft_file.exists() and not later.unsaved
    again = BuilderScreen(app.context)
    app.qtbot.addWidget(again)
    again.refresh()
    assert again.draft is None


def test_undoing_back_to_what_was_saved_forgets_the_kept_draft(
    app: TeacherApp, records: RecordSet
) -> None:
    builder = built(app, records)
    assert builder.save() is not None
    draft_file = app.context.folder.root / "builder-draft.json"
    assert not draft_file.exists()
    app.click(builder.drop_button)
    assert draft_file.is_file()
    builder.undo_action.trigger()
    assert not draft_file.exists() and not builder.unsaved


def test_a_kept_draft_that_cannot_be_read_is_moved_aside_and_said(
    app: TeacherApp, records: RecordSet
) -> None:
    draft_file = app.context.folder.root / "builder-draft.json"
    draft_file.parent.mkdir(parents=True, exist_ok=True)
    draft_file.write_text("{ not json", encoding="utf-8")
    builder = app.open_teacher("build").builder
    assert builder.draft is None
    aside = draft_file.with_name("builder-draft.json.unreadable")
    assert aside.read_text(encoding="utf-8") == "{ not json"
    assert not builder.problems.isHidden()
    draft_file.write_text("[]", encoding="utf-8")  # another one, later: the first is kept too
    with pytest.raises(InputError):
        app.context.question_sets.kept_draft()
    assert aside.read_text(encoding="utf-8") == "{ not json"
    assert draft_file.with_name("builder-draft.json.unreadable-2").read_text(
        encoding="utf-8") == "[]"


def test_an_override_is_shown_in_the_list_and_the_preview(
    app: TeacherApp, records: RecordSet
) -> None:
    builder = built(app, records)
    row = row_of(builder, DateQuestion)
    question = questions(builder)[row]
    assert isinstance(question, DateQuestion)
    marked = dataclasses.replace(question, answer=PartialDate(question.answer.year + 9),
                                 choices=(), override=True)
    assert builder.draft is not None
    builder.draft.replace(row, marked)
    builder.put_back(builder.snapshot(row))
    assert "(your override)" in builder.question_list.item(row).text()
    assert "Your override" in builder.preview.text()


# Moodle XML in ------------------------------------------------------------------------------------


def test_a_moodle_xml_file_is_read_into_the_builder_to_check_edit_and_save(
    app: TeacherApp, records: RecordSet, monkeypatch: pytest.MonkeyPatch
) -> None:
    builder = built(app, records)
    exported = builder.export_moodle()
    assert exported is not None
    generated = questions(builder)
    builder.options.seed.setValue(11)
    app.click(builder.options.generate_button)
    assert questions(builder) != generated
    monkeypatch.setattr(OpenMoodleXml, "ask", classmethod(lambda cls, parent: exported))
    app.click(builder.moodle_import_button)
    assert [(q.id, q.prompt) for q in questions(builder)] == [
        (q.id, q.prompt) for q in generated]
    assert f"{len(generated)} questions read from {exported.name}" in builder.message.text()
    assert builder.unsaved and builder.save() is not None
    builder.undo_action.trigger()  # the import is one step, like any other
    assert [q.id for q in questions(builder)] != [q.id for q in generated]


def test_a_bad_moodle_file_imports_nothing_and_says_why(
    app: TeacherApp, records: RecordSet, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    builder = built(app, records)
    before = questions(builder)
    bad = tmp_path / "broken.xml"
    bad.write_text("<quiz><question type='numerical'>", encoding="utf-8")
    monkeypatch.setattr(OpenMoodleXml, "ask", classmethod(lambda cls, parent: bad))
    app.click(builder.moodle_import_button)
    assert questions(builder) == before
    assert not builder.problems.isHidden()
    assert any("broken.xml" in text for text in builder.problems.texts())


def test_escape_on_an_edited_question_asks_before_dropping_what_was_typed(
    app: TeacherApp, records: RecordSet
) -> None:
    builder = built(app, records)
    before = questions(builder)
    editor = open_editor(app, builder, 0)
    app.qtbot.keyClick(editor, Qt.Key.Key_Escape)  # nothing typed: closes without a question
    assert not editor.isVisible() and app.dialogs.confirmations == []

    editor = open_editor(app, builder, 0)
    type_into(app.qtbot, editor.prompt, "Typed with care")
    app.dialogs.confirm = False
    app.qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert app.dialogs.confirmations[-1][0] == "Discard your changes?"
    assert editor.isVisible() and editor.prompt.toPlainText() == "Typed with care"
    editor.close()  # the window's close button asks too
    assert len(app.dialogs.confirmations) == 2 and editor.isVisible()

    app.dialogs.confirm = True
    app.click(editor.cancel_button)
    assert len(app.dialogs.confirmations) == 3 and not editor.isVisible()
    assert questions(builder) == before


def test_closing_the_app_while_a_question_is_being_edited_asks_before_losing_it(
    app: TeacherApp, records: RecordSet
) -> None:
    builder = built(app, records)
    editor = open_editor(app, builder, 0)
    type_into(app.qtbot, editor.prompt, "Typed with care")
    app.dialogs.confirm = False
    app.window.close()  # the window's close button, or Ctrl+Q
    assert app.dialogs.confirmations[-1][0] == "Quit and discard your changes?"
    assert app.window.isVisible() and editor.isVisible()
    assert editor.prompt.toPlainText() == "Typed with care"

    app.dialogs.confirm = True
    app.window.close()
    assert not app.window.isVisible()


def test_closing_the_app_with_the_editor_untouched_asks_nothing(
    app: TeacherApp, records: RecordSet
) -> None:
    builder = built(app, records)
    open_editor(app, builder, 0)
    app.window.close()
    assert app.dialogs.confirmations == [] and not app.window.isVisible()


def test_the_scoring_box_sets_the_rule_the_question_is_marked_by(
    app: TeacherApp, records: RecordSet
) -> None:
    builder = built(app, records, count=12)
    row = row_of(builder, OrderingQuestion)
    editor = open_editor(app, builder, row)
    assert isinstance(editor.section, OrderingSection)
    box = editor.section.scoring
    assert box.currentData() == questions(builder)[row].scoring  # opens on the question's rule
    other = next(i for i in range(box.count()) if box.itemData(i) != box.currentData())
    box.setFocus()
    for _ in range(abs(other - box.currentIndex())):  # chosen with the keyboard
        app.qtbot.keyClick(box, Qt.Key.Key_Down if other > box.currentIndex() else Qt.Key.Key_Up)
    assert box.currentIndex() == other and box.itemData(other, 3)  # each rule says what it does
    keep(app, editor)
    edited = questions(builder)[row]
    assert isinstance(edited, OrderingQuestion) and edited.scoring == box.itemData(other)

    row = row_of(builder, MatchingQuestion)
    editor = open_editor(app, builder, row)
    assert isinstance(editor.section, MatchingSection)
    box = editor.section.scoring
    box.setCurrentIndex(box.findData("all_or_nothing"))
    keep(app, editor)
    matching = questions(builder)[row]
    assert isinstance(matching, MatchingQuestion) and matching.scoring == "all_or_nothing"


MOODLE_OWN_EXPORT = Path(__file__).parent / "data" / "moodle" / "exported-by-moodle-4.5.xml"


def test_a_file_exported_by_moodle_itself_is_read_into_the_builder(
    app: TeacherApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file is what Moodle 4.5's own export wrote after importing our GIFT export of a
    teacher's set (test_moodle_import_check proves it is): Moodle's "matching" type, texts in
    its auto-format, our comments gone."""
    builder = app.open_teacher("build").builder
    monkeypatch.setattr(OpenMoodleXml, "ask", classmethod(lambda cls, parent: MOODLE_OWN_EXPORT))
    app.click(builder.moodle_import_button)
    read = questions(builder)
    assert builder.title_edit.text() == "Quiz: A/B & <C> {x} #1 ~ y = z"
    assert len(read) == 14 and builder.question_list.count() == 14
    assert f"14 questions read from {MOODLE_OWN_EXPORT.name}" in builder.message.text()
    matching = next(q for q in read if q.id == "matc-1")
    assert isinstance(matching, MatchingQuestion)
    assert matching.prompt == "Match each person to the office: Chair <Board> & {co} #1 ~ x = y: z"
    assert [p.right for p in matching.pairs] == ["Chair <Board>", "Secretary: 1", "Premier & Co"]
    ordering = next(q for q in read if q.id == "orde-0")
    assert isinstance(ordering, OrderingQuestion)
    assert ordering.items[0].text == "Strikes & bread riots <b>begin</b>"
    builder.question_list.setCurrentRow(read.index(matching))
    assert isinstance(builder.preview.answer_widget, MatchingWidget)
    who = read.index(next(q for q in read if q.id == "who-1"))
    builder.question_list.setCurrentRow(who)
    assert "[Multiple choice]" in builder.question_list.item(who).text()
    assert builder.unsaved and builder.save() is not None
