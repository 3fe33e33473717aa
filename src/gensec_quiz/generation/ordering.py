"""Ordering questions: officeholders, events, office names, and people mixed with events."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial

from gensec_quiz.domain.questions import OrderingItem, OrderingQuestion, OrderingRule
from gensec_quiz.generation.context import (
    DENSE,
    Candidate,
    Context,
    Focus,
    made_when_read,
    question_id,
    window_starts,
)
from gensec_quiz.generation.date_questions import askable
from gensec_quiz.generation.explanations import (
    after_colon,
    collect_sources,
    dispute_note,
    event_text,
    join_sentences,
    source_line,
)
from gensec_quiz.generation.facts import DatedFact
from gensec_quiz.generation.giveaways import MOMENT_DAYS, context_events
from gensec_quiz.generation.labels import bare, sentence, short_lived
from gensec_quiz.generation.phrasing import has_ordinal, is_judgement, kind_of, past_statement
from gensec_quiz.generation.witnesses import capitalised, semicolons
from gensec_quiz.i18n import N_

# Items per question by difficulty; the first size is the least a question may have.
SIZES = {1: (3, 4), 2: (3, 4), 3: (3, 4)}
# How far a window looks ahead for a next item that is clearly later than the last one.
SCAN_LIMIT = 48
# How many items a window skips between two it takes: 0, 1 or 2 (strides 1 to 3).
STRIDES = (0, 1)
# The most years from the first item to the last, by difficulty: items seventy years apart
# order themselves (the office is created, the party is refounded after the Union's end), so
# a harder question keeps its items within a generation, then within a couple of decades.
REACH = {1: 40, 2: 25, 3: 20}
# The most years between two neighbouring items: decades apart, an order answers itself; at
# difficulty 2 and 3 the items are within about a decade of each other.
GAP = {1: 25, 2: 12, 3: 10}
# A span is placed in an order only when it is over within this many years ("1988–1989"); a
# lasting state ("the recognised leader of the country, 1924–1991") has no place in one.
SPAN_YEARS = 1

PROMPTS: dict[str, tuple[str, ...]] = {
    "start": (
        N_("Put these people in the order in which they became {office}, earliest first."),
        N_("Arrange these people by when they became {office}, from the earliest to the "
        "latest."),
        N_("In what order did these people become {office}? Put the earliest first."),
    ),
    "end": (
        N_("Put these people in the order in which their time as {office} ended, earliest "
        "first."),
        N_("Arrange these people by when their time as {office} ended, from the earliest to "
        "the latest."),
    ),
    "events": (
        N_("Put these events in chronological order, earliest first."),
        N_("Arrange these events from the earliest to the latest."),
        N_("In what order did these events happen? Put the earliest first."),
    ),
    "offices": (
        N_("The office has had several names. Put these titles in the order in which they "
        "were first used, earliest first."),
        N_("Arrange these names of the office by when each was first used, from the earliest "
        "to the latest."),
    ),
    "mixed": (
        N_("Put these in chronological order, earliest first."),
        N_("Put these in the order in which they happened, earliest first."),
    ),
}

# Orders of officeholders whose titles the records do not say.
PLAIN: dict[str, tuple[str, ...]] = {
    "start": (
        N_("Put these officeholders in the order in which they took office, earliest first."),
        N_("Arrange these people by when they took office, from the earliest to the latest."),
    ),
    "end": (
        N_("Put these officeholders in the order in which they left office, earliest first."),
        N_("Arrange these people by when their time in office ended, from the earliest to "
        "the latest."),
    ),
}


# How the explanation dates each item: what the date of a name is, where an item is a name.
DATED: dict[str, str] = {
    "": N_("{text} ({date})"),
    "start": N_("{text}, in office from {date}"),
    "end": N_("{text}, in office until {date}"),
    "offices": N_("{text} (first used {date})"),
}


@dataclass(frozen=True, slots=True)
class Entry:
    """A dated fact as an item: its text, the group it must not share, what its text states."""

    fact: DatedFact
    text: str
    group: str
    shown: frozenset[str]
    person: bool = False
    # For the logic checks: the people the item is about, the people whose time in power it
    # ends (a death, a removal, a resignation), the person it succeeds, its kind of event, and
    # whether it numbers itself ("The 7th Party Congress").
    people: frozenset[str] = frozenset()
    ends: frozenset[str] = frozenset()
    follows: str = ""
    kind: str = ""
    ordinal: bool = False
    # Those who directly followed the people whose time the item ends.
    successors: frozenset[str] = frozenset()
    # The office title a tenure item names ("becomes First Secretary").
    title: str = ""
    # The text in the set's language, when it is not `text` (which the checks read).
    display: str = ""
    # The office titles its text names ("creates the office of General Secretary").
    titles: frozenset[str] = frozenset()

    @property
    def shown_text(self) -> str:
        return self.display or self.text


# Kinds of event of which one order needs no knowledge: created before abolished before
# re-created; suspended before banned; at most one of each kind in a question.
_ONE_OF_KIND = frozenset({"office", "party"})
_ENDING = frozenset({"death", "removal", "resignation"})
# Kinds of event by which someone takes up a post or power.
_TAKING_UP = frozenset({"appointment", "leadership"})
# Kinds of item that start someone's time: a tenure, taking up a post, a turn of the office.
_STARTS = _TAKING_UP | {"tenure", "office"}
# Words by which an item places itself after what came before it: "the new post of First
# Secretary" comes after the death of the man who led before it, "restores the title" after
# the title was dropped, "re-created" after "abolished".
_SELF_PLACING = re.compile(
    r"\b(new post|new office|new title|re-?creat\w*|restor\w*|reviv\w*|again|once more|"
    r"re-?establish\w*)\b", re.IGNORECASE)


# Words by which an item places itself before everything else: "The party's first
# Secretariat is formed".
_BEGINNING = re.compile(r"\bfirst\b[^.]*\b(formed|created|founded|established)\b|"
                        r"\b(forms|creates|founds|establishes)\b[^.]*\bfirst\b", re.IGNORECASE)


def places_itself(entry: Entry) -> bool:
    """True when the item's own words say that something came before it."""
    return bool(_SELF_PLACING.search(entry.text))


def forced(entry: Entry, chosen: Sequence[Entry]) -> bool:
    """True when putting `entry` with `chosen` would let logic, not knowledge, order them: two
    items about one person (Brezhnev becomes General Secretary, Brezhnev dies); one ending a
    person's time and the other the start of their successor (a tenure's start, or an
    election or rise to power of the successor); two of the office's or the
    party's own turns; two items that number themselves (the 7th and 8th Party Congress); an
    item whose words place it after another ("the new post", "restores", "re-created") beside
    an ending, a turn of the office or an item on the same title."""
    if entry.kind == "death" and sum(1 for o in chosen if o.kind == "death") >= 2:
        return True  # a row of deaths is the row of successions told again
    if chosen and (_BEGINNING.search(entry.text) or any(_BEGINNING.search(o.text)
                                                        for o in chosen)):
        return True  # "the first Secretariat is formed" comes first, whatever is beside it
    for other in chosen:
        shared = entry.people & other.people
        if shared and (shared & (entry.ends | other.ends) or {entry.kind, other.kind} & _STARTS):
            # One person's start or end beside another item on them (Stalin dies; Khrushchev
            # denounces Stalin's cult): the start or end places the other. Two deeds of one
            # person (Khrushchev denounces Stalin in 1956, removes his rivals in 1957) are
            # ordered by knowing them.
            return True
        if (entry.follows and entry.follows in other.ends) or (
                other.follows and other.follows in entry.ends):
            return True
        if entry.successors & other.ends or other.successors & entry.ends:
            return True  # Brezhnev dies, Andropov dies: the succession tells the order
        if (entry.successors & other.people and other.kind in _TAKING_UP) or (
                other.successors & entry.people and entry.kind in _TAKING_UP):
            return True  # Brezhnev dies, Andropov is elected: a handover told in two items
        if "office" in (entry.kind, other.kind) and entry.titles & other.titles:
            return True  # the office is created (renamed) First Secretary before anyone
            # becomes it, or dies in it
        if entry.kind in _ONE_OF_KIND and entry.kind == other.kind:
            return True
        if entry.ordinal and other.ordinal:
            return True
        for first, second in ((entry, other), (other, entry)):
            if places_itself(first) and (second.kind in _ENDING or first.titles
                                         & second.titles or second.kind == "office"):
                return True  # "the new post of First Secretary" after "Stalin dies"
    return False


def ordering_candidates(ctx: Context, *, difficulty: int,
                        scoring: OrderingRule) -> list[Candidate]:
    """Windows over each sorted list of facts: every item clearly later than the one before."""
    out: list[Candidate] = []
    for kind, entries in entry_lists(ctx).items():
        out.extend(_windows(ctx, kind, entries, difficulty, scoring))
    return out


def entry_lists(ctx: Context) -> dict[str, Sequence[Entry]]:
    """The items of each kind of order, sorted by date; each made when first read."""
    # Not a start or end that is the office's rather than the person's (Brezhnev "becomes
    # General Secretary" in 1966 by a renaming; Stalin "until 1952", when it was abolished).
    start_facts = [f for f in ctx.start_facts if askable(ctx, f)]
    end_facts = [f for f in ctx.end_facts if askable(ctx, f)]
    # An acting holder whom no one followed (Ivashko, five days in 1991) is no step in an
    # order of officeholders: "(acting)" tells that the line ends with them.
    lone_starts = [f for f in start_facts if not _acting_last(ctx, f)]
    lone_ends = [f for f in end_facts if not _acting_last(ctx, f)]
    starts = made_when_read(lone_starts, partial(_tenure_entry, ctx, mixed=False,
                                                 once=_once(ctx, lone_starts)))
    ends = made_when_read(lone_ends, partial(_tenure_entry, ctx, mixed=False,
                                             once=_once(ctx, lone_ends)))
    # Not what historians judge rather than date ("Brezhnev governs in a collective
    # leadership", "Gorbachev reorganises the presidency", 1988–1989): an order of events
    # needs events.
    # Nor a context event (Podgorny's chairmanship, the 1977 constitution): the set-level
    # rules never let one be an order's item, so an order with one is never chosen.
    context = context_events(ctx.records)
    event_facts = [f for f in ctx.event_facts
                   if (f.span is None or f.span.year - f.date.year <= SPAN_YEARS)
                   and not is_judgement(ctx.event(f.record)) and f.record not in context]
    events = made_when_read(event_facts, partial(_event_entry, ctx))
    # Tenure starts and events by date (a stable sort: a start before an event of the same key).
    mixed_facts = sorted([*((f, True) for f in start_facts),
                          *((f, False) for f in event_facts)], key=lambda m: m[0].sort_key())
    mixed = made_when_read(mixed_facts, partial(_mixed_entry, ctx))
    return {
        "start": starts,
        "end": ends,
        "events": events,
        "offices": [
            Entry(f, ctx.office(f.record).name, ctx.office(f.record).name, frozenset(),
                  display=capitalised(ctx.words.office(ctx.office(f.record).name)))
            for f in ctx.office_facts if not short_lived(ctx.office(f.record))
        ],
        "mixed": mixed,
    }


def _acting_last(ctx: Context, fact: DatedFact) -> bool:
    return ctx.view(fact.record).tenure.acting and ctx.neighbour(fact.record,
                                                                 later=True) is None


def _once(ctx: Context, facts: Sequence[DatedFact]) -> frozenset[str]:
    """The people with one fact only in `facts`: named alone in an order of them."""
    people = Counter(ctx.view(f.record).person for f in facts)
    return frozenset(p for p, n in people.items() if n == 1)


def _mixed_entry(ctx: Context, item: tuple[DatedFact, bool]) -> Entry:
    fact, tenure = item
    return _tenure_entry(ctx, fact, mixed=True) if tenure else _event_entry(ctx, fact)


def _tenure_entry(ctx: Context, fact: DatedFact, *, mixed: bool,
                  once: frozenset[str] = frozenset()) -> Entry:
    view = ctx.view(fact.record)
    people = frozenset({view.person})
    before = ctx.neighbour(fact.record, later=False)
    follows = before.person if before is not None and fact.field == "start" else ""
    ends = people if fact.field == "end" else frozenset()
    # In an order of officeholders a person is named alone ("Leonid Brezhnev", not "Leonid
    # Brezhnev, as First Secretary") when no other of their tenures could be in that order.
    alone = not mixed and view.person in once
    text = sentence(view.becomes()) if mixed else view.name if alone else ctx.label(fact.record)
    shown = ctx.office_shows(view) if mixed else frozenset() if alone else ctx.label_shows(view)
    return Entry(fact, text, view.group, shown, person=True, people=people, ends=ends,
                 follows=follows, kind="tenure", ordinal=False,
                 successors=ctx.successors_of(ends), title=view.office or "",
                 titles=frozenset({view.office}) if view.office else frozenset())


def _event_entry(ctx: Context, fact: DatedFact) -> Entry:
    event = ctx.event(fact.record)
    text = sentence(event.text)
    kind = kind_of(event)
    # The people its headline names: those the record lists besides (Malenkov beside
    # Stalin's death, Brezhnev beside Khrushchev's removal) are not what the item says.
    people = frozenset(p for p in ctx.people_in(event) if p.split()[-1] in event.text)
    ends = _ended(event.text, people) if kind in _ENDING else frozenset()
    return Entry(fact, text, fact.record, frozenset(), people=people,
                 ends=ends, kind=kind,
                 successors=ctx.successors_of(ends) if ends else frozenset(),
                 ordinal=has_ordinal(text),
                 display="" if ctx.words.english else sentence(event_text(ctx, event)),
                 titles=frozenset(o.name for o in ctx.records.offices if o.name in text))


def _ended(text: str, people: frozenset[str]) -> frozenset[str]:
    """Whose time an ending's headline ends: not the one who removes others ("Khrushchev
    removes Malenkov, Molotov and Kaganovich from power" ends the three, not Khrushchev)."""
    remover = re.match(r"^([\w’'-]+(?: [\w’'-]+)?) (?:removes|ousts|expels|dismisses)\b", text)
    if remover is None:
        return people
    return frozenset(p for p in people if p.split()[-1] not in remover.group(1))


def chain(entries: Sequence[Entry], first: int, size: int, stride: int,
          reach: int = 10_000, gap: int = 10_000) -> list[Entry]:
    """From `first` on, items each clearly after the last, skipping `stride - 1` fits, none
    more than `reach` years after the first nor `gap` years after the one before."""
    chosen = [entries[first]]
    last_year = entries[first].fact.lo.year + reach
    groups = {entries[first].group}
    texts = {entries[first].text}
    skipped = 0
    stop = min(len(entries), first + 1 + SCAN_LIMIT * stride)
    for index in range(first + 1, stop):  # each item made only when looked at
        if len(chosen) == size:
            break
        entry = entries[index]
        if entry.fact.lo.year > last_year:
            break
        if entry.fact.hi.year > last_year:
            continue
        if entry.fact.lo.year - chosen[-1].fact.hi.year > gap:
            break
        if not (chosen[-1].fact.is_before(entry.fact) and entry.group not in groups
                and entry.text not in texts) or forced(entry, chosen):
            continue
        if entry.fact.date.day is not None and chosen[-1].fact.date.day is not None and (
                entry.fact.lo - chosen[-1].fact.hi).days <= MOMENT_DAYS:
            continue  # one moment (Stalin dies; Malenkov resigns nine days later)
        if skipped < stride - 1:
            skipped += 1
            continue
        skipped = 0
        chosen.append(entry)
        groups.add(entry.group)
        texts.add(entry.text)
    return chosen


def _windows(ctx: Context, kind: str, entries: Sequence[Entry], difficulty: int,
             scoring: OrderingRule) -> list[Candidate]:
    sizes = SIZES[difficulty]
    out = []
    seen: set[tuple[str, ...]] = set()
    # A short list gets, at every fact, a window of each stride (the next fit, every second,
    # every third): windows that share fewer items, so that more orders fit in one quiz. A
    # long list keeps one stride per window, so the work grows linearly with the records.
    strides = STRIDES if len(entries) <= DENSE else (0,)
    starts = window_starts(len(entries), sizes[0])
    for number in ctx.places(f"ordering:{kind}", len(starts)):
        first = starts[number]
        for extra in strides:
            stride = 1 + (number + extra) % len(STRIDES)
            reach = REACH[difficulty]
            gap = GAP[difficulty]
            items = chain(entries, first, sizes[(number // 2) % len(sizes)], stride, reach, gap)
            if len(items) < sizes[0]:
                items = chain(entries, first, sizes[0], 1, reach, gap)
                if len(items) < sizes[0]:
                    continue
            if kind == "mixed" and len({e.person for e in items}) < 2:
                continue
            for chosen in (items, items[:sizes[0]]):
                # The same order on fewer facts, for when the quiz has fewer facts left.
                facts = tuple(e.fact.key for e in chosen)
                if facts in seen or (kind == "mixed" and len({e.person for e in chosen}) < 2):
                    continue
                seen.add(facts)
                out.append(_candidate(ctx, kind, chosen, difficulty, scoring))
    return out


def _candidate(ctx: Context, kind: str, items: list[Entry], difficulty: int,
               scoring: OrderingRule) -> Candidate:
    keys = [e.fact.key for e in items]
    qid = question_id("ordering", kind, keys)
    shown = frozenset().union(*(e.shown for e in items))
    build = partial(_build, ctx, kind, tuple(items), difficulty, scoring, qid)
    focus: Focus = "people" if kind in ("start", "end") else "history"
    return ctx.candidate(qid, "ordering", frozenset(keys), shown, build, focus,
                         topic=f"ordering:{kind}")


def _offices_of(ctx: Context, items: Sequence[Entry]) -> str:
    """The titles the items' tenures bore, in alphabetical order ("First Secretary or General
    Secretary"): in the order of their first use, they would tell the order asked."""
    titles = sorted({ctx.words.office(e.title) for e in items if e.title}, key=str.casefold)
    if not titles:
        return ""
    if len(titles) == 1:
        return titles[0]
    return ctx.tr("{first} or {last}", first=", ".join(titles[:-1]), last=titles[-1])


def _in_a_list(text: str) -> str:
    """An item of "The order: ...; ...": "a new Soviet Constitution's Article 6 ...", not
    "; A new ..." (a leading article is lowered; names keep their capital)."""
    first = text.split(" ", 1)[0]
    return text[:1].lower() + text[1:] if first in ("A", "An", "The", "All") else text


def _told(ctx: Context, item: str) -> str:
    """An item as the explanation tells it, in the past ("Yuri Andropov died in office"), as
    the other explanations state what happened; a name, or a language without a past form of
    its items, as shown."""
    if not ctx.words.english:
        return item
    return past_statement(item.rstrip(".")) or item


def _build(ctx: Context, kind: str, items: tuple[Entry, ...], difficulty: int,
           scoring: OrderingRule, qid: str) -> OrderingQuestion:
    prompts = PROMPTS[kind]
    template = prompts[int(qid.rsplit("-", 1)[1], 16) % len(prompts)]
    if kind in ("start", "end"):
        office = _offices_of(ctx, items)
        prompt = ctx.tr(template, office=office) if office else ctx.tr(
            PLAIN[kind][int(qid.rsplit("-", 1)[1], 16) % len(PLAIN[kind])])
    else:
        prompt = ctx.tr(template)
    facts = [e.fact for e in items]
    dated = [ctx.tr(DATED.get(kind, DATED[""]),
                    text=_in_a_list(after_colon(ctx.words, bare(_told(ctx, e.shown_text)))),
                    date=ctx.words.date(e.fact.date)) for e in items]
    order = ctx.tr("The order: {items}.", items=semicolons(ctx.words, dated))
    same = ctx.tr("The order is the same with either date.")
    notes = [dispute_note(ctx, f, either_way=same) for f in facts if f.disputed]
    sources = collect_sources(facts)
    return OrderingQuestion(
        id=qid,
        prompt=prompt,
        explanation=join_sentences(order, *notes, source_line(ctx, sources)),
        difficulty=difficulty,
        sources=sources,
        basis=tuple([f.basis for f in facts]),
        items=tuple([OrderingItem(e.shown_text, (e.fact.basis,)) for e in items]),
        scoring=scoring,
    )
