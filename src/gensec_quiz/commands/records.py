"""`gensec-quiz records [PATH ...] [--json]`: show a record set as a table or as JSON."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gensec_quiz.domain.records import Event, Tenure
from gensec_quiz.i18n import ntr, tr

if TYPE_CHECKING:
    from gensec_quiz.domain.records import Conflict, RecordSet, SourceRef


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "records",
        help=tr("show a record set (the built-in one by default)"),
        description=tr("Show a record set: the built-in one, a .json record set, "
                       "or teachers' tenure and event .csv files."),
    )
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                        help=tr("a .json record set, or one or more .csv files"))
    parser.add_argument("--json", action="store_true",
                        help=tr("print the record-set JSON format, with ids"))
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from gensec_quiz.bank.builtin import load_records
    from gensec_quiz.bank.records_json import dump_record_set

    records = load_records(args.paths)
    if args.json:
        print(dump_record_set(records), end="")
    else:
        print(render_records(records), end="")
    return 0


def render_records(records: RecordSet) -> str:
    """The record set as plain-text tables; disputed facts carry a `!` and are listed."""
    parts = [
        tr("Record set: {title} ({id})", title=records.title, id=records.id),
        "",
        *_sources(records),
        *_offices(records),
        *_tenures(records),
        *_events(records),
        *_conflicts(records),
    ]
    return "\n".join(parts) + "\n"


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """Left-aligned columns two spaces apart, a dashed rule under the header."""
    widths = [max([len(h), *(len(r[i]) for r in rows)]) for i, h in enumerate(header)]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()

    return [line(header), line(["-" * w for w in widths]), *(line(r) for r in rows)]


def _section(title: str, count: int, header: Sequence[str],
             rows: Sequence[Sequence[str]]) -> list[str]:
    heading = f"{title} ({count})"
    if not rows:
        return [heading, "  " + tr("(none)"), ""]
    return [heading, *("  " + line for line in table(header, rows)), ""]


def _refs(refs: tuple[SourceRef, ...]) -> str:
    return ", ".join(dict.fromkeys(r.source for r in refs))


def _date(value: object) -> str:
    return "" if value is None else str(value)


def _mark(records: RecordSet, record_id: str) -> str:
    fields = [c.field for c in records.conflicts_for(record_id)]
    return "! " + ", ".join(fields) if fields else ""


def _sources(records: RecordSet) -> list[str]:
    rows = [(s.id, s.title, s.file or s.url or "", s.licence) for s in records.sources]
    header = (tr("id"), tr("title"), tr("file or address"), tr("licence"))
    return _section(tr("Sources"), len(rows), header, rows)


def _offices(records: RecordSet) -> list[str]:
    rows = [(o.name, _date(o.start), _date(o.end), _refs(o.sources), _mark(records, o.id))
            for o in records.offices]
    header = (tr("name"), tr("from"), tr("to"), tr("sources"), tr("disputed"))
    return _section(tr("Names of the office"), len(rows), header, rows)


def _tenures(records: RecordSet) -> list[str]:
    rows = [
        (t.person, t.office, _date(t.start), _date(t.end) or tr("ongoing"),
         tr("acting") if t.acting else "", _refs(t.sources), _mark(records, t.id))
        for t in records.tenures
    ]
    header = (tr("person"), tr("office"), tr("start"), tr("end"), tr("acting"),
              tr("sources"), tr("disputed"))
    return _section(tr("Tenures"), len(rows), header, rows)


def _events(records: RecordSet) -> list[str]:
    rows = [(_date(e.date), e.text, _refs(e.sources), _mark(records, e.id))
            for e in records.events]
    header = (tr("date"), tr("event"), tr("sources"), tr("disputed"))
    return _section(tr("Events"), len(rows), header, rows)


def _conflicts(records: RecordSet) -> list[str]:
    count = len(records.conflicts)
    lines = [tr("Conflicts") + f" ({count})"]
    if count:
        lines.append("  " + ntr("The sources disagree about {count} field (marked ! above):",
                                "The sources disagree about {count} fields (marked ! above):",
                                count))
    else:
        lines.append("  " + tr("(none)"))
    for conflict in records.conflicts:
        lines.extend(_conflict(records, conflict))
    return lines


def _label(records: RecordSet, record_id: str) -> str:
    if not records.has_record(record_id):
        return ""
    record = records.record(record_id)
    if isinstance(record, Tenure):
        return f"{record.person}, {record.office}"
    return record.text if isinstance(record, Event) else record.name


def _conflict(records: RecordSet, conflict: Conflict) -> list[str]:
    label = _label(records, conflict.subject)
    lines = ["  ! " + tr("CONFLICT") + f" {conflict.subject}.{conflict.field}"
             + (f" ({label})" if label else "")]
    for option in conflict.values:
        lines.append(f"      {_value(option.value)}  [{_refs(option.sources)}]")
    resolution = conflict.resolution
    if resolution.action == "prefer":
        decided = tr("prefer {value}: {reason}", value=_value(resolution.value),
                     reason=resolution.reason)
    else:
        decided = tr("avoid in questions: {reason}", reason=resolution.reason)
    lines.append(f"      -> {decided}")
    return lines


def _value(value: object) -> str:
    if value is None:
        return tr("(none)")
    if isinstance(value, bool):
        return tr("yes") if value else tr("no")
    return str(value)
