"""Rating facts from graded answers: the GRADING.md mapping, one rating per fact, determinism."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import fsrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gensec_quiz.domain.questions import BasisRef
from gensec_quiz.review import (
    SCHEDULER,
    CardState,
    FactCard,
    apply_answer,
    make_scheduler,
    replay,
    retrievability,
    review_fact,
)

AT = datetime(2025, 3, 3, 18, 0, tzinfo=UTC)
PARAMETERS = SCHEDULER.parameters


def first_answer(score: float) -> FactCard:
    (card,) = apply_answer([], learner_id=1, basis=["t-lenin.start"], score=score, at=AT)
    return card


@pytest.mark.parametrize(("score", "rating"), [
    (1.0, fsrs.Rating.Good), (0.99, fsrs.Rating.Hard), (0.75, fsrs.Rating.Hard),
    (0.5, fsrs.Rating.Hard), (0.49, fsrs.Rating.Again), (0.25, fsrs.Rating.Again),
    (0.0, fsrs.Rating.Again),
])
def test_a_score_rates_the_fact_as_grading_md_says(score: float, rating: fsrs.Rating) -> None:
    card = first_answer(score)
    # A first rating sets FSRS's initial stability for that rating: parameters[rating - 1].
    assert card.stability == pytest.approx(PARAMETERS[rating - 1])
    expected, _ = SCHEDULER.review_card(
        fsrs.Card(card_id=1, due=AT), rating, review_datetime=AT)
    assert card.due == expected.due


def test_a_failure_is_never_scheduled_later_than_partial_credit_nor_partial_than_full() -> None:
    history = first_answer(1.0)
    later = AT + timedelta(days=5)
    dues = [review_fact(history, rating=r, at=later).due for r in ("again", "hard", "good")]
    assert dues[0] < dues[1] < dues[2]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from([0.0, 0.4, 0.6, 0.9, 1.0]),
                          st.integers(min_value=0, max_value=40 * 24)),
                min_size=1, max_size=10))
def test_ratings_order_the_next_review_for_any_history(history: list[tuple[float, int]]) -> None:
    cards: list[FactCard] = []
    at = AT
    for score, hours in history:
        at += timedelta(hours=hours)
        cards = apply_answer(cards, learner_id=1, basis=["a.start"], score=score, at=at)
    at += timedelta(days=1)
    again, hard, good = (review_fact(cards[0], rating=r, at=at) for r in ("again", "hard", "good"))
    assert again.due <= hard.due <= good.due
    assert all(card.due > at and card.last_review == at for card in (again, hard, good))


def test_every_distinct_fact_of_the_basis_is_rated_once_and_others_left_alone() -> None:
    old = apply_answer([], learner_id=1, basis=["a.start", "c.end"], score=1.0, at=AT)
    later = AT + timedelta(days=3)
    basis: list[BasisRef | str | dict[str, str]] = [
        BasisRef("a", "start"), {"record": "b", "field": "end"}, "a.start"]
    updated = apply_answer(old, learner_id=1, basis=basis, score=0.0, at=later)
    assert [card.key for card in updated] == ["a.start", "b.end"]
    assert [card.reps for card in updated] == [2, 1]
    assert all(card.last_review == later for card in updated)


def test_cards_of_other_learners_are_not_touched() -> None:
    anna = apply_answer([], learner_id=1, basis=["a.start"], score=1.0, at=AT)
    (boris,) = apply_answer(anna, learner_id=2, basis=["a.start"], score=0.0,
                            at=AT + timedelta(days=1))
    assert boris.learner_id == 2 and boris.reps == 1


def test_a_failure_after_the_fact_was_learnt_counts_as_a_lapse() -> None:
    card = first_answer(0.0)
    assert card.lapses == 0  # never known yet: not a lapse
    card = review_fact(card, rating="good", at=AT + timedelta(days=1))
    assert card.state is CardState.REVIEW
    card = review_fact(card, rating="again", at=AT + timedelta(days=4))
    assert (card.reps, card.lapses) == (3, 1)


def test_naive_times_are_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        apply_answer([], learner_id=1, basis=["a.start"], score=1.0, at=datetime(2025, 3, 3))


def test_fuzzing_is_off_so_the_same_answers_give_the_same_schedule() -> None:
    answers = [(AT + timedelta(days=d), ["a.start", "b.end"], s)
               for d, s in [(0, 1.0), (2, 1.0), (13, 1.0), (60, 0.75), (70, 0.0), (71, 1.0)]]
    first = replay(answers, learner_id=1)
    second = replay(list(reversed(answers)), learner_id=1)
    assert first == second
    assert not SCHEDULER.enable_fuzzing and not make_scheduler().enable_fuzzing


def test_replaying_answers_gives_the_cards_answer_by_answer_updates_give() -> None:
    scores = [0.0, 1 / 3, 2 / 3, 1.0]
    answers = [(AT + timedelta(days=d), [f"r{d % 3}.start"], scores[d % 4]) for d in range(12)]
    cards: dict[str, FactCard] = {}
    for at, basis, score in answers:
        for card in apply_answer(cards.values(), learner_id=1, basis=basis, score=score, at=at):
            cards[card.key] = card
    assert replay(answers, learner_id=1) == sorted(cards.values(), key=lambda c: c.key)


@pytest.mark.parametrize("days", [0, 1, 2, 7, 30])
def test_retrievability_agrees_with_fsrs_at_whole_days(days: int) -> None:
    card = review_fact(first_answer(1.0), rating="good", at=AT + timedelta(days=2))
    at = AT + timedelta(days=2 + days)
    fsrs_card = fsrs.Card.from_dict(card.to_fsrs_dict())  # type: ignore[arg-type]
    expected = SCHEDULER.get_card_retrievability(fsrs_card, current_datetime=at)
    assert retrievability(card, at=at) == pytest.approx(expected)


def test_retrievability_falls_as_time_passes_and_is_zero_for_an_unrated_fact() -> None:
    card = first_answer(1.0)
    values = [retrievability(card, at=AT + timedelta(hours=h)) for h in (0, 6, 30, 200, 2000)]
    assert values[0] == pytest.approx(1.0)
    assert values == sorted(values, reverse=True) and len(set(values)) == len(values)
    assert retrievability(FactCard.new(learner_id=1, fact="a.b", at=AT), at=AT) == 0.0
