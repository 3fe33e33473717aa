"""How questions treat a disagreement: the preferred value and why, or avoid the field.

Each reason is written from the values and sources themselves, so it stays true when a seed
changes, and names the documents as a reader knows them ("the Wikipedia article's officeholder
table", "ProleWiki"), counted by independent witness: the officeholder table wins for tenure
dates and titles (it dates every holder it lists to the day); for events the value most
witnesses give wins, and an even split is avoided.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from gensec_quiz.domain.dates import DateError, PartialDate
from gensec_quiz.domain.records import Resolution
from gensec_quiz.extraction.values import Option, common_date
from gensec_quiz.extraction.witnesses import Witnesses

Explain = Callable[[str], str]


def nothing(_: str) -> str:
    return ""


def listing(items: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def human(value: str) -> str:
    """A date value in reading form ('1953-09-07' -> '7 September 1953'); other text as is."""
    try:
        return PartialDate.parse(value).human()
    except DateError:
        return value


def _who(option: Option, witnesses: Witnesses, table_witness: str = "") -> str:
    return listing(witnesses.describe(option.facts, table_witness=table_witness))


def _says(option: Option, witnesses: Witnesses, explain: Explain, table_witness: str = ""
          ) -> str:
    names = witnesses.describe(option.facts, table_witness=table_witness)
    verb = "gives" if len(names) == 1 else "give"
    return f"{listing(names)} {verb} {human(option.value)}{explain(option.value)}"


def _agreement(options: Sequence[Option]) -> str:
    dates = []
    for option in options:
        try:
            dates.append(PartialDate.parse(option.value))
        except DateError:
            return ""
    common = common_date(dates)
    return f"; all of them agree on {common.human()}" if common else ""


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def prefer_table(*, what: str, table: Option, others: Sequence[Option], witnesses: Witnesses,
                 explain: Explain = nothing) -> Resolution:
    """The officeholder table's value, with the other readings named and accepted."""
    table_witness = witnesses.of_facts(table.facts)[0]
    said = "; ".join(_says(o, witnesses, explain, table_witness) for o in others)
    accepted = listing([human(o.value) for o in others])
    reason = (
        f"{_capital(_who(table, witnesses, table_witness))} gives {human(table.value)} for "
        f"{what}; {said}. The table dates every holder it lists to the day, so "
        f"questions use {human(table.value)} and accept {accepted} as the other reading"
        f"{_agreement([table, *others])}."
    )
    return Resolution("prefer", reason, table.value)


def prefer_majority(*, what: str, options: Sequence[Option], witnesses: Witnesses,
                    explain: Explain = nothing) -> Resolution:
    """The value most independent witnesses give; an even split is avoided."""
    def count(option: Option) -> int:
        return len(witnesses.of_facts(option.facts))

    ranked = sorted(options, key=lambda o: (-count(o), o.value))
    best, rest = ranked[0], ranked[1:]
    said = "; ".join(_says(o, witnesses, explain) for o in rest)
    if count(rest[0]) == count(best):
        return Resolution("avoid", f"The documents split evenly on {what}: "
                                   f"{_says(best, witnesses, explain)}; {said}. "
                                   "Questions avoid it.")
    reason = (
        f"{_capital(_says(best, witnesses, explain))} for {what}; {said}. Questions use "
        f"{human(best.value)} and accept the other reading{'s' if len(rest) > 1 else ''}"
        f"{_agreement(options)}."
    )
    return Resolution("prefer", reason, best.value)


def avoid(*, what: str, options: Sequence[Option], witnesses: Witnesses) -> Resolution:
    said = "; ".join(f"{_who(o, witnesses)}: {o.value}" for o in options)
    return Resolution("avoid", f"The documents disagree on {what} ({said}); no record holds "
                               "it, so questions avoid it.")


def prefer_with_date(*, what: str, preferred: Option, others: Sequence[Option],
                     dates: dict[str, str], witnesses: Witnesses) -> Resolution:
    """A value that follows from a date already preferred (how a tenure ended, given its end)."""
    def part(option: Option) -> str:
        return (f"with {human(dates[option.value])} it is “{option.value}” "
                f"({_who(option, witnesses)})")

    said = "; ".join(part(o) for o in others)
    accepted = listing([f"“{o.value}”" for o in others])
    reason = (f"The answer to {what} follows the end date: {part(preferred)}; {said}. "
              f"Questions use “{preferred.value}”, which goes with the preferred end date, and "
              f"accept {accepted}.")
    return Resolution("prefer", reason, preferred.value)
