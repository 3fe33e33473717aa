"""A quiz from a teacher's big spreadsheet: the generator makes its candidates at a seeded
sample of each list's places, so its work grows linearly (or less) with the rows, and what it
makes there is what the whole enumeration makes."""

from __future__ import annotations

from dataclasses import replace

import pytest

from gensec_quiz.bank.builtin import load_records
from gensec_quiz.domain.questions import DEFAULT_ORDERING_RULE, QUESTION_TYPES
from gensec_quiz.domain.records import RecordSet
from gensec_quiz.generation import enumerate_questions, generate_for_facts, generate_question_set
from gensec_quiz.generation.api import choose, shuffle_choices
from gensec_quiz.generation.context import Context, Work
from test_generation_scale import teacher_records


def quiz_work(records: RecordSet, *, seed: int = 0, full: bool = True) -> Work:
    ctx = Context(records)
    chosen = choose(ctx, types=QUESTION_TYPES, count=20, seed=seed, difficulty=2,
                    scoring=DEFAULT_ORDERING_RULE, focus="all")
    assert len(chosen) == 20 or not full
    return ctx.work


@pytest.fixture(scope="module")
def rows_1000(tmp_path_factory: pytest.TempPathFactory) -> RecordSet:
    return teacher_records(1_000, tmp_path_factory.mktemp("rows"))


@pytest.fixture(scope="module")
def rows_2000(tmp_path_factory: pytest.TempPathFactory) -> RecordSet:
    return teacher_records(2_000, tmp_path_factory.mktemp("rows"))


def test_the_work_of_a_quiz_grows_at_most_linearly_with_the_rows(
        rows_1000: RecordSet, rows_2000: RecordSet) -> None:
    small, large = quiz_work(rows_1000), quiz_work(rows_2000)
    # Candidates made and pairs of facts or tenures compared: what the generator does for
    # each row, whatever the machine's load.
    small_work = small.candidates + small.comparisons
    large_work = large.candidates + large.comparisons
    assert small.candidates > 0 and small.comparisons > 0
    assert large_work / small_work <= 2.2, (small, large)
    # Past the sample, the candidates weighed do not grow with the rows.
    assert small.sampled > 0
    assert large.candidates <= 1.25 * small.candidates, (small, large)


def test_a_quiz_weighs_far_fewer_candidates_than_the_records_allow(
        rows_2000: RecordSet) -> None:
    assert quiz_work(rows_2000).candidates * 4 < len(enumerate_questions(rows_2000))


def test_every_question_of_a_sampled_quiz_is_one_the_whole_enumeration_makes(
        rows_1000: RecordSet) -> None:
    every = {q.id: q for q in enumerate_questions(rows_1000)}
    for seed in (0, 1):
        quiz = generate_question_set(rows_1000, count=20, seed=seed)
        assert len(quiz.questions) == 20
        for question in quiz.questions:
            # The explanation aside: a set drops the dates of an order's items from it when
            # another question of the set asks those years (generation/giveaways.py).
            made = shuffle_choices(every[question.id], seed)
            assert replace(question, explanation="") == replace(made, explanation="")


def test_the_same_seed_gives_the_same_quiz_and_another_seed_another(
        rows_2000: RecordSet) -> None:
    first = generate_question_set(rows_2000, count=20, seed=7)
    assert generate_question_set(rows_2000, count=20, seed=7) == first
    assert generate_question_set(rows_2000, count=20, seed=8).questions != first.questions


def test_the_built_in_records_are_never_sampled() -> None:
    # (13-17 questions of 20: the give-away rules, not the sampling, keep the set short)
    assert quiz_work(load_records([]), full=False).sampled == 0


def test_a_review_on_a_big_spreadsheet_asks_the_given_facts_first(
        rows_2000: RecordSet) -> None:
    # A tenure late in the list, far from any place a sample would surely draw.
    tenure = sorted(rows_2000.tenures, key=lambda t: t.start.sort_key())[-7]
    facts = [b for q in enumerate_questions(rows_2000, types=["date"])
             for b in q.basis if b.record == tenure.id][:1]
    assert facts
    review = generate_for_facts(rows_2000, facts, count=5, seed=3)
    assert facts[0] in review.questions[0].basis

