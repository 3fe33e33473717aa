"""The whole-file check on opening (P8) is skipped only after the store's own clean close of
the very same file (issue 13: `due` at a million answers): any sign that the file may have
changed since, or that SQLite saw damage, brings the whole check back."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from gensec_quiz.domain.session import Mode
from gensec_quiz.storage import DamagedDatabase, StoreError, open_store
from store_support import facts, record

NOW = datetime(2024, 9, 1, 12, 0, tzinfo=UTC)


def _closed_cleanly(path: Path) -> Path:
    """A database the store closed cleanly, long enough after its last change for the note
    of that close to be trusted; returns the note."""
    with open_store(path, clock=lambda: NOW) as store:
        learner = store.add_learner("Ада")
        session = store.start_session(learner_id=learner, question_set_id="s", title="S",
                                      mode=Mode.PRACTICE, question_count=3)
        for number in range(3):
            record(store, session, f"q{number}", score=0.5, basis=facts("t.start"))
    time.sleep(0.06)
    with open_store(path, clock=lambda: NOW):
        pass  # checked whole (the first note was written too soon), closed without a change
    note = path.with_name(path.name + ".checked")
    assert note.is_file()
    return note


def _damage_learners_quietly(path: Path, *, keep_time: bool = True) -> None:
    """Spoil the b-tree header of the learners table's page, in place, as a failing disk
    would: the size stays, and with `keep_time` the modification time too."""
    connection = sqlite3.connect(path)
    try:
        root = connection.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'learners'").fetchone()[0]
        page = connection.execute("PRAGMA page_size").fetchone()[0]
    finally:
        connection.close()
    before = path.stat()
    with open(path, "r+b") as handle:
        handle.seek((root - 1) * page)
        header = bytearray(handle.read(8))
        handle.seek((root - 1) * page)
        handle.write(bytes(byte ^ 0xFF for byte in header))
    if keep_time:
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))


def test_a_file_closed_cleanly_opens_without_the_whole_check_and_damage_seen_later_drops_the_note(
        tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    note = _closed_cleanly(path)
    _damage_learners_quietly(path)  # damage the modification time cannot show
    # The note vouched for it: the file opens, and the damage is found when it is read.
    with open_store(path, clock=lambda: NOW) as store, pytest.raises(StoreError, match="damaged"):
        store.learners()
    assert not note.exists()  # SQLite reported damage: the next open checks the whole file
    with pytest.raises(DamagedDatabase):
        open_store(path, clock=lambda: NOW)


def test_a_file_changed_after_the_clean_close_is_checked_whole(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    _closed_cleanly(path)
    time.sleep(0.01)
    _damage_learners_quietly(path, keep_time=False)
    with pytest.raises(DamagedDatabase):
        open_store(path, clock=lambda: NOW)


def test_a_write_ahead_log_beside_the_file_means_a_whole_check(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    _closed_cleanly(path)
    _damage_learners_quietly(path)
    path.with_name(path.name + "-wal").write_bytes(b"")  # as a crash leaves it
    with pytest.raises(DamagedDatabase):
        open_store(path, clock=lambda: NOW)


def test_the_whole_file_is_checked_again_a_week_after_its_last_whole_check(
        tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    _closed_cleanly(path)
    _damage_learners_quietly(path)
    with pytest.raises(DamagedDatabase):
        open_store(path, clock=lambda: NOW + timedelta(days=7, minutes=1))


def test_a_note_written_right_after_the_last_change_is_not_trusted(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    note = _closed_cleanly(path)
    # As a close right after a write leaves it (a small file does not wait): 1 ms after the
    # change. Within the same tick of the file system's clock a change could keep that time.
    fields = json.loads(note.read_text(encoding="utf-8"))
    fields["written_ns"] = path.stat().st_mtime_ns + 1_000_000
    note.write_text(json.dumps(fields), encoding="utf-8")
    _damage_learners_quietly(path)
    with pytest.raises(DamagedDatabase):
        open_store(path, clock=lambda: NOW)


def test_a_note_of_another_file_or_an_unreadable_note_is_not_trusted(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    note = _closed_cleanly(path)
    copy = tmp_path / "copy.sqlite3"
    copy.write_bytes(path.read_bytes())
    os.utime(copy, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns))
    copy.with_name(copy.name + ".checked").write_bytes(note.read_bytes())  # another inode
    _damage_learners_quietly(copy)
    with pytest.raises(DamagedDatabase):
        open_store(copy, clock=lambda: NOW)
    note.write_text("{not json", encoding="utf-8")
    _damage_learners_quietly(path)
    with pytest.raises(DamagedDatabase):
        open_store(path, clock=lambda: NOW)


def test_the_note_is_private_and_a_restore_or_a_damaged_file_leaves_none(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    note = _closed_cleanly(path)
    assert stat.S_IMODE(note.stat().st_mode) == 0o600
    with open_store(path, clock=lambda: NOW) as store:
        backup = store.backup("manual")
    with open_store(path, clock=lambda: NOW) as store:
        store.restore(backup)
        assert [learner.name for learner in store.learners()] == ["Ада"]
    _damage_learners_quietly(path, keep_time=False)
    with pytest.raises(DamagedDatabase) as caught:
        open_store(path, clock=lambda: NOW)
    assert not note.exists()
    assert not caught.value.kept_as.with_name(caught.value.kept_as.name + ".checked").exists()


def test_a_half_written_note_left_by_a_kill_is_removed_on_opening(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    _closed_cleanly(path)
    partial = tmp_path / "db.sqlite3.checked.partial"
    partial.write_text('{"dev', encoding="utf-8")
    old = time.time() - 120
    os.utime(partial, (old, old))
    open_store(path, clock=lambda: NOW).close()
    assert not partial.exists()
