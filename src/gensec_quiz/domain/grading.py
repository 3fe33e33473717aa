"""Scoring answers (GRADING.md): one entry point, `grade`, and the spaced-review rating."""

from __future__ import annotations

import math
from dataclasses import replace
from typing import Literal

from gensec_quiz.domain.grading_dates import describe_slip, grade_date
from gensec_quiz.domain.grading_facts import fact_score_tuple, fact_scores, item_credits
from gensec_quiz.domain.grading_marks import FactScore, Grade, Mark
from gensec_quiz.domain.grading_matching import grade_matching
from gensec_quiz.domain.grading_ordering import (
    grade_ordering,
    longest_contiguous_run,
    longest_ordered_run,
    ordered_pairs,
    score_ordering,
)
from gensec_quiz.domain.questions import (
    DateQuestion,
    DateResponse,
    MatchingQuestion,
    MatchingResponse,
    MatchingRule,
    OrderingQuestion,
    OrderingResponse,
    OrderingRule,
    Question,
    Response,
)

__all__ = [
    "FactScore",
    "Grade",
    "Mark",
    "Rating",
    "describe_slip",
    "fact_scores",
    "grade",
    "item_credits",
    "longest_contiguous_run",
    "longest_ordered_run",
    "ordered_pairs",
    "rating_for_score",
    "score_ordering",
]

Rating = Literal["again", "hard", "good"]


def grade(
    question: Question,
    response: Response,
    *,
    ordering_rule: OrderingRule | None = None,
    matching_rule: MatchingRule | None = None,
) -> Grade:
    """Grade a response; the rules, when given, override the question's own `scoring`. The
    grade's `facts` hold each fact's own score (`grading_facts.fact_scores`).

    A response of the wrong kind for the question is a programming error: TypeError.
    """
    graded = _grade(question, response, ordering_rule, matching_rule)
    facts = fact_scores(question, response, question_score=graded.score,
                        ordering_rule=ordering_rule)
    return replace(graded, facts=fact_score_tuple(facts))


def _grade(question: Question, response: Response, ordering_rule: OrderingRule | None,
           matching_rule: MatchingRule | None) -> Grade:
    if isinstance(question, OrderingQuestion) and isinstance(response, OrderingResponse):
        return grade_ordering(question, response, rule=ordering_rule or question.scoring)
    if isinstance(question, MatchingQuestion) and isinstance(response, MatchingResponse):
        return grade_matching(question, response, rule=matching_rule or question.scoring)
    if isinstance(question, DateQuestion) and isinstance(response, DateResponse):
        return grade_date(question, response)
    raise TypeError(
        f"question {question.id!r} is a {question.type} question and cannot be graded "
        f"with a {type(response).__name__}"
    )


def rating_for_score(score: float) -> Rating:
    """FSRS rating for a score: 1 -> good, 0.5 to under 1 -> hard, under 0.5 -> again."""
    if math.isnan(score) or not 0.0 <= score <= 1.0:
        raise ValueError(f"a score lies between 0 and 1, got {score}")
    if score >= 1.0 - 1e-9:
        return "good"
    # A failure is never rated hard: that would lengthen the interval.
    return "hard" if score >= 0.5 else "again"
