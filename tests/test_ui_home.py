"""The Home screen: learners, the choice of material and mode, Start, and resuming."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from gensec_quiz.bank.classroom_lock import ClassroomLock
from gensec_quiz.bank.questions_json import save_question_set
from gensec_quiz.domain.dates import PartialDate
from gensec_quiz.domain.session import Mode
from gensec_quiz.i18n import ntr
from gensec_quiz.ui.dialogs.confirm import Notice
from gensec_quiz.ui.dialogs.new_learner import NewLearnerDialog
from gensec_quiz.ui.dialogs.resume import ResumeDialog
from store_support import record
from ui_core_support import (
    App,
    FakeClock,
    answer_widget,
    data_folder,
    match_by_keyboard,
    order_by_keyboard,
    question_set,
    rich_records,
    submit,
    type_date,
)


@pytest.fixture
def told(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    said: list[str] = []
    monkeypatch.setattr(Notice, "tell", classmethod(lambda cls, parent, text: said.append(text)))
    return said


@pytest.fixture
def app(qtbot: QtBot, tmp_path: Path, told: list[str]) -> Iterator[App]:
    save_question_set(question_set(), _own_sets(tmp_path) / "test-set.json")
    application = App(qtbot, tmp_path, FakeClock(), rich_records())
    yield application
    application.store.close()
    assert told == []


def _own_sets(tmp_path: Path) -> Path:
    folder = data_folder(tmp_path).question_sets
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _click(qtbot: QtBot, widget: object) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)  # type: ignore[arg-type]


# New learner ------------------------------------------------------------------------------------


def test_new_learner_dialog_refuses_blank_and_duplicate_names_inline(qtbot: QtBot) -> None:
    dialog = NewLearnerDialog(["Anna"])
    qtbot.addWidget(dialog)
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClicks(dialog.name, "   ")
    assert "Type a name" in dialog.problem.text()
    dialog.name.clear()
    qtbot.keyClicks(dialog.name, "anna")
    assert "already a learner called anna" in dialog.problem.text()
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClicks(dialog.name, "  Maria")
    assert dialog.problem.text() == ""
    assert dialog.ok_button.isEnabled()
    assert dialog.chosen_name() == "anna Maria"


def test_learners_are_listed_by_name_and_a_last_score_only_for_its_learner(app: App) -> None:
    anna = app.store.add_learner("Anna")
    boris = app.store.add_learner("Boris")
    session = app.store.start_session(learner_id=anna, question_set_id="s", title="S",
                                      mode=Mode.PRACTICE, question_count=2)
    record(app.store, session, "a", score=1.0)
    app.store.finish_session(session)
    app.home.refresh_learners()

    def lines() -> list[str]:
        return [app.home.learners.item(r).text() for r in range(app.home.learners.count())]

    assert lines() == ["Anna", "Boris"]  # nobody signed in: names only
    app.context.set_learner(anna)
    assert lines() == ["Anna — last score 50%", "Boris"]
    app.context.set_learner(boris)
    assert lines() == ["Anna", "Boris — no quiz yet"]


def test_the_teacher_may_show_every_learners_last_score(app: App) -> None:
    from PySide6.QtCore import QSettings

    from gensec_quiz.ui.screens.home import SHOW_SCORES_KEY

    app.store.add_learner("Boris")
    QSettings(str(app.context.data_dir / "settings.ini"),
              QSettings.Format.IniFormat).setValue(SHOW_SCORES_KEY, True)
    app.home.refresh_learners()
    assert app.home.learners.item(0).text() == "Boris — no quiz yet"


# Start --------------------------------------------------------------------------------------


def test_start_needs_a_learner_first(app: App) -> None:
    _click(app.qtbot, app.home.start_button)
    assert "Choose a learner" in app.home.message.text()
    assert app.window.current_key() == "home"


def test_a_ready_set_starts_as_an_exam_from_the_keyboard(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    app.add_learner("Anna", monkeypatch)
    home = app.home
    titles = [home.sets.item(r).text() for r in range(home.sets.count())]
    assert "Test set (5 questions) — from your teacher" in titles
    home.sets.setCurrentRow(titles.index("Test set (5 questions) — from your teacher"))
    app.qtbot.mouseClick(home.mode_box.exam, Qt.MouseButton.LeftButton, pos=QPoint(8, 8))
    home.mode_box.limit_box.setChecked(True)
    app.window.activateWindow()
    app.qtbot.waitUntil(app.window.isActiveWindow)
    app.qtbot.keyClick(home.sets, Qt.Key.Key_Return)
    assert app.window.current_key() == "quiz"
    plan = app.quiz.plan
    assert plan is not None and plan.mode is Mode.EXAM
    assert plan.time_limit is not None and plan.time_limit.total_seconds() == 15 * 60
    assert app.quiz.time_left.text() == "Time left: 15:00"
    session = app.store.unfinished_sessions(app.context.learner_id or 0)[0]
    assert (session.question_set_id, session.mode, session.question_count) == (
        "test-set", "exam", 5)


def test_home_reads_the_teachers_lock_again_when_it_refreshes(app: App) -> None:
    home, library = app.home, app.context.question_sets
    [entry] = [e for e in library.entries() if e.own]
    titles = [home.sets.item(r).text() for r in range(home.sets.count())]
    home.sets.setCurrentRow(titles.index("Test set (5 questions) — from your teacher"))
    assert home.mode_box.isEnabled() and home.mode_box.mode() is Mode.PRACTICE
    library.set_lock(entry, ClassroomLock("exam", 20, True))  # as the Classroom tab does
    app.context.signals.locks_changed.emit()
    assert not home.mode_box.isEnabled()
    assert home.mode_box.mode() is Mode.EXAM and home.mode_box.time_limit_minutes() == 20
    assert home.mode_box.title().endswith("set by your teacher: exam, 20 min, all or nothing")
    library.set_lock(entry, None)
    home.refresh()
    assert home.mode_box.isEnabled() and home.mode_box.title() == "3. Mode"


def test_make_one_generates_saves_and_starts_a_set(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    app.add_learner("Anna", monkeypatch)
    home = app.home
    home.make_one.setChecked(True)
    assert home.selected_set() is None
    home.make_one.kind_boxes["matching"].setChecked(False)
    home.make_one.count_spin.setValue(4)
    _click(app.qtbot, home.start_button)
    plan = app.quiz.plan
    assert plan is not None
    kinds = {q.type for q in plan.question_set.questions}
    assert kinds <= {"ordering", "date"} and 0 < len(plan.question_set.questions) <= 4
    saved = list(app.context.folder.question_sets.glob("made/*.json"))
    assert any(plan.question_set.id in p.read_text(encoding="utf-8") for p in saved)
    # the learner's own: kept to be resumed, listed for nobody (nor in the teacher's locks)
    assert app.context.question_sets.find(plan.question_set.id) == plan.question_set
    assert app.context.question_sets.entry(plan.question_set.id) is not None
    assert all(e.id != plan.question_set.id for e in app.context.question_sets.entries())
    app.window.switch_action.trigger()
    app.add_learner("Boris", monkeypatch)
    titles = [home.sets.item(r).text() for r in range(home.sets.count())]
    assert not any(plan.question_set.title in t and "yours" in t for t in titles)


def test_make_one_needs_a_kind(app: App, monkeypatch: pytest.MonkeyPatch) -> None:
    app.add_learner("Anna", monkeypatch)
    app.home.make_one.setChecked(True)
    for box in app.home.make_one.kind_boxes.values():
        box.setChecked(False)
    _click(app.qtbot, app.home.start_button)
    assert "at least one kind" in app.home.message.text()


# Resume after a crash -----------------------------------------------------------------------


def test_a_new_window_offers_to_resume_after_a_crash(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, told: list[str]
) -> None:
    save_question_set(question_set(), _own_sets(tmp_path) / "test-set.json")
    first = App(qtbot, tmp_path, FakeClock())
    learner = first.add_learner("Anna", monkeypatch)
    titles = [first.home.sets.item(r).text() for r in range(first.home.sets.count())]
    first.home.sets.setCurrentRow(titles.index("Test set (5 questions) — from your teacher"))
    _click(qtbot, first.home.start_button)
    order_by_keyboard(qtbot, answer_widget(first))
    submit(first)
    _click(qtbot, first.quiz.next_button)
    match_by_keyboard(qtbot, answer_widget(first), ["1922", "1953", "1985"])
    submit(first)
    session_id = first.quiz.session_id
    # The crash: nothing is finished or closed; a new window opens on the same data.
    offered: list[list[int]] = []

    def ask(cls: object, parent: object, sessions: list[object]) -> int:
        offered.append([s.id for s in sessions])  # type: ignore[attr-defined]
        return session_id or 0

    monkeypatch.setattr(ResumeDialog, "ask", classmethod(ask))
    second = App(qtbot, tmp_path, FakeClock())
    assert offered == [[session_id]]
    assert second.context.learner_id == learner
    assert second.window.current_key() == "quiz"
    assert second.quiz.counter.text() == "Question 3 of 5"
    assert second.quiz.progress.value() == 2
    type_date(qtbot, answer_widget(second), PartialDate(1985))
    submit(second)
    assert "Right: 100%" in second.quiz.feedback.text()
    monkeypatch.setattr("gensec_quiz.ui.dialogs.confirm.ConfirmDialog.ask",
                        classmethod(lambda cls, *a, **k: True))
    _click(qtbot, second.quiz.end_button)
    answers = second.store.session_answers(session_id or 0)
    assert [a.question_id for a in answers] == ["q-order", "q-match", "q-year"]
    assert second.store.session(session_id or 0).finished
    summary = second.results.outcome.session.summary()  # type: ignore[union-attr]
    assert summary.answered == 3 and summary.total == 5
    first.store.close()
    second.store.close()
    assert told == []


def test_a_resumed_exam_keeps_its_time_limit_and_all_or_nothing_rule(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, told: list[str]
) -> None:
    from datetime import timedelta

    save_question_set(question_set(), _own_sets(tmp_path) / "test-set.json")
    clock = FakeClock()
    first = App(qtbot, tmp_path, clock)
    first.add_learner("Olga", monkeypatch)
    first.start(Mode.EXAM, time_limit=timedelta(minutes=20), all_or_nothing=True)
    order_by_keyboard(qtbot, answer_widget(first))
    submit(first)
    session_id = first.quiz.session_id
    # The power goes off; a new window on the same data resumes the exam.
    monkeypatch.setattr(ResumeDialog, "ask",
                        classmethod(lambda cls, parent, sessions: session_id or 0))
    second = App(qtbot, tmp_path, clock)
    plan = second.quiz.plan
    assert plan is not None and plan.mode is Mode.EXAM
    assert plan.time_limit == timedelta(minutes=20) and plan.all_or_nothing
    assert second.quiz.time_left.text().startswith("Time left")
    first.store.close()
    second.store.close()


# What Home says -----------------------------------------------------------------------------


def test_a_learner_with_only_an_unfinished_quiz_is_not_told_no_quiz_yet(app: App) -> None:
    ben = app.store.add_learner("Ben")
    session = app.store.start_session(learner_id=ben, question_set_id="test-set",
                                      title="Test set", mode=Mode.PRACTICE, question_count=5)
    record(app.store, session, "q-year", score=1.0)
    app.store.add_learner("Cleo")
    from PySide6.QtCore import QSettings

    from gensec_quiz.ui.screens.home import SHOW_SCORES_KEY

    QSettings(str(app.context.data_dir / "settings.ini"),
              QSettings.Format.IniFormat).setValue(SHOW_SCORES_KEY, True)
    app.home.refresh_learners()
    lines = [app.home.learners.item(r).text() for r in range(app.home.learners.count())]
    assert lines == ["Ben — a quiz not finished yet", "Cleo — no quiz yet"]


def test_a_teachers_set_is_marked_from_the_teacher_not_yours(app: App) -> None:
    titles = [app.home.sets.item(r).text() for r in range(app.home.sets.count())]
    assert "Test set (5 questions) — from your teacher" in titles
    assert not any("yours" in title for title in titles)


def test_homes_title_names_the_topic_of_the_set_chosen(
    app: App, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dataclasses import replace

    from ui_teacher_support import monarchs

    kings = monarchs()
    save_question_set(replace(question_set("kings"), title="Kings, lesson 1",
                              records=kings.id), _own_sets(tmp_path) / "kings.json")
    save_question_set(replace(question_set("lost"), title="Rivers of Europe",
                              records="rivers"), _own_sets(tmp_path) / "lost.json")
    home = app.home
    home.refresh_sets()
    titles = [home.sets.item(r).text() for r in range(home.sets.count())]

    def choose(start: str) -> str:
        home.sets.setCurrentRow(next(i for i, t in enumerate(titles) if t.startswith(start)))
        return home.heading.text()

    assert choose("Kings, lesson 1") == f"Quiz yourself on {kings.title}"
    assert choose("Rivers of Europe") == "Quiz yourself on Rivers of Europe"  # records not here
    assert choose("Test set") == "Quiz yourself on the General Secretaries"  # built-in records
    choose("Kings, lesson 1")
    home.make_one.choose()  # "Or make one" uses the built-in records
    assert home.heading.text() == "Quiz yourself on the General Secretaries"


def test_or_make_one_shows_its_choices_only_when_ticked(app: App) -> None:
    make_one = app.home.make_one
    make_one.release()
    QApplication.processEvents()
    assert not make_one.details.isVisibleTo(app.home)
    # folded, the box is its title line: no empty frame under it that looks like a field
    assert make_one.height() == make_one.title_height() <= make_one.fontMetrics().height() + 8
    make_one.choose()
    QApplication.processEvents()
    assert make_one.details.isVisibleTo(app.home)
    assert make_one.count_spin.isVisibleTo(app.home)
    assert make_one.height() > make_one.title_height() + make_one.count_spin.height()


def test_ntr_chooses_the_singular_for_one_and_the_plural_otherwise() -> None:
    one = ntr("{count} quiz finished", "{count} quizzes finished", 1)
    assert one == "1 quiz finished"
    assert ntr("{count} quiz finished", "{count} quizzes finished", 0) == "0 quizzes finished"
    assert ntr("{count} quiz finished", "{count} quizzes finished", 2) == "2 quizzes finished"


def test_progress_says_1_quiz_finished_not_1_quizzes() -> None:
    from gensec_quiz.ui.models.progress_data import ProgressData

    when = datetime(2024, 3, 1, 9, 0, tzinfo=UTC)
    one = ProgressData(scores=((when, 0.5),), kinds=(), facts=())
    assert one.summary().startswith("1 quiz finished · average 50%")
    two = ProgressData(scores=((when, 0.5), (when, 1.0)), kinds=(), facts=())
    assert two.summary().startswith("2 quizzes finished · average 75%")
