"""The record-set JSON format (`gensec-quiz/records`, version 1): read, check and write."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from gensec_quiz.bank.textfiles import (
    decode_user_bytes,
    read_user_bytes,
    write_text_atomically,
)
from gensec_quiz.domain.dates import DateError, PartialDate
from gensec_quiz.domain.errors import InputError, Problem
from gensec_quiz.domain.records import (
    EVENT_KINDS,
    SUPPORTABLE_FIELDS,
    Conflict,
    ConflictOption,
    ConflictValue,
    Event,
    EventKind,
    OfficeName,
    RecordId,
    RecordSet,
    Resolution,
    Source,
    SourceId,
    SourceRef,
    Tenure,
)
from gensec_quiz.i18n import tr

FORMAT = "gensec-quiz/records"
VERSION = 1

# The keys each object may have, by the list it sits in (reading flags any other key).
_KEYS: dict[str, tuple[str, ...]] = {
    "(top)": ("format", "version", "id", "title", "language", "sources", "offices",
              "tenures", "events", "conflicts"),
    "sources": ("id", "title", "file", "url", "licence", "language", "lineage"),
    "refs": ("source", "quote", "supports"),
    "offices": ("id", "name", "start", "end", "note", "sources"),
    "tenures": ("id", "person", "office", "start", "end", "end_reason", "acting", "note",
                "sources"),
    "events": ("id", "date", "end", "kind", "text", "people", "asked", "detail", "note",
               "sources"),
    "conflicts": ("subject", "field", "values", "resolution"),
    "values": ("value", "sources"),
    "resolution": ("action", "value", "reason"),
}


# ---------------------------------------------------------------- writing


def _refs(refs: tuple[SourceRef, ...]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for ref in refs:
        item: dict[str, Any] = {"source": ref.source, "quote": ref.quote}
        if ref.supports:
            item["supports"] = list(ref.supports)
        out.append(item)
    return out


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
        "events": [_event_to_dict(e) for e in records.events],
        "conflicts": [_conflict_to_dict(c) for c in records.conflicts],
    }


def _event_to_dict(event: Event) -> dict[str, Any]:
    """An event; the optional keys (end, kind, people, asked, detail) only when they are set."""
    data: dict[str, Any] = {"id": event.id, "date": _date(event.date)}
    if event.end is not None:
        data["end"] = _date(event.end)
    if event.kind != "other":
        data["kind"] = event.kind
    data["text"] = event.text
    if event.people:
        data["people"] = list(event.people)
    if event.asked:
        data["asked"] = event.asked
    if event.detail:
        data["detail"] = event.detail
    data["note"] = event.note
    data["sources"] = _refs(event.sources)
    return data


def _source_to_dict(source: Source) -> dict[str, Any]:
    data: dict[str, Any] = {"id": source.id, "title": source.title}
    if source.file is not None:
        data["file"] = source.file
    if source.url is not None:
        data["url"] = source.url
    data["licence"] = source.licence
    data["language"] = source.language
    if source.lineage:
        data["lineage"] = source.lineage
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
    write_text_atomically(path, dump_record_set(records))


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
            self.fail(f"{path}.{key}",
                      tr("must be a non-empty text") if required else tr("must be text"))
            return ""
        return value

    def date(self, data: dict[str, Any], key: str, path: str, *, nullable: bool = False
             ) -> PartialDate | None:
        value = data.get(key)
        if value is None and nullable:
            return None
        if not isinstance(value, str):
            self.fail(f"{path}.{key}", tr("must be a date such as 1934, 1921-03 or 1922-04-03"))
            return None
        try:
            return PartialDate.parse(value)
        except DateError as error:
            self.fail(f"{path}.{key}", str(error))
            return None

    def items(self, data: dict[str, Any], key: str, path: str, *, kind: str = ""
              ) -> list[tuple[str, dict[str, Any]]]:
        """The objects listed under `key`, each with its path; unknown keys in them flagged."""
        value = data.get(key, [])
        if not isinstance(value, list):
            self.fail(f"{path}{key}", tr("must be a list"))
            return []
        out = []
        for i, item in enumerate(value):
            if isinstance(item, dict):
                out.append((f"{path}{key}[{i}]", item))
                self.known_keys(item, f"{path}{key}[{i}]", _KEYS[kind or key])
            else:
                self.fail(f"{path}{key}[{i}]", tr("must be an object"))
        return out

    def known_keys(self, data: dict[str, Any], path: str, allowed: tuple[str, ...]) -> None:
        for key in data:
            if key not in allowed:
                self.fail(f"{path}.{key}" if path else str(key), tr(
                    "unknown key; expected one of {keys}", keys=", ".join(allowed)))

    def refs(self, data: dict[str, Any], path: str, source_ids: set[str]) -> tuple[SourceRef, ...]:
        refs = []
        for p, item in self.items(data, "sources", f"{path}.", kind="refs"):
            source = self.text(item, "source", p)
            quote = self.text(item, "quote", p)
            if source and source not in source_ids:
                self.fail(f"{p}.source", tr("'{source}' is not one of the record set's sources",
                                            source=source))
            refs.append(SourceRef(SourceId(source), quote, self.supports(item, p)))
        return tuple(refs)

    def supports(self, item: dict[str, Any], path: str) -> tuple[str, ...]:
        """The fields a quote is cited for (optional; older files have none)."""
        value = item.get("supports", [])
        names = self.names(value, f"{path}.supports")
        unknown = [n for n in names if n not in SUPPORTABLE_FIELDS]
        if unknown:
            self.fail(f"{path}.supports", tr(
                "'{name}' is not a field a quote can support; expected one of {fields}",
                name=unknown[0], fields=", ".join(SUPPORTABLE_FIELDS)))
        return names

    def names(self, value: Any, path: str) -> tuple[str, ...]:
        """A list of non-empty texts, such as an event's people."""
        if not isinstance(value, list) or not all(
                isinstance(v, str) and v.strip() for v in value):
            self.fail(path, tr("must be a list of non-empty texts"))
            return ()
        return tuple(value)


def record_set_from_dict(data: Any, where: str = "") -> RecordSet:
    """Check and read a record set; raises InputError listing every problem with its path."""
    r = _Reader(where)
    if not isinstance(data, dict):
        r.fail("(top)", tr("a record set must be a JSON object"))
        raise InputError(r.problems)
    found = data.get("format")
    if isinstance(found, str) and found != FORMAT:
        r.fail("format", tr("is '{found}', so this is not a record set ('{format}')",
                            found=found, format=FORMAT))
        raise InputError(r.problems)
    if found != FORMAT:
        r.fail("format", tr("must be '{format}'", format=FORMAT))
    if data.get("version") != VERSION:
        version = data.get("version")
        if isinstance(version, int) and version > VERSION:
            r.fail("version", tr("{version} is newer than this app reads ({known}); "
                                 "update the app", version=version, known=VERSION))
        else:
            r.fail("version", tr("must be {known}", known=VERSION))
    r.known_keys(data, "", _KEYS["(top)"])
    sources = _read_sources(r, data)
    source_ids: set[str] = {str(s.id) for s in sources}
    offices = _read_offices(r, data, source_ids)
    tenures = _read_tenures(r, data, source_ids)
    events = _read_events(r, data, source_ids)
    ids = _check_unique_ids(r, offices, tenures, events)
    conflicts = _read_conflicts(r, data, source_ids, ids)
    record_set_id = r.text(data, "id", "id") if "id" in data else ""
    if not record_set_id:
        r.fail("id", tr("must be a non-empty text"))
    title = r.text(data, "title", "title")
    language = data.get("language", "en")
    if not isinstance(language, str):
        r.fail("language", tr("must be a language code such as 'en'"))
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
            r.fail(p, tr("a source needs a 'file' or a 'url'"))
        sources.append(Source(
            id=SourceId(r.text(item, "id", p)), title=r.text(item, "title", p),
            file=file if isinstance(file, str) else None,
            url=url if isinstance(url, str) else None,
            licence=r.text(item, "licence", p, required=False),
            language=r.text(item, "language", p, required=False) or "en",
            lineage=r.text(item, "lineage", p, required=False),
        ))
    _check_unique_ids(r, sources, where="sources")
    return sources


def _read_offices(r: _Reader, data: dict[str, Any], source_ids: set[str]) -> list[OfficeName]:
    offices = []
    for p, item in r.items(data, "offices", ""):
        start = r.date(item, "start", p)
        end = r.date(item, "end", p, nullable=True)
        if start and end and end.is_before(start):
            r.fail(f"{p}.end", tr("{end} is before the start {start}", end=end, start=start))
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
            r.fail(f"{p}.end", tr("{end} is before the start {start}", end=end, start=start))
        acting = item.get("acting", False)
        if not isinstance(acting, bool):
            r.fail(f"{p}.acting", tr("must be true or false"))
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
        end = r.date(item, "end", p, nullable=True)
        if date and end and not date.is_before(end):
            r.fail(f"{p}.end", tr("{end} must come after the date {date} (a span runs from "
                                  "date to end)", end=end, date=date))
        events.append(Event(
            id=RecordId(r.text(item, "id", p)), date=date or PartialDate(1),
            text=r.text(item, "text", p), note=r.text(item, "note", p, required=False),
            sources=r.refs(item, p, source_ids), end=end, kind=_kind(r, item, p),
            people=r.names(item.get("people", []), f"{p}.people"),
            asked=r.text(item, "asked", p, required=False),
            detail=r.text(item, "detail", p, required=False),
        ))
    return events


def _kind(r: _Reader, item: dict[str, Any], path: str) -> EventKind:
    value = item.get("kind", "other")
    for kind in EVENT_KINDS:
        if value == kind:
            return kind
    r.fail(f"{path}.kind", tr("must be one of {kinds}", kinds=", ".join(EVENT_KINDS)))
    return "other"


def _check_unique_ids(r: _Reader, *groups: list[Any], where: str = "(records)") -> set[str]:
    seen: set[str] = set()
    for group in groups:
        for record in group:
            if record.id and record.id in seen:
                r.fail(where, tr("the id '{id}' is used twice", id=record.id))
            seen.add(record.id)
    return seen


def _read_conflicts(
    r: _Reader, data: dict[str, Any], source_ids: set[str], ids: set[str]
) -> list[Conflict]:
    conflicts: list[Conflict] = []
    for p, item in r.items(data, "conflicts", ""):
        subject = r.text(item, "subject", p)
        if subject and subject not in ids:
            r.fail(f"{p}.subject", tr("'{subject}' is not a record of this set",
                                      subject=subject))
        options = []
        for vp, value in r.items(item, "values", f"{p}."):
            v = value.get("value")
            if "value" not in value:
                r.fail(f"{vp}.value", tr("is missing (text, true, false or null)"))
            elif not isinstance(v, str | bool) and v is not None:
                r.fail(f"{vp}.value", tr("must be text, true, false or null"))
                v = None
            options.append(ConflictOption(v, r.refs(value, vp, source_ids)))
        if len(options) < 2:
            r.fail(f"{p}.values", tr("a conflict needs at least two values"))
        conflict = Conflict(
            subject=RecordId(subject), field=r.text(item, "field", p),
            values=tuple(options), resolution=_read_resolution(r, item, p),
        )
        _check_conflict(r, conflict, p, conflicts)
        conflicts.append(conflict)
    return conflicts


def _check_conflict(r: _Reader, conflict: Conflict, path: str, before: list[Conflict]) -> None:
    """A preferred value must be one of the values; one conflict per field of a record."""
    resolution = conflict.resolution
    values = [option.value for option in conflict.values]
    if resolution.action == "prefer" and resolution.value is not None \
            and resolution.value not in values:
        r.fail(f"{path}.resolution.value", tr(
            "{value} is not one of the conflict's values", value=json.dumps(resolution.value)))
    if any((c.subject, c.field) == (conflict.subject, conflict.field) for c in before):
        r.fail(path, tr("{subject}.{field} already has a conflict; list all its values in one",
                        subject=conflict.subject, field=conflict.field))


def _read_resolution(r: _Reader, item: dict[str, Any], path: str) -> Resolution:
    raw = item.get("resolution")
    if not isinstance(raw, dict) or raw.get("action") not in ("prefer", "avoid"):
        r.fail(f"{path}.resolution",
               tr("must say an action, 'prefer' or 'avoid', and a reason"))
        return Resolution("avoid", "")
    r.known_keys(raw, f"{path}.resolution", _KEYS["resolution"])
    value: ConflictValue = raw.get("value") if isinstance(raw.get("value"), str | bool) else None
    if raw["action"] == "prefer" and value is None:
        r.fail(f"{path}.resolution.value", tr("a preferred value is needed"))
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
        raise InputError([Problem(f"{path}:{error.lineno}", tr(
            "is not valid JSON ({reason})", reason=error.msg))]) from None
    except RecursionError:
        raise InputError([Problem(str(path), tr("is nested too deeply to be read"))]) from None
