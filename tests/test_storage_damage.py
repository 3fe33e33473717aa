"""A damaged database (P8): found on opening, kept aside, the latest good backup offered."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from gensec_quiz.domain.session import Mode
from gensec_quiz.storage import DamagedDatabase, open_store, restore_file
from gensec_quiz.storage.backups import backup_path
from store_support import facts, record

NOW = datetime(2024, 9, 1, 12, 0, tzinfo=UTC)


def _filled(path: Path) -> Path:
    """A database with one learner and a few answers; returns a good backup of it."""
    with open_store(path, clock=lambda: NOW - timedelta(hours=1)) as store:
        learner = store.add_learner("Ада")
        session = store.start_session(learner_id=learner, question_set_id="s", title="S",
                                      mode=Mode.PRACTICE, question_count=40)
        for number in range(40):
            record(store, session, f"q{number}" + "x" * 190, score=0.5,
                   basis=facts("t.start"))
        return store.backup("manual")


def _flip_page_headers(path: Path) -> None:
    """Flip the first bytes of every page after the first: b-tree headers become nonsense."""
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    for start in range(page, len(data), page):
        for offset in range(start, min(start + 12, len(data))):
            data[offset] ^= 0xFF
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("damage", ["pages", "header"])
def test_a_damaged_file_is_kept_aside_and_the_latest_good_backup_offered(
        tmp_path: Path, damage: str) -> None:
    path = tmp_path / "db.sqlite3"
    good = _filled(path)
    if damage == "pages":
        _flip_page_headers(path)
    else:
        path.write_bytes(b"this is not SQLite" + path.read_bytes()[18:])
    broken = path.read_bytes()
    with pytest.raises(DamagedDatabase) as caught:
        open_store(path, clock=lambda: NOW)
    error = caught.value
    assert error.good_backups == (good,)
    assert error.kept_as == tmp_path / "db.sqlite3.damaged-20240901T120000Z"
    assert error.kept_as.read_bytes() == broken  # kept exactly as it was found
    assert not path.exists()
    assert good.name in str(error) and "damaged" in str(error)


def test_the_offered_backup_restores_the_learners_answers(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    _filled(path)
    _flip_page_headers(path)
    with pytest.raises(DamagedDatabase) as caught:
        open_store(path, clock=lambda: NOW)
    restore_file(database=path, backup=caught.value.good_backups[0],
                 backups_dir=tmp_path / "backups", now=NOW)
    with open_store(path) as store:
        assert len(store.session_answers(1)) == 40
        assert [info.name for info in store.learners()] == ["Ада"]


def test_a_damaged_file_never_overwrites_one_kept_before(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    _filled(path)
    earlier = tmp_path / "db.sqlite3.damaged-20240901T120000Z"
    earlier.write_bytes(b"kept from before")
    _flip_page_headers(path)
    with pytest.raises(DamagedDatabase) as caught:
        open_store(path, clock=lambda: NOW)
    assert caught.value.kept_as != earlier and caught.value.kept_as.exists()
    assert earlier.read_bytes() == b"kept from before"


def test_damaged_backups_are_not_offered(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    good = _filled(path)
    newer = backup_path(path, folder=tmp_path / "backups", reason="periodic", now=NOW)
    _flip_page_headers(newer)
    _flip_page_headers(path)
    with pytest.raises(DamagedDatabase) as caught:
        open_store(path, clock=lambda: NOW)
    assert caught.value.good_backups == (good,)


def test_without_a_good_backup_the_message_says_so(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    path.write_bytes(b"\x00garbage" * 100)
    with pytest.raises(DamagedDatabase, match="No good backup was found") as caught:
        open_store(path, clock=lambda: NOW)
    assert caught.value.good_backups == ()
    with open_store(path) as store:  # the app may start afresh: the damaged file stays aside
        assert store.learners() == []
    assert caught.value.kept_as.exists()
