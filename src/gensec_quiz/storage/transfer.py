"""Learners' results carried between PCs (by USB stick): collected from one store, merged into
another.

Merging is idempotent without ids shared between PCs: a quiz session is the same session when it
has the same learner, question set and start time (to the microsecond), and an answer is the
same answer when it belongs to that session and has the same question and time. Merging a file
twice, or a file that overlaps an earlier one, adds only what is new.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import insert, select, update
from sqlmodel import Session, col

from gensec_quiz.storage import learners as learner_rows
from gensec_quiz.storage import review, totals
from gensec_quiz.storage.sessions import COUNT_ANSWERED, fetch, first
from gensec_quiz.storage.tables import (
    AnswerFactRow,
    AnswerRow,
    LearnerRow,
    SessionRow,
    SessionSettingsRow,
)
from gensec_quiz.storage.validation import dump_json, utc


@dataclass(frozen=True, slots=True)
class FactResult:
    record: str
    field: str
    score: float


@dataclass(frozen=True, slots=True)
class AnswerResult:
    question_id: str
    question_type: str
    basis: tuple[tuple[str, str], ...]
    response: dict[str, Any]
    score: float
    seconds: float | None
    answered_at: datetime
    facts: tuple[FactResult, ...]


@dataclass(frozen=True, slots=True)
class SessionResult:
    question_set_id: str
    title: str
    mode: str
    question_count: int
    started_at: datetime
    finished_at: datetime | None
    score: float | None
    time_limit_seconds: int | None
    all_or_nothing: bool
    answers: tuple[AnswerResult, ...]


@dataclass(frozen=True, slots=True)
class LearnerResults:
    name: str
    created_at: datetime
    sessions: tuple[SessionResult, ...]


@dataclass(slots=True)
class MergeCounts:
    """What a merge added: new learners, sessions, answers; sessions it closed."""

    learners: int = 0
    sessions: int = 0
    answers: int = 0
    finished: int = 0
    names: list[str] = field(default_factory=list)

    def nothing_new(self) -> bool:
        return not (self.learners or self.sessions or self.answers or self.finished)


# -- collecting ------------------------------------------------------------------------------


def collect(session: Session) -> list[LearnerResults]:
    """Every learner with every session, answer and per-fact score, oldest first."""
    facts: dict[int, list[FactResult]] = {}
    for answer_id, record, fact_field, score in fetch(session, select(
            col(AnswerFactRow.answer_id), col(AnswerFactRow.record), col(AnswerFactRow.field),
            col(AnswerFactRow.score)).order_by(col(AnswerFactRow.answer_id))):
        facts.setdefault(answer_id, []).append(FactResult(record, fact_field, score))
    answers: dict[int, list[AnswerResult]] = {}
    for row in fetch(session, select(
            col(AnswerRow.id), col(AnswerRow.session_id), col(AnswerRow.question_id),
            col(AnswerRow.question_type), col(AnswerRow.basis), col(AnswerRow.response),
            col(AnswerRow.score), col(AnswerRow.seconds), col(AnswerRow.answered_at))
            .order_by(col(AnswerRow.id))):
        answers.setdefault(row[1], []).append(AnswerResult(
            question_id=row[2], question_type=row[3],
            basis=tuple((str(r), str(f)) for r, f in json.loads(row[4])),
            response=json.loads(row[5]), score=row[6], seconds=row[7],
            answered_at=utc(row[8]), facts=tuple(facts.get(row[0], ()))))
    settings = {row[0]: (row[1], bool(row[2])) for row in fetch(session, select(
        col(SessionSettingsRow.session_id), col(SessionSettingsRow.time_limit_seconds),
        col(SessionSettingsRow.all_or_nothing)))}
    sessions: dict[int, list[SessionResult]] = {}
    for row in fetch(session, select(
            col(SessionRow.id), col(SessionRow.learner_id), col(SessionRow.question_set_id),
            col(SessionRow.title), col(SessionRow.mode), col(SessionRow.question_count),
            col(SessionRow.started_at), col(SessionRow.finished_at), col(SessionRow.score))
            .order_by(col(SessionRow.started_at), col(SessionRow.id))):
        limit, all_or_nothing = settings.get(row[0], (None, False))
        sessions.setdefault(row[1], []).append(SessionResult(
            question_set_id=row[2], title=row[3], mode=row[4], question_count=row[5],
            started_at=utc(row[6]), finished_at=None if row[7] is None else utc(row[7]),
            score=row[8], time_limit_seconds=limit, all_or_nothing=all_or_nothing,
            answers=tuple(answers.get(row[0], ()))))
    return [
        LearnerResults(name=row[1], created_at=utc(row[2]),
                       sessions=tuple(sessions.get(row[0], ())))
        for row in fetch(session, select(col(LearnerRow.id), col(LearnerRow.name),
                                         col(LearnerRow.created_at)).order_by(col(LearnerRow.id)))
    ]


# -- merging ---------------------------------------------------------------------------------


def merge(session: Session, incoming: Sequence[LearnerResults],
          targets: Mapping[str, int | None], *, now: datetime) -> MergeCounts:
    """Merge `incoming` in the caller's transaction. `targets` maps each incoming learner's name
    to the local learner id their results go to, or None for a new learner of that name; a
    learner missing from `targets` is left out."""
    counts = MergeCounts()
    for learner in incoming:
        if learner.name not in targets:
            continue
        target = targets[learner.name]
        if target is None:
            existing = learner_rows.by_name(session, learner.name)
            if existing is None:
                target = learner_rows.add(session, learner.name, now=now)
                counts.learners += 1
                counts.names.append(learner.name)
            else:
                target = existing.id
        else:
            learner_rows.by_id(session, target)  # a clear sentence for an unknown id
        for result in learner.sessions:
            _merge_session(session, target, result, counts)
    return counts


def _merge_session(session: Session, learner_id: int, result: SessionResult,
                   counts: MergeCounts) -> None:
    started = utc(result.started_at)
    found = first(session, select(col(SessionRow.id), col(SessionRow.finished_at))
                  .where(col(SessionRow.learner_id) == learner_id,
                         col(SessionRow.question_set_id) == result.question_set_id,
                         col(SessionRow.started_at) == started))
    connection = session.connection()
    if found is None:
        inserted = connection.execute(insert(SessionRow), {
            "learner_id": learner_id, "question_set_id": result.question_set_id,
            "title": result.title, "mode": result.mode,
            "question_count": result.question_count, "answered": 0, "started_at": started,
            "finished_at": None, "score": None})
        key = inserted.inserted_primary_key
        assert key is not None
        session_id, finished = int(key[0]), None
        counts.sessions += 1
        if result.time_limit_seconds is not None or result.all_or_nothing:
            connection.execute(insert(SessionSettingsRow), {
                "session_id": session_id, "time_limit_seconds": result.time_limit_seconds,
                "all_or_nothing": result.all_or_nothing})
    else:
        session_id, finished = int(found[0]), found[1]
    known = {(question_id, utc(at)) for question_id, at in fetch(session, select(
        col(AnswerRow.question_id), col(AnswerRow.answered_at))
        .where(col(AnswerRow.session_id) == session_id))}
    added = 0
    for answer in result.answers:
        if (answer.question_id, utc(answer.answered_at)) in known:
            continue
        inserted = connection.execute(insert(AnswerRow), {
            "session_id": session_id, "question_id": answer.question_id,
            "question_type": answer.question_type,
            "basis": dump_json([list(pair) for pair in answer.basis]),
            "response": dump_json(answer.response), "score": answer.score,
            "seconds": answer.seconds, "answered_at": utc(answer.answered_at)})
        key = inserted.inserted_primary_key
        assert key is not None
        answer_id = int(key[0])
        facts = {(f.record, f.field): f.score for f in answer.facts}
        if facts:
            connection.execute(insert(AnswerFactRow), [
                {"answer_id": answer_id, "record": record, "field": fact_field,
                 "learner_id": learner_id, "score": score}
                for (record, fact_field), score in facts.items()])
        # What `sessions.record` keeps on write, kept for a merged answer too.
        scored = [(record, fact_field, score) for (record, fact_field), score in facts.items()]
        totals.add_answer(connection, learner_id=learner_id,
                          question_set_id=result.question_set_id,
                          question_id=answer.question_id, question_type=answer.question_type,
                          basis=scored, score=answer.score, started_at=started)
        totals.note_activity(connection, learner_id, utc(answer.answered_at))
        review.apply_recorded(connection, learner_id=learner_id, answer_id=answer_id,
                              basis=scored, answered_at=utc(answer.answered_at))
        added += 1
    if added:
        connection.execute(COUNT_ANSWERED, {"session_id": session_id})
        counts.answers += added
    if finished is None and result.finished_at is not None:
        connection.execute(update(SessionRow).where(col(SessionRow.id) == session_id)
                           .values(finished_at=utc(result.finished_at),
                                   score=_final_score(session, session_id, result)))
        counts.finished += 1


def _final_score(session: Session, session_id: int, result: SessionResult) -> float:
    """The score of a session closed elsewhere: as `sessions.finish` computes it, over the
    answers now here (the latest answer per question; unanswered questions 0)."""
    latest: dict[str, float] = {}
    for question_id, score in fetch(session, select(col(AnswerRow.question_id),
                                                    col(AnswerRow.score))
                                    .where(col(AnswerRow.session_id) == session_id)
                                    .order_by(col(AnswerRow.answered_at), col(AnswerRow.id))):
        latest[question_id] = score
    total = max(result.question_count, len(latest))
    if not total:
        return 0.0 if result.score is None else result.score
    return min(1.0, sum(latest.values()) / total)

