"""Fact cards: our own ids, aware UTC times, and lossless round trips to fsrs and to columns."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import fsrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gensec_quiz.domain.errors import InputError
from gensec_quiz.domain.questions import BasisRef
from gensec_quiz.review import (
    CardState,
    FactCard,
    apply_answer,
    fact_key,
    fact_ref,
    fsrs_card_id,
)

AT = datetime(2025, 3, 3, 18, 0, tzinfo=UTC)


def reviewed_card(scores: list[float], *, learner_id: int = 1) -> FactCard:
    cards: list[FactCard] = []
    for day, score in enumerate(scores):
        cards = apply_answer(cards, learner_id=learner_id, basis=["t-stalin.start"],
                             score=score, at=AT + timedelta(days=3 * day))
    return cards[0]


def test_a_fact_is_named_by_record_and_field_in_every_basis_form() -> None:
    forms: list[BasisRef | str | dict[str, str]] = [
        BasisRef("t-stalin", "start"), "t-stalin.start", {"record": "t-stalin", "field": "start"}]
    assert {fact_key(form) for form in forms} == {"t-stalin.start"}
    assert fact_ref("e.1917.10.date") == BasisRef("e.1917.10", "date")


@pytest.mark.parametrize("bad", ["nodot", ".start", "t-stalin.", {"record": "x"}])
def test_a_basis_entry_without_record_or_field_is_refused(bad: str | dict[str, str]) -> None:
    with pytest.raises(ValueError, match="fact"):
        fact_ref(bad)


def test_card_ids_are_ours_stable_and_distinct_per_learner_and_fact() -> None:
    card = FactCard.new(learner_id=3, fact="t-stalin.start", at=AT)
    assert card.id == "3:t-stalin.start"
    assert fsrs_card_id(3, "t-stalin.start") == fsrs_card_id(3, "t-stalin.start")
    ids = {fsrs_card_id(learner, key) for learner in (1, 2, 3)
           for key in ("t-stalin.start", "t-stalin.end", "t-lenin.start")}
    assert len(ids) == 9
    assert all(0 < i < 2**63 for i in ids)


def test_times_are_kept_in_utc_and_naive_times_refused() -> None:
    plus_three = timezone(timedelta(hours=3))
    card = FactCard.new(learner_id=1, fact="a.start", at=datetime(2025, 3, 3, 21, 0,
                                                                   tzinfo=plus_three))
    assert card.due == AT and card.due.tzinfo is UTC
    with pytest.raises(ValueError, match="timezone-aware"):
        FactCard.new(learner_id=1, fact="a.start", at=datetime(2025, 3, 3, 18, 0))


def test_a_card_survives_the_trip_through_the_fsrs_package() -> None:
    card = reviewed_card([1.0, 0.0, 0.75])
    back = fsrs.Card.from_dict(card.to_fsrs_dict())  # type: ignore[arg-type]
    assert back.state == fsrs.State(card.state.fsrs_value)
    assert back.due == card.due and back.last_review == card.last_review
    again = FactCard.from_fsrs_dict(back.to_dict(), learner_id=1, fact=card.ref,
                                    reps=card.reps, lapses=card.lapses)
    assert again == card


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from([0.0, 0.3, 0.5, 0.8, 1.0]), min_size=1, max_size=8))
def test_a_card_survives_the_trip_through_columns(scores: list[float]) -> None:
    card = reviewed_card(scores)
    assert FactCard.from_dict(card.to_dict()) == card


def test_a_damaged_card_row_is_refused_with_every_problem_located() -> None:
    row = reviewed_card([1.0]).to_dict() | {
        "due": "tomorrow", "stability": -1.0, "state": "asleep", "reps": -2, "record": ""}
    with pytest.raises(InputError) as caught:
        FactCard.from_dict(row, where="cards[4]")
    assert [p.where for p in caught.value.problems] == [
        "cards[4].record", "cards[4].due", "cards[4].reps", "cards[4].stability", "cards[4].state"]


def test_states_match_the_fsrs_numbers() -> None:
    assert [CardState.from_fsrs(int(s)) for s in fsrs.State] == [
        CardState.LEARNING, CardState.REVIEW, CardState.RELEARNING]
