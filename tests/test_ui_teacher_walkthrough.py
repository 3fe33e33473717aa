"""A new teacher's first lesson, through the real window: import a CSV on another topic, build a
13-question set and preview it, export Moodle XML and GIFT, two learners take it on the Quiz
screen, then the class results are read and exported."""

from __future__ import annotations

import csv
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from conftest import FakeClock
from gensec_quiz.bank.moodle_xml_read import read_moodle_xml
from gensec_quiz.domain.dates import PartialDate
from gensec_quiz.domain.questions import MatchingQuestion, OrderingQuestion, Question
from gensec_quiz.domain.session import Mode, Phase
from gensec_quiz.storage import Store
from gensec_quiz.ui.widgets.matching import MatchingWidget
from gensec_quiz.ui.widgets.ordering import OrderingWidget
from ui_core_support import order_by_drag
from ui_teacher_support import GOOD_CSV, TeacherApp

TITLE = "Monarchs, lesson 1"



def answer(widget: Any, question: Question, *, right: bool) -> None:
    """Answer through the widget's own controls: the key, or a wrong answer."""
    if isinstance(widget, OrderingWidget):
        assert isinstance(question, OrderingQuestion)
        count = len(question.items)
        order_by_drag(widget, tuple(range(count)) if right else tuple(reversed(range(count))))
    elif isinstance(widget, MatchingWidget):
        assert isinstance(question, MatchingQuestion)
        pairs = question.pairs
        for row in range(len(pairs)):
            widget.choose(row, pairs[row if right else (row + 1) % len(pairs)].right)
    elif widget.choices is not None:
        key = widget.question.choices.index(widget.question.answer)
        widget.choices.select(key if right else (key + 1) % len(widget.question.choices))
    else:
        key = widget.question.answer
        widget.enter(key if right else PartialDate(key.year + 8, key.month, key.day))


def take_quiz(app: TeacherApp, name: str, mode: Mode, monkeypatch: pytest.MonkeyPatch, *,
              right: bool) -> None:
    app.window.show_screen("home")
    app.add_learner(name, monkeypatch)
    home = app.home
    row = next(r for r in range(home.sets.count()) if TITLE in home.sets.item(r).text())
    home.sets.setCurrentRow(row)
    home.mode_box.set_mode(mode)
    app.click(home.start_button)
    quiz = app.quiz
    while quiz.session is not None:
        session = quiz.session
        if session.phase is Phase.SUMMARY:  # an exam's summary page: Submit all
            app.click(quiz.exam_summary.submit_all_button)
            continue
        answer(quiz.answer_widget, session.current, right=right or session.current.type != "date")
        app.click(quiz.submit_button)
        if quiz.session is not None and quiz.session.phase is Phase.FEEDBACK:
            app.click(quiz.next_button)
    assert app.window.current_key() == "results"


def test_a_new_teachers_first_lesson(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clock: FakeClock, store: Store
) -> None:
    app = TeacherApp(qtbot, tmp_path, clock, monkeypatch, store=store)
    teacher = app.open_teacher("records")
    app.dialogs.csv_files = list(GOOD_CSV)
    teacher.records.import_title.setText("British monarchs")
    app.click(teacher.records.import_button)
    assert "Imported 10 tenures and 22 events" in teacher.records.message.text()

    teacher.show_tab("build")
    builder = teacher.builder
    assert builder.options.records.currentText() == "British monarchs (imported)"
    # One question per reign, none left to elimination, no two multiple choices offering the
    # same names.
    builder.options.count.setValue(13)
    app.click(builder.options.generate_button)
    assert builder.question_list.count() == 13
    for row in range(builder.question_list.count()):
        builder.question_list.setCurrentRow(row)
        assert builder.preview.answer_widget is not None and builder.preview.key is not None
    builder.title_edit.setText(TITLE)
    app.click(builder.save_button)
    app.click(builder.moodle_button)
    app.click(builder.gift_button)
    moodle, gift = app.dialogs.saved
    question_set = builder.question_set()
    assert question_set is not None and len(question_set.questions) == 13
    assert ET.fromstring(moodle.read_text("utf-8")).tag == "quiz"
    assert read_moodle_xml(moodle.read_text("utf-8")) == question_set
    assert gift.read_text("utf-8").startswith("// GenSec Quiz question set: " + TITLE)

    take_quiz(app, "Anna", Mode.EXAM, monkeypatch, right=True)
    app.window.findChild(type(app.window.actions()[0]), "switchLearner").trigger()
    take_quiz(app, "Ben", Mode.PRACTICE, monkeypatch, right=False)

    teacher = app.open_teacher("results")
    results = teacher.results
    results.choose_set(question_set.id)
    scores = {row[0]: row[3] for row in results.table("learners")[1]}
    dates = sum(q.type == "date" for q in question_set.questions)
    assert scores["Anna"] == "100%"
    assert scores["Ben"] == f"{(13 - dates) / 13:.0%}"
    results.show_tab("questions")
    right_counts = [row[4] for row in results.table("questions")[1]]
    assert right_counts == [
        "1 of 2" if q.type == "date" else "2 of 2" for q in question_set.questions]
    path = results.export_csv()
    assert path is not None
    with path.open(encoding="utf-8-sig", newline="") as handle:
        assert len(list(csv.reader(handle))) == 14  # a heading and thirteen questions
    assert app.dialogs.told == []
