"""Input checks before anything reaches a table (SQLModel table models do not validate)."""

from __future__ import annotations

import json
import unicodedata
from datetime import UTC, datetime
from enum import Enum
from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, field_validator

from gensec_quiz.domain.errors import Problem
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


def _plain(value: Any) -> Any:
    return value.value if isinstance(value, Enum) else value


def _fact(item: Any) -> tuple[str, str]:
    if isinstance(item, str) and "." in item:
        record, _, field = item.rpartition(".")
    elif isinstance(item, dict) and set(item) == {"record", "field"}:
        record, field = item["record"], item["field"]
    elif hasattr(item, "record") and hasattr(item, "field"):
        record, field = item.record, item.field
    else:
        raise ValueError('each fact is "record.field" or {"record": ..., "field": ...}')
    if not (isinstance(record, str) and isinstance(field, str) and record and field):
        raise ValueError("a fact needs a record id and a field name, neither empty")
    return record, field


def _facts(value: Any) -> list[tuple[str, str]]:
    if isinstance(value, str | bytes | dict) or not hasattr(value, "__iter__"):
        raise ValueError("basis is a list of facts")
    return list(dict.fromkeys(_fact(item) for item in value))


Id = Annotated[int, Field(strict=True, gt=0)]
Text = Annotated[str, BeforeValidator(_plain), Field(min_length=1, max_length=200)]
Kind = Annotated[str, BeforeValidator(_plain), Field(min_length=1, max_length=40)]
Seconds = Annotated[float, Field(ge=0, allow_inf_nan=False)]


class _Input(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class SessionInput(_Input):
    learner_id: Id
    question_set_id: Text
    title: Annotated[str, Field(max_length=500)]
    mode: Kind
    question_count: Annotated[int, Field(strict=True, ge=0, le=MAX_QUESTIONS)]
    time_limit_seconds: Annotated[int, Field(strict=True, ge=1, le=24 * 3600)] | None = None
    all_or_nothing: Annotated[bool, Field(strict=True)] = False


class AnswerInput(_Input):
    session_id: Id
    question_id: Text
    question_type: Kind
    response: dict[str, Any]
    score: Annotated[float, Field(ge=0, le=1, allow_inf_nan=False)]
    basis: Annotated[list[tuple[str, str]], BeforeValidator(_facts)]
    seconds: Seconds | None = None
    answered_at: datetime | None = None

    @field_validator("response")
    @classmethod
    def _json_able(cls, value: dict[str, Any]) -> dict[str, Any]:
        dump_json(value)
        return value


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
        problems = tuple(
            Problem(".".join([operation, *(str(p) for p in item["loc"])]),
                    tr("invalid value ({detail})", detail=item["msg"]))
            for item in error.errors()
        )
        raise StoreError("", problems=problems) from None


def utc(moment: datetime) -> datetime:
    """An aware UTC datetime; a naive one is taken to be UTC already."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)
