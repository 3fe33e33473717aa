"""Progress figures: the learner's streak, reviews due per day ahead, mastery per record.

Days are counted in the time zone of the `at` given: pass the learner's local time
(`clock().astimezone()` in the app) for local days, or a UTC time for UTC days.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

import fsrs

from gensec_quiz.domain.questions import BasisRef
from gensec_quiz.review.cards import FactCard
from gensec_quiz.review.scheduling import retrievability

__all__ = ["FORECAST_DAYS", "DayLoad", "mastery", "review_forecast", "streak"]

FORECAST_DAYS = 14


@dataclass(frozen=True, slots=True)
class DayLoad:
    """How many facts fall due on one day (the first day also counts those already overdue)."""

    day: date
    due: int


def _zone(at: datetime) -> tzinfo:
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError(f"at must be timezone-aware, got {at!r}")
    return at.tzinfo


def streak(answer_times: Iterable[datetime], *, at: datetime) -> int:
    """Consecutive days with at least one answer, ending today, or yesterday if none yet today.

    Today is the day of `at` in its own time zone; answers after `at` are not counted.
    """
    zone = _zone(at)
    days = {moment.astimezone(zone).date() for moment in answer_times if moment <= at}
    day = at.date()
    if day not in days:
        day -= timedelta(days=1)
    count = 0
    while day in days:
        count += 1
        day -= timedelta(days=1)
    return count


def review_forecast(cards: Iterable[FactCard], *, at: datetime,
                    days: int = FORECAST_DAYS) -> list[DayLoad]:
    """Facts due on each of `days` days from the day of `at` (overdue ones count today)."""
    if days < 1:
        raise ValueError(f"days must be 1 or more, got {days}")
    zone = _zone(at)
    today = at.date()
    counts = [0] * days
    for card in cards:
        offset = max(0, (card.due.astimezone(zone).date() - today).days)
        if offset < days:
            counts[offset] += 1
    return [DayLoad(today + timedelta(days=i), n) for i, n in enumerate(counts)]


def mastery(cards: Iterable[FactCard], *, at: datetime,
            scheduler: fsrs.Scheduler | None = None,
            failed: Collection[BasisRef] = ()) -> dict[str, float]:
    """Mean chance of recall of each record's facts at `at`, by record id (only rated records).

    A fact's chance is its retrievability, except that a fact in `failed` (answered wrong the
    last time it was asked) counts 0 until it is answered right again. FSRS's retrievability
    is 100% just after any review, a failed one too: it assumes the learner has just seen the
    answer. A learner who got a fact wrong a minute ago must not read "100%" on the Timeline
    while Progress lists that fact among the weakest.
    """
    _zone(at)
    values: dict[str, list[float]] = defaultdict(list)
    for card in cards:
        chance = 0.0 if card.ref in failed else retrievability(card, at=at, scheduler=scheduler)
        values[card.record].append(chance)
    return {record: sum(found) / len(found) for record, found in sorted(values.items())}
