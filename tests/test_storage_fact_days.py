"""The class's weakest facts within dates (issue 13) come from per-day totals kept on write
(schema 5) and the answers of the hours at either end: always what grouping every answer of
the sessions started in those dates gives, across midnights, after merging and deleting
learners, and in a file upgraded from schema 4."""

from __future__ import annotations

import random
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from gensec_quiz.domain.session import Mode
from gensec_quiz.storage import Store, open_store
from store_support import facts, record

DAY = datetime(2024, 3, 4, tzinfo=UTC)
FIXTURES = Path(__file__).parent / "data" / "storage"


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def _grouped(path: Path, *, since: datetime | None, until: datetime | None,
             question_set_id: str | None = None) -> list[tuple[str, str, int, int, float]]:
    """Every answer of the sessions started in [since, until), grouped by fact, read straight
    from the file: the oracle."""
    conditions, values = ["1 = 1"], []
    if since is not None:
        conditions.append("s.started_at >= ?")
        values.append(_stamp(since))
    if until is not None:
        conditions.append("s.started_at < ?")
        values.append(_stamp(until))
    if question_set_id is not None:
        conditions.append("s.question_set_id = ?")
        values.append(question_set_id)
    connection = sqlite3.connect(path)
    try:
        rows = connection.execute(
            "SELECT f.record, f.field, count(DISTINCT f.learner_id), count(*), avg(f.score) "
            "FROM answer_facts f JOIN answers a ON a.id = f.answer_id "
            "JOIN quiz_sessions s ON s.id = a.session_id "
            f"WHERE {' AND '.join(conditions)} GROUP BY f.record, f.field", values).fetchall()
    finally:
        connection.close()
    rows.sort(key=lambda row: (row[4], -row[3], row[0], row[1]))
    return [(str(r[0]), str(r[1]), int(r[2]), int(r[3]), float(r[4])) for r in rows]


def _weakest(store: Store, *, since: datetime | None, until: datetime | None,
             question_set_id: str | None = None) -> list[tuple[str, str, int, int, float]]:
    return [(f.record, f.field, f.learners, f.attempts, f.mean_score)
            for f in store.class_weakest_facts(question_set_id=question_set_id, since=since,
                                               until=until, limit=1000)]


RANGES: list[dict[str, datetime | None]] = [
    {"since": DAY + timedelta(hours=10), "until": DAY + timedelta(days=2, hours=10)},
    {"since": DAY, "until": DAY + timedelta(days=2)},  # whole days only
    {"since": None, "until": DAY + timedelta(days=1, hours=13)},
    {"since": DAY + timedelta(days=1, hours=13), "until": None},
    {"since": DAY + timedelta(days=1, hours=1), "until": DAY + timedelta(days=1, hours=5)},
    {"since": DAY + timedelta(hours=23), "until": DAY + timedelta(days=1, hours=1)},
    {"since": DAY + timedelta(days=9), "until": DAY + timedelta(days=10)},  # nothing
]


def _filled(path: Path) -> None:
    """Three learners, two sets, sessions every few hours over four days, around midnight."""
    chooser = random.Random(13)
    moment = [DAY - timedelta(hours=2)]
    with open_store(path, clock=lambda: moment[0]) as store:
        learners = [store.add_learner(name) for name in ("Ада", "Ben", "Chloé")]
        for number in range(26):
            moment[0] = DAY - timedelta(hours=2) + timedelta(hours=3.7 * number)
            learner = learners[number % 3]
            session = store.start_session(
                learner_id=learner, question_set_id=f"set-{number % 2}", title="T",
                mode=Mode.PRACTICE, question_count=4)
            for question in range(4):
                keys = chooser.sample([f"r{n}.start" for n in range(6)] + ["r1.end"], 2)
                record(store, session, f"q{question}", score=chooser.choice((0, .25, .5, 1)),
                       basis=facts(*keys))


def test_weakest_facts_within_dates_match_every_answer_grouped(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    _filled(path)
    with open_store(path) as store:
        for dates in RANGES:
            for question_set_id in (None, "set-1"):
                found = [(r, f, n, a, pytest.approx(m)) for r, f, n, a, m in _weakest(
                    store, question_set_id=question_set_id, **dates)]
                assert found == _grouped(path, question_set_id=question_set_id, **dates), dates
        assert len(store.class_weakest_facts(limit=3, **RANGES[0])) == 3


def test_merging_and_deleting_learners_keep_the_days_right(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    _filled(path)
    with open_store(path) as store:
        store.merge_learners(1, 3)
        store.delete_learner(2)
        for dates in RANGES:
            found = [(r, f, n, a, pytest.approx(m)) for r, f, n, a, m in _weakest(store,
                                                                                   **dates)]
            assert found == _grouped(path, **dates), dates


def test_a_schema_4_file_gets_its_days_from_its_answers(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    connection = sqlite3.connect(path)
    connection.executescript((FIXTURES / "schema_v4.sql").read_text(encoding="utf-8"))
    connection.close()
    with open_store(path) as store:
        for dates in RANGES:
            found = [(r, f, n, a, pytest.approx(m)) for r, f, n, a, m in _weakest(store,
                                                                                   **dates)]
            assert found == _grouped(path, **dates), dates
        whole = _weakest(store, since=DAY, until=DAY + timedelta(days=2))
    assert [(r, f, n, a) for r, f, n, a, _ in whole] == [
        ("brezhnev-1964", "end", 1, 1), ("stalin-1922", "start", 2, 2),
        ("khrushchev-1953", "start", 1, 2)]
