"""Dates: compared at the question's precision, credit in tiers, sourced values accepted."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gensec_quiz.domain.dates import PartialDate, Precision
from gensec_quiz.domain.grading import describe_slip, grade
from gensec_quiz.domain.questions import AcceptedDate, DateQuestion, DateResponse, Tolerance
from gensec_quiz.domain.records import SourceId, SourceRef

# GRADING.md's example tiers at year precision: exact 1, one year off 0.5, two years off 0.25.
YEAR_TIERS = Tolerance(full=0, partial=((1, 0.5), (2, 0.25)))


def ref(source: str) -> SourceRef:
    return SourceRef(SourceId(source), "quoted words")


def question(answer: str, precision: Precision = "year", *, tolerance: Tolerance = YEAR_TIERS,
             accept: tuple[AcceptedDate, ...] = (), choices: tuple[str, ...] = (),
             sources: tuple[str, ...] = ("britannica",)) -> DateQuestion:
    return DateQuestion(
        id="q-date", prompt="When?", explanation="", difficulty=2,
        sources=tuple(ref(s) for s in sources), basis=(), answer=PartialDate.parse(answer),
        precision=precision, accept=accept, tolerance=tolerance,
        choices=tuple(PartialDate.parse(c) for c in choices),
    )


def answer(q: DateQuestion, text: str | None) -> tuple[float, str, str]:
    result = grade(q, DateResponse(None if text is None else PartialDate.parse(text)))
    return (result.score, result.slip, result.summary)


@pytest.mark.parametrize(("given_year", "score", "slip"), [
    ("1953", 1.0, ""),
    ("1952", 0.5, "1 year off"),
    ("1955", 0.25, "2 years off"),
    ("1951", 0.25, "2 years off"),
    ("1956", 0.0, "3 years off"),
])
def test_year_credit_fades_in_the_tiers_of_the_tolerance(
    given_year: str, score: float, slip: str
) -> None:
    got_score, got_slip, _ = answer(question("1953"), given_year)
    assert (got_score, got_slip) == (score, slip)


def test_the_summary_says_what_was_answered_and_what_was_right() -> None:
    _, _, summary = answer(question("1953"), "1955")
    assert summary == "Not quite: you answered 1955 (2 years off); the answer is 1953."
    _, _, summary = answer(question("1953"), "1960")
    assert summary.startswith("Wrong: you answered 1960 (7 years off)")


def test_a_finer_response_is_truncated_to_the_questions_precision() -> None:
    assert answer(question("1953"), "1953-03-05")[0] == 1.0
    assert answer(question("1953-03", "month"), "1953-03-27")[0] == 1.0


def test_a_coarser_response_earns_nothing_and_says_why() -> None:
    score, slip, summary = answer(question("1953-09", "month"), "1953")
    assert (score, slip) == (0.0, "not precise enough")
    assert "asks for the month and the year" in summary and "gives only the year" in summary
    score, _, summary = answer(question("1953-09-07", "day"), "1953-09")
    assert score == 0.0 and "asks for the day, the month and the year" in summary


def test_an_empty_date_is_untouched_and_scores_zero() -> None:
    result = grade(question("1953"), DateResponse(None))
    assert (result.score, result.untouched) == (0.0, True)
    assert result.summary == "No answer given; the answer is 1953."


def test_day_precision_counts_distance_in_days() -> None:
    q = question("1953-09-07", "day", tolerance=Tolerance(0, ((3, 0.5), (10, 0.2))))
    assert answer(q, "1953-09-10")[:2] == (0.5, "right month, wrong day; 3 days off")
    assert answer(q, "1953-09-17")[:2] == (0.2, "right month, wrong day; 10 days off")
    assert answer(q, "1953-09-18")[0] == 0.0


def test_month_precision_counts_distance_in_months() -> None:
    q = question("1953-09", "month", tolerance=Tolerance(0, ((2, 0.5),)))
    assert answer(q, "1953-11")[:2] == (0.5, "right year, wrong month; 2 months off")
    assert answer(q, "1952-09")[:2] == (0.0, "right month, wrong year; 1 year off")
    assert answer(q, "1954-11")[1] == "1 year and 2 months off"
    assert answer(q, "1953-02")[1] == "right year, wrong month; 7 months off"
    assert answer(q, "1954-03")[1] == "6 months off"


def test_a_tolerance_with_a_full_band_calls_a_near_answer_close_enough() -> None:
    score, _, summary = answer(question("1953", tolerance=Tolerance(full=1)), "1954")
    assert score == 1.0 and summary.startswith("Close enough")


# Every kind of slip ---------------------------------------------------------------------------

@pytest.mark.parametrize(("given_date", "expected"), [
    ("1953-07-09", "day and month swapped"),
    ("1952-07-09", "day and month swapped; 1 year off"),
    ("1955-09-07", "right month and day, wrong year; 2 years off"),
    ("1953-10-07", "right year, wrong month; 30 days off"),
    ("1953-09-04", "right month, wrong day; 3 days off"),
    ("1953-08-31", "right year, wrong month; 7 days off"),
    ("1954-08-31", "about 1 year off"),
    ("1952-12-30", "about 8 months off"),
    ("1953-12-31", "right year, wrong month; about 4 months off"),
])
def test_the_slip_says_how_far_off_and_what_kind(given_date: str, expected: str) -> None:
    assert describe_slip(PartialDate.parse(given_date), PartialDate(1953, 9, 7), "day") == expected


def test_day_and_month_equal_is_not_a_swap() -> None:
    slip = describe_slip(PartialDate(1953, 5, 5), PartialDate(1953, 5, 6), "day")
    assert slip == "right month, wrong day; 1 day off"


def test_the_graded_slip_and_mark_note_agree() -> None:
    result = grade(question("1953-09-07", "day"), DateResponse(PartialDate(1953, 7, 9)))
    assert result.slip == "day and month swapped"
    assert result.marks[0].note == result.slip
    assert result.marks[0].expected == "7 September 1953"
    assert not result.marks[0].correct


# Values that other sources give -----------------------------------------------------------------

def disputed(*, tolerance: Tolerance = YEAR_TIERS) -> DateQuestion:
    # The preferred answer is 1953 (Britannica); Wikipedia and the BBC say 1952, the Times 1950.
    return question("1953", tolerance=tolerance, accept=(
        AcceptedDate(PartialDate(1952), (ref("wikipedia"), ref("bbc"))),
        AcceptedDate(PartialDate(1950), (ref("times"),)),
    ))


def test_an_accepted_value_earns_full_credit_and_names_both_sources() -> None:
    result = grade(disputed(), DateResponse(PartialDate(1952)))
    assert result.score == 1.0
    assert result.accepted_sources == ("wikipedia", "bbc")
    assert result.summary == (
        "Accepted: 1952 is the date that wikipedia, bbc gives; britannica gives 1953.")
    assert result.marks[0].correct and "wikipedia" in result.marks[0].note


def test_an_accepted_value_is_compared_at_the_questions_precision() -> None:
    q = question("1953", accept=(AcceptedDate(PartialDate(1950, 4), (ref("times"),)),))
    assert grade(q, DateResponse(PartialDate(1950))).accepted_sources == ("times",)


def test_a_near_miss_earns_the_best_tier_of_any_sourced_value() -> None:
    # 1949 is four years from 1953 (nothing) but one year from the Times' 1950 (half).
    result = grade(disputed(), DateResponse(PartialDate(1949)))
    assert result.score == 0.5
    assert result.slip == "1 year off"
    assert "close to 1950, the date that times gives" in result.summary
    assert result.accepted_sources == ()


def test_the_preferred_answer_wins_a_tie_between_sourced_values() -> None:
    # 1952 is one year from the preferred 1953 and one year from the BBC's 1951.
    q = question("1953", accept=(AcceptedDate(PartialDate(1951), (ref("bbc"),)),))
    result = grade(q, DateResponse(PartialDate(1952)))
    assert (result.score, result.slip) == (0.5, "1 year off")
    assert "close to" not in result.summary


def test_a_wrong_answer_is_described_against_the_preferred_answer() -> None:
    result = grade(disputed(), DateResponse(PartialDate(1940)))
    assert (result.score, result.slip) == (0.0, "13 years off")


def test_without_sources_of_its_own_the_accepted_summary_names_the_preferred_answer() -> None:
    q = question("1953", sources=(), accept=(AcceptedDate(PartialDate(1952), (ref("bbc"),)),))
    summary = grade(q, DateResponse(PartialDate(1952))).summary
    assert summary == "Accepted: 1952 is the date that bbc gives; the preferred answer is 1953."


# The multiple-choice form -------------------------------------------------------------------------

def test_the_multiple_choice_form_is_graded_from_the_chosen_date() -> None:
    q = question("1953", choices=("1950", "1952", "1953", "1956"))
    assert answer(q, "1953")[0] == 1.0
    assert answer(q, "1952")[:2] == (0.5, "1 year off")
    assert answer(q, "1956")[:2] == (0.0, "3 years off")


def test_a_question_finer_than_its_answer_is_asked_at_the_answers_precision() -> None:
    assert answer(question("1953", "day"), "1953")[0] == 1.0


@settings(max_examples=80, deadline=None)
@given(year=st.integers(1900, 2000), month=st.integers(1, 12), day=st.integers(1, 28),
       precision=st.sampled_from(["year", "month", "day"]))
def test_date_scores_lie_between_zero_and_one_and_exact_means_one(
    year: int, month: int, day: int, precision: Precision
) -> None:
    q = question("1953-09-07", precision, tolerance=Tolerance(0, ((1, 0.5), (40, 0.1))),
                 accept=(AcceptedDate(PartialDate(1952, 3, 1), (ref("bbc"),)),))
    result = grade(q, DateResponse(PartialDate(year, month, day)))
    assert 0.0 <= result.score <= 1.0
    given_date = PartialDate(year, month, day).truncate(precision)
    # Only an exact or accepted value earns 1 here (the tolerance has no full band), no slip.
    assert (result.slip == "") == (result.score == 1.0)
    if given_date == q.answer.truncate(precision):
        assert result.summary.startswith("Right")
    assert (result.accepted_sources != ()) == (
        result.score == 1.0 and given_date != q.answer.truncate(precision))
