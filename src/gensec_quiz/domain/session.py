"""The quiz session: a plain state machine the window drives and a test can play to the end.

ANSWERING --submit--> FEEDBACK --advance--> ANSWERING ... --> FINISHED   (practice, review)
ANSWERING --submit--> ANSWERING ... --> FINISHED, feedback shown only then   (exam)
"""

from __future__ import annotations

import enum
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from gensec_quiz.domain.grading import Grade, grade
from gensec_quiz.domain.questions import (
    MatchingQuestion,
    OrderingQuestion,
    OrderingResponse,
    Question,
    QuestionType,
    Response,
)
from gensec_quiz.domain.session_codec import response_from_dict, response_to_dict
from gensec_quiz.i18n import tr

__all__ = [
    "Answer",
    "Mode",
    "Phase",
    "QuizSession",
    "SessionError",
    "SessionSummary",
    "TimeUpError",
    "grade_answer",
    "response_from_dict",
    "response_to_dict",
]


class Mode(enum.StrEnum):
    PRACTICE = "practice"
    EXAM = "exam"
    REVIEW = "review"


class Phase(enum.StrEnum):
    ANSWERING = "answering"
    FEEDBACK = "feedback"
    FINISHED = "finished"


class SessionError(RuntimeError):
    """A step the session cannot take in its current phase (a programming error)."""


class TimeUpError(SessionError):
    """An answer submitted after the time limit; the session has finished."""


@dataclass(frozen=True, slots=True)
class Answer:
    """One graded answer; `seconds` from showing the question to submitting, `answered_at` UTC."""

    question_id: str
    question_type: QuestionType
    response: Response
    grade: Grade
    seconds: float
    answered_at: datetime


@dataclass(frozen=True, slots=True)
class SessionSummary:
    """Mean score (unanswered count 0 once finished), means by question type, missed ids."""

    score: float
    answered: int
    total: int
    by_type: dict[str, float]
    missed: tuple[str, ...]


def grade_answer(
    question: Question,
    response: Response,
    *,
    seconds: float,
    answered_at: datetime,
    all_or_nothing: bool = False,
) -> Answer:
    """Grade a response into an Answer (also how the app rebuilds answers saved before a crash)."""
    if all_or_nothing:
        graded = grade(question, response, ordering_rule="all_or_nothing",
                       matching_rule="all_or_nothing")
    else:
        graded = grade(question, response)
    return Answer(question.id, question.type, response, graded, seconds, answered_at)


def _display(question: Question, rng: random.Random) -> tuple[int, ...]:
    """A shuffle of the items (ordering) or choices (matching), never the key order."""
    if isinstance(question, OrderingQuestion):
        size = len(question.items)
    elif isinstance(question, MatchingQuestion):
        size = len(question.right_choices())
    else:
        return ()
    identity = list(range(size))
    shuffled = identity[:]
    rng.shuffle(shuffled)
    while size >= 2 and shuffled == identity:
        rng.shuffle(shuffled)
    return tuple(shuffled)


class QuizSession:
    """Questions asked in the given order; `clock` must return aware UTC datetimes."""

    def __init__(
        self,
        questions: Sequence[Question],
        *,
        mode: Mode,
        clock: Callable[[], datetime],
        rng: random.Random,
        all_or_nothing: bool = False,
        time_limit: timedelta | None = None,
        previous: Sequence[Answer] = (),
    ) -> None:
        self._questions = tuple(questions)
        self._check_questions(time_limit)
        self._mode = Mode(mode)
        self._clock = clock
        self._all_or_nothing = all_or_nothing
        self._time_limit = time_limit
        # Every display is drawn up front, so a resumed session shows the same shuffles.
        self._displays = tuple(_display(question, rng) for question in self._questions)
        self._answers: dict[str, Answer] = {}
        self._log: list[Answer] = []
        for answer in previous:
            self._add_previous(answer)
        # A resumed session has already used the time its earlier answers took.
        self._used_before = timedelta(seconds=sum(answer.seconds for answer in previous))
        self._started = self._shown_at = clock()
        self._phase = Phase.ANSWERING
        self._index = 0
        self._move_on(self._started)
        self.check_time()

    def _check_questions(self, time_limit: timedelta | None) -> None:
        if not self._questions:
            raise ValueError("a quiz session needs at least one question")
        ids = [question.id for question in self._questions]
        if len(set(ids)) != len(ids):
            raise ValueError(f"question ids repeat in the session: {ids}")
        if time_limit is not None and time_limit <= timedelta(0):
            raise ValueError(f"a time limit must be positive, got {time_limit}")
        self._position = {question_id: i for i, question_id in enumerate(ids)}

    def _add_previous(self, answer: Answer) -> None:
        where = self._position.get(answer.question_id)
        if where is None:
            raise ValueError(f"a previous answer is for question {answer.question_id!r}, "
                             "which is not in this session")
        if answer.question_id in self._answers:
            raise ValueError(f"two previous answers for question {answer.question_id!r}")
        if answer.question_type != self._questions[where].type:
            raise ValueError(f"the previous answer to {answer.question_id!r} is for a "
                             f"{answer.question_type} question")
        self._record(answer)

    def _record(self, answer: Answer) -> None:
        self._answers[answer.question_id] = answer
        self._log.append(answer)

    # State -----------------------------------------------------------------------------------

    @property
    def mode(self) -> Mode:
        return self._mode

    @property
    def phase(self) -> Phase:
        return self._phase

    @property
    def index(self) -> int:
        """The current question's position (0-based); `total` once finished."""
        return self._index

    @property
    def total(self) -> int:
        return len(self._questions)

    @property
    def questions(self) -> tuple[Question, ...]:
        return self._questions

    @property
    def current(self) -> Question:
        """The question being answered or shown with its feedback."""
        if self._phase is Phase.FINISHED:
            raise SessionError("the session has finished: there is no current question")
        return self._questions[self._index]

    @property
    def answers(self) -> tuple[Answer, ...]:
        """Answers in the order they were given (resumed ones first)."""
        return tuple(self._log)

    @property
    def last_answer(self) -> Answer | None:
        return self._log[-1] if self._log else None

    def answer_for(self, question_id: str) -> Answer | None:
        return self._answers.get(question_id)

    def feedback_visible(self) -> bool:
        """Practice and review show feedback after each answer; an exam only at the end."""
        return self._phase in (Phase.FEEDBACK, Phase.FINISHED)

    # Displays --------------------------------------------------------------------------------

    def ordering_display(self) -> tuple[int, ...]:
        """The current ordering question's items as shown: key indexes, never the key order."""
        question = self.current
        if not isinstance(question, OrderingQuestion):
            raise SessionError(f"question {question.id!r} is not an ordering question")
        return self._displays[self._index]

    def matching_display(self) -> tuple[str, ...]:
        """The current matching question's right-hand choices, distractors included, shuffled."""
        question = self.current
        if not isinstance(question, MatchingQuestion):
            raise SessionError(f"question {question.id!r} is not a matching question")
        choices = question.right_choices()
        return tuple(choices[i] for i in self._displays[self._index])

    # Steps -----------------------------------------------------------------------------------

    def submit(self, response: Response) -> Answer:
        """Grade the current question's response and move to feedback (or on, in an exam).

        An ordering submitted exactly as it was shown counts as untouched (it scores 0).
        """
        if self._phase is not Phase.ANSWERING:
            raise SessionError(f"cannot submit an answer during {self._phase.value}"
                               + (": call advance() first" if self._phase is Phase.FEEDBACK
                                  else ""))
        if self.check_time():
            raise TimeUpError(tr("The time is up: the answer was not accepted and the "
                                 "quiz has ended."))
        now = self._clock()
        seconds = max(0.0, (now - self._shown_at).total_seconds())
        response = self._untouched_if_as_shown(response)
        answer = grade_answer(self.current, response, seconds=seconds, answered_at=now,
                              all_or_nothing=self._all_or_nothing)
        self._record(answer)
        if self._mode is Mode.EXAM:
            self._move_on(now)
        else:
            self._phase = Phase.FEEDBACK
        return answer

    def _untouched_if_as_shown(self, response: Response) -> Response:
        # Items moved and put back as shown are still the shuffled list: no chance credit.
        if (isinstance(response, OrderingResponse) and isinstance(self.current, OrderingQuestion)
                and response.order == self._displays[self._index]):
            return OrderingResponse(response.order, moved=False)
        return response

    def advance(self) -> None:
        """From a question's feedback to the next unanswered question, or to the end."""
        if self._phase is not Phase.FEEDBACK:
            raise SessionError(f"cannot advance during {self._phase.value}: "
                               "advance() follows the feedback of a submitted answer")
        if not self.check_time():
            self._move_on(self._clock())

    def finish(self) -> None:
        """End the session now; questions not answered score 0 in the summary."""
        self._phase = Phase.FINISHED
        self._index = self.total

    def _move_on(self, now: datetime) -> None:
        following = [i for i, q in enumerate(self._questions) if q.id not in self._answers]
        if not following:
            self.finish()
            return
        self._index = following[0]
        self._phase = Phase.ANSWERING
        self._shown_at = now

    # Time ------------------------------------------------------------------------------------

    def time_left(self) -> timedelta | None:
        """Time left under the limit (never negative), or None without a limit."""
        if self._time_limit is None:
            return None
        used = self._used_before + (self._clock() - self._started)
        return max(timedelta(0), self._time_limit - used)

    def check_time(self) -> bool:
        """Finish the session if its time is up; True when the time is up."""
        left = self.time_left()
        if left is None or left > timedelta(0):
            return False
        self.finish()
        return True

    # Results ---------------------------------------------------------------------------------

    def summary(self) -> SessionSummary:
        """Scores so far; once finished, over every question, an unanswered one scoring 0."""
        finished = self._phase is Phase.FINISHED
        counted = [q for q in self._questions if finished or q.id in self._answers]
        scores = {q.id: self._score(q.id) for q in counted}
        by_type: dict[str, list[float]] = {}
        for question in counted:
            by_type.setdefault(question.type, []).append(scores[question.id])
        return SessionSummary(
            score=_mean(list(scores.values())),
            answered=len(self._answers),
            total=self.total,
            by_type={kind: _mean(values) for kind, values in by_type.items()},
            missed=tuple(q.id for q in counted if scores[q.id] < 1.0),
        )

    def missed_questions(self) -> tuple[Question, ...]:
        """The questions scored under 1 (and, once finished, those left unanswered)."""
        missed = set(self.summary().missed)
        return tuple(q for q in self._questions if q.id in missed)

    def _score(self, question_id: str) -> float:
        answer = self._answers.get(question_id)
        return 0.0 if answer is None else answer.grade.score


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0
