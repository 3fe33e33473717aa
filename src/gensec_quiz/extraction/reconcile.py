"""Merging the facts of every seed into one record set, with its conflicts and resolutions."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from gensec_quiz.domain.dates import PartialDate
from gensec_quiz.domain.records import (
    Conflict,
    ConflictOption,
    OfficeName,
    RecordSet,
    Tenure,
)
from gensec_quiz.extraction.citations import trimmed
from gensec_quiz.extraction.events import BuiltEvent, build_events, refine_events
from gensec_quiz.extraction.model import Fact
from gensec_quiz.extraction.offices import build_offices, support_offices
from gensec_quiz.extraction.pipeline import Reading
from gensec_quiz.extraction.resolve import Explain, avoid, prefer_with_date
from gensec_quiz.extraction.seeds import describe
from gensec_quiz.extraction.tenures import (
    Row,
    attach,
    date_field,
    end_reason,
    office_field,
    table_rows,
    tenure_record,
)
from gensec_quiz.extraction.values import Option, compatible
from gensec_quiz.extraction.witnesses import Witnesses, independent

RECORD_SET_ID = "gensec"


@dataclass(frozen=True, slots=True)
class Extraction:
    """The record set, every fact it was built from, and remarks for the person running it."""

    records: RecordSet
    facts: tuple[Fact, ...]
    notes: tuple[str, ...] = ()


def witnesses_of(reading: Reading) -> Witnesses:
    witnesses = Witnesses()
    for p in reading.parsed:
        witnesses.add(p.seed.id, p.seed.kind)
    return witnesses


def reconcile(reading: Reading) -> Extraction:
    facts = reading.facts
    witnesses = witnesses_of(reading)
    offices, conflicts = build_offices(facts, witnesses)
    events, event_conflicts = build_events(facts, offices, witnesses)
    conflicts += event_conflicts
    rows = table_rows(facts)
    left = attach(rows, facts, {o.name for o in offices})
    tenures: list[Tenure] = []
    for row in rows:
        tenure, found = _tenure(row, rows, events, offices, witnesses)
        tenures.append(tenure)
        conflicts += found
    events = refine_events(events, rows, tenures)
    offices = support_offices(offices, events)
    conflicts += _claims(facts, offices, witnesses)
    languages = {str(p.seed.id): p.seed.language for p in reading.parsed}
    offices = [trimmed(o, languages) for o in offices]
    tenures = [trimmed(t, languages) for t in tenures]
    table = next(p for p in reading.parsed if p.seed.kind == "plaintext")
    records = RecordSet(
        id=RECORD_SET_ID, title=table.title, language="en",
        sources=tuple(describe(p.seed, p.title) for p in reading.parsed),
        offices=tuple(offices),
        tenures=tuple(sorted(tenures, key=lambda t: (t.start.sort_key(), t.id))),
        events=tuple(trimmed(e.record, languages) for e in events),
        conflicts=tuple(sorted(conflicts, key=lambda c: (c.subject, c.field))),
    )
    notes = [n for p in reading.parsed for n in p.notes]
    notes += [f"{f.source.source}: not attached to any tenure: {f.subject} {f.field} "
              f"'{f.value}'" for f in left]
    return Extraction(records, facts, tuple(notes))


def _tenure(row: Row, rows: list[Row], events: list[BuiltEvent], offices: list[OfficeName],
            witnesses: Witnesses) -> tuple[Tenure, list[Conflict]]:
    explain = _explain(row, events)
    conflicts: list[Conflict] = []
    start_conflict = date_field(row, "start", explain, witnesses)
    end_conflict = date_field(row, "end", explain, witnesses)
    office_conflict = office_field(row, offices, witnesses)
    reason, reason_facts = end_reason(row, row.end, rows, events)
    for found in (start_conflict, end_conflict, office_conflict):
        if found is not None:
            conflicts.append(found)
    extra: list[Fact] = []
    if end_conflict is not None:
        reason_conflict, extra = _reason_conflict(row, end_conflict, rows, events, reason,
                                                  witnesses)
        if reason_conflict is not None:
            conflicts.append(reason_conflict)
    tenure = tenure_record(row, end_reason=reason, reason_refs=reason_facts, extra=extra)
    return tenure, conflicts


def _reason_conflict(row: Row, end_conflict: Conflict, rows: list[Row],
                     events: list[BuiltEvent], table_reason: str, witnesses: Witnesses
                     ) -> tuple[Conflict | None, list[Fact]]:
    """When another end date brings another reason (abolished v. died), that is disputed too."""
    by_reason: dict[str, list[Fact]] = defaultdict(list)
    dates: dict[str, str] = {}
    for option in end_conflict.values:
        when = PartialDate.parse(str(option.value))
        reason, facts = end_reason(row, when, rows, events)
        if reason:
            by_reason[reason].extend(facts)
            dates.setdefault(reason, when.iso())
    if len(by_reason) < 2 or table_reason not in by_reason or \
            not independent(by_reason.values(), witnesses):
        return None, []
    options = [Option(table_reason, tuple(by_reason[table_reason]))]
    options += [Option(r, tuple(fs)) for r, fs in sorted(by_reason.items()) if r != table_reason]
    what = f"how {row.person}'s tenure as {row.office} ended"
    resolution = prefer_with_date(what=what, preferred=options[0], others=options[1:],
                                  dates=dates, witnesses=witnesses)
    conflict = Conflict(end_conflict.subject, "end_reason",
                        tuple(ConflictOption(o.value, o.cited("end_reason")) for o in options),
                        resolution)
    return conflict, [f for o in options[1:] for f in o.facts]


def _explain(row: Row, events: Sequence[BuiltEvent]) -> Explain:
    """Name the events that fall on another source's date for this tenure."""
    surname = row.person.split()[-1]

    def explain(value: str) -> str:
        date = PartialDate.parse(value)
        hits = [e for e in events if e.person == row.key and (
            e.record.date == date if date.precision == "day"
            else compatible(e.record.date, date) and e.mentions(surname))]
        if not hits:
            return ""
        said = "; ".join(f"{e.record.date.human()}: {e.record.text}" for e in hits)
        return f" ({said})"
    return explain


def _claims(facts: Sequence[Fact], offices: Sequence[OfficeName], witnesses: Witnesses
            ) -> list[Conflict]:
    """Things no record holds but documents disagree on (the office's successor)."""
    by_value: dict[str, list[Fact]] = defaultdict(list)
    for fact in facts:
        if fact.kind == "claim" and fact.field == "successor":
            by_value[fact.value].append(fact)
    if len(by_value) < 2 or not offices or not independent(by_value.values(), witnesses):
        return []
    last = max(offices, key=lambda o: ((o.end or o.start).sort_key(), o.id))
    options = [Option(v, tuple(fs)) for v, fs in sorted(by_value.items())]
    resolution = avoid(what="what succeeded the office", options=options, witnesses=witnesses)
    return [Conflict(last.id, "successor", tuple(ConflictOption(o.value, o.cited("successor"))
                                                  for o in options), resolution)]
