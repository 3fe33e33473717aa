"""The detail text of one record or conflict: its note, its sources' quotes, its disputes."""

from __future__ import annotations

from html import escape

from gensec_quiz.domain.records import (
    Conflict,
    Event,
    OfficeName,
    RecordSet,
    SourceRef,
    Tenure,
)
from gensec_quiz.i18n import tr
from gensec_quiz.ui.models.records import (
    date_text,
    record_label,
    resolution_text,
    value_text,
)


def details_html(records: RecordSet, item: object) -> str:
    """HTML for the detail pane: what the record says, then each source's title and quote."""
    if isinstance(item, Conflict):
        return _conflict_html(records, item)
    if not isinstance(item, Tenure | OfficeName | Event):
        return ""
    parts = [f"<h3>{escape(_heading(item))}</h3>"]
    if item.note:
        parts.append(f"<p>{escape(item.note)}</p>")
    parts.append(_refs_html(records, item.sources, tr("Sources")))
    for conflict in records.conflicts_for(item.id):
        parts.append(_conflict_html(records, conflict, nested=True))
    return "\n".join(parts)


def _heading(item: Tenure | OfficeName | Event) -> str:
    if isinstance(item, Tenure):
        acting = tr(" (acting)") if item.acting else ""
        return tr("{person}, {office}{acting}: {start} – {end}", person=item.person,
                  office=item.office, acting=acting, start=date_text(item.start),
                  end=date_text(item.end))
    if isinstance(item, OfficeName):
        return tr("{name}: {start} – {end}", name=item.name, start=date_text(item.start),
                  end=date_text(item.end))
    return tr("{date}: {text}", date=date_text(item.date), text=item.text)


def _refs_html(records: RecordSet, refs: tuple[SourceRef, ...], heading: str) -> str:
    if not refs:
        return "<p><i>" + escape(tr("No source is recorded.")) + "</i></p>"
    rows = [f"<h4>{escape(heading)}</h4>"]
    for ref in refs:
        rows.append(_ref_html(records, ref))
    return "\n".join(rows)


def _ref_html(records: RecordSet, ref: SourceRef) -> str:
    source = records.source(ref.source)
    title = source.title if source is not None else ref.source
    licence = f" · {escape(source.licence)}" if source is not None and source.licence else ""
    return (
        f"<p><b>{escape(title)}</b>{licence}</p>"
        f"<blockquote>“{escape(ref.quote)}”</blockquote>"
    )


def _conflict_html(records: RecordSet, conflict: Conflict, *, nested: bool = False) -> str:
    tag = "h4" if nested else "h3"
    head = tr("Disputed {field} of {subject}", field=conflict.field,
              subject=record_label(records, conflict.subject))
    parts = [f"<{tag}>⚠ {escape(head)}</{tag}>", f"<p>{escape(resolution_text(conflict))}</p>"]
    for option in conflict.values:
        label = tr("Value: {value}", value=value_text(option.value))
        parts.append(_refs_html(records, option.sources, label))
    return "\n".join(parts)
