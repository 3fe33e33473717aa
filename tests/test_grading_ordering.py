"""Ordering scored by Moodle's nine rules; the untouched list scores 0; the `grade` entry point."""

from __future__ import annotations

import itertools
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gensec_quiz.domain.dates import PartialDate
from gensec_quiz.domain.grading import (
    grade,
    longest_contiguous_run,
    longest_ordered_run,
    rating_for_score,
    score_ordering,
)
from gensec_quiz.domain.questions import (
    ORDERING_RULES,
    DateQuestion,
    DateResponse,
    MatchingQuestion,
    MatchingResponse,
    OrderingItem,
    OrderingQuestion,
    OrderingResponse,
    OrderingRule,
)

FEW = settings(max_examples=60, deadline=None)


def permutations(low: int = 1, high: int = 8) -> st.SearchStrategy[list[int]]:
    return st.integers(low, high).flatmap(lambda n: st.permutations(list(range(n))))


def ordering(texts: str = "ABCDE", scoring: OrderingRule = "relative_all_previous_and_next"
             ) -> OrderingQuestion:
    return OrderingQuestion(
        id="q-order", prompt="Put them in order.", explanation="", difficulty=2, sources=(),
        basis=(), items=tuple(OrderingItem(text, ()) for text in texts), scoring=scoring,
    )


# Properties ------------------------------------------------------------------------------------


@FEW
@given(n=st.integers(1, 9), rule=st.sampled_from(ORDERING_RULES))
def test_the_key_scores_one_under_every_rule(n: int, rule: OrderingRule) -> None:
    points, out_of = score_ordering(range(n), rule)
    assert points == out_of > 0


@FEW
@given(n=st.integers(2, 9))
def test_a_reversed_list_scores_zero_under_the_default_rule(n: int) -> None:
    points, out_of = score_ordering(list(reversed(range(n))), "relative_all_previous_and_next")
    assert points == 0 and out_of == n * (n - 1)


@FEW
@given(order=permutations(), rule=st.sampled_from(ORDERING_RULES))
def test_every_score_lies_between_zero_and_one(order: list[int], rule: OrderingRule) -> None:
    points, out_of = score_ordering(order, rule)
    assert out_of > 0
    assert 0 <= points <= out_of


@FEW
@given(data=st.data(), n=st.integers(2, 9))
def test_swapping_two_neighbours_costs_one_pair_under_the_default_rule(
    data: st.DataObject, n: int
) -> None:
    at = data.draw(st.integers(0, n - 2))
    order = list(range(n))
    order[at], order[at + 1] = order[at + 1], order[at]
    points, out_of = score_ordering(order, "relative_all_previous_and_next")
    assert points / out_of == pytest.approx(1 - 1 / math.comb(n, 2))


@FEW
@given(order=permutations(2))
def test_the_default_rule_is_the_share_of_pairs_in_the_right_order(order: list[int]) -> None:
    pairs = list(itertools.combinations(order, 2))
    right = sum(first < second for first, second in pairs)
    points, out_of = score_ordering(order, "relative_all_previous_and_next")
    assert points / out_of == pytest.approx(right / len(pairs))


def _moodle_subsets(positions: list[int], contiguous: bool) -> int:
    """A line-by-line port of Moodle's get_ordered_subsets + get_ordered_subset, as an oracle."""
    subsets: list[list[int]] = []
    for p, value in enumerate(positions):
        is_new, new = True, []
        for s, subset in enumerate(subsets):
            end = positions[subset[-1]]
            if value == end + 1:
                is_new = False
                subsets[s] = [*subset, p]
            elif contiguous:
                continue
            elif value > end:
                is_new = False
                new.append(subset)
                subsets[s] = [*subset, p]
        if is_new:
            new.append([p])
        subsets.extend(new)
    best = max((len(subset) for subset in subsets), default=0)
    return best if best > 1 else 0


@FEW
@given(order=permutations(2, 7))
def test_longest_subset_rules_agree_with_moodles_own_search(order: list[int]) -> None:
    n = len(order)
    assert score_ordering(order, "longest_ordered_subset") == (_moodle_subsets(order, False), n)
    assert score_ordering(order, "longest_contiguous_subset") == (_moodle_subsets(order, True), n)


@FEW
@given(order=permutations(1, 7))
def test_longest_ordered_run_is_the_longest_increasing_subsequence(order: list[int]) -> None:
    brute = max(
        size
        for size in range(1, len(order) + 1)
        for chosen in itertools.combinations(order, size)
        if list(chosen) == sorted(chosen)
    )
    assert longest_ordered_run(order) == brute
    assert longest_contiguous_run(order) <= brute


# Worked examples, computed by hand ---------------------------------------------------------------

# Key A B C D E (0..4); response C A B E D = (2, 0, 1, 4, 3).
#  all_or_nothing: not all in place -> 0/1.
#  absolute_position: C,A,B,E,D are all out of their slots -> 0/5.
#  relative_next_exclude_last: A->B yes; B->C no (B->E); C->D no (C->A); D->E no (D is last) -> 1/4.
#  relative_next_include_last: as above, and E must be last: it is not (D is) -> 1/5.
#  relative_one_previous_and_next (neighbour before / after, "nothing" counts):
#    A: before C (want nothing) 0, after B 1; B: before A 1, after E (want C) 0;
#    C: before nothing (want B) 0, after A (want D) 0; D: before E 0, after nothing (want E) 0;
#    E: before B (want D) 0, after D (want nothing) 0 -> 2/10.
#  relative_all_previous_and_next: pairs CA x, CB x, CE, CD, AB, AE, AD, BE, BD, ED x -> 7 right
#    of 10, each counted from both ends -> 14/20.
#  longest_ordered_subset: A B E (or A B D) -> 3/5.
#  longest_contiguous_subset: A,B (consecutive in the key, in order) or C..D -> 2/5.
#  relative_to_correct_position: n-1 = 4 minus distance: C 4-2=2, A 3, B 3, E 3, D 3 -> 14/20.
EXAMPLE_CABED: dict[OrderingRule, tuple[float, float]] = {
    "all_or_nothing": (0, 1),
    "absolute_position": (0, 5),
    "relative_next_exclude_last": (1, 4),
    "relative_next_include_last": (1, 5),
    "relative_one_previous_and_next": (2, 10),
    "relative_all_previous_and_next": (14, 20),
    "longest_ordered_subset": (3, 5),
    "longest_contiguous_subset": (2, 5),
    "relative_to_correct_position": (14, 20),
}

# Key A B C D E; response A B C E D = (0, 1, 2, 4, 3): the last two swapped.
#  all_or_nothing 0/1; absolute_position A,B,C in place -> 3/5.
#  next_exclude_last: A->B, B->C yes; C->D no (C->E); D->E no -> 2/4;
#  next_include_last: and E is not last -> 2/5.
#  one_previous_and_next: A 2 (nothing before, B after); B 2; C 1 (B before, E after);
#    D 0 (E before, nothing after); E 0 (C before, D after) -> 5/10.
#  all_previous_and_next: 9 of 10 pairs (only E,D wrong) -> 18/20.
#  longest_ordered_subset: A B C E -> 4/5; longest_contiguous_subset: A B C D in order -> 4/5.
#  relative_to_correct_position: A,B,C 4 each, E 3, D 3 -> 18/20.
EXAMPLE_ABCED: dict[OrderingRule, tuple[float, float]] = {
    "all_or_nothing": (0, 1),
    "absolute_position": (3, 5),
    "relative_next_exclude_last": (2, 4),
    "relative_next_include_last": (2, 5),
    "relative_one_previous_and_next": (5, 10),
    "relative_all_previous_and_next": (18, 20),
    "longest_ordered_subset": (4, 5),
    "longest_contiguous_subset": (4, 5),
    "relative_to_correct_position": (18, 20),
}


@pytest.mark.parametrize("rule", ORDERING_RULES)
def test_each_rule_agrees_with_the_hand_worked_examples(rule: OrderingRule) -> None:
    assert score_ordering((2, 0, 1, 4, 3), rule) == EXAMPLE_CABED[rule]
    assert score_ordering((0, 1, 2, 4, 3), rule) == EXAMPLE_ABCED[rule]


def test_a_single_item_is_never_out_of_order() -> None:
    assert all(score_ordering((0,), rule) == (1.0, 1.0) for rule in ORDERING_RULES)


@pytest.mark.parametrize("order", [(0, 1, 1), (0, 2), (1, 2, 3), ()])
def test_an_order_that_is_not_a_permutation_is_refused(order: tuple[int, ...]) -> None:
    question = ordering("ABC")
    with pytest.raises(ValueError, match="each item index"):
        grade(question, OrderingResponse(order))


def test_an_unknown_rule_is_refused() -> None:
    with pytest.raises(ValueError, match="not an ordering rule"):
        score_ordering((1, 0), "kendall")  # type: ignore[arg-type]


# Grades and feedback --------------------------------------------------------------------------


def test_untouched_ordering_scores_zero() -> None:
    result = grade(ordering(), OrderingResponse((0, 1, 2, 4, 3), moved=False))
    assert (result.score, result.points, result.untouched) == (0.0, 0.0, True)
    assert "did not move anything" in result.summary
    assert len(result.marks) == 5


def test_a_moved_list_earns_the_share_of_right_pairs() -> None:
    result = grade(ordering(), OrderingResponse((2, 0, 1, 4, 3)))
    assert (result.score, result.points, result.out_of) == (0.7, 14.0, 20.0)
    assert not result.untouched
    assert result.summary == "7 of 10 pairs of items are in the right order."


def test_marks_follow_the_learners_order_and_say_what_to_fix() -> None:
    result = grade(ordering(), OrderingResponse((2, 0, 1, 4, 3)))
    assert [(m.label, m.correct) for m in result.marks] == [
        ("C", False), ("A", False), ("B", False), ("E", False), ("D", False)]
    notes = {m.label: m.note for m in result.marks}
    assert notes["C"] == "Should come after B."
    assert notes["A"] == "Should come before C."
    assert notes["E"] == "Should come after D."
    assert notes["D"] == "Should come before E."
    assert result.marks[0].expected == "position 3"


def test_items_in_their_slots_are_marked_right_without_a_note() -> None:
    result = grade(ordering(), OrderingResponse((0, 1, 2, 4, 3)))
    assert [m.correct for m in result.marks] == [True, True, True, False, False]
    assert [m.note for m in result.marks[:3]] == ["", "", ""]


def test_the_key_is_praised_as_right() -> None:
    result = grade(ordering(), OrderingResponse((0, 1, 2, 3, 4)))
    assert result.score == 1.0
    assert result.summary.startswith("Right")
    assert all(mark.correct for mark in result.marks)


def test_the_question_scoring_rule_is_used() -> None:
    result = grade(ordering(scoring="absolute_position"), OrderingResponse((0, 1, 2, 4, 3)))
    assert (result.points, result.out_of) == (3.0, 5.0)
    assert "3 of 5 items" in result.summary


def test_an_ordering_rule_given_to_grade_overrides_the_questions_scoring() -> None:
    result = grade(ordering(), OrderingResponse((0, 1, 2, 4, 3)), ordering_rule="all_or_nothing")
    assert (result.score, result.out_of) == (0.0, 1.0)
    assert "only for a fully right order" in result.summary


@pytest.mark.parametrize("rule", ORDERING_RULES)
def test_every_rule_has_a_summary(rule: OrderingRule) -> None:
    result = grade(ordering(scoring=rule), OrderingResponse((2, 0, 1, 4, 3)))
    assert result.summary and result.summary[-1] == "."
    assert result.score == pytest.approx(EXAMPLE_CABED[rule][0] / EXAMPLE_CABED[rule][1])


# The entry point and the spaced-review rating ---------------------------------------------------


def test_a_response_of_the_wrong_kind_is_a_type_error() -> None:
    date = DateQuestion(id="q-date", prompt="When?", explanation="", difficulty=1, sources=(),
                        basis=(), answer=PartialDate(1953))
    with pytest.raises(TypeError, match=r"q-order.*ordering question.*MatchingResponse"):
        grade(ordering(), MatchingResponse(("x",)))
    with pytest.raises(TypeError, match="date question"):
        grade(date, OrderingResponse((0,)))
    matching = MatchingQuestion(id="q-m", prompt="Match.", explanation="", difficulty=1,
                                sources=(), basis=(), pairs=())
    with pytest.raises(TypeError, match="matching question"):
        grade(matching, DateResponse(None))


@pytest.mark.parametrize(("score", "rating"), [
    (1.0, "good"), (0.99, "hard"), (0.5, "hard"), (0.49, "again"), (0.25, "again"), (0.0, "again"),
])
def test_scores_map_to_spaced_review_ratings(score: float, rating: str) -> None:
    assert rating_for_score(score) == rating


@FEW
@given(score=st.floats(0.0, 0.4999999))
def test_a_failure_is_never_rated_hard(score: float) -> None:
    assert rating_for_score(score) == "again"


@pytest.mark.parametrize("score", [-0.1, 1.5, math.nan])
def test_a_score_outside_zero_to_one_has_no_rating(score: float) -> None:
    with pytest.raises(ValueError, match="between 0 and 1"):
        rating_for_score(score)
