"""The question-set format (`gensec-quiz/question-set`, version 1) and its classroom lock as
pydantic models.

The models check the shape of a file: types, required and unknown keys, allowed values, dates
that exist. They also give the format's JSON Schema (`question_set_schema`, written to
`docs/schemas/question-set.schema.json`). The checks between values (distinct ids and texts,
the answer among the choices, a precision the dates support, …) are written by hand in
`questions_json`, which reads a file with these models first.

A date question's values (`answer`, `accept[].value`, `choices[]`) are dates (`"1953-03"`) or,
when its `measure` is `years`, whole numbers of years; the reader passes the question's measure
as the validation context (`{"measure": "years"}`) so that each value is told what it should be.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, get_args

from pydantic import ConfigDict, Field, model_validator
from pydantic.config import JsonDict
from pydantic_core import PydanticCustomError

from gensec_quiz.bank.json_checks import _ERROR as ERROR_KIND  # worded as its sentence
from gensec_quiz.bank.json_checks import (
    A_LIST,
    AnyText,
    Expect,
    FormatModel,
    Text,
    choice_of,
    date_problem,
    format_is,
    json_schema,
    version_is,
)
from gensec_quiz.domain.dates import PRECISIONS, Precision
from gensec_quiz.domain.questions import (
    DEFAULT_ORDERING_RULE,
    ORDERING_RULES,
    DateMeasure,
    MatchingRule,
    OrderingRule,
)
from gensec_quiz.i18n import DEFAULT_LANGUAGE, LANGUAGES, tr

FORMAT = "gensec-quiz/question-set"
VERSION = 1
MATCHING_RULES: tuple[MatchingRule, ...] = get_args(MatchingRule)
MEASURES: tuple[DateMeasure, ...] = get_args(DateMeasure)
SCHEMA_ID = "https://gensec-quiz.invalid/schemas/question-set.schema.json"
_DATE_PATTERN = r"^[0-9]{1,4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$"

# ---------------------------------------------------------------- the classroom lock
# (`bank/classroom_lock.py` reads it with this model and keeps what the app makes of it.)

LockMode = Literal["exam", "practice"]
MODES: tuple[LockMode, ...] = get_args(LockMode)
MAX_MINUTES = 240
LOCK_EXAMPLE = '{"mode": "exam", "time_limit_minutes": 20}'


def _mode(value: Any, _context: dict[str, Any]) -> str | None:
    if isinstance(value, str) and value in MODES:
        return None
    return tr("{value} is not a mode (use {known})", value=repr(value), known=", ".join(MODES))


def _minutes(value: Any, _context: dict[str, Any]) -> str | None:
    if value is None or (type(value) is int and 1 <= value <= MAX_MINUTES):
        return None
    return tr("must be a whole number of minutes from 1 to {most}, or null", most=MAX_MINUTES)


def _true_or_false(value: Any, _context: dict[str, Any]) -> str | None:
    return None if isinstance(value, bool) else tr("must be true or false")


def _lock_or_null(value: Any, _context: dict[str, Any]) -> str | None:
    if value is None or isinstance(value, dict):
        return None
    return tr("must be an object such as {example}", example=LOCK_EXAMPLE)


class ClassroomModel(FormatModel):
    """Optional: the teacher's lock. Home starts the set in this mode with these options,
    whatever the learner picks; null or absent leaves the choice to the learner."""

    mode: Annotated[LockMode, Expect(_mode)]
    time_limit_minutes: Annotated[
        Annotated[int, Field(ge=1, le=MAX_MINUTES)] | None, Expect(_minutes)] = None
    all_or_nothing: Annotated[bool, Expect(_true_or_false), Field(
        description="Exam only: a question scores only when fully right.")] = False


# ---------------------------------------------------------------- values


def _difficulty(value: Any, _context: dict[str, Any]) -> str | None:
    return None if type(value) is int and value in (1, 2, 3) else tr("must be 1, 2 or 3")


def _measure(context: dict[str, Any]) -> str | None:
    """The measure the reader said the values are in; None when it did not say."""
    measure = context.get("measure")
    return measure if measure in MEASURES else None


def date_value_problem(value: Any, measure: str | None) -> str | None:
    """Why `value` is not a date (or, for `years`, a number of years); None when it is one.
    With no measure, either kind is accepted."""
    if measure != "date" and type(value) is int:
        return None if 1 <= value <= 9999 else tr("must be a whole number of years from 1 to "
                                                  "9999")
    if measure == "years":
        return tr("must be a whole number of years from 1 to 9999")
    return date_problem(value)


DateValue = Annotated[
    str | int,
    Expect(lambda value, context: date_value_problem(value, _measure(context))),
    Field(description="A partial date in ISO 8601 (YYYY, YYYY-MM or YYYY-MM-DD); for a "
                      "`years` question a whole number of years."),
]


class SourceRefModel(FormatModel):
    """Where a question's facts are written: a source of the record set and its exact words."""

    source: Annotated[Text, Field(description="A source id of the record set.")]
    quote: Annotated[Text, Field(description="The exact words of the source.")]


class BasisModel(FormatModel):
    """One fact a question rests on: a record of the record set and one of its fields."""

    record: Text
    field: Annotated[Text, Field(examples=["start", "end", "date", "office"])]


Refs = Annotated[list[SourceRefModel], A_LIST]
Basis = Annotated[list[BasisModel], A_LIST, Field(
    description="Facts of the record set: a record id and one of its fields.")]


# ---------------------------------------------------------------- questions


class QuestionModel(FormatModel):
    """What every question has."""

    id: Text
    type: str
    prompt: Text
    explanation: AnyText = ""
    difficulty: Annotated[Literal[1, 2, 3], Expect(_difficulty)]
    sources: Refs
    basis: Basis
    override: Annotated[bool, Expect(_true_or_false), Field(
        description="true: a teacher kept this key although it contradicts the records it "
                    "rests on (absent or false: the key agrees with them).")] = False


def _items(value: Any, _context: dict[str, Any]) -> str | None:
    if isinstance(value, list):
        return tr("an ordering question needs at least two items")
    return tr("must be a list")


def _pairs(value: Any, _context: dict[str, Any]) -> str | None:
    if isinstance(value, list):
        return tr("a matching question needs at least one pair")
    return tr("must be a list")


def _one_pair_problem() -> str:
    return tr("a matching question with one pair is multiple choice and needs at least two "
              "extra_right distractors")


class OrderingItemModel(FormatModel):
    text: Text
    basis: Basis


class OrderingModel(QuestionModel):
    """Put the items in order; they are listed in the correct order, earliest first."""

    type: Literal["ordering"]
    items: Annotated[list[OrderingItemModel], Field(min_length=2), Expect(_items, check=False),
                     Field(description="The items in the correct order, earliest first.")]
    scoring: Annotated[OrderingRule, choice_of(ORDERING_RULES, lambda: tr("an ordering rule"))
                       ] = DEFAULT_ORDERING_RULE


class MatchingPairModel(FormatModel):
    left: Text
    right: Text
    basis: Basis


class MatchingModel(QuestionModel):
    """Match each left-hand text with its right-hand text. One pair with at least two
    `extra_right` distractors is a multiple-choice question ("Who was General Secretary
    when ...?")."""

    model_config = ConfigDict(json_schema_extra={
        "if": {"properties": {"pairs": {"maxItems": 1}}},
        "then": {"required": ["extra_right"],
                 "properties": {"extra_right": {"type": "array", "minItems": 2}}},
    })

    type: Literal["matching"]
    pairs: Annotated[list[MatchingPairModel], Field(min_length=1), Expect(_pairs, check=False)]
    extra_right: Annotated[list[Text] | None, Field(
        description="Right-hand distractors that match no left-hand text.")] = None
    scoring: Annotated[MatchingRule, choice_of(MATCHING_RULES, lambda: tr("a matching rule"))
                       ] = "per_pair"

    @model_validator(mode="after")
    def _one_pair_is_a_choice(self) -> MatchingModel:
        if len(self.pairs) == 1 and len(self.extra_right or ()) < 2:
            raise PydanticCustomError(ERROR_KIND, "{sentence}",
                                      {"sentence": _one_pair_problem()})
        return self


class AcceptedModel(FormatModel):
    value: DateValue
    sources: Refs


def _tolerance(value: Any, _context: dict[str, Any]) -> str | None:
    if isinstance(value, dict):
        return None
    return tr("must be an object such as {example}",
              example='{"full": 0, "partial": [[1, 0.5], [2, 0.25]]}')


def _full(value: Any, _context: dict[str, Any]) -> str | None:
    return None if type(value) is int and value >= 0 else tr("must be a whole number, 0 or more")


def tier_problem() -> str:
    return tr("must be [distance, credit]: a distance above 'full' and a credit between 0 and 1")


def _tier(value: Any, _context: dict[str, Any]) -> str | None:
    if (isinstance(value, list) and len(value) == 2 and type(value[0]) is int and value[0] >= 1
            and type(value[1]) in (int, float) and 0 < value[1] < 1):
        return None
    return tier_problem()


Tier = Annotated[
    tuple[Annotated[int, Field(ge=1)], Annotated[float, Field(gt=0, lt=1)]],
    Field(strict=False), Expect(_tier),
]


class ToleranceModel(FormatModel):
    """Credit by distance, in the unit of the question's precision: full credit up to `full`,
    then the credit of the first `[distance, credit]` tier the distance is within."""

    full: Annotated[int, Field(ge=0), Expect(_full)] = 0
    partial: list[Tier] | None = None


_YEARS: JsonDict = {"type": "integer", "minimum": 1, "maximum": 9999}
_DATE: JsonDict = {"type": "string", "pattern": _DATE_PATTERN}


class DateQuestionModel(QuestionModel):
    """When did it happen (or, with `measure` `years`, how many years did it last)?"""

    model_config = ConfigDict(json_schema_extra={
        "if": {"required": ["measure"], "properties": {"measure": {"const": "years"}}},
        "then": {"properties": {
            "answer": _YEARS, "precision": {"const": "year"},
            "accept": {"items": {"properties": {"value": _YEARS}}},
            "choices": {"items": _YEARS},
        }},
        "else": {"properties": {
            "answer": _DATE,
            "accept": {"items": {"properties": {"value": _DATE}}},
            "choices": {"items": _DATE},
        }},
    })

    type: Literal["date"]
    measure: Annotated[DateMeasure, choice_of(MEASURES, lambda: tr("a measure")),
                       Field(description="date (the default), or years: a length of time in "
                                         "whole years.")] = "date"
    answer: DateValue
    precision: Annotated[Precision, choice_of(PRECISIONS, lambda: tr("a precision"))] = "year"
    accept: Annotated[list[AcceptedModel] | None, Field(
        description="Other values that sources give for a disputed date; each earns full "
                    "credit.")] = None
    tolerance: Annotated[ToleranceModel, Expect(_tolerance)] = ToleranceModel()
    choices: Annotated[list[DateValue] | None, Field(
        description="The values offered to pick from (none: the learner types the answer); "
                    "the answer is one of them.")] = None


QUESTION_MODELS: dict[str, type[OrderingModel | MatchingModel | DateQuestionModel]] = {
    "ordering": OrderingModel, "matching": MatchingModel, "date": DateQuestionModel}
AnyQuestion = Annotated[OrderingModel | MatchingModel | DateQuestionModel,
                        Field(discriminator="type")]


# ---------------------------------------------------------------- the set


def _generator(value: Any, _context: dict[str, Any]) -> str | None:
    return None if value is None or isinstance(value, dict) else tr("must be an object or null")


class QuestionSetModel(FormatModel):
    """A question set as a file holds it."""

    format: Annotated[Literal["gensec-quiz/question-set"], format_is(FORMAT)]
    version: Annotated[Literal[1], version_is(VERSION)]
    id: Text
    title: Text
    description: AnyText = ""
    language: Annotated[str, choice_of(tuple(LANGUAGES), lambda: tr("a language")), Field(
        description="The language the questions are written in: en (the default) or fr.")
    ] = DEFAULT_LANGUAGE
    records: Annotated[Text, Field(
        description="The id of the record set the questions were built from.")]
    generator: Annotated[dict[str, Any] | None, Expect(_generator), Field(
        description="How the set was generated: name, version, seed and options (null for a "
                    "hand-made set).")] = None
    classroom: Annotated[ClassroomModel | None, Expect(_lock_or_null)] = None
    questions: Annotated[list[AnyQuestion], A_LIST]


def question_set_schema() -> dict[str, Any]:
    """The JSON Schema of the format, as `docs/schemas/question-set.schema.json` holds it."""
    return json_schema(
        QuestionSetModel, schema_id=SCHEMA_ID, title="GenSec Quiz question set",
        description="Ordering, matching and date questions with the records each rests on "
                    f"(format {FORMAT}, version {VERSION}). See docs/question-sets.md. Written "
                    "from the app's models (gensec_quiz.bank.question_set_model); the app "
                    "checks a few things a schema cannot: distinct ids, item texts and "
                    "right-hand texts; the answer among the choices; dates that exist; a "
                    "precision the dates support.")
