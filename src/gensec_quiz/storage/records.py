"""Plain records the store hands out: frozen dataclasses, never ORM objects. Times are UTC."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from gensec_quiz.domain.questions import BasisRef


@dataclass(frozen=True, slots=True)
class LearnerInfo:
    id: int
    name: str
    created_at: datetime
    sessions: int
    last_score: float | None


@dataclass(frozen=True, slots=True)
class SessionSettings:
    """What a session was started with beyond its mode; a resumed exam keeps it."""

    time_limit_seconds: int | None = None
    all_or_nothing: bool = False


@dataclass(frozen=True, slots=True)
class SessionInfo:
    """One quiz session; `score` is set when it is finished (unanswered questions count 0)."""

    id: int
    learner_id: int
    learner_name: str
    question_set_id: str
    title: str
    mode: str
    question_count: int
    answered: int
    started_at: datetime
    finished_at: datetime | None
    score: float | None

    @property
    def finished(self) -> bool:
        return self.finished_at is not None


@dataclass(frozen=True, slots=True)
class AnswerRecord:
    id: int
    session_id: int
    question_id: str
    question_type: str
    score: float
    response: dict[str, Any]
    basis: tuple[BasisRef, ...]
    seconds: float | None
    answered_at: datetime


@dataclass(frozen=True, slots=True)
class TypeAccuracy:
    """Answers of one question type: how many, how many fully right, the mean score."""

    question_type: str
    answers: int
    right: int
    mean_score: float


@dataclass(frozen=True, slots=True)
class FactStat:
    """How a learner did on one fact (a record's field) over every answer that rested on it."""

    record: str
    field: str
    attempts: int
    mean_score: float

    @property
    def basis(self) -> BasisRef:
        return BasisRef(self.record, self.field)


@dataclass(frozen=True, slots=True)
class LearnerOverview:
    """One row of the class overview: a learner's sessions within the chosen filters."""

    learner_id: int
    name: str
    sessions: int
    finished: int
    mean_score: float | None
    best_score: float | None
    last_score: float | None
    last_at: datetime | None


@dataclass(frozen=True, slots=True)
class QuestionStat:
    question_id: str
    question_type: str
    attempts: int
    right: int
    mean_score: float


@dataclass(frozen=True, slots=True)
class BackupInfo:
    path: Path
    taken_at: datetime
    reason: str
    size: int
