"""Backups (P5): when they are taken, what the schedule keeps, and restoring one."""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from gensec_quiz.domain.session import Mode
from gensec_quiz.storage import Store, StoreError, open_store
from gensec_quiz.storage.backups import (
    backup_path,
    check_file,
    list_backups,
    prune,
    retained,
)
from gensec_quiz.storage.records import BackupInfo
from store_support import facts, record

NOW = datetime(2024, 6, 15, 18, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> datetime:
        return self.now


def _info(taken: datetime, name: str | None = None) -> BackupInfo:
    return BackupInfo(path=Path(name or taken.isoformat()), taken_at=taken, reason="periodic",
                      size=1)


def _kept(taken: list[datetime], now: datetime = NOW) -> list[datetime]:
    infos = [_info(t) for t in taken]
    keep = retained(infos, now)
    return sorted(i.taken_at for i in infos if i.path in keep)


# -- the retention schedule -------------------------------------------------------------------

def test_every_backup_of_the_last_24_hours_is_kept() -> None:
    today = [NOW - timedelta(minutes=30 * n) for n in range(48)]
    assert _kept(today) == sorted(today)


TODAY = [NOW - timedelta(hours=h) for h in (1, 2, 3)]


def test_older_backups_thin_to_the_newest_of_each_day_for_a_week() -> None:
    three_a_day = [NOW - timedelta(days=d, hours=h) for d in range(2, 7) for h in (1, 5, 9)]
    newest_each_day = [NOW - timedelta(days=d, hours=1) for d in range(2, 7)]
    assert _kept(TODAY + three_a_day) == sorted(TODAY + newest_each_day)


def test_then_one_a_week_for_eight_weeks_then_one_a_month_for_a_year() -> None:
    daily = [NOW - timedelta(days=d) for d in range(8, 400)]
    kept = [t for t in _kept(TODAY + daily) if t not in TODAY]
    recent = [t for t in kept if NOW - t < timedelta(weeks=8)]
    older = [t for t in kept if NOW - t >= timedelta(weeks=8)]
    weeks_with_backups = {t.isocalendar()[:2] for t in daily if NOW - t < timedelta(weeks=8)}
    assert {t.isocalendar()[:2] for t in recent} == weeks_with_backups
    # A week's newest, plus a month's newest when that is another day of the week.
    assert len(recent) <= len(weeks_with_backups) + 3
    assert len(older) == len({(t.year, t.month) for t in older})
    for kept_one in older:  # each is the newest backup of its month
        same_month = [t for t in daily if (t.year, t.month) == (kept_one.year, kept_one.month)]
        assert kept_one == max(same_month)
    assert all(NOW - t < timedelta(days=365) for t in kept)


def test_the_three_newest_backups_are_kept_however_old() -> None:
    ancient = [NOW - timedelta(days=1000 + d) for d in range(5)]
    assert _kept(ancient) == sorted(ancient)[-3:]


def test_prune_deletes_only_what_the_schedule_drops(tmp_path: Path) -> None:
    source = tmp_path / "db.sqlite3"
    open_store(source).close()
    folder = tmp_path / "backups"
    for hours in (0, 1, 49, 50, 51):
        backup_path(source, folder=folder, reason="periodic", now=NOW - timedelta(hours=hours))
    (folder / "notes.txt").write_text("not a backup", encoding="utf-8")
    stale = folder / "gensec-quiz-20240101T000000Z-close.sqlite3.partial"
    fresh = folder / "gensec-quiz-20240615T175959Z-close.sqlite3.partial"
    for partial in (stale, fresh):
        partial.write_bytes(b"half a copy")
    os.utime(stale, (time.time() - 7200, time.time() - 7200))
    removed = prune(folder, NOW)
    assert len(removed) == 3 and stale in removed  # two dropped backups, one stale copy
    assert (folder / "notes.txt").exists() and fresh.exists()
    assert len(list_backups(folder)) == 3


# -- when backups are taken ------------------------------------------------------------------

@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store(tmp_path: Path, clock: Clock) -> Store:
    return open_store(tmp_path / "db.sqlite3", clock=clock)


def _write(store: Store) -> int:
    learner = store.learner_by_name("Ada")
    learner_id = learner.id if learner is not None else store.add_learner("Ada")
    session = store.start_session(learner_id=learner_id, question_set_id="s", title="S",
                                  mode=Mode.PRACTICE, question_count=1)
    return record(store, session, "q", basis=facts("t.start"))


def test_close_backs_up_only_when_something_changed(tmp_path: Path, clock: Clock) -> None:
    open_store(tmp_path / "db.sqlite3", clock=clock).close()
    assert list_backups(tmp_path / "backups") == []
    store = open_store(tmp_path / "db.sqlite3", clock=clock)
    _write(store)
    store.close()
    assert [b.reason for b in list_backups(tmp_path / "backups")] == ["close"]


def test_periodic_backup_every_30_minutes_if_something_changed(store: Store,
                                                               clock: Clock) -> None:
    _write(store)
    clock.now += timedelta(minutes=29)
    assert store.maybe_backup() is None
    clock.now += timedelta(minutes=1)
    assert store.maybe_backup() is not None
    clock.now += timedelta(hours=2)
    assert store.maybe_backup() is None  # nothing changed since
    _write(store)
    assert store.maybe_backup(clock.now + timedelta(minutes=31)) is not None
    store.close()
    assert [b.reason for b in store.list_backups()] == ["periodic", "periodic"]


def test_a_backup_taken_while_a_writer_runs_is_sound(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    writer = open_store(path)
    learner = writer.add_learner("Busy")
    session = writer.start_session(learner_id=learner, question_set_id="s", title="S",
                                   mode=Mode.PRACTICE, question_count=10_000)
    stop = threading.Event()

    def keep_writing() -> None:
        number = 0
        while not stop.is_set():
            number += 1
            record(writer, session, f"q{number}", score=0.5, basis=facts("t.start"))

    thread = threading.Thread(target=keep_writing)
    thread.start()
    try:
        reader = open_store(path, backups_dir=tmp_path / "backups")
        copies = [reader.backup("during-writes") for _ in range(3)]
        reader.close()
    finally:
        stop.set()
        thread.join()
        writer.close()
    for copy in copies:
        assert check_file(copy) == []
        connection = sqlite3.connect(copy)
        answered, counted = connection.execute(
            "SELECT answered, (SELECT count(*) FROM answers) FROM quiz_sessions").fetchone()
        connection.close()
        assert answered == counted


# -- restore ----------------------------------------------------------------------------------

def test_restore_swaps_in_the_backup_and_keeps_the_current_file(store: Store,
                                                                clock: Clock) -> None:
    first = _write(store)
    saved = store.backup("manual")
    clock.now += timedelta(minutes=1)
    second = _write(store)
    previous = store.restore(saved)
    assert previous is not None and previous.name.endswith("before-restore.sqlite3")
    assert [a.id for a in store.session_answers(1)] == [first]
    assert store.session_answers(2) == []  # the session started after the backup is gone
    _write(store)  # the store works on the restored file
    store.close()
    with open_store(previous) as old:
        assert [a.id for a in old.session_answers(2)] == [second]


def test_a_damaged_backup_is_refused_and_nothing_changes(store: Store, tmp_path: Path) -> None:
    answer = _write(store)
    bad = tmp_path / "backups" / "gensec-quiz-20240101T000000Z-manual.sqlite3"
    bad.parent.mkdir(exist_ok=True)
    bad.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    with pytest.raises(StoreError, match="damaged and was not restored"):
        store.restore(bad)
    assert [a.id for a in store.session_answers(1)] == [answer]
    store.close()


def test_backups_are_refused_for_a_server_database(tmp_path: Path) -> None:
    with open_store(f"sqlite:///{tmp_path / 'server.sqlite3'}") as store, \
            pytest.raises(StoreError, match="database server"):
        store.backup("manual")
