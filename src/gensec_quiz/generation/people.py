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

from gensec_quiz.domain.dates import Order, PartialDate
from gensec_quiz.generation.context import Context
from gensec_quiz.generation.phrasing import kind_of

# A wrong choice is someone the records tell of no more than this many years before the
# asked year (people last heard of long before may have died: the records rarely say) ...
BEFORE_YEARS = 8
# ... or no more than this many years after it (alive then, and of that generation).
AFTER_YEARS = 15


def contemporaries(ctx: Context, when: PartialDate, leave_out: set[str], *,
                   holders_only: bool = False) -> list[str]:
    """People of the time of `when` (by full name, as the records give it), nearest first,
    those the records also tell of at or after it before those only told of before it;
    never one of `leave_out`, never one whose death the records date before `when`."""
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
    deaths = died(ctx)
    year = when.year
    ranked = []
    for person, seen in years.items():
        if person in leave_out or (holders_only and person not in holders):
            continue
        death = deaths.get(person)
        if death is not None and death.compare(when) is Order.BEFORE:
            continue
        near = [y for y in seen if year - BEFORE_YEARS <= y <= year + AFTER_YEARS]
        if not near:
            continue
        later = any(y >= year for y in seen)
        ranked.append((not later, min(abs(y - year) for y in near), person))
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
