"""Learners: add, rename, merge duplicates, delete (the last two after a backup, said where)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from gensec_quiz.domain.errors import StoreError
from gensec_quiz.i18n import tr

if TYPE_CHECKING:
    from gensec_quiz.storage import Store

_log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Done:
    """What an operation did, in a sentence; `ok` is False when something needs a look."""

    sentence: str
    ok: bool = True


class Learners:
    """The learner operations of the app, on one store; each raises StoreError with a sentence
    when the store refuses (a name taken, a learner gone)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def add(self, name: str) -> int:
        return self.store.add_learner(name)

    def rename(self, learner_id: int, name: str) -> Done:
        old = self.store.learner(learner_id).name
        self.store.rename_learner(learner_id, name)
        return Done(tr("“{old}” is now called “{new}”.", old=old, new=name.strip()))

    def merge(self, keep_id: int, merge_id: int) -> Done:
        """Move `merge_id`'s sessions to `keep_id` and remove `merge_id` (backed up first)."""
        keep, gone = self.store.learner(keep_id), self.store.learner(merge_id)
        before = self._backups()
        self.store.merge_learners(keep_id, merge_id)
        return self._after(tr("“{name}” was merged into “{keep}”.", name=gone.name,
                              keep=keep.name), before)

    def delete(self, learner_id: int) -> Done:
        """Delete a learner and all their sessions (backed up first)."""
        gone = self.store.learner(learner_id)
        before = self._backups()
        self.store.delete_learner(learner_id)
        return self._after(tr("“{name}” was deleted.", name=gone.name), before)

    def _backups(self) -> set[Path]:
        try:
            return {info.path for info in self.store.list_backups()}
        except StoreError:  # a database server keeps its own backups
            return set()

    def _after(self, done: str, before: set[Path]) -> Done:
        """Say which backup was taken before a destructive action."""
        new = sorted(self._backups() - before)
        if new:
            return Done(tr("{done} The backup taken first is {file}.", done=done,
                           file=new[-1].name))
        if self.store.database is None:
            return Done(tr("{done} (The database server keeps its own backups.)", done=done))
        _log.warning("no backup was found after a destructive action")
        return Done(tr("{done} No new backup was found: check Settings → Backups.", done=done),
                    ok=False)
