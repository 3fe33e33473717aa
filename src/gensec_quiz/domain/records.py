"""The record set: who held which office when, what happened when, and who says so."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, NewType

from gensec_quiz.domain.dates import PartialDate

RecordId = NewType("RecordId", str)
SourceId = NewType("SourceId", str)

ConflictValue = str | bool | None


@dataclass(frozen=True, slots=True)
class Source:
    """A document the records come from."""

    id: SourceId
    title: str
    file: str | None = None
    url: str | None = None
    licence: str = ""
    language: str = "en"


@dataclass(frozen=True, slots=True)
class SourceRef:
    """A source and the exact words in it that support a fact."""

    source: SourceId
    quote: str


@dataclass(frozen=True, slots=True)
class Tenure:
    """One person holding one office from `start` to `end` (None while ongoing)."""

    id: RecordId
    person: str
    office: str
    start: PartialDate
    end: PartialDate | None = None
    end_reason: str = ""
    acting: bool = False
    note: str = ""
    sources: tuple[SourceRef, ...] = ()


@dataclass(frozen=True, slots=True)
class OfficeName:
    """A name the office bore over a period."""

    id: RecordId
    name: str
    start: PartialDate
    end: PartialDate | None = None
    note: str = ""
    sources: tuple[SourceRef, ...] = ()


@dataclass(frozen=True, slots=True)
class Event:
    """A dated event."""

    id: RecordId
    date: PartialDate
    text: str
    note: str = ""
    sources: tuple[SourceRef, ...] = ()


@dataclass(frozen=True, slots=True)
class ConflictOption:
    """One value that some sources give for a disputed field."""

    value: ConflictValue
    sources: tuple[SourceRef, ...]


@dataclass(frozen=True, slots=True)
class Resolution:
    """How questions treat a conflict: prefer one value (and why), or avoid the field."""

    action: Literal["prefer", "avoid"]
    reason: str
    value: ConflictValue = None


@dataclass(frozen=True, slots=True)
class Conflict:
    """Documents disagree about one field of one record."""

    subject: RecordId
    field: str
    values: tuple[ConflictOption, ...]
    resolution: Resolution

    @property
    def avoided(self) -> bool:
        return self.resolution.action == "avoid"


Record = Tenure | Event | OfficeName


@dataclass(frozen=True, slots=True)
class RecordSet:
    """Everything the questions are generated from."""

    id: str
    title: str
    language: str = "en"
    sources: tuple[Source, ...] = ()
    offices: tuple[OfficeName, ...] = ()
    tenures: tuple[Tenure, ...] = ()
    events: tuple[Event, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    _index: dict[str, Record] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        records: list[Record] = [*self.offices, *self.tenures, *self.events]
        for record in records:
            self._index[record.id] = record

    def record(self, record_id: str) -> Record:
        return self._index[record_id]

    def has_record(self, record_id: str) -> bool:
        return record_id in self._index

    def source(self, source_id: str) -> Source | None:
        return next((s for s in self.sources if s.id == source_id), None)

    def conflicts_for(self, record_id: str, field_name: str | None = None) -> tuple[Conflict, ...]:
        return tuple(
            c
            for c in self.conflicts
            if c.subject == record_id and (field_name is None or c.field == field_name)
        )

    def is_disputed(self, record_id: str, field_name: str) -> bool:
        return bool(self.conflicts_for(record_id, field_name))
