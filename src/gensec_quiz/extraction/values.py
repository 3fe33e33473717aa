"""Merging what several documents say about one value: agreement, or a conflict's options."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from gensec_quiz.domain.dates import Order, PartialDate, Precision
from gensec_quiz.domain.records import SourceRef
from gensec_quiz.extraction.model import Fact


@dataclass(frozen=True, slots=True)
class Option:
    """One value some documents give, with the facts that give it."""

    value: str
    facts: tuple[Fact, ...]

    @property
    def documents(self) -> tuple[str, ...]:
        return tuple(sorted({f.source.source for f in self.facts}))

    @property
    def refs(self) -> tuple[SourceRef, ...]:
        return refs_of(self.facts)

    def cited(self, field: str) -> tuple[SourceRef, ...]:
        """The option's quotes, each cited for the disputed field."""
        return tuple(SourceRef(r.source, r.quote, (field,)) for r in refs_of(self.facts))


@dataclass(frozen=True, slots=True)
class Merged:
    """The agreed value (the most precise one every source allows), or the options."""

    value: PartialDate | None
    options: tuple[Option, ...] = ()
    neutral: tuple[Fact, ...] = ()

    @property
    def disputed(self) -> bool:
        return len(self.options) > 1


def compatible(a: PartialDate, b: PartialDate) -> bool:
    """True when the two dates can name the same day ('1953-09' and '1953-09-14')."""
    return a.compare(b) not in (Order.BEFORE, Order.AFTER)


def ordered(facts: Iterable[Fact]) -> list[Fact]:
    """Facts in document order: by source, then by where the quote stands."""
    return sorted(facts, key=lambda f: (f.source.source, f.pos, f.source.quote, f.field))


def refs_of(facts: Iterable[Fact]) -> tuple[SourceRef, ...]:
    """The facts' quotes, each once, in document order."""
    seen: set[SourceRef] = set()
    out: list[SourceRef] = []
    for fact in ordered(facts):
        if fact.source not in seen:
            seen.add(fact.source)
            out.append(fact.source)
    return tuple(out)


def merge_dates(facts: Sequence[Fact]) -> Merged:
    """Agreeing dates give the most precise; disagreeing ones give one option per finest value."""
    dated = [(f, f.date) for f in facts if f.value]
    dates = sorted({d for _, d in dated if d is not None}, key=PartialDate.sort_key)
    if not dates:
        return Merged(None)
    finest = [d for d in dates if not any(o != d and compatible(o, d) and
                                          _finer(o, d) for o in dates)]
    if len(finest) == 1:
        return Merged(finest[0])
    def leaves(value: PartialDate | None) -> list[PartialDate]:
        return [d for d in finest if value is not None and compatible(value, d)]

    options = tuple(
        Option(d.iso(), tuple(f for f, v in dated if leaves(v) == [d])) for d in finest
    )
    neutral = tuple(f for f, v in dated if len(leaves(v)) > 1)
    return Merged(None, options, neutral)


def _finer(a: PartialDate, b: PartialDate) -> bool:
    rank = {"year": 0, "month": 1, "day": 2}
    return rank[a.precision] > rank[b.precision]


def common_date(values: Iterable[PartialDate]) -> PartialDate | None:
    """The most precise date every value falls within, if any ('1953-09' for the 7th and 14th)."""
    items = list(values)
    if not items:
        return None
    precisions: tuple[Precision, ...] = ("day", "month", "year")
    for precision in precisions:
        cut = {v.truncate(precision) for v in items}
        if len(cut) == 1 and all(v.supports(precision) for v in items):
            return cut.pop()
    return None
