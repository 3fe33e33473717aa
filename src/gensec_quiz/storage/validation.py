"""Input checks before anything reaches a table (SQLModel table models do not validate)."""

from __future__ import annotations

import json
import unicodedata
from datetime import UTC, datetime
from typing import Annotated, Any, TypeVar

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from gensec_quiz.domain.errors import Problem
from gensec_quiz.domain.grading_marks import FactScore
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
    if any(unicodedata.category(ch) == "Cf" or ch in _BLANK_LETTERS for ch in shown):
        raise StoreError(tr("A learner's name cannot contain invisible characters (such as a "
                            "zero-width space or a Hangul filler)."), where="name")
    # Other spaces (no-break, ideographic) become ordinary ones, runs of them one.
    shown = " ".join("".join(" " if unicodedata.category(ch).startswith("Z") else ch
                             for ch in shown).split())
    mixed = _mixed_word(shown)
    if mixed is not None:
        raise StoreError(tr("A learner's name cannot mix Latin, Cyrillic and Greek letters in one "
                            "word (“{word}”): they look alike; type the word in one alphabet.",
                            word=mixed), where="name")
    if len(shown) > MAX_NAME_LENGTH:
        raise StoreError(tr("A learner's name can have at most {limit} characters; this one "
                            "has {count}.", limit=MAX_NAME_LENGTH, count=len(shown)), where="name")
    return shown, name_key(shown)


# Letters that show as nothing at all (Unicode calls them letters, not format characters).
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800\u17b4\u17b5")
_LOOK_ALIKE_SCRIPTS = ("LATIN", "CYRILLIC", "GREEK")


def _mixed_word(name: str) -> str | None:
    """The first word that mixes Latin, Cyrillic and Greek letters ("Аnna" with a Cyrillic А)."""
    for word in name.split():
        scripts = set()
        for char in word:
            if char.isalpha():
                script = unicodedata.name(char, "").split(" ", 1)[0]
                if script in _LOOK_ALIKE_SCRIPTS:
                    scripts.add(script)
        if len(scripts) > 1:
            return word
    return None


def name_key(name: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def basis_problems(basis: object, where: str) -> list[Problem]:
    """What is wrong with a basis: it is a tuple of `BasisRef` (or of `FactScore`, a fact with
    its own score), each naming a record and one of its fields (a fact as "record.field" text
    or a dict is refused, with its place)."""
    if not isinstance(basis, tuple | list):
        return [Problem(where, tr("must be a tuple of facts (BasisRef)"))]
    return [
        Problem(f"{where}[{i}]", tr("must be a BasisRef naming a record and a field, neither "
                                   "empty"))
        for i, entry in enumerate(basis)
        if not _is_fact(entry.fact if isinstance(entry, FactScore) else entry)
    ]


def _is_fact(ref: object) -> bool:
    return (isinstance(ref, BasisRef) and isinstance(ref.record, str) and bool(ref.record)
            and isinstance(ref.field, str) and bool(ref.field))


def fact_rows(basis: tuple[BasisRef | FactScore, ...],
              score: float) -> tuple[tuple[tuple[str, str], ...], tuple[float, ...]]:
    """Each distinct fact once, with its score: a FactScore's own, a bare BasisRef the answer's
    `score`; a fact given twice keeps its lowest score."""
    scores: dict[tuple[str, str], float] = {}
    for entry in basis:
        ref, value = (entry.fact, entry.score) if isinstance(entry, FactScore) else (entry, score)
        key = (ref.record, ref.field)
        scores[key] = min(value, scores.get(key, value))
    return tuple(scores), tuple(scores.values())


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
    # The score of each fact of `basis`, in its order (the mark of the fact's item or pair).
    fact_scores: tuple[Annotated[float, Field(ge=0, le=1, allow_inf_nan=False)], ...]
    seconds: Seconds | None = None
    answered_at: datetime

    @field_validator("response")
    @classmethod
    def _json_able(cls, value: dict[str, Any]) -> dict[str, Any]:
        dump_json(value)
        return value

    @model_validator(mode="after")
    def _one_score_per_fact(self) -> AnswerInput:
        if len(self.fact_scores) != len(self.basis):
            raise ValueError(f"{len(self.basis)} facts need as many scores, "
                             f"got {len(self.fact_scores)}")
        return self


def answer_input(session_id: int, answer: Answer,
                 basis: tuple[BasisRef | FactScore, ...]) -> AnswerInput:
    """The row values of one graded answer and the facts it tested (each `FactScore` with its
    own score, each bare `BasisRef` with the answer's); StoreError listing every problem with
    its place."""
    operation = "record_answer"
    if not isinstance(answer, Answer):
        raise StoreError(tr("must be a graded Answer"), where=f"{operation}.answer")
    problems = basis_problems(basis, f"{operation}.basis")
    facts, scores = ((), ()) if problems else fact_rows(tuple(basis), answer.grade.score)
    try:
        response = response_to_dict(answer.response)
    except TypeError:
        problems.append(Problem(f"{operation}.response", tr("must be a response")))
        response = {}
    try:
        data = AnswerInput(session_id=session_id, question_id=answer.question_id,
                           question_type=answer.question_type, response=response,
                           score=answer.grade.score, basis=facts, fact_scores=scores,
                           seconds=answer.seconds,
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
