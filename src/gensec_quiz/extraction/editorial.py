"""The editorial file: what happened, in a teacher's words, on quotes checked at extract time.

`question_bank/records/editorial.json`:
`{"format": "gensec-quiz/record-editorial", "version": 1, "tenures": [...], "events": [...]}`.

- `events` is the record set's list of events. Each entry says what happened (`text`, a
  present-tense headline), its `kind`, `date` (and `end` for a span), `people`, `asked` (the
  words after "In what year"), `detail` (context for the explanation), and its `sources`, each
  a verbatim quote with the fields it `supports`. `covers` names the events the sentence rules
  found that this entry is (their dates must agree with it); a rule-found event no entry covers
  is reported, so a fact a seed gains is never dropped unseen.
- `tenures` holds tenures the officeholder table has no row for (Stasova as Technical
  Secretary, 1917–1918), each with the `reason` it is added by hand.

Every quote must be in its seed word for word and contain the value it supports (a date in the
seed's own wording, a name, a title); a bad entry fails with its place in the file.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from gensec_quiz.domain.dates import DateError, PartialDate
from gensec_quiz.domain.errors import InputError, Problem
from gensec_quiz.domain.records import (
    EVENT_KINDS,
    STANDINGS,
    SUPPORTABLE_FIELDS,
    Conflict,
    Event,
    EventKind,
    Record,
    RecordId,
    RecordSet,
    SourceId,
    SourceRef,
    Standing,
    Tenure,
)
from gensec_quiz.extraction.citations import states_value, unstated
from gensec_quiz.extraction.people import person_key
from gensec_quiz.extraction.pipeline import Reading
from gensec_quiz.extraction.reconcile import Extraction
from gensec_quiz.extraction.values import compatible

FORMAT = "gensec-quiz/record-editorial"
VERSION = 1
_EVENT_KEYS = ("id", "date", "end", "kind", "text", "people", "asked", "detail", "standing",
               "note", "covers", "sources")
_TENURE_KEYS = ("id", "person", "office", "start", "end", "end_reason", "acting", "note",
                "reason", "sources")
_EVENT_ID = re.compile(r"event-(?P<year>\d{4})-[a-z0-9]+(?:-[a-z0-9]+)*")
_TENURE_ID = re.compile(r"tenure-[a-z]+-(?P<year>\d{4})")
_NEEDS: dict[str, tuple[str, ...]] = {"event": ("date",), "tenure": ("start", "office")}


@dataclass(frozen=True, slots=True)
class Editorial:
    """The checked entries of an editorial file, with where each one stands in it."""

    events: tuple[tuple[str, Event, tuple[str, ...]], ...]
    tenures: tuple[tuple[str, Tenure], ...]
    where: str


class _Reader:
    def __init__(self, where: str) -> None:
        self.where = where
        self.problems: list[Problem] = []

    def fail(self, path: str, message: str) -> None:
        self.problems.append(Problem(f"{self.where}: {path}", message))

    def text(self, item: dict[str, Any], key: str, path: str, *, required: bool = False) -> str:
        value = item.get(key, "")
        if not isinstance(value, str) or (required and not value.strip()):
            self.fail(f"{path}.{key}", "must be a non-empty text" if required else "must be text")
            return ""
        return value

    def date(self, item: dict[str, Any], key: str, path: str, *, required: bool
             ) -> PartialDate | None:
        value = item.get(key)
        if value is None and not required:
            return None
        try:
            return PartialDate.parse(str(value)) if isinstance(value, str) else _no_date()
        except DateError as error:
            self.fail(f"{path}.{key}", f"'{value}' is not a date such as 1934, 1921-03 or "
                      f"1922-04-03 ({error})")
            return None

    def texts(self, item: dict[str, Any], key: str, path: str) -> tuple[str, ...]:
        value = item.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            self.fail(f"{path}.{key}", "must be a list of non-empty texts")
            return ()
        return tuple(value)

    def refs(self, item: dict[str, Any], path: str) -> tuple[SourceRef, ...]:
        value = item.get("sources")
        if not isinstance(value, list) or not value:
            self.fail(f"{path}.sources", "must list at least one quote")
            return ()
        out = []
        for i, ref in enumerate(value):
            place = f"{path}.sources[{i}]"
            if not isinstance(ref, dict):
                self.fail(place, "must be an object with source, quote and supports")
                continue
            supports = self.texts(ref, "supports", place)
            if not supports:
                self.fail(f"{place}.supports", "must say what the quote is cited for "
                          f"(one or more of {', '.join(SUPPORTABLE_FIELDS)})")
            for name in supports:
                if name not in SUPPORTABLE_FIELDS:
                    self.fail(f"{place}.supports", f"'{name}' is not a field a quote can "
                              f"support; expected one of {', '.join(SUPPORTABLE_FIELDS)}")
            out.append(SourceRef(SourceId(self.text(ref, "source", place, required=True)),
                                 self.text(ref, "quote", place, required=True), supports))
        return tuple(out)

    def known(self, item: dict[str, Any], path: str, keys: tuple[str, ...]) -> None:
        for key in item:
            if key not in keys:
                self.fail(f"{path}.{key}", f"unknown key; expected one of {', '.join(keys)}")


def _no_date() -> PartialDate:
    raise DateError("missing")


def load_editorial(path: Path) -> Editorial:
    """Read and check an editorial file's form; quotes are checked against the seeds later."""
    where = str(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise InputError([Problem(where, f"cannot be read ({error})")]) from None
    except json.JSONDecodeError as error:
        raise InputError([Problem(f"{where}:{error.lineno}",
                                  f"is not valid JSON ({error.msg})")]) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InputError([Problem(f"{where}: format", f"must be '{FORMAT}'")])
    r = _Reader(where)
    if data.get("version") != VERSION:
        r.fail("version", f"must be {VERSION}")
    r.known(data, "(top)", ("format", "version", "events", "tenures"))
    events = [_event(r, item, f"events[{i}]") for i, item in enumerate(_list(r, data, "events"))]
    tenures = [_tenure(r, item, f"tenures[{i}]")
               for i, item in enumerate(_list(r, data, "tenures"))]
    if r.problems:
        raise InputError(r.problems)
    return Editorial(tuple(e for e in events if e is not None),
                     tuple(t for t in tenures if t is not None), where)


def _list(r: _Reader, data: dict[str, Any], key: str) -> list[Any]:
    value = data.get(key, [])
    if not isinstance(value, list):
        r.fail(key, "must be a list")
        return []
    return value


def _kind(r: _Reader, item: dict[str, Any], path: str) -> EventKind:
    value = item.get("kind")
    for kind in EVENT_KINDS:
        if value == kind:
            return kind
    r.fail(f"{path}.kind", f"'{value}' is not one of {', '.join(EVENT_KINDS)}")
    return "other"


def _standing(r: _Reader, item: dict[str, Any], path: str) -> Standing:
    value = item.get("standing", "core")
    for standing in STANDINGS:
        if value == standing:
            return standing
    r.fail(f"{path}.standing", f"'{value}' is not one of {', '.join(STANDINGS)}")
    return "core"


def _event(r: _Reader, item: Any, path: str) -> tuple[str, Event, tuple[str, ...]] | None:
    if not isinstance(item, dict):
        r.fail(path, "must be an object")
        return None
    r.known(item, path, _EVENT_KEYS)
    date = r.date(item, "date", path, required=True)
    end = r.date(item, "end", path, required=False)
    record_id = r.text(item, "id", path, required=True)
    text = r.text(item, "text", path, required=True)
    asked = r.text(item, "asked", path, required=True)
    detail = r.text(item, "detail", path, required=True)
    match = _EVENT_ID.fullmatch(record_id)
    if record_id and (match is None or (date and int(match.group("year")) != date.year)):
        r.fail(f"{path}.id", f"'{record_id}' must read event-YEAR-words, with the year of its "
                             "date")
    if date and end and not date.is_before(end):
        r.fail(f"{path}.end", f"{end} must come after the date {date} (a span runs from date "
                              "to end)")
    if text and (not text[0].isupper() or text.endswith(".") or len(text.split()) < 5):
        r.fail(f"{path}.text", "must say what happened, with who and what, as a headline "
                               "(a capital first, five words at least, no full stop)")
    if asked and (asked[0].isupper() or asked.endswith(("?", "."))):
        r.fail(f"{path}.asked", "must be the words after 'In what year', lower case first, "
                                "without a question mark")
    event = Event(
        id=RecordId(record_id), date=date or PartialDate(1), text=text,
        note=r.text(item, "note", path), sources=r.refs(item, path), end=end,
        kind=_kind(r, item, path), people=r.texts(item, "people", path), asked=asked,
        detail=detail, standing=_standing(r, item, path),
    )
    return path, event, r.texts(item, "covers", path)


def _tenure(r: _Reader, item: Any, path: str) -> tuple[str, Tenure] | None:
    if not isinstance(item, dict):
        r.fail(path, "must be an object")
        return None
    r.known(item, path, _TENURE_KEYS)
    start = r.date(item, "start", path, required=True)
    end = r.date(item, "end", path, required=False)
    record_id = r.text(item, "id", path, required=True)
    match = _TENURE_ID.fullmatch(record_id)
    if record_id and (match is None or (start and int(match.group("year")) != start.year)):
        r.fail(f"{path}.id", f"'{record_id}' must read tenure-surname-YEAR, with the year it "
                             "began")
    reason = r.text(item, "reason", path, required=True)
    acting = item.get("acting", False)
    if not isinstance(acting, bool):
        r.fail(f"{path}.acting", "must be true or false")
        acting = False
    note = r.text(item, "note", path)
    tenure = Tenure(
        id=RecordId(record_id), person=r.text(item, "person", path, required=True),
        office=r.text(item, "office", path, required=True), start=start or PartialDate(1),
        end=end, end_reason=r.text(item, "end_reason", path), acting=acting,
        note=f"{note} Added by hand: {reason}".strip(), sources=r.refs(item, path),
    )
    return path, tenure


# ---------------------------------------------------------------- applying


def check_quotes(record: Record, path: str, texts: dict[str, tuple[str, str]],
                 problems: list[Problem]) -> None:
    """Each quote is in its seed word for word and contains every value it is cited for."""
    for i, ref in enumerate(record.sources):
        place = f"{path}.sources[{i}]"
        if ref.source not in texts:
            problems.append(Problem(f"{place}.source", f"'{ref.source}' is not a seed"))
            continue
        text, language = texts[ref.source]
        if ref.quote not in text:
            problems.append(Problem(f"{place}.quote", f"is not in {ref.source} word for word: "
                                                      f"'{ref.quote[:60]}'"))
            continue
        for name in unstated(record, ref, language):
            problems.append(Problem(f"{place}.quote", f"is cited for {name} but does not "
                                                      f"state it: '{ref.quote[:60]}'"))


def _check_cited(record: Record, path: str, needs: tuple[str, ...],
                 problems: list[Problem]) -> None:
    cited = {name for ref in record.sources for name in ref.supports}
    if isinstance(record, Event) and record.end is not None:
        needs = (*needs, "end")
    for name in needs:
        if name not in cited:
            problems.append(Problem(f"{path}.sources", f"no quote is cited for {name}"))


def apply_editorial(extraction: Extraction, editorial: Editorial, reading: Reading
                    ) -> Extraction:
    """The record set with the editorial events and tenures; every quote checked."""
    where = editorial.where
    records = extraction.records
    problems: list[Problem] = []
    texts = {str(p.seed.id): (p.seed.text, p.seed.language) for p in reading.parsed}
    found = {str(e.id): e for e in records.events}
    covered: dict[str, str] = {}
    events: list[Event] = []
    seen = {str(t.id) for t in records.tenures} | {str(o.id) for o in records.offices}
    for path, event, covers in editorial.events:
        place = f"{where}: {path}"
        if event.id in seen:
            problems.append(Problem(f"{place}.id", f"'{event.id}' is used twice"))
        seen.add(event.id)
        check_quotes(event, place, texts, problems)
        _check_cited(event, place, _NEEDS["event"], problems)
        for name in covers:
            rule_event = found.get(name)
            if rule_event is None:
                problems.append(Problem(f"{place}.covers", f"'{name}' is not an event the "
                                                           "sentence rules found"))
            elif name in covered:
                problems.append(Problem(f"{place}.covers", f"'{name}' is covered by "
                                                           f"{covered[name]} already"))
            elif not _agrees(event, rule_event.date):
                problems.append(Problem(f"{place}.covers", f"'{name}' is dated "
                                        f"{rule_event.date} by the seeds, not {event.date}"))
            else:
                covered[name] = event.id
        events.append(event)
    tenures = list(records.tenures)
    for path, tenure in editorial.tenures:
        place = f"{where}: {path}"
        if tenure.id in seen:
            problems.append(Problem(f"{place}.id", f"'{tenure.id}' is used twice"))
        seen.add(tenure.id)
        check_quotes(tenure, place, texts, problems)
        _check_cited(tenure, place, _NEEDS["tenure"], problems)
        tenures.append(tenure)
    conflicts = [_moved(c, covered, where, problems) for c in records.conflicts]
    if problems:
        raise InputError(problems)
    notes = [f"{e.id}: found by the sentence rules, but no editorial entry covers it"
             for e in records.events if e.id not in covered]
    events.sort(key=lambda e: (e.date.sort_key(), e.id))
    tenures.sort(key=lambda t: (t.start.sort_key(), t.id))
    result = replace(records, tenures=tuple(tenures), events=tuple(events),
                     conflicts=tuple(sorted((c for c in conflicts if c is not None),
                                            key=lambda c: (c.subject, c.field))), _index={})
    check_record_set(result, texts)
    # the leftover title facts an editorial tenure now holds are no longer news
    held = {f"not attached to any tenure: {person_key(t.person)} office '{t.office}'"
            for _, t in editorial.tenures}
    kept = [n for n in extraction.notes if not any(n.endswith(h) for h in held)]
    return Extraction(result, extraction.facts, (*kept, *notes))


def _agrees(event: Event, date: PartialDate) -> bool:
    if compatible(event.date, date):
        return True
    return event.end is not None and not date.is_before(event.date) \
        and not event.end.is_before(date)


def _moved(conflict: Conflict, covered: dict[str, str], where: str,
           problems: list[Problem]) -> Conflict | None:
    if not conflict.subject.startswith("event-"):
        return conflict
    if conflict.subject not in covered:
        problems.append(Problem(where, f"the documents disagree on the {conflict.field} of "
                                       f"{conflict.subject}; an editorial event must cover it"))
        return None
    return replace(conflict, subject=RecordId(covered[conflict.subject]))


def check_record_set(records: RecordSet, texts: dict[str, tuple[str, str]]) -> None:
    """Every quote of the record set, found by the rules or written by the editor, is in its
    seed and states what it is cited for; every conflict's quotes state their value."""
    problems: list[Problem] = []
    for group, items in (("tenures", records.tenures), ("offices", records.offices),
                         ("events", records.events)):
        for record in items:
            place = f"{group} {record.id}"
            check_quotes(record, place, texts, problems)
            if any(not ref.supports for ref in record.sources):
                problems.append(Problem(place, "a quote does not say what it is cited for"))
    for conflict in records.conflicts:
        subject: Record | None = records.record(conflict.subject) \
            if records.has_record(conflict.subject) else None
        for option in conflict.values:
            for ref in option.sources:
                language = texts.get(ref.source, ("", "en"))[1]
                if subject is not None and not states_value(conflict.field, option.value,
                                                            ref.quote, language, subject):
                    problems.append(Problem(
                        f"conflicts {conflict.subject} {conflict.field}",
                        f"'{ref.quote[:60]}' does not state {option.value}"))
    if problems:
        raise InputError(problems)
