"""Class-wide statistics for the teacher: the facts the class as a whole gets wrong, and how
each question of a set went, within the same filters as `class_overview` (set and dates).
The Store's `class_weakest_facts` and dated `question_stats` run these queries.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import case, distinct, func, select
from sqlmodel import Session, col

from gensec_quiz.domain.questions import BasisRef
from gensec_quiz.storage.records import QuestionStat
from gensec_quiz.storage.sessions import fetch
from gensec_quiz.storage.tables import (
    AnswerFactRow,
    AnswerRow,
    FactDayRow,
    FactTotalRow,
    SessionRow,
)
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
    the per-day totals answer the whole UTC days (`fact_days`), and the answers only the
    hours at either end that are not whole days."""
    if since is None and until is None:
        return _weakest_from_totals(session, question_set_id, limit)
    # Per fact: answers, summed score, and the lists of learner ids seen (a day's list is
    # often the same as another's: each distinct list is split once, at the end).
    found: dict[tuple[str, str], tuple[int, float, set[str]]] = {}
    first_day, end_day, edges = _split_days(since, until)
    _add_days(session, found, question_set_id, first_day, end_day)
    for low, high in edges:
        _add_answers(session, found, question_set_id, low, high)
    ranked = sorted(
        ((record, field, len({n for ids in lists for n in ids.split()}), attempts,
          score_sum / attempts)
         for (record, field), (attempts, score_sum, lists) in found.items() if attempts),
        key=lambda row: (row[4], -row[3], row[0], row[1]))
    return [ClassFactStat(record=row[0], field=row[1], learners=row[2], attempts=row[3],
                          mean_score=row[4]) for row in ranked[:max(0, limit)]]


def _split_days(since: datetime | None, until: datetime | None
                ) -> tuple[str | None, str | None,
                           list[tuple[datetime | None, datetime | None]]]:
    """[since, until) as the whole UTC days inside it (first day, day after the last: None
    when unbounded on that side) and the stretches at either end that are not whole days.
    A range within one day is all edge (no whole days: both days equal)."""
    low = None if since is None else utc(since)
    high = None if until is None else utc(until)
    first = None if low is None else _midnight(low, up=True)
    end = None if high is None else _midnight(high, up=False)
    if first is not None and end is not None and first >= end:
        return _DAY_NONE, _DAY_NONE, [(low, high)]
    edges: list[tuple[datetime | None, datetime | None]] = []
    if low is not None and first is not None and low < first:
        edges.append((low, first))
    if high is not None and end is not None and end < high:
        edges.append((end, high))
    return (None if first is None else first.date().isoformat(),
            None if end is None else end.date().isoformat(), edges)


_DAY_NONE = "none"  # no whole day: `_add_days` reads nothing


def _midnight(moment: datetime, *, up: bool) -> datetime:
    day = moment.replace(hour=0, minute=0, second=0, microsecond=0)
    return day + timedelta(days=1) if up and day < moment else day


def _add_days(session: Session, found: dict[tuple[str, str], tuple[int, float, set[str]]],
              question_set_id: str | None, first_day: str | None,
              end_day: str | None) -> None:
    if first_day == _DAY_NONE:
        return
    query = select(col(FactDayRow.record), col(FactDayRow.field), col(FactDayRow.attempts),
                   col(FactDayRow.score_sum), col(FactDayRow.learners))
    if first_day is not None:
        query = query.where(col(FactDayRow.day) >= first_day)
    if end_day is not None:
        query = query.where(col(FactDayRow.day) < end_day)
    if question_set_id is not None:
        query = query.where(col(FactDayRow.question_set_id) == question_set_id)
    for record, field, attempts, score_sum, learners in session.connection().execute(query):
        count, total, seen = found.get((record, field), (0, 0.0, set()))
        seen.add(str(learners))
        found[(record, field)] = (count + int(attempts), total + float(score_sum), seen)


def _add_answers(session: Session, found: dict[tuple[str, str], tuple[int, float, set[str]]],
                 question_set_id: str | None, low: datetime | None,
                 high: datetime | None) -> None:
    """The answers of the sessions started in [low, high) (hours at an end of the range)."""
    query = (
        select(col(AnswerFactRow.record), col(AnswerFactRow.field),
               col(AnswerFactRow.learner_id), func.count(), func.sum(col(AnswerFactRow.score)))
        .join(AnswerRow, col(AnswerRow.id) == col(AnswerFactRow.answer_id))
        .join(SessionRow, col(SessionRow.id) == col(AnswerRow.session_id))
        .where(*_filters(question_set_id, low, high))
        .group_by(col(AnswerFactRow.record), col(AnswerFactRow.field),
                  col(AnswerFactRow.learner_id)))
    for record, field, learner, attempts, score_sum in fetch(session, query):
        count, total, seen = found.get((record, field), (0, 0.0, set()))
        seen.add(str(int(learner)))
        found[(record, field)] = (count + int(attempts), total + float(score_sum), seen)


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
