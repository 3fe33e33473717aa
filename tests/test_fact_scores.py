"""Scores per fact: each fact gets the mark of its own item or pair, in the grade, the store,
the review cards, Progress's weakest facts and the Timeline's chance of recall."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from application_support import right, wrong
from gensec_quiz.application.plans import QuizPlan
from gensec_quiz.application.quiz_run import QuizRun, Saved
from gensec_quiz.bank.builtin import builtin_records
from gensec_quiz.bank.records_json import load_record_set
from gensec_quiz.domain.dates import PartialDate
from gensec_quiz.domain.errors import StoreError
from gensec_quiz.domain.grading import FactScore, fact_scores, grade, item_credits
from gensec_quiz.domain.grading_ordering import score_ordering
from gensec_quiz.domain.questions import (
    ORDERING_RULES,
    BasisRef,
    DateQuestion,
    DateResponse,
    MatchingPair,
    MatchingQuestion,
    MatchingResponse,
    OrderingItem,
    OrderingQuestion,
    OrderingResponse,
    OrderingRule,
    QuestionSet,
    Tolerance,
)
from gensec_quiz.domain.records import RecordSet
from gensec_quiz.domain.session import Mode, grade_answer
from gensec_quiz.generation import enumerate_questions
from gensec_quiz.storage import Store, open_store
from gensec_quiz.ui.context import AppContext, AppSignals
from gensec_quiz.ui.models.progress_data import gather
from gensec_quiz.ui.screens.timeline import TimelineScreen
from store_support import answer as made_answer

FIXTURE = Path(__file__).parent / "data" / "ui_extras" / "records.json"
DAY_1 = datetime(2025, 3, 3, 12, 0, tzinfo=UTC)


def fact(record: str, field: str = "start") -> BasisRef:
    return BasisRef(record, field)


STALIN, KHRUSHCHEV, BREZHNEV = fact("tenure-stalin"), fact("tenure-khrushchev"), \
    fact("tenure-brezhnev")


def matching(*, scoring: str = "per_pair") -> MatchingQuestion:
    pairs = (MatchingPair("Joseph Stalin", "1922", (STALIN,)),
             MatchingPair("Nikita Khrushchev", "1953", (KHRUSHCHEV,)))
    return MatchingQuestion(id="q-match", prompt="Match each leader with the year he took office.",
                            explanation="", difficulty=1, sources=(), basis=(STALIN, KHRUSHCHEV),
                            pairs=pairs, extra_right=("1964",),
                            scoring="all_or_nothing" if scoring == "all_or_nothing"
                            else "per_pair")


def ordering(rule: OrderingRule = "relative_all_previous_and_next",
             bases: tuple[tuple[BasisRef, ...], ...] | None = None) -> OrderingQuestion:
    bases = bases or ((STALIN,), (KHRUSHCHEV,), (BREZHNEV,))
    items = tuple(OrderingItem(f"item {i}", basis) for i, basis in enumerate(bases))
    basis = tuple(dict.fromkeys(ref for item in items for ref in item.basis))
    return OrderingQuestion(id="q-order", prompt="Put these in order.", explanation="",
                            difficulty=1, sources=(), basis=basis, items=items, scoring=rule)


def date_question() -> DateQuestion:
    return DateQuestion(id="q-date", prompt="In which year did Stalin become General Secretary?",
                        explanation="", difficulty=1, sources=(), basis=(STALIN,),
                        answer=PartialDate(1922), tolerance=Tolerance(0, ((1, 0.5),)))


# The grade: one score per fact --------------------------------------------------------------


def test_a_right_pair_gives_its_facts_1_and_a_wrong_pair_0() -> None:
    graded = grade(matching(), MatchingResponse(("1922", "1964")))
    assert graded.score == 0.5
    assert graded.facts == (FactScore(STALIN, 1.0), FactScore(KHRUSHCHEV, 0.0))


def test_an_empty_pair_gives_its_facts_0() -> None:
    graded = grade(matching(), MatchingResponse(("1922", None)))
    assert dict((f.fact, f.score) for f in graded.facts) == {STALIN: 1.0, KHRUSHCHEV: 0.0}


def test_all_or_nothing_takes_the_questions_credit_but_not_what_a_right_pair_shows() -> None:
    graded = grade(matching(scoring="all_or_nothing"), MatchingResponse(("1922", "1964")))
    assert graded.score == 0.0
    assert dict((f.fact, f.score) for f in graded.facts) == {STALIN: 1.0, KHRUSHCHEV: 0.0}


def test_a_choice_used_twice_counts_only_for_its_first_pair() -> None:
    scores = fact_scores(matching(), MatchingResponse(("1922", "1922")), question_score=0.5)
    assert scores == {STALIN: 1.0, KHRUSHCHEV: 0.0}


def test_a_date_questions_facts_get_its_score() -> None:
    graded = grade(date_question(), DateResponse(PartialDate(1923)))
    assert graded.score == 0.5 and graded.facts == (FactScore(STALIN, 0.5),)


def test_an_ordering_item_in_the_wrong_place_gives_its_facts_less_than_the_others() -> None:
    # Brezhnev put first: Stalin and Khrushchev keep their order between them.
    graded = grade(ordering(), OrderingResponse((2, 0, 1)))
    scores = dict((f.fact, f.score) for f in graded.facts)
    assert scores == {STALIN: 0.5, KHRUSHCHEV: 0.5, BREZHNEV: 0.0}
    assert sum(scores.values()) / 3 == pytest.approx(graded.score)


def test_an_untouched_ordering_gives_every_fact_0_even_items_left_in_place() -> None:
    graded = grade(ordering(), OrderingResponse((0, 2, 1), moved=False))
    assert graded.score == 0.0 and {f.score for f in graded.facts} == {0.0}


def test_a_fact_in_two_items_gets_the_lower_credit() -> None:
    question = ordering("absolute_position", bases=((STALIN,), (KHRUSHCHEV, STALIN), (BREZHNEV,)))
    scores = fact_scores(question, OrderingResponse((0, 2, 1)), question_score=1 / 3)
    assert scores == {STALIN: 0.0, KHRUSHCHEV: 0.0, BREZHNEV: 0.0}
    scores = fact_scores(question, OrderingResponse((1, 0, 2)), question_score=1 / 3)
    assert scores[BREZHNEV] == 1.0 and scores[STALIN] == 0.0


def test_a_fact_no_item_names_gets_the_questions_score() -> None:
    question = ordering("absolute_position")
    extra = fact("event-renamed-1966", "date")
    question = OrderingQuestion(id=question.id, prompt=question.prompt, explanation="",
                                difficulty=1, sources=(), basis=(*question.basis, extra),
                                items=question.items, scoring="absolute_position")
    scores = fact_scores(question, OrderingResponse((0, 2, 1)), question_score=1 / 3)
    assert scores[extra] == pytest.approx(1 / 3) and scores[STALIN] == 1.0


def test_an_exam_all_or_nothing_credits_the_items_left_in_their_slots() -> None:
    answer = grade_answer(ordering(), OrderingResponse((0, 2, 1)), seconds=1.0,
                          answered_at=DAY_1, all_or_nothing=True)
    assert answer.grade.score == 0.0
    assert dict((f.fact, f.score) for f in answer.grade.facts) == {
        STALIN: 1.0, KHRUSHCHEV: 0.0, BREZHNEV: 0.0}


# Item credits per rule -----------------------------------------------------------------------


MEAN_IS_THE_SCORE = ("absolute_position", "relative_one_previous_and_next",
                     "relative_all_previous_and_next", "longest_ordered_subset",
                     "longest_contiguous_subset", "relative_to_correct_position")


@pytest.mark.parametrize("rule", MEAN_IS_THE_SCORE)
@pytest.mark.parametrize("n", [2, 3, 4, 5])
def test_under_these_rules_the_mean_item_credit_is_the_questions_score(rule: OrderingRule,
                                                                      n: int) -> None:
    for order in itertools.permutations(range(n)):
        points, out_of = score_ordering(order, rule)
        credits = item_credits(order, rule)
        assert sum(credits) / n == pytest.approx(points / out_of), (rule, order)


@pytest.mark.parametrize("rule", ORDERING_RULES)
@pytest.mark.parametrize("n", [2, 3, 4, 5])
def test_every_item_credit_is_1_exactly_for_the_right_order(rule: OrderingRule, n: int) -> None:
    for order in itertools.permutations(range(n)):
        credits = item_credits(order, rule)
        assert all(0.0 <= c <= 1.0 for c in credits)
        assert (credits == (1.0,) * n) == (order == tuple(range(n))), (rule, order)


def test_the_next_item_rules_credit_an_item_by_the_links_on_either_side() -> None:
    # 1 0 2 3: only the link 2 -> 3 is right.
    assert item_credits((1, 0, 2, 3), "relative_next_exclude_last") == (0.0, 0.0, 0.5, 1.0)
    # 0 1 3 2: 0 -> 1 right; 2 is not last.
    assert item_credits((0, 1, 3, 2), "relative_next_include_last") == (1.0, 0.5, 0.0, 0.0)


def test_of_two_swapped_items_each_shares_the_longest_run() -> None:
    assert item_credits((1, 0, 2, 3), "longest_ordered_subset") == (0.5, 0.5, 1.0, 1.0)
    assert item_credits((2, 3, 0, 1), "longest_contiguous_subset") == (0.5,) * 4


def test_an_item_is_credited_by_its_distance_from_its_slot() -> None:
    assert item_credits((3, 1, 2, 0), "relative_to_correct_position") == (0.0, 1.0, 1.0, 0.0)


def test_a_single_item_is_always_in_order() -> None:
    assert item_credits((0,), "all_or_nothing") == (1.0,)


def test_a_fact_score_outside_0_to_1_is_refused() -> None:
    with pytest.raises(ValueError, match="between 0 and 1"):
        FactScore(STALIN, 1.5)


# The store ------------------------------------------------------------------------------------


@pytest.fixture
def clock() -> list[datetime]:
    return [DAY_1]


@pytest.fixture
def store(tmp_path: Path, clock: list[datetime]) -> Iterator[Store]:
    opened = open_store(tmp_path / "db.sqlite3", clock=lambda: clock[0])
    yield opened
    opened.close()


def test_the_store_keeps_each_facts_own_score(store: Store) -> None:
    learner = store.add_learner("Anna")
    session = store.start_session(learner_id=learner, question_set_id="s", title="S",
                                  mode=Mode.PRACTICE, question_count=1)
    store.record_answer(session, made_answer(score=0.5, at=DAY_1),
                        (FactScore(STALIN, 1.0), FactScore(KHRUSHCHEV, 0.0),
                         FactScore(KHRUSHCHEV, 1.0), BREZHNEV))
    weakest = {(f.record, f.field): f.mean_score for f in store.weakest_facts(learner)}
    # a fact given twice keeps its lowest score; a bare BasisRef the answer's score
    assert weakest == {("tenure-khrushchev", "start"): 0.0, ("tenure-brezhnev", "start"): 0.5,
                       ("tenure-stalin", "start"): 1.0}
    [saved] = store.session_answers(session)
    assert saved.score == 0.5
    assert saved.basis == (STALIN, KHRUSHCHEV, BREZHNEV)


def test_an_old_caller_with_bare_facts_gives_each_the_answers_score(store: Store) -> None:
    learner = store.add_learner("Anna")
    session = store.start_session(learner_id=learner, question_set_id="s", title="S",
                                  mode=Mode.PRACTICE, question_count=1)
    store.record_answer(session, made_answer(score=0.25, at=DAY_1), (STALIN, KHRUSHCHEV))
    assert {f.mean_score for f in store.weakest_facts(learner)} == {0.25}


def test_a_bad_fact_is_refused_with_its_place(store: Store) -> None:
    learner = store.add_learner("Anna")
    session = store.start_session(learner_id=learner, question_set_id="s", title="S",
                                  mode=Mode.PRACTICE, question_count=1)
    with pytest.raises(StoreError) as raised:
        store.record_answer(session, made_answer(at=DAY_1),
                            (FactScore(STALIN, 1.0), FactScore(BasisRef("", "start"), 0.0)))
    assert [p.where for p in raised.value.problems] == ["record_answer.basis[1]"]


# A quiz played through the application layer -------------------------------------------------


@pytest.fixture
def records() -> RecordSet:
    return load_record_set(FIXTURE)


def play_one_right_pair_one_wrong(store: Store, clock: list[datetime]) -> int:
    learner = store.add_learner("Anna")
    question_set = QuestionSet(id="pairs", title="Pairs", records="ui-extras",
                               questions=(matching(),))
    run = QuizRun(QuizPlan(question_set, mode=Mode.PRACTICE), store, lambda: clock[0],
                  learner_id=learner, seed=1)
    run.start()
    submitted = run.submit(MatchingResponse(("1922", "1964")))  # Stalin right, Khrushchev wrong
    assert isinstance(submitted, Saved) and submitted.answer.grade.score == 0.5
    run.advance()
    run.finish()
    return learner


def test_after_one_wrong_pair_progress_review_and_timeline_agree_the_fact_is_weak(
    qtbot: QtBot, tmp_path: Path, store: Store, clock: list[datetime], records: RecordSet
) -> None:
    learner = play_one_right_pair_one_wrong(store, clock)
    clock[0] = DAY_1 + timedelta(minutes=5)  # just after the quiz
    # Progress: the wrong pair's fact is the weakest, the right one is not weak
    weakest = [(f.record, f.mean_score) for f in store.weakest_facts(learner)]
    assert weakest == [("tenure-khrushchev", 0.0), ("tenure-stalin", 1.0)]
    bars = gather(store, learner, records, at=clock[0]).facts
    assert [(bar.label.split()[0], bar.value) for bar in bars] == [("Khrushchev", 0.0),
                                                                   ("Stalin", 1.0)]
    # Review: the wrong pair's fact comes back tomorrow, the right one later
    cards = {card.record: card for card in store.review_cards(learner)}
    assert cards["tenure-khrushchev"].due < cards["tenure-stalin"].due
    assert store.plan_review(learner, DAY_1 + timedelta(days=1, hours=1)) == [KHRUSHCHEV]
    # Timeline: the chance of recall the screen colours each record by
    context = AppContext(clock=lambda: clock[0], seed=0, data_dir=tmp_path, signals=AppSignals(),
                         _records=records)
    context.store = store
    screen = TimelineScreen(context)
    qtbot.addWidget(screen)
    screen.resize(1024, 700)
    screen.show()
    context.set_learner(learner)
    assert screen.mastery["tenure-khrushchev"] == 0.0
    assert screen.mastery["tenure-stalin"] > 0.99
    items = screen.view.items_by_id()
    assert items["tenure-khrushchev"].mastery == 0.0
    assert items["tenure-khrushchev"].fill.hueF() < 0.05 < 0.32 < items["tenure-stalin"].fill.hueF()


def test_a_fact_answered_right_again_leaves_the_weak_colour(store: Store,
                                                             clock: list[datetime]) -> None:
    learner = play_one_right_pair_one_wrong(store, clock)
    assert store.mastery(learner, DAY_1)["tenure-khrushchev"] == 0.0
    clock[0] = DAY_1 + timedelta(days=1, hours=1)
    session = store.start_session(learner_id=learner, question_set_id="s", title="S",
                                  mode=Mode.REVIEW, question_count=1)
    store.record_answer(session, made_answer(score=1.0, at=clock[0]),
                        (FactScore(KHRUSHCHEV, 1.0),))
    assert store.mastery(learner, clock[0])["tenure-khrushchev"] > 0.9


# Every generated question ----------------------------------------------------------------------


@pytest.mark.parametrize("difficulty", [1, 2, 3])
def test_every_generated_key_gives_each_of_its_facts_1_and_a_wrong_answer_less(
    difficulty: int,
) -> None:
    for question in enumerate_questions(builtin_records(), difficulty=difficulty):
        parts: tuple[tuple[BasisRef, ...], ...] = ()
        if isinstance(question, OrderingQuestion):
            parts = tuple(item.basis for item in question.items)
        elif isinstance(question, MatchingQuestion):
            parts = tuple(pair.basis for pair in question.pairs)
        named = {ref for basis in (question.basis, *parts) for ref in basis}
        keyed = grade(question, right(question))
        assert {f.fact for f in keyed.facts} == named, question.id
        assert {f.score for f in keyed.facts} == {1.0}, question.id
        missed = grade(question, wrong(question))
        if missed.score < 1.0 and named:
            assert min(f.score for f in missed.facts) < 1.0, question.id
