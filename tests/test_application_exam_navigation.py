"""An exam's navigator without a window: back, skip, flag, the summary page and Submit all, each
changed answer saved at once (the latest counts, after a crash too), and the wall-clock limit
ending an exam wherever the learner is in it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from application_support import Clock, question_set, right, wrong
from gensec_quiz.application.plans import QuizPlan
from gensec_quiz.application.question_sets import QuestionSetLibrary
from gensec_quiz.application.quiz_run import QuizRun, Saved
from gensec_quiz.domain.questions import DateQuestion, QuestionSet
from gensec_quiz.domain.session import Mode, Phase
from gensec_quiz.paths import DataFolder
from gensec_quiz.storage import Store, open_store


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def folder(tmp_path: Path) -> DataFolder:
    return DataFolder(tmp_path / "data").create()


@pytest.fixture
def store(folder: DataFolder, clock: Clock) -> Iterator[Store]:
    opened = open_store(folder.database, clock=clock)
    yield opened
    opened.close()


@pytest.fixture
def library(folder: DataFolder, tmp_path: Path) -> QuestionSetLibrary:
    shipped = tmp_path / "shipped"
    shipped.mkdir()
    return QuestionSetLibrary(folder, shipped=shipped)


def _exam(store: Store, clock: Clock, questions: QuestionSet | None = None,
          minutes: int | None = None) -> QuizRun:
    plan = QuizPlan(questions or question_set(), mode=Mode.EXAM,
                    time_limit=None if minutes is None else timedelta(minutes=minutes))
    run = QuizRun(plan, store, clock, learner_id=store.add_learner("Olga"), seed=7)
    run.start()
    return run


def _date_index(run: QuizRun) -> int:
    return next(i for i, q in enumerate(run.session.questions) if isinstance(q, DateQuestion))


def test_a_changed_answer_is_saved_at_once_and_the_latest_counts(
    store: Store, clock: Clock
) -> None:
    run = _exam(store, clock)
    session, where = run.session, _date_index(run)
    run.go_to(where)
    question = session.current
    assert isinstance(run.submit(wrong(question)), Saved)
    run.go_to(where)
    assert isinstance(run.submit(wrong(question)), Saved)  # the same answer: nothing written
    assert run.session_id is not None
    assert len(store.session_answers(run.session_id)) == 1
    run.go_to(where)
    assert isinstance(run.submit(right(question)), Saved)
    saved = store.session_answers(run.session_id)
    assert [a.score for a in saved] == [0.0, 1.0]
    assert store.session(run.session_id).answered == 1  # one question, answered twice
    assert run.show_summary() and session.phase is Phase.SUMMARY
    outcome = run.submit_all()
    assert outcome.saved and session.phase is Phase.FINISHED
    assert store.session(run.session_id).score == pytest.approx(1 / session.total)


def test_an_exam_changed_then_crashed_resumes_with_the_latest_answer_at_its_summary(
    folder: DataFolder, library: QuestionSetLibrary, clock: Clock
) -> None:
    questions = question_set()
    library.save_own(questions)
    before = open_store(folder.database, clock=clock)
    run = _exam(before, clock, questions)
    session = run.session
    while session.phase is Phase.ANSWERING:
        run.submit(right(session.current))
    assert session.phase is Phase.SUMMARY  # every answer in: nothing finished yet
    where = _date_index(run)
    run.go_to(where)
    run.submit(wrong(session.current))
    # the power goes before Submit all
    after = open_store(folder.database, clock=clock)
    try:
        assert run.session_id is not None
        again = QuizRun.resume(run.session_id, after, library, clock, seed=7)
        resumed = again.start()
        assert resumed.phase is Phase.SUMMARY and not after.session(run.session_id).finished
        assert resumed.answer_for(questions.questions[where].id) is not None
        score = again.submit_all()
        assert score.saved
        expected = (len(questions.questions) - 1) / len(questions.questions)
        assert after.session(run.session_id).score == pytest.approx(expected)
    finally:
        after.close()
        before.close()


def test_back_skip_and_flags_leave_answers_as_they_are(store: Store, clock: Clock) -> None:
    run = _exam(store, clock)
    session = run.session
    first = session.current
    run.submit(right(first))
    run.skip()
    run.set_flag(session.index, True)
    assert run.back() and run.back() and session.current.id == first.id
    states = session.states()
    assert [(s.answered, s.flagged) for s in states[:3]] == [(True, False), (False, False),
                                                              (False, True)]
    assert run.session_id is not None
    assert [a.question_id for a in store.session_answers(run.session_id)] == [first.id]


def test_time_running_out_on_the_summary_page_ends_the_exam_with_its_answers(
    store: Store, clock: Clock
) -> None:
    run = _exam(store, clock, minutes=5)
    run.submit(right(run.session.current))
    assert run.show_summary()
    clock.advance(minutes=5)
    assert not run.go_to(0)  # the time is up: no question opens, the exam has ended
    assert run.session.phase is Phase.FINISHED
    outcome = run.finish()
    assert outcome.saved and outcome.session.summary().answered == 1


def test_at_time_up_an_earlier_answer_shown_again_is_not_written_twice(
    store: Store, clock: Clock
) -> None:
    run = _exam(store, clock, minutes=5)
    session = run.session
    answer = right(session.current)
    run.submit(answer)
    run.back()
    clock.advance(minutes=5)
    result = run.end_at_time_up(answer)
    assert isinstance(result, Saved) and session.phase is Phase.FINISHED
    assert run.session_id is not None
    assert len(store.session_answers(run.session_id)) == 1
