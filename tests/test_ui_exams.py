"""Exams that hold, played through the real window: a locked set shown as locked (after a
restart, chosen with the mouse), the wall-clock timer across Finish later and a crash, Start
resuming the open attempt, the attempt limit, the timer's colours, and time's up submitting
the answer on screen."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from conftest import FakeClock
from gensec_quiz import paths
from gensec_quiz.bank.classroom_lock import ClassroomLock
from gensec_quiz.domain.questions import MatchingQuestion
from gensec_quiz.domain.session import Mode
from gensec_quiz.storage import Store
from gensec_quiz.ui.main_window import ScreenKey
from ui_core_support import answer_widget, order_by_keyboard, submit
from ui_teacher_support import TeacherApp, locked_exam_app

LOCK = ClassroomLock("exam", 10, False)


@pytest.fixture
def app(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clock: FakeClock,
        store: Store) -> Iterator[TeacherApp]:
    yield locked_exam_app(qtbot, tmp_path, monkeypatch, clock, store, LOCK)


def _click_set(app: TeacherApp) -> None:
    """Choose the locked set with the mouse, as a learner does."""
    home = app.home
    row = next(r for r in range(home.sets.count()) if "Test set" in home.sets.item(r).text())
    rect = home.sets.visualItemRect(home.sets.item(row))
    app.qtbot.mouseClick(home.sets.viewport(), Qt.MouseButton.LeftButton,
                         pos=rect.center())
    assert home.sets.currentRow() == row


def _start(app: TeacherApp) -> None:
    _click_set(app)
    app.click(app.home.start_button)


def test_a_locked_set_chosen_with_the_mouse_after_a_restart_shows_its_lock(
    app: TeacherApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    app.add_learner("Anna", monkeypatch)
    home = app.home
    item = next(home.sets.item(r) for r in range(home.sets.count())
                if "Test set" in home.sets.item(r).text())
    assert "locked by your teacher" in item.text() and not item.icon().isNull()
    _click_set(app)
    box = home.mode_box
    assert box.exam.isChecked() and not box.practice.isEnabled()
    assert "set by your teacher: exam, 10 min" in box.title()
    note = home.lock_note.text()
    assert "Set by your teacher" in note and "One attempt per learner. Attempts left: 1." in note


def test_the_timer_runs_from_the_start_across_finish_later_and_a_crash(
    app: TeacherApp, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot, tmp_path: Path,
    clock: FakeClock, store: Store
) -> None:
    app.add_learner("Anna", monkeypatch)
    _start(app)
    quiz = app.quiz
    assert quiz.time_left.text() == "Time left: 10:00"
    first_id = quiz.session_id
    clock.advance(120)
    app.click(quiz.later_button)  # Finish later
    clock.advance(180)
    _start(app)  # Start resumes the open attempt: the same row, the clock still running
    assert quiz.session_id == first_id and quiz.time_left.text() == "Time left: 5:00"
    # the power goes: a new window on the same data, a minute later
    app.window.close()
    clock.advance(60)
    again = TeacherApp(qtbot, tmp_path, clock, monkeypatch, store=store)
    again.context.set_learner(app.context.learner_id)
    _start(again)
    assert again.quiz.session_id == first_id
    assert again.quiz.time_left.text() == "Time left: 4:00"
    assert len(store.class_sessions(learner_id=app.context.learner_id)) == 1


def test_the_timer_turns_amber_at_a_fifth_left_and_red_in_the_last_minute(
    app: TeacherApp, monkeypatch: pytest.MonkeyPatch, clock: FakeClock
) -> None:
    app.add_learner("Anna", monkeypatch)
    _start(app)
    label = app.quiz.time_left
    assert label.property("state") == "plenty"
    assert label.font().pointSizeF() >= app.quiz.counter.font().pointSizeF()
    clock.advance(8 * 60)
    app.quiz.tick()
    assert label.text() == "Time left: 2:00" and label.property("state") == "low"
    clock.advance(61)
    app.quiz.tick()
    assert label.property("state") == "last"


def test_times_up_submits_the_answer_on_screen_as_it_stands(
    app: TeacherApp, monkeypatch: pytest.MonkeyPatch, clock: FakeClock
) -> None:
    app.add_learner("Anna", monkeypatch)
    _start(app)
    order_by_keyboard(app.qtbot, answer_widget(app))
    submit(app)
    question = app.quiz.current_question()
    assert isinstance(question, MatchingQuestion)
    widget = answer_widget(app)
    combo = widget.combos[0]  # one pair of the matching chosen, right; the others left empty
    combo.setCurrentIndex(combo.findData(question.pairs[0].right))
    clock.advance(10 * 60)
    with app.qtbot.waitSignal(app.quiz.session_finished, timeout=1000):
        app.quiz.tick()
    assert app.window.current_key() is ScreenKey.RESULTS
    results = app.results
    assert results.notice.isVisibleTo(results)
    assert "Time is up" in results.notice.text()
    session_id = results.outcome.session_id
    assert session_id is not None
    saved = app.store.session_answers(session_id)
    assert len(saved) == 2 and saved[-1].question_id == question.id
    assert 0 < saved[-1].score < 1  # the half-done matching scores its right pair
    assert app.store.session(session_id).finished


def test_a_learner_with_no_attempt_left_is_told_so_on_start(
    app: TeacherApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    app.add_learner("Anna", monkeypatch)
    _start(app)
    app.quiz.end_quiz()  # answered nothing: ConfirmDialog answers yes in these tests
    assert app.window.current_key() is ScreenKey.RESULTS
    app.window.show_home()
    assert "You have used every attempt." in app.home.lock_note.text()
    app.click(app.home.start_button)
    assert app.window.current_key() is ScreenKey.HOME
    assert app.dialogs.told == ["You have used your 1 attempt(s) at “Test set”; ask your "
                                "teacher for another."]


def test_switch_learner_puts_an_exam_attempt_aside_its_clock_running(
    app: TeacherApp, monkeypatch: pytest.MonkeyPatch, clock: FakeClock
) -> None:
    anna = app.add_learner("Anna", monkeypatch)
    _start(app)
    assert app.quiz.plan is not None and app.quiz.plan.mode is Mode.EXAM
    first_id = app.quiz.session_id
    clock.advance(120)
    app.window.switch_action.trigger()
    assert app.window.current_key() is ScreenKey.HOME
    [open_attempt] = app.store.unfinished_sessions(anna)
    assert open_attempt.mode == "exam"
    app.add_learner("Boris", monkeypatch)  # another learner's turn, three minutes
    clock.advance(180)
    app.window.switch_action.trigger()
    app.context.set_learner(anna)
    _start(app)
    assert app.quiz.session_id == first_id and app.quiz.time_left.text() == "Time left: 5:00"


def test_the_classroom_tab_chooses_whether_home_shows_every_score(
    app: TeacherApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    app.store.add_learner("Boris")
    screen = app.open_teacher("classroom").classroom
    app.click(screen.show_scores)
    assert screen.show_scores.isChecked()
    app.window.show_home()
    assert app.home.learners.item(0).text() == "Boris — no quiz yet"
    app.open_teacher("classroom")
    app.click(screen.show_scores)
    app.window.show_home()
    assert app.home.learners.item(0).text() == "Boris"


def test_an_exam_put_aside_keeps_other_screens_closed_until_the_learner_switches(
    app: TeacherApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    app.add_learner("Anna", monkeypatch)
    _start(app)
    app.click(app.quiz.later_button)  # Finish later: the clock runs on
    window = app.window
    assert window.current_key() is ScreenKey.HOME
    for key in (ScreenKey.RECORDS, ScreenKey.TIMELINE, ScreenKey.TEACHER):
        window.show_screen(key)
        assert window.current_key() is ScreenKey.HOME
    assert "still open" in window.statusBar().currentMessage()
    window.switch_action.trigger()
    window.show_screen(ScreenKey.PROGRESS)
    assert window.current_key() is ScreenKey.PROGRESS


def test_another_name_picked_mid_exam_does_not_open_the_records_until_the_time_is_up(
    app: TeacherApp, monkeypatch: pytest.MonkeyPatch, clock: FakeClock
) -> None:
    app.add_learner("Anna", monkeypatch)
    _start(app)
    window = app.window
    window.switch_action.trigger()  # Anna's attempt put aside, its clock running
    app.add_learner("Not Anna", monkeypatch)
    for key in (ScreenKey.RECORDS, ScreenKey.TIMELINE):
        window.show_screen(key)
        assert window.current_key() is ScreenKey.HOME
        assert "exam is under way" in window.statusBar().currentMessage()
    clock.advance(11 * 60)  # the 10 minutes are up: the exam is over for this computer
    window.show_screen(ScreenKey.RECORDS)
    assert window.current_key() is ScreenKey.RECORDS
    window.show_screen(ScreenKey.TIMELINE)
    assert window.current_key() is ScreenKey.TIMELINE


def test_time_running_out_while_submit_asks_ends_the_quiz_once(
    app: TeacherApp, monkeypatch: pytest.MonkeyPatch, clock: FakeClock
) -> None:
    from gensec_quiz.ui.dialogs.confirm import ConfirmDialog

    app.add_learner("Anna", monkeypatch)
    _start(app)
    order_by_keyboard(app.qtbot, answer_widget(app))
    submit(app)
    question = app.quiz.current_question()
    assert isinstance(question, MatchingQuestion)
    combo = answer_widget(app).combos[0]
    combo.setCurrentIndex(combo.findData(question.pairs[0].right))

    def time_runs_out(cls: object, *args: object, **kwargs: object) -> bool:
        clock.advance(10 * 60)
        app.quiz.tick()  # the second's tick comes while "Submit this answer?" is open
        return True

    monkeypatch.setattr(ConfirmDialog, "ask", classmethod(time_runs_out))
    submit(app)  # half done: the learner is asked first
    assert app.window.current_key() is ScreenKey.RESULTS
    session_id = app.results.outcome.session_id
    assert session_id is not None and len(app.store.session_answers(session_id)) == 2


def test_a_set_locked_in_the_classroom_tab_then_edited_by_hand_is_refused_at_start(
    app: TeacherApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    screen = app.open_teacher("classroom").classroom
    row = next(r for r in range(screen.sets.count()) if "Test set" in screen.sets.item(r).text())
    screen.sets.setCurrentRow(row)
    app.click(screen.lock_button)
    path = paths.user_sets_dir() / "test-set.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["classroom"]["time_limit_minutes"] = 90  # a learner gives themselves more time
    path.write_text(json.dumps(data), encoding="utf-8")
    app.window.switch_action.trigger()
    app.add_learner("Anna", monkeypatch)
    _start(app)
    assert app.window.current_key() is ScreenKey.HOME
    assert "was changed outside GenSec Quiz" in app.home.message.text()


@pytest.mark.parametrize("resumed_by", ["the resume offer", "Start"])
def test_an_attempt_resumed_after_its_time_ran_out_counts_its_draft_and_says_time_is_up(
    app: TeacherApp, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot, tmp_path: Path,
    clock: FakeClock, store: Store, resumed_by: str
) -> None:
    from gensec_quiz.ui.dialogs.resume import ResumeDialog

    learner = app.add_learner("Anna", monkeypatch)
    _start(app)
    session_id = app.quiz.session_id
    order_by_keyboard(app.qtbot, answer_widget(app))  # an answer on screen: a draft
    app.window.close()  # the app closed mid-exam, and opened again after the time ran out
    clock.advance(11 * 60)
    offered: list[int] = []

    def ask(cls: object, parent: object, sessions: list[object]) -> int | None:
        offered.append(len(sessions))
        return session_id if resumed_by != "Start" else None  # Resume, or Not now

    monkeypatch.setattr(ResumeDialog, "ask", classmethod(ask))
    again = TeacherApp(qtbot, tmp_path, clock, monkeypatch, store=store)
    assert offered == [1]  # Home signs the last learner in and offers the attempt
    assert again.context.learner_id == learner
    if resumed_by == "Start":
        _start(again)
    assert again.window.current_key() is ScreenKey.RESULTS  # not an empty Quiz screen
    assert again.results.outcome.session_id == session_id
    # the answer left on screen when the app closed counts as it stood, as at time's up
    assert "your answer on screen was submitted" in again.results.notice.text()
    saved = store.session_answers(session_id)
    assert len(saved) == 1 and saved[0].score == 1
    assert store.session(session_id).finished
