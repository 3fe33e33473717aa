"""What every screen shares: the clock, the seed, the data folder, the store and the learner,
and the application layer's libraries on that data folder."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from gensec_quiz.paths import DataFolder

if TYPE_CHECKING:  # the ORM (and the records' models) imported only after the first window shows
    from gensec_quiz.application.classroom import ExamRules
    from gensec_quiz.application.question_sets import QuestionSetLibrary
    from gensec_quiz.application.record_sets import RecordSetLibrary
    from gensec_quiz.application.signing_in import LearnerBook
    from gensec_quiz.application.teacher_pin import TeacherAccess
    from gensec_quiz.domain.records import RecordSet
    from gensec_quiz.storage import Store
    from gensec_quiz.storage.quick_store import QuickStore


class AppSignals(QObject):
    """Application-wide events, named for what happened; none carries an untyped payload."""

    store_ready = Signal()  # `AppContext.store` is open (the ORM, a second after the window)
    # The learners can be listed, picked and added (`AppContext.learner_book()`), on the
    # start-up QuickStore before the Store is open; Home lists them again.
    learners_ready = Signal()
    learner_changed = Signal()  # the current learner is now `AppContext.learner_id`
    data_changed = Signal()  # answers or sessions changed
    locks_changed = Signal()  # a teacher locked or unlocked a question set
    answer_shown = Signal(float)  # an answer's feedback is on show: its score, 0 to 1


def utc_now() -> datetime:
    """The real clock, in UTC (tests pass a fake one instead)."""
    return datetime.now(UTC)


def _load_builtin_records() -> RecordSet:
    from gensec_quiz.bank.builtin import builtin_records  # not before the first paint

    return builtin_records()


@dataclass
class AppContext:
    """Passed to every screen; nothing here is a global. `data_dir` is the data folder the
    entry point chose (`DataFolder.root`); `folder` names what is kept in it."""

    clock: Callable[[], datetime]
    seed: int | None
    data_dir: Path
    signals: AppSignals
    # The storage Store, set once the ORM is imported (after the first window shows).
    store: Store | None = None
    learner_id: int | None = None
    # At start-up, until `store` is open: the learners straight on the file (quick_store.py).
    quick_store: QuickStore | None = field(default=None, repr=False)
    # At start-up, until `store` is open: waits for it and opens it now (Start needs it).
    finish_opening: Callable[[], None] | None = field(default=None, repr=False)
    # A school server's URL (GENSEC_QUIZ_DATABASE_URL), or None: the data folder's file.
    server: str | None = field(default=None, repr=False)
    _records: RecordSet | None = field(default=None, repr=False)
    _record_sets: dict[str, RecordSet | None] = field(default_factory=dict, repr=False)

    @cached_property
    def folder(self) -> DataFolder:
        return DataFolder(self.data_dir, self.server)

    @cached_property
    def question_sets(self) -> QuestionSetLibrary:
        """The shipped question sets and the user's own, with the teacher's locks."""
        from gensec_quiz.application.question_sets import QuestionSetLibrary  # after the paint

        return QuestionSetLibrary(self.folder)

    @cached_property
    def record_sets(self) -> RecordSetLibrary:
        """The built-in record set and the ones a teacher imported."""
        from gensec_quiz.application.record_sets import RecordSetLibrary

        return RecordSetLibrary(self.folder, self.records)

    @cached_property
    def exam_rules(self) -> ExamRules:
        """The attempt limit of each set locked to exam mode."""
        from gensec_quiz.application.classroom import ExamRules

        return ExamRules.in_folder(self.data_dir)

    @cached_property
    def teacher_access(self) -> TeacherAccess:
        """The teacher's visit (PIN asked once; closed by Switch learner, idle time, or
        closing the app)."""
        from gensec_quiz.application.teacher_pin import TeacherAccess, TeacherPin

        return TeacherAccess(TeacherPin.in_folder(self.data_dir, self.clock), self.clock)

    def learner_book(self) -> LearnerBook | None:
        """Where learners are listed and added: the Store, or the QuickStore while it opens."""
        return self.store if self.store is not None else self.quick_store

    def store_now(self) -> Store | None:
        """The Store, waiting for it when it is still opening at start-up (None if it failed)."""
        if self.store is None and self.finish_opening is not None:
            self.finish_opening()
        return self.store

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
            found = self.record_sets.find(record_set_id)
            self._record_sets[record_set_id] = found
        return found

    def set_learner(self, learner_id: int | None) -> None:
        """Choose the current learner and tell every screen."""
        if learner_id != self.learner_id:
            self.learner_id = learner_id
            self.signals.learner_changed.emit()
