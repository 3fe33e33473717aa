"""How records are named in questions: each label names one fact, and no more than it must."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from gensec_quiz.domain.dates import PartialDate
from gensec_quiz.domain.records import RecordSet, Tenure
from gensec_quiz.generation.facts import ConflictIndex
from gensec_quiz.i18n import tr

_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth")


@dataclass(frozen=True, slots=True)
class TenureView:
    """A tenure as questions name it.

    `office` is the short display name (None when the office title is avoided); `ordinal` is
    set when the same person held the same office more than once; `group` is shared by the
    tenures that one question must not show together (their labels would give each other away).
    """

    tenure: Tenure
    office: str | None
    ordinal: int | None
    by_office: bool
    group: str

    @property
    def person(self) -> str:
        return self.tenure.person

    def label(self) -> str:
        """The tenure as a list item: 'Leonid Brezhnev, as First Secretary'."""
        text = self.person
        if self.by_office and self.office:
            text = tr("{person}, as {office}", person=text, office=self.office)
        notes = [tr("acting")] if self.tenure.acting else []
        if self.ordinal is not None:
            notes.append(tr("{nth} term", nth=ordinal_word(self.ordinal)))
        if notes:
            text = tr("{who} ({notes})", who=text, notes=", ".join(notes))
        return text

    def person_label(self) -> str:
        """The person without the office (for questions whose answer is the office)."""
        if self.ordinal is None and not self.by_office:
            return self.person
        return tr("{person} ({period})", person=self.person, period=period(
            self.tenure.start, self.tenure.end))

    def office_phrase(self) -> str:
        """What the person became: 'First Secretary', 'acting General Secretary'."""
        office = self.office or tr("officeholder")
        return tr("acting {office}", office=office) if self.tenure.acting else office

    def became(self) -> str:
        """'Leonid Brezhnev became First Secretary' (with 'for the second time' when needed)."""
        if self.office is None:
            return tr("{person} took office{again}", person=self.person, again=self.again())
        return tr("{person} became {office}{again}", person=self.person,
                  office=self.office_phrase(), again=self.again())

    def becomes(self) -> str:
        """'Leonid Brezhnev becomes First Secretary': an item among events."""
        if self.office is None:
            return tr("{person} takes office{again}", person=self.person, again=self.again())
        return tr("{person} becomes {office}{again}", person=self.person,
                  office=self.office_phrase(), again=self.again())

    def left(self) -> str:
        """'Leonid Brezhnev's time as First Secretary ended'."""
        if self.office is None:
            return tr("{person} left office{again}", person=self.person, again=self.again())
        if self.ordinal is None:
            return tr("{person}'s time as {office} ended", person=self.person,
                      office=self.office_phrase())
        return tr("{person}'s {nth} term as {office} ended", person=self.person,
                  nth=ordinal_word(self.ordinal), office=self.office_phrase())

    def again(self) -> str:
        """'' or ' for the second time' when the person held this office more than once."""
        if self.ordinal is None:
            return ""
        return tr(" for the {nth} time", nth=ordinal_word(self.ordinal))


def ordinal_word(number: int) -> str:
    if 1 <= number <= len(_ORDINALS):
        return tr(_ORDINALS[number - 1])
    return tr("{number}th", number=number)


def period(start: PartialDate, end: PartialDate | None) -> str:
    """'1922–1953', '1964' (both in one year) or 'from 2017' (ongoing)."""
    if end is None:
        return tr("from {start}", start=start.year)
    if end.year == start.year:
        return str(start.year)
    return f"{start.year}–{end.year}"


def short_office(office: str, names: tuple[str, ...]) -> str:
    """The office's short name when it begins with one of the record set's office names."""
    best = ""
    for name in names:
        if (office == name or office.startswith(name + " ")) and len(name) > len(best):
            best = name
    return best or office


def tenure_views(records: RecordSet, conflicts: ConflictIndex) -> dict[str, TenureView]:
    """Every tenure's view, by record id."""
    names = tuple(dict.fromkeys(o.name for o in records.offices))
    by_person: dict[str, list[Tenure]] = defaultdict(list)
    for tenure in records.tenures:
        by_person[tenure.person].append(tenure)
    views: dict[str, TenureView] = {}
    for person, tenures in by_person.items():
        tenures.sort(key=lambda t: (t.start.sort_key(), t.id))
        for view in _person_views(conflicts, person, tenures, names):
            views[view.tenure.id] = view
    return views


def _person_views(conflicts: ConflictIndex, person: str, tenures: list[Tenure],
                  names: tuple[str, ...]) -> list[TenureView]:
    offices = {t.id: _usable_office(conflicts, t, names) for t in tenures}
    if len(tenures) == 1:
        only = tenures[0]
        return [TenureView(only, offices[only.id], None, False, f"{person}|{only.id}")]
    if any(o is None for o in offices.values()):
        # Without office titles, only the order of the terms tells them apart.
        return [TenureView(t, None, n, False, person) for n, t in enumerate(tenures, start=1)]
    counts: dict[str, int] = defaultdict(int)
    for t in tenures:
        counts[t.office] += 1
    seen: dict[str, int] = defaultdict(int)
    views = []
    for t in tenures:
        seen[t.office] += 1
        ordinal = seen[t.office] if counts[t.office] > 1 else None
        views.append(TenureView(t, offices[t.id], ordinal, len(counts) > 1,
                                f"{person}|{t.office}"))
    return views


def _usable_office(conflicts: ConflictIndex, tenure: Tenure,
                   names: tuple[str, ...]) -> str | None:
    if any(c.avoided for c in conflicts.get((tenure.id, "office"), ())):
        return None
    return short_office(tenure.office, names)


def sentence(text: str) -> str:
    """The text with a final full stop when it has no closing punctuation."""
    text = text.strip()
    return text if text.endswith((".", "!", "?", "…")) else text + "."


def bare(text: str) -> str:
    """The text without a final full stop (for use inside a sentence)."""
    text = text.strip()
    return text[:-1] if text.endswith(".") and not text.endswith("..") else text
