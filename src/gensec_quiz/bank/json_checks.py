"""Reading JSON formats with pydantic models, reporting problems as located sentences.

A format is described by pydantic models (strict, unknown keys forbidden). Each constrained value
carries an `Expect`: the sentence a user reads when the value is wrong or missing, so that no
pydantic wording ("Input should be a valid string [type=…]") ever reaches a user. `Findings`
validates data against a model, turns every pydantic error into a `Problem` such as
`set.json: questions[3].items[0].text: must be a non-empty text`, and collects the problems of
the checks written by hand (ids unique, …) that run on the validated models afterwards.

The same models give the format's JSON Schema (`json_schema`), so the schema in `docs/schemas/`
is written from them rather than kept by hand (`bank/schemas.py` lists the files).

A reader built on this module (see `questions_json` and `question_set_model`):
- declares its models as `FormatModel`s, keys in the documented order (unknown-key sentences list
  them in that order), each value typed with `Text`, `AnyText`, `DateText` or an `Annotated`
  type carrying an `Expect` with today's sentence;
- refuses a non-object top level and anything that must stop the reading before validating;
- validates the parts that should not hide each other's problems separately
  (`found.validate(Model, item, f"questions[{i}]")`), then runs its checks between values on
  the models it got, adding sentences with `found.add(path, message)`;
- ends with `found.raise_if_any()` and builds the domain objects.
"""

from __future__ import annotations

import re
import types
from collections.abc import Callable, Sequence
from typing import Annotated, Any, Literal, TypeVar, Union, get_args, get_origin

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    ValidationError,
    ValidationInfo,
)
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import CoreSchema, PydanticCustomError, core_schema

from gensec_quiz.domain.dates import DateError, PartialDate
from gensec_quiz.domain.errors import InputError, Problem
from gensec_quiz.i18n import N_, date_words, tr

M = TypeVar("M", bound=BaseModel)
Loc = tuple[int | str, ...]
# What a value is told when it is wrong: given the value (None when the key is missing) and the
# validation context, the sentence; a checking `Expect` returns None for a good value.
Sentence = Callable[[Any, dict[str, Any]], str | None]
_ERROR = "gensec_quiz"


class Expect:
    """Annotation: the sentence for a value that is wrong here.

    With `check=True` the sentence function also runs before pydantic's own validation and
    refuses the value when it returns a sentence (it must then return None for every good value):
    this is how the reader refuses what pydantic would coerce or accept (`true` as the number 1,
    a date that does not exist) with a sentence of its own. With `check=False` the sentence is
    only used to word the errors pydantic finds at this place (a list too short). A missing key
    is told `sentence(None, context)`, or `missing` when given (for a key whose value may be
    null but must be there).
    """

    __slots__ = ("check", "missing", "sentence")

    def __init__(self, sentence: Sentence, *, check: bool = True,
                 missing: Sentence | None = None) -> None:
        self.sentence = sentence
        self.check = check
        self.missing = missing

    def __get_pydantic_core_schema__(self, source: Any,
                                     handler: GetCoreSchemaHandler) -> CoreSchema:
        schema = handler(source)
        if not self.check:
            return schema
        sentence = self.sentence

        def refuse_bad(value: Any, info: ValidationInfo) -> Any:
            said = sentence(value, _context(info.context))
            if said is not None:
                raise PydanticCustomError(_ERROR, "{sentence}", {"sentence": said})
            return value

        return core_schema.with_info_before_validator_function(refuse_bad, schema)

    def __repr__(self) -> str:
        return f"Expect({self.sentence!r}, check={self.check})"


def says(text: str, **values: Any) -> Sentence:
    """An `Expect` sentence that is always the same (translated when it is said)."""
    return lambda _value, _context: tr(text, **values)


def _context(context: Any) -> dict[str, Any]:
    return context if isinstance(context, dict) else {}


def json_path(prefix: str, loc: Sequence[int | str]) -> str:
    """`questions[3]` + ("items", 0, "text") → `questions[3].items[0].text`."""
    path = prefix
    for step in loc:
        if isinstance(step, int):
            path += f"[{step}]"
        else:
            path = f"{path}.{step}" if path else step
    return path


def unknown_key_sentence(known: Sequence[str]) -> str:
    return tr("unknown key (known keys: {known})", known=", ".join(known))


class FormatModel(BaseModel):
    """Base of the models of a file format: strict types (no "1" for 1, no true for 1), every
    unknown key reported, read-only once read."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


def _non_empty_text(value: Any, _context: dict[str, Any]) -> str | None:
    return None if isinstance(value, str) and value.strip() else tr("must be a non-empty text")


def _any_text(value: Any, _context: dict[str, Any]) -> str | None:
    return None if isinstance(value, str) else tr("must be text")


def format_is(name: str) -> Expect:
    """The file's `format` key: exactly `name`."""

    def sentence(value: Any, _context: dict[str, Any]) -> str | None:
        return None if value == name else tr("must be '{format}'", format=name)

    return Expect(sentence)


def version_is(version: int) -> Expect:
    """The file's `version` key: exactly `version`; a newer one asks for a newer app."""

    def sentence(value: Any, _context: dict[str, Any]) -> str | None:
        if type(value) is int and value > version:
            return tr("{version} is newer than this app reads ({known}); update the app",
                      version=value, known=version)
        return None if type(value) is int and value == version else tr(
            "must be {version}", version=version)

    return Expect(sentence)


def choice_of(allowed: Sequence[str], what: Callable[[], str]) -> Expect:
    """One of `allowed`; `what` names it for the sentence (`lambda: tr("a precision")`)."""

    def sentence(value: Any, _context: dict[str, Any]) -> str | None:
        if isinstance(value, str) and value in allowed:
            return None
        return tr("{value} is not {what} (use {allowed})", value=repr(value), what=what(),
                  allowed=", ".join(allowed))

    return Expect(sentence)


_ISO_DATE = re.compile(r"^(-?[0-9]{1,4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?$")  # as PartialDate reads


def date_problem(value: Any) -> str | None:
    """Why `value` is not a partial date in ISO 8601 (`1934`, `1921-03`, `1922-04-03`) that
    exists; None when it is one."""
    if not isinstance(value, str):
        return tr("must be a date such as 1934, 1921-03 or 1922-04-03")
    return iso_date_problem(value)


def iso_date_problem(text: str) -> str | None:
    """Why `text` is not an ISO 8601 partial date that exists, in the interface's language (the
    domain's own `DateError` speaks English only); None when it is one."""
    try:
        PartialDate.parse(text)
    except DateError:
        pass
    else:
        return None
    match = _ISO_DATE.match(text.strip())
    if match is None:
        return tr("'{text}' is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)", text=text)
    year, month, day = (int(part) if part else None for part in match.groups())
    assert year is not None
    if not 1 <= year <= 9999:
        return tr("year {year} is out of range", year=year)
    if month is not None and not 1 <= month <= 12:
        return tr("month {month} does not exist", month=month)
    return tr("day {day} does not exist in {month}", day=day,
              month=date_words(year, month) if month else "")


# Values found in every format.
Text = Annotated[str, Field(pattern=r"\S"), Expect(_non_empty_text)]
AnyText = Annotated[str, Expect(_any_text)]
DateText = Annotated[str, Expect(lambda value, _context: date_problem(value)), Field(
    description="A partial date in ISO 8601: YYYY, YYYY-MM or YYYY-MM-DD.")]
A_LIST = Expect(says(N_("must be a list")), check=False)


# ---------------------------------------------------------------- the model at a place


def _unwrap(annotation: Any) -> tuple[Any, list[Any]]:
    """The type under `Annotated[…]` and `X | None`, with the metadata met on the way."""
    metadata: list[Any] = []
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation, *extra = get_args(annotation)
            metadata.extend(extra)
        elif origin in (Union, types.UnionType):
            members = [a for a in get_args(annotation) if a is not type(None)]
            if len(members) != 1:
                return annotation, metadata
            annotation = members[0]
        else:
            return annotation, metadata


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _field_named(model: type[BaseModel], key: str) -> Any | None:
    for name, field in model.model_fields.items():
        if (field.alias or name) == key:
            return field
    return None


def _tagged_member(annotation: Any, tag: str) -> Any | None:
    """The model of a tagged union (`A | B` with `Field(discriminator=…)`) whose tag is `tag`:
    pydantic puts the tag in an error's place, between the union and the member's keys."""
    if get_origin(annotation) not in (Union, types.UnionType):
        return None
    for member in get_args(annotation):
        member, _ = _unwrap(member)
        if _is_model(member) and any(
                get_origin(f.annotation) is Literal and tag in get_args(f.annotation)
                for f in member.model_fields.values()):
            return member
    return None


def _place(model: type[BaseModel], loc: Loc) -> tuple[Any, list[Any], Loc]:
    """The type found at `loc` inside `model`, its metadata, and `loc` as the file has it
    (without the tags of tagged unions); (None, [], loc) when the place is not in the model."""
    annotation: Any = model
    metadata: list[Any] = []
    shown: list[int | str] = []
    for step in loc:
        annotation, _ = _unwrap(annotation)
        member = _tagged_member(annotation, step) if isinstance(step, str) else None
        if member is not None:
            annotation = member
        elif isinstance(step, str) and _is_model(annotation):
            field = _field_named(annotation, step)
            if field is None:
                return None, [], loc
            annotation, metadata = field.annotation, list(field.metadata)
            shown.append(step)
        elif isinstance(step, int) and get_origin(annotation) is list:
            annotation, metadata = get_args(annotation)[0], []
            shown.append(step)
        else:
            return None, [], loc
    annotation, more = _unwrap(annotation)
    return annotation, metadata + more, tuple(shown)


def known_keys(model: type[BaseModel]) -> list[str]:
    return [field.alias or name for name, field in model.model_fields.items()]


# ---------------------------------------------------------------- pydantic errors → sentences

_GENERIC = {
    "missing": N_("is missing"),
    "list_type": N_("must be a list"),
    "model_type": N_("must be an object"),
    "model_attributes_type": N_("must be an object"),
    "dict_type": N_("must be an object"),
    "string_type": N_("must be text"),
    "bool_type": N_("must be true or false"),
    "int_type": N_("must be a whole number"),
    "float_type": N_("must be a number"),
    "too_short": N_("has too few items"),
}


def _sentence(model: type[BaseModel], error: Any, context: dict[str, Any]) -> str:
    kind, loc = error["type"], tuple(error["loc"])
    if kind == _ERROR:
        return str(error["ctx"]["sentence"])
    if kind == "extra_forbidden":
        owner, _, _ = _place(model, loc[:-1])
        return unknown_key_sentence(known_keys(owner) if _is_model(owner) else [])
    annotation, metadata, _ = _place(model, loc)
    expect = next((m for m in reversed(metadata) if isinstance(m, Expect)), None)
    if expect is not None:
        if kind == "missing":
            said = (expect.missing or expect.sentence)(None, context)
        else:
            said = expect.sentence(error.get("input"), context)
        if said is not None:
            return said
    if kind in ("union_tag_invalid", "union_tag_not_found"):
        key = str(error.get("ctx", {}).get("discriminator", "")).strip("'")
        return tr("needs '{key}' to be one of {known} (found {value})", key=key,
                  known=", ".join(_tags(annotation, key)),
                  value=repr(error["ctx"]["tag"]) if kind == "union_tag_invalid" else tr("none"))
    if kind in _GENERIC:
        return tr(_GENERIC[kind])
    return tr("is not a value this format allows here")


def _tags(annotation: Any, key: str) -> list[str]:
    """The values of `key` that tell the members of a tagged union apart."""
    tags: list[str] = []
    for member in get_args(annotation):
        member, _ = _unwrap(member)
        field = _field_named(member, key) if _is_model(member) else None
        if field is not None and get_origin(field.annotation) is Literal:
            tags.extend(str(tag) for tag in get_args(field.annotation))
    return tags


def _unknown_keys_first(errors: list[Any]) -> list[Any]:
    """Pydantic lists an object's unknown keys after its other problems; a misspelt key explains
    the missing one, so each unknown key moves before the first problem inside its object."""
    out: list[Any] = []
    for error in errors:
        if error["type"] == "extra_forbidden":
            parent = tuple(error["loc"][:-1])
            at = next((i for i, e in enumerate(out) if e["type"] != "extra_forbidden"
                       and tuple(e["loc"][:len(parent)]) == parent), len(out))
            out.insert(at, error)
        else:
            out.append(error)
    return out


class Findings:
    """Every problem found in one input, each placed as `WHERE: JSON.PATH`."""

    def __init__(self, where: str = "") -> None:
        self.where = where
        self.problems: list[Problem] = []

    def add(self, path: str, message: str) -> None:
        self.problems.append(Problem(f"{self.where}: {path}" if self.where else path, message))

    def validate(self, model: type[M], data: Any, path: str = "", *,
                 context: dict[str, Any] | None = None) -> M | None:
        """`data` as `model`, or None after adding one sentence per problem (located under
        `path`, the JSON path of `data` in its file)."""
        try:
            return model.model_validate(data, context=context)
        except ValidationError as error:
            self.add_validation_error(error, model, path, context=context)
            return None

    def add_validation_error(self, error: ValidationError, model: type[BaseModel],
                             path: str = "", *, context: dict[str, Any] | None = None) -> None:
        for item in _unknown_keys_first(error.errors(include_url=False)):
            loc = tuple(item["loc"])
            if item["type"] == "extra_forbidden":
                shown = (*_place(model, loc[:-1])[2], loc[-1])
            else:
                shown = _place(model, loc)[2]
            where = json_path(path, shown) or "(top)"
            self.add(where, _sentence(model, item, _context(context)))

    def raise_if_any(self) -> None:
        if self.problems:
            raise InputError(self.problems)


# ---------------------------------------------------------------- JSON Schema


def _one_line(schema: Any) -> Any:
    """Descriptions taken from docstrings without their line breaks."""
    if isinstance(schema, dict):
        return {key: " ".join(value.split()) if key == "description" and isinstance(value, str)
                else _one_line(value) for key, value in schema.items()}
    if isinstance(schema, list):
        return [_one_line(item) for item in schema]
    return schema


class _Schema(GenerateJsonSchema):
    """Pydantic's schema without a title on every property (the key says it already)."""

    def field_title_should_be_set(self, schema: Any) -> bool:
        return False


def json_schema(model: type[BaseModel], *, schema_id: str, title: str,
                description: str) -> dict[str, JsonSchemaValue]:
    """The model's JSON Schema (draft 2020-12) with its id, title and description first."""
    body = _one_line(model.model_json_schema(schema_generator=_Schema))
    body.pop("title", None)
    body.pop("description", None)
    for definition in body.get("$defs", {}).values():
        definition.pop("title", None)  # the name under $defs says it
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": schema_id,
            "title": title, "description": description, **body}


MAX_NUMBER_DIGITS = 100


class _HugeNumber(ValueError):
    def __init__(self, digits: str) -> None:
        super().__init__(digits)
        self.digits = digits


def _parse_int(digits: str) -> int:
    if len(digits.lstrip("-")) > MAX_NUMBER_DIGITS:
        raise _HugeNumber(digits)
    return int(digits)


def parse_json(text: str, where: str) -> Any:
    """A user's JSON text parsed, or `InputError` with one located sentence: not JSON, nested
    too deeply, a number of more than a hundred digits (Python refuses those over 4,300 with a
    traceback), or a string holding a control character or a lone surrogate (`"\\ud800"`)."""
    import json

    try:
        data = json.loads(text, parse_int=_parse_int)
    except _HugeNumber as error:
        line = text[: max(text.find(error.digits), 0)].count("\n") + 1
        raise InputError([Problem(f"{where}:{line}", tr(
            "holds a number of {count} digits; numbers here have at most {limit}",
            count=len(error.digits.lstrip("-")), limit=MAX_NUMBER_DIGITS))]) from None
    except json.JSONDecodeError as error:
        raise InputError([Problem(f"{where}:{error.lineno}", tr(
            "is not valid JSON ({reason})", reason=error.msg))]) from None
    except RecursionError:
        raise InputError([Problem(where, tr("is nested too deeply to be read"))]) from None
    problems = list(_text_problems(data, where, "", depth=0))
    if problems:
        raise InputError(problems[:20])
    return data


def _text_problems(value: Any, where: str, path: str, depth: int) -> Any:
    from gensec_quiz.bank.textfiles import text_problem

    place = f"{where}: {path}" if path else where
    if isinstance(value, str):
        problem = text_problem(value)
        if problem is not None:
            yield Problem(place, problem)
    elif isinstance(value, dict):
        for key, item in value.items():
            problem = text_problem(key)
            if problem is not None:
                yield Problem(place, tr("a key {problem}", problem=problem))
                continue
            yield from _text_problems(item, where, f"{path}.{key}" if path else key, depth + 1)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _text_problems(item, where, f"{path}[{index}]", depth + 1)
