"""Plausible wrong answers: real years of neighbouring facts and years close to the answer."""

from __future__ import annotations

import bisect
import random
from collections.abc import Iterable, Sequence

# Offsets from the answer tried when real neighbouring years run out: the close ones in a
# shuffled order (so the answer's place among the sorted choices tells nothing), then the rest.
CLOSE = (1, -1, 2, -2, 3, -3)
FAR = (4, -4, 5, -5, 10, -10)
# Real years further than this from the answer are not plausible distractors.
REACH = 12
REAL_SHARE = 2


class YearPool:
    """Every distinct year that the record set's facts fall in, sorted once."""

    def __init__(self, years: Iterable[int]) -> None:
        self.years = sorted(set(years))

    def near(self, year: int) -> list[int]:
        """Real years within REACH of `year`, nearest first (ties: the earlier first)."""
        low = bisect.bisect_left(self.years, year - REACH)
        high = bisect.bisect_right(self.years, year + REACH)
        window = [y for y in self.years[low:high] if y != year]
        return sorted(window, key=lambda y: (abs(y - year), y))


def year_choices(answer: int, *, avoid: set[int], real: Sequence[int], rng: random.Random,
                 count: int = 4, lowest: int = 1) -> tuple[int, ...]:
    """`count` distinct values, the answer among them, none that `avoid` holds; sorted.

    Up to REAL_SHARE come from `real` (dates of neighbouring facts), the rest lie near the
    answer. `rng` is seeded from the question, so the same question gets the same choices.
    """
    taken = {answer}
    blocked = set(avoid) | taken
    real_pool = [y for y in real if y not in blocked and y >= lowest][:4]
    rng.shuffle(real_pool)
    picks = real_pool[:REAL_SHARE]
    taken.update(picks)
    close = list(CLOSE)
    rng.shuffle(close)
    for offset in (*close, *FAR):
        if len(taken) >= count:
            break
        value = answer + offset
        if value >= lowest and value <= 9999 and value not in blocked and value not in taken:
            taken.add(value)
    return tuple(sorted(taken))
