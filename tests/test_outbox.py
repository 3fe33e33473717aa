"""Losing the school server mid-quiz: the answer is kept on this PC ("saved on this PC, will be
sent when the server is back"), then sent in order and exactly once. A stand-in store plays the
server going away (the conversion of a real connection failure is tested at the end)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from application_support import Clock, question_set, right, wrong
from conftest import FakeClock
from gensec_quiz.application.outbox import Outbox
from gensec_quiz.application.plans import QuizPlan
from gensec_quiz.application.quiz_run import QuizRun, Saved, SavedLocally
from gensec_quiz.domain.errors import ServerUnreachable
from gensec_quiz.domain.session import Mode, Phase
from gensec_quiz.paths import DataFolder
from gensec_quiz.storage import Store


class Server:
    """The real store behind a switch: while `down`, every write and read of answers fails as a
    lost connection does."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.down = False

    def __getattr__(self, name: str) -> Any:
        attribute = getattr(self.store, name)
        if name in ("record_answer", "has_answer", "finish_session") and self.down:
            def unreachable(*_args: object, **_kwargs: object) -> Any:
                raise ServerUnreachable("The school server cannot be reached.")
            return unreachable
        return attribute


@pytest.fixture
def folder(data_dir: Path) -> DataFolder:
    """The data folder of the shared `store` fixture (conftest), where the outbox goes."""
    return DataFolder(data_dir)


def _quiz(server: Server, clock: FakeClock, outbox: Outbox) -> QuizRun:
    anna = server.store.add_learner("Anna")
    run = QuizRun(QuizPlan(question_set(4), mode=Mode.PRACTICE), server,  # type: ignore[arg-type]
                  clock, learner_id=anna, seed=7, outbox=outbox)
    run.start()
    return run


def _answer(run: QuizRun, clock: FakeClock, *, correct: bool = True) -> object:
    clock.advance(15)
    question = run.session.current
    result = run.submit(right(question) if correct else wrong(question))
    run.advance()
    return result


def test_an_answer_given_while_the_server_is_away_is_kept_here_then_sent_in_order(
        store: Store, clock: FakeClock, folder: DataFolder) -> None:
    server, outbox = Server(store), Outbox(folder.root)
    run = _quiz(server, clock, outbox)
    assert isinstance(_answer(run, clock), Saved)
    server.down = True
    kept = _answer(run, clock, correct=False)
    assert isinstance(kept, SavedLocally) and "Saved on this PC" in kept.sentence
    assert isinstance(_answer(run, clock), SavedLocally)  # still away: waits behind the first
    assert len(outbox.waiting()) == 2
    assert run.session_id is not None
    assert len(store.session_answers(run.session_id)) == 1  # nothing half-written there
    server.down = False
    assert isinstance(_answer(run, clock), Saved)
    assert outbox.waiting() == []
    stored = store.session_answers(run.session_id)
    assert [a.question_id for a in stored] == [q.id for q in run.session.questions]  # in order
    graded = {a.question_id: a.grade.score for a in run.session.answers}
    assert [a.score for a in stored] == [graded[a.question_id] for a in stored]  # as graded
    assert run.session.phase is Phase.FINISHED
    assert run.finish().saved and store.session(run.session_id).finished


def test_a_quiz_finished_while_the_server_is_away_is_closed_once_its_answers_are_sent(
        store: Store, clock: FakeClock, folder: DataFolder) -> None:
    server, outbox = Server(store), Outbox(folder.root)
    run = _quiz(server, clock, outbox)
    server.down = True
    for _ in range(4):
        assert isinstance(_answer(run, clock), SavedLocally)
    assert not run.finish().saved  # not closed: its answers are not on the server yet
    assert run.session_id is not None and not store.session(run.session_id).finished
    server.down = False
    sent = outbox.send(store)  # what the app does when it next opens the server
    assert (sent.sent, sent.waiting) == (4, 0)
    assert store.session(run.session_id).answered == 4


def test_an_answer_sent_but_not_yet_removed_from_the_outbox_is_never_counted_twice(
        store: Store, clock: FakeClock, folder: DataFolder) -> None:
    server, outbox = Server(store), Outbox(folder.root)
    run = _quiz(server, clock, outbox)
    server.down = True
    _answer(run, clock)
    [waiting] = outbox.waiting()
    copy = waiting.read_bytes()
    server.down = False
    assert outbox.send(store).sent == 1
    waiting.write_bytes(copy)  # a crash came after sending and before the file was removed
    assert outbox.send(store).sent == 1  # taken as sent ...
    assert run.session_id is not None
    assert len(store.session_answers(run.session_id)) == 1  # ... and stored once
    assert outbox.waiting() == []


def test_a_lost_connection_to_a_real_server_address_is_server_unreachable() -> None:
    from gensec_quiz.domain.session import Answer
    from gensec_quiz.storage.engine import create_store_engine
    from gensec_quiz.storage.repository import Store as RealStore
    from store_support import answer

    engine = create_store_engine("postgresql+psycopg://pc@127.0.0.1:1/school")  # no one there
    store = RealStore(engine, clock=Clock(), database=None, backups_dir=None)
    made: Answer = answer("q1")
    with pytest.raises(ServerUnreachable):
        store.record_answer(1, made, ())
    with pytest.raises(ServerUnreachable):
        store.has_answer(1, "q1", made.answered_at)
    engine.dispose()
