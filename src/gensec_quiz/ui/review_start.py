"""Review mode on Home: how many facts are due, and the review quiz Start begins.

A review quiz asks about the learner's due facts, least likely recalled first
(`Store.plan_review`, then `generation.generate_for_facts`); when nothing is due, Home says when
the next review falls. Everything here reads the store only when Home is shown or Start is
pressed, never while answers are being recorded (docs/review.md).
"""

from __future__ import annotations

import logging
import random
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Slot
from PySide6.QtWidgets import QWidget

from gensec_quiz.domain.errors import InputError
from gensec_quiz.domain.records import RecordSet
from gensec_quiz.domain.session import Mode
from gensec_quiz.i18n import tr
from gensec_quiz.ui.quiz_plan import QuizPlan, save_own_set

if TYPE_CHECKING:
    from gensec_quiz.storage import Store
    from gensec_quiz.ui.screens.home import HomeScreen

_log = logging.getLogger(__name__)
REVIEW_DIFFICULTY = 2


def record_ids(records: RecordSet) -> set[str]:
    """Every record id of a record set: the facts a review on it may ask about."""
    ids: set[str] = {office.id for office in records.offices}
    ids.update(tenure.id for tenure in records.tenures)
    ids.update(event.id for event in records.events)
    return ids


def due_sentence(store: Store, learner_id: int, records: RecordSet, *,
                 at: datetime) -> tuple[int, str]:
    """How many of the learner's facts of `records` are due at `at`, and Home's sentence."""
    from gensec_quiz.review import next_review_sentence  # fsrs: not before the first window

    ids = record_ids(records)
    due = len(store.plan_review(learner_id, at, records=ids))
    if due == 1:
        return due, tr("1 fact is due now.")
    if due:
        return due, tr("{count} facts are due now.", count=due)
    return 0, next_review_sentence(store.next_due(learner_id, records=ids), at=at)


def review_plan(store: Store, learner_id: int, records: RecordSet, *, at: datetime,
                count: int, seed: int) -> QuizPlan | str:
    """A review quiz on the due facts (saved, so it can be resumed), or when the next falls."""
    from gensec_quiz.generation import generate_for_facts
    from gensec_quiz.review import next_review_sentence

    ids = record_ids(records)
    facts = store.plan_review(learner_id, at, records=ids)
    if not facts:
        return next_review_sentence(store.next_due(learner_id, records=ids), at=at)
    made = generate_for_facts(records, facts, count=min(count, len(facts)), seed=seed,
                              difficulty=REVIEW_DIFFICULTY)
    # A question often tests several due facts, and the generator fills up to `count` with
    # questions on other facts: a review keeps only the questions on due facts.
    due = set(facts)
    questions = tuple(q for q in made.questions if due.intersection(q.basis))
    if not questions:
        return tr("No question can be made on the facts that are due.")
    question_set = replace(made, questions=questions)
    save_own_set(question_set, retry=True)  # kept out of Home's list, found again to resume
    return QuizPlan(question_set, mode=Mode.REVIEW)


def _set_state(label: QWidget, state: str) -> None:
    if label.property("state") != state:
        label.setProperty("state", state)
        label.style().unpolish(label)
        label.style().polish(label)


class ReviewStart(QObject):
    """Keeps Home's Review option up to date and starts review quizzes from Home's Start."""

    def __init__(self, home: HomeScreen) -> None:
        super().__init__(home)
        self.home = home
        self.context = home.context
        signals = self.context.signals
        signals.store_ready.connect(self._changed)
        signals.learner_changed.connect(self._changed)
        signals.data_changed.connect(self._changed)
        home.installEventFilter(self)
        self.refresh()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.home and event.type() == QEvent.Type.Show:
            self.refresh()  # time has passed: facts may have fallen due
        return False

    @Slot()
    @Slot(object)
    def _changed(self, *_args: object) -> None:
        if self.home.isVisible():  # a quiz records answers while Home is hidden: not then
            self.refresh()

    def refresh(self) -> None:
        """Say under the Review option how many facts are due, or when the next review is."""
        self.home.mode_box.set_review_note(self._note())

    def _note(self) -> str:
        store, learner = self.context.store, self.context.learner_id
        if store is None:
            return ""
        if learner is None:
            return tr("Choose a learner to see which facts are due.")
        records = self._records()
        if records is None:
            return tr("The record set cannot be read, so there is nothing to review.")
        try:
            return due_sentence(store, learner, records, at=self._now())[1]
        except Exception:  # a failing read must leave Home usable
            _log.exception("could not read the facts due for learner %s", learner)
            return tr("What is due could not be read from the database.")

    def handles_start(self) -> bool:
        """Start a review when Review mode is chosen (True); otherwise Home starts as usual."""
        _set_state(self.home.message, "wrong")
        if self.home.mode_box.mode() is not Mode.REVIEW:
            return False
        self.start()
        return True

    def start(self) -> None:
        """Begin a review quiz, or say (on Home, not in a dialog) why there is none."""
        store, learner, records = self.context.store, self.context.learner_id, self._records()
        if store is None:
            self._say(tr("Your history is still opening; try again in a moment."))
        elif learner is None:
            self._say(tr("Choose a learner first, or add one with “New learner”."))
        elif records is None:
            self._say(tr("The record set cannot be read, so there is nothing to review."))
        else:
            self._start(store, learner, records)

    def _start(self, store: Store, learner: int, records: RecordSet) -> None:
        try:
            outcome = review_plan(store, learner, records, at=self._now(), count=self._count(),
                                  seed=self._seed())
        except InputError as error:
            self._say(tr("This review cannot be made: {problem}", problem=error.problems[0]))
            return
        if isinstance(outcome, str):
            self.home.message.setText(outcome)
            _set_state(self.home.message, "info")
            self.refresh()
            return
        self.home.message.setText("")
        self.home.start_requested.emit(outcome)

    def _say(self, problem: str) -> None:
        self.home.message.setText(f"⚠ {problem}")

    def _records(self) -> RecordSet | None:
        try:
            return self.context.records()
        except (InputError, OSError):
            return None

    def _now(self) -> datetime:
        return self.context.clock().astimezone()  # the learner's own days and hours

    def _count(self) -> int:
        return int(self.home.mode_box.review_count.value())

    def _seed(self) -> int:
        seed = self.context.seed
        return seed if seed is not None else random.SystemRandom().randrange(1, 2**31)
