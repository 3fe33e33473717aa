"""Statistics queries: portable SQLAlchemy expressions, each answered by an index."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import aliased
from sqlmodel import Session, col

from gensec_quiz.storage.records import (
    FactStat,
    LearnerOverview,
    QuestionStat,
    SessionInfo,
    TypeAccuracy,
)
from gensec_quiz.storage.sessions import fetch, session_info, session_select
from gensec_quiz.storage.tables import (
    AnswerRow,
    FactTotalRow,
    LearnerRow,
    QuestionTotalRow,
    SessionRow,
)
from gensec_quiz.storage.validation import utc

# An answer is "right" when it earned full marks (scores are fractions in [0, 1]).
RIGHT = 1.0 - 1e-9


def _right(score: Any) -> Any:
    return func.sum(case((score >= RIGHT, 1), else_=0))


def score_history(session: Session, learner_id: int) -> list[SessionInfo]:
    """The learner's finished sessions, oldest first."""
    rows = fetch(session, session_select()
                        .where(col(SessionRow.learner_id) == learner_id,
                               col(SessionRow.finished_at).is_not(None))
                        .order_by(col(SessionRow.started_at), col(SessionRow.id)))
    return [session_info(row) for row in rows]


def accuracy_by_type(session: Session, learner_id: int) -> list[TypeAccuracy]:
    score = col(AnswerRow.score)
    rows = fetch(
        session, select(col(AnswerRow.question_type), func.count(), _right(score), func.avg(score))
        .join(SessionRow, col(SessionRow.id) == col(AnswerRow.session_id))
        .where(col(SessionRow.learner_id) == learner_id)
        .group_by(col(AnswerRow.question_type)).order_by(col(AnswerRow.question_type)))
    return [TypeAccuracy(question_type=row[0], answers=int(row[1]), right=int(row[2] or 0),
                         mean_score=float(row[3])) for row in rows]


def weakest_facts(session: Session, learner_id: int, limit: int) -> list[FactStat]:
    """The facts with the lowest mean score; more attempts first among equals (from the
    running totals: a few rows per fact, never every answer)."""
    attempts = func.sum(col(FactTotalRow.attempts))
    mean = func.sum(col(FactTotalRow.score_sum)) / attempts
    rows = fetch(
        session, select(col(FactTotalRow.record), col(FactTotalRow.field), attempts, mean)
        .where(col(FactTotalRow.learner_id) == learner_id)
        .group_by(col(FactTotalRow.record), col(FactTotalRow.field))
        .order_by(mean, attempts.desc(), col(FactTotalRow.record), col(FactTotalRow.field))
        .limit(max(0, limit)))
    return [FactStat(record=row[0], field=row[1], attempts=int(row[2]),
                     mean_score=float(row[3])) for row in rows]


def _filters(question_set_id: str | None, since: datetime | None, until: datetime | None,
             sessions: Any = SessionRow) -> list[Any]:
    conditions: list[Any] = []
    if question_set_id is not None:
        conditions.append(sessions.question_set_id == question_set_id)
    if since is not None:
        conditions.append(sessions.started_at >= utc(since))
    if until is not None:
        conditions.append(sessions.started_at < utc(until))
    return conditions


def class_overview(session: Session, *, question_set_id: str | None, since: datetime | None,
                   until: datetime | None) -> list[LearnerOverview]:
    """Every learner, with their sessions within the filters (learners with none included)."""
    filters = _filters(question_set_id, since, until)
    inner: Any = aliased(SessionRow)
    last_score = (
        select(inner.score)
        .where(inner.learner_id == col(LearnerRow.id), inner.finished_at.is_not(None),
               *_filters(question_set_id, since, until, inner))
        .order_by(inner.started_at.desc(), inner.id.desc())
        .limit(1).correlate(LearnerRow).scalar_subquery())
    rows = fetch(
        session, select(col(LearnerRow.id), col(LearnerRow.name), func.count(col(SessionRow.id)),
               func.count(col(SessionRow.finished_at)), func.avg(col(SessionRow.score)),
               func.max(col(SessionRow.score)), last_score, func.max(col(SessionRow.started_at)))
        .outerjoin(SessionRow, and_(col(SessionRow.learner_id) == col(LearnerRow.id), *filters))
        .group_by(col(LearnerRow.id), col(LearnerRow.name), col(LearnerRow.name_key))
        .order_by(col(LearnerRow.name_key), col(LearnerRow.id)))
    return [
        LearnerOverview(learner_id=row[0], name=row[1], sessions=int(row[2]),
                        finished=int(row[3]), mean_score=row[4], best_score=row[5],
                        last_score=row[6], last_at=None if row[7] is None else utc(row[7]))
        for row in rows
    ]


def class_sessions(session: Session, *, learner_id: int | None, question_set_id: str | None,
                   since: datetime | None, until: datetime | None) -> list[SessionInfo]:
    """Every session within the filters, by learner then time (what the score export writes)."""
    query = session_select().where(*_filters(question_set_id, since, until))
    if learner_id is not None:
        query = query.where(col(SessionRow.learner_id) == learner_id)
    rows = fetch(session, query.order_by(col(LearnerRow.name_key), col(SessionRow.started_at),
                                       col(SessionRow.id)))
    return [session_info(row) for row in rows]


def question_stats(session: Session, question_set_id: str) -> list[QuestionStat]:
    """Per question of the set, every answer ever given (from the running totals)."""
    rows = fetch(
        session, select(col(QuestionTotalRow.question_id), col(QuestionTotalRow.question_type),
                        col(QuestionTotalRow.attempts), col(QuestionTotalRow.right_answers),
                        col(QuestionTotalRow.score_sum))
        .where(col(QuestionTotalRow.question_set_id) == question_set_id,
               col(QuestionTotalRow.attempts) > 0)
        .order_by(col(QuestionTotalRow.question_id), col(QuestionTotalRow.question_type)))
    return [QuestionStat(question_id=row[0], question_type=row[1], attempts=int(row[2]),
                         right=int(row[3]), mean_score=float(row[4]) / int(row[2]))
            for row in rows]
