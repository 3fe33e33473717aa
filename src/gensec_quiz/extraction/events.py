"""Events: facts grouped by their slug, dates merged, disagreements kept as conflicts."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from gensec_quiz.domain.dates import PartialDate
from gensec_quiz.domain.records import (
    Conflict,
    ConflictOption,
    Event,
    OfficeName,
    RecordId,
    SourceRef,
    Tenure,
)
from gensec_quiz.extraction.citations import cite
from gensec_quiz.extraction.model import Fact
from gensec_quiz.extraction.resolve import Explain, prefer_majority
from gensec_quiz.extraction.values import compatible, merge_dates, ordered
from gensec_quiz.extraction.witnesses import Witnesses, independent

if TYPE_CHECKING:
    from gensec_quiz.extraction.tenures import Row


@dataclass(frozen=True, slots=True)
class BuiltEvent:
    """An event record and what the reconciler needs to know about it."""

    record: Event
    slug: str
    facts: tuple[Fact, ...]
    ends: str
    scope: str
    person: str
    office: str

    def mentions(self, surname: str) -> bool:
        return surname in self.record.text or any(surname in f.source.quote for f in self.facts)


def _cited(facts: Sequence[Fact]) -> tuple[SourceRef, ...]:
    """An event's quotes: a dated one is cited for the date, an undated one for what happened."""
    return cite((f, ("date",) if f.value else ("text",)) for f in facts)


def build_events(facts: Sequence[Fact], offices: Sequence[OfficeName], witnesses: Witnesses
                 ) -> tuple[list[BuiltEvent], list[Conflict]]:
    groups: dict[str, list[Fact]] = defaultdict(list)
    for fact in facts:
        if fact.kind == "event":
            groups[fact.subject].append(fact)
    built: list[BuiltEvent] = []
    conflicts: list[Conflict] = []
    for slug in sorted(groups):
        event, conflict = _build(slug, ordered(groups[slug]), offices, witnesses)
        if event is not None:
            built.append(event)
        if conflict is not None:
            conflicts.append(conflict)
    built.sort(key=lambda b: (b.record.date.sort_key(), b.record.id))
    return built, conflicts


def _build(slug: str, facts: list[Fact], offices: Sequence[OfficeName], witnesses: Witnesses
           ) -> tuple[BuiltEvent | None, Conflict | None]:
    merged = merge_dates(facts)
    if merged.disputed and not independent((o.facts for o in merged.options), witnesses):
        # one witness at odds with itself: its most precise, latest-listed reading stands
        stands = merged.options[-1]
        facts = [f for f in facts if not f.value or f in stands.facts or f in merged.neutral]
        merged = merge_dates(facts)
    texts = [f.attr("text") for f in facts if f.attr("text")]
    if not texts or (merged.value is None and not merged.disputed):
        return None, None  # mentioned, never dated: nothing to ask about
    conflict = None
    date = merged.value
    if merged.disputed:
        what = f"the date of “{texts[0]}”"
        resolution = prefer_majority(what=what, options=merged.options, witnesses=witnesses,
                                     explain=_office_began(offices))
        value = resolution.value if resolution.action == "prefer" else merged.options[0].value
        date = PartialDate.parse(str(value))
        conflict = (resolution, merged.options)
    assert date is not None
    keep = facts
    tagged = next((f for f in facts if f.attr("ends")), facts[0])
    record = Event(
        id=RecordId(f"event-{date.year:04d}-{slug}"), date=date, text=texts[0],
        note=_note(facts, date), sources=_cited(keep),
    )
    event = BuiltEvent(record, slug, tuple(keep), tagged.attr("ends"), tagged.attr("scope"),
                       tagged.attr("person"), tagged.attr("office"))
    if conflict is None:
        return event, None
    resolution, options = conflict
    return event, Conflict(record.id, "date", tuple(
        ConflictOption(o.value, o.cited("date")) for o in options), resolution)


def _note(facts: list[Fact], date: PartialDate) -> str:
    dating = [f for f in facts if f.value and f.date == date]
    if dating and all(f.attr("dated_by") == "table row" for f in dating):
        return ("The documents date this only through the officeholder table: the tenure "
                "that began at it gives the year.")
    spans = sorted({f.attr("span") for f in dating})
    if dating and all(spans):
        return f"The documents give a span ({'; '.join(spans)}); the date is its start."
    return ""


def _office_began(offices: Sequence[OfficeName]) -> Explain:
    """' (the year the office began as Responsible Secretary)' for a founding year."""
    def explain(value: str) -> str:
        names = [o.name for o in offices if o.start.iso() == value]
        return f" (the year the office began as {names[0]})" if names else ""
    return explain


def refine_events(events: Sequence[BuiltEvent], rows: Sequence[Row], tenures: Sequence[Tenure]
                  ) -> list[BuiltEvent]:
    """A removal or resignation the table dates to the day takes that day ('October 1964' ->
    '14 October 1964'), with the table row as one more source."""
    out = []
    for event in events:
        for row, tenure in zip(rows, tenures, strict=True):
            if event.scope != "person" or event.person != row.key or \
                    event.ends != tenure.end_reason or tenure.end is None:
                continue
            if compatible(event.record.date, tenure.end) and event.record.date != tenure.end \
                    and tenure.end.supports(event.record.date.precision):
                row_fact = row.table["end"]
                record = replace(event.record, date=tenure.end,
                                 sources=_cited([*event.facts, row_fact]))
                event = replace(event, record=record, facts=(*event.facts, row_fact))
        out.append(event)
    out.sort(key=lambda b: (b.record.date.sort_key(), b.record.id))
    return out
