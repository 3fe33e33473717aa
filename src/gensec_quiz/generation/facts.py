"""Dated facts: one date field of one record, with every value that the sources give."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field as dataclass_field

from gensec_quiz.domain.dates import PRECISIONS, DateError, Order, PartialDate, Precision
from gensec_quiz.domain.questions import BasisRef
from gensec_quiz.domain.records import (
    Conflict,
    Event,
    Record,
    RecordSet,
    SourceRef,
    Tenure,
)


@dataclass(frozen=True, slots=True)
class DateValue:
    """One value a date field has, and the sources that give it."""

    date: PartialDate
    sources: tuple[SourceRef, ...]


@dataclass(frozen=True, slots=True)
class DatedFact:
    """A date field of a record that questions may use.

    `values` holds every sourced value (one when undisputed, the record's own first);
    `lo`..`hi` spans all of them, so two facts whose spans do not overlap are in the same
    order whichever source is right.
    """

    record: str
    field: str
    date: PartialDate
    values: tuple[DateValue, ...]
    sources: tuple[SourceRef, ...]
    lo: dt.date
    hi: dt.date
    conflict: Conflict | None = None
    # An event's end when the sources give a span ("1988–89"): it happened from `date` to here.
    span: PartialDate | None = None
    key: str = dataclass_field(init=False, compare=False)
    every_source: tuple[SourceRef, ...] = dataclass_field(init=False, compare=False)

    def __post_init__(self) -> None:
        setattr_ = object.__setattr__
        setattr_(self, "key", f"{self.record}.{self.field}")
        if len(self.values) == 1 and self.values[0].sources is self.sources:
            setattr_(self, "every_source", self.sources)
        else:
            refs = [*self.sources, *(r for v in self.values for r in v.sources)]
            setattr_(self, "every_source", tuple(dict.fromkeys(refs)))

    @property
    def basis(self) -> BasisRef:
        """The fact as a question's basis (made when asked: most facts are never asked)."""
        return BasisRef(self.record, self.field)

    @property
    def disputed(self) -> bool:
        return len(self.values) > 1

    def ref(self) -> BasisRef:
        return self.basis

    def sort_key(self) -> tuple[dt.date, dt.date, str]:
        return (self.lo, self.hi, self.key)

    def is_before(self, other: DatedFact) -> bool:
        """True when every value of this fact is before every value of `other`."""
        return self.hi < other.lo

    def coarsest(self) -> Precision:
        """The finest precision that every sourced value supports."""
        return min((v.date.precision for v in self.values), key=PRECISIONS.index)

    def values_at(self, precision: Precision) -> tuple[PartialDate, ...]:
        """The distinct values at `precision`, the record's own first."""
        if len(self.values) == 1:
            if precision == "year":  # every start's year, for the matchings: made once
                return (_year_only(self.date.year),)
            return (self.date.truncate(precision),)
        seen = dict.fromkeys(v.date.truncate(precision) for v in self.values)
        return tuple(seen)

    def sources_for(self, value: PartialDate, precision: Precision) -> tuple[SourceRef, ...]:
        refs = (r for v in self.values if v.date.truncate(precision) == value for r in v.sources)
        return tuple(dict.fromkeys(refs))

    def all_sources(self) -> tuple[SourceRef, ...]:
        return self.every_source


@functools.cache
def _year_only(year: int) -> PartialDate:
    """`PartialDate(year)` (what `truncate("year")` makes), one for each year: a date is
    immutable, so the facts of a year share it."""
    return PartialDate(year)


ConflictIndex = Mapping[tuple[str, str], tuple[Conflict, ...]]


def conflict_index(records: RecordSet) -> dict[tuple[str, str], tuple[Conflict, ...]]:
    """The record set's conflicts by (record, field), looked up once instead of per fact."""
    index: dict[tuple[str, str], list[Conflict]] = defaultdict(list)
    for conflict in records.conflicts:
        index[(conflict.subject, conflict.field)].append(conflict)
    return {key: tuple(found) for key, found in index.items()}


def make_fact(conflicts: ConflictIndex, record: Record, field: str, value: PartialDate | None
              ) -> DatedFact | None:
    """The fact for one date field, or None when it is unknown, avoided or unreadable."""
    if value is None:
        return None
    found = conflicts.get((record.id, field), ()) if conflicts else ()
    refs = supporting(record.sources, field)
    if not found:
        return _undisputed(record.id, field, value, refs)
    own = DateValue(value, refs)
    conflict = found[0]
    if len(found) > 1 or conflict.avoided:
        return None
    values = _conflict_values(conflict)
    if values is None:
        return None
    if all(v.date != value for v in values):
        values = (own, *values)
    else:
        values = tuple(sorted(values, key=lambda v: v.date != value))
    lo = min(v.date.earliest() for v in values)
    hi = max(v.date.latest() for v in values)
    return DatedFact(record.id, field, value, values, refs, lo, hi, conflict)


_SLOTS = vars(DatedFact)
_SET_RECORD, _SET_FIELD, _SET_DATE, _SET_VALUES, _SET_SOURCES, _SET_LO, _SET_HI = (
    _SLOTS[name].__set__ for name in ("record", "field", "date", "values", "sources", "lo", "hi"))
_SET_CONFLICT, _SET_SPAN, _SET_KEY, _SET_EVERY = (
    _SLOTS[name].__set__ for name in ("conflict", "span", "key", "every_source"))
_SET_VALUE_DATE, _SET_VALUE_SOURCES = (
    vars(DateValue)[name].__set__ for name in ("date", "sources"))


def _undisputed(record: str, field: str, date: PartialDate, sources: tuple[SourceRef, ...]
                ) -> DatedFact:
    """`DatedFact(record, field, date, (DateValue(date, sources),), sources, date.earliest(),
    date.latest())`, made in a third of the time: a frozen dataclass sets each field through
    `object.__setattr__`, this through its slot, and a date known to the day or the year
    has its first and last day written out here. A record set of 10,000 tenures has 20,000
    such facts (tests/test_generation_speed_memo.py checks they are those the dataclass
    makes)."""
    year, month, day = date.year, date.month, date.day
    if day is not None and month is not None:
        lo = hi = dt.date(year, month, day)
    elif month is None:
        lo, hi = dt.date(year, 1, 1), dt.date(year, 12, 31)
    else:
        lo, hi = date.earliest(), date.latest()
    value: DateValue = object.__new__(DateValue)
    _SET_VALUE_DATE(value, date)
    _SET_VALUE_SOURCES(value, sources)
    fact: DatedFact = object.__new__(DatedFact)
    _SET_RECORD(fact, record)
    _SET_FIELD(fact, field)
    _SET_DATE(fact, date)
    _SET_VALUES(fact, (value,))
    _SET_SOURCES(fact, sources)
    _SET_LO(fact, lo)
    _SET_HI(fact, hi)
    _SET_CONFLICT(fact, None)
    _SET_SPAN(fact, None)
    _SET_KEY(fact, f"{record}.{field}")
    _SET_EVERY(fact, sources)  # one value, cited by the fact's own sources (__post_init__)
    return fact


def years_between_facts(start: DatedFact, end: DatedFact) -> tuple[int, int] | None:
    """`dates.years_between(start.date, end.date)` for two facts of one value each and no
    span, read from their first and last days (`lo`, `hi`: the value's) instead of working
    them out again (durations: every tenure's, when a question on a duration is written)."""
    most = _whole_years(start.lo, end.hi)
    if most < 0:
        return None
    return (max(_whole_years(start.hi, end.lo), 0), most)


def _whole_years(start: dt.date, end: dt.date) -> int:
    years = end.year - start.year
    return years - 1 if (end.month, end.day) < (start.month, start.day) else years


def supporting(refs: tuple[SourceRef, ...], field: str) -> tuple[SourceRef, ...]:
    """The quotes cited for `field` (or for the whole record): a fact cites only those."""
    for ref in refs:
        if ref.supports:
            break
    else:  # no quote says which fields it supports: each supports the whole record
        return refs
    fields = {field, "end"} if field == "date" else {field}
    return tuple(r for r in refs if not r.supports or fields & set(r.supports))


def _conflict_values(conflict: Conflict) -> tuple[DateValue, ...] | None:
    values = []
    for option in conflict.values:
        if not isinstance(option.value, str):
            return None
        try:
            values.append(DateValue(PartialDate.parse(option.value), option.sources))
        except DateError:
            return None
    return tuple(values)


def tenure_facts(conflicts: ConflictIndex, tenure: Tenure
                 ) -> tuple[DatedFact | None, DatedFact | None]:
    return (make_fact(conflicts, tenure, "start", tenure.start),
            make_fact(conflicts, tenure, "end", tenure.end))


def event_fact(conflicts: ConflictIndex, event: Event) -> DatedFact | None:
    fact = make_fact(conflicts, event, "date", event.date)
    if fact is None or event.end is None or event.end.sort_key() <= event.date.sort_key():
        return fact
    # A span: it ran until `end`, so it is surely before only what follows its end.
    return dataclasses.replace(fact, span=event.end, hi=max(fact.hi, event.end.latest()))


def order_of(a: DatedFact, b: DatedFact) -> Order:
    """BEFORE or AFTER only when every pair of sourced values agrees; else UNKNOWN or SAME."""
    orders = {x.date.compare(y.date) for x in a.values for y in b.values}
    return orders.pop() if len(orders) == 1 else Order.UNKNOWN
