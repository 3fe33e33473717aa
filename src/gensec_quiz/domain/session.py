"""The quiz session: a plain state machine the window drives and a test can play to the end.

ANSWERING --submit--> FEEDBACK --advance--> ANSWERING ... --> FINISHED   (practice, review)

An exam moves freely between its questions and shows feedback only once it is finished:

ANSWERING --submit (saved; on to the next question)--> ANSWERING ... --> SUMMARY
ANSWERING --go_to / back / skip--> ANSWERING        ANSWERING --show_summary--> SUMMARY
SUMMARY --go_to--> ANSWERING                        SUMMARY --submit_all--> FINISHED

An exam's answer can be changed until Submit all: the latest answer to a question counts, and
`answers` holds only the latest. A question can be flagged for review. The time limit, when
there is one, finishes the session from any phase.
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
    "QuestionState",
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
    SUMMARY = "summary"  # an exam's page before Submit all
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
class QuestionState:
    """One question as an exam's navigator and summary page show it."""

    index: int
    question_id: str
    answered: bool
    flagged: bool
    current: bool


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
        return shown_order(len(question.items), rng)
    if not isinstance(question, MatchingQuestion):
        return ()
    size = len(question.right_choices())
    identity = list(range(size))
    shuffled = identity[:]
    rng.shuffle(shuffled)
    while size >= 2 and shuffled == identity:
        rng.shuffle(shuffled)
    return tuple(shuffled)


def gives_the_order_away(order: tuple[int, ...] | list[int]) -> bool:
    """Whether items shown in this order (key indexes) hint at the key: the key order itself,
    its reverse, or the key with one pair of neighbours swapped (one move from the answer)."""
    size = len(order)
    identity = list(range(size))
    if list(order) in (identity, identity[::-1]):
        return True
    out_of_place = [i for i in identity if order[i] != i]
    return (len(out_of_place) == 2 and out_of_place[1] == out_of_place[0] + 1)


def shown_order(size: int, rng: random.Random) -> tuple[int, ...]:
    """The order an ordering question's items are shown in: a shuffle that does not give the
    key away (for two items, only the key is refused: the reverse is the one other order)."""
    identity = list(range(size))
    shuffled = identity[:]
    rng.shuffle(shuffled)
    for _ in range(200):
        if size < 2 or (shuffled != identity and (size < 3 or not gives_the_order_away(shuffled))):
            break
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
        self._log: list[Answer] = []  # the latest answer to each question, in the order given
        self._flagged: set[str] = set()
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
        replaced = self._answers.get(answer.question_id)
        if replaced is not None:  # an exam's changed answer: the latest counts
            self._log.remove(replaced)
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
        if self._phase is Phase.SUMMARY:
            raise SessionError("the exam's summary is shown: there is no current question")
        return self._questions[self._index]

    @property
    def answers(self) -> tuple[Answer, ...]:
        """The answers in the order they were given (resumed ones first); an exam's changed
        answer only as it stands now, where it was last given."""
        return tuple(self._log)

    @property
    def last_answer(self) -> Answer | None:
        return self._log[-1] if self._log else None

    def answer_for(self, question_id: str) -> Answer | None:
        return self._answers.get(question_id)

    # Navigating an exam ------------------------------------------------------------------------

    @property
    def navigable(self) -> bool:
        """Whether the learner moves freely between questions (an exam, until it finishes)."""
        return self._mode is Mode.EXAM and self._phase is not Phase.FINISHED

    def go_to(self, index: int) -> None:
        """Show the exam's question at `index` (0-based), answered or not."""
        self._check_navigable("go to a question")
        if not 0 <= index < self.total:
            raise SessionError(f"there is no question {index + 1} of {self.total}")
        if self.check_time():
            return
        self._index = index
        self._phase = Phase.ANSWERING
        self._shown_at = self._clock()

    def back(self) -> None:
        """The previous question (from the summary page: the last one)."""
        self._check_navigable("go back")
        if self._phase is Phase.SUMMARY:
            self.go_to(self.total - 1)
        elif self._index > 0:
            self.go_to(self._index - 1)

    def skip(self) -> None:
        """Leave the question as it is (unanswered, or its earlier answer kept) and show the
        next one; after the last, the summary page."""
        self._check_navigable("skip a question")
        if self._phase is Phase.ANSWERING:
            self._next_in_order(self._clock())

    def show_summary(self) -> None:
        """The page before Submit all: what is answered, what is not, what is flagged."""
        self._check_navigable("show the summary")
        if not self.check_time():
            self._phase = Phase.SUMMARY

    def set_flag(self, index: int, flagged: bool) -> None:
        """Flag (or unflag) the question at `index` for review before Submit all."""
        self._check_navigable("flag a question")
        question_id = self._questions[index].id
        if flagged:
            self._flagged.add(question_id)
        else:
            self._flagged.discard(question_id)

    def is_flagged(self, index: int) -> bool:
        return self._questions[index].id in self._flagged

    def states(self) -> tuple[QuestionState, ...]:
        """Every question's state, in order, for the navigator and the summary page."""
        showing = self._phase is Phase.ANSWERING or self._phase is Phase.FEEDBACK
        return tuple(
            QuestionState(i, q.id, q.id in self._answers, q.id in self._flagged,
                          showing and i == self._index)
            for i, q in enumerate(self._questions))

    def submit_all(self) -> None:
        """End the exam: the answers as they stand count, unanswered questions score 0."""
        self._check_navigable("submit all")
        self.finish()

    def _check_navigable(self, step: str) -> None:
        if self._mode is not Mode.EXAM:
            raise SessionError(f"cannot {step} in {self._mode.value}: only an exam navigates")
        if self._phase is Phase.FINISHED:
            raise SessionError(f"cannot {step}: the exam has finished")

    def _next_in_order(self, now: datetime) -> None:
        if self._index + 1 < self.total:
            self._index += 1
            self._phase = Phase.ANSWERING
            self._shown_at = now
        else:
            self._phase = Phase.SUMMARY

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

        An ordering submitted exactly as it was shown counts as untouched (it scores 0). In an
        exam, a question answered before takes the new answer (the latest counts); the same
        answer again is not a new answer: the earlier `Answer` itself is returned.
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
        earlier = self._answers.get(self.current.id)
        if earlier is not None and earlier.response == response:
            answer = earlier
        else:
            answer = grade_answer(self.current, response, seconds=seconds, answered_at=now,
                                  all_or_nothing=self._all_or_nothing)
            self._record(answer)
        if self._mode is Mode.EXAM:
            self._next_in_order(now)
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
        if not following and self._mode is Mode.EXAM:
            self._phase = Phase.SUMMARY  # every answer in: they can still change until Submit all
            return
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
