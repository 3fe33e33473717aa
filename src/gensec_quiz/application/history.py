"""The learners' history as a whole: back it up now, or put a backup back in its place."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gensec_quiz.storage import BackupInfo, Store


@dataclass(frozen=True, slots=True)
class Restored:
    """What a restore did: where the history that was replaced is kept (None when there was
    nothing to keep), and whether the learner who was chosen is still in the restored history."""

    kept_as: Path | None
    learner_still_there: bool


class History:
    """Backups and restores on one store; each raises StoreError (or InputError for a file
    that is not a good backup) with a sentence, and changes nothing when it does."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def backups(self) -> list[BackupInfo]:
        """The backups kept, newest first."""
        return self.store.list_backups()

    def back_up_now(self) -> Path:
        return Path(self.store.backup("manual"))

    def restore_backup(self, backup: Path, *, learner_id: int | None) -> Restored:
        """Swap in `backup` (the current file is backed up first)."""
        kept = self.store.restore(backup)
        known = {info.id for info in self.store.learners()}
        return Restored(kept_as=Path(kept) if kept is not None else None,
                        learner_still_there=learner_id is None or learner_id in known)
