"""Review mode on Home: the due count beside it, Start, and the sentences when there is none."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from gensec_quiz.bank.builtin import builtin_records
from gensec_quiz.domain.questions import BasisRef
from gensec_quiz.domain.session import Mode
from gensec_quiz.storage import Store, open_store
from gensec_quiz.ui.context import AppContext, AppSignals
from gensec_quiz.ui.dialogs.confirm import Notice
from gensec_quiz.ui.main_window import MainWindow
from store_support import record
from ui_core_support import App, FakeClock

DAY_1 = datetime(2025, 3, 3, 12, 0, tzinfo=UTC)
MISSED = (BasisRef("tenure-andropov-1982", "start"), BasisRef("tenure-chernenko-1984", "start"),
          BasisRef("event-1984-death-of-andropov", "date"),
          BasisRef("event-1985-death-of-chernenko", "date"))
NOTHING_YET = "Nothing to review yet"


@pytest.fixture
def told(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    said: list[str] = []
    monkeypatch.setattr(Notice, "tell", classmethod(lambda cls, parent, text: said.append(text)))
    return said


@pytest.fixture
def app(qtbot: QtBot, tmp_path: Path, told: list[str]) -> Iterator[App]:
    application = App(qtbot, tmp_path, FakeClock(DAY_1), builtin_records())
    yield application
    application.store.close()
    assert told == []


def missed_yesterday(store: Store, clock: FakeClock, learner: int,
                     facts: tuple[BasisRef, ...] = MISSED) -> None:
    """One answer per fact, all wrong, on day 1; then the clock moves to day 2."""
    session = store.start_session(learner_id=learner, question_set_id="earlier",
                                  title="Earlier", mode=Mode.PRACTICE, question_count=len(facts))
    for number, fact in enumerate(facts):
        record(store, session, f"q{number}", score=0.0, basis=(fact,))
    store.finish_session(session)
    clock.now = DAY_1 + timedelta(days=1, hours=1)


def choose_review(app: App) -> None:
    app.window.show_screen("home")
    app.qtbot.mouseClick(app.home.mode_box.review, Qt.MouseButton.LeftButton, pos=QPoint(8, 8))
    assert app.home.mode_box.mode() is Mode.REVIEW
    assert app.home.mode_box.review_count.isEnabled()


def press_start(app: App) -> None:
    app.qtbot.mouseClick(app.home.start_button, Qt.MouseButton.LeftButton)


def test_the_due_count_follows_the_learner_chosen(app: App) -> None:
    anna, boris = app.store.add_learner("Anna"), app.store.add_learner("Boris")
    missed_yesterday(app.store, app.clock, anna)
    app.context.signals.data_changed.emit()
    app.context.set_learner(anna)
    note = app.home.mode_box.review_note
    assert note.text() == "4 facts are due now."
    app.context.set_learner(boris)
    assert note.text().startswith(NOTHING_YET)
    app.context.set_learner(None)
    assert note.text() == "Choose a learner to see which facts are due."


def test_review_start_asks_about_the_due_facts_up_to_the_count_chosen(app: App) -> None:
    anna = app.store.add_learner("Anna")
    missed_yesterday(app.store, app.clock, anna)
    app.context.signals.data_changed.emit()
    app.context.set_learner(anna)
    choose_review(app)
    app.home.mode_box.review_count.setValue(2)
    press_start(app)
    plan = app.quiz.plan
    assert app.window.current_key() == "quiz"
    assert plan is not None and plan.mode is Mode.REVIEW
    assert 1 <= len(plan.question_set.questions) <= 2
    assert all(set(q.basis) & set(MISSED) for q in plan.question_set.questions)
    session = app.store.unfinished_sessions(anna)[0]
    assert (session.mode, session.question_set_id) == ("review", plan.question_set.id)


def test_a_learner_with_no_answers_is_told_on_home_that_nothing_is_due_yet(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    app.add_learner("Boris", monkeypatch)
    choose_review(app)
    press_start(app)
    message = app.home.message
    assert app.window.current_key() == "home"
    assert message.text().startswith(NOTHING_YET) and "⚠" not in message.text()
    assert message.property("state") == "info"  # a sentence to read, not an error
    app.qtbot.mouseClick(app.home.mode_box.practice, Qt.MouseButton.LeftButton,
                         pos=QPoint(8, 8))
    app.home.make_one.setChecked(False)
    press_start(app)
    assert message.text().startswith("⚠") and message.property("state") == "wrong"


def test_nothing_is_read_from_the_store_while_home_is_hidden(app: App) -> None:
    anna = app.store.add_learner("Anna")
    app.context.set_learner(anna)
    app.window.show_screen("records")
    reads: list[int] = []
    real = app.store.plan_review
    app.store.plan_review = lambda *a, **k: reads.append(1) or real(*a, **k)  # type: ignore[method-assign]
    missed_yesterday(app.store, app.clock, anna)
    app.context.signals.data_changed.emit()  # as the quiz does after each answer
    assert reads == []
    app.window.show_screen("home")
    assert reads and app.home.mode_box.review_note.text() == "4 facts are due now."


def test_before_the_history_opens_nothing_breaks_and_review_says_to_wait(
    qtbot: QtBot, tmp_path: Path, told: list[str]
) -> None:
    clock = FakeClock(DAY_1)
    context = AppContext(clock=clock, seed=7, data_dir=tmp_path, signals=AppSignals(),
                         _records=builtin_records())
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.resize(1024, 700)
    window.show()
    home = window.home
    assert home is not None
    qtbot.mouseClick(home.mode_box.review, Qt.MouseButton.LeftButton, pos=QPoint(8, 8))
    qtbot.mouseClick(home.start_button, Qt.MouseButton.LeftButton)
    assert "still opening" in home.message.text()
    assert home.mode_box.review_note.text() == ""
    for key in ("progress", "timeline", "home"):
        window.show_screen(key)
    progress = window.progress
    timeline = window.timeline
    assert "once your history has loaded" in progress.empty.text()
    assert not timeline.legend.isVisible() and timeline.mastery == {}
    store = open_store(tmp_path / "late.sqlite3", clock=clock)
    try:
        context.store = store
        context.signals.store_ready.emit()
        assert home.mode_box.review_note.text() == "Choose a learner to see which facts are due."
    finally:
        store.close()
    assert told == []
