"""Everything the generators need from a record set, worked out once and sorted once."""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import hashlib
import random
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar, overload

from gensec_quiz.domain.dates import MONTH_NAMES, PartialDate
from gensec_quiz.domain.questions import Question, QuestionType
from gensec_quiz.domain.records import (
    Event,
    OfficeName,
    RecordSet,
    SourceId,
    SourceRef,
    Tenure,
)
from gensec_quiz.generation.facts import (
    DatedFact,
    conflict_index,
    event_fact,
    make_fact,
    tenure_facts,
)
from gensec_quiz.generation.labels import TenureView, tenure_views
from gensec_quiz.generation.phrasing import (
    end_reason_key,
    is_judgement,
    kind_of,
    names_no_one_removed,
)
from gensec_quiz.generation.witnesses import witness_names
from gensec_quiz.generation.wording import ENGLISH, Wording

if TYPE_CHECKING:
    from gensec_quiz.generation.giveaways import SetFacts


@dataclass(frozen=True, slots=True)
class Candidate:
    """A question not yet written out: what it rests on, what it shows, and how to build it.

    `keys` are the facts it asks about (its basis, as `record.field`); `shown` are facts its
    text states before it is answered (an office named in a label, years in a period);
    `focus` is "people" (who held the office, when) or "history" (events, the office's names).
    """

    id: str
    type: QuestionType
    keys: frozenset[str]
    shown: frozenset[str]
    build: Callable[[], Question]
    focus: Focus = "people"
    # What the question is about, for variety: "death", "congress", "start", ... ("" for any).
    topic: str = ""
    # How the fame of its facts is told (worked out only when a difficulty weighs it).
    rate: Callable[[frozenset[str]], float] | None = None
    # The year a date question answers (None for other questions and numbers of years).
    year: int | None = None
    # Facts whose order it tells without asking their dates ("Who was General Secretary
    # before Andropov?"): no other question may rest on two of them.
    orders: frozenset[str] = frozenset()
    # A multiple choice's key ("General Secretary", "Nikita Khrushchev"): two in one quiz
    # with the same key read as one question asked twice.
    answer: str = ""

    @property
    def fame(self) -> float:
        """How well known its facts are: the mean number of independent witnesses that tell
        them."""
        return self.rate(self.keys) if self.rate is not None else 0.0


_NOTHING: frozenset[str] = frozenset()
_T = TypeVar("_T")
_S = TypeVar("_S")
Focus = Literal["people", "history"]
FOCUSES: tuple[str, ...] = ("all", "people", "history")

# A successor took office within this many days of the predecessor's end.
SUCCESSION_GAP = dt.timedelta(days=31)

# Lists of up to this many facts get a window at every fact; longer ones a window every few
# facts (each fact still falls in some window), so the number of questions grows linearly
# with a small factor.
DENSE = 60


# A quiz drawn from a large record set makes its candidates at a seeded sample of the places
# of each list (the windows of an order or a matching, the facts of a date question): at least
# SAMPLE_MIN places, SAMPLE_PER_QUESTION per question asked. A list with no more places than
# that (every list of the built-in records) is used whole. Every candidate of a sample is one
# the whole list makes, and the give-away checks still see every fact's twins.
SAMPLE_MIN = 120
SAMPLE_PER_QUESTION = 6


def window_starts(count: int, step: int) -> range:
    """Where windows begin in a sorted list of `count` entries."""
    return range(count) if count <= DENSE else range(0, count, max(1, step))


# Lists up to this long are made whole at once: reading a plain list is quicker than reading
# a Lazy one, and making a few hundred items costs little.
EAGER = 400


def made_when_read(sources: Sequence[_S], make: Callable[[_S], _T]) -> Sequence[_T]:
    """The items made from `sources`: at once for a short list, else each when first read."""
    if len(sources) <= EAGER:
        return [make(source) for source in sources]
    return Lazy(sources, make)


class Lazy(Sequence[_T], Generic[_S, _T]):
    """A list whose items are made from `sources` the first time they are read: a quiz on a
    large record set reads the items around a sample of places, not the whole list."""

    def __init__(self, sources: Sequence[_S], make: Callable[[_S], _T]) -> None:
        self._sources = sources
        self._make = make
        self._made: list[_T | None] = [None] * len(sources)

    def __len__(self) -> int:
        return len(self._made)

    @overload
    def __getitem__(self, index: int, /) -> _T: ...

    @overload
    def __getitem__(self, index: slice, /) -> list[_T]: ...

    def __getitem__(self, index: int | slice, /) -> _T | list[_T]:
        if isinstance(index, slice):
            return [self._item(i) for i in range(*index.indices(len(self._made)))]
        found = self._made[index]  # `_item`, inline: read once per item looked at
        if found is None:
            found = self._made[index] = self._make(self._sources[index])
        return found

    def __iter__(self) -> Iterator[_T]:
        # Without Sequence's own, which reads each item through __getitem__ (a whole list of
        # 10,000 is read when a generator looks at every item).
        made, make, sources = self._made, self._make, self._sources
        for index, found in enumerate(made):
            if found is None:
                found = made[index] = make(sources[index])
            yield found

    def _item(self, index: int) -> _T:
        found = self._made[index]
        if found is None:
            found = self._made[index] = self._make(self._sources[index])
        return found


def question_id(kind: str, template: str, parts: list[str]) -> str:
    """A stable id made from the question's content, so saved answers can be traced."""
    digest = hashlib.blake2b("\x1f".join([kind, template, *parts]).encode("utf-8"),
                             digest_size=6).hexdigest()
    return f"{kind[:4]}-{digest}"


@dataclass(slots=True)
class Work:
    """How many pairs of facts or tenures the context has compared: a measure of its work
    that does not depend on the machine's load."""

    comparisons: int = 0
    # How many places of the lists were drawn in samples (`Context.places`), and how many
    # candidates were made.
    sampled: int = 0
    candidates: int = 0


class TwinTable(Mapping[str, frozenset[str]]):
    """A table from fact to its twins, each entry worked out the first time it is read.

    A fact without twins is not in the table. Reading every entry (iterating, `len`) works
    out the whole table; the generator only ever looks up the facts it weighs.
    """

    def __init__(self, facts: Mapping[str, DatedFact],
                 compute: Callable[[str], frozenset[str]]) -> None:
        self._facts = facts
        self._compute = compute
        self._found: dict[str, frozenset[str]] = {}

    def _entry(self, key: str) -> frozenset[str]:
        found = self._found.get(key)
        if found is None:
            found = self._compute(key) if key in self._facts else _NOTHING
            self._found[key] = found
        return found

    def __getitem__(self, key: str) -> frozenset[str]:
        found = self._entry(key)
        if not found:
            raise KeyError(key)
        return found

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and bool(self._entry(key))

    @overload
    def get(self, key: str, /) -> frozenset[str] | None: ...

    @overload
    def get(self, key: str, /, default: frozenset[str] | _T) -> frozenset[str] | _T: ...

    def get(self, key: str, /, default: object = None) -> object:
        """The twins of `key`, or `default` when it has none (without raising KeyError, as
        `Mapping.get` would: most facts have no twins)."""
        found = self._entry(key)
        return found if found else default

    def __iter__(self) -> Iterator[str]:
        return (key for key in self._facts if self._entry(key))

    def __len__(self) -> int:
        return sum(1 for _ in self)


class Context:
    """The record set with its facts sorted by date and its tenures named."""

    def __init__(self, records: RecordSet, words: Wording = ENGLISH) -> None:
        self.records = records
        # The set's language (never the interface's): its catalogue, dates and names.
        self.words = words
        self.conflicts = conflict_index(records)
        self.views: dict[str, TenureView] = tenure_views(records, self.conflicts, words)
        # Texts worked out once (per fact, per set of sources, per fixed wording), however
        # many questions use them.
        self.sentences: dict[str, str] = {}
        self.source_lines: dict[tuple[str, ...], str] = {}
        self.fixed: dict[str, str] = {}
        self.fixed_counts: dict[str, Counter[tuple[str, str]]] = {}
        self.labels: dict[str, str] = {}
        self.teachings: dict[Callable[[], str], str] = {}
        self.offices_shown: dict[str, frozenset[str]] = {}
        # Whether a date question may ask each fact (`date_questions.askable`), once known.
        self.askable_found: dict[str, bool] = {}
        self.witness_counts: dict[str, int] = {}
        self.witness_sets: dict[tuple[str, ...], int] = {}
        # Every number of full years a tenure lasted (durations.py), once worked out.
        self.durations: list[int] | None = None
        self.titles = {str(s.id): s.title for s in records.sources}
        self.tenures: dict[str, Tenure] = {t.id: t for t in records.tenures}
        self.events: dict[str, Event] = {e.id: e for e in records.events}
        self.offices: dict[str, OfficeName] = {o.id: o for o in records.offices}
        # A record by id (`ctx.view(record)`: the tenure's view): each table's own lookup,
        # read tens of thousands of times at 10,000 tenures.
        self.tenure: Callable[[str], Tenure] = self.tenures.__getitem__
        self.event: Callable[[str], Event] = self.events.__getitem__
        self.office: Callable[[str], OfficeName] = self.offices.__getitem__
        self.view: Callable[[str], TenureView] = self.views.__getitem__
        starts: list[DatedFact] = []
        ends: list[DatedFact] = []
        for tenure in records.tenures:
            start, end = tenure_facts(self.conflicts, tenure)
            if start is not None:
                starts.append(start)
            if end is not None:
                ends.append(end)
        # A removal that names no one removed is not asked (nor ordered, nor matched), nor is
        # a judgement ("Stalin is now the unquestioned leader", 1928) nor what came after the
        # last tenure ended (a successor party founded in 1993).
        last = max((t.end.year for t in records.tenures if t.end is not None), default=None)
        dated = (event_fact(self.conflicts, e) for e in records.events
                 if not names_no_one_removed(e) and not is_judgement(e)
                 and (last is None or e.date.year <= last))
        self.start_facts = _sorted(starts)
        self.end_facts = _sorted(ends)
        self.event_facts = _sorted([f for f in dated if f is not None])
        self.office_facts = _sorted(self._first_names())
        self.facts = {f.key: f for f in (*self.start_facts, *self.end_facts,
                                         *self.event_facts, *self.office_facts)}
        # How many pairs of records or facts the indexes below have looked at.
        self.work = Work()
        # (seed, places per list) when the candidates are drawn from a sample (`sample_for`).
        self.sample: tuple[int, int] | None = None
        self._near_found: dict[str, frozenset[str]] = {}
        # `kept.set_facts` of this context, by the office's titles it was asked with.
        self.set_facts_made: dict[frozenset[str], SetFacts] = {}

    @functools.cached_property
    def succession(self) -> dict[tuple[str, bool], str]:
        """(tenure, later) -> the tenure that directly followed it (later) or that it directly
        followed: one began within SUCCESSION_GAP days of the other's end. Never across an
        abolished office or a gap (Stalin was not succeeded by Khrushchev).

        The tenures that may follow an end are looked up in an index of starts (by year, and
        by day within a month or two), and the search stops at the second one found: only a
        single follower counts, so the work stays linear however many tenures share a year."""
        found: dict[tuple[str, bool], str] = {}
        # Each start's first and last day: an undisputed start fact's `lo` and `hi` are those
        # of the tenure's start (read, not worked out again).
        spans = {f.record: (f.lo, f.hi) for f in self.start_facts if len(f.values) == 1}
        for tenure in self.records.tenures:
            if tenure.id not in spans:
                spans[tenure.id] = (tenure.start.earliest(), tenure.start.latest())
        tenures = self.records.tenures
        starts = _StartIndex(tenures, spans)
        followers, work = starts.followers, self.work
        # By first day and id (then place in the records, as a stable sort leaves them).
        for _, _, place in sorted([(spans[t.id][0], t.id, n) for n, t in enumerate(tenures)]):
            tenure = tenures[place]
            end = tenure.end
            if end is None or "abolish" in tenure.end_reason.lower():
                continue
            nexts = followers(end, starts.keys[place], work)
            if len(nexts) == 1 and (nexts[0], False) not in found:
                found[(tenure.id, True)] = nexts[0]
                found[(nexts[0], False)] = tenure.id
        return found

    def sample_for(self, seed: int, count: int) -> None:
        """Make the candidates of a quiz of `count` questions drawn with `seed` at a sample of
        each long list's places (see SAMPLE_MIN)."""
        self.sample = (seed, max(SAMPLE_MIN, SAMPLE_PER_QUESTION * count))

    def places(self, name: str, count: int) -> Sequence[int]:
        """The places (0 to `count` - 1, in order) of the list called `name` to make
        candidates at: all of them, or a sample drawn from the quiz's seed and the list's name
        (so one list's sample does not depend on the others')."""
        if self.sample is None or count <= self.sample[1]:
            return range(count)
        seed, size = self.sample
        self.work.sampled += size
        return sorted(random.Random(f"{seed}:{name}").sample(range(count), size))

    @functools.cached_property
    def start_places(self) -> dict[str, int]:
        """Each tenure's place in `start_facts`."""
        return {fact.record: place for place, fact in enumerate(self.start_facts)}

    @functools.cached_property
    def successors(self) -> dict[str, frozenset[str]]:
        """Each person and the other people who directly followed them in office."""
        found: dict[str, set[str]] = {}
        for (record, later), other in self.succession.items():
            before, after = self.tenures[record].person, self.tenures[other].person
            if later and before != after:
                found.setdefault(before, set()).add(after)
        return {person: frozenset(after) for person, after in found.items()}

    def successors_of(self, people: frozenset[str]) -> frozenset[str]:
        if not people:
            return frozenset()
        return frozenset().union(*(self.successors.get(p, frozenset()) for p in people))

    def neighbour(self, record: str, *, later: bool) -> TenureView | None:
        """The view of the tenure that directly followed (or preceded) this one, if any."""
        other = self.succession.get((record, later))
        return None if other is None else self.views[other]

    @functools.cached_property
    def twins(self) -> TwinTable:
        """Facts that may be one moment (worked out when a quiz is chosen, not to list all),
        and a handover: one tenure's end and its direct successor's start (Chernenko dies on
        10 March 1985, Gorbachev takes office the next day), with every twin of that end, so
        one question on the handover never tells another its year.

        Worked out fact by fact, when a question on that fact is weighed: a year-only date
        overlaps every fact of its year, so the whole table grows with the square of the
        facts per year, while a quiz needs the twins of a few dozen facts."""
        return TwinTable(self.facts, self._twins_of)

    @functools.cached_property
    def day_twins(self) -> TwinTable:
        """The strong twins and the facts of the very same day (what a date question must
        not share)."""
        return TwinTable(self.facts, self._day_twins_of)

    @functools.cached_property
    def strong_twins(self) -> TwinTable:
        """The twins that surely tell one story: the same record or person, or an event or an
        office name that names the person or the title whose tenure began or ended then."""
        return TwinTable(self.facts, self._strong_twins_of)

    @functools.cached_property
    def _spans(self) -> _SpanIndex:
        return _SpanIndex(self.facts.values())

    @functools.cached_property
    def _handovers(self) -> tuple[dict[str, tuple[int, str]], dict[str, str]]:
        """The handovers in the order of `succession`: each end's (place, successor's start),
        and each such start's end."""
        by_end: dict[str, tuple[int, str]] = {}
        by_start: dict[str, str] = {}
        for (record, later), other in self.succession.items():
            end, start = f"{record}.end", f"{other}.start"
            if later and end in self.facts and start in self.facts:
                by_end[end] = (len(by_end), start)
                by_start[start] = end
        return by_end, by_start

    def _near(self, key: str) -> frozenset[str]:
        """The facts whose dates may be the same moment as this one's (no handovers)."""
        found = self._near_found.get(key)
        if found is None:
            found = self._near_found[key] = self._spans.near(key, self.facts, self.work)
        return found

    def _twins_of(self, key: str) -> frozenset[str]:
        """`twins[key]`: its near facts, and what the handovers add. The table first written
        paired every fact of a handover's end (the end and its near facts) with the
        successor's start, handover after handover: so a start also has as twins the
        starts of the handovers whose ends are near its own end, whatever their order."""
        near = self._near(key)
        by_end, by_start = self._handovers
        found = set(near)
        # Every handover whose end is this fact or near it: its successor's start.
        for other in (key, *near):
            handover = by_end.get(other)
            if handover is not None:
                found.add(handover[1])
        end = by_start.get(key)
        if end is not None:
            # The start of a handover: its end, the end's near facts and the successors'
            # starts of the handovers whose ends are near that end.
            around = self._near(end)
            found.add(end)
            found |= around
            for other in around:
                handover = by_end.get(other)
                if handover is not None:
                    found.add(handover[1])
        found.discard(key)
        return frozenset(found)

    def _strong_twins_of(self, key: str) -> frozenset[str]:
        twins = self.twins.get(key, _NOTHING)
        self.work.comparisons += len(twins)
        return frozenset(o for o in twins if self._same_story(key, o))

    def _day_twins_of(self, key: str) -> frozenset[str]:
        twins = self.twins.get(key, _NOTHING)
        self.work.comparisons += len(twins)
        same = frozenset(o for o in twins if self._same_day(key, o))
        return same | self.strong_twins.get(key, _NOTHING)

    def candidate(self, qid: str, kind: QuestionType, keys: frozenset[str],
                  shown: frozenset[str], build: Callable[[], Question], focus: Focus,
                  topic: str = "", year: int | None = None,
                  rated: frozenset[str] | None = None,
                  orders: frozenset[str] = frozenset(), answer: str = "") -> Candidate:
        """`rated`: the facts whose fame is the question's, when its `keys` are not facts
        (who held the office, what a congress did)."""
        rate = self.fame if rated is None else functools.partial(_fame_of, self, rated)
        self.work.candidates += 1
        return Candidate(qid, kind, keys, shown, build, focus, topic, rate, year, orders, answer)

    def fame(self, keys: frozenset[str]) -> float:
        """The mean number of independent witnesses that tell these facts."""
        return sum(self.witnesses(k) for k in keys) / len(keys) if keys else 0.0

    def witnesses(self, key: str) -> int:
        """How many independent witnesses tell a fact (a famous fact is told by every one)."""
        found = self.witness_counts.get(key)
        if found is None:
            fact = self.facts.get(key)
            refs = fact.every_source if fact is not None else ()
            ids = tuple(dict.fromkeys(str(r.source) for r in refs))
            found = self.witness_counts[key] = self._witness_count(ids)
        return found

    def _witness_count(self, ids: tuple[str, ...]) -> int:
        found = self.witness_sets.get(ids)
        if found is None:
            found = self.witness_sets[ids] = len(witness_names(
                self.records, [SourceRef(SourceId(i), "") for i in ids]))
        return found

    @functools.cached_property
    def surnames(self) -> dict[str, str]:
        """Officeholders by the last word of their name ('Khrushchev' -> 'Nikita Khrushchev')."""
        return {t.person.split()[-1]: t.person for t in self.records.tenures if t.person.split()}

    @functools.cached_property
    def events_by_year(self) -> dict[int, tuple[Event, ...]]:
        """The records' events by their year, to find the event told on a tenure's day."""
        found: dict[int, list[Event]] = {}
        for event in self.records.events:
            found.setdefault(event.date.year, []).append(event)
        return {year: tuple(events) for year, events in found.items()}

    def people_in(self, event: Event) -> frozenset[str]:
        """The people an event is about: its `people`, and officeholders its text names."""
        found = set(event.people)
        words = set(re.findall(r"[\w’'-]+", event.text))
        for word in words:
            base = word.removesuffix("'s").removesuffix("’s")
            if base in self.surnames:
                found.add(self.surnames[base])
        # One person under two spellings (a record's "Khrushchev" and a tenure's full name).
        full = {p for p in found if " " in p}
        found = {p for p in found
                 if " " in p or not any(f.endswith(" " + p) for f in full)}
        return frozenset(self.surnames.get(p.split()[-1], p) for p in found)

    def topic_of(self, fact: DatedFact) -> str:
        """'death', 'congress', 'office', 'start', 'end', ... for variety within a quiz."""
        if fact.record in self.tenures:
            if fact.field == "start":
                return "start"
            how = end_reason_key(self.tenures[fact.record].end_reason)
            return "death" if how == "died" else "end"
        if fact.record in self.events:
            event = self.events[fact.record]
            if "party congress" in (event.asked or event.text).lower():
                # "the office abolished at the 19th Party Congress": a learner reads it as one
                # more congress question, whatever the record's kind.
                return "congress"
            kind = kind_of(event)
            return "" if kind == "other" else kind  # unknown kinds are no one topic
        return "office"

    def focus_of(self, fact: DatedFact) -> Focus:
        return "people" if fact.record in self.tenures else "history"

    def _same_day(self, a: str, b: str) -> bool:
        """Both known to the day, and the same day (14 October 1964: Khrushchev out, Brezhnev
        in): one question resting on it would tell another the day."""
        first, second = self.facts.get(a), self.facts.get(b)
        if first is None or second is None:
            return False
        days = {v.date for v in (*first.values, *second.values) if v.date.day is not None}
        return len(days) == 1 and all(v.date.day is not None
                                      for v in (*first.values, *second.values))

    def _same_story(self, a: str, b: str) -> bool:
        first, second = a.rpartition(".")[0], b.rpartition(".")[0]
        if first == second:
            return True
        # A tenure first, then an office name, then an event (then by id).
        tenures, offices = self.tenures, self.offices
        if (second not in tenures, second not in offices, second) < (
                first not in tenures, first not in offices, first):
            first, second = second, first
        if first in self.tenures:
            view = self.views[first]
            if second in self.tenures:
                return self.tenures[second].person == view.person or second in (
                    self.succession.get((first, True)), self.succession.get((first, False)))
            if second in self.offices:
                return self.offices[second].name == view.office
            text = self.events[second].text
            return view.person.split()[-1] in text or bool(view.office and view.office in text)
        if first in self.offices and second in self.events:
            return self.offices[first].name in self.events[second].text
        return False

    def _first_names(self) -> list[DatedFact]:
        """The start of each office name's first use (a name used twice is asked once)."""
        first: dict[str, OfficeName] = {}
        for office in sorted(self.records.offices, key=lambda o: (o.start.sort_key(), o.id)):
            first.setdefault(office.name, office)
        facts = (make_fact(self.conflicts, o, "start", o.start) for o in first.values())
        return [f for f in facts if f is not None]

    @functools.cached_property
    def _facts_by_month(self) -> dict[tuple[int, int], frozenset[str]]:
        """Facts known to the month or the day, by (year, month)."""
        found: dict[tuple[int, int], set[str]] = {}
        for fact in self.facts.values():
            if fact.date.month is not None:
                found.setdefault((fact.date.year, fact.date.month), set()).add(fact.key)
        return {month: frozenset(keys) for month, keys in found.items()}

    def facts_in_text(self, text: str) -> frozenset[str]:
        """The facts of each month (or day) a text names ("5 March 1953", "March 1919")."""
        if not text or not any(m in text for m in MONTH_NAMES):
            return _NOTHING
        found: set[str] = set()
        for month, year in _MONTH_YEAR.findall(text):
            found |= self._facts_by_month.get((int(year), MONTH_NAMES.index(month) + 1),
                                              _NOTHING)
        return frozenset(found)

    def is_disputed(self, record: str, field: str) -> bool:
        return (record, field) in self.conflicts

    def tr(self, text: str, /, **values: Any) -> str:
        """`text` in the set's language (looked up once), its `{named}` fields filled."""
        return self.words.tr(text, **values)

    def ntr(self, singular: str, plural: str, count: int, /, **values: Any) -> str:
        return self.words.ntr(singular, plural, count, **values)

    def fact(self, record: str, field: str) -> DatedFact | None:
        return self.facts.get(f"{record}.{field}")

    def label(self, record: str) -> str:
        """`TenureView.label()` of a tenure, worked out once."""
        found = self.labels.get(record)
        if found is None:
            found = self.labels[record] = self.views[record].label()
        return found

    def label_shows(self, view: TenureView) -> frozenset[str]:
        """Facts that `view.label()` states."""
        if view.by_office and view.office:
            return self.office_shows(view)
        return _NOTHING

    def person_label_shows(self, view: TenureView) -> frozenset[str]:
        """Facts that `view.person_label()` states (the years, when it needs them)."""
        if view.ordinal is None and not view.by_office:
            return frozenset()
        record = view.tenure.id
        return frozenset({f"{record}.start", f"{record}.end"})

    def office_shows(self, view: TenureView) -> frozenset[str]:
        """Facts that a phrase naming the office ('became First Secretary') states."""
        if not view.office:
            return _NOTHING
        record = view.tenure.id
        found = self.offices_shown.get(record)
        if found is None:
            found = self.offices_shown[record] = frozenset({f"{record}.office"})
        return found


_MONTH_YEAR = re.compile(rf"\b({'|'.join(MONTH_NAMES)}) (\d{{3,4}})\b")


def _fame_of(ctx: Context, rated: frozenset[str], _keys: frozenset[str]) -> float:
    return ctx.fame(rated)


def _straight_after(end: PartialDate, start: PartialDate) -> bool:
    """True when a tenure starting at `start` began straight after one ending at `end`: within
    SUCCESSION_GAP days when both are known to the day or month, in the same year when either
    is known only by its year."""
    if "year" in (end.precision, start.precision):
        return start.year == end.year
    return end.earliest() <= start.latest() and start.earliest() - end.latest() <= SUCCESSION_GAP


class _SpanIndex:
    """The date span of every value of every fact, sorted by its first day, to find the facts
    that may be the same moment as one: a value of one overlaps a value of the other
    (Gorbachev's resignation as an event and as the end of his tenure), or they are the start
    and end of one tenure within one year (telling when a five-day tenure began tells when it
    ended)."""

    def __init__(self, facts: Collection[DatedFact]) -> None:
        # A fact with one value and no span runs from its `lo` to its `hi`, its value's span.
        # Such facts come in runs already sorted by `lo` (the context's facts are its starts,
        # ends, events and office names, each list sorted by date): each run is searched as
        # it is, not copied into one sorted list (20,000 facts at 10,000 tenures).
        runs: list[list[DatedFact]] = []
        run: list[DatedFact] = []
        others: list[tuple[dt.date, dt.date, str]] = []
        longest = dt.timedelta(0)
        for fact in facts:
            if len(fact.values) == 1 and fact.span is None:
                lo, hi = fact.lo, fact.hi
                if run and lo < run[-1].lo:
                    runs.append(run)
                    run = []
                run.append(fact)
                if hi != lo and hi - lo > longest:  # most facts are known to the day
                    longest = hi - lo
            else:
                others += [(v.date.earliest(), v.date.latest(), fact.key) for v in fact.values]
        runs.append(run)
        self.runs = runs
        self.others = sorted(others)
        self.other_firsts = [first for first, _, _ in self.others]
        # The longest span: no span starting more than this before a day can reach it.
        self.longest = max([longest, *(last - first for first, last, _ in self.others)])

    def near(self, key: str, facts: Mapping[str, DatedFact], work: Work) -> frozenset[str]:
        fact = facts.get(key)
        if fact is None:
            return _NOTHING
        found: set[str] = set()
        others, firsts = self.others, self.other_firsts
        for value in fact.values:
            first, last = value.date.earliest(), value.date.latest()
            since = first - self.longest
            for run in self.runs:
                low = bisect.bisect_left(run, since, key=_lo)
                high = bisect.bisect_right(run, last, key=_lo)
                work.comparisons += high - low
                for index in range(low, high):
                    other = run[index]
                    if other.hi >= first and other.key != key:
                        found.add(other.key)
            low = bisect.bisect_left(firsts, since)
            high = bisect.bisect_right(firsts, last)
            work.comparisons += high - low
            for index in range(low, high):
                _, other_last, other_key = others[index]
                if other_last >= first and other_key != key:
                    found.add(other_key)
        partner = _partner(fact, facts)
        if partner is not None and ({v.date.year for v in fact.values}
                                    & {v.date.year for v in partner.values}):
            found.add(partner.key)
        return frozenset(found)


def _lo(fact: DatedFact) -> dt.date:
    return fact.lo


def _partner(fact: DatedFact, facts: Mapping[str, DatedFact]) -> DatedFact | None:
    """The end of a record whose start this fact is, or the start of one whose end it is."""
    if fact.field == "start":
        return facts.get(f"{fact.record}.end")
    if fact.field == "end":
        return facts.get(f"{fact.record}.start")
    return None


class _StartIndex:
    """The tenures' starts: by year (sorted), and those known to the day or month by day, to
    find the tenures that began straight after an end (`_straight_after`)."""

    def __init__(self, tenures: Sequence[Tenure],
                 spans: Mapping[str, tuple[dt.date, dt.date]]) -> None:
        """`spans`: each tenure's start, its first and last day."""
        by_year: dict[int, list[tuple[tuple[int, int, int], str]]] = defaultdict(list)
        vague: dict[int, list[tuple[tuple[int, int, int], str]]] = defaultdict(list)
        fine: list[tuple[dt.date, dt.date, tuple[int, int, int], str]] = []
        # Each tenure's start's sort key, by its place in `tenures`.
        self.keys: list[tuple[int, int, int]] = []
        for tenure in tenures:
            start = tenure.start
            year, month, day = start.year, start.month, start.day
            key = (year, month or 0, day or 0)  # start.sort_key()
            self.keys.append(key)
            entry = (key, tenure.id)
            by_year[year].append(entry)
            if month is None:  # known to the year only
                vague[year].append(entry)
            else:
                first, last = spans[tenure.id]
                fine.append((first, last, key, tenure.id))
        self.by_year = {year: _keyed(found) for year, found in by_year.items()}
        self.vague = {year: _keyed(found) for year, found in vague.items()}
        fine.sort()
        self.fine = fine
        self.fine_firsts = [first for first, _, _, _ in fine]
        # The longest span of a start known to the month or day (a month: 30 days).
        self.longest = max((last - first for first, last, _, _ in fine),
                           default=dt.timedelta(0))

    def followers(self, end: PartialDate, after: tuple[int, int, int], work: Work) -> list[str]:
        """Up to two tenures that began straight after `end` and later than `after` (the
        sort key of the ended tenure's own start): enough to tell whether there is one."""
        if end.precision == "year":
            return _later(self.by_year.get(end.year), after, work)
        found = _later(self.vague.get(end.year), after, work)
        if len(found) > 1:
            return found
        earliest, latest = end.earliest(), end.latest()
        fine = self.fine
        index = bisect.bisect_left(self.fine_firsts, earliest - self.longest)
        while index < len(fine) and len(found) < 2:
            first, last, key, record = fine[index]
            if first - latest > SUCCESSION_GAP:
                break
            work.comparisons += 1
            if last >= earliest and key > after:
                found.append(record)
            index += 1
        return found


_Keyed = tuple[list[tuple[int, int, int]], list[str]]


def _keyed(entries: list[tuple[tuple[int, int, int], str]]) -> _Keyed:
    entries.sort()
    return [key for key, _ in entries], [record for _, record in entries]


def _later(entries: _Keyed | None, after: tuple[int, int, int], work: Work) -> list[str]:
    """Up to two of the records whose sort key is after `after`."""
    if entries is None:
        return []
    keys, records = entries
    index = bisect.bisect_right(keys, after)
    work.comparisons += 1
    return records[index:index + 2]


def _sorted(facts: list[DatedFact]) -> list[DatedFact]:
    return sorted(facts, key=DatedFact.sort_key)
