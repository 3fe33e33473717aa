"""The records' wording in another language (`question_bank/records/french.json`): a pydantic
model of the overlay file and its loader.

An overlay names its record set (`records`, the set's id) and language, and gives by record
id what a question in that language needs: each person's name and grammatical gender, each
title (with the quote of a seed that gives it, where one does: seed 004 writes « premier
secrétaire » and « secrétaire général »), each event's sentences. It is kept apart from the
records so that their English wording can change without touching it; every id it names must
be one of the records', and a check keeps it complete for the events the questions ask.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field

from gensec_quiz import paths
from gensec_quiz.bank.json_checks import (
    AnyText,
    Expect,
    Findings,
    FormatModel,
    Text,
    format_is,
    version_is,
)
from gensec_quiz.domain.record_wording import (
    EventWording,
    PersonWording,
    RecordWording,
)
from gensec_quiz.domain.records import RecordSet
from gensec_quiz.i18n import LANGUAGES, tr

FORMAT = "gensec-quiz/record-wording"
VERSION = 1
# The overlay file of each language, in the records' folder.
FILES = {"fr": "french.json"}


def _language(value: Any, _context: dict[str, Any]) -> str | None:
    if isinstance(value, str) and value in LANGUAGES and value != "en":
        return None
    return tr("{value} is not a language to translate the records into (use {known})",
              value=repr(value), known=", ".join(k for k in LANGUAGES if k != "en"))


class PersonModel(FormatModel):
    name: Text
    feminine: bool = False


class OfficeModel(FormatModel):
    name: Text
    # The source that gives this name in the language, and its words ("" for a translation).
    source: AnyText = ""
    quote: AnyText = ""


class EventModel(FormatModel):
    text: Text
    asked: Text
    said: AnyText = ""
    detail: AnyText = ""
    congress: AnyText = ""
    did: AnyText = ""


class RecordWordingModel(FormatModel):
    format: Annotated[str, format_is(FORMAT)]
    version: Annotated[int, version_is(VERSION)]
    language: Annotated[str, Expect(_language)]
    records: Text
    title: AnyText = ""
    people: dict[str, PersonModel] = Field(default_factory=dict)
    offices: dict[str, OfficeModel] = Field(default_factory=dict)
    sources: dict[str, str] = Field(default_factory=dict)
    events: dict[str, EventModel] = Field(default_factory=dict)


def record_wording_from_dict(data: Any, where: str = "") -> RecordWording:
    """The overlay in `data`; InputError naming every problem and its place."""
    found = Findings(where)
    model = found.validate(RecordWordingModel, data)
    found.raise_if_any()
    assert model is not None
    for name, office in model.offices.items():
        if bool(office.source) != bool(office.quote):
            found.add(f"offices.{name}", tr("gives a source without a quote, or a quote "
                                            "without a source"))
    found.raise_if_any()
    return RecordWording(
        language=model.language, records=model.records, title=model.title,
        people={k: PersonWording(v.name, v.feminine) for k, v in model.people.items()},
        offices={k: v.name for k, v in model.offices.items()},
        events={k: EventWording(v.text, v.asked, v.said, v.detail, v.congress, v.did)
                for k, v in model.events.items()},
        sources=dict(model.sources),
    )


def load_record_wording(path: Path) -> RecordWording:
    from gensec_quiz.bank.records_json import read_json_file

    return record_wording_from_dict(read_json_file(path), where=str(path))


def unknown_ids(wording: RecordWording, records: RecordSet) -> list[str]:
    """Ids and names the overlay gives that the records do not have (a renamed record)."""
    people = {t.person for t in records.tenures} | {p for e in records.events for p in e.people}
    titles = {o.name for o in records.offices} | {t.office for t in records.tenures}
    events = {e.id for e in records.events}
    sources = {str(s.id) for s in records.sources}
    return ([f"people.{p}" for p in wording.people if p not in people]
            + [f"offices.{o}" for o in wording.offices if o not in titles]
            + [f"events.{e}" for e in wording.events if e not in events]
            + [f"sources.{s}" for s in wording.sources if s not in sources])


def _shipped(language: str) -> RecordWording | None:
    name = FILES.get(language)
    if name is None:
        return None
    path = paths.records_dir() / name
    return _read_once(path) if path.is_file() else None


@functools.cache
def _read_once(path: Path) -> RecordWording:
    """Each overlay file is read once (the shipped files do not change while the app runs)."""
    return load_record_wording(path)


def wording_for(records: RecordSet, language: str) -> RecordWording | None:
    """The shipped overlay of `records` in `language`, or None (a teacher's CSV, English)."""
    found = _shipped(language)
    return found if found is not None and found.records == records.id else None
