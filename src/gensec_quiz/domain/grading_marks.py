"""What a graded answer reports: a score, marks per part, and words for the learner."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Mark:
    """One part of an answer (an item, a pair, a date) marked right or wrong."""

    label: str
    correct: bool
    expected: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class Grade:
    """A score from 0 to 1 (`points / out_of`), with the reasons the learner is shown."""

    score: float
    points: float
    out_of: float
    marks: tuple[Mark, ...]
    summary: str
    slip: str = ""
    accepted_sources: tuple[str, ...] = ()
    untouched: bool = False


def fraction(points: float, out_of: float) -> float:
    """points / out_of kept inside [0, 1]; nothing to earn scores 0."""
    if out_of <= 0:
        return 0.0
    return min(1.0, max(0.0, points / out_of))
