"""Input checks before anything reaches a table (SQLModel table models do not validate)."""

from __future__ import annotations

import json
import unicodedata
from datetime import UTC, datetime
from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from gensec_quiz.domain.errors import Problem
from gensec_quiz.domain.questions import BasisRef, QuestionType
from gensec_quiz.domain.session import Answer, Mode
from gensec_quiz.domain.session_codec import response_to_dict
from gensec_quiz.i18n import tr
from gensec_quiz.storage.errors import StoreError

MAX_NAME_LENGTH = 200
MAX_QUESTIONS = 10_000


def clean_name(name: object) -> tuple[str, str]:
    """The name as it will be shown, and its key: unique regardless of case and spacing."""
    if not isinstance(name, str) or not name.strip():
        raise StoreError(tr("A learner's name cannot be empty."), where="name")
    shown = unicodedata.normalize("NFC", name.strip())
    if any(unicodedata.category(ch) in ("Cc", "Cs") for ch in shown):
        raise StoreError(tr("A learner's name cannot contain line breaks or control characters."),
                         where="name")
    if len(shown) > MAX_NAME_LENGTH:
        raise StoreError(tr("A learner's name can have at most {limit} characters; this one "
                            "has {count}.", limit=MAX_NAME_LENGTH, count=len(shown)), where="name")
    return shown, name_key(shown)


def name_key(name: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def basis_problems(basis: object, where: str) -> list[Problem]:
    """What is wrong with a basis: it is a tuple of `BasisRef`, each naming a record and one of
    its fields (a fact as "record.field" text or a dict is refused, with its place)."""
    if not isinstance(basis, tuple | list):
        return [Problem(where, tr("must be a tuple of facts (BasisRef)"))]
    return [
        Problem(f"{where}[{i}]", tr("must be a BasisRef naming a record and a field, neither "
                                   "empty"))
        for i, ref in enumerate(basis)
        if not (isinstance(ref, BasisRef) and isinstance(ref.record, str) and ref.record
                and isinstance(ref.field, str) and ref.field)
    ]


Id = Annotated[int, Field(strict=True, gt=0)]
Text = Annotated[str, Field(min_length=1, max_length=200)]
Seconds = Annotated[float, Field(ge=0, allow_inf_nan=False)]


class _Input(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class SessionInput(_Input):
    learner_id: Id
    question_set_id: Text
    title: Annotated[str, Field(max_length=500)]
    mode: Mode
    question_count: Annotated[int, Field(strict=True, ge=0, le=MAX_QUESTIONS)]
    time_limit_seconds: Annotated[int, Field(strict=True, ge=1, le=24 * 3600)] | None = None
    all_or_nothing: Annotated[bool, Field(strict=True)] = False


class AnswerInput(_Input):
    """One answer as it is written: the domain's `Answer` turned into columns, once."""

    session_id: Id
    question_id: Text
    question_type: QuestionType
    response: dict[str, Any]
    score: Annotated[float, Field(ge=0, le=1, allow_inf_nan=False)]
    basis: tuple[tuple[Text, Text], ...]
    seconds: Seconds | None = None
    answered_at: datetime

    @field_validator("response")
    @classmethod
    def _json_able(cls, value: dict[str, Any]) -> dict[str, Any]:
        dump_json(value)
        return value


def answer_input(session_id: int, answer: Answer, basis: tuple[BasisRef, ...]) -> AnswerInput:
    """The row values of one graded answer; StoreError listing every problem with its place."""
    operation = "record_answer"
    if not isinstance(answer, Answer):
        raise StoreError(tr("must be a graded Answer"), where=f"{operation}.answer")
    problems = basis_problems(basis, f"{operation}.basis")
    facts = () if problems else tuple(dict.fromkeys((ref.record, ref.field) for ref in basis))
    try:
        response = response_to_dict(answer.response)
    except TypeError:
        problems.append(Problem(f"{operation}.response", tr("must be a response")))
        response = {}
    try:
        data = AnswerInput(session_id=session_id, question_id=answer.question_id,
                           question_type=answer.question_type, response=response,
                           score=answer.grade.score, basis=facts, seconds=answer.seconds,
                           answered_at=answer.answered_at)
    except ValidationError as error:
        problems.extend(_problems(error, operation))
    if problems:
        raise StoreError("", problems=tuple(problems))
    return data


M = TypeVar("M", bound=_Input)


def dump_json(value: Any) -> str:
    """Compact, stable JSON; raises ValueError for what JSON cannot hold (NaN, objects)."""
    try:
        return json.dumps(value, ensure_ascii=False, sort_keys=True, allow_nan=False,
                          separators=(",", ":"))
    except (TypeError, ValueError) as error:
        raise ValueError(f"not JSON-able: {error}") from None


def checked(model: type[M], operation: str, **values: Any) -> M:
    """`model` built from `values`, or a StoreError listing every problem with its place."""
    try:
        return model(**values)
    except ValidationError as error:
        raise StoreError("", problems=_problems(error, operation)) from None


def _problems(error: ValidationError, operation: str) -> tuple[Problem, ...]:
    return tuple(
        Problem(".".join([operation, *(str(p) for p in item["loc"])]),
                tr("invalid value ({detail})", detail=item["msg"]))
        for item in error.errors()
    )


def utc(moment: datetime) -> datetime:
    """An aware UTC datetime; a naive one is taken to be UTC already."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)
