"""Shared pieces for the application-layer tests (no Qt): a clock, a question set, answers."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import cache

from gensec_quiz.bank.builtin import builtin_records
from gensec_quiz.domain.dates import PartialDate
from gensec_quiz.domain.questions import (
    DateQuestion,
    DateResponse,
    MatchingQuestion,
    MatchingResponse,
    OrderingResponse,
    Question,
    QuestionSet,
    Response,
)
from gensec_quiz.domain.records import RecordSet
from gensec_quiz.generation import generate_question_set

T0 = datetime(2025, 3, 3, 12, 0, tzinfo=UTC)


@dataclass
class Clock:
    """A UTC clock that moves only when told."""

    now: datetime = field(default_factory=lambda: T0)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@cache
def records() -> RecordSet:
    return builtin_records()


def question_set(count: int = 6, seed: int = 3) -> QuestionSet:
    """A generated set with every kind of question (the same one for the same seed)."""
    made = generate_question_set(records(), count=count, seed=seed)
    assert {q.type for q in made.questions} == {"ordering", "matching", "date"}
    return made


def right(question: Question) -> Response:
    if isinstance(question, DateQuestion):
        return DateResponse(question.answer)
    if isinstance(question, MatchingQuestion):
        return MatchingResponse(tuple(pair.right for pair in question.pairs))
    return OrderingResponse(tuple(range(len(question.items))))


def wrong(question: Question) -> Response:
    if isinstance(question, DateQuestion):
        return DateResponse(PartialDate(question.answer.year + 40))
    if isinstance(question, MatchingQuestion):
        rights = [pair.right for pair in question.pairs]
        if len(rights) == 1:  # a multiple choice: a wrong choice
            return MatchingResponse((question.extra_right[0],))
        return MatchingResponse(tuple(rights[1:] + rights[:1]))
    return OrderingResponse(tuple(reversed(range(len(question.items)))))
