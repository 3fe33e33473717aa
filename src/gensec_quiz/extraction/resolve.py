"""How questions treat a disagreement: the preferred value and why, or avoid the field.

Each reason is written from the values and sources themselves, so it stays true when a seed
changes: the officeholder table wins for tenure dates and titles (it dates every tenure to the
day); for events the value most documents give wins, and an even split is avoided.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from gensec_quiz.domain.dates import DateError, PartialDate
from gensec_quiz.domain.records import Resolution
from gensec_quiz.extraction.values import Option, common_date

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


def _says(option: Option, explain: Explain) -> str:
    docs = option.documents
    verb = "gives" if len(docs) == 1 else "give"
    return f"{listing(docs)} {verb} {human(option.value)}{explain(option.value)}"


def _agreement(options: Sequence[Option]) -> str:
    dates = []
    for option in options:
        try:
            dates.append(PartialDate.parse(option.value))
        except DateError:
            return ""
    common = common_date(dates)
    return f"; all of them agree on {common.human()}" if common else ""


def prefer_table(*, what: str, table: Option, others: Sequence[Option],
                 explain: Explain = nothing) -> Resolution:
    """The officeholder table's value, with the other readings named and accepted."""
    said = "; ".join(_says(o, explain) for o in others)
    accepted = listing([human(o.value) for o in others])
    reason = (
        f"The officeholder table ({listing(table.documents)}) gives {human(table.value)} for "
        f"{what}; {said}. The table is the one list that dates and titles every tenure, so "
        f"questions use {human(table.value)} and accept {accepted} as the other documents' "
        f"reading{_agreement([table, *others])}."
    )
    return Resolution("prefer", reason, table.value)


def prefer_majority(*, what: str, options: Sequence[Option],
                    explain: Explain = nothing) -> Resolution:
    """The value most documents give; an even split is avoided."""
    ranked = sorted(options, key=lambda o: (-len(o.documents), o.value))
    best, rest = ranked[0], ranked[1:]
    said = "; ".join(_says(o, explain) for o in rest)
    if len(rest[0].documents) == len(best.documents):
        return Resolution("avoid", f"The documents split evenly on {what}: "
                                   f"{_says(best, explain)}; {said}. Questions avoid it.")
    reason = (
        f"{len(best.documents)} documents ({listing(best.documents)}) give {human(best.value)} "
        f"for {what}; {said}. Questions use {human(best.value)} and accept the other "
        f"reading{'s' if len(rest) > 1 else ''}{_agreement(options)}."
    )
    return Resolution("prefer", reason, best.value)


def avoid(*, what: str, options: Sequence[Option]) -> Resolution:
    said = "; ".join(f"{listing(o.documents)}: {o.value}" for o in options)
    return Resolution("avoid", f"The documents disagree on {what} ({said}); no record holds "
                               "it, so questions avoid it.")


def prefer_with_date(*, what: str, preferred: Option, others: Sequence[Option],
                     dates: dict[str, str]) -> Resolution:
    """A value that follows from a date already preferred (how a tenure ended, given its end)."""
    def part(option: Option) -> str:
        return (f"with {human(dates[option.value])} it is “{option.value}” "
                f"({listing(option.documents)})")

    said = "; ".join(part(o) for o in others)
    accepted = listing([f"“{o.value}”" for o in others])
    reason = (f"The answer to {what} follows the end date: {part(preferred)}; {said}. "
              f"Questions use “{preferred.value}”, which goes with the preferred end date, and "
              f"accept {accepted}.")
    return Resolution("prefer", reason, preferred.value)
