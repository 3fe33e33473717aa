"""The record-set format (`gensec-quiz/records`, version 1) as pydantic models.

The models check the shape of a file: types, required and unknown keys, allowed values (an
event's `kind`, the fields a quote `supports`, a resolution's `action`), dates that exist, at
least two values in a conflict. They also give the format's JSON Schema (`records_schema`,
written to `docs/schemas/records.schema.json`). The checks between values (unique ids, sources
and records that exist, an end not before its start, the preferred value among the values, one
conflict per field, a source's file or url) are written by hand in `records_json`, which reads
a file with these models first.

Keys are declared in the order the app writes them, so that an unknown-key sentence lists the
known keys in the documented order.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import ConfigDict, Field, WithJsonSchema

from gensec_quiz.bank.json_checks import (
    A_LIST,
    DateText,
    Expect,
    FormatModel,
    Text,
    date_problem,
    format_is,
    json_schema,
    says,
    version_is,
)
from gensec_quiz.domain.records import EVENT_KINDS, SUPPORTABLE_FIELDS, EventKind, Standing
from gensec_quiz.i18n import N_, tr

FORMAT = "gensec-quiz/records"
VERSION = 1
SCHEMA_ID = "https://gensec-quiz.invalid/schemas/records.schema.json"
_DATE_PATTERN = r"^[0-9]{1,4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$"
# The app refuses a day that does not exist (1953-02-29); the schema's pattern cannot.
_DATE_SCHEMA = WithJsonSchema({"type": "string", "pattern": _DATE_PATTERN})

# ---------------------------------------------------------------- values


def _text_or_null(value: Any, _context: dict[str, Any]) -> str | None:
    return None if value is None or isinstance(value, str) else tr("must be text")


def _true_or_false(value: Any, _context: dict[str, Any]) -> str | None:
    return None if isinstance(value, bool) else tr("must be true or false")


def _date_or_null(value: Any, _context: dict[str, Any]) -> str | None:
    return None if value is None else date_problem(value)


def _names(value: Any) -> str | None:
    """Why `value` is not a list of non-empty texts (a quote's fields, an event's people)."""
    if isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value):
        return None
    return tr("must be a list of non-empty texts")


def _people(value: Any, _context: dict[str, Any]) -> str | None:
    return _names(value)


def _supports(value: Any, _context: dict[str, Any]) -> str | None:
    problem = _names(value)
    if problem is not None:
        return problem
    unknown = [name for name in value if name not in SUPPORTABLE_FIELDS]
    if unknown:
        return tr("'{name}' is not a field a quote can support; expected one of {fields}",
                  name=unknown[0], fields=", ".join(SUPPORTABLE_FIELDS))
    return None


def _kind(value: Any, _context: dict[str, Any]) -> str | None:
    if isinstance(value, str) and value in EVENT_KINDS:
        return None
    return tr("must be one of {kinds}", kinds=", ".join(EVENT_KINDS))


# Text that may be left out or null (read as empty).
OptionalText = Annotated[str | None, Expect(_text_or_null)]
Date = Annotated[DateText, _DATE_SCHEMA]
EndDate = Annotated[Annotated[str, _DATE_SCHEMA] | None, Expect(_date_or_null)]
Acting = Annotated[bool, Expect(_true_or_false)]


# ---------------------------------------------------------------- sources


class SourceModel(FormatModel):
    """A document the records come from; it needs a `file` or a `url`."""

    model_config = ConfigDict(json_schema_extra={"anyOf": [
        {"required": ["file"], "properties": {"file": {"type": "string"}}},
        {"required": ["url"], "properties": {"url": {"type": "string"}}},
    ]})

    id: Annotated[Text, Field(description="Unique among the sources; facts refer to it.")]
    title: Text
    file: Annotated[OptionalText, Field(description="The document's file name.")] = None
    url: Annotated[OptionalText, Field(description="Where the document was published.")] = None
    licence: Annotated[OptionalText, Field(examples=["CC BY-SA 4.0"])] = ""
    language: Annotated[OptionalText, Field(
        description="The document's language (empty or absent: en).")] = "en"
    lineage: Annotated[OptionalText, Field(
        description="Documents of one lineage (renderings of one article) count as one "
                    "independent witness; absent: the document is its own witness.")] = ""


class RefModel(FormatModel):
    """A source that supports a fact, with the exact words it came from."""

    source: Annotated[Text, Field(description="The id of one of the record set's sources.")]
    quote: Annotated[Text, Field(description="Exact text from that source.")]
    supports: Annotated[
        list[Annotated[str, WithJsonSchema({"enum": list(SUPPORTABLE_FIELDS)})]],
        Expect(_supports),
        Field(description="The fields of the record this quote is cited for; the quote "
                          "contains the value it supports (optional in older files)."),
    ] = Field(default_factory=list)


Refs = Annotated[list[RefModel], A_LIST]


# ---------------------------------------------------------------- records


class OfficeModel(FormatModel):
    """A name the office bore over a period."""

    id: Annotated[Text, Field(description="Unique among all records.")]
    name: Text
    start: Date
    end: Annotated[EndDate, Field(description="null while the name is still in use.")] = None
    note: OptionalText = ""
    sources: Refs = Field(default_factory=list)


class TenureModel(FormatModel):
    """One person holding one office from start to end (null while ongoing)."""

    id: Annotated[Text, Field(description="Unique among all records.")]
    person: Text
    office: Text
    start: Date
    end: Annotated[EndDate, Field(description="null while ongoing; never before start.")
                   ] = None
    end_reason: OptionalText = ""
    acting: Annotated[Acting, Field(
        description="Whether the person only acted in the office.")] = False
    note: OptionalText = ""
    sources: Refs = Field(default_factory=list)


class EventModel(FormatModel):
    """Something that happened, dated as precisely as its sources date it; with an end, a span
    from date to end."""

    id: Annotated[Text, Field(description="Unique among all records.")]
    date: Date
    end: Annotated[EndDate, Field(
        description="The end of a span (1988–89, a congress that lasted days); after date.")
                   ] = None
    kind: Annotated[EventKind, Expect(_kind)] = "other"
    text: Annotated[Text, Field(
        description="What happened, with who and what, as a present-tense headline.")]
    people: Annotated[list[Text], Expect(_people), Field(
        description="The people the event is about.")] = Field(default_factory=list)
    asked: Annotated[OptionalText, Field(
        description="The event as a question asks about it: the words after 'In what "
                    "year'.")] = ""
    detail: Annotated[OptionalText, Field(
        description="A sentence or two of context for the explanation after an answer.")] = ""
    standing: Annotated[Standing, Field(
        description="How central the event is to the office's story: core, secondary (a "
                    "detail a keen learner meets) or context (the state or another office).")
                        ] = "core"
    note: OptionalText = ""
    sources: Refs = Field(default_factory=list)


# ---------------------------------------------------------------- conflicts


def _conflict_value(value: Any, _context: dict[str, Any]) -> str | None:
    if value is None or isinstance(value, str | bool):
        return None
    return tr("must be text, true, false or null")


def _preferred(value: Any, _context: dict[str, Any]) -> str | None:
    return None if isinstance(value, str | bool) else tr("a preferred value is needed")


def _values(value: Any, _context: dict[str, Any]) -> str | None:
    if isinstance(value, list):
        return tr("a conflict needs at least two values")
    return tr("must be a list")


ConflictValueText = Annotated[str | bool | None, Expect(
    _conflict_value, missing=says(N_("is missing (text, true, false or null)")))]


class ValueModel(FormatModel):
    """One value that some sources give for the disputed field."""

    value: ConflictValueText
    sources: Refs = Field(default_factory=list)


class PreferModel(FormatModel):
    """Questions use the preferred value, one of the conflict's values."""

    action: Literal["prefer"]
    value: Annotated[str | bool, Expect(_preferred)]
    reason: Text


class AvoidModel(FormatModel):
    """Questions never ask about the disputed field."""

    action: Literal["avoid"]
    value: Annotated[ConflictValueText, Field(description="Ignored.")] = None
    reason: Text


Resolution = Annotated[
    PreferModel | AvoidModel, Field(discriminator="action"),
    Expect(says(N_("must say an action, 'prefer' or 'avoid', and a reason")), check=False),
]


class ConflictModel(FormatModel):
    """Documents disagree about one field of one record."""

    subject: Annotated[Text, Field(description="The id of a tenure, event or office.")]
    field: Annotated[Text, Field(description="The disputed field, such as start.")]
    values: Annotated[list[ValueModel], Field(min_length=2), Expect(
        _values, check=False, missing=says(N_("a conflict needs at least two values")))]
    resolution: Resolution


# ---------------------------------------------------------------- the record set


def _language(value: Any, _context: dict[str, Any]) -> str | None:
    return None if isinstance(value, str) else tr("must be a language code such as 'en'")


# The lists of a record set, in the order they are written and read.
LISTS = ("sources", "offices", "tenures", "events", "conflicts")


class RecordSetModel(FormatModel):
    """A record set as a file holds it; the lists may be left out when empty."""

    format: Annotated[Literal["gensec-quiz/records"], format_is(FORMAT)]
    version: Annotated[Literal[1], version_is(VERSION)]
    id: Annotated[Text, Field(description="The id question sets refer to.")]
    title: Text
    language: Annotated[str, Expect(_language), Field(
        description="Language of the records, such as en or fr.")] = "en"
    sources: Annotated[list[SourceModel], A_LIST] = Field(default_factory=list)
    offices: Annotated[list[OfficeModel], A_LIST] = Field(default_factory=list)
    tenures: Annotated[list[TenureModel], A_LIST] = Field(default_factory=list)
    events: Annotated[list[EventModel], A_LIST] = Field(default_factory=list)
    conflicts: Annotated[list[ConflictModel], A_LIST] = Field(default_factory=list)


def records_schema() -> dict[str, Any]:
    """The JSON Schema of the format, as `docs/schemas/records.schema.json` holds it."""
    return json_schema(
        RecordSetModel, schema_id=SCHEMA_ID, title="GenSec Quiz record set",
        description="Who held which office when, what happened when, and which document says "
                    f"so (format {FORMAT}, version {VERSION}). See docs/formats.md. Written "
                    "from the app's models (gensec_quiz.bank.record_set_model); the app checks "
                    "a few things a schema cannot: dates that exist; unique ids; sources and "
                    "records that exist; an end not before its start; the preferred value "
                    "among the conflict's values; one conflict per field of a record.")
