"""How records are named in questions: each label names one fact, and no more than it must."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from dataclasses import dataclass

from gensec_quiz.domain.dates import PartialDate
from gensec_quiz.domain.records import OfficeName, RecordSet, Tenure
from gensec_quiz.generation.facts import ConflictIndex
from gensec_quiz.generation.wording import ENGLISH, Wording
from gensec_quiz.i18n import N_

_ORDINALS = (N_("first"), N_("second"), N_("third"), N_("fourth"), N_("fifth"), N_("sixth"),
             N_("seventh"), N_("eighth"))


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
    # The set's language: how texts, names and titles are written.
    words: Wording = ENGLISH

    @property
    def person(self) -> str:
        return self.tenure.person

    @property
    def name(self) -> str:
        """The person as the set's language names them ('Nikita Khrouchtchev')."""
        return self.words.person(self.tenure.person)

    @property
    def title(self) -> str | None:
        """The office as the set's language names it ('premier secrétaire'), or None."""
        return None if self.office is None else self.words.office(self.office)

    def tr(self, text: str, /, **values: object) -> str:
        """`text` in the set's language, with agreement fields for the person ({il}, {e})."""
        return self.words.tr(text, **self.words.agreement(self.tenure.person), **values)

    def label(self) -> str:
        """The tenure as a list item: 'Leonid Brezhnev, as First Secretary'."""
        text = self.name
        if self.by_office and self.office:
            text = self.words.tr("{person}, as {office}", person=text, office=self.title)
        notes = [self.words.tr("acting")] if self.tenure.acting else []
        if self.ordinal is not None:
            notes.append(self.words.tr("{nth} term", nth=ordinal_word(self.ordinal, self.words)))
        if notes:
            text = self.words.tr("{who} ({notes})", who=text, notes=", ".join(notes))
        return text

    def person_label(self) -> str:
        """The person without the office (for questions whose answer is the office)."""
        if self.ordinal is None and not self.by_office:
            return self.name
        return self.words.tr("{person} ({period})", person=self.name, period=period(
            self.tenure.start, self.tenure.end, self.words))

    def office_phrase(self) -> str:
        """What the person became: 'First Secretary', 'acting General Secretary'."""
        office = self.title or self.words.tr("officeholder")
        return self.words.tr("acting {office}", office=office) if self.tenure.acting else office

    def became(self) -> str:
        """'Leonid Brezhnev became First Secretary' (with 'for the second time' when needed)."""
        if self.office is None:
            return self.tr("{person} took office{again}", person=self.name,
                            again=self.again())
        return self.tr("{person} became {office}{again}", person=self.name,
                  office=self.office_phrase(), again=self.again())

    def becomes(self) -> str:
        """'Leonid Brezhnev becomes First Secretary': an item among events."""
        if self.office is None:
            return self.tr("{person} takes office{again}", person=self.name,
                            again=self.again())
        return self.tr("{person} becomes {office}{again}", person=self.name,
                  office=self.office_phrase(), again=self.again())

    def left(self) -> str:
        """'Leonid Brezhnev's time as First Secretary ended'."""
        if self.office is None:
            return self.tr("{person} left office{again}", person=self.name,
                            again=self.again())
        if self.ordinal is None:
            return self.tr("{person}'s time as {office} ended", person=self.name,
                            office=self.office_phrase())
        return self.tr("{person}'s {nth} term as {office} ended", person=self.name,
                        nth=ordinal_word(self.ordinal, self.words), office=self.office_phrase())

    def again(self) -> str:
        """'' or ' for the second time' when the person held this office more than once."""
        if self.ordinal is None:
            return ""
        nth = ordinal_word(self.ordinal, self.words)
        # {nth_f}: the ordinal agreeing with a feminine noun ("pour la première fois").
        nth_f = "première" if self.words.language == "fr" and self.ordinal == 1 else nth
        return self.words.tr(" for the {nth} time", nth=nth, nth_f=nth_f)


def ordinal_word(number: int, words: Wording = ENGLISH) -> str:
    if 1 <= number <= len(_ORDINALS):
        return words.tr(_ORDINALS[number - 1])
    return words.tr("{number}th", number=number)


# A name of the office used for this many years or fewer is neither ordered nor matched with
# its years: with year dates, the records cannot tell whether it was used alone or beside the
# next one (Stasova, "Technical Secretary" 1917-1918, worked beside Sverdlov, "chairman"
# 1918-1919), and an order or a matching of them would teach a sequence that was not.
SHORT_NAME_YEARS = 1


def short_lived(office: OfficeName) -> bool:
    """True when the name was used for SHORT_NAME_YEARS or fewer (by its period's years)."""
    return office.end is not None and office.end.year - office.start.year <= SHORT_NAME_YEARS


def period(start: PartialDate, end: PartialDate | None, words: Wording = ENGLISH) -> str:
    """'1922–1953', '1964' (both in one year) or 'from 2017' (ongoing)."""
    if end is None:
        return words.tr("from {start}", start=start.year)
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


def tenure_views(records: RecordSet, conflicts: ConflictIndex,
                 words: Wording = ENGLISH) -> dict[str, TenureView]:
    """Every tenure's view, by record id."""
    names = tuple(dict.fromkeys(o.name for o in records.offices))
    by_person: dict[str, list[Tenure]] = defaultdict(list)
    for tenure in records.tenures:
        by_person[tenure.person].append(tenure)
    views: dict[str, TenureView] = {}
    for person, tenures in by_person.items():
        tenures.sort(key=lambda t: (t.start.sort_key(), t.id))
        for view in _person_views(conflicts, person, tenures, names):
            views[view.tenure.id] = view if words.english else dataclasses.replace(
                view, words=words)
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
