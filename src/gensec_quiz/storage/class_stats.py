"""Class-wide statistics for the teacher: the facts the class as a whole gets wrong, and how
each question of a set went, within the same filters as `class_overview` (set and dates).
The Store's `class_weakest_facts` and dated `question_stats` run these queries.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import case, distinct, func, select
from sqlmodel import Session, col

from gensec_quiz.domain.questions import BasisRef
from gensec_quiz.storage.records import QuestionStat
from gensec_quiz.storage.sessions import fetch
from gensec_quiz.storage.tables import AnswerFactRow, AnswerRow, FactTotalRow, SessionRow
from gensec_quiz.storage.validation import utc

# An answer is "right" when it earned full marks, as in `stats`.
RIGHT = 1.0 - 1e-9


@dataclass(frozen=True, slots=True)
class ClassFactStat:
    """How the class did on one fact (a record's field): learners, answers, mean score."""

    record: str
    field: str
    learners: int
    attempts: int
    mean_score: float

    @property
    def basis(self) -> BasisRef:
        return BasisRef(self.record, self.field)


def _filters(question_set_id: str | None, since: datetime | None,
             until: datetime | None) -> list[Any]:
    conditions: list[Any] = []
    if question_set_id is not None:
        conditions.append(col(SessionRow.question_set_id) == question_set_id)
    if since is not None:
        conditions.append(col(SessionRow.started_at) >= utc(since))
    if until is not None:
        conditions.append(col(SessionRow.started_at) < utc(until))
    return conditions


def weakest_class_facts(session: Session, *, question_set_id: str | None = None,
                        since: datetime | None = None, until: datetime | None = None,
                        limit: int = 10) -> list[ClassFactStat]:
    """The facts with the lowest mean score over every learner; more answers first among
    equals. Sessions are filtered as in `class_overview` (set, start time in [since, until)).

    Without dates the running totals answer it (a few rows per learner and fact); with dates
    only the answers of the sessions started in them are read."""
    if since is None and until is None:
        return _weakest_from_totals(session, question_set_id, limit)
    mean = func.avg(col(AnswerFactRow.score))
    attempts = func.count()
    query = (
        select(col(AnswerFactRow.record), col(AnswerFactRow.field),
               func.count(distinct(col(AnswerFactRow.learner_id))), attempts, mean)
        .join(AnswerRow, col(AnswerRow.id) == col(AnswerFactRow.answer_id))
        .join(SessionRow, col(SessionRow.id) == col(AnswerRow.session_id))
        .where(*_filters(question_set_id, since, until))
        .group_by(col(AnswerFactRow.record), col(AnswerFactRow.field))
        .order_by(mean, attempts.desc(), col(AnswerFactRow.record), col(AnswerFactRow.field))
        .limit(max(0, limit)))
    return [ClassFactStat(record=row[0], field=row[1], learners=int(row[2]),
                          attempts=int(row[3]), mean_score=float(row[4]))
            for row in fetch(session, query)]


def _weakest_from_totals(session: Session, question_set_id: str | None,
                         limit: int) -> list[ClassFactStat]:
    attempts = func.sum(col(FactTotalRow.attempts))
    mean = func.sum(col(FactTotalRow.score_sum)) / attempts
    query = (
        select(col(FactTotalRow.record), col(FactTotalRow.field),
               func.count(distinct(col(FactTotalRow.learner_id))), attempts, mean)
        .group_by(col(FactTotalRow.record), col(FactTotalRow.field))
        .having(attempts > 0)
        .order_by(mean, attempts.desc(), col(FactTotalRow.record), col(FactTotalRow.field))
        .limit(max(0, limit)))
    if question_set_id is not None:
        query = query.where(col(FactTotalRow.question_set_id) == question_set_id)
    return [ClassFactStat(record=row[0], field=row[1], learners=int(row[2]),
                          attempts=int(row[3]), mean_score=float(row[4]))
            for row in fetch(session, query)]


def class_question_stats(session: Session, *, question_set_id: str,
                         since: datetime | None = None,
                         until: datetime | None = None) -> list[QuestionStat]:
    """Per question of a set: answers, fully right answers, mean score, within the dates."""
    score = col(AnswerRow.score)
    query = (
        select(col(AnswerRow.question_id), col(AnswerRow.question_type), func.count(),
               func.sum(case((score >= RIGHT, 1), else_=0)), func.avg(score))
        .join(SessionRow, col(SessionRow.id) == col(AnswerRow.session_id))
        .where(*_filters(question_set_id, since, until))
        .group_by(col(AnswerRow.question_id), col(AnswerRow.question_type))
        .order_by(col(AnswerRow.question_id), col(AnswerRow.question_type)))
    return [QuestionStat(question_id=row[0], question_type=row[1], attempts=int(row[2]),
                         right=int(row[3] or 0), mean_score=float(row[4]))
            for row in fetch(session, query)]
