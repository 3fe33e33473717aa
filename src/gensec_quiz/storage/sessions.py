"""Quiz sessions and answers: the queries behind the Store's session methods."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Executable, bindparam, distinct, func, insert, select, update
from sqlmodel import Session, col

from gensec_quiz.domain.questions import BasisRef
from gensec_quiz.i18n import tr
from gensec_quiz.storage import review, totals
from gensec_quiz.storage.errors import StoreError
from gensec_quiz.storage.records import AnswerRecord, SessionInfo, SessionSettings
from gensec_quiz.storage.tables import (
    AnswerFactRow,
    AnswerRow,
    LearnerRow,
    SessionRow,
    SessionSettingsRow,
)
from gensec_quiz.storage.validation import AnswerInput, SessionInput, dump_json, utc

SESSION_COLUMNS = (
    col(SessionRow.id), col(SessionRow.learner_id), col(LearnerRow.name),
    col(SessionRow.question_set_id), col(SessionRow.title), col(SessionRow.mode),
    col(SessionRow.question_count), col(SessionRow.answered), col(SessionRow.started_at),
    col(SessionRow.finished_at), col(SessionRow.score),
)


def fetch(session: Session, query: Executable) -> Sequence[Any]:
    """Every row of a Core query, run on the session's connection and transaction."""
    return session.connection().execute(query).all()


def first(session: Session, query: Executable) -> Any:
    return session.connection().execute(query).first()


def session_select() -> Any:
    """SELECT of every SessionInfo column, sessions joined to their learner."""
    return select(*SESSION_COLUMNS).join(
        LearnerRow, col(LearnerRow.id) == col(SessionRow.learner_id))


def session_info(row: Any) -> SessionInfo:
    return SessionInfo(
        id=row[0], learner_id=row[1], learner_name=row[2], question_set_id=row[3],
        title=row[4], mode=row[5], question_count=row[6], answered=row[7],
        started_at=row[8], finished_at=row[9], score=row[10],
    )


def get_session(session: Session, session_id: int) -> SessionInfo:
    row = first(session, session_select().where(col(SessionRow.id) == session_id))
    if row is None:
        raise StoreError(tr("There is no quiz session {id}.", id=session_id), where="session_id")
    return session_info(row)


def start(session: Session, data: SessionInput, *, now: datetime) -> int:
    if session.get(LearnerRow, data.learner_id) is None:
        raise StoreError(tr("There is no learner {id}.", id=data.learner_id), where="learner_id")
    row = SessionRow(
        learner_id=data.learner_id, question_set_id=data.question_set_id, title=data.title,
        mode=data.mode.value, question_count=data.question_count, answered=0,
        started_at=utc(now),
    )
    session.add(row)
    session.flush()
    assert row.id is not None
    if data.time_limit_seconds is not None or data.all_or_nothing:
        session.add(SessionSettingsRow(session_id=row.id,
                                       time_limit_seconds=data.time_limit_seconds,
                                       all_or_nothing=data.all_or_nothing))
    return row.id


def settings(session: Session, session_id: int) -> SessionSettings:
    get_session(session, session_id)  # a clear sentence for an unknown id
    row = session.get(SessionSettingsRow, session_id)
    if row is None:
        return SessionSettings()
    return SessionSettings(time_limit_seconds=row.time_limit_seconds,
                           all_or_nothing=bool(row.all_or_nothing))


# Built once: `record` is the hot path (one call per answer), and a prebuilt statement skips
# SQLAlchemy's statement construction on every call.
_OWNER = (select(col(SessionRow.learner_id), col(SessionRow.finished_at),
                 col(SessionRow.question_set_id), col(SessionRow.started_at))
          .where(col(SessionRow.id) == bindparam("session_id")))
_INSERT_ANSWER = insert(AnswerRow)
_INSERT_FACT = insert(AnswerFactRow)
# Questions answered, each once: an exam's changed answer is a new row for the same question.
COUNT_ANSWERED = (update(SessionRow).where(col(SessionRow.id) == bindparam("session_id"))
                  .values(answered=select(func.count(distinct(col(AnswerRow.question_id))))
                          .where(col(AnswerRow.session_id) == bindparam("session_id"))
                          .scalar_subquery()))


def record(session: Session, data: AnswerInput) -> int:
    """Insert one answer, its facts (each with its own score), and the session's progress, in
    the caller's transaction; the running totals and the learner's review cards are updated in
    it too, each fact with its own score."""
    connection = session.connection()
    owner = connection.execute(_OWNER, {"session_id": data.session_id}).first()
    if owner is None:
        raise StoreError(tr("There is no quiz session {id}.", id=data.session_id),
                         where="session_id")
    if owner[1] is not None:
        raise StoreError(tr("Quiz session {id} is finished; it takes no more answers.",
                            id=data.session_id), where="session_id")
    inserted = connection.execute(_INSERT_ANSWER, {
        "session_id": data.session_id, "question_id": data.question_id,
        "question_type": data.question_type, "basis": dump_json([list(f) for f in data.basis]),
        "response": dump_json(data.response), "score": data.score, "seconds": data.seconds,
        "answered_at": utc(data.answered_at),
    })
    key = inserted.inserted_primary_key
    assert key is not None
    answer_id = int(key[0])
    if data.basis:
        connection.execute(_INSERT_FACT, [
            {"answer_id": answer_id, "record": r, "field": f, "learner_id": owner[0],
             "score": score} for (r, f), score in zip(data.basis, data.fact_scores, strict=True)])
    connection.execute(COUNT_ANSWERED, {"session_id": data.session_id})
    basis = [(r, f, score) for (r, f), score in zip(data.basis, data.fact_scores, strict=True)]
    totals.add_answer(connection, learner_id=owner[0], question_set_id=owner[2],
                      question_id=data.question_id, question_type=data.question_type,
                      basis=basis, score=data.score, started_at=owner[3])
    totals.note_activity(connection, owner[0], utc(data.answered_at))
    review.apply_recorded(connection, learner_id=owner[0], answer_id=answer_id, basis=basis,
                          answered_at=utc(data.answered_at))
    return answer_id


def has_answer(session: Session, session_id: int, question_id: str,
               answered_at: datetime) -> bool:
    return first(session, select(col(AnswerRow.id)).where(
        col(AnswerRow.session_id) == session_id, col(AnswerRow.question_id) == question_id,
        col(AnswerRow.answered_at) == utc(answered_at)).limit(1)) is not None


def finish(session: Session, session_id: int, *, now: datetime) -> float:
    """Close the session; its score is the mean over every question, unanswered ones 0."""
    info = get_session(session, session_id)
    if info.score is not None:
        return info.score
    latest: dict[str, float] = {}
    for question_id, score in fetch(
            session, select(col(AnswerRow.question_id), col(AnswerRow.score))
            .where(col(AnswerRow.session_id) == session_id).order_by(col(AnswerRow.id))):
        latest[question_id] = score
    total = max(info.question_count, len(latest))
    result = min(1.0, sum(latest.values()) / total) if total else 0.0
    session.exec(update(SessionRow).where(col(SessionRow.id) == session_id)
                 .values(finished_at=utc(now), score=result))
    return result


def answers(session: Session, session_id: int) -> list[AnswerRecord]:
    rows = session.scalars(select(AnswerRow).where(col(AnswerRow.session_id) == session_id)
                           .order_by(col(AnswerRow.id))).all()
    return [
        AnswerRecord(
            id=row.id or 0, session_id=row.session_id, question_id=row.question_id,
            question_type=row.question_type, score=row.score, response=json.loads(row.response),
            basis=tuple(BasisRef(r, f) for r, f in json.loads(row.basis)),
            seconds=row.seconds, answered_at=utc(row.answered_at),
        )
        for row in rows
    ]


def unfinished(session: Session, learner_id: int) -> list[SessionInfo]:
    rows = fetch(session, session_select()
                 .where(col(SessionRow.learner_id) == learner_id,
                        col(SessionRow.finished_at).is_(None))
                 .order_by(col(SessionRow.started_at).desc(), col(SessionRow.id).desc()))
    return [session_info(row) for row in rows]
