"""What a graded answer reports: a score, marks per part, and words for the learner."""

from __future__ import annotations

import math
from dataclasses import dataclass

from gensec_quiz.domain.questions import BasisRef


@dataclass(frozen=True, slots=True)
class Mark:
    """One part of an answer (an item, a pair, a date) marked right or wrong."""

    label: str
    correct: bool
    expected: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class FactScore:
    """One fact an answer tested and the learner's score on it, from 0 to 1 (the mark of the
    fact's own item or pair: see `grading_facts`)."""

    fact: BasisRef
    score: float

    def __post_init__(self) -> None:
        if not isinstance(self.score, int | float) or math.isnan(self.score) \
                or not 0.0 <= self.score <= 1.0:
            raise ValueError(f"the score of fact {self.fact.key()} lies between 0 and 1, "
                             f"got {self.score!r}")


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
    # One score per fact the question rests on (filled by `grading.grade`; empty when a Grade
    # is built by hand: then every fact counts the whole `score`).
    facts: tuple[FactScore, ...] = ()

    def fact_scores(self, basis: tuple[BasisRef, ...] = ()) -> tuple[FactScore, ...]:
        """The per-fact scores, or, when there are none, each fact of `basis` with `score`."""
        if self.facts:
            return self.facts
        return tuple(FactScore(fact, fraction(self.score, 1.0)) for fact in dict.fromkeys(basis))


def fraction(points: float, out_of: float) -> float:
    """points / out_of kept inside [0, 1]; nothing to earn scores 0."""
    if out_of <= 0:
        return 0.0
    return min(1.0, max(0.0, points / out_of))
