"""A quiz made again on the same records (a learner's next quiz, a teacher's regenerate) reuses
the context, the candidates and what the selection read of them (issue 15), and is exactly the
quiz that fresh records would give: the same questions, whatever was made before it."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest

from gensec_quiz.bank.builtin import builtin_records
from gensec_quiz.domain.questions import BasisRef, QuestionSet
from gensec_quiz.domain.records import RecordSet
from gensec_quiz.generation import generate_for_facts, generate_question_set
from test_generation_scale import teacher_records


def fresh(records: RecordSet) -> RecordSet:
    """The same records as a new object: nothing kept from an earlier quiz applies to it."""
    return dataclasses.replace(records)


def same_quiz(a: QuestionSet, b: QuestionSet) -> bool:
    return a.id == b.id and a.questions == b.questions


@pytest.fixture(params=["small", "built-in"])
def either(request: pytest.FixtureRequest, records: RecordSet) -> RecordSet:
    """The tests' small record set, and the records shipped with the app."""
    return records if request.param == "small" else builtin_records()


def test_quizzes_on_records_used_before_are_those_of_fresh_records(
        either: RecordSet) -> None:
    records = either
    made_before = [generate_question_set(records, count=20, seed=seed) for seed in range(3)]
    for seed in (0, 7, 1):
        again = generate_question_set(records, count=20, seed=seed)
        assert same_quiz(again, generate_question_set(fresh(records), count=20, seed=seed))
    assert same_quiz(made_before[0], generate_question_set(records, count=20, seed=0))


@pytest.mark.parametrize("options", [
    {"types": ["date"], "count": 8, "difficulty": 1},
    {"types": ["ordering", "matching"], "count": 6, "difficulty": 3, "focus": "history"},
    {"count": 12, "language": "fr"},
])
def test_other_options_on_the_same_records_get_their_own_candidates(
        records: RecordSet, options: dict[str, Any]) -> None:
    generate_question_set(records, count=20, seed=4)  # the default options' pool, kept
    for seed in (4, 5):
        kept = generate_question_set(records, seed=seed, **options)
        new = generate_question_set(fresh(records), seed=seed, **options)
        assert same_quiz(kept, new)


def test_a_review_after_quizzes_on_the_same_records_is_that_of_fresh_records(
        records: RecordSet) -> None:
    generate_question_set(records, count=20, seed=2)
    facts = [q.basis[0] for q in generate_question_set(records, count=10, seed=3).questions]
    facts = [BasisRef(f.record, f.field) for f in facts][:4]
    for seed in (0, 1):
        kept = generate_for_facts(records, facts, count=6, seed=seed)
        assert same_quiz(kept, generate_for_facts(fresh(records), facts, count=6, seed=seed))
    # and a quiz after the review still draws from its own sample of each list
    assert same_quiz(generate_question_set(records, count=20, seed=2),
                     generate_question_set(fresh(records), count=20, seed=2))


def test_a_large_sheet_sampled_by_seed_gives_each_seed_its_own_quiz(tmp_path: Path) -> None:
    """Lists longer than the sample are drawn from the seed: their candidates are not kept,
    so each quiz on the same records (and a review after them, never sampled) is the one
    fresh records give."""
    records = teacher_records(400, tmp_path)
    first = generate_question_set(records, count=20, seed=0)
    second = generate_question_set(records, count=20, seed=1)
    facts = [BasisRef(q.basis[0].record, q.basis[0].field) for q in first.questions][:12]
    review = generate_for_facts(records, facts, count=12, seed=0)
    again = generate_question_set(records, count=20, seed=1)
    assert same_quiz(first, generate_question_set(fresh(records), count=20, seed=0))
    assert same_quiz(second, generate_question_set(fresh(records), count=20, seed=1))
    assert same_quiz(review, generate_for_facts(fresh(records), facts, count=12, seed=0))
    assert same_quiz(again, second)
