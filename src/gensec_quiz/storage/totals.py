"""Running totals (schema 4): per learner, set and fact, and per question of a set.

`add_answer` runs in the transaction that inserts the answer, so the totals always agree with
the answers (a crash leaves both or neither). Statistics over every answer then read a few
hundred rows instead of grouping a million. `refill` recomputes them from the answers (the
upgrade to schema 4); a merge and a deletion recompute only what they change.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Table, bindparam, case, delete, func, insert, literal, select, update
from sqlalchemy.engine import Connection
from sqlmodel import SQLModel

from gensec_quiz.storage.tables import (
    ActivityRow,
    AnswerFactRow,
    AnswerRow,
    FactDayRow,
    FactTotalRow,
    QuestionTotalRow,
    SessionRow,
)

# An answer is "right" when it earned full marks, as in `stats`.
RIGHT = 1.0 - 1e-9


def _table(model: type[SQLModel]) -> Table:
    table = getattr(model, "__table__", None)
    assert isinstance(table, Table)
    return table


FACT_TOTALS, QUESTION_TOTALS = _table(FactTotalRow), _table(QuestionTotalRow)
FACT_DAYS = _table(FactDayRow)
ACTIVITY = _table(ActivityRow)
_FACTS, _ANSWERS, _SESSIONS = _table(AnswerFactRow), _table(AnswerRow), _table(SessionRow)

# Built once: `add_answer` is on the hot path of every answer.
_BUMP_FACT = (
    update(FACT_TOTALS)
    .where(FACT_TOTALS.c.learner_id == bindparam("b_learner"),
           FACT_TOTALS.c.question_set_id == bindparam("b_set"),
           FACT_TOTALS.c.record == bindparam("b_record"),
           FACT_TOTALS.c.field == bindparam("b_field"))
    .values(attempts=FACT_TOTALS.c.attempts + 1,
            score_sum=FACT_TOTALS.c.score_sum + bindparam("b_score")))
_BUMP_QUESTION = (
    update(QUESTION_TOTALS)
    .where(QUESTION_TOTALS.c.question_set_id == bindparam("b_set"),
           QUESTION_TOTALS.c.question_id == bindparam("b_question"),
           QUESTION_TOTALS.c.question_type == bindparam("b_type"))
    .values(attempts=QUESTION_TOTALS.c.attempts + 1,
            right_answers=QUESTION_TOTALS.c.right_answers + bindparam("b_right"),
            score_sum=QUESTION_TOTALS.c.score_sum + bindparam("b_score")))
_NEW_FACT = insert(FACT_TOTALS)
def _padded(learners: Any) -> Any:
    """A day's list of learner ids with a space at either end: " 7 " finds learner 7."""
    return literal(" ") + learners + literal(" ")


# A learner's id is added to a day's list unless it is there already (" 7 " in " 3 7 12 ").
_BUMP_DAY = (
    update(FACT_DAYS)
    .where(FACT_DAYS.c.day == bindparam("b_day"),
           FACT_DAYS.c.question_set_id == bindparam("b_set"),
           FACT_DAYS.c.record == bindparam("b_record"),
           FACT_DAYS.c.field == bindparam("b_field"))
    .values(attempts=FACT_DAYS.c.attempts + 1,
            score_sum=FACT_DAYS.c.score_sum + bindparam("b_score"),
            learners=case((_padded(FACT_DAYS.c.learners)
                           .like(bindparam("b_pattern")), FACT_DAYS.c.learners),
                          else_=FACT_DAYS.c.learners + bindparam("b_suffix"))))
_NEW_DAY = insert(FACT_DAYS)
_NEW_QUESTION = insert(QUESTION_TOTALS)
_ACTIVITY_KEY = (ACTIVITY.c.learner_id == bindparam("b_learner"),
                 ACTIVITY.c.quarter == bindparam("b_quarter"))
_FIRST_IN_QUARTER = select(ACTIVITY.c.first_at).where(*_ACTIVITY_KEY)
_EARLIER_IN_QUARTER = update(ACTIVITY).where(*_ACTIVITY_KEY).values(
    first_at=bindparam("b_first"))
_NEW_ACTIVITY = insert(ACTIVITY)


def quarter_of(moment: datetime) -> datetime:
    """The start of the UTC quarter hour `moment` falls in."""
    moment = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    return moment.replace(minute=moment.minute - moment.minute % 15, second=0, microsecond=0)


def note_activity(connection: Connection, learner_id: int, answered_at: datetime) -> None:
    """Keep the learner's earliest answer of `answered_at`'s quarter hour."""
    key = {"b_learner": learner_id, "b_quarter": quarter_of(answered_at)}
    found = connection.execute(_FIRST_IN_QUARTER, key).first()
    if found is None:
        connection.execute(_NEW_ACTIVITY, {"learner_id": learner_id,
                                           "quarter": key["b_quarter"],
                                           "first_at": answered_at})
    elif _aware(answered_at) < _aware(found[0]):
        connection.execute(_EARLIER_IN_QUARTER, {**key, "b_first": answered_at})


def activity_times(connection: Connection, learner_id: int) -> list[datetime]:
    """The earliest answer of each quarter hour the learner answered in, oldest first."""
    rows = connection.execute(select(ACTIVITY.c.first_at)
                              .where(ACTIVITY.c.learner_id == learner_id)
                              .order_by(ACTIVITY.c.quarter)).all()
    return [_aware(row[0]) for row in rows]


def refill_activity(connection: Connection, learner_id: int | None) -> None:
    """Recompute the activity of a learner (of every learner for None) from the answers."""
    clear = delete(ACTIVITY)
    query = (select(_SESSIONS.c.learner_id, _ANSWERS.c.answered_at)
             .join(_SESSIONS, _SESSIONS.c.id == _ANSWERS.c.session_id))
    if learner_id is not None:
        clear = clear.where(ACTIVITY.c.learner_id == learner_id)
        query = query.where(_SESSIONS.c.learner_id == learner_id)
    connection.execute(clear)
    first: dict[tuple[int, datetime], datetime] = {}
    for learner, answered_at in connection.execute(query):
        moment = _aware(answered_at)
        key = (int(learner), quarter_of(moment))
        if key not in first or moment < first[key]:
            first[key] = moment
    if first:
        connection.execute(_NEW_ACTIVITY, [
            {"learner_id": learner, "quarter": quarter, "first_at": moment}
            for (learner, quarter), moment in first.items()])


def _aware(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def day_of(moment: datetime) -> str:
    """The UTC day of `moment`, as `fact_days` keeps it (YYYY-MM-DD)."""
    return _aware(moment).date().isoformat()


def add_answer(connection: Connection, *, learner_id: int, question_set_id: str,
               question_id: str, question_type: str, basis: Sequence[tuple[str, str, float]],
               score: float, started_at: datetime) -> None:
    """Count one answer in the totals (in the caller's write transaction): the question with
    the answer's `score`, each fact of `basis` with its own score, also on the UTC day its
    session `started_at`; its time is noted by `note_activity`."""
    right = 1 if score >= RIGHT else 0
    bumped = connection.execute(_BUMP_QUESTION, {
        "b_set": question_set_id, "b_question": question_id, "b_type": question_type,
        "b_right": right, "b_score": score})
    if bumped.rowcount == 0:
        connection.execute(_NEW_QUESTION, {
            "question_set_id": question_set_id, "question_id": question_id,
            "question_type": question_type, "attempts": 1, "right_answers": right,
            "score_sum": score})
    for (record, field), fact_score in {(r, f): s for r, f, s in basis}.items():
        bumped = connection.execute(_BUMP_FACT, {
            "b_learner": learner_id, "b_set": question_set_id, "b_record": record,
            "b_field": field, "b_score": fact_score})
        if bumped.rowcount == 0:
            connection.execute(_NEW_FACT, {
                "learner_id": learner_id, "question_set_id": question_set_id,
                "record": record, "field": field, "attempts": 1, "score_sum": fact_score})
        day = day_of(started_at)
        bumped = connection.execute(_BUMP_DAY, {
            "b_day": day, "b_set": question_set_id, "b_record": record, "b_field": field,
            "b_score": fact_score, "b_pattern": f"% {learner_id} %",
            "b_suffix": f" {learner_id}"})
        if bumped.rowcount == 0:
            connection.execute(_NEW_DAY, {
                "day": day, "question_set_id": question_set_id, "record": record,
                "field": field, "attempts": 1, "score_sum": fact_score,
                "learners": str(learner_id)})


def refill_learner(connection: Connection, learner_id: int) -> None:
    """Recompute one learner's fact totals from their answers (after a merge)."""
    connection.execute(delete(FACT_TOTALS).where(FACT_TOTALS.c.learner_id == learner_id))
    _insert_fact_totals(connection, learner_id)


def refill(connection: Connection) -> None:
    """Recompute every total of schema 4 from the answers (the upgrade to it); the per-day
    totals of schema 5 are `refill_days`."""
    connection.execute(delete(FACT_TOTALS))
    _insert_fact_totals(connection, None)
    refill_questions(connection, None)
    refill_activity(connection, None)


def _day_expression(connection: Connection) -> Any:
    """A session's UTC start day as YYYY-MM-DD, computed by the database."""
    started = _SESSIONS.c.started_at
    if connection.dialect.name == "sqlite":
        return func.substr(started, 1, 10)  # stored as UTC text, "YYYY-MM-DD HH:MM:SS..."
    return func.to_char(func.timezone("UTC", started), "YYYY-MM-DD")


def refill_days(connection: Connection, question_set_ids: Sequence[str] | None) -> None:
    """Recompute the per-day totals of these sets (every set for None) from the answers (the
    upgrade to schema 5, a merge or a deletion of learners)."""
    if question_set_ids is not None and not question_set_ids:
        return
    day = _day_expression(connection)
    query = (
        select(day, _SESSIONS.c.question_set_id, _FACTS.c.record, _FACTS.c.field,
               _FACTS.c.learner_id, func.count(), func.sum(_FACTS.c.score))
        .join(_ANSWERS, _ANSWERS.c.id == _FACTS.c.answer_id)
        .join(_SESSIONS, _SESSIONS.c.id == _ANSWERS.c.session_id)
        .group_by(day, _SESSIONS.c.question_set_id, _FACTS.c.record, _FACTS.c.field,
                  _FACTS.c.learner_id))
    clear = delete(FACT_DAYS)
    if question_set_ids is not None:
        query = query.where(_SESSIONS.c.question_set_id.in_(question_set_ids))
        clear = clear.where(FACT_DAYS.c.question_set_id.in_(question_set_ids))
    connection.execute(clear)
    _insert_days(connection, connection.execute(query))


_DROP_FROM_DAY = (
    update(FACT_DAYS)
    .where(FACT_DAYS.c.day == bindparam("b_day"),
           FACT_DAYS.c.question_set_id == bindparam("b_set"),
           FACT_DAYS.c.record == bindparam("b_record"),
           FACT_DAYS.c.field == bindparam("b_field"))
    .values(attempts=FACT_DAYS.c.attempts - bindparam("b_count"),
            score_sum=FACT_DAYS.c.score_sum - bindparam("b_sum"),
            learners=func.trim(func.replace(_padded(FACT_DAYS.c.learners),
                                            bindparam("b_id"), literal(" ")))))


def drop_learner_days(connection: Connection, learner_id: int) -> None:
    """Take a learner's answers out of the per-day totals (before they are deleted): a few
    thousand rows, where recomputing the sets' days would read every answer."""
    day = _day_expression(connection)
    query = (
        select(day, _SESSIONS.c.question_set_id, _FACTS.c.record, _FACTS.c.field,
               func.count(), func.sum(_FACTS.c.score))
        .join(_ANSWERS, _ANSWERS.c.id == _FACTS.c.answer_id)
        .join(_SESSIONS, _SESSIONS.c.id == _ANSWERS.c.session_id)
        .where(_FACTS.c.learner_id == learner_id)
        .group_by(day, _SESSIONS.c.question_set_id, _FACTS.c.record, _FACTS.c.field))
    changes = [{"b_day": str(row[0]), "b_set": row[1], "b_record": row[2], "b_field": row[3],
                "b_count": int(row[4]), "b_sum": float(row[5]), "b_id": f" {learner_id} "}
               for row in connection.execute(query)]
    if changes:
        connection.execute(_DROP_FROM_DAY, changes)
    connection.execute(delete(FACT_DAYS).where(FACT_DAYS.c.attempts <= 0))


def move_learner_days(connection: Connection, from_id: int, to_id: int) -> None:
    """Credit a merged learner's answers in the per-day totals to the learner kept."""
    padded = _padded(FACT_DAYS.c.learners)
    connection.execute(
        update(FACT_DAYS).where(padded.like(f"% {from_id} %"))
        .values(learners=case(
            (padded.like(f"% {to_id} %"),
             func.trim(func.replace(padded, literal(f" {from_id} "), literal(" ")))),
            else_=func.trim(func.replace(padded, literal(f" {from_id} "),
                                         literal(f" {to_id} "))))))


def _insert_days(connection: Connection, rows: Iterable[Any]) -> None:
    days: dict[tuple[str, str, str, str], tuple[int, float, list[int]]] = {}
    for day, question_set, record, field, learner, attempts, score_sum in rows:
        key = (str(day), str(question_set), str(record), str(field))
        count, total, learners = days.get(key, (0, 0.0, []))
        learners.append(int(learner))
        days[key] = (count + int(attempts), total + float(score_sum), learners)
    batch: list[dict[str, Any]] = []
    for (day, question_set, record, field), (count, total, learners) in days.items():
        batch.append({"day": day, "question_set_id": question_set, "record": record,
                      "field": field, "attempts": count, "score_sum": total,
                      "learners": " ".join(str(n) for n in sorted(set(learners)))})
        if len(batch) >= 5_000:
            connection.execute(_NEW_DAY, batch)
            batch = []
    if batch:
        connection.execute(_NEW_DAY, batch)


def refill_questions(connection: Connection, question_set_ids: Sequence[str] | None) -> None:
    """Recompute the question totals of these sets (every set for None) from the answers."""
    score = _ANSWERS.c.score
    query = (
        select(_SESSIONS.c.question_set_id, _ANSWERS.c.question_id, _ANSWERS.c.question_type,
               func.count(), func.sum(case((score >= RIGHT, 1), else_=0)), func.sum(score))
        .join(_SESSIONS, _SESSIONS.c.id == _ANSWERS.c.session_id)
        .group_by(_SESSIONS.c.question_set_id, _ANSWERS.c.question_id,
                  _ANSWERS.c.question_type))
    clear = delete(QUESTION_TOTALS)
    if question_set_ids is not None:
        if not question_set_ids:
            return
        query = query.where(_SESSIONS.c.question_set_id.in_(question_set_ids))
        clear = clear.where(QUESTION_TOTALS.c.question_set_id.in_(question_set_ids))
    connection.execute(clear)
    connection.execute(insert(QUESTION_TOTALS).from_select(
        ["question_set_id", "question_id", "question_type", "attempts", "right_answers",
         "score_sum"], query))


def _insert_fact_totals(connection: Connection, learner_id: int | None) -> None:
    query = (
        select(_FACTS.c.learner_id, _SESSIONS.c.question_set_id, _FACTS.c.record,
               _FACTS.c.field, func.count(), func.sum(_FACTS.c.score))
        .join(_ANSWERS, _ANSWERS.c.id == _FACTS.c.answer_id)
        .join(_SESSIONS, _SESSIONS.c.id == _ANSWERS.c.session_id)
        .group_by(_FACTS.c.learner_id, _SESSIONS.c.question_set_id, _FACTS.c.record,
                  _FACTS.c.field))
    if learner_id is not None:
        query = query.where(_FACTS.c.learner_id == learner_id)
    connection.execute(insert(FACT_TOTALS).from_select(
        ["learner_id", "question_set_id", "record", "field", "attempts", "score_sum"], query))
