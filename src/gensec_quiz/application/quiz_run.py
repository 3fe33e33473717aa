"""One quiz, played and saved: the session row, each answer committed before its feedback, the
score when it ends, and the same quiz picked up again after closing the app or a crash.

    run = QuizRun(plan, store, clock, learner_id=7, seed=None)
    run.start()                       # StoreError: not started, the sentence says why
    match run.submit(response):
        case Saved(answer): ...       # committed; show its feedback
        case NotSaved(answer, why): ...  # graded, kept in this run, not in the database
        case TimeUp(why): ...         # not accepted; the quiz has ended (call finish())
    run.time_left()                   # wall clock, from the attempt's start (None: no limit)
    run.end_at_time_up(response)      # time is up: the answer on screen counts as it stands
    run.finish()                      # -> QuizOutcome

An exam navigates (`run.navigable`): `go_to(i)`, `back()`, `skip()`, `set_flag(i, True)`,
`show_summary()`, then `submit_all()`. Its answers can change until Submit all: each changed
answer is saved as a new answer row the moment it is submitted (the latest counts, in the score
and when the exam is resumed after a crash); the same answer again writes nothing.

The time limit runs on the wall clock from the moment the attempt's row was written: across
Finish later, Switch learner, closing the app and a crash.

The window renders `run.session` and forwards input; nothing here knows Qt.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from gensec_quiz.application.plans import QuizOutcome, QuizPlan, locked_plan
from gensec_quiz.application.question_sets import QuestionSetLibrary
from gensec_quiz.domain.errors import InputError, Problem, ServerUnreachable, StoreError
from gensec_quiz.domain.questions import QuestionSet, Response
from gensec_quiz.domain.session import (
    Answer,
    Mode,
    Phase,
    QuizSession,
    TimeUpError,
    grade_answer,
    response_from_dict,
)
from gensec_quiz.i18n import tr

if TYPE_CHECKING:
    from gensec_quiz.application.drafts import Drafts
    from gensec_quiz.application.outbox import Outbox, Sent
    from gensec_quiz.application.signing_in import LearnerBook
    from gensec_quiz.storage import AnswerRecord, SessionInfo, Store

_log = logging.getLogger(__name__)
Clock = Callable[[], datetime]


@dataclass(frozen=True, slots=True)
class Saved:
    """The answer is graded and committed to the database."""

    answer: Answer


@dataclass(frozen=True, slots=True)
class NotSaved:
    """The answer is graded and counts in this quiz, but is not in the database."""

    answer: Answer
    sentence: str


@dataclass(frozen=True, slots=True)
class TimeUp:
    """The time limit had passed: the answer was not accepted and the quiz has ended."""

    sentence: str


@dataclass(frozen=True, slots=True)
class SavedLocally:
    """The school server could not be reached: the answer waits on this PC (`outbox/`) and is
    sent, exactly once, when the server is back."""

    answer: Answer
    sentence: str


Submission = Saved | SavedLocally | NotSaved | TimeUp


def session_rng(seed: int | None, session_id: int | None) -> random.Random:
    """The same shuffles when a session is resumed: seeded by the app's seed and the session."""
    return random.Random(f"{seed if seed is not None else 'gensec'}:{session_id}")


def rebuild_answers(question_set: QuestionSet, records: Iterable[AnswerRecord], *,
                    all_or_nothing: bool = False) -> tuple[Answer, ...]:
    """Answers saved in the database, graded again under the session's rule, for resuming it
    (the latest answer to a question counts, as in the session's score; answers to questions
    no longer in the set, or that cannot be read, are left out)."""
    by_id = {question.id: question for question in question_set.questions}
    answers: dict[str, Answer] = {}
    for record in records:
        question = by_id.get(record.question_id)
        if question is None:
            continue
        try:
            response = response_from_dict(record.response)
            answer = grade_answer(question, response, seconds=float(record.seconds or 0.0),
                                  answered_at=record.answered_at, all_or_nothing=all_or_nothing)
        except (InputError, TypeError):
            _log.warning("answer %s of session %s cannot be read again", record.id,
                         record.session_id)
            continue
        answers[question.id] = answer
    return tuple(answers.values())


def resumable(store: LearnerBook, learner_id: int,
              drafts: Drafts | None = None) -> list[SessionInfo]:
    """The learner's unfinished quizzes with at least one answer, or with an answer left on
    screen (a draft) when the app stopped, newest first."""
    return [s for s in store.unfinished_sessions(learner_id)
            if s.answered > 0 or (drafts is not None and drafts.has(s.id))]


def resume_plan(store: Store, library: QuestionSetLibrary, session_id: int) -> QuizPlan:
    """The plan that carries on an unfinished session: its set, its answers graded again, the
    time limit and rule it was started with, and the teacher's lock on its set. InputError when
    its question set is no longer there."""
    info = store.session(session_id)
    question_set = library.find(info.question_set_id)
    if question_set is None:
        raise InputError([Problem("", tr("The question set of “{title}” is no longer there, "
                                         "so it cannot be resumed.", title=info.title))])
    started = store.session_settings(session_id)  # an exam keeps its time limit and rule
    limit = started.time_limit_seconds
    plan = QuizPlan(question_set, mode=Mode(info.mode), resume_session_id=session_id,
                    previous=rebuild_answers(question_set, store.session_answers(session_id),
                                             all_or_nothing=started.all_or_nothing),
                    time_limit=None if limit is None else timedelta(seconds=limit),
                    all_or_nothing=started.all_or_nothing)
    return locked_plan(plan, library.lock_of_set(info.question_set_id))


class QuizRun:
    """Drives a `QuizSession` and saves it through the store: each answer is committed before
    `submit` returns. Without a store or a learner the quiz still runs, saving nothing."""

    def __init__(self, plan: QuizPlan, store: Store | None, clock: Clock, *,
                 learner_id: int | None, seed: int | None = None,
                 outbox: Outbox | None = None) -> None:
        self.plan = plan
        # On a school server: where answers wait while the server cannot be reached.
        self.outbox = outbox
        self.store = store
        self.clock = clock
        self.learner_id = learner_id
        self.seed = seed
        self.session_id: int | None = plan.resume_session_id
        self._session: QuizSession | None = None
        self._unsaved: list[str] = []
        self._row_closed: bool | None = None  # once closed: whether the score was saved
        self.put_aside = False
        self.deadline: datetime | None = None
        # resumed after its time ran out: the answer left on screen, saved as it stood
        self.submitted_at_time_up: Submission | None = None

    @property
    def session(self) -> QuizSession:
        """The session being played (after `start`)."""
        if self._session is None:
            raise RuntimeError("the quiz run has not started")
        return self._session

    @property
    def started(self) -> bool:
        return self._session is not None

    @property
    def saving(self) -> bool:
        """Whether answers go to the database."""
        return self.store is not None and self.session_id is not None

    def start(self, left_on_screen: Callable[[int, str], Response | None] | None = None
              ) -> QuizSession:
        """Open the session row (unless resuming one) and the session. StoreError when the row
        cannot be written (nothing started); InputError when the plan cannot be played.

        `left_on_screen(session_id, question_id)`: the answer that was on screen, unsubmitted,
        when the app stopped (a draft), or None. A session resumed after its time ran out
        counts it as it stood, as time's up does on screen (`submitted_at_time_up`)."""
        self._new_session()  # a plan that cannot be played leaves no row behind
        if self.session_id is None and self.store is not None and self.learner_id is not None:
            question_set = self.plan.question_set
            try:
                self.session_id = self.store.start_session(
                    learner_id=self.learner_id, question_set_id=question_set.id,
                    title=question_set.title, mode=self.plan.mode,
                    question_count=len(question_set.questions),
                    time_limit_seconds=self.plan.time_limit_seconds(),
                    all_or_nothing=self.plan.all_or_nothing)
            except StoreError as error:
                raise StoreError(tr("The quiz could not be saved, so it was not started: "
                                    "{reason}", reason=_first(error))) from error
        self.deadline = self._deadline()
        # the shuffles follow the session's id: a resumed session shows the same ones
        session = self._session = self._new_session()
        if self.time_up() and session.phase is not Phase.FINISHED:  # resumed out of time
            response = None
            if (left_on_screen is not None and self.session_id is not None
                    and session.phase is Phase.ANSWERING):
                response = left_on_screen(self.session_id, session.current.id)
            self.submitted_at_time_up = self.end_at_time_up(response)
        if session.phase is Phase.FINISHED:  # resumed with every answer given, or time up
            self._close_row()
        return session

    def _deadline(self) -> datetime | None:
        """When the time runs out: the attempt's start (its row's, when saved) plus the limit."""
        limit = self.plan.time_limit
        if limit is None:
            return None
        started = self.clock()
        if self.store is not None and self.session_id is not None:
            try:
                started = self.store.session(self.session_id).started_at
            except StoreError as error:
                _log.warning("start of session %s not read: %s", self.session_id, error)
        return started + limit

    def _new_session(self) -> QuizSession:
        plan = self.plan
        try:
            return QuizSession(
                plan.question_set.questions, mode=plan.mode, clock=self.clock,
                rng=session_rng(self.seed, self.session_id), all_or_nothing=plan.all_or_nothing,
                time_limit=None, previous=plan.previous)  # the run keeps the wall clock
        except ValueError as error:
            raise InputError([Problem("", tr("This quiz cannot start: {error}", error=error))]
                             ) from None

    def submit(self, response: Response) -> Submission:
        """Grade the current question's response and save it before anything is shown."""
        session = self.session
        if self.check_time():
            return TimeUp(tr("The time is up: the answer was not accepted and the quiz has "
                             "ended."))
        earlier = session.answer_for(session.current.id)
        try:
            answer = session.submit(response)
        except TimeUpError as error:
            return TimeUp(str(error))
        if answer is earlier and answer.question_id not in self._unsaved:
            return Saved(answer)  # the same answer again: it is saved already
        return self._save(answer)

    def end_at_time_up(self, response: Response | None) -> Submission | None:
        """The time is up: the answer on screen (None: nothing to submit) is graded as it
        stands (a half-done matching scores its right pairs) and saved, and the quiz ends
        (call `finish`). None when there was no question waiting for an answer."""
        session = self.session
        result: Submission | None = None
        if response is not None and session.phase is Phase.ANSWERING:
            earlier = session.answer_for(session.current.id)
            answer = session.submit(response)
            result = (Saved(answer) if answer is earlier and answer.question_id not in
                      self._unsaved else self._save(answer))
        if session.phase is not Phase.FINISHED:
            session.finish()
        return result

    # Navigating an exam (no feedback until Submit all) ------------------------------------------

    @property
    def navigable(self) -> bool:
        """Whether the learner moves freely between the questions (an exam that runs)."""
        return self.session.navigable

    def go_to(self, index: int) -> bool:
        """Show the question at `index`; False when the time is up (call `finish`)."""
        if self.check_time():
            return False
        self.session.go_to(index)
        return True

    def back(self) -> bool:
        """The previous question; False when the time is up."""
        if self.check_time():
            return False
        self.session.back()
        return True

    def skip(self) -> bool:
        """The next question, this one left as it is; False when the time is up."""
        if self.check_time():
            return False
        self.session.skip()
        return True

    def set_flag(self, index: int, flagged: bool) -> None:
        self.session.set_flag(index, flagged)

    def show_summary(self) -> bool:
        """The page before Submit all; False when the time is up."""
        if self.check_time():
            return False
        self.session.show_summary()
        return True

    def submit_all(self) -> QuizOutcome:
        """End the exam with its answers as they stand (they are saved already)."""
        if self.session.phase is not Phase.FINISHED:
            self.session.submit_all()
        return self.finish()

    def _save(self, answer: Answer) -> Submission:
        store, session_id = self.store, self.session_id
        if store is None or session_id is None:
            self._unsaved.append(answer.question_id)
            return NotSaved(answer, tr("Your answer counts in this quiz, but no history is "
                                       "open to save it in."))
        question = self.session.questions[self._position(answer.question_id)]
        # each fact with the mark of its own item or pair (question.basis: a grade made
        # without per-fact scores gives every fact the answer's score)
        facts = answer.grade.fact_scores(question.basis)
        try:
            self.send_waiting()  # what waits goes first: the server keeps the order
            if self.outbox is not None and self.outbox.waiting():
                raise ServerUnreachable(tr("The school server cannot be reached."))
            store.record_answer(session_id, answer, facts)
        except ServerUnreachable as error:
            if self.outbox is None:
                return self._not_saved(answer, error)
            try:
                self.outbox.keep(session_id, answer, facts)
            except OSError as failure:
                _log.warning("answer to %s not kept on this PC: %s", answer.question_id, failure)
                return self._not_saved(answer, error)
            return SavedLocally(answer, tr(
                "Saved on this PC: the school server cannot be reached just now. Your answer "
                "will be sent when it is back."))
        except StoreError as error:
            self._unsaved.append(answer.question_id)
            _log.warning("answer to %s not saved: %s", answer.question_id, error)
            return NotSaved(answer, tr("Your answer could not be saved: {reason}",
                                       reason=_first(error)))
        return Saved(answer)

    def _not_saved(self, answer: Answer, error: StoreError) -> NotSaved:
        self._unsaved.append(answer.question_id)
        _log.warning("answer to %s not saved: %s", answer.question_id, error)
        return NotSaved(answer, tr("Your answer could not be saved: {reason}",
                                   reason=_first(error)))

    def send_waiting(self) -> Sent | None:
        """Send the answers that wait on this PC for the school server (None: no outbox)."""
        if self.outbox is None or self.store is None or not self.outbox.waiting():
            return None
        return self.outbox.send(self.store)

    def _position(self, question_id: str) -> int:
        return [q.id for q in self.session.questions].index(question_id)

    def advance(self) -> None:
        """From a question's feedback to the next question (or the end)."""
        self.session.advance()

    def time_left(self) -> timedelta | None:
        """The time left on the wall clock (None without a time limit)."""
        if self.deadline is None:
            return None
        return max(timedelta(0), self.deadline - self.clock())

    def time_up(self) -> bool:
        """Whether the time limit has passed (nothing changes)."""
        return self.deadline is not None and self.clock() >= self.deadline

    def check_time(self) -> bool:
        """True when the time is up (the session has then finished: call `finish`)."""
        session = self.session
        if session.phase is Phase.FINISHED or not self.time_up():
            return False
        session.finish()
        return True

    def finish_later(self) -> None:
        """Put the quiz aside: every answer is already saved; the session stays unfinished in
        the database, for `resume_plan` to carry on."""
        self.put_aside = True

    def finish(self) -> QuizOutcome:
        """End the quiz (questions not answered score 0) and close its row with the score."""
        session = self.session
        if session.phase is not Phase.FINISHED:
            session.finish()
        saved = self._close_row()
        return QuizOutcome(self.plan, session, self.session_id,
                           saved=saved and not self._unsaved)

    def _close_row(self) -> bool:
        if self._row_closed is None:
            self._row_closed = self._write_score()
        return self._row_closed

    def _write_score(self) -> bool:
        store, session_id = self.store, self.session_id
        if store is None or session_id is None:
            return False
        try:
            sent = self.send_waiting()
            if sent is not None and sent.waiting:
                return False  # closed when its answers are all on the server (next start)
            store.finish_session(session_id)
        except StoreError as error:
            _log.warning("session %s not marked finished: %s", session_id, error)
            return False
        return True

    @classmethod
    def resume(cls, session_id: int, store: Store, library: QuestionSetLibrary, clock: Clock, *,
               seed: int | None = None) -> QuizRun:
        """A run carrying on an unfinished session (not started yet). InputError when its
        question set is no longer there."""
        plan = resume_plan(store, library, session_id)
        return cls(plan, store, clock, learner_id=store.session(session_id).learner_id,
                   seed=seed)


def _first(error: StoreError) -> str:
    sentences = error.sentences()
    return sentences[0] if sentences else str(error)

