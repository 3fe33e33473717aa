"""Schema 4's running totals agree with the answers they summarise, through every write (record,
merge, delete) and through the upgrade of an older file; the streak read from the activity
table is the streak of every answer, in any time zone."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from gensec_quiz.domain.session import Mode
from gensec_quiz.review import replay, streak
from gensec_quiz.storage import Store, open_store
from gensec_quiz.storage.migrations import LATEST_VERSION
from store_support import facts, record

FIXTURES = Path(__file__).resolve().parent / "data" / "storage"
T0 = datetime(2025, 3, 3, 18, 5, tzinfo=UTC)


def _from_answers(path: Path) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    """Per learner, set and fact, and per question of a set: what grouping every answer
    gives (the totals must say the same)."""
    connection = sqlite3.connect(path)
    try:
        fact_rows = connection.execute(
            "SELECT f.learner_id, s.question_set_id, f.record, f.field, count(*), "
            "round(sum(f.score), 9) FROM answer_facts f JOIN answers a ON a.id = f.answer_id "
            "JOIN quiz_sessions s ON s.id = a.session_id GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4"
        ).fetchall()
        question_rows = connection.execute(
            "SELECT s.question_set_id, a.question_id, a.question_type, count(*), "
            "sum(a.score >= 1.0 - 1e-9), round(sum(a.score), 9) FROM answers a "
            "JOIN quiz_sessions s ON s.id = a.session_id GROUP BY 1, 2, 3 ORDER BY 1, 2, 3"
        ).fetchall()
    finally:
        connection.close()
    return fact_rows, question_rows


def _totals(path: Path) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    connection = sqlite3.connect(path)
    try:
        fact_rows = connection.execute(
            "SELECT learner_id, question_set_id, record, field, attempts, round(score_sum, 9) "
            "FROM fact_totals ORDER BY 1, 2, 3, 4").fetchall()
        question_rows = connection.execute(
            "SELECT question_set_id, question_id, question_type, attempts, right_answers, "
            "round(score_sum, 9) FROM question_totals ORDER BY 1, 2, 3").fetchall()
    finally:
        connection.close()
    return fact_rows, question_rows


def _session(store: Store, learner: int, question_set: str) -> int:
    return store.start_session(learner_id=learner, question_set_id=question_set, title="T",
                               mode=Mode.PRACTICE, question_count=10)


def test_the_totals_agree_with_the_answers_after_records_merges_and_deletions(
        tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    with open_store(path, clock=lambda: T0) as store:
        anna, boris, vera = (store.add_learner(name) for name in ("Anna", "Boris", "Vera"))
        for number, (learner, question_set) in enumerate(
                [(anna, "a"), (anna, "b"), (boris, "a"), (vera, "b"), (boris, "b")]):
            session = _session(store, learner, question_set)
            for question in range(4):
                record(store, session, f"q{question}", score=(number + question) % 3 / 2,
                       basis=facts(f"r{question}.start", f"r{question + 1}.end"),
                       at=T0 + timedelta(hours=number, minutes=question))
        assert _totals(path) == _from_answers(path)
        store.merge_learners(anna, boris)
        assert _totals(path) == _from_answers(path)
        store.delete_learner(vera)
        assert _totals(path) == _from_answers(path)
        weakest = store.weakest_facts(anna, limit=3)
        class_weakest = store.class_weakest_facts(limit=3)
        set_weakest = store.class_weakest_facts(question_set_id="a", limit=3)
        dated = store.class_weakest_facts(since=T0 - timedelta(days=1), limit=3)
        stats = store.question_stats("b")
    assert [(f.record, f.field) for f in weakest] == [(f.record, f.field) for f in class_weakest]
    assert [(f.record, f.field, f.attempts) for f in class_weakest] == [
        (f.record, f.field, f.attempts) for f in dated]  # the join query says the same
    assert all(f.learners == 1 for f in class_weakest + set_weakest)
    assert sum(s.attempts for s in stats) == 8  # Anna's and Boris's "b" (Vera's deleted)


def test_an_older_file_upgrades_with_its_totals_and_its_review_cards_catch_up_on_the_next_answer(
        tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    connection = sqlite3.connect(path)
    connection.executescript((FIXTURES / "schema_v1.sql").read_text(encoding="utf-8"))
    connection.close()
    with open_store(path) as store:
        anna = store.learner_by_name("анна ахматова")
        assert anna is not None
        lagging = store.review_cards(anna.id)  # applied in memory: nothing written
    assert _totals(path) == _from_answers(path)
    connection = sqlite3.connect(path)
    try:
        assert connection.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
        backlog = {row[0] for row in connection.execute("SELECT learner_id FROM review_backlog")}
        assert anna.id in backlog
        assert connection.execute("SELECT count(*) FROM review_log").fetchone()[0] == 0
    finally:
        connection.close()
    with open_store(path) as store:
        history = [(a.answered_at, list(a.basis), a.score)
                   for s in store.score_history(anna.id) + store.unfinished_sessions(anna.id)
                   for a in store.session_answers(s.id)]
        assert lagging == replay(history, learner_id=anna.id)
        session = store.start_session(learner_id=anna.id, question_set_id="s", title="S",
                                      mode=Mode.PRACTICE, question_count=1)
        record(store, session, "late", score=1.0, basis=facts("stalin-1922.start"),
               at=datetime(2030, 1, 1, tzinfo=UTC))
        cards = store.review_cards(anna.id)
        history.append((datetime(2030, 1, 1, tzinfo=UTC), list(facts("stalin-1922.start")),
                        1.0))
        assert cards == replay(history, learner_id=anna.id)
    connection = sqlite3.connect(path)
    try:
        left = {row[0] for row in connection.execute("SELECT learner_id FROM review_backlog")}
        assert anna.id not in left
    finally:
        connection.close()


@pytest.mark.parametrize("offset", [timedelta(hours=0), timedelta(hours=5, minutes=45),
                                    timedelta(hours=-9, minutes=-30)])
def test_the_streak_from_quarter_hours_is_the_streak_of_every_answer(
        tmp_path: Path, offset: timedelta) -> None:
    zone = timezone(offset)
    moments = []
    with open_store(tmp_path / "db.sqlite3", clock=lambda: T0) as store:
        learner = store.add_learner("Anna")
        session = _session(store, learner, "a")
        for day in range(6):
            local_midnight = datetime(2025, 3, 3 + day, tzinfo=zone)
            for minutes in (-16, -1, 0, 14, 29) if day != 3 else ():
                moment = (local_midnight + timedelta(minutes=minutes)).astimezone(UTC)
                moments.append(moment)
                record(store, session, f"q{len(moments)}", basis=facts("r.start"), at=moment)
        for at in (datetime(2025, 3, 8, 12, tzinfo=zone), datetime(2025, 3, 9, 0, tzinfo=zone),
                   datetime(2025, 3, 5, 23, 59, tzinfo=zone),
                   datetime(2025, 3, 8, 0, 0, tzinfo=zone) + timedelta(minutes=5)):
            assert store.streak(learner, at) == streak(moments, at=at)


def test_a_schema_3_file_upgrades_with_cards_equal_to_replaying_every_answer(
        tmp_path: Path) -> None:
    path = tmp_path / "v3.sqlite3"
    connection = sqlite3.connect(path)
    connection.executescript((FIXTURES / "schema_v3.sql").read_text(encoding="utf-8"))
    connection.close()
    with open_store(path) as store:
        for info in store.learners():
            history = [(a.answered_at, list(a.basis), a.score)
                       for s in store.score_history(info.id) + store.unfinished_sessions(info.id)
                       for a in store.session_answers(s.id)]
            assert history
            assert store.review_cards(info.id) == replay(history, learner_id=info.id)
        assert store.session_settings(2).time_limit_seconds == 600
    assert _totals(path) == _from_answers(path)
