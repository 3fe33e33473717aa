"""The record-set JSON format (`gensec-quiz/records`, version 1): write, read and check."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from gensec_quiz.bank.textfiles import (
    decode_user_bytes,
    read_user_bytes,
    write_text_atomically,
)
from gensec_quiz.domain.dates import PartialDate
from gensec_quiz.domain.records import (
    Conflict,
    ConflictOption,
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
from gensec_quiz.i18n import tr

if TYPE_CHECKING:
    from pydantic import BaseModel

    from gensec_quiz.bank.json_checks import Findings
    from gensec_quiz.bank.record_set_model import EventModel, OfficeModel, RefModel, TenureModel

M = TypeVar("M", bound="BaseModel")
R = TypeVar("R", "OfficeModel", "TenureModel", "EventModel")
Refs = list[tuple[int, "RefModel"]]  # source references with their places in the record's list

FORMAT = "gensec-quiz/records"
VERSION = 1

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
    """An event; the optional keys (end, kind, people, asked, detail, standing) only when they
    are set."""
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
    if event.standing != "core":
        data["standing"] = event.standing
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
# Two passes. The shape of the file (types, required and unknown keys, allowed values, dates that
# exist) is checked by the pydantic models of `record_set_model`, whose errors become located
# sentences (`x.json: tenures[0].start: month 13 does not exist`); the checks between values are
# then made here by hand, with sentences of the same form. The top level is read with its lists
# emptied, then each item on its own (a wrong record's quotes one by one), so that one broken
# tenure or quote hides no other problem. The models (pydantic) are imported when a record set is
# first read, not when the app starts.


def record_set_from_dict(data: Any, where: str = "") -> RecordSet:
    """Check and read a record set; raises InputError listing every problem with its path."""
    from gensec_quiz.bank.json_checks import Findings
    from gensec_quiz.bank.record_set_model import LISTS, RecordSetModel

    found = Findings(where)
    if not isinstance(data, dict):
        found.add("(top)", tr("a record set must be a JSON object"))
        found.raise_if_any()
    kind = data.get("format")
    if isinstance(kind, str) and kind != FORMAT:
        found.add("format", tr("is '{found}', so this is not a record set ('{format}')",
                               found=kind, format=FORMAT))
        found.raise_if_any()
    lists = {key: data[key] for key in LISTS if isinstance(data.get(key), list)}
    header = found.validate(RecordSetModel, {**data, **{key: [] for key in lists}})
    reader = _Items(found, lists)
    sources = reader.sources()
    offices, tenures, events = reader.offices(), reader.tenures(), reader.events()
    _unique_ids(found, "(records)", [*reader.ids("offices"), *reader.ids("tenures"),
                                     *reader.ids("events")])
    conflicts = reader.conflicts()
    found.raise_if_any()
    assert header is not None  # no problem found, so the top level was read
    return RecordSet(
        id=header.id, title=header.title, language=header.language, sources=tuple(sources),
        offices=tuple(offices), tenures=tuple(tenures), events=tuple(events),
        conflicts=tuple(conflicts),
    )


def _raw_id(item: Any) -> str:
    """The id an item of a list gives, even when the item is refused for another reason (so
    that a reference to it is not reported as well)."""
    value = item.get("id") if isinstance(item, dict) else None
    return value if isinstance(value, str) and value.strip() else ""


def _unique_ids(found: Findings, where: str, ids: list[str]) -> None:
    seen: set[str] = set()
    for record_id in ids:
        if record_id and record_id in seen:
            found.add(where, tr("the id '{id}' is used twice", id=record_id))
        seen.add(record_id)


class _Items:
    """Reads the items of a record set's lists one at a time: each through its model, then the
    checks between values that concern it."""

    def __init__(self, found: Findings, lists: dict[str, list[Any]]) -> None:
        self.found = found
        self.lists = lists
        self.source_ids = {i for i in self.ids("sources") if i}
        self.record_ids = {i for key in ("offices", "tenures", "events") for i in self.ids(key)
                           if i}

    def ids(self, key: str) -> list[str]:
        return [_raw_id(item) for item in self.lists.get(key, [])]

    def read(self, key: str, model: type[M]) -> Iterator[tuple[str, M]]:
        """Each item of the list that has the model's shape, with its JSON path."""
        for i, item in enumerate(self.lists.get(key, [])):
            path = f"{key}[{i}]"
            read = self.found.validate(model, item, path)
            if read is not None:
                yield path, read

    def records(self, key: str, model: type[R]) -> Iterator[tuple[str, R, Refs]]:
        """Each record of the list that has the model's shape, with its JSON path and its source
        references that have theirs. The references are read one by one after the rest, so that
        a broken quote does not hide the record's own checks (an end before its start)."""
        from pydantic import ValidationError

        from gensec_quiz.bank.record_set_model import RefModel

        for i, item in enumerate(self.lists.get(key, [])):
            path = f"{key}[{i}]"
            raw = item.get("sources") if isinstance(item, dict) else None
            if not isinstance(raw, list):
                read = self.found.validate(model, item, path)
                if read is not None:
                    yield path, read, list(enumerate(read.sources))
                continue
            try:  # most records are right: one validation for the record and its quotes
                read = model.model_validate(item)
            except ValidationError:
                pass
            else:
                yield path, read, list(enumerate(read.sources))
                continue
            read = self.found.validate(model, {**item, "sources": []}, path)
            refs = [(j, self.found.validate(RefModel, ref, f"{path}.sources[{j}]"))
                    for j, ref in enumerate(raw)]
            if read is not None:
                yield path, read, [(j, ref) for j, ref in refs if ref is not None]

    def refs(self, refs: Refs, path: str) -> tuple[SourceRef, ...]:
        for i, ref in refs:
            if ref.source not in self.source_ids:
                self.found.add(f"{path}.sources[{i}].source", tr(
                    "'{source}' is not one of the record set's sources", source=ref.source))
        return tuple(SourceRef(SourceId(r.source), r.quote, tuple(r.supports)) for _, r in refs)

    def span(self, start: str, end: str | None, path: str
             ) -> tuple[PartialDate, PartialDate | None]:
        """A start and an end that is not before it (the models checked both are dates)."""
        first = PartialDate.parse(start)
        last = None if end is None else PartialDate.parse(end)
        if last is not None and last.is_before(first):
            self.found.add(f"{path}.end", tr("{end} is before the start {start}", end=last,
                                             start=first))
        return first, last

    def sources(self) -> list[Source]:
        from gensec_quiz.bank.record_set_model import SourceModel

        sources = []
        for path, item in self.read("sources", SourceModel):
            if item.file is None and item.url is None:
                self.found.add(path, tr("a source needs a 'file' or a 'url'"))
            sources.append(Source(
                id=SourceId(item.id), title=item.title, file=item.file, url=item.url,
                licence=item.licence or "", language=item.language or "en",
                lineage=item.lineage or ""))
        _unique_ids(self.found, "sources", self.ids("sources"))
        return sources

    def offices(self) -> list[OfficeName]:
        from gensec_quiz.bank.record_set_model import OfficeModel

        offices = []
        for path, item, refs in self.records("offices", OfficeModel):
            start, end = self.span(item.start, item.end, path)
            offices.append(OfficeName(
                id=RecordId(item.id), name=item.name, start=start, end=end,
                note=item.note or "", sources=self.refs(refs, path)))
        return offices

    def tenures(self) -> list[Tenure]:
        from gensec_quiz.bank.record_set_model import TenureModel

        tenures = []
        for path, item, refs in self.records("tenures", TenureModel):
            start, end = self.span(item.start, item.end, path)
            tenures.append(Tenure(
                id=RecordId(item.id), person=item.person, office=item.office, start=start,
                end=end, end_reason=item.end_reason or "", acting=item.acting,
                note=item.note or "", sources=self.refs(refs, path)))
        return tenures

    def events(self) -> list[Event]:
        from gensec_quiz.bank.record_set_model import EventModel

        events = []
        for path, item, refs in self.records("events", EventModel):
            date = PartialDate.parse(item.date)
            end = None if item.end is None else PartialDate.parse(item.end)
            if end is not None and not date.is_before(end):
                self.found.add(f"{path}.end", tr(
                    "{end} must come after the date {date} (a span runs from date to end)",
                    end=end, date=date))
            events.append(Event(
                id=RecordId(item.id), date=date, text=item.text, note=item.note or "",
                sources=self.refs(refs, path), end=end, kind=item.kind,
                people=tuple(item.people), asked=item.asked or "", detail=item.detail or "",
                standing=item.standing))
        return events

    def conflicts(self) -> list[Conflict]:
        from gensec_quiz.bank.record_set_model import ConflictModel, PreferModel

        conflicts: list[Conflict] = []
        for path, item in self.read("conflicts", ConflictModel):
            if item.subject not in self.record_ids:
                self.found.add(f"{path}.subject", tr(
                    "'{subject}' is not a record of this set", subject=item.subject))
            values = tuple(ConflictOption(v.value, self.refs(list(enumerate(v.sources)),
                                                             f"{path}.values[{i}]"))
                           for i, v in enumerate(item.values))
            chosen = item.resolution
            if isinstance(chosen, PreferModel):
                resolution = Resolution("prefer", chosen.reason, chosen.value)
                if chosen.value not in [option.value for option in values]:
                    self.found.add(f"{path}.resolution.value", tr(
                        "{value} is not one of the conflict's values",
                        value=json.dumps(chosen.value)))
            else:
                resolution = Resolution("avoid", chosen.reason)
            conflict = Conflict(RecordId(item.subject), item.field, values, resolution)
            if any((c.subject, c.field) == (conflict.subject, conflict.field)
                   for c in conflicts):
                self.found.add(path, tr(
                    "{subject}.{field} already has a conflict; list all its values in one",
                    subject=conflict.subject, field=conflict.field))
            conflicts.append(conflict)
        return conflicts


def load_record_set(path: Path) -> RecordSet:
    """Read a record-set JSON file; every problem is reported with the file and JSON path."""
    return record_set_from_dict(read_json_file(path), where=str(path))


def read_json_file(path: Path) -> Any:
    """Parse a user's JSON file (UTF-8, or UTF-16 with a BOM); InputError with the line if bad."""
    text = decode_user_bytes(read_user_bytes(path), where=str(path))
    from gensec_quiz.bank.json_checks import parse_json  # pydantic: only when a file is read

    return parse_json(text, str(path))
