"""Teachers' own records from spreadsheets: tenure and event CSV files, read and written.

Tenure files have the columns `person,office,start,end,end_reason,acting,note`; event files
`date,text,note`. A file is told apart by its header, accepted whole or refused with every
problem as `FILE:LINE: column: what is wrong`. See docs/formats.md.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from gensec_quiz.bank.csv_ids import IdMaker, slug
from gensec_quiz.bank.csv_read import CsvRow, CsvTable, at, normalise_column, read_csv_table
from gensec_quiz.bank.textfiles import text_problem
from gensec_quiz.domain.dates import DateError, PartialDate
from gensec_quiz.domain.errors import InputError, Problem
from gensec_quiz.domain.records import (
    Event,
    RecordId,
    RecordSet,
    Source,
    SourceId,
    SourceRef,
    Tenure,
)
from gensec_quiz.i18n import tr

TENURE_COLUMNS = ("person", "office", "start", "end", "end_reason", "acting", "note")
EVENT_COLUMNS = ("date", "text", "note")
ACTING_VALUES = {"true": True, "yes": True, "1": True, "false": False, "no": False, "0": False}
CSV_LICENCE = "teacher's own"


@dataclass(frozen=True, slots=True)
class _Kind:
    name: str
    columns: tuple[str, ...]
    required: tuple[str, ...]


TENURES = _Kind("tenure", TENURE_COLUMNS, ("person", "office", "start"))
EVENTS = _Kind("event", EVENT_COLUMNS, ("date", "text"))
ALL_COLUMNS = frozenset(TENURE_COLUMNS + EVENT_COLUMNS)


def load_records_csv(
    paths: Sequence[Path], *, record_set_id: str | None = None, title: str | None = None
) -> RecordSet:
    """Read tenure and event CSV files into one record set, or refuse them with every problem."""
    if not paths:
        raise InputError([Problem("", tr("no CSV file was given"))])
    loader = _Loader()
    for path in paths:
        loader.add_file(Path(path))
    if loader.problems:
        raise InputError(loader.problems)
    return RecordSet(
        id=record_set_id or slug(" ".join(Path(p).stem for p in paths), max_length=60),
        title=title or ", ".join(Path(p).name for p in paths),
        sources=tuple(loader.sources),
        tenures=tuple(loader.tenures),
        events=tuple(loader.events),
    )


class _Loader:
    """Collects records from several files and every problem found on the way."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.sources: list[Source] = []
        self.tenures: list[Tenure] = []
        self.events: list[Event] = []
        self.record_ids = IdMaker()
        self.source_ids = IdMaker()
        self.seen: dict[tuple[object, ...], tuple[str, int]] = {}
        self.files: set[object] = set()

    def fail(self, where: str, line: int, column: str, message: str) -> None:
        self.problems.append(Problem(at(where, line, column), message))

    def add_file(self, path: Path) -> None:
        if self.given_before(path):
            self.problems.append(Problem(str(path), tr(
                "is given more than once; give each file once (its records would be duplicated)")))
            return
        try:
            table = read_csv_table(path, known_columns=ALL_COLUMNS)
        except InputError as error:
            self.problems.extend(error.problems)
            return
        header = self.check_header(table)
        if header is None:
            return
        kind, columns = header
        source = Source(
            id=SourceId(self.source_ids.make(f"csv-{slug(path.stem)}")),
            title=path.name, file=path.name, licence=CSV_LICENCE,
        )
        self.sources.append(source)
        for row in table.rows:
            values = self.row_values(table, row, columns)
            if values is None:
                continue
            if kind is TENURES:
                self.add_tenure(table.where, row, values, source.id)
            else:
                self.add_event(table.where, row, values, source.id)

    def given_before(self, path: Path) -> bool:
        """Whether the same file (by its resolved path, or the same file on disk) came before."""
        try:
            key: object = path.resolve()
            stat = path.stat()
            key = (stat.st_dev, stat.st_ino) if stat.st_ino else key
        except (OSError, RuntimeError):
            return False  # reading it will say what is wrong
        if key in self.files:
            return True
        self.files.add(key)
        return False

    # ------------------------------------------------------------ header and fields

    def check_header(self, table: CsvTable) -> tuple[_Kind, list[str | None]] | None:
        """The file's kind and each header cell's column (None when unusable)."""
        names = [normalise_column(n) for n in table.header]
        kind = _kind_of(names)
        line = table.header_line
        if kind is None:
            self.fail(table.where, line, tr("(header)"), tr(
                "is neither a tenure header ({tenure}) nor an event header ({event})",
                tenure=",".join(TENURE_COLUMNS), event=",".join(EVENT_COLUMNS)))
            return None
        columns: list[str | None] = []
        for number, (raw, name) in enumerate(zip(table.header, names, strict=True), start=1):
            columns.append(self.check_column(table, kind, raw, name, number, columns))
        for name in kind.required:
            if name not in columns:
                self.fail(table.where, line, name, tr(
                    "required column is missing from the header"))
        return kind, columns

    def check_column(self, table: CsvTable, kind: _Kind, raw: str, name: str, number: int,
                     before: list[str | None]) -> str | None:
        line = table.header_line
        if not name:
            self.fail(table.where, line, tr("column {number}", number=number),
                      tr("has no name in the header"))
            return None
        if name not in kind.columns:
            self.fail(table.where, line, raw.strip(), tr(
                "unknown column; a {kind} file has the columns {columns}",
                kind=kind.name, columns=",".join(kind.columns)))
            return None
        if name in before:
            self.fail(table.where, line, raw.strip(), tr("appears twice in the header"))
            return None
        return name

    def row_values(self, table: CsvTable, row: CsvRow, columns: list[str | None]
                   ) -> dict[str, str] | None:
        """The row's cells by column name, or None (with a problem) if it has too few or many."""
        have, want = len(row.fields), len(columns)
        if have < want:
            missing = table.header[have].strip() or tr("column {number}", number=have + 1)
            self.fail(table.where, row.line, missing, tr(
                "missing: the row has {have} fields but the header has {want}",
                have=have, want=want))
            return None
        if have > want:
            extra = ", ".join(f for f in row.fields[want:] if f.strip())
            self.fail(table.where, row.line, tr("column {number}", number=want + 1), tr(
                "extra field: the row has {have} fields but the header has {want} ({extra})",
                have=have, want=want, extra=extra or tr("empty")))
            return None
        values = {
            name: unicodedata.normalize("NFC", value.strip())
            for name, value in zip(columns, row.fields, strict=True)
            if name is not None
        }
        refused = False
        for name, value in values.items():
            problem = text_problem(value)
            if problem is not None:
                self.fail(table.where, row.line, name, problem)
                refused = True
        return None if refused else values

    def required(self, where: str, line: int, values: dict[str, str], name: str) -> str:
        value = values.get(name)
        if value == "":
            self.fail(where, line, name, tr("is empty, but it is required"))
        return value or ""

    def date(self, where: str, line: int, values: dict[str, str], name: str,
             *, required: bool) -> PartialDate | None:
        text = self.required(where, line, values, name) if required else values.get(name, "")
        if not text:
            return None
        try:
            return PartialDate.parse(text)
        except DateError as error:
            from gensec_quiz.bank.json_checks import iso_date_problem  # pydantic: only here

            reason = iso_date_problem(text) or str(error)
            if text not in reason:
                reason = tr("'{text}' is not a real date: {reason}", text=text, reason=reason)
            self.fail(where, line, name, reason)
            return None

    def acting(self, where: str, line: int, values: dict[str, str]) -> bool:
        text = values.get("acting", "").lower()
        if text and text not in ACTING_VALUES:
            self.fail(where, line, "acting", tr(
                "'{value}' is not one of true, false, yes, no, 1, 0 (or empty for false)",
                value=values["acting"]))
        return ACTING_VALUES.get(text, False)

    # ------------------------------------------------------------ records

    def add_tenure(self, where: str, row: CsvRow, values: dict[str, str],
                   source: SourceId) -> None:
        before = len(self.problems)
        person = self.required(where, row.line, values, "person")
        office = self.required(where, row.line, values, "office")
        start = self.date(where, row.line, values, "start", required=True)
        end = self.date(where, row.line, values, "end", required=False)
        if start is not None and end is not None and end.is_before(start):
            self.fail(where, row.line, "end", tr(
                "{end} is before the start {start}", end=end.iso(), start=start.iso()))
        acting = self.acting(where, row.line, values)
        if len(self.problems) > before or start is None:
            return
        end_reason, note = values.get("end_reason", ""), values.get("note", "")
        key = ("tenure", person, office, start, end, end_reason, acting, note)
        if self.is_duplicate(key, where, row.line):
            return
        record_id = self.record_ids.make(f"tenure-{slug(person)}-{start.year:04d}")
        self.tenures.append(Tenure(
            id=RecordId(record_id), person=person, office=office, start=start, end=end,
            end_reason=end_reason, acting=acting, note=note,
            sources=(SourceRef(source, row.text),),
        ))

    def add_event(self, where: str, row: CsvRow, values: dict[str, str],
                  source: SourceId) -> None:
        before = len(self.problems)
        date = self.date(where, row.line, values, "date", required=True)
        text = self.required(where, row.line, values, "text")
        if len(self.problems) > before or date is None:
            return
        note = values.get("note", "")
        if self.is_duplicate(("event", date, text, note), where, row.line):
            return
        record_id = self.record_ids.make(f"event-{date.year:04d}-{slug(text)}")
        self.events.append(Event(
            id=RecordId(record_id), date=date, text=text, note=note,
            sources=(SourceRef(source, row.text),),
        ))

    def is_duplicate(self, key: tuple[object, ...], where: str, line: int) -> bool:
        first = self.seen.setdefault(key, (where, line))
        if first == (where, line):
            return False
        place = (tr("line {line}", line=first[1]) if first[0] == where
                 else f"{first[0]}:{first[1]}")
        self.fail(where, line, tr("(row)"), tr("duplicates the row at {place}", place=place))
        return True


def _kind_of(names: list[str]) -> _Kind | None:
    """Tenure or event file, by which header names it uses (`note` belongs to both)."""
    tenure = len(set(names) & (set(TENURE_COLUMNS) - {"note"}))
    event = len(set(names) & (set(EVENT_COLUMNS) - {"note"}))
    if tenure == 0 and event == 0:
        return None
    return TENURES if tenure >= event else EVENTS


# ---------------------------------------------------------------- writing


def dump_tenures_csv(records: RecordSet | Iterable[Tenure]) -> str:
    """Tenures as a comma-separated tenure file that `load_records_csv` reads back."""
    tenures = records.tenures if isinstance(records, RecordSet) else tuple(records)
    return _write(TENURE_COLUMNS, (
        (t.person, t.office, t.start.iso(), t.end.iso() if t.end else "", t.end_reason,
         "true" if t.acting else "false", t.note)
        for t in tenures
    ))


def dump_events_csv(records: RecordSet | Iterable[Event]) -> str:
    """Events as a comma-separated event file that `load_records_csv` reads back."""
    events = records.events if isinstance(records, RecordSet) else tuple(records)
    return _write(EVENT_COLUMNS, ((e.date.iso(), e.text, e.note) for e in events))


def _write(header: tuple[str, ...], rows: Iterable[tuple[str, ...]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()
