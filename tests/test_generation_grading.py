"""Generated questions graded by `domain.grading`: the key scores 1, sourced values are
accepted, and the tolerance tiers give the credit GRADING.md promises."""

from __future__ import annotations

from pathlib import Path

import pytest

from gensec_quiz.bank.records_json import load_record_set
from gensec_quiz.domain.dates import PartialDate
from gensec_quiz.domain.grading import grade
from gensec_quiz.domain.questions import (
    DateQuestion,
    DateResponse,
    MatchingQuestion,
    MatchingResponse,
    OrderingQuestion,
    OrderingResponse,
    Question,
    Response,
)
from gensec_quiz.generation import enumerate_questions

ROOT = Path(__file__).resolve().parent.parent
BUILTIN = load_record_set(ROOT / "question_bank" / "records" / "gensec.json")


def key_response(question: Question) -> Response:
    if isinstance(question, OrderingQuestion):
        return OrderingResponse(tuple(range(len(question.items))))
    if isinstance(question, MatchingQuestion):
        return MatchingResponse(tuple(p.right for p in question.pairs))
    return DateResponse(question.answer)


@pytest.mark.parametrize("difficulty", [1, 2, 3])
def test_every_answer_key_scores_full_marks(difficulty: int) -> None:
    questions = enumerate_questions(BUILTIN, difficulty=difficulty)
    assert questions
    for question in questions:
        assert grade(question, key_response(question)).score == 1.0, question.prompt


def test_every_sourced_value_of_a_disputed_date_is_accepted() -> None:
    accepted = [(q, a) for d in (1, 2, 3) for q in enumerate_questions(BUILTIN, types=["date"],
                                                                          difficulty=d)
                if isinstance(q, DateQuestion) for a in q.accept]
    assert accepted
    for question, value in accepted:
        result = grade(question, DateResponse(value.value))
        assert result.score == 1.0
        assert set(result.accepted_sources) == {str(r.source) for r in value.sources}


def test_a_year_one_off_earns_half_and_two_off_a_quarter() -> None:
    question = next(q for q in enumerate_questions(BUILTIN, types=["date"], difficulty=2)
                    if isinstance(q, DateQuestion) and not q.accept and q.measure == "date")
    year = question.answer.year
    assert grade(question, DateResponse(PartialDate(year + 1))).score == 0.5
    assert grade(question, DateResponse(PartialDate(year - 2))).score == 0.25
    assert grade(question, DateResponse(PartialDate(year + 3))).score == 0.0


def test_a_reversed_ordering_scores_nothing_under_the_default_rule() -> None:
    question = next(q for q in enumerate_questions(BUILTIN, types=["ordering"])
                    if isinstance(q, OrderingQuestion))
    order = tuple(reversed(range(len(question.items))))
    assert grade(question, OrderingResponse(order)).score == 0.0


def test_a_distractor_chosen_loses_that_pair_only() -> None:
    question = next(q for q in enumerate_questions(BUILTIN, types=["matching"], difficulty=3)
                    if isinstance(q, MatchingQuestion) and q.extra_right)
    choices = [p.right for p in question.pairs]
    choices[0] = question.extra_right[0]
    result = grade(question, MatchingResponse(tuple(choices)))
    assert result.score == pytest.approx((len(choices) - 1) / len(choices))


def test_a_wrong_choice_of_a_choice_question_earns_nothing() -> None:
    question = next(q for q in enumerate_questions(BUILTIN, types=["date"], difficulty=1)
                    if isinstance(q, DateQuestion) and q.choices)
    wrong = next(c for c in question.choices if c != question.answer)
    assert abs(wrong.year - question.answer.year) >= 1
    assert grade(question, DateResponse(wrong)).score == 0.0
