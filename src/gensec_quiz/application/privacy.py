"""The data folder kept to its owner: the folder and every folder in it 0700, every file 0600
(the database and its journal, backups, settings, the PIN file, question sets, the log).

What this cannot do is said in docs/data.md: anyone who signs in to the same operating-system
account reads what the account reads."""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

from gensec_quiz.paths import DataFolder

_log = logging.getLogger(__name__)

PRIVATE_FOLDER = 0o700
PRIVATE_FILE = 0o600
PRIVATE_UMASK = 0o077  # what the app creates from now on: 0700 folders, 0600 files


def keep_new_files_private() -> int:
    """Files and folders the process creates from now on are its owner's only (the umask);
    the previous umask."""
    return os.umask(PRIVATE_UMASK)


def keep_private(folder: DataFolder) -> list[Path]:
    """Make the data folder 0700 and what it holds 0700 (folders) or 0600 (files); the paths
    that could not be changed (logged, not raised: the app still opens)."""
    refused: list[Path] = []
    root = folder.root
    if not root.is_dir():
        return refused
    paths = [root, *root.rglob("*")]
    for path in paths:
        try:
            mode = path.lstat().st_mode
            if stat.S_ISLNK(mode):
                continue  # a link's target is not the data folder's to change
            wanted = PRIVATE_FOLDER if stat.S_ISDIR(mode) else PRIVATE_FILE
            if stat.S_IMODE(mode) != wanted:
                path.chmod(wanted)
        except OSError as error:
            _log.warning("%s not made private: %s", path, error)
            refused.append(path)
    return refused
