"""Tenures: the table's rows, with every other document's word on them attached or disputed."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from gensec_quiz.domain.dates import PartialDate
from gensec_quiz.domain.records import Conflict, ConflictOption, OfficeName, RecordId, Tenure
from gensec_quiz.extraction.citations import cite, merge_refs
from gensec_quiz.extraction.events import BuiltEvent
from gensec_quiz.extraction.model import Fact
from gensec_quiz.extraction.resolve import Explain, human, prefer_table
from gensec_quiz.extraction.values import Option, compatible, merge_dates, ordered
from gensec_quiz.extraction.witnesses import TABLE_RULE, Witnesses, independent


@dataclass
class Row:
    """One row of the officeholder table and the facts attached to it."""

    index: int
    key: str
    person: str
    office: str
    heading: str
    start: PartialDate
    end: PartialDate
    table: dict[str, Fact]
    claims: dict[str, list[Fact]] = field(default_factory=lambda: defaultdict(list))

    def facts(self, name: str) -> list[Fact]:
        own = [self.table[name]] if name in self.table else []
        return [*own, *self.claims[name]]


def table_rows(facts: Sequence[Fact]) -> list[Row]:
    by_row: dict[int, dict[str, Fact]] = defaultdict(dict)
    for fact in facts:
        if fact.kind == "tenure" and fact.row is not None:
            by_row[fact.row][fact.field] = fact
    rows = []
    for index in sorted(by_row):
        t = by_row[index]
        rows.append(Row(index, t["person"].subject, t["person"].value, t["office"].value,
                        t["office"].attr("heading"), PartialDate.parse(t["start"].value),
                        PartialDate.parse(t["end"].value), t))
    return rows


def attach(rows: list[Row], facts: Sequence[Fact], office_names: set[str]) -> list[Fact]:
    """Give every other tenure fact to the row it speaks of; returns the facts left over."""
    left: list[Fact] = []
    for fact in ordered(facts):
        if fact.kind != "tenure" or fact.row is not None:
            continue
        row = _row_for(rows, fact, office_names)
        if row is None:
            left.append(fact)
            continue
        if fact.field in ("start", "end") and not fact.value:
            if not fact.attr("office"):
                continue
            # 'She was elected Responsible Secretary' (no date) still names the title
            fact = replace(fact, field="office", value=fact.attr("office"))
        row.claims[fact.field].append(fact)
    return left


def _row_for(rows: list[Row], fact: Fact, office_names: set[str]) -> Row | None:
    mine = [r for r in rows if r.key == fact.subject]
    office = fact.value if fact.field == "office" else fact.attr("office")
    same = [r for r in mine if office and r.office == office]
    if fact.field == "office":
        # a title the table does not give this person belongs to another tenure (Stasova was
        # Technical Secretary in 1917–1918, before her row as Responsible Secretary)
        return same[0] if same else None
    candidates = same or mine
    if not candidates:
        return None
    if fact.field == "end_reason" and fact.attr("date"):
        when = PartialDate.parse(fact.attr("date"))
        return next((r for r in candidates if compatible(r.end, when)), None)
    return candidates[0] if fact.field == "start" else candidates[-1]


def date_field(row: Row, name: str, explain: Explain, witnesses: Witnesses) -> Conflict | None:
    """A conflict when another witness gives a date the table's does not allow.

    When only the table's own witness says otherwise, the table stands and the other reading
    is dropped from the tenure's sources: one document at odds with itself is no dispute."""
    merged = merge_dates(row.facts(name))
    table_value = row.start if name == "start" else row.end
    if not merged.disputed:
        return None
    table = next(o for o in merged.options if o.value == table_value.iso())
    others = [o for o in merged.options if o is not table]
    if not independent((o.facts for o in merged.options), witnesses):
        dropped = {f for o in others for f in o.facts}
        row.claims[name] = [f for f in row.claims[name] if f not in dropped]
        return None
    what = f"the {'start' if name == 'start' else 'end'} of {row.person}'s tenure as {row.office}"
    resolution = prefer_table(what=what, table=table, others=others, witnesses=witnesses,
                              explain=explain)
    return Conflict(_id(row), name, tuple(ConflictOption(o.value, o.cited(name))
                                          for o in merged.options), resolution)


def office_field(row: Row, offices: Sequence[OfficeName], witnesses: Witnesses
                 ) -> Conflict | None:
    """A conflict when another witness gives this person another of the office's names."""
    by_value: dict[str, list[Fact]] = defaultdict(list)
    for fact in row.facts("office"):
        by_value[fact.value].append(fact)
    if len(by_value) < 2:
        return None
    options = [Option(v, tuple(fs)) for v, fs in sorted(by_value.items(),
                                                        key=lambda kv: kv[0] != row.office)]
    if not independent((o.facts for o in options), witnesses):
        return None

    def explain(value: str) -> str:
        period = next((o for o in offices if o.name == value and o.end is not None
                       and o.end.compare(row.start).value in ("before", "same", "unknown")), None)
        if period is None or period.end is None:
            return ""
        return (f" (the office's name in {period.start}–{period.end}, before this tenure "
                f"began on {human(row.start.iso())})")

    what = f"{row.person}'s title in the tenure that began on {human(row.start.iso())}"
    resolution = prefer_table(what=what, table=options[0], others=options[1:],
                              witnesses=witnesses, explain=explain)
    return Conflict(_id(row), "office", tuple(ConflictOption(o.value, o.cited("office"))
                                              for o in options), resolution)


def _id(row: Row) -> RecordId:
    return RecordId(f"tenure-{row.key}-{row.start.year:04d}")


def tenure_record(row: Row, *, end_reason: str, reason_refs: Sequence[Fact],
                  extra: Sequence[Fact]) -> Tenure:
    """The tenure, its table row first, every quote cited for the fields it supports."""
    acting = any(f.value == "true" for f in row.claims["acting"])
    died = ("end_reason",) if end_reason == "died" and "died" in row.table else ()
    own = cite([(row.table["person"], ("person", "start", "end", *died)),
                (row.table["office"], ("office",))])
    claims = cite([
        *((f, ("start",)) for f in row.claims["start"]),
        *((f, ("end",)) for f in row.claims["end"]),
        *((f, ("office",)) for f in row.claims["office"]),
        *((f, ("acting",)) for f in row.claims["acting"]),
        *((f, ("end_reason",)) for f in [*reason_refs, *extra]),
    ])
    return Tenure(
        id=_id(row), person=row.person, office=row.office, start=row.start, end=row.end,
        end_reason=end_reason, acting=acting, note=row.heading, sources=merge_refs(own, claims),
    )


REASON_ORDER = ("died", "removed", "resigned", "office abolished", "office renamed",
                "party suspended", "demoted", "replaced")


def end_reason(row: Row, end: PartialDate, rows: Sequence[Row], events: Sequence[BuiltEvent]
               ) -> tuple[str, list[Fact]]:
    """Why a tenure ended on `end`, from the table's † and the events the documents report."""
    found: dict[str, list[Fact]] = defaultdict(list)
    if "died" in row.table and end == row.end:
        found["died"].append(row.table["died"])
    following = rows[row.index + 1] if row.index + 1 < len(rows) else None
    for event in events:
        if event.ends and compatible(event.record.date, end) and \
                _ends_this(event, row, following):
            # another row of the table (the renamed office's first row) speaks of another
            # tenure; this row's own † is the table's word on a death
            found[event.ends].extend(f for f in event.facts if f.attr("rule") != TABLE_RULE)
    for fact in row.claims["end_reason"]:
        found[fact.value].append(fact)
    if following is not None and following.start == end and end == row.end:
        found["replaced"].append(following.table["person"])
    for reason in REASON_ORDER:
        if found.get(reason):
            return reason, found[reason]
    other = sorted(found)
    return (other[0], found[other[0]]) if other else ("", [])


def _ends_this(event: BuiltEvent, row: Row, following: Row | None) -> bool:
    if event.scope == "person":
        return event.person == row.key
    if event.ends == "office abolished":
        return event.office == row.office
    if event.ends == "office renamed":
        return event.office != row.office and following is not None \
            and following.office == event.office
    return event.scope == "party"
