"""What a quote is cited for, and whether it says so.

Every quote in the record set names the fields it supports (`SourceRef.supports`), and must
contain the value it supports: a date in the seed's own wording (French month names, "1982-84",
"14 March" after "5 March 1953" included), a person's name (French spellings included), an
office's title (French titles included), or the words of how a tenure ended.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import TypeVar

from gensec_quiz.domain.dates import DateError, PartialDate
from gensec_quiz.domain.records import (
    SUPPORTABLE_FIELDS,
    ConflictValue,
    Event,
    OfficeName,
    Record,
    SourceId,
    SourceRef,
    Tenure,
)
from gensec_quiz.extraction.dates import find_dates
from gensec_quiz.extraction.model import Fact
from gensec_quiz.extraction.people import french_to_english
from gensec_quiz.extraction.text import fold
from gensec_quiz.extraction.titles import french_title
from gensec_quiz.extraction.values import compatible, ordered

R = TypeVar("R", Tenure, OfficeName, Event)

# How a tenure ended, in the words the seeds use for it.
REASON_WORDS: dict[str, tuple[str, ...]] = {
    "died": ("†", "died", "death", "mort"),
    "removed": ("remov",),
    "resigned": ("resign", "démission"),
    "office abolished": ("abolish",),
    "office renamed": ("renamed", "rétabli le titre", "renommé"),
    "party suspended": ("suspend",),
    "demoted": ("demoted",),
}


def _order(fields: Iterable[str]) -> tuple[str, ...]:
    wanted = set(fields)
    return tuple(f for f in SUPPORTABLE_FIELDS if f in wanted)


def cite(items: Iterable[tuple[Fact, Sequence[str]]]) -> tuple[SourceRef, ...]:
    """Each quote once, in document order, cited for every field any of its facts supports."""
    pairs = list(items)
    fields: dict[tuple[str, str], set[str]] = {}
    for fact, supports in pairs:
        fields.setdefault((fact.source.source, fact.source.quote), set()).update(supports)
    out: list[SourceRef] = []
    seen: set[tuple[str, str]] = set()
    for fact in ordered(f for f, _ in pairs):
        key = (fact.source.source, fact.source.quote)
        if key not in seen:
            seen.add(key)
            out.append(SourceRef(fact.source.source, fact.source.quote, _order(fields[key])))
    return tuple(out)


def merge_refs(*groups: Iterable[SourceRef]) -> tuple[SourceRef, ...]:
    """Refs each once (by source and quote), first place kept, their fields united."""
    fields: dict[tuple[SourceId, str], set[str]] = {}
    order: list[tuple[SourceId, str]] = []
    for group in groups:
        for ref in group:
            key = (ref.source, ref.quote)
            if key not in fields:
                fields[key] = set()
                order.append(key)
            fields[key].update(ref.supports)
    return tuple(SourceRef(s, q, _order(fields[(s, q)])) for s, q in order)


# ---------------------------------------------------------------- does the quote say it


def states_date(quote: str, value: PartialDate, language: str) -> bool:
    """The quote writes a date (or a range's end) that can name `value`."""
    for mention in find_dates(quote, language=language):
        for date in (mention.date, mention.last):
            if date is not None and compatible(date, value):
                return True
    return False


def _words(quote: str) -> str:
    return " ".join(french_to_english(w) for w in re.findall(r"[\wÀ-ÿ]+", quote))


def names_person(quote: str, person: str) -> bool:
    """The quote names the person by surname (in English or French spelling)."""
    surname = fold(person.split()[-1])
    return surname in fold(quote) or surname in _words(quote)


def names_title(quote: str, title: str) -> bool:
    """The quote names the office's title, in English or French."""
    folded = fold(quote)
    if fold(title) in folded:
        return True
    words = re.findall(r"[a-z]+", folded)
    return any(french_title(f"{a} {b}") == title for a, b in itertools.pairwise(words))


def states_reason(quote: str, reason: str, end: PartialDate | None, language: str) -> bool:
    if reason == "replaced":
        return end is not None and states_date(quote, end, language)
    words = REASON_WORDS.get(reason, (reason,))
    return any(w in quote.lower() or w in quote for w in words)


def unstated(record: Record, ref: SourceRef, language: str) -> list[str]:
    """The fields `ref` is cited for whose value its quote does not contain."""
    quote = ref.quote
    missing = []
    for name in ref.supports:
        if not _states(record, name, quote, language):
            missing.append(name)
    return missing


def _states(record: Record, name: str, quote: str, language: str) -> bool:
    if name in ("start", "end", "date"):
        value = getattr(record, name)
        return value is None or states_date(quote, value, language)
    if isinstance(record, Tenure):
        if name == "person":
            return names_person(quote, record.person)
        if name == "office":
            return names_title(quote, record.office)
        if name == "end_reason":
            return states_reason(quote, record.end_reason, record.end, language)
        if name == "acting":
            return "acting" in quote.lower()
    if isinstance(record, OfficeName) and name == "name":
        return names_title(quote, record.name)
    if isinstance(record, Event):
        if name == "people":
            return any(names_person(quote, p) for p in record.people)
        if name == "text":
            return True  # the substance: read by the editor, not checked by machine
    return False


def states_value(field: str, value: ConflictValue, quote: str, language: str,
                 record: Record) -> bool:
    """A conflict option's quote contains the value it gives for `field`."""
    if not isinstance(value, str):
        return True
    if field in ("start", "end", "date"):
        try:
            return states_date(quote, PartialDate.parse(value), language)
        except DateError:
            return False
    if field in ("office", "name"):
        return names_title(quote, value)
    if field == "end_reason":
        end = record.end if isinstance(record, Tenure) else None
        return states_reason(quote, value, end, language)
    return fold(value) in fold(quote)


def trimmed(record: R, languages: dict[str, str]) -> R:
    """The record cited only for what its quotes state.

    The rules cite a quote for the field its fact speaks of; a quote that gives another value
    (14 September where the table says 7 September) belongs to the conflict, not to the record,
    and a sentence that only carries the date of the one before it keeps the date alone. An
    event's quote that states none of its fields still tells what happened ("text"); any other
    record's quote that states nothing is dropped."""
    refs: list[SourceRef] = []
    for ref in record.sources:
        language = languages.get(ref.source, "en")
        kept = tuple(n for n in ref.supports
                     if n not in unstated(record, SourceRef(ref.source, ref.quote, (n,)),
                                          language))
        if not kept and isinstance(record, Event):
            kept = ("text",)
        if kept:
            refs.append(SourceRef(ref.source, ref.quote, kept))
    return replace(record, sources=tuple(refs))
