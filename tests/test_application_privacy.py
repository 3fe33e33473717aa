"""The data folder is its owner's: 0700 folders and 0600 files, for a new folder and an old one."""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from gensec_quiz.application.privacy import keep_new_files_private, keep_private
from gensec_quiz.paths import DataFolder
from gensec_quiz.storage import open_store

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def private_umask() -> Iterator[None]:
    before = keep_new_files_private()
    yield
    os.umask(before)


def test_a_new_data_folder_and_its_files_are_created_private(
    tmp_path: Path, private_umask: None
) -> None:
    folder = DataFolder(tmp_path / "new" / "data").create()
    with open_store(folder.database) as store:
        store.add_learner("Anna")
        backup = store.backup("manual")
    folder.settings.write_text("[General]\n", encoding="utf-8")
    assert _mode(folder.root) == 0o700
    assert _mode(folder.database) == 0o600
    assert _mode(backup) == 0o600 and _mode(backup.parent) == 0o700
    assert _mode(folder.settings) == 0o600


def test_an_older_data_folder_is_made_private(tmp_path: Path) -> None:
    folder = DataFolder(tmp_path / "old")
    (folder.backups).mkdir(parents=True)
    folder.root.chmod(0o755)
    folder.backups.chmod(0o755)
    for path in (folder.database, folder.settings, folder.backups / "one.sqlite3"):
        path.write_bytes(b"x")
        path.chmod(0o644)
    assert keep_private(folder) == []
    assert {_mode(p) for p in (folder.root, folder.backups)} == {0o700}
    assert {_mode(p) for p in (folder.database, folder.settings,
                               folder.backups / "one.sqlite3")} == {0o600}
