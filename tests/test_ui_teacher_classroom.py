"""Classroom: a set locked to exam mode (an optional key of the question-set format, honoured
by Home), and a quick learner switch that puts a running quiz aside without mixing answers."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import jsonschema
import pytest
from pytestqt.qtbot import QtBot

from conftest import FakeClock
from gensec_quiz import paths
from gensec_quiz.application.plans import QuizPlan
from gensec_quiz.bank.classroom_lock import ClassroomLock, load_classroom, read_classroom
from gensec_quiz.bank.questions_json import (
    dump_question_set,
    load_question_set,
    question_set_from_dict,
    question_set_to_dict,
    save_question_set,
)
from gensec_quiz.domain.errors import InputError
from gensec_quiz.domain.session import Mode, Phase
from gensec_quiz.storage import Store
from gensec_quiz.ui.dialogs.resume import ResumeDialog
from ui_core_support import answer_widget, order_by_keyboard, question_set, submit
from ui_teacher_support import TeacherApp

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "docs" / "schemas" / "question-set.schema.json").read_text("utf-8"))
LOCK = ClassroomLock("exam", 20, True)


@pytest.fixture
def app(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clock: FakeClock,
        store: Store) -> Iterator[TeacherApp]:
    application = TeacherApp(qtbot, tmp_path, clock, monkeypatch, store=store)
    yield application
    assert application.dialogs.told == []


def _own_set_path() -> Path:
    folder = paths.user_sets_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "test-set.json"
    save_question_set(question_set(), path)
    return path



# The format -------------------------------------------------------------------------------------


def test_a_lock_is_written_read_back_and_valid_against_the_schema(tmp_path: Path) -> None:
    path = tmp_path / "locked.json"
    save_question_set(question_set(), path, classroom=LOCK)
    data = json.loads(path.read_text("utf-8"))
    assert data["classroom"] == {"mode": "exam", "time_limit_minutes": 20,
                                 "all_or_nothing": True}
    jsonschema.validate(data, SCHEMA)
    assert load_classroom(path) == LOCK
    assert load_question_set(path) == question_set()


def test_a_set_without_a_lock_is_written_exactly_as_before() -> None:
    assert "classroom" not in question_set_to_dict(question_set())
    assert dump_question_set(question_set()) == dump_question_set(question_set(), classroom=None)
    assert read_classroom(question_set_to_dict(question_set())) is None


def test_a_bad_lock_names_every_problem_with_its_json_path() -> None:
    data = question_set_to_dict(question_set())
    data["classroom"] = {"mode": "quiz", "time_limit_minutes": 0, "all_or_nothing": "yes",
                         "colour": "red"}
    with pytest.raises(InputError) as caught:
        question_set_from_dict(data, "set.json")
    assert [p.where for p in caught.value.problems] == [
        "set.json: classroom.colour", "set.json: classroom.mode",
        "set.json: classroom.time_limit_minutes", "set.json: classroom.all_or_nothing"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, SCHEMA)


# Locking on the Classroom tab, honoured on Home -------------------------------------------------


def test_the_classroom_tab_locks_and_unlocks_a_saved_set(app: TeacherApp) -> None:
    path = _own_set_path()
    screen = app.open_teacher("classroom").classroom
    assert screen.sets.count() == 1
    screen.sets.setCurrentRow(0)
    screen.limit_box.setChecked(True)
    screen.minutes.setValue(20)
    screen.all_or_nothing.setChecked(True)
    app.click(screen.lock_button)
    assert load_classroom(path) == LOCK
    assert "locked: exam, 20 min, all or nothing" in screen.sets.item(0).text()
    assert app.context.question_sets.load(path) == question_set()  # the questions untouched
    app.click(screen.unlock_button)
    assert load_classroom(path) is None


def test_home_starts_a_locked_set_in_exam_mode_whatever_the_learner_picked(
    app: TeacherApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    save_question_set(question_set(), _own_set_path(), classroom=LOCK)
    app.add_learner("Anna", monkeypatch)
    home = app.home
    home.refresh_sets()
    plans: list[QuizPlan] = []
    home.start_requested.connect(plans.append)
    home.sets.setCurrentRow(next(r for r in range(home.sets.count())
                                 if "Test set" in home.sets.item(r).text()))
    box = home.mode_box
    assert box.exam.isChecked() and not box.practice.isEnabled() and not box.exam.isEnabled()
    assert "set by your teacher: exam, 20 min, all or nothing" in box.title()
    box.practice.setChecked(True)  # as if a learner got round the disabled buttons
    app.click(home.start_button)
    [plan] = plans
    assert plan.mode is Mode.EXAM and plan.all_or_nothing
    assert plan.time_limit == timedelta(minutes=20)
    assert app.quiz.session is not None and app.quiz.session.mode is Mode.EXAM


def test_choosing_an_unlocked_set_frees_the_mode_again(
    app: TeacherApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    save_question_set(question_set(), _own_set_path(), classroom=LOCK)
    home = app.home
    home.refresh_sets()
    title = home.mode_box.title()
    locked = next(r for r in range(home.sets.count()) if "Test set" in home.sets.item(r).text())
    home.sets.setCurrentRow(locked)
    assert not home.mode_box.practice.isEnabled()
    home.make_one.choose()
    assert home.mode_box.practice.isEnabled() and home.mode_box.title() == title
    assert home.mode_box.limit_box.isEnabled()  # exam is still chosen: its options are open


def test_a_lock_set_on_the_classroom_tab_reaches_home_at_once(app: TeacherApp) -> None:
    path = _own_set_path()
    home = app.home
    home.refresh_sets()
    home.sets.setCurrentRow(next(r for r in range(home.sets.count())
                                 if "Test set" in home.sets.item(r).text()))
    assert home.mode_box.practice.isEnabled()
    screen = app.open_teacher("classroom").classroom
    screen.sets.setCurrentRow(0)
    with app.qtbot.waitSignal(app.teacher.lock_changed) as locked:
        app.click(screen.lock_button)
    assert locked.args == [path]
    assert app.window.current_key() == "teacher"  # Home was refreshed where it stands
    assert not home.mode_box.practice.isEnabled()
    assert "set by your teacher: exam" in home.mode_box.title()
    with app.qtbot.waitSignal(app.teacher.lock_changed):
        app.click(screen.unlock_button)
    assert home.mode_box.practice.isEnabled()
    assert "set by your teacher" not in home.mode_box.title()


# Switching learners -----------------------------------------------------------------------------


def test_switch_learner_puts_the_quiz_aside_and_the_next_learner_starts_clean(
    app: TeacherApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    anna = app.add_learner("Anna", monkeypatch)
    app.start(Mode.PRACTICE)
    order_by_keyboard(app.qtbot, answer_widget(app))
    submit(app)
    anna_session = app.quiz.session_id
    assert anna_session is not None and app.quiz.session is not None
    assert app.quiz.session.phase is Phase.FEEDBACK

    action = app.window.findChild(type(app.window.actions()[0]), "switchLearner")
    assert action is not None and action.shortcut().toString() == "Ctrl+Shift+L"
    action.trigger()
    assert app.window.current_key() == "home"
    assert app.context.learner_id is None and app.home.learners.currentRow() == -1
    assert app.home.learners.hasFocus()
    assert not app.quiz.running()
    [aside] = app.store.unfinished_sessions(anna)
    assert aside.id == anna_session and aside.answered == 1

    ben = app.add_learner("Ben", monkeypatch)
    app.start(Mode.PRACTICE)
    assert app.quiz.session_id != anna_session
    session_id = app.quiz.session_id
    assert session_id is not None
    assert app.store.session(session_id).learner_id == ben
    assert len(app.store.session_answers(anna_session)) == 1


def test_the_status_bar_says_who_is_learning(
    app: TeacherApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    label = app.window.statusBar().findChild(type(app.home.message), "currentLearner")
    assert label is not None and label.text() == "No learner chosen"
    app.add_learner("Anna", monkeypatch)
    assert label.text() == "Learning now: Anna"


def test_the_classroom_tab_button_switches_learner(
    app: TeacherApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    app.add_learner("Anna", monkeypatch)
    screen = app.open_teacher("classroom").classroom
    app.click(screen.switch_button)
    assert app.window.current_key() == "home" and app.context.learner_id is None


def test_finish_later_goes_back_to_home(app: TeacherApp, monkeypatch: pytest.MonkeyPatch) -> None:
    app.add_learner("Anna", monkeypatch)
    app.start(Mode.PRACTICE)
    app.click(app.quiz.later_button)
    assert app.window.current_key() == "home"


def test_a_locked_set_resumed_later_keeps_the_teachers_rules(
    app: TeacherApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    save_question_set(question_set(), _own_set_path(), classroom=LOCK)
    anna = app.add_learner("Anna", monkeypatch)
    home = app.home
    home.refresh_sets()
    home.sets.setCurrentRow(next(r for r in range(home.sets.count())
                                 if "Test set" in home.sets.item(r).text()))
    app.click(home.start_button)
    order_by_keyboard(app.qtbot, answer_widget(app))
    submit(app)
    app.click(app.quiz.later_button)
    plans: list[QuizPlan] = []
    home.start_requested.connect(plans.append)
    monkeypatch.setattr(ResumeDialog, "ask",
                        classmethod(lambda cls, parent, sessions: sessions[0].id))
    assert home.offer_resume(anna)
    [plan] = plans
    assert plan.resume_session_id is not None and len(plan.previous) == 1
    assert plan.mode is Mode.EXAM and plan.all_or_nothing
    assert plan.time_limit == timedelta(minutes=20)


def test_a_learners_own_quiz_is_neither_in_the_lock_list_nor_on_home_for_another(
    app: TeacherApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtCore import Qt

    _own_set_path()  # a set the teacher saved: it is listed to lock
    app.add_learner("Anna", monkeypatch)
    home = app.home
    home.make_one.setChecked(True)
    home.make_one.count_spin.setValue(4)
    app.click(home.start_button)  # Anna's "Or make one" quiz
    assert app.quiz.plan is not None
    made = app.quiz.plan.question_set.id
    app.click(app.quiz.later_button)  # put aside: kept, to be resumed
    assert app.context.question_sets.find(made) is not None
    screen = app.open_teacher("classroom").classroom
    lockable = [screen.sets.item(r).data(Qt.ItemDataRole.UserRole).id
                for r in range(screen.sets.count())]
    assert lockable == ["test-set"]  # the teacher's set, not Anna's own quiz
    app.window.switch_action.trigger()
    app.add_learner("Boris", monkeypatch)
    listed = [home.sets.item(r).data(Qt.ItemDataRole.UserRole) for r in range(home.sets.count())]
    assert "test-set" in [e.id for e in listed] and made not in [e.id for e in listed]
