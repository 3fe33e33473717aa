"""Spaced review covers every record set the learner answered (a teacher's own topics too), and
offers "review ahead" when nothing is due."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from application_support import Clock, right
from gensec_quiz.application.plans import QuizPlan
from gensec_quiz.application.question_sets import QuestionSetLibrary
from gensec_quiz.application.quiz_run import QuizRun, Saved
from gensec_quiz.application.record_sets import RecordSetLibrary, import_csv
from gensec_quiz.application.review import (
    can_review_ahead,
    due_sentence,
    record_ids,
    review_plan,
    reviewable_record_sets,
)
from gensec_quiz.bank.builtin import builtin_records
from gensec_quiz.domain.errors import NothingToReview
from gensec_quiz.domain.questions import QuestionSet
from gensec_quiz.domain.records import RecordSet
from gensec_quiz.domain.session import Mode, Phase
from gensec_quiz.generation import generate_question_set
from gensec_quiz.paths import DataFolder
from gensec_quiz.storage import Store, open_store
from ui_core_support import App, FakeClock

TEACHER = Path(__file__).parent / "data" / "teacher"
TWO_DAYS = timedelta(days=2, minutes=1)


def teacher_records() -> RecordSet:
    return import_csv([TEACHER / "monarchs.csv", TEACHER / "royal_events.csv"],
                      title="British monarchs")


def teacher_set(records: RecordSet) -> QuestionSet:
    return generate_question_set(records, count=6, seed=3)


def finish_all_right(store: Store, clock: Clock | FakeClock, learner: int,
                     question_set: QuestionSet) -> None:
    """Play the whole set through the application layer, every answer right."""
    run = QuizRun(QuizPlan(question_set, mode=Mode.PRACTICE), store, clock, learner_id=learner,
                  seed=1)
    session = run.start()
    while session.phase is not Phase.FINISHED:
        question = session.current
        assert isinstance(run.submit(right(question)), Saved)
        run.advance()
    assert run.finish().saved


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def folder(tmp_path: Path) -> DataFolder:
    return DataFolder(tmp_path / "userdata")


@pytest.fixture
def store(tmp_path: Path, clock: Clock) -> Iterator[Store]:
    opened = open_store(tmp_path / "db.sqlite3", clock=clock)
    yield opened
    opened.close()


@pytest.fixture
def library(folder: DataFolder) -> RecordSetLibrary:
    library = RecordSetLibrary(folder, builtin_records)
    library.keep(teacher_records())
    return library


def test_the_review_covers_the_built_in_records_and_every_kept_import(
    library: RecordSetLibrary,
) -> None:
    sets = reviewable_record_sets(library)
    assert [records.id for records in sets] == [builtin_records().id, teacher_records().id]


def test_a_teachers_set_finished_is_offered_for_review_two_days_later(
    store: Store, clock: Clock, library: RecordSetLibrary, folder: DataFolder
) -> None:
    learner = store.add_learner("Ben")
    records = teacher_records()
    finish_all_right(store, clock, learner, teacher_set(records))
    sets = reviewable_record_sets(library)
    clock.advance(days=1)
    assert due_sentence(store, learner, sets, at=clock())[0] == 0
    clock.advance(days=1, minutes=1)
    assert due_sentence(store, learner, builtin_records(), at=clock())[0] == 0  # the old blind spot
    due, sentence = due_sentence(store, learner, sets, at=clock())
    assert due > 0 and sentence == f"{due} facts are due now."
    plan = review_plan(store, QuestionSetLibrary(folder), learner, sets, at=clock(), count=5,
                       seed=4)
    assert plan.mode is Mode.REVIEW and plan.question_set.records == records.id
    ids = record_ids(records)
    assert plan.question_set.questions
    assert all(ref.record in ids for q in plan.question_set.questions for ref in q.basis)


def test_with_nothing_due_review_ahead_asks_about_the_facts_due_soonest(
    store: Store, clock: Clock, library: RecordSetLibrary, folder: DataFolder
) -> None:
    learner = store.add_learner("Ben")
    sets = reviewable_record_sets(library)
    assert not can_review_ahead(store, learner, sets, at=clock())  # nothing met yet
    with pytest.raises(NothingToReview):
        review_plan(store, QuestionSetLibrary(folder), learner, sets, at=clock(), count=3,
                    seed=4, ahead=True)
    finish_all_right(store, clock, learner, teacher_set(teacher_records()))
    clock.advance(hours=1)
    assert due_sentence(store, learner, sets, at=clock())[0] == 0
    assert can_review_ahead(store, learner, sets, at=clock())
    with pytest.raises(NothingToReview):
        review_plan(store, QuestionSetLibrary(folder), learner, sets, at=clock(), count=3, seed=4)
    plan = review_plan(store, QuestionSetLibrary(folder), learner, sets, at=clock(), count=3,
                       seed=4, ahead=True)
    soonest = {status.card.ref for status in store.fact_statuses(learner, clock())[:3]}
    assert plan.mode is Mode.REVIEW and plan.question_set.questions
    assert all(soonest.intersection(q.basis) for q in plan.question_set.questions)
    clock.advance(days=2)
    assert not can_review_ahead(store, learner, sets, at=clock())  # something is due now


# Home ---------------------------------------------------------------------------------------


@pytest.fixture
def app(qtbot: QtBot, tmp_path: Path) -> Iterator[App]:
    application = App(qtbot, tmp_path, FakeClock(Clock().now), builtin_records())
    yield application
    application.store.close()


def started_plans(app: App) -> list[QuizPlan]:
    plans: list[QuizPlan] = []
    app.home.start_requested.connect(plans.append)
    return plans


def test_home_offers_the_review_of_a_teachers_set_two_days_later(app: App) -> None:
    records = teacher_records()
    app.context.record_sets.keep(records)
    question_set = teacher_set(records)
    app.context.question_sets.save_own(question_set)
    ben = app.store.add_learner("Ben")
    app.context.signals.data_changed.emit()
    app.context.set_learner(ben)
    finish_all_right(app.store, app.clock, ben, question_set)
    app.clock.now += TWO_DAYS
    app.window.show_screen("home")
    app.home.refresh_review()
    note = app.home.mode_box.review_note.text()
    assert note.endswith("facts are due now.") and not app.home.review_ahead_button.isVisible()
    plans = started_plans(app)
    app.qtbot.mouseClick(app.home.mode_box.review, Qt.MouseButton.LeftButton, pos=QPoint(8, 8))
    app.qtbot.mouseClick(app.home.start_button, Qt.MouseButton.LeftButton)
    [plan] = plans
    assert plan.mode is Mode.REVIEW and plan.question_set.records == records.id


def test_home_offers_review_ahead_when_nothing_is_due_and_it_starts_a_review(app: App) -> None:
    records = teacher_records()
    app.context.record_sets.keep(records)
    ben = app.store.add_learner("Ben")
    app.context.signals.data_changed.emit()
    app.context.set_learner(ben)
    app.window.show_screen("home")
    app.home.refresh_review()
    assert not app.home.review_ahead_button.isVisible()  # nothing met: nothing to review ahead
    finish_all_right(app.store, app.clock, ben, teacher_set(records))
    app.clock.now += timedelta(hours=2)
    app.home.refresh_review()
    assert app.home.mode_box.review_note.text().startswith("Nothing is due for review. Next review")
    button = app.home.review_ahead_button
    assert button.isVisible() and button.accessibleName() == "Review ahead"
    plans = started_plans(app)
    app.qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    [plan] = plans
    assert plan.mode is Mode.REVIEW and plan.question_set.records == records.id
    assert app.window.current_key() == "quiz"
