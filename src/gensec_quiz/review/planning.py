"""Which facts are due, when the next one falls, and which to test first in a review session."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import datetime

import fsrs

from gensec_quiz.domain.questions import BasisRef
from gensec_quiz.review.cards import FactCard, as_utc
from gensec_quiz.review.scheduling import retrievability

__all__ = ["FactStatus", "due_facts", "fact_statuses", "next_due", "plan_review"]


@dataclass(frozen=True, slots=True)
class FactStatus:
    """A card as seen at one moment: how likely it is recalled, and whether it is due."""

    card: FactCard
    retrievability: float
    is_due: bool

    @property
    def record(self) -> str:
        return self.card.record

    @property
    def field(self) -> str:
        return self.card.field

    @property
    def key(self) -> str:
        return self.card.key

    @property
    def due(self) -> datetime:
        return self.card.due

    def to_dict(self) -> dict[str, object]:
        """`record`, `field`, `due` (ISO 8601, UTC), `retrievability` and the card's state."""
        return {
            "record": self.record, "field": self.field, "due": _iso_utc(self.due),
            "retrievability": round(self.retrievability, 4), "state": self.card.state.value,
            "reps": self.card.reps, "lapses": self.card.lapses,
        }


def fact_statuses(cards: Iterable[FactCard], *, at: datetime,
                  scheduler: fsrs.Scheduler | None = None) -> list[FactStatus]:
    """Every card as seen at `at`, soonest due first (ties by record and field)."""
    now = as_utc(at, name="at")
    statuses = [
        FactStatus(card, retrievability(card, at=now, scheduler=scheduler), card.due <= now)
        for card in cards
    ]
    return sorted(statuses, key=lambda status: (status.due, status.record, status.field))


def due_facts(cards: Iterable[FactCard], *, at: datetime,
              scheduler: fsrs.Scheduler | None = None) -> list[FactStatus]:
    """The cards due at `at` (due time reached), soonest due (most overdue) first."""
    return [s for s in fact_statuses(cards, at=at, scheduler=scheduler) if s.is_due]


def next_due(cards: Iterable[FactCard]) -> datetime | None:
    """When the soonest card falls due (perhaps already past); None when there are no cards."""
    return min((card.due for card in cards), default=None)


def plan_review(cards: Iterable[FactCard], *, at: datetime, count: int | None = None,
                records: Collection[str] | None = None,
                scheduler: fsrs.Scheduler | None = None) -> list[BasisRef]:
    """The due facts to test first: least likely recalled first, then most overdue.

    `count` caps the number of facts (None: all due facts); `records`, when given, keeps only
    facts of those records (the record set being quizzed). Give the result to
    `generation.generate_for_facts`, which puts questions on the first facts first.
    """
    if count is not None and count < 0:
        raise ValueError(f"count must be 0 or more, got {count}")
    due = [s for s in due_facts(cards, at=at, scheduler=scheduler)
           if records is None or s.record in records]
    due.sort(key=lambda s: (s.retrievability, s.due, s.record, s.field))
    chosen = due if count is None else due[:count]
    return [status.card.ref for status in chosen]


def _iso_utc(moment: datetime) -> str:
    return as_utc(moment).isoformat(timespec="seconds").replace("+00:00", "Z")
