"""The pairs that matching questions are made of, one list per kind, sorted by date."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial

from gensec_quiz.domain.questions import BasisRef
from gensec_quiz.domain.records import OfficeName, SourceRef, Tenure
from gensec_quiz.generation.context import Context, made_when_read
from gensec_quiz.generation.date_questions import askable
from gensec_quiz.generation.explanations import at_date, event_text, fact_sentence
from gensec_quiz.generation.facts import DatedFact, make_fact
from gensec_quiz.generation.kept import set_facts
from gensec_quiz.generation.labels import (
    TenureView,
    bare,
    period,
    sentence,
    short_lived,
    short_office,
)
from gensec_quiz.generation.phrasing import ENDING, kind_of, past_statement
from gensec_quiz.generation.witnesses import capitalised
from gensec_quiz.i18n import N_


@dataclass(frozen=True, slots=True)
class PairEntry:
    """One left-right pair, what its texts state, and the right texts its left also fits."""

    left: str
    right: str
    basis: tuple[BasisRef, ...]
    group: str
    shown: frozenset[str]
    teach: Callable[[], str]
    sources: tuple[SourceRef, ...]
    also_right: frozenset[str] = frozenset()
    # The people whose time the left text ends (a death, a removal), and their direct
    # successors: two such pairs matched to years would be matched by the succession alone.
    ends: frozenset[str] = frozenset()
    successors: frozenset[str] = frozenset()
    # What the pair asks, when that is not the date of its basis: who held the office (the
    # event's date, which its explanation states, and "tenure.holder"), what the office was
    # called in a year, what a congress did. A fact may be in two questions when one asks
    # who or what and the other when: a person's name as an answer does not give away the
    # date of their tenure.
    asks: frozenset[str] = frozenset()
    # The texts in the set's language, when they are not `left` and `right` (which the checks
    # read: "the 7th Party Congress" numbers itself in any language).
    shown_left: str = ""
    shown_right: str = ""

    def asked(self) -> frozenset[str]:
        return self.asks or frozenset(b.key() for b in self.basis)

    def left_text(self) -> str:
        return self.shown_left or self.left

    def right_text(self) -> str:
        return self.shown_right or self.right


def pair_lists(ctx: Context) -> dict[str, Sequence[PairEntry]]:
    """The pairs of each kind; the long lists (one pair per tenure or event) make each pair
    when it is first read."""
    # A matching of several pairs is made of core facts only: a context event is never a
    # pair (`giveaways.SetFacts`), and a set holds one secondary fact at most.
    standing = set_facts(ctx).standing
    starts = [f for f in ctx.start_facts if _year(f) is not None
              and askable(ctx, f)  # not Brezhnev's 1966 renaming
              and f.record not in standing]
    # A person with one start among them is named alone ("Leonid Brezhnev", not "Leonid
    # Brezhnev, as First Secretary": his 1966 start was a renaming, no one's taking office).
    people = Counter(ctx.view(f.record).person for f in starts)
    once = frozenset(p for p, n in people.items() if n == 1)
    return {
        "office": _office_pairs(ctx),
        "start-year": made_when_read(starts, partial(_start_year, ctx, once=once)),
        "event-year": made_when_read([f for f in ctx.event_facts if _year(f) is not None
                                      and f.record not in standing],
                           partial(_event_year, ctx)),
        "office-period": _period_pairs(ctx),
        "successor": _successor_pairs(ctx),
        "holder": _holder_pairs(ctx),
        "title-in-year": _title_pairs(ctx),
        "congress": _congress_pairs(ctx),
    }


# How many of the latest tenures begun before an event are weighed as who held the office then.
HOLDER_REACH = 16

_CONGRESS = re.compile(r"^(The \d+(?:st|nd|rd|th) Party Congress) ([a-z].+)$")


def _congress_pairs(ctx: Context) -> list[PairEntry]:
    """A congress and what it did, from a headline such as "The 10th Party Congress bans
    factions within the party" (a congress that only met is not asked)."""
    out = []
    for fact in ctx.event_facts:
        event = ctx.event(fact.record)
        found = _CONGRESS.match(bare(event.text))
        year = _year(fact)
        # A congress that renamed or abolished the office is one too (the records' kind
        # "office" says what it did to the post).
        if found is None or year is None or kind_of(event) not in ("congress", "office") or \
                found.group(2).split()[0].strip(",;") in ("meets", "is", "opens", "takes"):
            continue
        name, did = found.groups()
        shown_left = shown_right = ""
        if not ctx.words.english:
            wording = ctx.words.event(event)
            if wording is None or not (wording.congress and wording.did):
                continue  # no words for it in the set's language
            shown_left = ctx.tr("{name} ({year})", name=capitalised(wording.congress),
                                year=year)
            shown_right = wording.did
        out.append(PairEntry(
            left=ctx.tr("{name} ({year})", name=name, year=year), right=did,
            shown_left=shown_left, shown_right=shown_right,
            basis=(fact.ref(),), group=fact.record, shown=frozenset({fact.key}),
            teach=partial(fact_sentence, ctx, fact), sources=fact.all_sources(),
            asks=frozenset({f"{fact.record}.did"}),
        ))
    return out


def _holder_pairs(ctx: Context) -> list[PairEntry]:
    """An event and who held the office then: only events well inside one tenure (never on its
    first or last day, never in a gap), and never one whose text names that person."""
    out = []
    starts = ctx.start_facts  # sorted by their earliest date
    firsts = [t.lo for t in starts]
    # The latest earliest-end among the starts before each place: a tenure that began long
    # before an event and may still run then (another office) makes the holder unclear.
    running = [dt.date.min]
    for start in starts:
        end = ctx.fact(start.record, "end")
        running.append(max(running[-1], dt.date.max if end is None else end.lo))
    for fact in ctx.event_facts:
        if fact.disputed:
            continue
        place = bisect.bisect_left(firsts, fact.lo)
        near = max(0, place - HOLDER_REACH)
        if running[near] > fact.hi:
            continue
        holders = [t for t in starts[near:place]
                   if t.hi < fact.lo and (end := ctx.fact(t.record, "end")) is not None
                   and fact.hi < end.lo]
        if len(holders) != 1:
            continue
        start = holders[0]
        view = ctx.view(start.record)
        event = ctx.event(fact.record)
        if view.person in ctx.people_in(event):
            continue
        end = ctx.fact(start.record, "end")
        assert end is not None
        out.append(PairEntry(
            left=sentence(event.text), right=view.name, basis=(fact.ref(), start.ref()),
            shown_left="" if ctx.words.english else sentence(event_text(ctx, event)),
            group=fact.record,
            shown=_together(ctx, view.person, ctx.people_in(event), fact)
            | ctx.office_shows(view),
            teach=partial(_holder_sentence, ctx, fact, view),
            sources=tuple(dict.fromkeys([*fact.all_sources(), *start.all_sources(),
                                         *end.all_sources()])),
            asks=frozenset({fact.key, f"{start.record}.holder"}),
        ))
    return out


def _together(ctx: Context, holder: str, named: frozenset[str],
              fact: DatedFact) -> frozenset[str]:
    """Other events that name the holder beside someone the event names ("Brezhnev governs in
    a troika with Kosygin and Podgorny" beside "Who was First Secretary when Podgorny became
    Chairman of the Presidium?"): a question showing one would answer the other."""
    if not named:
        return frozenset()
    return frozenset(other.key for other in ctx.event_facts if other.key != fact.key
                     and holder in (people := ctx.people_in(ctx.event(other.record)))
                     and people & named)


def _holder_sentence(ctx: Context, fact: DatedFact, view: TenureView) -> str:
    # No years of the tenure: they would tell another question when it began or ended.
    event = ctx.event(fact.record)
    text = event_text(ctx, event)
    if ctx.words.english:
        past = past_statement(text)
    else:
        wording = ctx.words.event(event)
        past = wording.said if wording is not None and wording.said else None
    if past is None:
        return ctx.tr("{event} ({date}), while {person} was {office}.", event=bare(text),
                      date=ctx.words.date(fact.date), person=view.name,
                      office=view.office_phrase())
    # "In 1977, when a new Soviet Constitution's Article 6 named the CPSU ..., Leonid Brezhnev
    # was General Secretary.": the date first, so that a long event never ends in "... the
    # troika's third member in 1965".
    first, _, rest = past.partition(" ")
    if first in ("The", "A", "An"):
        past = first.lower() + " " + rest
    when = at_date(fact.date, ctx.words)
    return ctx.tr("{when}, when {event}, {person} was {office}.",
                  event=past, when=when[:1].upper() + when[1:],
                  person=view.name, office=view.office_phrase())


def _title_pairs(ctx: Context) -> list[PairEntry]:
    """A year well inside a name's period and the name the office bore then."""
    out = []
    offices = sorted(ctx.records.offices, key=lambda o: (o.start.sort_key(), o.id))
    for office in offices:
        if office.end is None:
            continue
        # Years in this name's period and in no other's (the year of a change is ambiguous).
        years = [y for y in range(office.start.year, office.end.year + 1)
                 if not any(o is not office and o.start.year <= y
                            and (o.end is None or y <= o.end.year) for o in offices)]
        facts = _period_facts(ctx, [office])
        if len(years) < 2 or facts is None:
            continue  # a name used a year or less ("Technical Secretary", 1917) is trivia
        # A quarter into the period: well inside it, and clear of what happened to the title
        # late in a long one (after 1934 the title General Secretary was no longer conferred).
        year = years[len(years) // 4]
        # Who held it then: named in the explanation, so no question beside it asks their
        # title ("Which title did Nikolay Krestinsky hold?").
        holders = [t.id for t in ctx.records.tenures
                   if t.office == office.name and t.start.year <= year
                   and (t.end is None or year <= t.end.year)]
        out.append(PairEntry(
            left=str(year), right=office.name, basis=tuple(f.ref() for f in facts),
            group=office.name, shown=frozenset(f"{t}.office" for t in holders),
            shown_right=capitalised(ctx.words.office(office.name)),
            # No years of the name's period: they would tell when it was adopted or dropped.
            teach=_title_teaching(ctx, year, office.name,
                                  [ctx.view(t).name for t in holders]),
            sources=tuple(dict.fromkeys(r for f in facts for r in f.all_sources())),
            asks=frozenset({f"{office.id}.title"}),
        ))
    return out


def _title_teaching(ctx: Context, year: int, name: str,
                    people: list[str]) -> Callable[[], str]:
    """"In 1930 the office was called General Secretary, and Joseph Stalin held it.": who
    held it is the context a bare restatement lacks (no years, see above)."""
    title = ctx.words.office(name)
    if len(set(people)) == 1:
        return partial(ctx.tr, N_("In {year} the office was called {name}, and {person} held "
                                  "it."), year=year, name=title, person=people[0])
    return partial(ctx.tr, N_("In {year} the office was called {name}."), year=year,
                   name=title)


def _year(fact: DatedFact) -> str | None:
    """The year as text, or None when the sources disagree on the year or the fact ran over
    more than one year."""
    if fact.span is not None and fact.span.year != fact.date.year:
        return None
    years = fact.values_at("year")
    return str(years[0].year) if len(years) == 1 else None


def _office_pairs(ctx: Context) -> Sequence[PairEntry]:
    tenures = sorted(ctx.records.tenures, key=lambda t: (t.start.sort_key(), t.id))
    return made_when_read([t for t in tenures if ctx.view(t.id).office is not None
                 and not ctx.is_disputed(t.id, "office")], partial(_office_pair, ctx))


def _office_pair(ctx: Context, tenure: Tenure) -> PairEntry:
    view = ctx.view(tenure.id)
    assert view.office is not None
    who = view.person_label()
    naming = _naming(ctx, view.office, view.person)
    return PairEntry(
        left=who, right=tenure.office, basis=(BasisRef(tenure.id, "office"),),
        group=view.group,
        shown=ctx.person_label_shows(view) | naming | _did(naming),
        shown_right=capitalised(ctx.words.office(tenure.office)),
        teach=_office_teaching(ctx, who, tenure),
        sources=tenure.sources,
    )


def _office_teaching(ctx: Context, who: str, tenure: Tenure) -> Callable[[], str]:
    """"Nikolay Krestinsky was Responsible Secretary from 1919 to 1921.": the title and its
    years, the context a bare restatement lacks. Not the title in full: the party's name in it
    ("All-Union Communist Party (Bolsheviks)") is of one moment of the tenure, not all of it
    (Stalin took office in 1922, when the party was still the Russian Communist Party)."""
    office = ctx.words.office(tenure.office)
    if tenure.end is None or tenure.end.year == tenure.start.year:
        return partial(ctx.tr, N_("{who} was {office} in {start}."), who=who, office=office,
                       start=tenure.start.year)
    return partial(ctx.tr, N_("{who} was {office} from {start} to {end}."), who=who,
                   office=office, start=tenure.start.year, end=tenure.end.year)


def _did(keys: frozenset[str]) -> frozenset[str]:
    """What the congresses among these events did, as a multiple choice asks it ("What did
    the 7th Party Congress do?" tells Sverdlov's title as much as its date does)."""
    return frozenset(key.rpartition(".")[0] + ".did" for key in keys)


def _naming(ctx: Context, title: str, person: str) -> frozenset[str]:
    """Events whose text names the title and the person: "The party re-creates its leading
    secretary's post under a new title, First Secretary, and elects Khrushchev to it" answers
    "Which title did Nikita Khrushchev hold?"."""
    surname = person.split()[-1] if person.split() else ""
    if not surname or not ctx.event_facts:
        return frozenset()
    return frozenset(f.key for f in ctx.event_facts
                     if title.casefold() in (text := ctx.event(f.record).text).casefold()
                     and surname in text)


def _start_year(ctx: Context, fact: DatedFact, *, once: frozenset[str] = frozenset()
                ) -> PairEntry:
    year = _year(fact)
    assert year is not None  # pair_lists keeps the facts with one year
    view = ctx.view(fact.record)
    alone = view.person in once and not view.tenure.acting
    return PairEntry(view.name if alone else ctx.label(fact.record), year, (fact.ref(),),
                     view.group, frozenset() if alone else ctx.label_shows(view),
                     partial(fact_sentence, ctx, fact), fact.all_sources())


def _event_year(ctx: Context, fact: DatedFact) -> PairEntry:
    year = _year(fact)
    assert year is not None  # pair_lists keeps the facts with one year
    event = ctx.event(fact.record)
    ends = ctx.people_in(event) if kind_of(event) in ENDING else frozenset()
    return PairEntry(sentence(event.text), year, (fact.ref(),), fact.record,
                     frozenset(), partial(fact_sentence, ctx, fact), fact.all_sources(),
                     ends=ends, successors=ctx.successors_of(ends),
                     shown_left="" if ctx.words.english else sentence(event_text(ctx, event)))


def _period_pairs(ctx: Context) -> list[PairEntry]:
    by_name: dict[str, list[OfficeName]] = defaultdict(list)
    for office in sorted(ctx.records.offices, key=lambda o: (o.start.sort_key(), o.id)):
        by_name[office.name].append(office)
    out = []
    for name, offices in by_name.items():
        facts = _period_facts(ctx, offices)
        if facts is None or all(short_lived(o) for o in offices):
            continue  # "Technical Secretary, 1917-1918" beside "Chairman, 1918-1919"
        periods = ", ".join(period(o.start, o.end, ctx.words) for o in offices)
        out.append(PairEntry(
            left=name, right=periods, basis=tuple(f.ref() for f in facts), group=name,
            shown=frozenset(), shown_left=capitalised(ctx.words.office(name)),
            teach=partial(ctx.tr, N_("The office was called {name}: {periods}."),
                          name=ctx.words.office(name), periods=periods),
            sources=tuple(dict.fromkeys(r for f in facts for r in f.all_sources())),
        ))
    return out


def _period_facts(ctx: Context, offices: list[OfficeName]) -> list[DatedFact] | None:
    facts = []
    for office in offices:
        for field, value in (("start", office.start), ("end", office.end)):
            if value is None:
                continue
            fact = make_fact(ctx.conflicts, office, field, value)
            if fact is None or _year(fact) is None:
                return None
            facts.append(fact)
    return facts


def _successor_pairs(ctx: Context) -> Sequence[PairEntry]:
    names = tuple(dict.fromkeys(o.name for o in ctx.records.offices))
    lines: dict[str, list[DatedFact]] = defaultdict(list)
    for fact in ctx.start_facts:
        office = ctx.tenure(fact.record).office
        lines["" if short_office(office, names) in names else office].append(fact)
    found = [(line[i], line[i + 1]) for line in lines.values() for i in range(len(line) - 1)
             if _clear_succession(ctx, line, i)]
    return made_when_read(found, partial(_successor_of, ctx))


def _successor_of(ctx: Context, pair: tuple[DatedFact, DatedFact]) -> PairEntry:
    return _successor(ctx, *pair)


def _clear_succession(ctx: Context, line: list[DatedFact], i: int) -> bool:
    """True when line[i + 1] plainly followed line[i]: a different person, no overlap, and
    no neighbour whose date could put it between them."""
    first, then = line[i], line[i + 1]
    if not first.is_before(then):
        return False
    if i > 0 and not line[i - 1].is_before(first):
        return False
    if i + 2 < len(line) and not then.is_before(line[i + 2]):
        return False
    before: Tenure = ctx.tenure(first.record)
    after: Tenure = ctx.tenure(then.record)
    if before.person == after.person or before.end is None:
        return False
    # Never across an abolished office or a gap (Stalin was not succeeded by Khrushchev).
    return ctx.succession.get((first.record, True)) == then.record


def _successor(ctx: Context, first: DatedFact, then: DatedFact) -> PairEntry:
    a, b = ctx.view(first.record), ctx.view(then.record)
    return PairEntry(
        left=ctx.label(first.record), right=ctx.label(then.record), basis=(first.ref(), then.ref()),
        # The explanation names the successor's office ("... as Chairman of the Secretariat").
        group=a.group, shown=ctx.label_shows(a) | ctx.label_shows(b) | ctx.office_shows(b),
        teach=partial(_succession, a, b, then),
        sources=tuple(dict.fromkeys([*first.all_sources(), *then.all_sources()])),
    )


def _succession(a: TenureView, b: TenureView, then: DatedFact) -> str:
    words = b.words
    if b.office is None:
        return words.tr("{after} succeeded {before} {when}.", after=b.name, before=a.name,
                        when=at_date(then.date, words))
    return words.tr("{after} succeeded {before} as {office} {when}.", after=b.name,
                    before=a.name, office=b.office_phrase(), when=at_date(then.date, words))
