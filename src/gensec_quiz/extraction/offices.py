"""The office's names over time: from the lists of names (001, 003) and the table's sections."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from gensec_quiz.domain.dates import PartialDate
from gensec_quiz.domain.records import Conflict, ConflictOption, OfficeName, RecordId
from gensec_quiz.extraction.citations import cite, merge_refs
from gensec_quiz.extraction.events import BuiltEvent
from gensec_quiz.extraction.model import Fact
from gensec_quiz.extraction.resolve import prefer_majority
from gensec_quiz.extraction.text import slug
from gensec_quiz.extraction.values import compatible, merge_dates
from gensec_quiz.extraction.witnesses import Witnesses


@dataclass
class _Period:
    name: str
    starts: list[Fact] = field(default_factory=list)
    ends: list[Fact] = field(default_factory=list)
    support: list[Fact] = field(default_factory=list)
    heading: str = ""

    def start_year(self) -> int:
        return min(int(f.value[:4]) for f in self.starts)


def _sections(facts: Sequence[Fact]) -> list[_Period]:
    """Consecutive table rows under one heading: one period of one name, in years."""
    rows: dict[int, dict[str, Fact]] = {}
    for fact in facts:
        if fact.kind == "tenure" and fact.row is not None:
            rows.setdefault(fact.row, {})[fact.field] = fact
    periods: list[_Period] = []
    for index in sorted(rows):
        row = rows[index]
        office = row["office"]
        if not periods or periods[-1].heading != office.attr("heading"):
            periods.append(_Period(office.value, heading=office.attr("heading"),
                                   support=[office]))
        period = periods[-1]
        period.starts.append(_year(row["start"]))
        period.ends.append(_year(row["end"]))
    for period in periods:  # a section starts with its first row and ends with its last
        period.starts = period.starts[:1]
        period.ends = period.ends[-1:]
    return periods


def _year(fact: Fact) -> Fact:
    return replace(fact, value=fact.value[:4])


def _collect(facts: Sequence[Fact]) -> list[_Period]:
    periods = _sections(facts)
    for fact in facts:
        if fact.kind != "office" or fact.field != "start":
            continue
        period = next((p for p in periods if p.name == fact.subject
                       and p.start_year() == int(fact.value)), None)
        if period is None:
            period = _Period(fact.subject)
            periods.append(period)
        period.starts.append(fact)
        period.ends.extend(f for f in facts if f.kind == "office" and f.field == "end"
                           and f.subject == fact.subject and f.source == fact.source)
    for fact in facts:  # an end without a start ('Dissolved1991') ends the matching period
        if fact.kind == "office" and fact.field == "end" and not any(
                f.source == fact.source and f.field == "start" for f in facts
                if f.kind == "office" and f.subject == fact.subject):
            for period in periods:
                if period.name == fact.subject and any(
                        compatible(PartialDate.parse(fact.value), e.date or PartialDate(1))
                        for e in period.ends):
                    period.ends.append(fact)
    return periods


def build_offices(facts: Sequence[Fact], witnesses: Witnesses
                  ) -> tuple[list[OfficeName], list[Conflict]]:
    records: list[OfficeName] = []
    conflicts: list[Conflict] = []
    for period in _collect(facts):
        start = merge_dates(period.starts)
        end = merge_dates(period.ends)
        record_id = RecordId(f"office-{slug(period.name)}-{period.start_year()}")
        values: dict[str, PartialDate | None] = {}
        for name, merged in (("start", start), ("end", end)):
            values[name] = merged.value
            if merged.disputed:
                what = f"the {name} of the office's name {period.name}"
                resolution = prefer_majority(what=what, options=merged.options,
                                             witnesses=witnesses)
                conflicts.append(Conflict(record_id, name, tuple(
                    ConflictOption(o.value, o.cited(name)) for o in merged.options), resolution))
                chosen = resolution.value or merged.options[0].value
                values[name] = PartialDate.parse(str(chosen))
        first = values["start"]
        assert first is not None
        records.append(OfficeName(
            id=record_id, name=period.name, start=first, end=values["end"],
            note=period.heading,
            sources=cite([*((f, ("name",)) for f in period.support),
                          *((f, ("start",)) for f in period.starts),
                          *((f, ("end",)) for f in period.ends)]),
        ))
    records.sort(key=lambda o: (o.start.sort_key(), o.id))
    return records, conflicts


def support_offices(offices: Sequence[OfficeName], events: Sequence[BuiltEvent]
                    ) -> list[OfficeName]:
    """The events that open or close a name's period are sources for it too."""
    out = []
    for office in offices:
        name = slug(office.name)
        opening = [
            f for e in events for f in e.facts if f.date is not None
            and e.slug in (f"{name}-established", f"office-renamed-{name}")
            and compatible(f.date, office.start)
        ]
        closing = [
            f for e in events for f in e.facts if f.date is not None
            and e.slug == f"{name}-abolished" and office.end is not None
            and compatible(f.date, office.end)
        ]
        extra = cite([*((f, ("start",)) for f in opening), *((f, ("end",)) for f in closing)])
        out.append(replace(office, sources=merge_refs(office.sources, extra)))
    return out
