"""Spaced review: one FSRS card per learner per fact, rated from graded answers (docs/review.md).

Pure: imports the domain, the standard library and the `fsrs` package only.
"""

from __future__ import annotations

from gensec_quiz.review.cards import CardState, FactCard, as_utc, fact_key, fact_ref, fsrs_card_id
from gensec_quiz.review.messages import next_review_sentence, when_text
from gensec_quiz.review.planning import (
    FactStatus,
    due_facts,
    fact_statuses,
    next_due,
    plan_review,
)
from gensec_quiz.review.progress import FORECAST_DAYS, DayLoad, mastery, review_forecast, streak
from gensec_quiz.review.scheduling import (
    DESIRED_RETENTION,
    LEARNING_STEPS,
    MAXIMUM_INTERVAL_DAYS,
    RELEARNING_STEPS,
    SCHEDULER,
    apply_answer,
    make_scheduler,
    replay,
    retrievability,
    review_fact,
)

__all__ = [
    "DESIRED_RETENTION",
    "FORECAST_DAYS",
    "LEARNING_STEPS",
    "MAXIMUM_INTERVAL_DAYS",
    "RELEARNING_STEPS",
    "SCHEDULER",
    "CardState",
    "DayLoad",
    "FactCard",
    "FactStatus",
    "apply_answer",
    "as_utc",
    "due_facts",
    "fact_key",
    "fact_ref",
    "fact_statuses",
    "fsrs_card_id",
    "make_scheduler",
    "mastery",
    "next_due",
    "next_review_sentence",
    "plan_review",
    "replay",
    "retrievability",
    "review_fact",
    "review_forecast",
    "streak",
    "when_text",
]
