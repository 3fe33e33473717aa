"""What a quiz is started from and what it ends in: plain data the window hands around."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import timedelta
from pathlib import Path

from gensec_quiz.bank.classroom_lock import ClassroomLock
from gensec_quiz.domain.questions import QuestionSet
from gensec_quiz.domain.session import Answer, Mode, QuizSession


@dataclass(frozen=True)
class QuizPlan:
    """A quiz to start (or to resume, when `resume_session_id` is set)."""

    question_set: QuestionSet
    mode: Mode = Mode.PRACTICE
    all_or_nothing: bool = False
    time_limit: timedelta | None = None
    resume_session_id: int | None = None
    previous: tuple[Answer, ...] = ()

    def time_limit_seconds(self) -> int | None:
        return None if self.time_limit is None else int(self.time_limit.total_seconds())


@dataclass
class QuizOutcome:
    """A finished (or ended) quiz, for the Results screen; `saved` when every answer and the
    final score are in the database."""

    plan: QuizPlan
    session: QuizSession
    session_id: int | None
    saved: bool = True
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class SetEntry:
    """A question set on disk, as listed on the Home screen."""

    path: Path
    id: str
    title: str
    count: int
    own: bool


def locked_plan(plan: QuizPlan, lock: ClassroomLock | None) -> QuizPlan:
    """The plan with the teacher's mode and options, whatever was picked on Home."""
    if lock is None:
        return plan
    mode = Mode(lock.mode)
    exam = mode is Mode.EXAM
    minutes = lock.time_limit_minutes if exam else None
    return replace(plan, mode=mode, all_or_nothing=exam and lock.all_or_nothing,
                   time_limit=timedelta(minutes=minutes) if minutes else None)
