"""An exam's navigator played through the real window, on a set the teacher locked: back, skip,
flag, the summary page (a row opens its question), an answer changed before Submit all (the
latest counts, and is what the learner sees again), the keyboard, time's up wherever the learner
is, other screens closed while the summary shows, and the navigator after a restart."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from conftest import FakeClock
from gensec_quiz.application.plans import QuizPlan
from gensec_quiz.bank.classroom_lock import ClassroomLock
from gensec_quiz.domain.dates import PartialDate
from gensec_quiz.domain.session import Mode, Phase
from gensec_quiz.storage import Store
from gensec_quiz.ui.dialogs.resume import ResumeDialog
from gensec_quiz.ui.main_window import ScreenKey
from ui_core_support import answer_widget, order_by_keyboard, question_set, submit, type_date
from ui_teacher_support import TeacherApp, locked_exam_app

LOCK = ClassroomLock("exam", 10, False)


@pytest.fixture
def app(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clock: FakeClock,
        store: Store) -> Iterator[TeacherApp]:
    yield locked_exam_app(qtbot, tmp_path, monkeypatch, clock, store, LOCK)


def _start(app: TeacherApp, monkeypatch: pytest.MonkeyPatch, name: str = "Anna") -> None:
    app.add_learner(name, monkeypatch)
    home = app.home
    home.sets.setCurrentRow(next(r for r in range(home.sets.count())
                                 if "Test set" in home.sets.item(r).text()))
    app.click(home.start_button)
    assert app.window.current_key() is ScreenKey.QUIZ


def _states(app: TeacherApp) -> list[str]:
    """Each number of the strip as a screen reader names it."""
    return [button.accessibleName() for button in app.quiz.navigator.numbers]


def _question_id(app: TeacherApp) -> str:
    question = app.quiz.current_question()
    assert question is not None
    return question.id


def test_back_skip_flag_and_the_summary_page_then_submit_all(
    app: TeacherApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    _start(app, monkeypatch)
    quiz = app.quiz
    navigator = quiz.navigator
    assert navigator.isVisibleTo(quiz) and not quiz.end_button.isVisibleTo(quiz)
    assert [b.text() for b in navigator.numbers] == ["1", "2", "3", "4", "5"]
    order_by_keyboard(app.qtbot, answer_widget(app))
    submit(app)  # Save and next
    assert _question_id(app) == "q-match" and not quiz.feedback.isVisible()
    app.click(navigator.flag_button)  # flag question 2 and skip it
    app.click(navigator.skip_button)
    assert _question_id(app) == "q-year"
    app.click(navigator.back_button)
    assert _question_id(app) == "q-match" and navigator.flag_button.isChecked()
    assert _states(app)[:3] == ["Question 1: answered", "Question 2: not answered, flagged, "
                                "shown now", "Question 3: not answered"]
    assert navigator.numbers[1].text() == "2⚑"
    app.click(navigator.summary_button)
    summary = quiz.exam_summary
    assert summary.isVisibleTo(quiz) and not quiz.scroller.isVisibleTo(quiz)
    assert summary.counts.text() == "Answered: 1 · Not answered: 4 · Flagged: 1"
    assert summary.table.item(1, 1).text() == "Not answered"
    assert summary.table.item(1, 2).text() == "⚑ Flagged"
    rect = summary.table.visualItemRect(summary.table.item(2, 0))
    app.qtbot.mouseClick(summary.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert _question_id(app) == "q-year" and not summary.isVisibleTo(quiz)
    type_date(app.qtbot, answer_widget(app), PartialDate(1985))
    submit(app)
    app.click(navigator.summary_button)
    assert summary.counts.text() == "Answered: 2 · Not answered: 3 · Flagged: 1"
    with app.qtbot.waitSignal(quiz.session_finished, timeout=1000):
        app.click(summary.submit_all_button)  # asked first: the tests' dialog says yes
    assert app.dialogs.confirmations[-1][0] == "Submit all and finish?"
    assert app.window.current_key() is ScreenKey.RESULTS
    session_id = app.results.outcome.session_id
    assert session_id is not None
    info = app.store.session(session_id)
    assert info.finished and info.score == pytest.approx(2 / 5)


def test_a_changed_answer_is_shown_again_saved_at_once_and_the_latest_counts(
    app: TeacherApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    _start(app, monkeypatch)
    quiz = app.quiz
    quiz.go_to_question(2)
    type_date(app.qtbot, answer_widget(app), PartialDate(1980))
    submit(app)
    quiz.go_to_question(2)
    assert answer_widget(app).value() == PartialDate(1980)  # the learner sees what they gave
    submit(app)  # untouched: kept as it is, nothing written again, on to the next question
    assert _question_id(app) == "q-day"
    session_id = quiz.session_id
    assert session_id is not None and len(app.store.session_answers(session_id)) == 1
    quiz.go_to_question(2)
    widget = answer_widget(app)
    widget.year.setValue(1985)
    app.click(quiz.navigator.numbers[0])  # moving away keeps the change, as Moodle does
    assert _question_id(app) == "q-order"
    saved = app.store.session_answers(session_id)
    assert [a.score for a in saved] == [0.0, 1.0]  # the change is a new row; the latest counts
    quiz.show_exam_summary()
    app.click(quiz.exam_summary.submit_all_button)
    assert app.store.session(session_id).score == pytest.approx(1 / 5)


def test_the_navigator_is_reached_and_used_with_the_keyboard(
    app: TeacherApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    _start(app, monkeypatch)
    navigator = app.quiz.navigator
    first, second = navigator.numbers[0], navigator.numbers[1]
    assert first.focusPolicy() & Qt.FocusPolicy.TabFocus
    first.setFocus()
    app.qtbot.keyClick(first, Qt.Key.Key_Right)
    assert second.hasFocus()
    app.qtbot.keyClick(second, Qt.Key.Key_Space)
    assert _question_id(app) == "q-match"
    # Tab reaches the number shown (the arrows the others, as in a radio group) and the buttons
    tab_stops = [w for w in navigator.focus_chain() if w.focusPolicy() & Qt.FocusPolicy.TabFocus]
    assert tab_stops == [second, navigator.back_button, navigator.flag_button,
                         navigator.skip_button, navigator.summary_button]
    navigator.summary_button.setFocus()
    app.qtbot.keyClick(navigator.summary_button, Qt.Key.Key_Space)
    summary = app.quiz.exam_summary
    assert summary.isVisibleTo(app.quiz)
    assert summary.table.hasFocus() and summary.table.currentRow() == 0  # first not answered
    summary.table.setCurrentCell(3, 0)
    app.qtbot.keyClick(summary.table, Qt.Key.Key_Return)
    assert _question_id(app) == "q-day"


def test_times_up_on_the_summary_page_submits_everything_as_it_stands(
    app: TeacherApp, monkeypatch: pytest.MonkeyPatch, clock: FakeClock
) -> None:
    _start(app, monkeypatch)
    order_by_keyboard(app.qtbot, answer_widget(app))
    submit(app)
    app.quiz.show_exam_summary()
    clock.advance(10 * 60)
    with app.qtbot.waitSignal(app.quiz.session_finished, timeout=1000):
        app.quiz.tick()
    assert app.window.current_key() is ScreenKey.RESULTS
    assert "Time is up" in app.results.notice.text()
    session_id = app.results.outcome.session_id
    assert session_id is not None
    assert [a.score for a in app.store.session_answers(session_id)] == [1.0]
    assert app.store.session(session_id).score == pytest.approx(1 / 5)


def test_times_up_on_a_question_gone_back_to_keeps_its_answer_or_takes_the_change(
    app: TeacherApp, monkeypatch: pytest.MonkeyPatch, clock: FakeClock
) -> None:
    _start(app, monkeypatch)
    quiz = app.quiz
    quiz.go_to_question(2)
    type_date(app.qtbot, answer_widget(app), PartialDate(1985))
    submit(app)
    quiz.go_to_question(2)  # shown again, untouched: time's up keeps the answer as saved
    clock.advance(10 * 60)
    with app.qtbot.waitSignal(quiz.session_finished, timeout=1000):
        quiz.tick()
    session_id = app.results.outcome.session_id
    assert session_id is not None
    assert [a.score for a in app.store.session_answers(session_id)] == [1.0]


def test_time_running_out_then_a_number_clicked_ends_the_exam_with_the_answer_on_screen(
    app: TeacherApp, monkeypatch: pytest.MonkeyPatch, clock: FakeClock
) -> None:
    _start(app, monkeypatch)
    quiz = app.quiz
    order_by_keyboard(app.qtbot, answer_widget(app))
    clock.advance(10 * 60)  # before the second's tick, the learner clicks question 3
    with app.qtbot.waitSignal(quiz.session_finished, timeout=1000):
        app.click(quiz.navigator.numbers[2])
    session_id = app.results.outcome.session_id
    assert session_id is not None
    assert [(a.question_id, a.score) for a in app.store.session_answers(session_id)] == [
        ("q-order", 1.0)]


def test_no_other_screen_opens_while_the_summary_page_shows(
    app: TeacherApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    _start(app, monkeypatch)
    app.quiz.show_exam_summary()
    window = app.window
    for key in ("1", "5", "6", "8"):
        app.qtbot.keyClick(window, key, Qt.KeyboardModifier.ControlModifier)
        assert window.current_key() is ScreenKey.QUIZ
    for screen in (ScreenKey.RECORDS, ScreenKey.TIMELINE, ScreenKey.TEACHER):
        window.show_screen(screen)
        assert window.current_key() is ScreenKey.QUIZ
    assert app.quiz.exam_summary.isVisibleTo(app.quiz)


def test_after_a_restart_start_resumes_the_exam_with_its_answers_on_the_navigator(
    app: TeacherApp, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot, tmp_path: Path,
    clock: FakeClock, store: Store
) -> None:
    _start(app, monkeypatch)
    quiz = app.quiz
    for _ in range(5):  # nothing touched: each question is saved as given, untouched
        submit(app)
    assert quiz.session is not None and quiz.session.phase is Phase.SUMMARY
    first_id = quiz.session_id
    app.window.close()  # the power goes before Submit all
    clock.advance(60)
    monkeypatch.setattr(ResumeDialog, "ask", classmethod(lambda cls, parent, sessions: None))
    again = TeacherApp(qtbot, tmp_path, clock, monkeypatch, store=store)
    again.context.set_learner(app.context.learner_id)
    home = again.home
    home.sets.setCurrentRow(next(r for r in range(home.sets.count())
                                 if "Test set" in home.sets.item(r).text()))
    assert home.mode_box.exam.isChecked() and not home.mode_box.practice.isEnabled()
    again.click(home.start_button)
    resumed = again.quiz
    assert resumed.session_id == first_id and resumed.time_left.text() == "Time left: 9:00"
    assert resumed.exam_summary.isVisibleTo(resumed)  # every answer in: the summary, not the end
    assert all(name.endswith(": answered") for name in _states(again))
    assert not store.session(first_id or 0).finished


def test_practice_keeps_answer_feedback_next_without_a_navigator(
    app: TeacherApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    app.add_learner("Boris", monkeypatch)
    app.home.start_requested.emit(QuizPlan(question_set("other-set"), mode=Mode.PRACTICE))
    quiz = app.quiz
    assert not quiz.navigator.isVisibleTo(quiz) and quiz.end_button.isVisibleTo(quiz)
    order_by_keyboard(app.qtbot, answer_widget(app))
    submit(app)
    assert quiz.feedback.isVisible() and quiz.next_button.isVisible()
