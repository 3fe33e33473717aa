"""The record-set JSON format (`gensec-quiz/records`, version 1): read, check and write."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from gensec_quiz.bank.textfiles import decode_user_bytes, read_user_bytes
from gensec_quiz.domain.dates import DateError, PartialDate
from gensec_quiz.domain.errors import InputError, Problem
from gensec_quiz.domain.records import (
    Conflict,
    ConflictOption,
    ConflictValue,
    Event,
    OfficeName,
    RecordId,
    RecordSet,
    Resolution,
    Source,
    SourceId,
    SourceRef,
    Tenure,
)

FORMAT = "gensec-quiz/records"
VERSION = 1


# ---------------------------------------------------------------- writing


def _refs(refs: tuple[SourceRef, ...]) -> list[dict[str, str]]:
    return [{"source": r.source, "quote": r.quote} for r in refs]


def _date(value: PartialDate | None) -> str | None:
    return None if value is None else value.iso()


def record_set_to_dict(records: RecordSet) -> dict[str, Any]:
    """The record set as JSON-ready data, keys in the documented order."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "id": records.id,
        "title": records.title,
        "language": records.language,
        "sources": [_source_to_dict(s) for s in records.sources],
        "offices": [
            {"id": o.id, "name": o.name, "start": _date(o.start), "end": _date(o.end),
             "note": o.note, "sources": _refs(o.sources)}
            for o in records.offices
        ],
        "tenures": [
            {"id": t.id, "person": t.person, "office": t.office, "start": _date(t.start),
             "end": _date(t.end), "end_reason": t.end_reason, "acting": t.acting,
             "note": t.note, "sources": _refs(t.sources)}
            for t in records.tenures
        ],
        "events": [
            {"id": e.id, "date": _date(e.date), "text": e.text, "note": e.note,
             "sources": _refs(e.sources)}
            for e in records.events
        ],
        "conflicts": [_conflict_to_dict(c) for c in records.conflicts],
    }


def _source_to_dict(source: Source) -> dict[str, Any]:
    data: dict[str, Any] = {"id": source.id, "title": source.title}
    if source.file is not None:
        data["file"] = source.file
    if source.url is not None:
        data["url"] = source.url
    data["licence"] = source.licence
    data["language"] = source.language
    return data


def _conflict_to_dict(conflict: Conflict) -> dict[str, Any]:
    resolution: dict[str, Any] = {"action": conflict.resolution.action}
    if conflict.resolution.action == "prefer":
        resolution["value"] = conflict.resolution.value
    resolution["reason"] = conflict.resolution.reason
    return {
        "subject": conflict.subject,
        "field": conflict.field,
        "values": [{"value": o.value, "sources": _refs(o.sources)} for o in conflict.values],
        "resolution": resolution,
    }


def dump_record_set(records: RecordSet) -> str:
    """Canonical text: the same records always give the same bytes."""
    return json.dumps(record_set_to_dict(records), ensure_ascii=False, indent=2) + "\n"


def save_record_set(records: RecordSet, path: Path) -> None:
    """Write atomically: the old file stays whole until the new one is complete."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(dump_record_set(records), encoding="utf-8")
    tmp.replace(path)


# ---------------------------------------------------------------- reading


class _Reader:
    """Collects every problem with its JSON path instead of stopping at the first."""

    def __init__(self, where: str) -> None:
        self.where = where
        self.problems: list[Problem] = []

    def fail(self, path: str, message: str) -> None:
        place = f"{self.where}: {path}" if self.where else path
        self.problems.append(Problem(place, message))

    def text(self, data: dict[str, Any], key: str, path: str, *, required: bool = True) -> str:
        value = data.get(key)
        if value is None and not required:
            return ""
        if not isinstance(value, str) or (required and not value.strip()):
            self.fail(f"{path}.{key}", "must be a non-empty text" if required else "must be text")
            return ""
        return value

    def date(self, data: dict[str, Any], key: str, path: str, *, nullable: bool = False
             ) -> PartialDate | None:
        value = data.get(key)
        if value is None and nullable:
            return None
        if not isinstance(value, str):
            self.fail(f"{path}.{key}", "must be a date such as 1934, 1921-03 or 1922-04-03")
            return None
        try:
            return PartialDate.parse(value)
        except DateError as error:
            self.fail(f"{path}.{key}", str(error))
            return None

    def items(self, data: dict[str, Any], key: str, path: str) -> list[tuple[str, dict[str, Any]]]:
        value = data.get(key, [])
        if not isinstance(value, list):
            self.fail(f"{path}{key}", "must be a list")
            return []
        out = []
        for i, item in enumerate(value):
            if isinstance(item, dict):
                out.append((f"{path}{key}[{i}]", item))
            else:
                self.fail(f"{path}{key}[{i}]", "must be an object")
        return out

    def refs(self, data: dict[str, Any], path: str, source_ids: set[str]) -> tuple[SourceRef, ...]:
        refs = []
        for p, item in self.items(data, "sources", f"{path}."):
            source = self.text(item, "source", p)
            quote = self.text(item, "quote", p)
            if source and source not in source_ids:
                self.fail(f"{p}.source", f"'{source}' is not one of the record set's sources")
            refs.append(SourceRef(SourceId(source), quote))
        return tuple(refs)


def record_set_from_dict(data: Any, where: str = "") -> RecordSet:
    """Check and read a record set; raises InputError listing every problem with its path."""
    r = _Reader(where)
    if not isinstance(data, dict):
        r.fail("(top)", "a record set must be a JSON object")
        raise InputError(r.problems)
    if data.get("format") != FORMAT:
        r.fail("format", f"must be '{FORMAT}'")
    if data.get("version") != VERSION:
        version = data.get("version")
        if isinstance(version, int) and version > VERSION:
            r.fail("version", f"{version} is newer than this app reads ({VERSION}); update the app")
        else:
            r.fail("version", f"must be {VERSION}")
    sources = _read_sources(r, data)
    source_ids: set[str] = {str(s.id) for s in sources}
    offices = _read_offices(r, data, source_ids)
    tenures = _read_tenures(r, data, source_ids)
    events = _read_events(r, data, source_ids)
    ids = _check_unique_ids(r, offices, tenures, events)
    conflicts = _read_conflicts(r, data, source_ids, ids)
    record_set_id = r.text(data, "id", "id") if "id" in data else ""
    if not record_set_id:
        r.fail("id", "must be a non-empty text")
    title = r.text(data, "title", "title")
    language = data.get("language", "en")
    if not isinstance(language, str):
        r.fail("language", "must be a language code such as 'en'")
        language = "en"
    if r.problems:
        raise InputError(r.problems)
    return RecordSet(
        id=record_set_id, title=title, language=language, sources=tuple(sources),
        offices=tuple(offices), tenures=tuple(tenures), events=tuple(events),
        conflicts=tuple(conflicts),
    )


def _read_sources(r: _Reader, data: dict[str, Any]) -> list[Source]:
    sources = []
    for p, item in r.items(data, "sources", ""):
        file = item.get("file")
        url = item.get("url")
        if file is None and url is None:
            r.fail(p, "a source needs a 'file' or a 'url'")
        sources.append(Source(
            id=SourceId(r.text(item, "id", p)), title=r.text(item, "title", p),
            file=file if isinstance(file, str) else None,
            url=url if isinstance(url, str) else None,
            licence=r.text(item, "licence", p, required=False),
            language=r.text(item, "language", p, required=False) or "en",
        ))
    return sources


def _read_offices(r: _Reader, data: dict[str, Any], source_ids: set[str]) -> list[OfficeName]:
    offices = []
    for p, item in r.items(data, "offices", ""):
        start = r.date(item, "start", p)
        end = r.date(item, "end", p, nullable=True)
        if start and end and end.is_before(start):
            r.fail(f"{p}.end", f"{end} is before the start {start}")
        offices.append(OfficeName(
            id=RecordId(r.text(item, "id", p)), name=r.text(item, "name", p),
            start=start or PartialDate(1), end=end,
            note=r.text(item, "note", p, required=False), sources=r.refs(item, p, source_ids),
        ))
    return offices


def _read_tenures(r: _Reader, data: dict[str, Any], source_ids: set[str]) -> list[Tenure]:
    tenures = []
    for p, item in r.items(data, "tenures", ""):
        start = r.date(item, "start", p)
        end = r.date(item, "end", p, nullable=True)
        if start and end and end.is_before(start):
            r.fail(f"{p}.end", f"{end} is before the start {start}")
        acting = item.get("acting", False)
        if not isinstance(acting, bool):
            r.fail(f"{p}.acting", "must be true or false")
            acting = False
        tenures.append(Tenure(
            id=RecordId(r.text(item, "id", p)), person=r.text(item, "person", p),
            office=r.text(item, "office", p), start=start or PartialDate(1), end=end,
            end_reason=r.text(item, "end_reason", p, required=False), acting=acting,
            note=r.text(item, "note", p, required=False), sources=r.refs(item, p, source_ids),
        ))
    return tenures


def _read_events(r: _Reader, data: dict[str, Any], source_ids: set[str]) -> list[Event]:
    events = []
    for p, item in r.items(data, "events", ""):
        date = r.date(item, "date", p)
        events.append(Event(
            id=RecordId(r.text(item, "id", p)), date=date or PartialDate(1),
            text=r.text(item, "text", p), note=r.text(item, "note", p, required=False),
            sources=r.refs(item, p, source_ids),
        ))
    return events


def _check_unique_ids(r: _Reader, *groups: list[Any]) -> set[str]:
    seen: set[str] = set()
    for group in groups:
        for record in group:
            if record.id and record.id in seen:
                r.fail("(records)", f"the id '{record.id}' is used twice")
            seen.add(record.id)
    return seen


def _read_conflicts(
    r: _Reader, data: dict[str, Any], source_ids: set[str], ids: set[str]
) -> list[Conflict]:
    conflicts = []
    for p, item in r.items(data, "conflicts", ""):
        subject = r.text(item, "subject", p)
        if subject and subject not in ids:
            r.fail(f"{p}.subject", f"'{subject}' is not a record of this set")
        options = []
        for vp, value in r.items(item, "values", f"{p}."):
            v = value.get("value")
            if not isinstance(v, str | bool) and v is not None:
                r.fail(f"{vp}.value", "must be text, true, false or null")
                v = None
            options.append(ConflictOption(v, r.refs(value, vp, source_ids)))
        if len(options) < 2:
            r.fail(f"{p}.values", "a conflict needs at least two values")
        conflicts.append(Conflict(
            subject=RecordId(subject), field=r.text(item, "field", p),
            values=tuple(options), resolution=_read_resolution(r, item, p),
        ))
    return conflicts


def _read_resolution(r: _Reader, item: dict[str, Any], path: str) -> Resolution:
    raw = item.get("resolution")
    if not isinstance(raw, dict) or raw.get("action") not in ("prefer", "avoid"):
        r.fail(f"{path}.resolution", "must say an action, 'prefer' or 'avoid', and a reason")
        return Resolution("avoid", "")
    value: ConflictValue = raw.get("value") if isinstance(raw.get("value"), str | bool) else None
    if raw["action"] == "prefer" and value is None:
        r.fail(f"{path}.resolution.value", "a preferred value is needed")
    reason = r.text(raw, "reason", f"{path}.resolution")
    if raw["action"] == "prefer":
        return Resolution("prefer", reason, value)
    return Resolution("avoid", reason)


def load_record_set(path: Path) -> RecordSet:
    """Read a record-set JSON file; every problem is reported with the file and JSON path."""
    return record_set_from_dict(read_json_file(path), where=str(path))


def read_json_file(path: Path) -> Any:
    """Parse a user's JSON file (UTF-8, or UTF-16 with a BOM); InputError with the line if bad."""
    text = decode_user_bytes(read_user_bytes(path), where=str(path))
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(
            [Problem(f"{path}:{error.lineno}", f"is not valid JSON ({error.msg})")]
        ) from None
