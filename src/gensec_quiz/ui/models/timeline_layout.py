"""Where each record goes on the timeline: lanes, spans in fractional years, fuzzy ends.

Plain data, no Qt: the view only turns years into pixels. A date known to the year or month
covers a range; a disputed date covers every value the sources give. Both are `fuzzy` spans
that the view draws hatched.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from html import escape
from typing import Literal

from gensec_quiz.domain.dates import DateError, PartialDate
from gensec_quiz.domain.records import (
    Event,
    OfficeName,
    RecordSet,
    SourceRef,
    Tenure,
)
from gensec_quiz.i18n import tr
from gensec_quiz.ui.models.records import date_text, value_text

LaneKind = Literal["offices", "events", "tenures"]
EntryKind = Literal["office", "event", "tenure"]
LanesBy = Literal["person", "office"]
EVENT_ROWS = 3


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of time in fractional years (1953.5 is the middle of 1953)."""

    start: float
    end: float


@dataclass(frozen=True, slots=True)
class Lane:
    title: str
    kind: LaneKind


@dataclass(frozen=True, slots=True)
class Entry:
    """One record on one lane."""

    record_id: str
    kind: EntryKind
    lane: int
    span: Span
    label: str
    tooltip: str
    fuzzy: tuple[Span, ...] = ()
    disputed: bool = False
    ongoing: bool = False


@dataclass(frozen=True, slots=True)
class TimelineLayout:
    lanes: tuple[Lane, ...]
    entries: tuple[Entry, ...]
    first_year: int
    last_year: int

    def entry(self, record_id: str) -> Entry | None:
        return next((e for e in self.entries if e.record_id == record_id), None)


def year_fraction(day: dt.date) -> float:
    """A calendar day as a fractional year."""
    start = dt.date(day.year, 1, 1)
    length = (dt.date(day.year + 1, 1, 1) - start).days
    return day.year + (day - start).days / length


def _early(date: PartialDate) -> float:
    return year_fraction(date.earliest())


def _late(date: PartialDate) -> float:
    return year_fraction(date.latest() + dt.timedelta(days=1))


def _dates(values: list[object]) -> list[PartialDate]:
    found = []
    for value in values:
        if isinstance(value, str):
            try:
                found.append(PartialDate.parse(value))
            except DateError:
                continue
    return found


def fuzzy_span(records: RecordSet, record_id: str, field: str, date: PartialDate) -> Span | None:
    """The range a date might be in: its imprecision, widened by every disputed value."""
    conflicts = records.conflicts_for(record_id, field)
    candidates = [date, *_dates([o.value for c in conflicts for o in c.values])]
    low = min(_early(d) for d in candidates)
    high = max(_late(d) for d in candidates)
    if not conflicts and date.precision == "day":
        return None
    return Span(low, high)


# ---------------------------------------------------------------- tooltips


def _quote_html(records: RecordSet, refs: tuple[SourceRef, ...]) -> str:
    parts = []
    for ref in refs[:2]:
        source = records.source(ref.source)
        title = source.title if source is not None else ref.source
        parts.append(f"<p>“{escape(ref.quote)}”<br><i>— {escape(title)}</i></p>")
    return "".join(parts)


def _dispute_html(records: RecordSet, record_id: str) -> str:
    lines = []
    for conflict in records.conflicts_for(record_id):
        values = ", ".join(value_text(o.value) for o in conflict.values)
        lines.append(tr("⚠ Disputed {field}: {values}", field=conflict.field, values=values))
    return "".join(f"<p>{escape(line)}</p>" for line in lines)


def tooltip_html(records: RecordSet, record: Tenure | OfficeName | Event) -> str:
    """The tooltip of a record: what, when, the note, disputes and the source quotes."""
    if isinstance(record, Tenure):
        acting = tr(" (acting)") if record.acting else ""
        head = f"<b>{escape(record.person)}</b>{escape(acting)}<br>{escape(record.office)}"
        when = tr("{start} – {end}", start=date_text(record.start), end=date_text(record.end))
        if record.end_reason:
            when += f" ({record.end_reason})"
    elif isinstance(record, OfficeName):
        head = tr("Office name: {name}", name=f"<b>{escape(record.name)}</b>")
        when = tr("{start} – {end}", start=date_text(record.start), end=date_text(record.end))
    else:
        head = f"<b>{escape(record.text)}</b>"
        when = date_text(record.date)
    note = f"<p>{escape(record.note)}</p>" if record.note else ""
    return (f"<qt><p>{head}<br>{escape(when)}</p>{note}"
            f"{_dispute_html(records, record.id)}{_quote_html(records, record.sources)}</qt>")


# ---------------------------------------------------------------- layout


def _span(start: PartialDate, end: PartialDate | None, last: float) -> Span:
    return Span(_early(start), _late(end) if end is not None else last)


def _bounds(records: RecordSet) -> tuple[int, int]:
    dates = [t.start for t in records.tenures] + [t.end for t in records.tenures if t.end]
    dates += [e.date for e in records.events] + [o.start for o in records.offices]
    dates += [o.end for o in records.offices if o.end]
    if not dates:
        return 1900, 2000
    return min(d.year for d in dates) - 1, max(d.year for d in dates) + 2


def _tenure_lanes(records: RecordSet, lanes_by: LanesBy) -> list[str]:
    ordered = sorted(records.tenures, key=lambda t: t.start.sort_key())
    keys = [t.person if lanes_by == "person" else t.office for t in ordered]
    return list(dict.fromkeys(keys))


def _entry_label(tenure: Tenure, lanes_by: LanesBy) -> str:
    if tenure.end is None:
        years = f"{tenure.start.year}–"
    elif tenure.end.year == tenure.start.year:  # not '1919–1919'
        years = str(tenure.start.year)
    else:
        years = f"{tenure.start.year}–{tenure.end.year}"
    return years if lanes_by == "person" else tenure.person.split()[-1]


def _fuzzy(records: RecordSet, record: Tenure | OfficeName | Event) -> tuple[Span, ...]:
    if isinstance(record, Event):
        pairs = [("date", record.date)]
    else:
        pairs = [("start", record.start)] + ([("end", record.end)] if record.end else [])
    spans = [fuzzy_span(records, record.id, field, date) for field, date in pairs]
    return tuple(s for s in spans if s is not None)


def _disputed(records: RecordSet, record: Tenure | OfficeName | Event) -> bool:
    return bool(records.conflicts_for(record.id))


def _event_rows(events: list[Event]) -> list[int]:
    """A row for each event so that nearby marks do not sit on top of each other."""
    last: list[float] = [-1e9] * EVENT_ROWS
    rows = []
    for event in events:
        at = _early(event.date)
        row = next((r for r in range(EVENT_ROWS) if at - last[r] >= 1.5), 0)
        if at - last[row] < 1.5:
            row = min(range(EVENT_ROWS), key=lambda r: last[r])
        last[row] = at
        rows.append(row)
    return rows


def _office_entries(records: RecordSet, axis_end: float) -> list[Entry]:
    return [
        Entry(office.id, "office", 0, _span(office.start, office.end, axis_end), office.name,
              tooltip_html(records, office), _fuzzy(records, office), _disputed(records, office),
              office.end is None)
        for office in records.offices
    ]


def _event_entries(records: RecordSet, axis_end: float, rows: list[int]) -> list[Entry]:
    events = sorted(records.events, key=lambda e: e.date.sort_key())
    return [
        Entry(event.id, "event", 1 + row, _span(event.date, event.date, axis_end), event.text,
              tooltip_html(records, event), _fuzzy(records, event), _disputed(records, event))
        for event, row in zip(events, rows, strict=True)
    ]


def _tenure_entries(
    records: RecordSet, axis_end: float, lanes_by: LanesBy, keys: list[str], base: int
) -> list[Entry]:
    entries = []
    for tenure in sorted(records.tenures, key=lambda t: t.start.sort_key()):
        key = tenure.person if lanes_by == "person" else tenure.office
        entries.append(Entry(
            tenure.id, "tenure", base + keys.index(key), _span(tenure.start, tenure.end, axis_end),
            _entry_label(tenure, lanes_by), tooltip_html(records, tenure),
            _fuzzy(records, tenure), _disputed(records, tenure), tenure.end is None,
        ))
    return entries


def layout_timeline(records: RecordSet, *, lanes_by: LanesBy = "person") -> TimelineLayout:
    """Lanes and entries for a record set: office names, events, then one lane per person."""
    first, last_year = _bounds(records)
    axis_end = float(last_year)
    keys = _tenure_lanes(records, lanes_by)
    rows = _event_rows(sorted(records.events, key=lambda e: e.date.sort_key()))
    event_rows = max(rows, default=0) + 1
    lanes = [Lane(tr("Office names"), "offices")]
    lanes += [Lane(tr("Events") if r == 0 else "", "events") for r in range(event_rows)]
    lanes += [Lane(key, "tenures") for key in keys]
    entries = [
        *_office_entries(records, axis_end),
        *_event_entries(records, axis_end, rows),
        *_tenure_entries(records, axis_end, lanes_by, keys, 1 + event_rows),
    ]
    return TimelineLayout(tuple(lanes), tuple(entries), first, last_year)
