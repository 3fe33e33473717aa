"""Weeks of study played with a fake clock: what is failed comes back soon, what is known waits."""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from gensec_quiz.domain.questions import BasisRef
from gensec_quiz.review import (
    FactCard,
    apply_answer,
    due_facts,
    mastery,
    next_due,
    plan_review,
    retrievability,
    review_forecast,
)

START = datetime(2025, 3, 3, 18, 0, tzinfo=UTC)
FACTS = [f"t{i}.{name}" for i in range(6) for name in ("start", "end")]


@dataclass
class Learner:
    """A learner whose score on a fact is fixed in advance; sits down once a day at 18:00."""

    score_for: Callable[[str], float]
    cards: dict[str, FactCard] = field(default_factory=dict)
    seen: dict[str, list[datetime]] = field(default_factory=lambda: defaultdict(list))

    def answer(self, basis: list[str], at: datetime) -> None:
        score = min(self.score_for(key) for key in basis)
        for card in apply_answer(self.cards.values(), learner_id=1, basis=basis,
                                 score=score, at=at):
            self.cards[card.key] = card
            self.seen[card.key].append(at)

    def review_day(self, at: datetime, *, count: int | None = None) -> list[BasisRef]:
        """One review session: a one-fact question on each planned fact, in plan order."""
        plan = plan_review(self.cards.values(), at=at, count=count)
        for i, fact in enumerate(plan):
            self.answer([fact.key()], at + timedelta(minutes=i))
        return plan

    def gaps_in_days(self, key: str) -> list[float]:
        times = self.seen[key]
        return [(b - a).total_seconds() / 86_400 for a, b in itertools.pairwise(times)]


def study(learner: Learner, *, weeks: int) -> None:
    """Day 0: a practice quiz on every fact; then a review session every day."""
    for key in FACTS:
        learner.answer([key], START)
    for day in range(1, 7 * weeks + 1):
        learner.review_day(START + timedelta(days=day, minutes=30))


def test_a_fact_always_failed_comes_back_every_day() -> None:
    learner = Learner(lambda key: 0.0 if key == "t0.start" else 1.0)
    study(learner, weeks=6)
    gaps = learner.gaps_in_days("t0.start")
    assert len(gaps) == 6 * 7  # seen on every one of the 42 days
    assert max(gaps) < 1.05  # the first review sits 30 minutes later than the quiz


def test_a_fact_always_answered_right_is_seen_at_growing_intervals() -> None:
    learner = Learner(lambda key: 1.0)
    study(learner, weeks=10)
    gaps = learner.gaps_in_days("t3.end")
    assert len(gaps) >= 3
    assert all(b > 2 * a for a, b in itertools.pairwise(gaps))
    assert gaps[0] <= 2.1 and gaps[-1] > 30


def test_partial_credit_grows_the_interval_more_slowly_than_full_credit() -> None:
    learner = Learner(lambda key: 0.75 if key.startswith("t1.") else 1.0)
    study(learner, weeks=10)
    hard, good = learner.gaps_in_days("t1.start"), learner.gaps_in_days("t2.start")
    assert len(hard) > len(good)
    assert hard == sorted(hard) and hard[-1] > hard[0]  # still growing, never stuck


def test_the_review_session_tests_only_due_facts_least_likely_recalled_first() -> None:
    learner = Learner(lambda key: 0.0 if key in {"t4.start", "t5.end"} else 1.0)
    for key in FACTS:
        learner.answer([key], START)
    learner.answer(["t4.start"], START + timedelta(hours=20))  # failed twice: weakest of all
    at = START + timedelta(days=2, hours=1)
    due = {status.key for status in due_facts(learner.cards.values(), at=at)}
    plan = plan_review(learner.cards.values(), at=at)
    assert {fact.key() for fact in plan} == due == set(FACTS)
    assert [fact.key() for fact in plan[:2]] == ["t4.start", "t5.end"]
    recall = [retrievability(learner.cards[f.key()], at=at) for f in plan]
    assert recall == sorted(recall)
    assert plan_review(learner.cards.values(), at=at, count=3) == plan[:3]


def test_facts_missed_on_monday_are_the_ones_reviewed_first_on_tuesday() -> None:
    missed = {"t1.end", "t4.start", "t5.start"}
    learner = Learner(lambda key: 0.0 if key in missed else 1.0)
    for key in FACTS:
        learner.answer([key], START)
    tuesday = START + timedelta(days=1, minutes=5)
    assert {fact.key() for fact in learner.review_day(tuesday, count=5)} == missed
    # What Tuesday left: nothing due until Wednesday evening, when the known facts come back.
    wednesday = next_due(learner.cards.values())
    assert wednesday is not None and wednesday.date() == START.date() + timedelta(days=2)
    assert plan_review(learner.cards.values(), at=tuesday + timedelta(hours=1)) == []


def test_progress_shows_missed_facts_as_weaker_records_and_tomorrows_reviews() -> None:
    learner = Learner(lambda key: 0.0 if key.startswith("t2.") else 1.0)
    for key in FACTS:
        learner.answer([key], START)
    at = START + timedelta(hours=3)
    scores = mastery(learner.cards.values(), at=at + timedelta(days=1))
    assert min(scores, key=lambda record: scores[record]) == "t2"
    assert all(scores["t2"] < value for record, value in scores.items() if record != "t2")
    loads = review_forecast(learner.cards.values(), at=at)
    assert [load.due for load in loads[:3]] == [0, 2, 10] and sum(x.due for x in loads) == 12


def test_the_same_study_gives_the_same_schedule() -> None:
    def run() -> dict[str, FactCard]:
        learner = Learner(lambda key: 0.0 if key.endswith(".end") else 1.0)
        study(learner, weeks=3)
        return learner.cards

    assert run() == run()
