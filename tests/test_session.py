"""The quiz session played to the end without a window, in every mode, with a fake clock."""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gensec_quiz.domain.dates import PartialDate
from gensec_quiz.domain.errors import InputError
from gensec_quiz.domain.questions import (
    DateQuestion,
    DateResponse,
    MatchingPair,
    MatchingQuestion,
    MatchingResponse,
    OrderingItem,
    OrderingQuestion,
    OrderingResponse,
    Question,
    Response,
    Tolerance,
)
from gensec_quiz.domain.session import (
    Answer,
    Mode,
    Phase,
    QuizSession,
    SessionError,
    TimeUpError,
    grade_answer,
    response_from_dict,
    response_to_dict,
)

START = datetime(2024, 5, 1, 9, 0, tzinfo=UTC)


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now

    def tick(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


def ordering(qid: str, texts: str) -> OrderingQuestion:
    return OrderingQuestion(id=qid, prompt="Order them.", explanation="", difficulty=2,
                            sources=(), basis=(), items=tuple(OrderingItem(t, ()) for t in texts))


def matching(qid: str) -> MatchingQuestion:
    pairs = (("Stalin", "1922"), ("Khrushchev", "1953"), ("Brezhnev", "1964"))
    return MatchingQuestion(id=qid, prompt="Match.", explanation="", difficulty=2, sources=(),
                            basis=(), pairs=tuple(MatchingPair(a, b, ()) for a, b in pairs),
                            extra_right=("1985",))


def dating(qid: str) -> DateQuestion:
    return DateQuestion(id=qid, prompt="When?", explanation="", difficulty=1, sources=(),
                        basis=(), answer=PartialDate(1953),
                        tolerance=Tolerance(0, ((1, 0.5),)))


def quiz() -> list[Question]:
    return [ordering("o1", "ABCD"), matching("m1"), dating("d1"), ordering("o2", "XY")]


RIGHT: dict[str, Response] = {
    "o1": OrderingResponse((0, 1, 2, 3)),
    "m1": MatchingResponse(("1922", "1953", "1964")),
    "d1": DateResponse(PartialDate(1953)),
    "o2": OrderingResponse((0, 1)),
}
HALF_DATE = DateResponse(PartialDate(1952))


def session(mode: Mode, *, seed: int = 7, clock: FakeClock | None = None,
            **options: object) -> QuizSession:
    return QuizSession(quiz(), mode=mode, clock=clock or FakeClock(), rng=random.Random(seed),
                       **options)  # type: ignore[arg-type]


def phase_of(quiz_session: QuizSession) -> Phase:
    """The phase, read afresh (mypy would otherwise keep the phase it saw last)."""
    return quiz_session.phase


# Playing whole sessions -----------------------------------------------------------------------


def test_a_practice_session_shows_feedback_after_each_answer_and_times_it() -> None:
    clock = FakeClock()
    quiz_session = session(Mode.PRACTICE, clock=clock)
    seen: list[tuple[str, float, float]] = []
    while phase_of(quiz_session) is Phase.ANSWERING:
        question = quiz_session.current
        assert quiz_session.index == len(seen)
        assert not quiz_session.feedback_visible()
        clock.tick(10 + quiz_session.index)
        response = HALF_DATE if question.id == "d1" else RIGHT[question.id]
        answer = quiz_session.submit(response)
        assert phase_of(quiz_session) is Phase.FEEDBACK and quiz_session.feedback_visible()
        assert quiz_session.last_answer == answer
        seen.append((answer.question_id, answer.seconds, answer.grade.score))
        clock.tick(30)  # reading the feedback is not part of the next answer's time
        quiz_session.advance()
    assert seen == [("o1", 10.0, 1.0), ("m1", 11.0, 1.0), ("d1", 12.0, 0.5), ("o2", 13.0, 1.0)]
    assert quiz_session.phase is Phase.FINISHED and quiz_session.index == 4
    summary = quiz_session.summary()
    assert (summary.score, summary.answered, summary.total) == (3.5 / 4, 4, 4)
    assert summary.by_type == {"ordering": 1.0, "matching": 1.0, "date": 0.5}
    assert summary.missed == ("d1",)
    assert [q.id for q in quiz_session.missed_questions()] == ["d1"]


def test_answers_record_the_utc_time_they_were_given() -> None:
    clock = FakeClock()
    quiz_session = session(Mode.PRACTICE, clock=clock)
    clock.tick(5)
    answer = quiz_session.submit(RIGHT["o1"])
    assert answer.answered_at == START + timedelta(seconds=5)
    assert (answer.question_id, answer.question_type) == ("o1", "ordering")


def test_a_review_session_runs_like_practice() -> None:
    quiz_session = session(Mode.REVIEW)
    quiz_session.submit(RIGHT["o1"])
    assert quiz_session.phase is Phase.FEEDBACK
    quiz_session.advance()
    assert quiz_session.current.id == "m1"


def test_an_exam_hides_feedback_until_submit_all() -> None:
    quiz_session = session(Mode.EXAM)
    for question in quiz():
        assert quiz_session.current.id == question.id
        quiz_session.submit(RIGHT[question.id])
        assert not quiz_session.feedback_visible()
    assert quiz_session.phase is Phase.SUMMARY  # every answer in: the summary page, not the end
    quiz_session.submit_all()
    assert quiz_session.phase is Phase.FINISHED and quiz_session.feedback_visible()
    assert quiz_session.summary().score == 1.0


def test_an_exam_with_all_or_nothing_gives_no_partial_credit() -> None:
    nearly_ordered = OrderingResponse((0, 1, 3, 2))
    nearly_matched = MatchingResponse(("1922", "1953", "1985"))
    strict = session(Mode.EXAM, all_or_nothing=True)
    assert strict.submit(nearly_ordered).grade.score == 0.0
    assert strict.submit(nearly_matched).grade.score == 0.0
    fair = session(Mode.EXAM)
    assert fair.submit(nearly_ordered).grade.score == pytest.approx(5 / 6)
    assert fair.submit(nearly_matched).grade.score == pytest.approx(2 / 3)


def test_an_exam_refuses_answers_once_the_time_is_up() -> None:
    clock = FakeClock()
    exam = session(Mode.EXAM, clock=clock, time_limit=timedelta(minutes=2))
    assert exam.time_left() == timedelta(minutes=2)
    clock.tick(50)
    exam.submit(RIGHT["o1"])
    clock.tick(60)
    exam.submit(RIGHT["m1"])
    assert exam.time_left() == timedelta(seconds=10)
    clock.tick(15)
    assert exam.time_left() == timedelta(0)
    with pytest.raises(TimeUpError, match="time is up"):
        exam.submit(RIGHT["d1"])
    assert exam.phase is Phase.FINISHED
    summary = exam.summary()
    assert (summary.score, summary.answered, summary.total) == (0.5, 2, 4)
    assert summary.missed == ("d1", "o2")
    assert summary.by_type == {"ordering": 0.5, "matching": 1.0, "date": 0.0}


def test_checking_the_time_finishes_a_session_whose_time_is_up() -> None:
    clock = FakeClock()
    exam = session(Mode.EXAM, clock=clock, time_limit=timedelta(seconds=30))
    assert not exam.check_time()
    clock.tick(31)
    assert exam.check_time()
    assert exam.phase is Phase.FINISHED


def test_a_session_without_a_time_limit_has_no_time_left() -> None:
    assert session(Mode.PRACTICE).time_left() is None


def test_finishing_early_counts_unanswered_questions_as_zero() -> None:
    quiz_session = session(Mode.PRACTICE)
    quiz_session.submit(RIGHT["o1"])
    assert quiz_session.summary().score == 1.0  # so far: one answer, right
    quiz_session.finish()
    summary = quiz_session.summary()
    assert (summary.score, summary.missed) == (0.25, ("m1", "d1", "o2"))


# Resuming after a crash -----------------------------------------------------------------------


def _answers_so_far(count: int) -> list[Answer]:
    clock = FakeClock()
    first = session(Mode.PRACTICE, clock=clock)
    for question in quiz()[:count]:
        clock.tick(20)
        first.submit(RIGHT[question.id])
        first.advance()
    return list(first.answers)


def test_previous_answers_resume_the_session_at_the_next_unanswered_question() -> None:
    previous = _answers_so_far(2)
    resumed = session(Mode.PRACTICE, previous=previous)
    assert (resumed.current.id, resumed.index, resumed.phase) == ("d1", 2, Phase.ANSWERING)
    assert resumed.answers == tuple(previous)
    resumed.submit(RIGHT["d1"])
    resumed.advance()
    resumed.submit(RIGHT["o2"])
    resumed.advance()
    assert resumed.summary().score == 1.0


def test_a_resumed_session_shows_the_same_shuffles() -> None:
    fresh = session(Mode.PRACTICE, seed=3)
    fresh.submit(RIGHT["o1"])
    fresh.advance()
    resumed = session(Mode.PRACTICE, seed=3, previous=_answers_so_far(1))
    assert resumed.matching_display() == fresh.matching_display()


def test_a_resumed_exam_has_already_used_the_time_of_its_answers() -> None:
    resumed = session(Mode.EXAM, time_limit=timedelta(minutes=1), previous=_answers_so_far(2))
    assert resumed.time_left() == timedelta(seconds=20)


def test_a_session_resumed_with_every_answer_is_finished() -> None:
    resumed = session(Mode.PRACTICE, previous=_answers_so_far(4))
    assert resumed.phase is Phase.FINISHED and resumed.summary().score == 1.0


def test_rebuilt_answers_grade_the_stored_response_again() -> None:
    answer = grade_answer(dating("d1"), HALF_DATE, seconds=4.0, answered_at=START)
    assert (answer.grade.score, answer.seconds, answer.question_type) == (0.5, 4.0, "date")


def test_previous_answers_must_belong_to_the_session() -> None:
    stray = grade_answer(dating("elsewhere"), HALF_DATE, seconds=1, answered_at=START)
    with pytest.raises(ValueError, match="'elsewhere', which is not in this session"):
        session(Mode.PRACTICE, previous=[stray])
    twice = _answers_so_far(1) * 2
    with pytest.raises(ValueError, match="two previous answers"):
        session(Mode.PRACTICE, previous=twice)


# Displays -------------------------------------------------------------------------------------


def test_the_same_seed_gives_the_same_displays() -> None:
    def displays(seed: int) -> tuple[object, ...]:
        quiz_session = session(Mode.EXAM, seed=seed)
        ordering_display = quiz_session.ordering_display()
        quiz_session.submit(RIGHT["o1"])
        return (ordering_display, quiz_session.matching_display())

    assert displays(11) == displays(11)
    assert len({displays(seed) for seed in range(12)}) > 1


def test_a_display_is_drawn_once_per_question() -> None:
    quiz_session = session(Mode.PRACTICE)
    assert quiz_session.ordering_display() == quiz_session.ordering_display()


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 2**32))
def test_the_ordering_display_is_never_the_key_order(seed: int) -> None:
    two = QuizSession([ordering("o2", "XY")], mode=Mode.PRACTICE, clock=FakeClock(),
                      rng=random.Random(seed))
    assert two.ordering_display() == (1, 0)
    four = QuizSession([ordering("o1", "ABCD")], mode=Mode.PRACTICE, clock=FakeClock(),
                       rng=random.Random(seed))
    display = four.ordering_display()
    assert sorted(display) == [0, 1, 2, 3] and display != (0, 1, 2, 3)


def test_the_matching_display_holds_every_choice_including_distractors() -> None:
    quiz_session = session(Mode.EXAM)
    quiz_session.submit(RIGHT["o1"])
    display = quiz_session.matching_display()
    assert sorted(display) == ["1922", "1953", "1964", "1985"]
    assert display != ("1922", "1953", "1964", "1985")


def test_an_ordering_submitted_as_shown_counts_as_untouched() -> None:
    quiz_session = session(Mode.PRACTICE)
    shown = quiz_session.ordering_display()
    answer = quiz_session.submit(OrderingResponse(shown, moved=True))
    assert (answer.grade.score, answer.grade.untouched) == (0.0, True)
    assert answer.response == OrderingResponse(shown, moved=False)


def test_a_display_of_the_wrong_kind_is_refused() -> None:
    with pytest.raises(SessionError, match="not a matching question"):
        session(Mode.PRACTICE).matching_display()


# Steps out of turn ----------------------------------------------------------------------------


def test_submitting_during_feedback_is_refused() -> None:
    quiz_session = session(Mode.PRACTICE)
    quiz_session.submit(RIGHT["o1"])
    with pytest.raises(SessionError, match="during feedback: call advance"):
        quiz_session.submit(RIGHT["m1"])


def test_advancing_while_answering_is_refused() -> None:
    with pytest.raises(SessionError, match="cannot advance during answering"):
        session(Mode.PRACTICE).advance()


def test_a_finished_session_takes_no_answers_and_has_no_current_question() -> None:
    quiz_session = session(Mode.PRACTICE)
    quiz_session.finish()
    with pytest.raises(SessionError, match="during finished"):
        quiz_session.submit(RIGHT["o1"])
    with pytest.raises(SessionError, match="no current question"):
        _ = quiz_session.current


def test_a_response_of_the_wrong_kind_leaves_the_session_unchanged() -> None:
    quiz_session = session(Mode.PRACTICE)
    with pytest.raises(TypeError):
        quiz_session.submit(HALF_DATE)
    assert (quiz_session.phase, quiz_session.answers) == (Phase.ANSWERING, ())


@pytest.mark.parametrize(("questions", "options", "message"), [
    ([], {}, "at least one question"),
    ([dating("d1"), dating("d1")], {}, "ids repeat"),
    ([dating("d1")], {"time_limit": timedelta(0)}, "must be positive"),
])
def test_a_session_that_cannot_run_is_refused(
    questions: list[Question], options: dict[str, object], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        QuizSession(questions, mode=Mode.EXAM, clock=FakeClock(), rng=random.Random(0),
                    **options)  # type: ignore[arg-type]


# Responses as JSON ----------------------------------------------------------------------------

DATES = st.builds(
    lambda y, m, d, precision: PartialDate(y, *((m, d)[:precision])),
    st.integers(1, 9999), st.integers(1, 12), st.integers(1, 28), st.integers(0, 2),
)
RESPONSES = st.one_of(
    st.integers(0, 8).flatmap(lambda n: st.permutations(list(range(n)))).flatmap(
        lambda order: st.builds(OrderingResponse, st.just(tuple(order)), st.booleans())),
    st.builds(MatchingResponse, st.lists(st.none() | st.text(max_size=12), max_size=6)
              .map(tuple)),
    st.builds(DateResponse, st.none() | DATES),
)


@settings(max_examples=80, deadline=None)
@given(response=RESPONSES)
def test_responses_round_trip_through_json_exactly(response: Response) -> None:
    data = json.loads(json.dumps(response_to_dict(response)))
    assert response_from_dict(data) == response


def test_dates_are_stored_as_iso_text() -> None:
    assert response_to_dict(DateResponse(PartialDate(1953, 9))) == {"type": "date",
                                                                    "value": "1953-09"}


@pytest.mark.parametrize(("data", "where"), [
    ([], "response: a response must be a JSON object"),
    ({"type": "essay"}, "response.type: 'essay' is not a response type"),
    ({"type": "ordering", "order": [0, 0], "moved": "yes"}, "response.order: must list each"),
    ({"type": "ordering", "order": [0, 0], "moved": "yes"}, "response.moved: must be true"),
    ({"type": "ordering", "order": "01"}, "response.order: must be a list"),
    ({"type": "matching", "choices": ["a", 3]}, "response.choices[1]: must be a text or null"),
    ({"type": "matching"}, "response.choices: must be a list"),
    ({"type": "date", "value": "1953-13"}, "response.value: month 13 does not exist"),
    ({"type": "date", "value": 1953}, "response.value: must be an ISO date"),
])
def test_a_damaged_response_names_every_problem_and_its_place(data: object, where: str) -> None:
    with pytest.raises(InputError) as caught:
        response_from_dict(data)
    assert where in str(caught.value)


# Navigating an exam ---------------------------------------------------------------------------


def _states(quiz_session: QuizSession) -> list[tuple[bool, bool, bool]]:
    """(answered, flagged, current) of each question."""
    return [(s.answered, s.flagged, s.current) for s in quiz_session.states()]


def test_an_exam_goes_back_skips_and_jumps_to_any_question() -> None:
    exam = session(Mode.EXAM)
    exam.skip()
    assert exam.current.id == "m1" and exam.answer_for("o1") is None
    exam.back()
    assert exam.current.id == "o1"
    exam.back()  # the first question has nothing before it
    assert exam.current.id == "o1"
    exam.go_to(3)
    assert (exam.current.id, exam.phase) == ("o2", Phase.ANSWERING)
    exam.skip()  # after the last question: the summary page
    assert exam.phase is Phase.SUMMARY
    with pytest.raises(SessionError, match="summary"):
        _ = exam.current
    exam.back()  # from the summary: the last question
    assert exam.current.id == "o2"


def test_an_exams_answer_can_change_until_submit_all_and_the_latest_counts() -> None:
    clock = FakeClock()
    exam = session(Mode.EXAM, clock=clock)
    first = exam.submit(RIGHT["o1"])
    exam.go_to(2)
    exam.submit(HALF_DATE)
    exam.go_to(0)
    clock.tick(5)
    changed = exam.submit(OrderingResponse((3, 2, 1, 0)))
    assert changed is not first and changed.grade.score < 1.0
    assert exam.answer_for("o1") is changed
    assert [a.question_id for a in exam.answers] == ["d1", "o1"]  # only the latest, once each
    exam.go_to(0)
    assert exam.submit(OrderingResponse((3, 2, 1, 0))) is changed  # the same again: no new one
    exam.go_to(2)
    exam.submit(RIGHT["d1"])
    exam.show_summary()
    exam.submit_all()
    summary = exam.summary()
    assert (summary.answered, summary.missed) == (2, ("o1", "m1", "o2"))
    assert summary.score == pytest.approx((changed.grade.score + 1.0) / 4)


def test_flags_and_answers_show_in_the_states_for_the_navigator() -> None:
    exam = session(Mode.EXAM)
    exam.submit(RIGHT["o1"])
    exam.set_flag(0, True)
    exam.set_flag(2, True)
    exam.set_flag(2, False)
    assert exam.is_flagged(0) and not exam.is_flagged(2)
    assert _states(exam) == [(True, True, False), (False, False, True), (False, False, False),
                             (False, False, False)]
    exam.show_summary()
    assert not any(current for _, _, current in _states(exam))


def test_practice_does_not_navigate() -> None:
    practice = session(Mode.PRACTICE)
    assert not practice.navigable and session(Mode.EXAM).navigable
    for step in (practice.skip, practice.back, practice.show_summary, practice.submit_all,
                 lambda: practice.go_to(1), lambda: practice.set_flag(0, True)):
        with pytest.raises(SessionError, match="only an exam navigates"):
            step()


def test_a_finished_exam_does_not_navigate_and_a_question_out_of_range_is_refused() -> None:
    exam = session(Mode.EXAM)
    with pytest.raises(SessionError, match="no question 5 of 4"):
        exam.go_to(4)
    exam.submit_all()
    assert not exam.navigable
    with pytest.raises(SessionError, match="has finished"):
        exam.go_to(0)


def test_the_time_limit_ends_an_exam_while_it_navigates() -> None:
    clock = FakeClock()
    exam = session(Mode.EXAM, clock=clock, time_limit=timedelta(minutes=1))
    exam.submit(RIGHT["o1"])
    exam.show_summary()
    clock.tick(61)
    exam.go_to(1)
    assert exam.phase is Phase.FINISHED and exam.summary().answered == 1


def test_an_exam_resumed_with_every_answer_shows_its_summary_not_its_end() -> None:
    resumed = session(Mode.EXAM, previous=_answers_so_far(4))
    assert resumed.phase is Phase.SUMMARY and resumed.navigable
    resumed.go_to(1)
    assert resumed.current.id == "m1"


def test_an_ordering_is_never_shown_in_its_key_order_its_reverse_or_one_swap_from_it() -> None:
    import random as _random

    from gensec_quiz.domain.session import gives_the_order_away, shown_order

    for size in (3, 4, 5, 6):
        for seed in range(300):
            order = shown_order(size, _random.Random(seed))
            assert sorted(order) == list(range(size))
            assert not gives_the_order_away(order), (size, seed, order)
    assert gives_the_order_away((0, 1, 3, 2)) and gives_the_order_away((3, 2, 1, 0))
    assert not gives_the_order_away((1, 0, 3, 2))  # two swaps: two moves from the key
    assert shown_order(2, _random.Random(1)) == (1, 0)
