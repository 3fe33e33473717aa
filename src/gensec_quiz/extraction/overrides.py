"""Hand corrections: an explicit file, one entry per correction, each with its reason.

`question_bank/records/overrides.json`:
`{"format": "gensec-quiz/record-overrides", "version": 1,
  "overrides": [{"record": id, "field": name, "value": v, "reason": "why"}]}`.
The extractor applies them after reconciling and reports each one; the corrected record's note
says so. The checked-in record set is never edited by hand.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from gensec_quiz.domain.dates import DateError, PartialDate
from gensec_quiz.domain.errors import InputError, Problem
from gensec_quiz.domain.records import Event, OfficeName, Record, RecordSet, Tenure

FORMAT = "gensec-quiz/record-overrides"
VERSION = 1
FIELDS: dict[type, tuple[str, ...]] = {
    Tenure: ("person", "office", "start", "end", "end_reason", "acting", "note"),
    Event: ("date", "text", "note"),
    OfficeName: ("name", "start", "end", "note"),
}
_DATES = ("start", "end", "date")


@dataclass(frozen=True, slots=True)
class Override:
    record: str
    field: str
    value: Any
    reason: str


def load_overrides(path: Path) -> list[Override]:
    """Read and check an overrides file; every problem is reported with its JSON path."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise InputError([Problem(str(path), f"cannot be read ({error})")]) from None
    except json.JSONDecodeError as error:
        raise InputError([Problem(f"{path}:{error.lineno}",
                                  f"is not valid JSON ({error.msg})")]) from None
    problems: list[Problem] = []
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InputError([Problem(f"{path}: format", f"must be '{FORMAT}'")])
    if data.get("version") != VERSION:
        problems.append(Problem(f"{path}: version", f"must be {VERSION}"))
    entries = data.get("overrides")
    if not isinstance(entries, list):
        raise InputError([*problems, Problem(f"{path}: overrides", "must be a list")])
    out = []
    for i, entry in enumerate(entries):
        override = _entry(entry, f"{path}: overrides[{i}]", problems)
        if override is not None:
            out.append(override)
    if problems:
        raise InputError(problems)
    return out


def _entry(entry: Any, where: str, problems: list[Problem]) -> Override | None:
    if not isinstance(entry, dict):
        problems.append(Problem(where, "must be an object"))
        return None
    for key in ("record", "field", "reason"):
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            problems.append(Problem(f"{where}.{key}", "must be a non-empty text"))
    if "value" not in entry:
        problems.append(Problem(f"{where}.value", "is missing"))
    return Override(str(entry.get("record")), str(entry.get("field")), entry.get("value"),
                    str(entry.get("reason")))


def apply_overrides(records: RecordSet, overrides: list[Override], *, where: str = ""
                    ) -> tuple[RecordSet, list[str]]:
    """The record set with each correction made, and one line per correction for the report."""
    problems: list[Problem] = []
    changed: dict[str, Record] = {}
    report = []
    for i, override in enumerate(overrides):
        place = f"{where}: overrides[{i}]" if where else f"overrides[{i}]"
        record = changed.get(override.record)
        if record is None and records.has_record(override.record):
            record = records.record(override.record)
        if record is None:
            problems.append(Problem(f"{place}.record", f"'{override.record}' is not a record"))
            continue
        try:
            changed[override.record] = _apply(record, override)
        except (ValueError, DateError) as error:
            problems.append(Problem(f"{place}.value", str(error)))
            continue
        report.append(f"{override.record}.{override.field} set to {override.value!r}: "
                      f"{override.reason}")
    if problems:
        raise InputError(problems)
    return _rebuild(records, changed), report


def _apply(record: Record, override: Override) -> Record:
    allowed = FIELDS[type(record)]
    if override.field not in allowed:
        raise ValueError(f"'{override.field}' cannot be corrected here (use {', '.join(allowed)})")
    value: Any = override.value
    if override.field in _DATES:
        value = None if value is None else PartialDate.parse(str(value))
    elif override.field == "acting":
        if not isinstance(value, bool):
            raise ValueError("'acting' must be true or false")
    elif not isinstance(value, str):
        raise ValueError("must be a text")
    note = f"{record.note} Corrected by hand ({override.field}): {override.reason}".strip()
    if override.field == "note":
        note = value
    return replace(record, **{override.field: value, "note": note})


def _rebuild(records: RecordSet, changed: dict[str, Record]) -> RecordSet:
    def pick(items: tuple[Any, ...]) -> tuple[Any, ...]:
        return tuple(changed.get(r.id, r) for r in items)

    return replace(records, offices=pick(records.offices), tenures=pick(records.tenures),
                   events=pick(records.events), _index={})
