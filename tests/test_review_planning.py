"""Due facts, the next review, and the plan a review session starts from."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from gensec_quiz.domain.questions import BasisRef
from gensec_quiz.review import (
    FactCard,
    apply_answer,
    due_facts,
    fact_statuses,
    next_due,
    plan_review,
)

AT = datetime(2025, 3, 3, 18, 0, 0, 123456, tzinfo=UTC)


def history() -> list[FactCard]:
    """b.end failed at AT, a.start known at AT, c.date known two days earlier."""
    return [*apply_answer([], learner_id=1, basis=["b.end"], score=0.0, at=AT),
            *apply_answer([], learner_id=1, basis=["a.start"], score=1.0, at=AT),
            *apply_answer([], learner_id=1, basis=["c.date"], score=1.0,
                          at=AT - timedelta(days=2))]


def test_every_fact_is_listed_soonest_first_with_its_recall_chance() -> None:
    statuses = fact_statuses(history(), at=AT + timedelta(hours=1))
    assert [s.key for s in statuses] == ["c.date", "b.end", "a.start"]
    assert [s.is_due for s in statuses] == [True, False, False]
    assert statuses[1].to_dict() == {
        "record": "b", "field": "end", "due": "2025-03-04T18:00:00Z",
        "retrievability": pytest.approx(statuses[1].retrievability, abs=1e-4),
        "state": "review", "reps": 1, "lapses": 0}


def test_only_facts_whose_time_has_come_are_due() -> None:
    cards = history()
    assert [s.key for s in due_facts(cards, at=AT)] == ["c.date"]
    assert [s.key for s in due_facts(cards, at=AT + timedelta(days=1))] == ["c.date", "b.end"]
    assert due_facts([], at=AT) == []


def test_when_nothing_is_due_the_next_review_time_is_known() -> None:
    cards = [c for c in history() if c.key != "c.date"]
    assert plan_review(cards, at=AT) == []
    assert next_due(cards) == AT + timedelta(days=1)
    assert next_due([]) is None


def test_a_plan_can_keep_to_the_records_being_quizzed() -> None:
    at = AT + timedelta(days=3)
    assert plan_review(history(), at=at) == [
        BasisRef("b", "end"), BasisRef("c", "date"), BasisRef("a", "start")]
    assert plan_review(history(), at=at, records={"a", "c"}, count=1) == [BasisRef("c", "date")]
    assert plan_review(history(), at=at, count=0) == []
    with pytest.raises(ValueError, match="count"):
        plan_review(history(), at=at, count=-1)
