"""Everything the generators need from a record set, worked out once and sorted once."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from gensec_quiz.domain.questions import Question, QuestionType
from gensec_quiz.domain.records import Event, OfficeName, RecordSet, Tenure
from gensec_quiz.generation.facts import DatedFact, event_fact, make_fact, tenure_facts
from gensec_quiz.generation.labels import TenureView, tenure_views


@dataclass(frozen=True, slots=True)
class Candidate:
    """A question not yet written out: what it rests on, what it shows, and how to build it.

    `keys` are the facts it asks about (its basis, as `record.field`); `shown` are facts its
    text states before it is answered (an office named in a label, years in a period);
    `near` and `shown_near` are the other facts whose dates overlap theirs (twins).
    """

    id: str
    type: QuestionType
    keys: frozenset[str]
    shown: frozenset[str]
    build: Callable[[], Question]
    near: frozenset[str] = frozenset()
    shown_near: frozenset[str] = frozenset()


def question_id(kind: str, template: str, parts: list[str]) -> str:
    """A stable id made from the question's content, so saved answers can be traced."""
    digest = hashlib.blake2b("\x1f".join([kind, template, *parts]).encode("utf-8"),
                             digest_size=6).hexdigest()
    return f"{kind[:4]}-{digest}"


def clashes(a: Candidate, b: Candidate, *, strict: bool = True) -> bool:
    """True when the two questions repeat each other or one gives away the other's answer.

    Facts whose dates overlap are twins (Gorbachev's resignation as an event and as the end
    of his tenure): stating one tells the other. A date question asks for one value, so it
    shares no fact and no twin with any other question; no question states what another
    asks. Strictly, no two questions share a fact or a twin; otherwise two ordering or
    matching questions may share one (which tells at most one of the other's items or pairs,
    never its whole answer).
    """
    if a.id == b.id or a.shown_near & b.keys or b.shown_near & a.keys:
        return True
    shared = len(a.keys & b.keys)
    near = len((a.near & b.keys) | (b.near & a.keys))
    if strict or "date" in (a.type, b.type):
        return shared > 0 or near > 0
    return shared > 1 or near > 1


class Context:
    """The record set with its facts sorted by date and its tenures named."""

    def __init__(self, records: RecordSet) -> None:
        self.records = records
        self.views: dict[str, TenureView] = tenure_views(records)
        self.titles = {str(s.id): s.title for s in records.sources}
        self.tenures: dict[str, Tenure] = {t.id: t for t in records.tenures}
        self.events: dict[str, Event] = {e.id: e for e in records.events}
        self.offices: dict[str, OfficeName] = {o.id: o for o in records.offices}
        starts: list[DatedFact] = []
        ends: list[DatedFact] = []
        for tenure in records.tenures:
            start, end = tenure_facts(records, tenure)
            if start is not None:
                starts.append(start)
            if end is not None:
                ends.append(end)
        dated = (event_fact(records, e) for e in records.events)
        self.start_facts = _sorted(starts)
        self.end_facts = _sorted(ends)
        self.event_facts = _sorted([f for f in dated if f is not None])
        self.office_facts = _sorted(self._first_names())
        self.facts = {f.key: f for f in (*self.start_facts, *self.end_facts,
                                         *self.event_facts, *self.office_facts)}
        self.twins = _twins(list(self.facts.values()))

    def candidate(self, qid: str, kind: QuestionType, keys: frozenset[str],
                  shown: frozenset[str], build: Callable[[], Question]) -> Candidate:
        """A candidate with the twins of the facts it asks and states."""
        twins = self.twins
        near = frozenset().union(*(twins.get(k, ()) for k in keys)) - keys
        shown_near = shown.union(*(twins.get(k, ()) for k in shown))
        return Candidate(qid, kind, keys, shown, build, near, shown_near)

    def _first_names(self) -> list[DatedFact]:
        """The start of each office name's first use (a name used twice is asked once)."""
        first: dict[str, OfficeName] = {}
        for office in sorted(self.records.offices, key=lambda o: (o.start.sort_key(), o.id)):
            first.setdefault(office.name, office)
        facts = (make_fact(self.records, o, "start", o.start) for o in first.values())
        return [f for f in facts if f is not None]

    def fact(self, record: str, field: str) -> DatedFact | None:
        return self.facts.get(f"{record}.{field}")

    def tenure(self, record: str) -> Tenure:
        return self.tenures[record]

    def event(self, record: str) -> Event:
        return self.events[record]

    def office(self, record: str) -> OfficeName:
        return self.offices[record]

    def view(self, record: str) -> TenureView:
        return self.views[record]

    def label_shows(self, view: TenureView) -> frozenset[str]:
        """Facts that `view.label()` states."""
        if view.by_office and view.office:
            return frozenset({f"{view.tenure.id}.office"})
        return frozenset()

    def person_label_shows(self, view: TenureView) -> frozenset[str]:
        """Facts that `view.person_label()` states (the years, when it needs them)."""
        if view.ordinal is None and not view.by_office:
            return frozenset()
        record = view.tenure.id
        return frozenset({f"{record}.start", f"{record}.end"})

    def office_shows(self, view: TenureView) -> frozenset[str]:
        """Facts that a phrase naming the office ('became First Secretary') states."""
        return frozenset({f"{view.tenure.id}.office"}) if view.office else frozenset()


def _twins(facts: list[DatedFact]) -> dict[str, frozenset[str]]:
    """For each fact with twins, the other facts whose date spans overlap its own."""
    ordered = sorted(facts, key=DatedFact.sort_key)
    twins: dict[str, set[str]] = {}
    for i, fact in enumerate(ordered):
        for other in ordered[i + 1:]:
            if other.lo > fact.hi:
                break
            twins.setdefault(fact.key, set()).add(other.key)
            twins.setdefault(other.key, set()).add(fact.key)
    return {key: frozenset(keys) for key, keys in twins.items()}


def _sorted(facts: list[DatedFact]) -> list[DatedFact]:
    return sorted(facts, key=DatedFact.sort_key)
