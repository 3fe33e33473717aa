"""Schema versions: old files open and keep their data; upgrades are all-or-nothing."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy.engine import Connection

from gensec_quiz.storage import NewerSchemaError, NotOurDatabaseError, open_store
from gensec_quiz.storage.backups import backup_path, list_backups
from gensec_quiz.storage.engine import create_store_engine
from gensec_quiz.storage.migrations import LATEST_VERSION, upgrade
from store_support import facts, record

FIXTURES = Path(__file__).resolve().parent / "data" / "storage"


def build(sql_name: str, target: Path) -> Path:
    """A real database file built from a checked-in SQL text fixture."""
    connection = sqlite3.connect(target)
    connection.executescript((FIXTURES / sql_name).read_text(encoding="utf-8"))
    connection.close()
    return target


def schema(path: Path) -> set[tuple[str, str, str]]:
    connection = sqlite3.connect(path)
    try:
        rows = connection.execute("SELECT type, name, sql FROM sqlite_master "
                                  "WHERE name NOT LIKE 'sqlite_%'").fetchall()
    finally:
        connection.close()
    return {(kind, name, " ".join((sql or "").split())) for kind, name, sql in rows}


def version(path: Path) -> int:
    connection = sqlite3.connect(path)
    try:
        return int(connection.execute("PRAGMA user_version").fetchone()[0])
    finally:
        connection.close()


def test_a_schema_1_file_opens_and_keeps_its_data(tmp_path: Path) -> None:
    path = build("schema_v1.sql", tmp_path / "old.sqlite3")
    with open_store(path) as store:
        anna = store.learner_by_name("анна ахматова")
        assert anna is not None and anna.last_score == pytest.approx(5 / 9)
        answers = store.session_answers(1)
        assert [a.question_id for a in answers] == ["q1", "q2"]
        assert answers[0].response == {"order": [2, 0, 1]}
        assert [f.record for f in store.weakest_facts(anna.id)][:2] == [
            "khrushchev-1953", "stalin-1922"]
        jose = store.learner_by_name("JOSÉ")
        assert jose is not None
        assert [s.id for s in store.unfinished_sessions(jose.id)] == [2]
        record(store, 2, "q4", basis=facts("t.start"))
    assert version(path) == LATEST_VERSION


@pytest.mark.parametrize("fixture", ["schema_v1.sql", "../review/schema_v2.sql",
                                     "schema_v3.sql", "schema_v4.sql"])
def test_every_old_file_upgrades_to_exactly_the_schema_of_a_new_file(
    tmp_path: Path, fixture: str
) -> None:
    old = build(fixture, tmp_path / "old.sqlite3")
    open_store(old).close()
    new = tmp_path / "new.sqlite3"
    open_store(new).close()
    assert schema(old) == schema(new)


def test_a_file_from_a_newer_version_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = build("schema_v1.sql", tmp_path / "future.sqlite3")
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA user_version = 99")
    connection.close()
    before = path.read_bytes()
    with pytest.raises(NewerSchemaError, match=r"newer version of GenSec Quiz \(schema 99"):
        open_store(path)
    assert path.read_bytes() == before


def test_an_sqlite_file_of_another_program_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite3"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE invoices (id INTEGER)")
    connection.close()
    with pytest.raises(NotOurDatabaseError, match="invoices"):
        open_store(path)


def _backup_to(folder: Path, path: Path) -> Callable[[str], Path]:
    def take(reason: str) -> Path:
        return backup_path(path, folder=folder, reason=reason, now=datetime.now(UTC))
    return take


def _add_cards(connection: Connection) -> None:
    connection.exec_driver_sql("CREATE TABLE cards (id INTEGER PRIMARY KEY, due TEXT)")
    connection.exec_driver_sql("ALTER TABLE learners ADD COLUMN review_goal INTEGER")


def test_a_migration_is_backed_up_first_then_applied_whole(tmp_path: Path) -> None:
    path = build("schema_v1.sql", tmp_path / "db.sqlite3")
    engine = create_store_engine(path)
    try:
        found = upgrade(engine, where=str(path), backup=_backup_to(tmp_path / "b", path),
                        migrations={2: _add_cards}, latest=2)
    finally:
        engine.dispose()
    assert found == 1 and version(path) == 2
    assert ("table", "cards") in {(kind, name) for kind, name, _ in schema(path)}
    [saved] = list_backups(tmp_path / "b")
    assert saved.reason == "before-migration-v1-to-v2" and version(saved.path) == 1


def test_a_migration_that_fails_midway_leaves_the_old_schema_whole(tmp_path: Path) -> None:
    path = build("schema_v1.sql", tmp_path / "db.sqlite3")
    before = schema(path)

    def breaks_halfway(connection: Connection) -> None:
        connection.exec_driver_sql("CREATE TABLE reviews (id INTEGER PRIMARY KEY)")
        connection.exec_driver_sql("DELETE FROM answers")
        raise OSError("the power went out")

    engine = create_store_engine(path)
    try:
        with pytest.raises(OSError, match="power"):
            upgrade(engine, where=str(path), backup=None,
                    migrations={2: _add_cards, 3: breaks_halfway}, latest=3)
    finally:
        engine.dispose()
    assert version(path) == 1 and schema(path) == before
    with open_store(path) as store:
        assert len(store.session_answers(1)) == 2
