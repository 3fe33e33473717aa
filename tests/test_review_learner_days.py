"""A learner over simulated days, through the real pieces: generator, quiz session, store.

Monday: a practice quiz on the built-in records, every question on Andropov or Chernenko
answered wrong. Tuesday: Review mode brings exactly those facts back, first. Progress shows
those records weakest until they are reviewed.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from gensec_quiz.bank.builtin import builtin_records
from gensec_quiz.domain.dates import PartialDate
from gensec_quiz.domain.questions import (
    DateQuestion,
    DateResponse,
    MatchingQuestion,
    MatchingResponse,
    OrderingResponse,
    Question,
    Response,
)
from gensec_quiz.domain.records import RecordSet
from gensec_quiz.domain.session import Mode, Phase, QuizSession
from gensec_quiz.generation import generate_for_facts, generate_question_set
from gensec_quiz.storage import Store, open_store

MONDAY = datetime(2025, 3, 3, 18, 0, tzinfo=UTC)
WEAK = ("andropov", "chernenko")


class Clock:
    def __init__(self) -> None:
        self.now = MONDAY

    def __call__(self) -> datetime:
        return self.now


def is_weak(question: Question) -> bool:
    return any(name in fact.record for fact in question.basis for name in WEAK)


def right(question: Question) -> Response:
    if isinstance(question, DateQuestion):
        return DateResponse(question.answer)
    if isinstance(question, MatchingQuestion):
        return MatchingResponse(tuple(pair.right for pair in question.pairs))
    return OrderingResponse(tuple(range(len(question.items))))


def wrong(question: Question) -> Response:
    if isinstance(question, DateQuestion):
        return DateResponse(PartialDate(question.answer.year + 40))
    if isinstance(question, MatchingQuestion):
        rights = [pair.right for pair in question.pairs]
        if len(rights) == 1:  # a multiple choice: a distractor, since one pair turns into itself
            return MatchingResponse((question.extra_right[0],))
        return MatchingResponse(tuple(rights[1:] + rights[:1]))
    return OrderingResponse(tuple(reversed(range(len(question.items)))))


def play(store: Store, learner: int, questions: tuple[Question, ...], *, mode: Mode,
         clock: Clock, knows_weak: bool) -> None:
    """Answer every question (weak ones wrong unless `knows_weak`), recording each answer."""
    session_id = store.start_session(learner_id=learner, question_set_id="sim", title="Sim",
                                     mode=mode, question_count=len(questions))
    quiz = QuizSession(questions, mode=mode, clock=clock, rng=random.Random(7))
    while quiz.phase is not Phase.FINISHED:
        question = quiz.current
        response = right(question) if knows_weak or not is_weak(question) else wrong(question)
        answer = quiz.submit(response)
        store.record_answer(session_id, answer, question.basis)
        clock.now += timedelta(seconds=20)
        quiz.advance()
    store.finish_session(session_id)


@pytest.fixture
def records() -> RecordSet:
    return builtin_records()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store(tmp_path: Path, clock: Clock) -> Iterator[Store]:
    opened = open_store(tmp_path / "learners.sqlite3", clock=clock)
    yield opened
    opened.close()


def monday(store: Store, records: RecordSet, clock: Clock) -> tuple[int, set[str]]:
    """The practice quiz; returns the learner and the facts they missed."""
    learner = store.add_learner("Anna")
    practice = generate_question_set(records, count=12, seed=3).questions
    missed = {fact.key() for q in practice if is_weak(q) for fact in q.basis}
    assert missed and len(missed) < len({f.key() for q in practice for f in q.basis})
    play(store, learner, practice, mode=Mode.PRACTICE, clock=clock, knows_weak=False)
    return learner, missed


def test_the_facts_missed_on_monday_are_reviewed_first_on_tuesday(
        store: Store, records: RecordSet, clock: Clock) -> None:
    learner, missed = monday(store, records, clock)
    record_ids = {r.id for r in records.tenures} | {r.id for r in records.events} | {
        r.id for r in records.offices}
    clock.now = MONDAY + timedelta(days=1, hours=1)
    plan = store.plan_review(learner, records=record_ids)
    assert {fact.key() for fact in plan} == missed  # the facts known on Monday wait till Wednesday
    review = generate_for_facts(records, plan, count=6, seed=11).questions
    tested = [{fact.key() for fact in q.basis} for q in review]
    assert plan[0].key() in tested[0]
    covering = [i for i, keys in enumerate(tested) if keys & missed]
    assert covering and covering == list(range(len(covering)))  # due facts first, then others
    play(store, learner, review, mode=Mode.REVIEW, clock=clock, knows_weak=True)
    reviewed = {fact.key() for q in review for fact in q.basis}
    assert {fact.key() for fact in store.plan_review(learner)} == missed - reviewed


def test_progress_shows_the_missed_records_weakest_until_reviewed(
        store: Store, records: RecordSet, clock: Clock) -> None:
    learner, missed = monday(store, records, clock)
    weak_records = {key.rpartition(".")[0] for key in missed}
    tuesday = MONDAY + timedelta(days=1, hours=1)
    mastery = store.mastery(learner, tuesday)
    weakest = sorted(mastery, key=lambda record: mastery[record])[:len(weak_records)]
    assert set(weakest) == weak_records
    loads = store.review_forecast(learner, MONDAY + timedelta(hours=2))
    assert loads[1].due == len(missed) and loads[0].due == 0
    assert store.streak(learner, tuesday) == 1
    clock.now = tuesday
    review = generate_for_facts(records, store.plan_review(learner), count=6, seed=11)
    play(store, learner, review.questions, mode=Mode.REVIEW, clock=clock, knows_weak=True)
    later = tuesday + timedelta(hours=1)
    assert store.streak(learner, later) == 2
    reviewed = {fact.key() for q in review.questions for fact in q.basis}
    assert {s.key for s in store.due_facts(learner, later)} == missed - reviewed
    after = store.mastery(learner, later)
    assert all(after[record] > mastery[record] for record in weak_records
               if any(key.startswith(record + ".") for key in reviewed))
