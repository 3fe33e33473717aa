"""Rating facts with FSRS (the `fsrs` package, 6.x): every graded answer updates its facts' cards.

The clock is always passed in (`at`, any aware time; converted to UTC). Fuzzing is off, in the
app as in tests: `fsrs` draws its fuzz from the module-level `random`, a hidden global that would
make the same answers give different schedules (see docs/review.md).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

import fsrs

from gensec_quiz.domain.grading import Rating, rating_for_score
from gensec_quiz.domain.questions import BasisRef
from gensec_quiz.review.cards import CardState, FactCard, as_utc, fact_ref

__all__ = [
    "DESIRED_RETENTION",
    "LEARNING_STEPS",
    "MAXIMUM_INTERVAL_DAYS",
    "RELEARNING_STEPS",
    "SCHEDULER",
    "apply_answer",
    "make_scheduler",
    "replay",
    "retrievability",
    "review_fact",
]

# A fact right the first time waits days at once; a missed one comes back after ten minutes
# (in the same sitting or the next), until it is answered right.
LEARNING_STEPS: tuple[timedelta, ...] = ()
RELEARNING_STEPS: tuple[timedelta, ...] = ()
DESIRED_RETENTION = 0.9
# Seen at least once a year, however well known.
MAXIMUM_INTERVAL_DAYS = 365

_FSRS_RATING: Mapping[Rating, fsrs.Rating] = {
    "again": fsrs.Rating.Again,
    "hard": fsrs.Rating.Hard,
    "good": fsrs.Rating.Good,
}
_DAY_SECONDS = 86_400.0


def make_scheduler(*, desired_retention: float = DESIRED_RETENTION,
                   maximum_interval: int = MAXIMUM_INTERVAL_DAYS) -> fsrs.Scheduler:
    """The FSRS scheduler with our steps and fuzzing off (default FSRS-6 parameters)."""
    return fsrs.Scheduler(
        desired_retention=desired_retention,
        learning_steps=LEARNING_STEPS,
        relearning_steps=RELEARNING_STEPS,
        maximum_interval=maximum_interval,
        enable_fuzzing=False,
    )


# Configuration only, never changed after creation.
SCHEDULER = make_scheduler()


def review_fact(card: FactCard, *, rating: Rating, at: datetime,
                scheduler: fsrs.Scheduler | None = None) -> FactCard:
    """The card after one rated answer at `at`."""
    before = fsrs.Card.from_dict(card.to_fsrs_dict())  # type: ignore[arg-type]
    after, _log = (scheduler or SCHEDULER).review_card(
        before, _FSRS_RATING[rating], review_datetime=as_utc(at, name="at"))
    lapsed = rating == "again" and card.state is CardState.REVIEW
    return FactCard.from_fsrs_dict(
        after.to_dict(), learner_id=card.learner_id, fact=card.ref,
        reps=card.reps + 1, lapses=card.lapses + int(lapsed))


def apply_answer(cards: Iterable[FactCard], *, learner_id: int,
                 basis: Sequence[BasisRef | str | Mapping[str, Any]], score: float,
                 at: datetime, scheduler: fsrs.Scheduler | None = None) -> list[FactCard]:
    """The updated cards of the facts an answer's question rests on (new cards for new facts).

    Each distinct fact in `basis` is rated once, from `score` (GRADING.md: 1 -> good, 0.5 to
    under 1 -> hard, under 0.5 -> again); the store rates each fact of an answer from its own
    score, the mark of its item or pair (docs/grading.md). Returned in basis order.
    """
    rating = rating_for_score(score)
    known = {card.ref: card for card in cards if card.learner_id == learner_id}
    updated: list[FactCard] = []
    for ref in dict.fromkeys(fact_ref(fact) for fact in basis):
        card = known.get(ref) or FactCard.new(learner_id=learner_id, fact=ref, at=at)
        updated.append(review_fact(card, rating=rating, at=at, scheduler=scheduler))
    return updated


def replay(answers: Iterable[tuple[datetime, Sequence[BasisRef | str], float]], *,
           learner_id: int, scheduler: fsrs.Scheduler | None = None) -> list[FactCard]:
    """Cards rebuilt from past answers `(answered_at, basis, score)`, by record and field."""
    cards: dict[BasisRef, FactCard] = {}
    for answered_at, basis, score in sorted(answers, key=lambda answer: answer[0]):
        for card in apply_answer(cards.values(), learner_id=learner_id, basis=basis,
                                 score=score, at=answered_at, scheduler=scheduler):
            cards[card.ref] = card
    return sorted(cards.values(), key=lambda card: (card.record, card.field))


def retrievability(card: FactCard, *, at: datetime,
                   scheduler: fsrs.Scheduler | None = None) -> float:
    """The chance the learner recalls the fact at `at` (FSRS forgetting curve), 0 to 1.

    Unlike `Scheduler.get_card_retrievability`, elapsed time counts in fractions of a day, so
    facts reviewed the same day still compare; at whole days the two agree.
    """
    if card.last_review is None or card.stability is None:
        return 0.0
    parameters = (scheduler or SCHEDULER).parameters
    decay = -parameters[20]
    factor: float = 0.9 ** (1 / decay) - 1
    elapsed = max(0.0, (as_utc(at, name="at") - card.last_review).total_seconds() / _DAY_SECONDS)
    value: float = (1 + factor * elapsed / card.stability) ** decay
    return value

