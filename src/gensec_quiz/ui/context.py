"""What every screen shares: the clock, the seed, the data folder, the store and the learner."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from gensec_quiz.domain.records import RecordSet

if TYPE_CHECKING:  # the ORM is imported only after the first window shows
    from gensec_quiz.storage import Store


class AppSignals(QObject):
    """Application-wide events, named for what happened."""

    store_ready = Signal()
    learner_changed = Signal(object)  # learner id or None
    data_changed = Signal()  # answers or sessions changed


def utc_now() -> datetime:
    """The real clock, in UTC (tests pass a fake one instead)."""
    return datetime.now(UTC)


def _load_builtin_records() -> RecordSet:
    try:
        from gensec_quiz.bank.builtin import builtin_records
    except ImportError:
        from gensec_quiz import paths
        from gensec_quiz.bank.records_json import load_record_set

        return load_record_set(paths.builtin_records_path())
    return builtin_records()


@dataclass
class AppContext:
    """Passed to every screen; nothing here is a global."""

    clock: Callable[[], datetime]
    seed: int | None
    data_dir: Path
    signals: AppSignals
    # The storage Store, set once the ORM is imported (after the first window shows).
    store: Store | None = None
    learner_id: int | None = None
    _records: RecordSet | None = field(default=None, repr=False)
    _record_sets: dict[str, RecordSet | None] = field(default_factory=dict, repr=False)

    def records(self) -> RecordSet:
        """The built-in record set, loaded once."""
        if self._records is None:
            self._records = _load_builtin_records()
        return self._records

    def records_for(self, record_set_id: str) -> RecordSet | None:
        """The record set a question set was built from: built-in, or one a teacher imported
        (kept in the data folder); None when it is not on this computer."""
        found = self._record_sets.get(record_set_id)
        if found is None and record_set_id not in self._record_sets:
            from gensec_quiz.ui.teacher.library import find_records

            found = find_records(record_set_id, self.records)
            self._record_sets[record_set_id] = found
        return found

    def set_learner(self, learner_id: int | None) -> None:
        """Choose the current learner and tell every screen."""
        if learner_id != self.learner_id:
            self.learner_id = learner_id
            self.signals.learner_changed.emit(learner_id)
