"""Review cards in the learner database: a schema-1 file upgraded, cards in step with answers."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from conftest import SERVER_URL, empty_server_database
from gensec_quiz.domain.questions import BasisRef
from gensec_quiz.domain.session import Mode
from gensec_quiz.review import FactCard, replay
from gensec_quiz.storage import Store, open_store
from gensec_quiz.storage.backups import list_backups
from gensec_quiz.storage.migrations import LATEST_VERSION
from store_support import facts, record

# Upgrading an old schema-1 or schema-2 SQLite file: no school server ever had those schemas
# (the server came with schema 4), so there is nothing to run against one.
SQLITE_FILE_ONLY = pytest.mark.skipif(bool(SERVER_URL), reason="upgrades an old SQLite file; "
                                      "no server database had schema 1 or 2")

DATA = Path(__file__).resolve().parent / "data"
T0 = datetime(2025, 3, 3, 18, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store(tmp_path: Path, clock: Clock) -> Iterator[Store]:
    opened = open_store(tmp_path / "learners.sqlite3", clock=clock)
    yield opened
    opened.close()


def answer(store: Store, session: int, basis: list[str], score: float, at: datetime) -> int:
    return record(store, session, f"q-{at.isoformat()}", score=score, basis=facts(*basis),
                  at=at)


def learner_with_session(store: Store, name: str = "Anna") -> tuple[int, int]:
    learner = store.add_learner(name)
    return learner, store.start_session(learner_id=learner, question_set_id="gensec",
                                        title="GenSec", mode=Mode.PRACTICE, question_count=50)


def expected_cards(store: Store, learner_id: int) -> list[FactCard]:
    """What replaying every answer the store holds for the learner gives."""
    history = [(a.answered_at, list(a.basis), a.score)
               for s in store.score_history(learner_id) + store.unfinished_sessions(learner_id)
               for a in store.session_answers(s.id)]
    return replay(history, learner_id=learner_id)


def build(fixture: str, target: Path) -> Path:
    """A real database file from a checked-in SQL text fixture."""
    connection = sqlite3.connect(target)
    connection.executescript((DATA / fixture).read_text(encoding="utf-8"))
    connection.close()
    return target


def table_names(path: Path) -> set[str]:
    connection = sqlite3.connect(path)
    try:
        rows = connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        return {row[0] for row in rows}
    finally:
        connection.close()


@SQLITE_FILE_ONLY
def test_a_schema_1_file_gains_the_review_tables_and_keeps_its_data(tmp_path: Path) -> None:
    path = build("storage/schema_v1.sql", tmp_path / "old.sqlite3")
    with open_store(path, clock=Clock()) as store:
        anna = store.learner_by_name("Анна Ахматова")
        assert anna is not None
        assert [a.question_id for a in store.session_answers(1)] == ["q1", "q2"]
        cards = store.review_cards(anna.id)
        assert [c.key for c in cards] == [
            "brezhnev-1964.start", "khrushchev-1953.start", "stalin-1922.start"]
        assert cards == expected_cards(store, anna.id)
        assert [c.last_review for c in cards] == [
            datetime(2024, 1, 15, 10, 3, 30, tzinfo=UTC), *[datetime(2024, 1, 15, 10, 3,
                                                                     tzinfo=UTC)] * 2]
    assert {"review_cards", "review_log"} <= table_names(path)
    [saved] = [b for b in list_backups(tmp_path / "backups")
               if b.reason == f"before-migration-v1-to-v{LATEST_VERSION}"]
    assert not {"review_cards", "review_log"} & table_names(saved.path)


@SQLITE_FILE_ONLY
def test_a_schema_2_file_opens_with_its_cards_as_they_were(tmp_path: Path) -> None:
    path = build("review/schema_v2.sql", tmp_path / "v2.sqlite3")
    with open_store(path, clock=Clock()) as store:
        anna = store.learner_by_name("анна ахматова")
        assert anna is not None and store.learner_by_name("José") is not None
        assert [a.question_id for a in store.session_answers(1)] == ["q1", "q2", "q3"]
        assert store.sync_review(anna.id) == 0  # every answer was applied before
        cards = {card.key: card for card in store.review_cards(anna.id)}
        assert list(cards.values()) == expected_cards(store, anna.id)
        andropov = cards["andropov-1982.start"]
        assert (andropov.reps, andropov.state.value) == (2, "review")
        assert andropov.due == datetime(2025, 2, 14, 17, 3, 10, tzinfo=UTC)
    # the only backup is the one taken before the later schemas were added
    assert [b.reason for b in list_backups(tmp_path / "backups")] == [
        f"before-migration-v2-to-v{LATEST_VERSION}"]


def test_cards_follow_every_recorded_answer(store: Store, clock: Clock) -> None:
    anna, session = learner_with_session(store)
    for day, (basis, score) in enumerate([(["a.start", "b.end"], 1.0), (["a.start"], 0.0),
                                          (["b.end", "c.date"], 0.75)]):
        answer(store, session, basis, score, T0 + timedelta(days=2 * day))
    cards = store.review_cards(anna)
    assert cards == expected_cards(store, anna)
    assert [(c.key, c.reps) for c in cards] == [("a.start", 2), ("b.end", 2), ("c.date", 1)]


def test_each_answer_is_applied_once_however_often_cards_are_read(tmp_path: Path) -> None:
    path: str | Path = tmp_path / "shared.sqlite3"
    if SERVER_URL:  # two PCs on one school server
        empty_server_database(SERVER_URL)
        path = SERVER_URL
    with open_store(path, clock=Clock()) as first, open_store(path, clock=Clock()) as second:
        anna, session = learner_with_session(first)
        answer(first, session, ["a.start"], 1.0, T0)  # applied as it is recorded (schema 4)
        assert [c.reps for c in second.review_cards(anna)] == [1]
        assert second.sync_review(anna) == 0
        assert first.sync_review(anna) == 0
        answer(second, session, ["a.start"], 1.0, T0 + timedelta(days=2))
        assert [c.reps for c in first.review_cards(anna)] == [2]
        assert [c.reps for c in second.review_cards(anna)] == [2]


def test_an_answer_older_than_the_last_applied_one_rebuilds_the_history(store: Store) -> None:
    anna, session = learner_with_session(store)
    answer(store, session, ["a.start"], 1.0, T0 + timedelta(days=5))
    store.sync_review(anna)
    answer(store, session, ["a.start"], 0.0, T0)  # recorded late, answered first
    assert store.review_cards(anna) == expected_cards(store, anna)
    assert store.review_cards(anna)[0].last_review == T0 + timedelta(days=5)


def test_merged_learners_keep_one_history_and_deleted_ones_leave_no_cards(store: Store) -> None:
    anna, anna_session = learner_with_session(store, "Anna")
    boris, boris_session = learner_with_session(store, "Boris")
    answer(store, anna_session, ["a.start"], 1.0, T0 + timedelta(days=3))
    answer(store, boris_session, ["a.start", "b.end"], 0.0, T0)
    assert len(store.review_cards(anna)) == 1 and len(store.review_cards(boris)) == 2
    store.merge_learners(anna, boris)
    merged = store.review_cards(anna)
    assert merged == expected_cards(store, anna)
    assert [(c.key, c.reps) for c in merged] == [("a.start", 2), ("b.end", 1)]
    store.delete_learner(anna)
    assert store.review_cards(anna) == []


def test_the_store_answers_the_progress_and_review_questions(store: Store, clock: Clock) -> None:
    anna, session = learner_with_session(store)
    assert store.next_due(anna) is None and store.plan_review(anna) == []
    answer(store, session, ["stalin.start", "stalin.end"], 1.0, T0 - timedelta(days=1))
    answer(store, session, ["lenin.start"], 0.0, T0 - timedelta(days=1))
    answer(store, session, ["lenin.end"], 1.0, T0)
    assert store.streak(anna) == 2
    assert [s.key for s in store.due_facts(anna)] == ["lenin.start"]
    assert store.plan_review(anna, T0 + timedelta(days=3)) == [
        BasisRef("lenin", "start"), BasisRef("stalin", "end"), BasisRef("stalin", "start"),
        BasisRef("lenin", "end")]
    assert store.next_due(anna) == T0
    assert store.next_due(anna, records={"stalin"}) == T0 + timedelta(days=1)
    assert store.next_due(anna, records={"trotsky"}) is None
    assert [d.due for d in store.review_forecast(anna, days=3)] == [1, 2, 1]
    mastery = store.mastery(anna, T0 + timedelta(days=2))
    assert set(mastery) == {"lenin", "stalin"} and mastery["lenin"] < mastery["stalin"]
    clock.now = T0 + timedelta(days=2)
    assert store.streak(anna) == 0


_TEXT = st.text(min_size=1, max_size=6, alphabet=st.characters(codec="utf-8"))


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(answers=st.lists(st.tuples(st.lists(st.tuples(_TEXT, _TEXT), min_size=1, max_size=3),
                                  st.sampled_from([0.0, 0.5, 1.0]),
                                  st.integers(min_value=-48, max_value=48)),
                        min_size=1, max_size=5))
@example(answers=[([("a.b", "c"), ("a", "b.c")], 0.0, 0), ([("a", "b.c")], 1.0, -5)])
def test_any_facts_are_applied_exactly_once_and_as_replay_gives(
        store: Store, answers: list[tuple[list[tuple[str, str]], float, int]]) -> None:
    learner, session = learner_with_session(store, f"L{len(store.learners())}")
    for pairs, score, hours in answers:
        basis = tuple(BasisRef(record_id, name) for record_id, name in pairs)
        record(store, session, "q", score=score, basis=basis, at=T0 + timedelta(hours=hours))
    assert store.review_cards(learner) == expected_cards(store, learner)
    assert store.sync_review(learner) == 0


def test_answers_without_facts_count_for_the_streak_only(store: Store) -> None:
    anna, session = learner_with_session(store)
    answer(store, session, [], 1.0, T0)
    assert store.review_cards(anna) == [] and store.streak(anna) == 1
