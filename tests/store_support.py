"""Typed answers for storage tests: `record(store, session, "q1", basis=facts("t.start"))`.

The store takes a graded `Answer` and a tuple of `BasisRef`; these helpers build them with the
score a test needs, without a question to grade.
"""

from __future__ import annotations

from datetime import UTC, datetime

from gensec_quiz.domain.dates import PartialDate
from gensec_quiz.domain.grading import Grade
from gensec_quiz.domain.questions import (
    BasisRef,
    DateResponse,
    MatchingResponse,
    OrderingResponse,
    QuestionType,
    Response,
)
from gensec_quiz.domain.session import Answer
from gensec_quiz.storage import Store

AT = datetime(2024, 1, 1, 12, 0, tzinfo=UTC)


def facts(*keys: str) -> tuple[BasisRef, ...]:
    """`facts("t1.start", "t2.end")`: the BasisRefs of "record.field" keys."""
    refs = []
    for key in keys:
        record, _, field = key.rpartition(".")
        refs.append(BasisRef(record, field))
    return tuple(refs)


def response_for(kind: QuestionType) -> Response:
    if kind == "ordering":
        return OrderingResponse((1, 0))
    if kind == "matching":
        return MatchingResponse(("1953", None))
    return DateResponse(PartialDate(1953))


def answer(question_id: str = "q", *, kind: QuestionType = "date", score: float = 1.0,
           at: datetime = AT, seconds: float = 0.0, response: Response | None = None) -> Answer:
    """A graded answer with this score (points out of 1)."""
    grade = Grade(score=score, points=score, out_of=1.0, marks=(), summary="")
    return Answer(question_id, kind, response or response_for(kind), grade, seconds, at)


def record(store: Store, session_id: int, question_id: str = "q", *,
           kind: QuestionType = "date", score: float = 1.0,
           basis: tuple[BasisRef, ...] = (), at: datetime | None = None,
           seconds: float = 0.0, response: Response | None = None) -> int:
    """Record one answer (answered now by the store's clock unless `at` is given); its id."""
    made = answer(question_id, kind=kind, score=score, at=at or store.now(), seconds=seconds,
                  response=response)
    return store.record_answer(session_id, made, basis)
