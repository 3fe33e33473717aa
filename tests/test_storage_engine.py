"""The engine factory: PRAGMAs on every connection, writes begin with BEGIN IMMEDIATE."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlmodel import Session

from gensec_quiz.storage import open_store
from gensec_quiz.storage.engine import (
    BUSY_TIMEOUT_MS,
    create_store_engine,
    is_url,
    writer,
)


def test_every_connection_gets_wal_full_sync_foreign_keys_and_busy_timeout(
        tmp_path: Path) -> None:
    engine = create_store_engine(tmp_path / "db.sqlite3")
    try:
        with engine.connect() as connection:
            value = {name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()
                     for name in ("journal_mode", "synchronous", "foreign_keys", "busy_timeout")}
    finally:
        engine.dispose()
    assert value == {"journal_mode": "wal", "synchronous": 2, "foreign_keys": 1,
                     "busy_timeout": BUSY_TIMEOUT_MS}


def test_a_write_takes_the_write_lock_at_begin(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    engine = create_store_engine(path)
    other = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        with Session(writer(engine)) as session, session.begin():
            session.connection()  # BEGIN IMMEDIATE, before any statement of ours
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
        other.execute("BEGIN IMMEDIATE")  # released at commit
        other.execute("ROLLBACK")
    finally:
        other.close()
        engine.dispose()


def test_a_read_does_not_block_writers(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    engine = create_store_engine(path)
    other = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        with Session(engine) as session:
            session.connection().execute(text("SELECT 1"))
            other.execute("BEGIN IMMEDIATE")
            other.execute("ROLLBACK")
    finally:
        other.close()
        engine.dispose()


def test_a_rolled_back_write_leaves_nothing(tmp_path: Path) -> None:
    engine = create_store_engine(tmp_path / "db.sqlite3")
    try:
        with engine.begin() as connection:
            connection.exec_driver_sql("CREATE TABLE t (x INTEGER)")
        with pytest.raises(RuntimeError), writer(engine).begin() as connection:
            connection.exec_driver_sql("INSERT INTO t VALUES (1)")
            raise RuntimeError
        with engine.connect() as connection:
            assert connection.exec_driver_sql("SELECT count(*) FROM t").scalar() == 0
    finally:
        engine.dispose()


def test_paths_and_urls_are_told_apart() -> None:
    assert is_url("postgresql+psycopg://user@host/quiz")
    assert is_url("sqlite:///x.db")
    assert not is_url("C:\\Users\\a\\quiz.sqlite3") and not is_url(Path("quiz.sqlite3"))


def test_open_store_accepts_a_sqlalchemy_url(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'by-url.sqlite3'}"
    with open_store(url) as store:
        learner = store.add_learner("Ada")
        assert store.learner(learner).name == "Ada"
        assert store.database is None  # a server database: backups are the server's job
    with open_store(tmp_path / "by-url.sqlite3") as store:
        assert [info.name for info in store.learners()] == ["Ada"]


def test_no_engine_exists_at_import_time() -> None:
    from sqlalchemy import Engine

    import gensec_quiz.storage as storage
    import gensec_quiz.storage.engine as engine_module

    for module in (storage, engine_module):
        assert not [n for n, v in vars(module).items() if isinstance(v, Engine)]


def test_answers_wait_for_the_disk_every_fifth_commit_and_every_other_write_each_time(
        tmp_path: Path) -> None:
    from sqlalchemy import Engine, event
    from sqlalchemy.engine import Connection

    from gensec_quiz.domain.session import Mode
    from store_support import facts, record

    levels: dict[int, str] = {}
    commits: list[str] = []

    def seen(connection: Connection, _cursor: object, statement: str, *_args: object) -> None:
        key = id(connection.connection.dbapi_connection)
        if statement.startswith("PRAGMA synchronous = "):
            levels[key] = statement.rsplit(" ", 1)[1]
        elif statement == "BEGIN IMMEDIATE":
            commits.append(levels.get(key, "FULL"))

    event.listen(Engine, "before_cursor_execute", seen)
    try:
        with open_store(tmp_path / "db.sqlite3") as store:
            commits.clear()  # creating the file
            learner = store.add_learner("Ada")
            session = store.start_session(learner_id=learner, question_set_id="s", title="S",
                                          mode=Mode.PRACTICE, question_count=12)
            for number in range(12):
                record(store, session, f"q{number}", score=1.0, basis=facts("t.start"))
            store.finish_session(session)
    finally:
        event.remove(Engine, "before_cursor_execute", seen)
    answers = ["NORMAL"] * 4 + ["FULL"] + ["NORMAL"] * 4 + ["FULL"] + ["NORMAL"] * 2
    assert commits == ["FULL", "FULL", *answers, "FULL"]
