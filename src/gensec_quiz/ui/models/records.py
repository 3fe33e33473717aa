"""Columns and wording for showing a record set in tables: tenures, offices, events, conflicts."""

from __future__ import annotations

from gensec_quiz.domain.dates import DateError, PartialDate
from gensec_quiz.domain.records import (
    Conflict,
    ConflictValue,
    Event,
    OfficeName,
    RecordSet,
    SourceRef,
    Tenure,
)
from gensec_quiz.i18n import date_words, tr
from gensec_quiz.ui.models.list_table import Column, Marker


def date_text(value: PartialDate | None) -> str:
    """A date as people read it; an ongoing end is shown as such."""
    if value is None:
        return tr("ongoing")
    return date_words(value.year, value.month, value.day)


def date_sort(value: PartialDate | None) -> str:
    return value.iso() if value is not None else "9999"


def value_text(value: ConflictValue) -> str:
    """A disputed value in words: a date read as a date, yes/no, or the text itself."""
    if value is None:
        return tr("(none)")
    if isinstance(value, bool):
        return tr("yes") if value else tr("no")
    try:
        date = PartialDate.parse(value)
        return date_words(date.year, date.month, date.day)
    except DateError:
        return value


def source_ids(refs: tuple[SourceRef, ...]) -> str:
    """The ids of the sources, each once, in order."""
    return ", ".join(dict.fromkeys(ref.source for ref in refs))


def record_label(records: RecordSet, record_id: str) -> str:
    """A short name for a record: a person and office, an office name, or an event's text."""
    if not records.has_record(record_id):
        return record_id
    record = records.record(record_id)
    if isinstance(record, Tenure):
        return tr("{person} ({office}, {start})", person=record.person, office=record.office,
                  start=record.start.year)
    if isinstance(record, OfficeName):
        return tr("Office name “{name}” from {start}", name=record.name,
                  start=date_text(record.start))
    return tr("{date}: {text}", date=date_text(record.date), text=record.text)


def conflict_values_text(records: RecordSet, conflict: Conflict) -> str:
    """Every disputed value with the documents that give it, one per line."""
    lines = []
    for option in conflict.values:
        titles = [_source_title(records, ref.source) for ref in option.sources]
        lines.append(tr("{value} — {sources}", value=value_text(option.value),
                        sources="; ".join(dict.fromkeys(titles)) or tr("no source")))
    return "\n".join(lines)


def resolution_text(conflict: Conflict) -> str:
    if conflict.resolution.action == "avoid":
        return tr("Avoided in questions: {reason}", reason=conflict.resolution.reason)
    return tr("Prefer {value}: {reason}", value=value_text(conflict.resolution.value),
              reason=conflict.resolution.reason)


def _source_title(records: RecordSet, source_id: str) -> str:
    source = records.source(source_id)
    return source.title if source is not None else source_id


def dispute_marker(records: RecordSet) -> Marker:
    """Flags a cell whose record field is disputed, with a tooltip naming values and sources."""

    def marker(item: object, field_name: str) -> str | None:
        record_id = getattr(item, "id", None)
        if not isinstance(record_id, str):
            return None
        conflicts = records.conflicts_for(record_id, field_name)
        if not conflicts:
            return None
        parts = [tr("Disputed: the documents disagree about this {field}.", field=field_name)]
        for conflict in conflicts:
            parts.append(conflict_values_text(records, conflict))
            parts.append(resolution_text(conflict))
        return "\n".join(parts)

    return marker


# ---------------------------------------------------------------- columns


def tenure_columns() -> list[Column[Tenure]]:
    return [
        Column(tr("Person"), lambda t: t.person, field="person"),
        Column(tr("Office"), lambda t: t.office, field="office"),
        Column(tr("Start"), lambda t: date_text(t.start), lambda t: date_sort(t.start), "start"),
        Column(tr("End"), lambda t: date_text(t.end), lambda t: date_sort(t.end), "end"),
        Column(tr("End reason"), lambda t: t.end_reason, field="end_reason"),
        Column(tr("Acting"), lambda t: tr("acting") if t.acting else "", field="acting"),
        Column(tr("Sources"), lambda t: source_ids(t.sources)),
    ]


def office_columns() -> list[Column[OfficeName]]:
    return [
        Column(tr("Name of the office"), lambda o: o.name, field="name"),
        Column(tr("From"), lambda o: date_text(o.start), lambda o: date_sort(o.start), "start"),
        Column(tr("Until"), lambda o: date_text(o.end), lambda o: date_sort(o.end), "end"),
        Column(tr("Sources"), lambda o: source_ids(o.sources)),
    ]


def event_columns() -> list[Column[Event]]:
    return [
        Column(tr("Date"), lambda e: date_text(e.date), lambda e: date_sort(e.date), "date"),
        Column(tr("Event"), lambda e: e.text, field="text"),
        Column(tr("Sources"), lambda e: source_ids(e.sources)),
    ]


def conflict_columns(records: RecordSet) -> list[Column[Conflict]]:
    return [
        Column(tr("Subject"), lambda c: record_label(records, c.subject)),
        Column(tr("Field"), lambda c: c.field),
        Column(tr("Values and their sources"), lambda c: conflict_values_text(records, c)),
        Column(tr("Resolution"), resolution_text),
    ]

