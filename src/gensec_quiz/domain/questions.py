"""Questions, question sets and learners' responses, as plain data."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from gensec_quiz.domain.dates import PartialDate, Precision
from gensec_quiz.domain.records import SourceRef

QuestionType = Literal["ordering", "matching", "date"]
QUESTION_TYPES: tuple[QuestionType, ...] = ("ordering", "matching", "date")

OrderingRule = Literal[
    "all_or_nothing",
    "absolute_position",
    "relative_next_exclude_last",
    "relative_next_include_last",
    "relative_one_previous_and_next",
    "relative_all_previous_and_next",
    "longest_ordered_subset",
    "longest_contiguous_subset",
    "relative_to_correct_position",
]
ORDERING_RULES: tuple[OrderingRule, ...] = (
    "all_or_nothing",
    "absolute_position",
    "relative_next_exclude_last",
    "relative_next_include_last",
    "relative_one_previous_and_next",
    "relative_all_previous_and_next",
    "longest_ordered_subset",
    "longest_contiguous_subset",
    "relative_to_correct_position",
)
DEFAULT_ORDERING_RULE: OrderingRule = "relative_all_previous_and_next"
MatchingRule = Literal["per_pair", "all_or_nothing"]


@dataclass(frozen=True, slots=True)
class BasisRef:
    """One fact a question rests on: a record and one of its fields."""

    record: str
    field: str

    def key(self) -> str:
        return f"{self.record}.{self.field}"


@dataclass(frozen=True, slots=True)
class OrderingItem:
    text: str
    basis: tuple[BasisRef, ...]


@dataclass(frozen=True, slots=True)
class MatchingPair:
    left: str
    right: str
    basis: tuple[BasisRef, ...]


@dataclass(frozen=True, slots=True)
class Tolerance:
    """Credit by distance, in the unit of the question's precision."""

    full: int = 0
    partial: tuple[tuple[int, float], ...] = ()

    def credit(self, distance: int) -> float:
        if distance <= self.full:
            return 1.0
        for within, credit in sorted(self.partial):
            if distance <= within:
                return credit
        return 0.0


@dataclass(frozen=True, slots=True)
class AcceptedDate:
    """Another value that a source gives for a disputed date; earns full credit."""

    value: PartialDate
    sources: tuple[SourceRef, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class QuestionBase:
    id: str
    prompt: str
    explanation: str
    difficulty: int
    sources: tuple[SourceRef, ...]
    basis: tuple[BasisRef, ...]
    # A teacher kept this key although it contradicts the records it rests on.
    override: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class OrderingQuestion(QuestionBase):
    items: tuple[OrderingItem, ...]
    scoring: OrderingRule = DEFAULT_ORDERING_RULE
    type: Literal["ordering"] = "ordering"


@dataclass(frozen=True, slots=True, kw_only=True)
class MatchingQuestion(QuestionBase):
    pairs: tuple[MatchingPair, ...]
    extra_right: tuple[str, ...] = ()
    scoring: MatchingRule = "per_pair"
    type: Literal["matching"] = "matching"

    def right_choices(self) -> tuple[str, ...]:
        return tuple(p.right for p in self.pairs) + self.extra_right


# What a date question's answer measures: a date, or a length of time in whole years (then
# `answer.year` and each choice's `year` hold the number of years; grading is unchanged).
DateMeasure = Literal["date", "years"]


@dataclass(frozen=True, slots=True, kw_only=True)
class DateQuestion(QuestionBase):
    answer: PartialDate
    precision: Precision = "year"
    accept: tuple[AcceptedDate, ...] = ()
    tolerance: Tolerance = Tolerance()
    choices: tuple[PartialDate, ...] = ()
    measure: DateMeasure = "date"
    type: Literal["date"] = "date"


Question = OrderingQuestion | MatchingQuestion | DateQuestion


@dataclass(frozen=True, slots=True)
class QuestionSet:
    id: str
    title: str
    records: str
    questions: tuple[Question, ...]
    generator: dict[str, Any] | None = None
    description: str = ""
    # The language its text is written in (a key of `i18n.LANGUAGES`).
    language: str = "en"


@dataclass(frozen=True, slots=True)
class OrderingResponse:
    """The learner's order as indexes into the key (`items`), and whether they moved anything."""

    order: tuple[int, ...]
    moved: bool = True


@dataclass(frozen=True, slots=True)
class MatchingResponse:
    """For each pair, in key order, the right-hand text chosen (None when left empty)."""

    choices: tuple[str | None, ...]


@dataclass(frozen=True, slots=True)
class DateResponse:
    value: PartialDate | None


Response = OrderingResponse | MatchingResponse | DateResponse
