"""Whole quizzes through the real window and widgets, then a look in the database."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from gensec_quiz.domain.dates import PartialDate
from gensec_quiz.domain.session import Mode
from gensec_quiz.ui.dialogs.confirm import ConfirmDialog, Notice
from gensec_quiz.ui.widgets.matching import MatchingWidget
from gensec_quiz.ui.widgets.ordering import OrderingWidget
from ui_core_support import (
    App,
    FakeClock,
    answer_widget,
    match_by_keyboard,
    order_by_drag,
    order_by_keyboard,
    submit,
    type_date,
)

TABLE_TITLE = "List of General Secretaries (table)"


@pytest.fixture
def app(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[App]:
    told: list[str] = []
    monkeypatch.setattr(Notice, "tell", classmethod(lambda cls, parent, text: told.append(text)))
    application = App(qtbot, tmp_path, FakeClock())
    yield application
    application.store.close()
    assert told == []


# Practice ---------------------------------------------------------------------------------------


def test_practice_quiz_saves_each_answer_before_its_feedback(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    app.add_learner("Anna", monkeypatch)
    app.start(Mode.PRACTICE)
    quiz, qtbot = app.quiz, app.qtbot
    saved_when_shown: list[int] = []
    original = quiz.feedback.show_grade

    def spy(*args: Any) -> None:
        saved_when_shown.append(len(app.answers()))
        original(*args)

    monkeypatch.setattr(quiz.feedback, "show_grade", spy)
    assert quiz.counter.text() == "Question 1 of 5"
    assert not quiz.feedback.isVisible()

    order_by_keyboard(qtbot, answer_widget(app))
    submit(app)
    assert quiz.feedback.isVisible()
    assert quiz.feedback.mark_texts()[0][0] is True
    assert TABLE_TITLE in quiz.feedback.text()
    assert "Stalin 1922, Khrushchev 1953" in quiz.feedback.text()
    qtbot.mouseClick(quiz.next_button, Qt.MouseButton.LeftButton)

    assert quiz.counter.text() == "Question 2 of 5"
    match_by_keyboard(qtbot, answer_widget(app), ["1922", "1964", "1953"])
    submit(app)
    marks = quiz.feedback.mark_texts()
    assert [right for right, _ in marks] == [True, False, False]
    assert "Right" in marks[0][1] and "Wrong" in marks[1][1]
    assert "Partly right: 33%" in quiz.feedback.text()
    qtbot.mouseClick(quiz.next_button, Qt.MouseButton.LeftButton)

    type_date(qtbot, answer_widget(app), PartialDate(1984))
    submit(app)
    assert "Partly right: 50%" in quiz.feedback.text()
    assert "1 year" in quiz.feedback.text()
    qtbot.mouseClick(quiz.next_button, Qt.MouseButton.LeftButton)

    type_date(qtbot, answer_widget(app), PartialDate(1953, 9, 14))
    submit(app)
    assert "Right: 100%" in quiz.feedback.text()
    assert "History of the office (prose)" in quiz.feedback.text()
    qtbot.mouseClick(quiz.next_button, Qt.MouseButton.LeftButton)

    qtbot.keyClick(answer_widget(app).choices.buttons[0], Qt.Key.Key_2)
    submit(app)
    assert "Right: 100%" in quiz.feedback.text()
    with qtbot.waitSignal(quiz.session_finished):
        qtbot.mouseClick(quiz.next_button, Qt.MouseButton.LeftButton)

    assert saved_when_shown == [1, 2, 3, 4, 5]
    assert app.window.current_key() == "results"
    session = app.store.session(app.results.outcome.session_id)  # type: ignore[union-attr]
    assert session.finished and session.answered == 5
    answers = app.store.session_answers(session.id)
    assert [a.question_id for a in answers] == ["q-order", "q-match", "q-year", "q-day",
                                                 "q-choice"]
    assert [round(a.score, 2) for a in answers] == [1.0, 0.33, 0.5, 1.0, 1.0]
    assert answers[2].response == {"type": "date", "value": "1984"}
    assert app.results.heading.text().startswith("Your score: 77%")


def test_ordering_by_drag_is_graded_and_saved(app: App, monkeypatch: pytest.MonkeyPatch) -> None:
    app.add_learner("Boris", monkeypatch)
    app.start(Mode.PRACTICE)
    order_by_drag(answer_widget(app), (0, 1, 3, 2))
    submit(app)
    assert "Partly right" in app.quiz.feedback.text()
    saved = app.answers()[0]
    assert saved.response == {"type": "ordering", "order": [0, 1, 3, 2], "moved": True}
    assert 0 < saved.score < 1


def test_submitting_an_untouched_ordering_asks_first_and_scores_zero(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    app.add_learner("Vera", monkeypatch)
    app.start(Mode.PRACTICE)
    asked: list[str] = []
    monkeypatch.setattr(ConfirmDialog, "ask", classmethod(
        lambda cls, parent, title, text, yes: asked.append(text) is not None))
    submit(app)
    assert asked and "not moved anything" in asked[0]
    assert app.answers() == []
    monkeypatch.setattr(ConfirmDialog, "ask", classmethod(lambda cls, *a, **k: True))
    submit(app)
    assert app.answers()[0].score == 0.0
    assert app.answers()[0].response["moved"] is False


def test_enter_submits_and_then_goes_on(app: App, monkeypatch: pytest.MonkeyPatch) -> None:
    app.add_learner("Gleb", monkeypatch)
    app.start(Mode.PRACTICE)
    quiz, qtbot = app.quiz, app.qtbot
    app.window.activateWindow()
    qtbot.waitUntil(app.window.isActiveWindow)
    order_by_keyboard(qtbot, answer_widget(app))
    qtbot.keyClick(answer_widget(app).list, Qt.Key.Key_Return)
    assert quiz.feedback.isVisible()
    qtbot.keyClick(quiz.next_button, Qt.Key.Key_Return)
    assert quiz.counter.text() == "Question 2 of 5"


def test_tab_goes_from_the_answer_to_submit(app: App, monkeypatch: pytest.MonkeyPatch) -> None:
    app.add_learner("Ilya", monkeypatch)
    app.start(Mode.PRACTICE)
    widget: OrderingWidget = answer_widget(app)
    app.window.activateWindow()
    app.qtbot.waitUntil(app.window.isActiveWindow)
    widget.list.setFocus()
    visited = []
    for _ in range(3):
        app.qtbot.keyClick(app.window.focusWidget(), Qt.Key.Key_Tab)
        visited.append(app.window.focusWidget())
    assert visited == [widget.up_button, widget.down_button, app.quiz.submit_button]
    assert all(control.accessibleName() for control in widget.focus_chain())


def test_a_matching_clash_blocks_submitting(app: App, monkeypatch: pytest.MonkeyPatch) -> None:
    app.add_learner("Dasha", monkeypatch)
    app.start(Mode.PRACTICE)
    order_by_keyboard(app.qtbot, answer_widget(app))
    submit(app)
    app.qtbot.mouseClick(app.quiz.next_button, Qt.MouseButton.LeftButton)
    widget: MatchingWidget = answer_widget(app)
    widget.choose(0, "1953")
    widget.choose(1, "1953")
    widget.choose(2, "1964")
    submit(app)
    assert app.quiz.message.isVisible() and "used twice" in app.quiz.message.text()
    assert len(app.answers()) == 1


# Exam -------------------------------------------------------------------------------------------


def test_exam_shows_feedback_only_at_the_end(app: App, monkeypatch: pytest.MonkeyPatch) -> None:
    app.add_learner("Egor", monkeypatch)
    app.start(Mode.EXAM, all_or_nothing=True)
    quiz, qtbot = app.quiz, app.qtbot
    order_by_drag(answer_widget(app), (0, 1, 3, 2))
    submit(app)
    assert not quiz.feedback.isVisible() and not quiz.next_button.isVisible()
    assert quiz.counter.text() == "Question 2 of 5"
    match_by_keyboard(qtbot, answer_widget(app), ["1922", "1953", "1964"])
    submit(app)
    type_date(qtbot, answer_widget(app), PartialDate(1985))
    submit(app)
    type_date(qtbot, answer_widget(app), PartialDate(1953, 9, 7))
    submit(app)
    assert not quiz.feedback.isVisible()
    qtbot.keyClick(answer_widget(app).choices.buttons[0], Qt.Key.Key_1)
    submit(app)  # the last answer: the summary page, before Submit all
    assert quiz.exam_summary.isVisibleTo(quiz) and not quiz.feedback.isVisible()
    with qtbot.waitSignal(quiz.session_finished):
        qtbot.mouseClick(quiz.exam_summary.submit_all_button, Qt.MouseButton.LeftButton)
    assert app.window.current_key() == "results"
    scores = [a.score for a in app.store.session_answers(app.results.outcome.session_id)]
    assert scores == [0.0, 1.0, 1.0, 1.0, 0.0]  # all or nothing: one swap loses the ordering
    results = app.results
    assert results.table.rowCount() == 5
    assert results.heading.text().startswith("Your score: 60%")
    assert "Ordering: 0%" in results.breakdown.text()
    results.table.setCurrentCell(4, 0)
    assert "1962" in results.yours.text() and "1964" in results.right.text()
    assert "Not right" in results.feedback.text()


def test_exam_time_limit_is_shown_and_ends_the_quiz(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    from datetime import timedelta

    app.add_learner("Fedor", monkeypatch)
    app.start(Mode.EXAM, time_limit=timedelta(minutes=5))
    assert app.quiz.time_left.text() == "Time left: 5:00"
    app.clock.advance(301)
    with app.qtbot.waitSignal(app.quiz.session_finished, timeout=1000):
        app.quiz.tick()  # the second's tick, without waiting a real second
    session = app.store.session(app.results.outcome.session_id)
    # the answer on screen, untouched, is submitted as it stood (and scores 0)
    assert session.finished and session.answered == 1 and session.score == 0.0
    assert app.results.notice.isVisibleTo(app.results)
    assert app.results.notice.text().startswith("Time is up")


# Missed ones, and resuming ----------------------------------------------------------------------


def test_results_offer_the_missed_questions_again(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    app.add_learner("Galina", monkeypatch)
    app.start(Mode.EXAM)
    monkeypatch.setattr(ConfirmDialog, "ask", classmethod(lambda cls, *a, **k: True))
    for _ in range(5):
        submit(app)  # nothing answered: every question is missed
    app.qtbot.mouseClick(app.quiz.exam_summary.submit_all_button, Qt.MouseButton.LeftButton)
    assert app.results.again_button.isEnabled()
    app.qtbot.mouseClick(app.results.again_button, Qt.MouseButton.LeftButton)
    assert app.window.current_key() == "quiz"
    assert app.quiz.plan is not None and app.quiz.plan.mode is Mode.PRACTICE
    assert app.quiz.counter.text() == "Question 1 of 5"


def test_results_of_a_second_quiz_show_that_quiz_answers_not_the_first(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    app.add_learner("Pavel", monkeypatch)
    monkeypatch.setattr(ConfirmDialog, "ask", classmethod(lambda cls, *a, **k: True))
    app.start(Mode.EXAM)
    for _ in range(5):
        submit(app)  # first quiz: nothing answered
    app.qtbot.mouseClick(app.quiz.exam_summary.submit_all_button, Qt.MouseButton.LeftButton)
    assert "Your answer:\n" in app.results.yours.text()
    first_details = app.results.yours.text()
    app.window.show_screen("home")
    app.start(Mode.EXAM)
    order_by_keyboard(app.qtbot, answer_widget(app))  # second quiz: the ordering is answered
    submit(app)
    for _ in range(4):
        submit(app)
    app.qtbot.mouseClick(app.quiz.exam_summary.submit_all_button, Qt.MouseButton.LeftButton)
    assert app.results.table.currentRow() == 0
    assert app.results.yours.text() != first_details
    assert app.results.feedback.text() != ""


# A database that cannot be written ------------------------------------------------------------


def test_an_answer_that_cannot_be_saved_is_told_in_a_sentence_and_the_quiz_goes_on(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    from gensec_quiz.storage import engine

    told: list[str] = []
    monkeypatch.setattr(Notice, "tell", classmethod(lambda cls, parent, text: told.append(text)))
    monkeypatch.setattr(engine, "BUSY_TIMEOUT_MS", 50)  # wait 50 ms for a lock, not 10 s
    app = App(qtbot, tmp_path, FakeClock())
    try:
        app.add_learner("Anna", monkeypatch)
        app.start(Mode.PRACTICE)
        blocker = sqlite3.connect(tmp_path / "quiz.sqlite3", timeout=0)
        blocker.execute("BEGIN EXCLUSIVE")  # another program holds the file
        try:
            order_by_keyboard(qtbot, answer_widget(app))
            submit(app)
        finally:
            blocker.rollback()
            blocker.close()
        assert len(told) == 1 and told[0].startswith("Your answer could not be saved:")
        assert "sqlalche" not in told[0].lower() and "BEGIN" not in told[0]
        assert app.quiz.feedback.isVisible()  # graded and shown all the same
        assert app.answers() == []
        qtbot.mouseClick(app.quiz.next_button, Qt.MouseButton.LeftButton)
        match_by_keyboard(qtbot, answer_widget(app), ["1922", "1953", "1964"])
        submit(app)
        assert [a.question_id for a in app.answers()] == ["q-match"]  # saved again
        monkeypatch.setattr(ConfirmDialog, "ask", classmethod(lambda cls, *a, **k: True))
        app.quiz.end_quiz()
        assert "not all answers could be saved" in app.results.breakdown.text()
    finally:
        app.store.close()
