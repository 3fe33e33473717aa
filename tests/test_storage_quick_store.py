"""The start-up's QuickStore gives what the Store gives: the same learners and unfinished sessions,
the same learner row written, the same refusals, on a connection set up the same way; it opens
only what `open_store` would open as it is, and needs neither the ORM nor pydantic."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from gensec_quiz.domain.session import Mode
from gensec_quiz.storage import DamagedDatabase, Store, StoreError, open_store
from gensec_quiz.storage.backups import list_backups
from gensec_quiz.storage.migrations import LATEST_VERSION
from gensec_quiz.storage.quick_store import (
    SCHEMA_DIGEST,
    SCHEMA_VERSION,
    QuickStore,
    open_quick_store,
    schema_digest,
)
from gensec_quiz.storage.schema import expected_schema
from store_support import facts, record

NOW = datetime(2026, 3, 2, 9, 30, 15, 123456, tzinfo=UTC)


def _clock() -> datetime:
    return NOW


def _class(path: Path) -> Path:
    """Anna (one quiz finished, one left with an answer, one not begun) and Борис."""
    with open_store(path, clock=_clock) as store:
        anna = store.add_learner("Anna")
        store.add_learner("Борис")
        done = store.start_session(learner_id=anna, question_set_id="s", title="S",
                                   mode=Mode.PRACTICE, question_count=2)
        record(store, done, "q1", basis=facts("t.start"))
        store.finish_session(done)
        left = store.start_session(learner_id=anna, question_set_id="s", title="S again",
                                   mode=Mode.EXAM, question_count=3)
        record(store, left, "q1", basis=facts("t.start"))
        store.start_session(learner_id=anna, question_set_id="t", title="T", mode=Mode.PRACTICE,
                            question_count=1)
    return path


@pytest.fixture
def quick(tmp_path: Path) -> Iterator[QuickStore]:
    found = open_quick_store(_class(tmp_path / "db.sqlite3"), clock=_clock)
    assert found is not None
    yield found
    found.close()


def test_the_quick_store_knows_the_schema_the_store_writes() -> None:
    assert SCHEMA_VERSION == LATEST_VERSION, (
        "a new schema: check quick_store.py's queries against it, then update SCHEMA_VERSION "
        "and SCHEMA_DIGEST")
    assert schema_digest(expected_schema()) == SCHEMA_DIGEST


def test_the_quick_store_lists_what_the_store_lists(quick: QuickStore) -> None:
    with open_store(quick.database, clock=_clock) as store:
        anna = store.learner_by_name("anna")
        assert anna is not None
        assert quick.learners() == store.learners()
        assert quick.unfinished_sessions(anna.id) == store.unfinished_sessions(anna.id)
    assert [s.title for s in quick.unfinished_sessions(anna.id)] == ["T", "S again"]


def test_the_quick_connection_is_set_up_as_the_stores(quick: QuickStore, tmp_path: Path) -> None:
    pragmas = ("busy_timeout", "journal_mode", "synchronous", "foreign_keys", "cache_size")
    with open_store(tmp_path / "other.sqlite3") as store:
        raw = store._engine.raw_connection()
        try:
            expected = [raw.cursor().execute(f"PRAGMA {name}").fetchone() for name in pragmas]
        finally:
            raw.close()
    connection = quick._connection
    assert [connection.execute(f"PRAGMA {name}").fetchone() for name in pragmas] == expected


def _sql(path: Path, statement: str) -> None:
    with contextlib.closing(sqlite3.connect(path)) as connection:
        connection.execute(statement)
        connection.commit()


def _row(path: Path, name: str) -> tuple[object, ...]:
    with contextlib.closing(sqlite3.connect(path)) as connection:
        row: tuple[object, ...] = connection.execute(
            "SELECT name, name_key, created_at FROM learners WHERE name = ?", (name,)).fetchone()
    return row


def test_a_learner_added_quickly_is_the_row_the_store_writes(quick: QuickStore,
                                                            tmp_path: Path) -> None:
    name = "  Zoë\u00a0 van  Dijk "
    added = quick.add_learner(name)
    with open_store(tmp_path / "other.sqlite3", clock=_clock) as store:
        store.add_learner(name)
    assert _row(quick.database, "Zoë van Dijk") == _row(tmp_path / "other.sqlite3", "Zoë van Dijk")
    with open_store(quick.database, clock=_clock) as store:
        assert store.learner(added) == next(i for i in quick.learners() if i.id == added)
        assert store.learner(added).created_at == NOW


@pytest.mark.parametrize("name", ["", "   ", "ANNA", " anna ", "Line\nbreak", "Zero\u200bwidth",
                                  "\u0410nna", "x" * 201])
def test_the_quick_store_refuses_what_the_store_refuses(quick: QuickStore, tmp_path: Path,
                                                       name: str) -> None:
    store = open_store(_class(tmp_path / "other.sqlite3"), clock=_clock)
    try:
        with pytest.raises(StoreError) as slow:
            store.add_learner(name)
    finally:
        store.close()
    with pytest.raises(StoreError) as fast:
        quick.add_learner(name)
    assert fast.value.problems == slow.value.problems  # each sentence with its place
    assert not quick.changed


def test_closing_backs_up_only_when_a_learner_was_added(tmp_path: Path) -> None:
    path = _class(tmp_path / "db.sqlite3")
    folder = tmp_path / "backups"
    before = len(list_backups(folder))
    unchanged = open_quick_store(path, clock=_clock)
    assert unchanged is not None
    unchanged.learners()
    unchanged.close()
    assert len(list_backups(folder)) == before
    changed = open_quick_store(path, clock=_clock)
    assert changed is not None
    changed.add_learner("Chen")
    changed.close()
    backups = list_backups(folder)
    assert len(backups) == before + 1
    with contextlib.closing(sqlite3.connect(backups[0].path)) as copy:
        assert copy.execute("SELECT count(*) FROM learners WHERE name = 'Chen'").fetchone() == (1,)


def test_a_replaced_file_is_never_written_to(quick: QuickStore) -> None:
    replacement = quick.database.with_name("replacement.sqlite3")
    replacement.write_bytes(quick.database.read_bytes())
    os.replace(replacement, quick.database)
    with pytest.raises(StoreError, match="replaced or removed"):
        quick.add_learner("Chen")


def test_a_store_and_a_quick_store_write_to_one_file_side_by_side(quick: QuickStore) -> None:
    with open_store(quick.database, clock=_clock) as store:
        quick.add_learner("Chen")
        store.add_learner("Dana")
        with pytest.raises(StoreError, match="already exists"):
            store.add_learner("chen")
        with pytest.raises(StoreError, match="already exists"):
            quick.add_learner("DANA")
        assert quick.learners() == store.learners()


def _older(path: Path) -> Path:
    _sql(_class(path), f"PRAGMA user_version = {SCHEMA_VERSION - 1}")
    return path


def _newer(path: Path) -> Path:
    _sql(_class(path), f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    return path


def _foreign(path: Path) -> Path:
    _sql(_class(path), "CREATE TABLE notes (text TEXT)")
    return path


def _empty(path: Path) -> Path:
    path.write_bytes(b"")
    return path


@pytest.mark.parametrize("make", [_older, _newer, _foreign, _empty])
def test_only_a_file_the_store_opens_as_it_is_is_opened_quickly(tmp_path: Path, make: object
                                                                ) -> None:
    assert callable(make)
    path = make(tmp_path / "db.sqlite3")
    before = path.read_bytes()
    assert open_quick_store(path, clock=_clock) is None
    assert open_quick_store(tmp_path / "missing.sqlite3", clock=_clock) is None
    assert path.read_bytes() == before  # left untouched for `open_store`
    assert not (tmp_path / "missing.sqlite3").exists()


def test_a_damaged_file_is_set_aside_as_the_store_does(tmp_path: Path) -> None:
    path = _class(tmp_path / "db.sqlite3")
    with open_store(path, clock=_clock) as store:
        good = store.backup("manual")
    path.write_bytes(b"this is not SQLite" + path.read_bytes()[18:])
    broken = path.read_bytes()
    with pytest.raises(DamagedDatabase) as caught:
        open_quick_store(path, clock=_clock)
    assert good in caught.value.good_backups
    assert caught.value.kept_as is not None and caught.value.kept_as.read_bytes() == broken
    assert not path.exists()


def test_the_quick_store_imports_neither_the_orm_nor_pydantic(tmp_path: Path) -> None:
    path = _class(tmp_path / "db.sqlite3")
    code = ("import sys; from pathlib import Path; from datetime import datetime, UTC\n"
            "from gensec_quiz.storage.quick_store import open_quick_store\n"
            f"quick = open_quick_store(Path({str(path)!r}), clock=lambda: datetime.now(UTC))\n"
            "names = [learner.name for learner in quick.learners()]\n"
            "left = len(quick.unfinished_sessions(quick.learners()[0].id)); quick.close()\n"
            "print(names, left, sorted(m for m in ('sqlalchemy', 'sqlmodel', 'pydantic')"
            " if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "['Anna', 'Борис'] 2 []"


def test_a_store_opened_after_the_quick_store_reads_what_it_wrote(quick: QuickStore) -> None:
    added = quick.add_learner("Chen")
    store: Store = open_store(quick.database, clock=_clock)
    try:
        assert store.learner(added).name == "Chen"
    finally:
        store.close()
