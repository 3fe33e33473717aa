"""Hardening (issue 13): restore and open only what is ours; faults are sentences, not damage."""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from gensec_quiz.cli import main
from gensec_quiz.domain.session import Mode
from gensec_quiz.paths import DataFolder
from gensec_quiz.storage import NotOurDatabaseError, StoreError, open_store, restore_file
from store_support import facts, record

NOW = datetime(2024, 9, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
def data(tmp_path: Path) -> DataFolder:
    return DataFolder(tmp_path / "class-data")


def _fill(database: Path, name: str = "Анна", answers: int = 3) -> None:
    with open_store(database, clock=lambda: NOW - timedelta(hours=1)) as store:
        learner = store.add_learner(name)
        session = store.start_session(learner_id=learner, question_set_id="s", title="S",
                                      mode=Mode.PRACTICE, question_count=answers)
        for number in range(answers):
            record(store, session, f"q{number}", score=1.0, basis=facts("t.start"))


def _learners(database: Path) -> list[str]:
    with open_store(database) as store:
        return [info.name for info in store.learners()]


def _sqlite_file(path: Path, *statements: str) -> Path:
    connection = sqlite3.connect(path)
    for statement in statements:
        connection.execute(statement)
    connection.commit()
    connection.close()
    return path


def _foreign_backups(tmp_path: Path) -> dict[str, Path]:
    ours = tmp_path / "ours.sqlite3"
    _fill(ours)
    without_facts = tmp_path / "no-facts.sqlite3"
    without_facts.write_bytes(ours.read_bytes())
    _sqlite_file(without_facts, "DROP TABLE answer_facts")
    empty = tmp_path / "empty.sqlite3"
    empty.write_bytes(b"")
    return {
        "empty file": empty,
        "another program's file": _sqlite_file(tmp_path / "other.sqlite3",
                                               "CREATE TABLE notes (id INTEGER, body TEXT)"),
        "version 3 and no tables": _sqlite_file(tmp_path / "v3.sqlite3",
                                                "PRAGMA user_version = 3"),
        "answer_facts missing": without_facts,
    }


@pytest.mark.parametrize("kind", ["empty file", "another program's file",
                                  "version 3 and no tables", "answer_facts missing"])
def test_restore_refuses_a_file_that_is_not_ours_and_changes_nothing(
        tmp_path: Path, data: DataFolder, kind: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    _fill(data.database, "Ада")
    before = _learners(data.database)
    backup = _foreign_backups(tmp_path)[kind]
    assert main(["db", "restore", str(backup)], data=data) == 1
    err = capsys.readouterr().err
    assert "not a GenSec Quiz" in err and "Traceback" not in err
    assert _learners(data.database) == before == ["Ада"]
    with pytest.raises(StoreError):
        restore_file(database=data.database, backup=backup, backups_dir=data.backups, now=NOW)


@pytest.mark.parametrize("kind", ["version 3 and no tables", "answer_facts missing"])
def test_opening_and_db_check_refuse_a_file_whose_tables_are_not_ours(
        tmp_path: Path, data: DataFolder, kind: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    data.create()
    data.database.write_bytes(_foreign_backups(tmp_path)[kind].read_bytes())
    found = data.database.read_bytes()
    with pytest.raises(NotOurDatabaseError, match="not a GenSec Quiz"):
        open_store(data.database)
    assert main(["db", "check"], data=data) == 1
    out = capsys.readouterr().out
    assert "not a GenSec Quiz" in out and "damaged" not in out
    assert main(["scores"], data=data) == 1
    assert "not a GenSec Quiz" in capsys.readouterr().err
    assert data.database.read_bytes() == found


def test_an_upgraded_old_file_and_a_new_file_pass_the_schema_comparison(data: DataFolder) -> None:
    _fill(data.database)
    with open_store(data.database) as store:
        assert store.learners()


# The read-only data folder: tests/test_storage_read_only.py (it runs as root too).


def test_db_check_under_an_exclusive_lock_says_locked_not_damaged(
        data: DataFolder, capsys: pytest.CaptureFixture[str]) -> None:
    _fill(data.database)
    holder = sqlite3.connect(data.database, isolation_level=None)
    holder.execute("PRAGMA journal_mode = DELETE")
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        status = main(["db", "check"], data=data)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    captured = capsys.readouterr()
    assert status == 1
    assert "damaged" not in captured.out + captured.err
    assert "locked" in captured.err


def test_a_corruption_that_breaks_text_decoding_is_damage_and_the_file_is_kept_aside(
        data: DataFolder, capsys: pytest.CaptureFixture[str]) -> None:
    _fill(data.database)
    raw = bytearray(data.database.read_bytes())
    at = raw.find(b"CREATE TABLE learners")
    assert at > 0
    raw[at + 13: at + 21] = b"\xff\xfe\xff\xfe\xff\xfe\xff\xfe"  # the table's name, not UTF-8
    data.database.write_bytes(bytes(raw))
    assert main(["db", "check"], data=data) == 1
    assert "damaged" in capsys.readouterr().out
    assert main(["scores"], data=data) == 1
    err = capsys.readouterr().err
    assert "damaged" in err and "Traceback" not in err
    assert not data.database.exists()
    assert list(data.root.glob("gensec-quiz.sqlite3.damaged-*"))


def test_a_wal_of_another_program_beside_the_database_is_never_applied(
        tmp_path: Path, data: DataFolder) -> None:
    other = tmp_path / "other.sqlite3"
    connection = sqlite3.connect(other, isolation_level=None)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA wal_autocheckpoint = 0")
    connection.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    connection.executemany("INSERT INTO notes (body) VALUES (?)",
                           [("x" * 300,) for _ in range(200)])
    foreign_wal = other.with_name(other.name + "-wal").read_bytes()
    assert foreign_wal  # read while the writer still has it open, as a crash leaves it

    _fill(data.database, "Ада", answers=3)
    data.database.with_name(data.database.name + "-wal").write_bytes(foreign_wal)
    with open_store(data.database) as store:
        assert [info.name for info in store.learners()] == ["Ада"]
        assert store.check() == []
    connection.close()
    kept = list(data.root.glob("gensec-quiz.sqlite3-wal.foreign-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == foreign_wal


def test_text_that_is_not_utf8_is_damage_for_db_check_and_a_sentence_for_every_command(
        data: DataFolder, capsys: pytest.CaptureFixture[str]) -> None:
    _fill(data.database, "Ада")
    raw = bytearray(data.database.read_bytes())
    at = raw.find("Ада".encode())
    raw[at:at + 2] = b"\xff\xfe"  # the learner's name, no longer UTF-8; SQLite's checks pass
    data.database.write_bytes(bytes(raw))
    assert main(["db", "check"], data=data) == 1
    out = capsys.readouterr().out
    assert "damaged" in out and "learners.name" in out
    for command in (["scores"], ["scores", "--learner", "Ада"]):
        assert main(command, data=data) == 1
        err = capsys.readouterr().err
        assert "damaged" in err and "Traceback" not in err and "sqlalche" not in err


def test_deleting_the_lock_file_while_the_app_runs_lets_no_second_copy_in(
        data: DataFolder, capsys: pytest.CaptureFixture[str]) -> None:
    from gensec_quiz.storage.instance import InstanceLock

    _fill(data.database)
    first = InstanceLock(data.root)
    assert first.acquire()
    try:
        first.path.unlink()
        assert not InstanceLock(data.root).acquire()
        backup = _backup_of(data)
        assert main(["db", "restore", str(backup)], data=data) == 1
        assert "already open" in capsys.readouterr().err
    finally:
        first.release()
    second = InstanceLock(data.root)
    assert second.acquire()  # once the first is gone, the next one starts
    second.release()


def _backup_of(data: DataFolder) -> Path:
    with open_store(data.database, backups_dir=data.backups) as store:
        return store.backup("manual")


def test_db_restore_is_refused_while_any_connection_has_the_database_open(
        data: DataFolder, capsys: pytest.CaptureFixture[str]) -> None:
    _fill(data.database, "Ада")
    backup = _backup_of(data)
    with open_store(data.database, backups_dir=data.backups) as store:
        learner = store.learners()[0].id
        assert main(["db", "restore", str(backup)], data=data) == 1
        err = capsys.readouterr().err
        assert "close it before restoring" in err and "Traceback" not in err
        session = store.start_session(learner_id=learner, question_set_id="s", title="S",
                                      mode=Mode.PRACTICE, question_count=1)
        saved = record(store, session, "late", score=1.0, basis=facts("t.start"))
    with open_store(data.database) as store:
        assert [a.id for a in store.session_answers(session)] == [saved]


def test_a_store_whose_file_was_replaced_writes_nothing_and_says_so(data: DataFolder) -> None:
    _fill(data.database, "Ада")
    backup = _backup_of(data)
    store = open_store(data.database, backups_dir=data.backups)
    try:
        store.learners()
        replacement = data.root / "swap.sqlite3"
        replacement.write_bytes(backup.read_bytes())
        os.replace(replacement, data.database)
        with pytest.raises(StoreError, match="replaced or removed"):
            store.add_learner("Боб")
    finally:
        store.close()
    assert _learners(data.database) == ["Ада"]


def test_a_stored_time_that_is_not_a_time_is_damage_told_in_a_sentence(
        data: DataFolder, capsys: pytest.CaptureFixture[str]) -> None:
    _fill(data.database, "Ада")
    connection = sqlite3.connect(data.database, isolation_level=None)
    connection.execute("UPDATE answers SET answered_at = '\x14@26-12-03 10:43:07.540292'")
    # `due` reads the review cards (kept on write since schema 4), not the answers' times.
    connection.execute("UPDATE review_cards SET due = '\x14@26-12-03 10:43:07.540292'")
    connection.close()
    assert main(["due", "--learner", "Ада"], data=data) == 1
    err = capsys.readouterr().err
    assert "damaged" in err and "Something went wrong" not in err
    with open_store(data.database) as store, pytest.raises(StoreError, match="damaged"):
        store.session_answers(1)
