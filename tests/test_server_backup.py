"""Backups of the school server (PostgreSQL): pg_dump when it fits the server, else the app's
logical export; each restored whole or not at all, a newer or cut backup refused. Against the
real server under `make test-server`; the file naming and the tool's version always."""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from conftest import SERVER_URL, FakeClock, empty_server_database
from gensec_quiz.domain.questions import BasisRef
from gensec_quiz.storage import NewerSchemaError, Store, StoreError, open_store
from gensec_quiz.storage.migrations import LATEST_VERSION
from gensec_quiz.storage.server_backup import (
    backup_server,
    backup_tables,
    export_logical,
    list_server_backups,
    tool_major,
)
from store_support import record

needs_server = pytest.mark.skipif(not SERVER_URL, reason="needs the test server: "
                                  "`make test-server`")
needs_pg_dump = pytest.mark.skipif(tool_major("pg_dump") is None,
                                   reason="needs PostgreSQL's client tools (pg_dump)")


def _fake_tool(folder: Path, version: str) -> str:
    """A `pg_dump` that only tells its version (and fails at anything else)."""
    path = folder / "pg_dump"
    path.write_text(f"#!/bin/sh\n[ \"$1\" = --version ] && echo 'pg_dump (PostgreSQL) {version}'"
                    " && exit 0\nexit 3\n", encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return str(path)


def test_the_tools_version_is_read_from_what_it_prints(tmp_path: Path) -> None:
    assert tool_major(_fake_tool(tmp_path, "15.18 (Debian 15.18-0+deb12u1)")) == 15
    assert tool_major(str(tmp_path / "missing")) is None


def test_server_backups_are_listed_newest_first_and_other_files_ignored(tmp_path: Path) -> None:
    for name in ("gensec-quiz-server-20240301T090000Z-manual.pgdump",
                 "gensec-quiz-server-20240302T090000Z-before-restore.jsonl",
                 "gensec-quiz-server-20240302T090000Z-before-restore~2.jsonl",
                 "gensec-quiz-20240303T090000Z-manual.sqlite3", "notes.txt",
                 "gensec-quiz-server-20240304T090000Z-manual.jsonl.partial"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    listed = list_server_backups(tmp_path)
    assert [b.path.name for b in listed] == [
        "gensec-quiz-server-20240302T090000Z-before-restore~2.jsonl",
        "gensec-quiz-server-20240302T090000Z-before-restore.jsonl",
        "gensec-quiz-server-20240301T090000Z-manual.pgdump"]
    assert listed[-1].taken_at == datetime(2024, 3, 1, 9, tzinfo=UTC)
    assert listed[-1].reason == "manual"


# --------------------------------------------------------------------------- on the real server


@pytest.fixture
def server(tmp_path: Path, clock: FakeClock) -> Iterator[Store]:
    """A store on the emptied test server, its backups in a folder of the test's, with a
    learner, a session and answers that fill every table (facts, review, totals)."""
    empty_server_database(SERVER_URL)
    store = open_store(SERVER_URL, clock=clock, backups_dir=tmp_path / "backups")
    learner = store.add_learner("Anna Pavlova")
    session = store.start_session(learner_id=learner, question_set_id="builtin", title="Quiz",
                                  mode="practice", question_count=3)
    for number, score in enumerate((1.0, 0.5, 0.0)):
        clock.advance(60)
        record(store, session, f"q{number}", score=score,
               basis=(BasisRef("stalin", "start"), BasisRef(f"event{number}", "date")))
    store.finish_session(session)
    yield store
    store.close()


def _snapshot() -> dict[str, list[tuple[object, ...]]]:
    """Every row of every GenSec Quiz table on the server, in key order."""
    engine = create_engine(SERVER_URL, poolclass=NullPool)
    try:
        with engine.connect() as connection:
            found = {}
            for table in backup_tables():
                order = ", ".join(f'"{c.name}"' for c in table.primary_key.columns) or "1"
                found[table.name] = [tuple(row) for row in connection.execute(
                    text(f'SELECT * FROM "{table.name}" ORDER BY {order}'))]
            return found
    finally:
        engine.dispose()


def _change_everything(store: Store, clock: FakeClock) -> None:
    learner = store.add_learner("Boris")
    session = store.start_session(learner_id=learner, question_set_id="builtin", title="Later",
                                  mode="practice", question_count=1)
    clock.advance(60)
    record(store, session, "q9", basis=(BasisRef("lenin", "end"),))
    anna = store.learner_by_name("Anna Pavlova")
    assert anna is not None
    store.rename_learner(anna.id, "Anna P.")


@needs_server
@needs_pg_dump
def test_a_pg_dump_backup_puts_every_table_back(server: Store, clock: FakeClock) -> None:
    before = _snapshot()
    assert all(before[name] for name in ("answer_facts", "review_cards", "fact_totals"))
    saved = server.backup("manual")
    assert saved.suffix == ".pgdump" and saved.read_bytes().startswith(b"PGDMP")
    _change_everything(server, clock)
    assert _snapshot() != before
    kept = server.restore(saved)
    assert _snapshot() == before
    assert kept is not None and "before-restore" in kept.name
    # the ids go on after the restored ones
    assert server.add_learner("Clara") == max(row[0] for row in before["learners"]) + 1


@needs_server
def test_without_pg_dump_the_logical_export_puts_every_table_back(
        server: Store, clock: FakeClock, tmp_path: Path) -> None:
    before = _snapshot()
    saved = backup_server(server._engine, folder=tmp_path / "backups", reason="manual",
                          now=clock(), use_tools=False)
    assert saved.suffix == ".jsonl"
    lines = saved.read_text(encoding="utf-8").splitlines()
    header, end = json.loads(lines[0]), json.loads(lines[-1])
    assert header["schema_version"] == LATEST_VERSION
    assert end == {"end": True, "rows": len(lines) - 2}
    assert [t["name"] for t in header["tables"]] == [t.name for t in backup_tables()]
    _change_everything(server, clock)
    server.restore(saved)
    assert _snapshot() == before
    assert server.add_learner("Clara") == max(row[0] for row in before["learners"]) + 1


@needs_server
def test_a_pg_dump_older_than_the_server_gives_way_to_the_logical_export(
        server: Store, clock: FakeClock, tmp_path: Path) -> None:
    saved = backup_server(server._engine, folder=tmp_path / "backups", reason="manual",
                          now=clock(), pg_dump=_fake_tool(tmp_path, "9.6.24"))
    assert saved.suffix == ".jsonl"
    # a pg_dump of the right version that fails all the same: still a backup
    failing = backup_server(server._engine, folder=tmp_path / "backups", reason="manual",
                            now=clock(), pg_dump=_fake_tool(tmp_path, "99.0"))
    assert failing.suffix == ".jsonl" and failing != saved
    assert not list((tmp_path / "backups").glob("*.partial"))


def _rewrite(path: Path, change: Callable[[list[str]], list[str]]) -> Path:
    lines = path.read_text(encoding="utf-8").splitlines()
    changed = change(lines)
    path.write_text("\n".join(changed) + "\n", encoding="utf-8")
    return path


@needs_server
def test_a_backup_from_a_newer_schema_is_refused_and_nothing_changes(
        server: Store, clock: FakeClock, tmp_path: Path) -> None:
    saved = export_logical(server._engine, folder=tmp_path, reason="manual", now=clock())

    def newer(lines: list[str]) -> list[str]:
        header = json.loads(lines[0])
        header["schema_version"] = 99
        return [json.dumps(header), *lines[1:]]

    _rewrite(saved, newer)
    before = _snapshot()
    with pytest.raises(NewerSchemaError, match=r"newer version of GenSec Quiz \(schema 99"):
        server.restore(saved)
    assert _snapshot() == before


@needs_server
def test_a_cut_or_damaged_backup_restores_nothing(
        server: Store, clock: FakeClock, tmp_path: Path) -> None:
    saved = export_logical(server._engine, folder=tmp_path, reason="manual", now=clock())
    whole = saved.read_text(encoding="utf-8")
    _change_everything(server, clock)
    before = _snapshot()
    _rewrite(saved, lambda lines: lines[:-1])
    with pytest.raises(StoreError, match="incomplete, and nothing was restored"):
        server.restore(saved)
    assert _snapshot() == before

    def bad_row(lines: list[str]) -> list[str]:
        row = json.loads(lines[-2])
        row["r"] = row["r"][:-1]
        return [*lines[:-2], json.dumps(row), lines[-1]]

    saved.write_text(whole, encoding="utf-8")
    _rewrite(saved, bad_row)
    with pytest.raises(StoreError, match="wrong number of values"):
        server.restore(saved)
    assert _snapshot() == before


@needs_server
def test_db_backup_and_restore_work_on_the_school_server(
        server: Store, clock: FakeClock, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    from gensec_quiz.cli import main
    from gensec_quiz.paths import DataFolder

    before = _snapshot()
    folder = DataFolder(tmp_path / "pc", SERVER_URL)
    assert main(["db", "backup"], data=folder) == 0
    out = capsys.readouterr().out
    assert "Backed up the school server" in out and ":***@" in out
    assert "gensec_test:gensec_test@" not in out
    _change_everything(server, clock)
    assert main(["db", "restore"], data=folder) == 0
    out = capsys.readouterr().out
    assert "on the school server" in out and "backed up to" in out
    assert _snapshot() == before
    assert not folder.database.exists()
    assert main(["db", "restore", str(tmp_path / "nothing.jsonl")], data=folder) == 1
    assert "There is no backup file" in capsys.readouterr().err


@needs_server
def test_the_apps_backups_list_and_restore_on_the_server(
        server: Store, clock: FakeClock) -> None:
    from gensec_quiz.application.history import History

    history = History(server)
    before = _snapshot()
    made = history.back_up_now()
    assert [b.path for b in history.backups()] == [made]
    _change_everything(server, clock)
    restored = history.restore_backup(made, learner_id=None)
    assert restored.kept_as is not None and _snapshot() == before
    assert len(history.backups()) == 2
    # the app takes no periodic or closing backups of a server: every PC would copy it all
    assert server.maybe_backup(now=clock.now.replace(year=2030)) is None


@needs_server
def test_a_backup_file_is_its_owners_only(server: Store, clock: FakeClock,
                                         tmp_path: Path) -> None:
    previous = os.umask(0o077)
    try:
        saved = server.backup("manual")
    finally:
        os.umask(previous)
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600


def _set_server_schema(version: int) -> None:
    engine = create_engine(SERVER_URL, poolclass=NullPool)
    try:
        with engine.begin() as connection:
            connection.execute(text("UPDATE gensec_quiz_schema SET version = :v"), {"v": version})
    finally:
        engine.dispose()


@needs_server
@needs_pg_dump
def test_a_pg_dump_of_a_newer_schema_is_refused_and_nothing_changes(server: Store) -> None:
    _set_server_schema(99)
    try:
        saved = server.backup("manual")
    finally:
        _set_server_schema(LATEST_VERSION)
    assert saved.suffix == ".pgdump"
    before = _snapshot()
    with pytest.raises(NewerSchemaError, match=r"schema 99"):
        server.restore(saved)
    assert _snapshot() == before


@needs_server
@needs_pg_dump
def test_a_pg_dump_backup_on_a_pc_without_pg_restore_is_refused_with_a_sentence(
        server: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    from gensec_quiz.storage import server_backup

    saved = server.backup("manual")
    monkeypatch.setattr(server_backup.shutil, "which", lambda _name: None)
    with pytest.raises(StoreError, match=r"pg_restore .* is not installed on this PC"):
        server.restore(saved)
