"""Learners: add, list, find, rename, merge and delete (the queries behind the Store)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col

from gensec_quiz.i18n import tr
from gensec_quiz.storage import review, totals
from gensec_quiz.storage.errors import StoreError
from gensec_quiz.storage.records import LearnerInfo
from gensec_quiz.storage.sessions import fetch, first
from gensec_quiz.storage.tables import (
    ActivityRow,
    AnswerFactRow,
    AnswerRow,
    FactTotalRow,
    LearnerRow,
    SessionRow,
)
from gensec_quiz.storage.validation import clean_name, name_key, utc


def add(session: Session, name: object, *, now: datetime) -> int:
    shown, key = clean_name(name)
    _refuse_taken(session, shown, key, keep_id=None)
    row = LearnerRow(name=shown, name_key=key, created_at=utc(now))
    session.add(row)
    try:
        session.flush()
    except IntegrityError:  # another process added the name meanwhile (a server database)
        raise StoreError(tr("A learner named “{name}” already exists.", name=shown),
                         where="name") from None
    assert row.id is not None
    return row.id


def _refuse_taken(session: Session, shown: str, key: str, *, keep_id: int | None) -> None:
    other = session.scalar(select(col(LearnerRow.id)).where(col(LearnerRow.name_key) == key))
    if other is not None and other != keep_id:
        raise StoreError(tr("A learner named “{name}” already exists.", name=shown),
                         where="name")


def _info_select() -> Any:
    last_score = (
        select(col(SessionRow.score))
        .where(col(SessionRow.learner_id) == col(LearnerRow.id),
               col(SessionRow.finished_at).is_not(None))
        .order_by(col(SessionRow.finished_at).desc(), col(SessionRow.id).desc())
        .limit(1).scalar_subquery()
    )
    sessions = (select(func.count()).where(col(SessionRow.learner_id) == col(LearnerRow.id))
                .scalar_subquery())
    return select(col(LearnerRow.id), col(LearnerRow.name), col(LearnerRow.created_at),
                  sessions, last_score)


def _info(row: Any) -> LearnerInfo:
    return LearnerInfo(id=row[0], name=row[1], created_at=utc(row[2]), sessions=int(row[3]),
                       last_score=row[4])


def listing(session: Session) -> list[LearnerInfo]:
    rows = fetch(session, _info_select().order_by(col(LearnerRow.name_key), col(LearnerRow.id)))
    return [_info(row) for row in rows]


def by_name(session: Session, name: str) -> LearnerInfo | None:
    row = first(session, _info_select().where(col(LearnerRow.name_key) == name_key(name)))
    return None if row is None else _info(row)


def by_id(session: Session, learner_id: int) -> LearnerInfo:
    row = first(session, _info_select().where(col(LearnerRow.id) == learner_id))
    if row is None:
        raise StoreError(tr("There is no learner {id}.", id=learner_id), where="learner_id")
    return _info(row)


def rename(session: Session, learner_id: int, name: object) -> None:
    shown, key = clean_name(name)
    by_id(session, learner_id)
    _refuse_taken(session, shown, key, keep_id=learner_id)
    session.exec(update(LearnerRow).where(col(LearnerRow.id) == learner_id)
                 .values(name=shown, name_key=key))


def merge(session: Session, keep_id: int, merge_id: int) -> int:
    """Move every session of `merge_id` to `keep_id`, delete `merge_id`; return sessions moved."""
    if keep_id == merge_id:
        raise StoreError(tr("A learner cannot be merged into themselves."), where="merge_id")
    by_id(session, keep_id)
    moved = by_id(session, merge_id).sessions
    session.exec(update(SessionRow).where(col(SessionRow.learner_id) == merge_id)
                 .values(learner_id=keep_id))
    session.exec(update(AnswerFactRow).where(col(AnswerFactRow.learner_id) == merge_id)
                 .values(learner_id=keep_id))
    session.exec(delete(FactTotalRow).where(col(FactTotalRow.learner_id) == merge_id))
    session.exec(delete(ActivityRow).where(col(ActivityRow.learner_id) == merge_id))
    session.exec(delete(LearnerRow).where(col(LearnerRow.id) == merge_id))
    connection = session.connection()
    totals.refill_learner(connection, keep_id)
    totals.move_learner_days(connection, merge_id, keep_id)
    totals.refill_activity(connection, keep_id)
    review.rebuild(connection, keep_id)  # the moved answers interleave with the kept ones
    return moved


def remove(session: Session, learner_id: int) -> None:
    """Delete a learner with every session and answer (children first: no reliance on CASCADE)."""
    by_id(session, learner_id)
    own_sessions = select(col(SessionRow.id)).where(col(SessionRow.learner_id) == learner_id)
    sets = sorted({str(row[0]) for row in session.connection().execute(
        select(col(SessionRow.question_set_id)).where(col(SessionRow.learner_id) == learner_id)
        .distinct())})
    totals.drop_learner_days(session.connection(), learner_id)
    session.exec(delete(FactTotalRow).where(col(FactTotalRow.learner_id) == learner_id))
    session.exec(delete(ActivityRow).where(col(ActivityRow.learner_id) == learner_id))
    session.exec(delete(AnswerFactRow).where(col(AnswerFactRow.learner_id) == learner_id))
    session.exec(delete(AnswerRow).where(col(AnswerRow.session_id).in_(own_sessions)))
    session.exec(delete(SessionRow).where(col(SessionRow.learner_id) == learner_id))
    session.exec(delete(LearnerRow).where(col(LearnerRow.id) == learner_id))
    totals.refill_questions(session.connection(), sets)
