"""Statistics: score history, accuracy by type, weakest facts, class overview, per question."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from gensec_quiz.domain.session import Mode
from gensec_quiz.storage import Store, open_store
from store_support import facts, record

T0 = datetime(2024, 2, 1, 8, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        self.now += timedelta(minutes=1)
        return self.now


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with open_store(tmp_path / "db.sqlite3", clock=Clock()) as opened:
        yield opened


def _quiz(store: Store, learner: int, answers: list[tuple[str, str, float, list[str]]], *,
          set_id: str = "set-a", count: int | None = None, finish: bool = True) -> int:
    session = store.start_session(learner_id=learner, question_set_id=set_id, title=set_id,
                                  mode=Mode.PRACTICE, question_count=count or len(answers))
    for question, kind, score, basis in answers:
        record(store, session, question, kind=kind, score=score, basis=facts(*basis))
    if finish:
        store.finish_session(session)
    return session


def test_score_history_lists_finished_sessions_oldest_first(store: Store) -> None:
    ada = store.add_learner("Ada")
    first = _quiz(store, ada, [("q1", "date", 0.0, [])])
    second = _quiz(store, ada, [("q1", "date", 1.0, [])])
    _quiz(store, ada, [("q1", "date", 1.0, [])], finish=False)
    history = store.score_history(ada)
    assert [(s.id, s.score) for s in history] == [(first, 0.0), (second, 1.0)]


def test_accuracy_by_type_counts_fully_right_answers(store: Store) -> None:
    ada = store.add_learner("Ada")
    _quiz(store, ada, [("q1", "date", 1.0, []), ("q2", "date", 0.5, []),
                       ("q3", "ordering", 0.25, [])])
    rows = {r.question_type: r for r in store.accuracy_by_type(ada)}
    assert (rows["date"].answers, rows["date"].right) == (2, 1)
    assert rows["date"].mean_score == pytest.approx(0.75)
    assert (rows["ordering"].answers, rows["ordering"].right) == (1, 0)


def test_weakest_facts_come_first_and_are_per_learner(store: Store) -> None:
    ada, bob = store.add_learner("Ada"), store.add_learner("Bob")
    _quiz(store, ada, [("q1", "date", 0.0, ["stalin.start", "lenin.end"]),
                       ("q2", "date", 1.0, ["lenin.end"]),
                       ("q3", "date", 0.5, ["brezhnev.start"])])
    _quiz(store, bob, [("q1", "date", 1.0, ["stalin.start"])])
    weakest = store.weakest_facts(ada, limit=3)
    # Lenin's end and Brezhnev's start both average 0.5: more attempts first.
    assert [(f.record, f.field, f.attempts) for f in weakest] == [
        ("stalin", "start", 1), ("lenin", "end", 2), ("brezhnev", "start", 1)]
    assert weakest[0].mean_score == 0.0
    assert [f.record for f in store.weakest_facts(bob)] == ["stalin"]
    assert len(store.weakest_facts(ada, limit=2)) == 2
    assert store.weakest_facts(ada, limit=0) == []


def test_class_overview_has_every_learner_and_honours_filters(store: Store) -> None:
    ada, bob, cid = (store.add_learner(n) for n in ("Ada", "Bob", "Cid"))
    _quiz(store, ada, [("q1", "date", 1.0, [])], set_id="set-a")
    _quiz(store, ada, [("q1", "date", 0.0, [])], set_id="set-b")
    middle = store.session(_quiz(store, bob, [("q1", "date", 0.5, [])], set_id="set-a"))
    _quiz(store, cid, [("q1", "date", 1.0, [])], set_id="set-a", finish=False)
    rows = {r.name: r for r in store.class_overview()}
    assert (rows["Ada"].sessions, rows["Ada"].finished, rows["Ada"].last_score) == (2, 2, 0.0)
    assert rows["Ada"].mean_score == pytest.approx(0.5) and rows["Ada"].best_score == 1.0
    assert (rows["Cid"].sessions, rows["Cid"].finished, rows["Cid"].mean_score) == (1, 0, None)
    only_a = {r.name: r for r in store.class_overview(question_set_id="set-a")}
    assert (only_a["Ada"].sessions, only_a["Ada"].last_score) == (1, 1.0)
    later = {r.name: r.sessions for r in store.class_overview(since=middle.started_at)}
    assert later == {"Ada": 0, "Bob": 1, "Cid": 1}
    earlier = {r.name: r.sessions for r in store.class_overview(until=middle.started_at)}
    assert earlier == {"Ada": 2, "Bob": 0, "Cid": 0}


def test_class_sessions_lists_every_session_with_its_learner(store: Store) -> None:
    ada, bob = store.add_learner("Ada"), store.add_learner("Bob")
    _quiz(store, bob, [("q1", "date", 1.0, [])])
    _quiz(store, ada, [("q1", "date", 1.0, [])])
    assert [s.learner_name for s in store.class_sessions()] == ["Ada", "Bob"]
    assert [s.learner_id for s in store.class_sessions(learner_id=bob)] == [bob]


def test_question_stats_per_question_of_a_set(store: Store) -> None:
    ada, bob = store.add_learner("Ada"), store.add_learner("Bob")
    _quiz(store, ada, [("q1", "date", 1.0, []), ("q2", "matching", 0.0, [])])
    _quiz(store, bob, [("q1", "date", 0.5, [])], count=2)
    _quiz(store, bob, [("q1", "date", 1.0, [])], set_id="other")
    stats = {s.question_id: s for s in store.question_stats("set-a")}
    assert (stats["q1"].attempts, stats["q1"].right) == (2, 1)
    assert stats["q1"].mean_score == pytest.approx(0.75)
    assert (stats["q2"].question_type, stats["q2"].attempts, stats["q2"].right) == (
        "matching", 1, 0)
