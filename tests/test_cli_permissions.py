"""What the command line creates is its owner's only, as what the app creates is: on a new data
folder, `pin set`, `db backup` and `db restore`, `scores --csv` and `generate --out` leave 0700
folders and 0600 files, and the caller's umask is given back afterwards."""

from __future__ import annotations

import io
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from gensec_quiz.cli import main
from gensec_quiz.paths import DataFolder
from gensec_quiz.storage import open_store

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def folder(tmp_path: Path) -> DataFolder:
    return DataFolder(tmp_path / "new" / "gensec-quiz")  # not created yet


@pytest.fixture(autouse=True)
def open_umask() -> Iterator[None]:
    """A lax umask, as on many shared PCs: 0644 files and 0755 folders unless the app says."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def _database(folder: DataFolder) -> None:
    """A database made readable to others, as an older version or a copy may leave it."""
    folder.create()
    store = open_store(folder.database)
    store.add_learner("Anna")
    store.close()
    folder.root.chmod(0o755)
    folder.database.chmod(0o644)


def test_pin_set_on_a_new_data_folder_makes_it_0700_and_the_pin_file_0600(
    folder: DataFolder, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("4821\n"))
    assert main(["pin", "set"], data=folder) == 0
    [pin_file] = [p for p in folder.root.iterdir() if p.is_file()]
    assert _mode(folder.root) == 0o700 and _mode(pin_file) == 0o600
    assert os.umask(0o022) == 0o022  # the caller's umask is back


def test_db_backup_and_restore_leave_the_backups_and_the_database_private(
    folder: DataFolder, capsys: pytest.CaptureFixture[str]
) -> None:
    _database(folder)
    assert main(["db", "backup"], data=folder) == 0
    [backup] = list(folder.backups.glob("*-manual.sqlite3"))
    assert _mode(folder.backups) == 0o700 and _mode(backup) == 0o600
    assert _mode(folder.root) == 0o700 and _mode(folder.database) == 0o600
    backup.chmod(0o644)
    assert main(["db", "restore", str(backup)], data=folder) == 0
    assert _mode(folder.database) == 0o600
    assert all(_mode(p) == (0o700 if p.is_dir() else 0o600) for p in folder.root.rglob("*"))
    assert "could not be made private" not in capsys.readouterr().err


def test_scores_csv_and_generate_out_into_the_data_folder_are_0600(folder: DataFolder) -> None:
    _database(folder)
    target = folder.root / "exports"
    target.mkdir(mode=0o755)
    assert main(["scores", "--csv", str(target / "scores.csv")], data=folder) == 0
    assert main(["generate", "--count", "3", "--seed", "1", "--out",
                 str(folder.root / "quiz.json")], data=folder) == 0
    assert _mode(target / "scores.csv") == 0o600
    assert _mode(folder.root / "quiz.json") == 0o600
