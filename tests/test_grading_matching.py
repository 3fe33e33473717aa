"""Matching: each pair counts equally, each right-hand choice is used once."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gensec_quiz.domain.grading import grade
from gensec_quiz.domain.questions import (
    MatchingPair,
    MatchingQuestion,
    MatchingResponse,
    MatchingRule,
)

PAIRS = (("Stalin", "1922"), ("Khrushchev", "1953"), ("Brezhnev", "1964"))


def matching(pairs: tuple[tuple[str, str], ...] = PAIRS, *, extra: tuple[str, ...] = (),
             scoring: MatchingRule = "per_pair") -> MatchingQuestion:
    return MatchingQuestion(
        id="q-match", prompt="Who took office when?", explanation="", difficulty=2,
        sources=(), basis=(), pairs=tuple(MatchingPair(left, right, ()) for left, right in pairs),
        extra_right=extra, scoring=scoring,
    )


def test_every_pair_right_scores_one() -> None:
    result = grade(matching(), MatchingResponse(("1922", "1953", "1964")))
    assert (result.score, result.points, result.out_of) == (1.0, 3.0, 3.0)
    assert result.summary == "Right: every pair matches."
    assert all(mark.correct for mark in result.marks)


def test_each_pair_counts_equally() -> None:
    result = grade(matching(), MatchingResponse(("1922", "1964", "1953")))
    assert (result.points, result.out_of) == (1.0, 3.0)
    assert result.score == pytest.approx(1 / 3)
    assert result.summary == "1 of 3 pairs are right."


def test_marks_name_each_left_item_with_the_expected_right_text() -> None:
    result = grade(matching(), MatchingResponse(("1922", "1964", None)))
    assert [(m.label, m.correct, m.expected) for m in result.marks] == [
        ("Stalin", True, "1922"), ("Khrushchev", False, "1953"), ("Brezhnev", False, "1964")]
    assert result.marks[1].note == "You chose 1964."
    assert result.marks[2].note == "No answer."


def test_a_pair_left_empty_earns_nothing_but_the_rest_still_count() -> None:
    result = grade(matching(), MatchingResponse(("1922", None, "1964")))
    assert (result.points, result.out_of, result.untouched) == (2.0, 3.0, False)


def test_an_empty_matching_scores_zero_and_is_untouched() -> None:
    result = grade(matching(), MatchingResponse((None, None, None)))
    assert (result.score, result.untouched) == (0.0, True)
    assert "No answer" in result.summary


def test_a_distractor_costs_nothing_by_itself() -> None:
    question = matching(extra=("1985", "1982"))
    assert grade(question, MatchingResponse(("1922", "1953", "1964"))).score == 1.0
    result = grade(question, MatchingResponse(("1922", "1953", "1982")))
    assert (result.points, result.out_of) == (2.0, 3.0)
    assert result.marks[2].note == "You chose 1982."


def test_a_choice_used_twice_counts_only_for_its_first_use() -> None:
    # "1922" is given to Stalin (right) and again to Brezhnev: the second use cannot count.
    result = grade(matching(), MatchingResponse(("1922", "1953", "1922")))
    assert [m.correct for m in result.marks] == [True, True, False]
    assert result.marks[2].note == (
        "1922 was already used for Stalin; each choice can be used once.")


def test_a_reused_choice_does_not_count_even_where_it_would_be_right() -> None:
    # The first use (for Stalin) is wrong and takes the choice; Khrushchev's right use is a clash.
    result = grade(matching(), MatchingResponse(("1953", "1953", "1964")))
    assert [m.correct for m in result.marks] == [False, False, True]
    assert "already used for Stalin" in result.marks[1].note


def test_a_right_text_offered_twice_can_be_used_twice() -> None:
    pairs = (("Andropov", "1982"), ("Brezhnev's death", "1982"), ("Gorbachev", "1985"))
    result = grade(matching(pairs), MatchingResponse(("1982", "1982", "1985")))
    assert result.score == 1.0


def test_a_choice_that_was_never_offered_is_wrong() -> None:
    result = grade(matching(), MatchingResponse(("1917", "1953", "1964")))
    assert result.marks[0].note == "1917 is not one of the choices."
    assert result.points == 2.0


def test_all_or_nothing_matching_gives_credit_only_when_every_pair_is_right() -> None:
    question = matching(scoring="all_or_nothing")
    nearly = grade(question, MatchingResponse(("1922", "1953", None)))
    assert (nearly.score, nearly.points, nearly.out_of) == (0.0, 0.0, 1.0)
    assert "only when every pair is right" in nearly.summary
    assert grade(question, MatchingResponse(("1922", "1953", "1964"))).score == 1.0


def test_a_matching_rule_given_to_grade_overrides_the_questions_scoring() -> None:
    response = MatchingResponse(("1922", "1953", "1953"))
    assert grade(matching(), response).score == pytest.approx(2 / 3)
    assert grade(matching(), response, matching_rule="all_or_nothing").score == 0.0


def test_a_response_with_the_wrong_number_of_choices_is_refused() -> None:
    with pytest.raises(ValueError, match="needs 3 choices, got 2"):
        grade(matching(), MatchingResponse(("1922", "1953")))


CHOICES = st.sampled_from(["1922", "1953", "1964", "1985", None])


@settings(max_examples=80, deadline=None)
@given(choices=st.tuples(CHOICES, CHOICES, CHOICES))
def test_the_score_is_right_pairs_over_all_pairs(choices: tuple[str | None, ...]) -> None:
    result = grade(matching(extra=("1985",)), MatchingResponse(choices))
    assert 0.0 <= result.score <= 1.0
    assert result.points == sum(mark.correct for mark in result.marks)
    # No choice is credited more often than it is offered.
    credited = [c for c, m in zip(choices, result.marks, strict=True) if m.correct]
    assert len(credited) == len(set(credited))
