"""The damaged-database dialog: each way opening can go wrong ends in one sentence for the
learner, and the app goes on (with its history, or with an empty one)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FakeClock
from gensec_quiz.paths import DataFolder
from gensec_quiz.storage import DamagedDatabase, NewerSchemaError
from gensec_quiz.ui.dialogs import damaged
from gensec_quiz.ui.dialogs.confirm import Notice


@pytest.fixture
def folder(tmp_path: Path) -> DataFolder:
    return DataFolder(tmp_path / "userdata")


@pytest.fixture
def told(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    sentences: list[str] = []
    monkeypatch.setattr(Notice, "tell",
                        classmethod(lambda cls, parent, text: sentences.append(text)))
    return sentences


def _damaged(folder: DataFolder, backup: Path) -> DamagedDatabase:
    database = folder.database
    return DamagedDatabase("The learner database is damaged.", database=database,
                           kept_as=database.with_name("kept"), good_backups=(backup,))


def test_a_backup_that_cannot_be_restored_is_said_and_the_history_starts_empty(
    told: list[str], monkeypatch: pytest.MonkeyPatch, clock: FakeClock, tmp_path: Path,
    folder: DataFolder,
) -> None:
    monkeypatch.setattr(damaged.RestoreBackupDialog, "ask",
                        classmethod(lambda cls, parent, message, backup: True))
    store = damaged.recover_damaged_database(None, _damaged(folder, tmp_path / "gone.sqlite3"),
                                             clock=clock, folder=folder)
    assert store is not None
    try:
        assert store.learners() == []
    finally:
        store.close()
    [sentence] = told
    assert sentence.startswith("The backup could not be restored: ")
    assert "There is no backup file here." in sentence


def test_an_error_other_than_damage_is_said_and_the_history_stays_closed(
    told: list[str], clock: FakeClock, folder: DataFolder
) -> None:
    error = NewerSchemaError("Written by a newer version of GenSec Quiz.", where="db")
    assert damaged.recover_damaged_database(None, error, clock=clock, folder=folder) is None
    assert told == ["Your history cannot be opened: db: Written by a newer version of "
                    "GenSec Quiz."]


def test_a_database_that_still_cannot_be_opened_is_said_once(
    told: list[str], monkeypatch: pytest.MonkeyPatch, clock: FakeClock, tmp_path: Path,
    folder: DataFolder,
) -> None:
    monkeypatch.setattr(damaged.RestoreBackupDialog, "ask",
                        classmethod(lambda cls, parent, message, backup: False))
    folder.database.parent.mkdir(parents=True)
    folder.database.mkdir()  # a folder where the file should be: the OS refuses
    assert damaged.recover_damaged_database(None, _damaged(folder, tmp_path / "b.sqlite3"),
                                            clock=clock, folder=folder) is None
    [sentence] = told
    assert sentence.startswith("Your history cannot be opened: ")
