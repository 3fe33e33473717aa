"""A generated quiz: reproducible, varied, without repeats or give-aways, ids traceable."""

from __future__ import annotations

import dataclasses
import itertools
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generation_rich import dated_keys
from gensec_quiz.bank.questions_json import dump_question_set
from gensec_quiz.bank.records_json import load_record_set
from gensec_quiz.domain.errors import InputError
from gensec_quiz.domain.questions import (
    BasisRef,
    DateQuestion,
    MatchingQuestion,
    OrderingQuestion,
    Question,
)
from gensec_quiz.generation import enumerate_questions, generate_for_facts, generate_question_set

DATA = Path(__file__).resolve().parent / "data" / "topics"
RECORDS = load_record_set(DATA / "gensec-mini.json")


def keys(question: Question) -> set[str]:
    return {b.key() for b in question.basis}


def stated_years(question: Question) -> set[str]:
    """Texts a learner sees before answering (items, pairs, choices) and the prompt."""
    if isinstance(question, OrderingQuestion):
        return {question.prompt, *(i.text for i in question.items)}
    if isinstance(question, MatchingQuestion):
        return {question.prompt, *(p.left for p in question.pairs)}
    return {question.prompt}


def test_same_records_seed_and_options_give_the_same_bytes() -> None:
    first = generate_question_set(RECORDS, count=20, seed=42, difficulty=3)
    second = generate_question_set(RECORDS, count=20, seed=42, difficulty=3)
    assert dump_question_set(first) == dump_question_set(second)


def test_different_seeds_give_different_quizzes() -> None:
    quizzes = {tuple(q.id for q in generate_question_set(RECORDS, count=10, seed=s).questions)
               for s in range(5)}
    assert len(quizzes) == 5


def test_question_ids_do_not_depend_on_the_seed() -> None:
    # The same question in every set, but for the order of its choices, which the set's seed
    # draws (a one-pair matching's wrong choices, a date question's choices).
    by_id: dict[str, Question] = {}
    for seed in range(10):
        for question in generate_question_set(RECORDS, count=20, seed=seed).questions:
            if isinstance(question, MatchingQuestion):
                question = dataclasses.replace(
                    question, extra_right=tuple(sorted(question.extra_right)))
            if isinstance(question, DateQuestion):
                question = dataclasses.replace(
                    question, choices=tuple(sorted(question.choices, key=lambda c: c.iso())))
            assert by_id.setdefault(question.id, question) == question


def test_question_ids_change_with_the_content() -> None:
    everything = enumerate_questions(RECORDS, difficulty=2)
    assert len({q.id for q in everything}) == len(everything)
    assert len({(q.prompt, q.basis) for q in everything}) == len(everything)


def test_a_quiz_never_orders_the_same_people_twice() -> None:
    # Ordered by taking office or by leaving it, one office's holders come in the same order.
    for seed in range(40):
        quiz = generate_question_set(RECORDS, types=["ordering"], count=10, seed=seed)
        for a, b in itertools.combinations(quiz.questions, 2):
            assert len({r.record for r in a.basis} & {r.record for r in b.basis}) <= 1


@given(seed=st.integers(0, 10_000), difficulty=st.sampled_from([1, 2, 3]))
@settings(max_examples=40, deadline=None)
def test_a_quiz_asks_a_fact_once_except_single_items_of_two_orderings(seed: int,
                                                                 difficulty: int) -> None:
    # A fact may also be in a question that asks who or what and no date of it ("Who was
    # General Secretary when ...?" rests on a tenure whose start another question asks).
    quiz = generate_question_set(RECORDS, count=20, seed=seed, difficulty=difficulty)
    assert len({q.id for q in quiz.questions}) == len(quiz.questions)
    for a, b in itertools.combinations(quiz.questions, 2):
        shared = dated_keys(a) & dated_keys(b)
        if isinstance(a, OrderingQuestion) and isinstance(b, OrderingQuestion):
            assert len(shared) <= 1, (a.prompt, b.prompt)
        else:
            assert not shared, (a.prompt, b.prompt)


def test_a_date_question_and_a_matching_pair_never_show_the_same_start() -> None:
    for seed in range(40):
        quiz = generate_question_set(RECORDS, count=20, seed=seed)
        asked = {b.key() for q in quiz.questions if isinstance(q, DateQuestion) for b in q.basis}
        shown = {k for q in quiz.questions if isinstance(q, MatchingQuestion)
                 for k in dated_keys(q)}
        assert not asked & shown


def test_twin_facts_are_not_asked_in_one_quiz() -> None:
    # Gorbachev's resignation is both an event (1991-08) and the end of his tenure.
    twins = {"event-gorbachev-resigns.date", "tenure-gorbachev.end"}
    for seed in range(25):
        quiz = generate_question_set(RECORDS, count=20, seed=seed)
        for a, b in itertools.permutations(quiz.questions, 2):
            if isinstance(a, DateQuestion) and keys(a) & twins:
                assert not keys(b) & (twins - keys(a)), (a.prompt, b.prompt)


def test_one_story_told_twice_is_asked_once() -> None:
    # Brezhnev's time as First Secretary ended the day he became General Secretary.
    same = {"tenure-brezhnev.end", "tenure-brezhnev-2.start"}
    for seed in range(15):
        for difficulty in (1, 2, 3):
            quiz = generate_question_set(RECORDS, count=20, seed=seed, difficulty=difficulty)
            asking = [q for q in quiz.questions if dated_keys(q) & same
                      and not isinstance(q, OrderingQuestion)]
            touching = [q for q in quiz.questions if dated_keys(q) & same]
            assert not asking or len(touching) == 1, [q.prompt for q in touching]


def test_a_quiz_mixes_the_three_types() -> None:
    quiz = generate_question_set(RECORDS, count=12, seed=3)
    assert set(Counter(q.type for q in quiz.questions)) == {"ordering", "matching", "date"}


def test_types_can_be_restricted() -> None:
    quiz = generate_question_set(RECORDS, types=["matching"], count=5, seed=1)
    assert quiz.questions and {q.type for q in quiz.questions} == {"matching"}


def test_the_ordering_rule_is_carried_into_every_ordering_question() -> None:
    quiz = generate_question_set(RECORDS, types=["ordering"], count=4, scoring="all_or_nothing")
    assert {q.scoring for q in quiz.questions if isinstance(q, OrderingQuestion)} == {
        "all_or_nothing"}


# Three or four items at every difficulty; a harder order keeps them closer in time (REACH,
# GAP: test_a_harder_ordering_keeps_its_items_closer_in_time). Four or five items at
# difficulties 2 and 3 took more facts than the one-fact-per-set rule left: most sets had one
# order, or none, once the misleading order of the office's names was gone.
@pytest.mark.parametrize(("difficulty", "low", "high"), [(1, 3, 4), (2, 3, 4), (3, 3, 4)])
def test_ordering_questions_have_three_or_four_items(difficulty: int, low: int,
                                                      high: int) -> None:
    sizes = {len(q.items) for q in enumerate_questions(RECORDS, types=["ordering"],
                                                       difficulty=difficulty)
             if isinstance(q, OrderingQuestion)}
    assert sizes and min(sizes) >= low and max(sizes) <= high


def test_every_matching_has_more_choices_than_stems_so_the_last_pair_is_not_forced() -> None:
    hard = enumerate_questions(RECORDS, types=["matching"], difficulty=3)
    for difficulty in (1, 2, 3):
        for q in enumerate_questions(RECORDS, types=["matching"], difficulty=difficulty):
            assert isinstance(q, MatchingQuestion)
            assert len(q.right_choices()) > len(q.pairs), q.prompt
    assert any(len(q.extra_right) >= 2 for q in hard if isinstance(q, MatchingQuestion))
    # At difficulty 3 the only multiple choice (one pair) is how a tenure ended, at which
    # congress or who did something; every other matching has several pairs.
    assert all(len(q.pairs) > 1 or q.prompt.startswith(("How did", "At which", "Which Party",
                                                        "Who "))
               for q in hard if isinstance(q, MatchingQuestion))


def test_easy_date_questions_offer_choices_and_harder_ones_ask_finer_dates() -> None:
    easy = [q for q in enumerate_questions(RECORDS, types=["date"], difficulty=1)
            if isinstance(q, DateQuestion)]
    hard = [q for q in enumerate_questions(RECORDS, types=["date"], difficulty=3)
            if isinstance(q, DateQuestion)]
    assert all(len(q.choices) == 4 for q in easy)
    assert {q.precision for q in hard} == {"year", "month", "day"}


def test_choices_do_not_give_the_answer_away_by_their_place() -> None:
    places = Counter(q.choices.index(q.answer)
                     for q in enumerate_questions(RECORDS, types=["date"], difficulty=1)
                     if isinstance(q, DateQuestion))
    assert len(places) >= 3


def test_questions_for_given_facts_come_first() -> None:
    facts = [BasisRef("tenure-andropov", "start"), BasisRef("event-1934-congress", "date")]
    quiz = generate_for_facts(RECORDS, facts, count=6, seed=2)
    assert len(quiz.questions) == 6
    assert facts[0] in quiz.questions[0].basis
    assert facts[1] in quiz.questions[1].basis


def test_bad_options_are_refused_with_every_problem_named() -> None:
    with pytest.raises(InputError) as caught:
        generate_question_set(RECORDS, types=["essay"], count=0, difficulty=4,  # type: ignore[list-item]
                              scoring="best")  # type: ignore[arg-type]
    assert [p.where for p in caught.value.problems] == ["types", "count", "difficulty", "scoring"]


def test_the_generator_records_how_the_set_was_made() -> None:
    quiz = generate_question_set(RECORDS, count=5, seed=9, difficulty=1)
    assert quiz.records == RECORDS.id
    assert quiz.generator is not None
    assert quiz.generator["seed"] == 9
    assert quiz.generator["options"]["difficulty"] == 1
