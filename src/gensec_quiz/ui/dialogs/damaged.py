"""A damaged database on opening: offer the latest good backup (the damaged file is kept)."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox, QWidget

from gensec_quiz.i18n import tr
from gensec_quiz.paths import DataFolder
from gensec_quiz.storage.errors import DamagedDatabase, StoreError
from gensec_quiz.ui.dialogs.confirm import Notice

if TYPE_CHECKING:
    from gensec_quiz.storage import Store

_log = logging.getLogger(__name__)


class RestoreBackupDialog:
    """Asks whether to restore a backup; tests replace `ask`."""

    @classmethod
    def ask(cls, parent: QWidget | None, message: str, backup: Path) -> bool:
        box = QMessageBox(QMessageBox.Icon.Warning, tr("The learner database is damaged"),
                          message, QMessageBox.StandardButton.NoButton, parent)
        box.setInformativeText(tr("Restore the latest good backup ({name})? Without it the app "
                                  "starts with an empty history.", name=backup.name))
        restore = box.addButton(tr("Restore the backup"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(tr("Start empty"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(restore)
        box.exec()
        return box.clickedButton() is restore


def recover_damaged_database(
    parent: QWidget | None, error: Exception, *, clock: Callable[[], datetime],
    folder: DataFolder,
) -> Store | None:
    """Handle an error from `open_store`: restore a backup if the learner agrees, then reopen.

    Returns the opened store, or None when the database stays closed (the learner was told).
    """
    from gensec_quiz.storage import open_store
    from gensec_quiz.storage.recovery import restore_file

    if not isinstance(error, DamagedDatabase):
        Notice.tell(parent, tr("Your history cannot be opened: {error}", error=error))
        return None
    backups = error.good_backups
    if backups and RestoreBackupDialog.ask(parent, str(error), backups[0]):
        try:
            restore_file(database=folder.database, backup=backups[0],
                         backups_dir=folder.backups, now=clock())
        except (StoreError, OSError, sqlite3.Error) as failure:
            _log.exception("restore failed")
            Notice.tell(parent, tr("The backup could not be restored: {error}", error=failure))
    elif not backups:
        Notice.tell(parent, str(error))
    try:
        return open_store(folder.database, clock=clock)
    except (StoreError, OSError) as failure:
        Notice.tell(parent, tr("Your history cannot be opened: {error}", error=failure))
        return None
