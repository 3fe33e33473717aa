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
    # Documents of one lineage (three renderings of one Wikipedia article) are one witness:
    # agreement and disagreement are counted by lineage, never by file. Empty: its own lineage.
    lineage: str = ""

    @property
    def witness(self) -> str:
        """The independent witness this document belongs to."""
        return self.lineage or self.id


# The fields a quote can be cited for, across tenures, office names and events.
SUPPORTABLE_FIELDS: tuple[str, ...] = (
    "person", "office", "start", "end", "end_reason", "acting", "name", "date", "text", "people",
    "successor",
)


@dataclass(frozen=True, slots=True)
class SourceRef:
    """A source and the exact words in it that support a fact."""

    source: SourceId
    quote: str
    # The fields of the record this quote is cited for ("start", "end", "office", "date", ...);
    # empty for a quote that supports the record as a whole.
    supports: tuple[str, ...] = ()


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


EventKind = Literal[
    "congress",  # a party congress, and what it did
    "office",  # the post created, abolished, re-created, renamed or its role changed
    "death",
    "removal",  # someone removed or forced out of a post or of power
    "resignation",
    "appointment",  # someone elected or appointed to a post other than a tenure's start
    "leadership",  # who led: a troika, a de facto leader, the officeholder as leader of the country
    "party",  # the party itself: its monopoly, suspension, ban, successors
    "state",  # the Soviet state: revolutions, constitutions, the presidency, dissolution
    "other",
]
# How central an event is to the office's story: "core" is what a class learns about the office
# (a leader's rise or fall, the office created, renamed or abolished); "secondary" is a detail a
# keen learner meets (the 1917-21 Secretariat's workings); "context" is about the state or
# another office, told to place the office's story in time.
Standing = Literal["core", "secondary", "context"]
STANDINGS: tuple[Standing, ...] = ("core", "secondary", "context")
EVENT_KINDS: tuple[EventKind, ...] = (
    "congress", "office", "death", "removal", "resignation", "appointment", "leadership",
    "party", "state", "other",
)


@dataclass(frozen=True, slots=True)
class Event:
    """Something that happened, dated as precisely as its sources date it.

    `text` says what happened, with who and what, as a present-tense headline a teacher would
    write ("The 20th Party Congress hears Khrushchev denounce Stalin's cult of personality"), never
    only a name. `end` is set when the sources give a span ("1988–89", a congress that lasted
    days): the event then happened from `date` to `end`. `asked` is the event as a question asks
    about it, the words that follow "In what year" ("did Khrushchev denounce Stalin's cult of
    personality at the 20th Party Congress"); empty when no one has written it. `detail` is a
    sentence or two of context for the explanation after an answer. `standing` says how central
    the event is to the office's story (see `Standing`).
    """

    id: RecordId
    date: PartialDate
    text: str
    note: str = ""
    sources: tuple[SourceRef, ...] = ()
    end: PartialDate | None = None
    kind: EventKind = "other"
    people: tuple[str, ...] = ()
    asked: str = ""
    detail: str = ""
    standing: Standing = "core"

    @property
    def is_span(self) -> bool:
        return self.end is not None


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
