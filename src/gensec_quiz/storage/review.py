"""Spaced-review cards in the learner database (schema 2), kept in step with the answers.

Every row of `answer_facts` (one per fact per answer) is applied to its learner's card once and
then logged in `review_log` under the same key. Since schema 4 `record_answer` applies each
answer to its cards in its own transaction (`apply_recorded`), so reading the cards never
writes. Learners whose earlier answers were not applied when their file was upgraded to
schema 4 are listed in `review_backlog`: their next answer (or `sync`) applies every pending
answer in one write, and until then a read applies them in memory only. An answer older than
the learner's latest applied one (a merge, a clock set back) rebuilds that learner's cards
from the whole history: the same cards as applying every answer in time order.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import BindParameter, Table, and_, bindparam, delete, func, insert, select
from sqlalchemy.engine import Connection
from sqlmodel import Session, SQLModel

from gensec_quiz import review
from gensec_quiz.domain.grading import rating_for_score
from gensec_quiz.domain.questions import BasisRef
from gensec_quiz.review import DayLoad, FactCard, FactStatus, apply_answer
from gensec_quiz.storage.tables import (
    REVIEW_TABLES,
    AnswerFactRow,
    AnswerRow,
    ReviewBacklogRow,
    ReviewCardRow,
    ReviewLogRow,
    SessionRow,
)
from gensec_quiz.storage.totals import activity_times

__all__ = [
    "ReviewStoreMixin",
    "answer_times",
    "apply_recorded",
    "current_cards",
    "failed_last",
    "has_pending",
    "load_cards",
    "migrate_to_v2",
    "note_backlog",
    "rebuild",
    "sync",
]


def _table(model: type[SQLModel]) -> Table:
    table = getattr(model, "__table__", None)
    assert isinstance(table, Table)
    return table


_CARD, _LOG, _BACKLOG = _table(ReviewCardRow), _table(ReviewLogRow), _table(ReviewBacklogRow)
_FACTS, _ANSWERS, _SESSIONS = _table(AnswerFactRow), _table(AnswerRow), _table(SessionRow)


def _aware(moment: datetime) -> datetime:
    # The columns hand out aware UTC (SQLModel's UTCDateTime); other engines may not.
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _card(row: Any) -> FactCard:
    return FactCard(
        learner_id=row.learner_id, record=row.record, field=row.field, due=_aware(row.due),
        stability=row.stability, difficulty=row.difficulty, state=row.state, step=row.step,
        last_review=None if row.last_review is None else _aware(row.last_review),
        reps=row.reps, lapses=row.lapses)


def _card_values(card: FactCard) -> dict[str, Any]:
    return {
        "learner_id": card.learner_id, "record": card.record, "field": card.field,
        "due": card.due, "stability": card.stability, "difficulty": card.difficulty,
        "state": card.state.value, "step": card.step,
        "last_review": card.last_review,
        "reps": card.reps, "lapses": card.lapses,
    }


# Built once: every read of the cards counts what is pending first (`has_pending`).
_LEARNER: BindParameter[int] = bindparam("learner_id")
_UNAPPLIED = (
    select(_FACTS.c.answer_id, _FACTS.c.record, _FACTS.c.field, _FACTS.c.score,
           _ANSWERS.c.answered_at)
    .join(_ANSWERS, _ANSWERS.c.id == _FACTS.c.answer_id)
    .outerjoin(_LOG, and_(_LOG.c.answer_id == _FACTS.c.answer_id,
                          _LOG.c.record == _FACTS.c.record, _LOG.c.field == _FACTS.c.field))
    .where(_FACTS.c.learner_id == _LEARNER, _LOG.c.answer_id.is_(None))
)
_ORDER = (_ANSWERS.c.answered_at, _FACTS.c.answer_id, _FACTS.c.record, _FACTS.c.field)
_PENDING = _UNAPPLIED.order_by(*_ORDER)
_ALL_FACTS = (
    select(_FACTS.c.answer_id, _FACTS.c.record, _FACTS.c.field, _FACTS.c.score,
           _ANSWERS.c.answered_at)
    .join(_ANSWERS, _ANSWERS.c.id == _FACTS.c.answer_id)
    .where(_FACTS.c.learner_id == _LEARNER).order_by(*_ORDER))
_IN_BACKLOG = select(_BACKLOG.c.learner_id).where(_BACKLOG.c.learner_id == _LEARNER)
_LEAVE_BACKLOG = delete(_BACKLOG).where(_BACKLOG.c.learner_id == _LEARNER)
_LATEST = select(func.max(_LOG.c.reviewed_at)).where(_LOG.c.learner_id == _LEARNER)
_CARDS = select(_CARD).where(_CARD.c.learner_id == _LEARNER).order_by(_CARD.c.record,
                                                                      _CARD.c.field)
_CARDS_OF = select(_CARD).where(_CARD.c.learner_id == _LEARNER,
                                _CARD.c.record.in_(bindparam("records", expanding=True)))
# The facts whose latest rating (the log row of the card's last review) was Again.
_FAILED_LAST = (
    select(_CARD.c.record, _CARD.c.field)
    .join(_LOG, and_(_LOG.c.learner_id == _CARD.c.learner_id,
                     _LOG.c.reviewed_at == _CARD.c.last_review,
                     _LOG.c.record == _CARD.c.record, _LOG.c.field == _CARD.c.field))
    .where(_CARD.c.learner_id == _LEARNER, _LOG.c.rating == "again")
)
_DELETE_CARD = delete(_CARD).where(_CARD.c.learner_id == bindparam("b_learner"),
                                   _CARD.c.record == bindparam("b_record"),
                                   _CARD.c.field == bindparam("b_field"))
_INSERT_CARD = insert(_CARD)
_INSERT_LOG = insert(_LOG)


def load_cards(connection: Connection, learner_id: int,
               facts: Collection[BasisRef] | None = None) -> list[FactCard]:
    """The learner's cards by record and field (only those of `facts`, when given)."""
    if facts is None:
        rows = connection.execute(_CARDS, {"learner_id": learner_id}).all()
        return [_card(row) for row in rows]
    if not facts:
        return []
    records = sorted({fact.record for fact in facts})
    rows = connection.execute(_CARDS_OF, {"learner_id": learner_id, "records": records}).all()
    found = (card for card in map(_card, rows) if card.ref in facts)
    return sorted(found, key=lambda card: (card.record, card.field))


def failed_last(connection: Connection, learner_id: int) -> set[BasisRef]:
    """The learner's facts answered wrong (rated Again) the last time they were asked."""
    rows = connection.execute(_FAILED_LAST, {"learner_id": learner_id}).all()
    return {BasisRef(row.record, row.field) for row in rows}


def _save_cards(connection: Connection, cards: Sequence[FactCard]) -> None:
    if not cards:
        return
    connection.execute(_DELETE_CARD, [
        {"b_learner": c.learner_id, "b_record": c.record, "b_field": c.field} for c in cards])
    connection.execute(_INSERT_CARD, [_card_values(card) for card in cards])


def _compute(learner_id: int, facts: Sequence[Any], cards: dict[BasisRef, FactCard]
             ) -> tuple[dict[BasisRef, FactCard], list[dict[str, Any]]]:
    """Apply answer facts (oldest first) to `cards`: the cards touched and their log rows."""
    by_answer: dict[tuple[datetime, int], list[Any]] = defaultdict(list)
    for row in facts:
        by_answer[(_aware(row.answered_at), row.answer_id)].append(row)
    touched: dict[BasisRef, FactCard] = {}
    log: list[dict[str, Any]] = []
    for (answered_at, answer_id), rows in sorted(by_answer.items()):
        for row in rows:  # each fact rated from its own score (its item's or pair's mark)
            fact = BasisRef(row.record, row.field)
            known = [cards[fact]] if fact in cards else []
            for card in apply_answer(known, learner_id=learner_id, basis=[fact],
                                     score=row.score, at=answered_at):
                cards[card.ref] = touched[card.ref] = card
                log.append({"answer_id": answer_id, "record": card.record, "field": card.field,
                            "learner_id": learner_id, "rating": rating_for_score(row.score),
                            "reviewed_at": answered_at, "due": card.due,
                            "stability": card.stability, "difficulty": card.difficulty})
    return touched, log


def _apply(connection: Connection, learner_id: int, facts: Sequence[Any],
           cards: dict[BasisRef, FactCard]) -> int:
    """Apply answer facts (oldest first) to `cards`, log each, save the cards touched."""
    touched, log = _compute(learner_id, facts, cards)
    _save_cards(connection, list(touched.values()))
    if log:
        connection.execute(_INSERT_LOG, log)
    return len(log)


@dataclass(frozen=True, slots=True)
class _Fact:
    answer_id: int
    record: str
    field: str
    score: float
    answered_at: datetime


def apply_recorded(connection: Connection, *, learner_id: int, answer_id: int,
                   basis: Sequence[tuple[str, str, float]], answered_at: datetime) -> None:
    """Apply an answer just inserted to its learner's cards, in the same transaction; `basis`
    holds each fact with its own score."""
    if not basis:
        return
    if has_pending(connection, learner_id):
        sync(connection, learner_id)  # earlier answers first, then this one, all in order
        return
    latest = connection.execute(_LATEST, {"learner_id": learner_id}).scalar()
    if latest is not None and _aware(answered_at) < _aware(latest):
        rebuild(connection, learner_id)  # older than what the cards already hold
        return
    facts = [_Fact(answer_id, record, field, score, answered_at)
             for (record, field), score in {(r, f): s for r, f, s in basis}.items()]
    refs = {BasisRef(fact.record, fact.field) for fact in facts}
    cards = {card.ref: card for card in load_cards(connection, learner_id, refs)}
    _apply(connection, learner_id, facts, cards)


def _catch_up(connection: Connection, learner_id: int, pending: Sequence[Any]) -> int:
    if not pending:
        return 0
    latest = connection.execute(_LATEST, {"learner_id": learner_id}).scalar()
    if latest is not None and _aware(pending[0].answered_at) < _aware(latest):
        return rebuild(connection, learner_id)
    facts = {BasisRef(row.record, row.field) for row in pending}
    cards = {card.ref: card for card in load_cards(connection, learner_id, facts)}
    return _apply(connection, learner_id, pending, cards)


def sync(connection: Connection, learner_id: int) -> int:
    """Apply the learner's answers not applied yet; returns how many facts were rated.

    Run it in a write transaction (BEGIN IMMEDIATE): two windows never apply one answer twice.
    """
    pending = connection.execute(_PENDING, {"learner_id": learner_id}).all()
    connection.execute(_LEAVE_BACKLOG, {"learner_id": learner_id})
    return _catch_up(connection, learner_id, pending)


def has_pending(connection: Connection, learner_id: int) -> bool:
    """Whether some of the learner's answers are not applied to their cards yet."""
    return connection.execute(_IN_BACKLOG, {"learner_id": learner_id}).first() is not None


def note_backlog(connection: Connection) -> int:
    """List in the backlog every learner with answer facts not in the review log (at the
    upgrade to schema 4: two grouped index counts, not a replay); how many were listed."""
    facts = (select(_FACTS.c.learner_id, func.count().label("n"))
             .group_by(_FACTS.c.learner_id).subquery())
    logged = (select(_LOG.c.learner_id, func.count().label("n"))
              .group_by(_LOG.c.learner_id).subquery())
    behind = (select(facts.c.learner_id)
              .outerjoin(logged, logged.c.learner_id == facts.c.learner_id)
              .where(func.coalesce(logged.c.n, 0) != facts.c.n))
    return int(connection.execute(
        insert(_BACKLOG).from_select(["learner_id"], behind)).rowcount or 0)


def current_cards(connection: Connection, learner_id: int) -> list[FactCard]:
    """The learner's cards with every answer applied, without writing anything: answers not
    applied yet (normally none) are applied in memory."""
    cards = {card.ref: card for card in load_cards(connection, learner_id)}
    if has_pending(connection, learner_id):
        params = {"learner_id": learner_id}
        pending = connection.execute(_PENDING, params).all()
        latest = connection.execute(_LATEST, params).scalar()
        if pending and latest is not None and _aware(pending[0].answered_at) < _aware(latest):
            cards = {}
            pending = connection.execute(_ALL_FACTS, params).all()
        _compute(learner_id, pending, cards)
    return sorted(cards.values(), key=lambda card: (card.record, card.field))


def rebuild(connection: Connection, learner_id: int) -> int:
    """Forget the learner's cards and log, and apply every answer again, oldest first."""
    connection.execute(delete(_LOG).where(_LOG.c.learner_id == learner_id))
    connection.execute(delete(_CARD).where(_CARD.c.learner_id == learner_id))
    connection.execute(_LEAVE_BACKLOG, {"learner_id": learner_id})
    pending = connection.execute(_PENDING, {"learner_id": learner_id}).all()
    return _apply(connection, learner_id, pending, {})


def answer_times(connection: Connection, learner_id: int) -> list[datetime]:
    """When the learner answered, every answer (with or without facts), as aware UTC."""
    rows = connection.execute(
        select(_ANSWERS.c.answered_at).join(_SESSIONS, _SESSIONS.c.id == _ANSWERS.c.session_id)
        .where(_SESSIONS.c.learner_id == learner_id).order_by(_ANSWERS.c.answered_at)).all()
    return [_aware(row[0]) for row in rows]


def migrate_to_v2(connection: Connection) -> None:
    """Schema 1 -> 2: the card and log tables, empty; `sync` fills them from past answers."""
    SQLModel.metadata.create_all(connection, tables=list(REVIEW_TABLES))



class ReviewStoreMixin:
    """The Store's spaced-review methods (docs/review.md); `at` defaults to the store's clock.

    Each method only reads: answers not applied yet (normally none) are applied in memory.
    Days (streak, forecast) are those of `at`'s time zone: pass the local time.
    """

    if TYPE_CHECKING:
        _clock: Callable[[], datetime]

        def _reading(self) -> AbstractContextManager[Session]: ...

        def _writing(self, *, derived: bool = False) -> AbstractContextManager[Session]: ...

    def sync_review(self, learner_id: int) -> int:
        """Apply the learner's answers not applied to their cards yet; how many facts were."""
        with self._reading() as session:
            if not has_pending(session.connection(), learner_id):
                return 0
        with self._writing(derived=True) as session:
            return sync(session.connection(), learner_id)

    def rebuild_review(self, learner_id: int) -> int:
        """Recompute the learner's cards from every answer they gave."""
        with self._writing() as session:
            return rebuild(session.connection(), learner_id)

    def review_cards(self, learner_id: int) -> list[FactCard]:
        """The learner's cards, by record and field (a read: it never writes)."""
        with self._reading() as session:
            return current_cards(session.connection(), learner_id)

    def fact_statuses(self, learner_id: int, at: datetime | None = None) -> list[FactStatus]:
        """Every fact the learner met, soonest due first, with its retrievability at `at`."""
        return review.fact_statuses(self.review_cards(learner_id), at=at or self._clock())

    def due_facts(self, learner_id: int, at: datetime | None = None) -> list[FactStatus]:
        """The facts due at `at`, soonest (most overdue) first."""
        return review.due_facts(self.review_cards(learner_id), at=at or self._clock())

    def next_due(self, learner_id: int, *,
                 records: Collection[str] | None = None) -> datetime | None:
        """When the learner's soonest fact (of `records`, if given) falls due; None if none."""
        cards = self.review_cards(learner_id)
        return review.next_due(c for c in cards if records is None or c.record in records)

    def plan_review(self, learner_id: int, at: datetime | None = None, *,
                    count: int | None = None,
                    records: Collection[str] | None = None) -> list[BasisRef]:
        """The due facts a review session should test first (see `review.plan_review`)."""
        return review.plan_review(self.review_cards(learner_id), at=at or self._clock(),
                                  count=count, records=records)

    def review_forecast(self, learner_id: int, at: datetime | None = None,
                        days: int = review.FORECAST_DAYS) -> list[DayLoad]:
        """Facts due on each day from `at`'s day (overdue ones count on the first)."""
        return review.review_forecast(self.review_cards(learner_id), at=at or self._clock(),
                                      days=days)

    def mastery(self, learner_id: int, at: datetime | None = None) -> dict[str, float]:
        """Mean chance of recall of each record's facts at `at`, by record id (a fact answered
        wrong the last time it was asked counts 0: see `review.mastery`)."""
        cards = self.review_cards(learner_id)
        with self._reading() as session:
            failed = failed_last(session.connection(), learner_id)
        return review.mastery(cards, at=at or self._clock(), failed=failed)

    def streak(self, learner_id: int, at: datetime | None = None) -> int:
        """Consecutive days with an answer, up to `at`'s day (or the day before)."""
        with self._reading() as session:  # the first answer of each quarter hour is enough
            times = activity_times(session.connection(), learner_id)
        return review.streak(times, at=at or self._clock())
