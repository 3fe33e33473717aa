"""The people a "who" multiple choice may offer as wrong choices: contemporaries of what it
asks, not leaders of another generation.

Two blind reviews found "Who removed Malenkov, Molotov and Kaganovich from power?" (1957)
offering Brezhnev, Andropov and Chernenko (leaders of the 1960s-1980s), and "Who resigned as
General Secretary after the failed August coup?" (1991) offering Molotov and Khrushchev (who
had died). A teacher offers people of the time: Kosygin and Podgorny beside Brezhnev in 1964.
The records tell when each person was active (their tenures, the events that name them) and
when some died (a death event headed by their name); nothing else is assumed.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from gensec_quiz.domain.dates import Order, PartialDate
from gensec_quiz.generation.context import Context
from gensec_quiz.generation.phrasing import kind_of

# A wrong choice is someone the records tell of no more than this many years before the
# asked year (people last heard of long before may have died: the records rarely say) ...
BEFORE_YEARS = 8
# ... or no more than this many years after it (alive then, and of that generation).
AFTER_YEARS = 15


@dataclass(frozen=True, slots=True)
class _Index:
    """For each year, the people the records tell of in it; each person's years; the
    officeholders; the deaths the records date. Made once per context (`_index`): a quiz asks
    for contemporaries once per "who" candidate, and on a teacher's 10,000 rows going through
    every record each time took half the quiz."""

    by_year: dict[int, set[str]]
    years: dict[str, set[int]]
    holders: frozenset[str]
    deaths: dict[str, PartialDate]
    # The last year the records tell of each person.
    last: dict[str, int]


# The indexes of the latest contexts, by identity (the context is kept beside its index, so
# that an id is never that of a context since gone).
_KEPT = 4
_indexes: dict[int, tuple[Context, bool, _Index]] = {}


def _index(ctx: Context, holders_only: bool) -> _Index:
    found = _indexes.get(id(ctx) * 2 + holders_only)
    if found is not None and found[0] is ctx:
        return found[2]
    years: dict[str, set[int]] = defaultdict(set)
    holders = set()
    for tenure in ctx.records.tenures:
        holders.add(tenure.person)
        years[tenure.person].add(tenure.start.year)
        if tenure.end is not None:
            years[tenure.person].add(tenure.end.year)
    if not holders_only:
        for event in ctx.records.events:
            for person in ctx.people_in(event):
                years[person].add(event.date.year)
    by_year: dict[int, set[str]] = defaultdict(set)
    for person, seen in years.items():
        for year in seen:
            by_year[year].add(person)
    made = _Index(dict(by_year), dict(years), frozenset(holders), died(ctx),
                  {person: max(seen) for person, seen in years.items()})
    while len(_indexes) >= _KEPT:
        del _indexes[next(iter(_indexes))]
    _indexes[id(ctx) * 2 + holders_only] = (ctx, holders_only, made)
    return made


def contemporaries(ctx: Context, when: PartialDate, leave_out: set[str], *,
                   holders_only: bool = False) -> list[str]:
    """People of the time of `when` (by full name, as the records give it), nearest first,
    those the records also tell of at or after it before those only told of before it;
    never one of `leave_out`, never one whose death the records date before `when`."""
    index = _index(ctx, holders_only)
    year = when.year
    # Each person's distance: the nearest year of the window the records tell of them in,
    # found by going out from the asked year (nearest first, so the first sight is it).
    distance: dict[str, int] = {}
    for apart in range(max(BEFORE_YEARS, AFTER_YEARS) + 1):
        for seen in (year + apart, year - apart) if apart else (year,):
            if year - BEFORE_YEARS <= seen <= year + AFTER_YEARS:
                for person in index.by_year.get(seen, ()):
                    distance.setdefault(person, apart)
    ranked = []
    for person, apart in distance.items():
        if person in leave_out or (holders_only and person not in index.holders):
            continue
        death = index.deaths.get(person)
        if death is not None and death.compare(when) is Order.BEFORE:
            continue
        ranked.append((index.last[person] < year, apart, person))
    return [person for _, _, person in sorted(ranked)]


def died(ctx: Context) -> dict[str, PartialDate]:
    """When each person the records tell the death of died (by full name)."""
    found: dict[str, PartialDate] = {}
    for event in ctx.records.events:
        if kind_of(event) != "death":
            continue
        for person in ctx.people_in(event):  # the one who died leads the headline
            if event.text.startswith((person, person.split()[-1])):
                found.setdefault(person, event.date)
    return found
