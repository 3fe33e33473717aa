"""Choosing a quiz from the candidates: types in turn, no repeats, no give-aways."""

from __future__ import annotations

import random
from collections.abc import Sequence

from gensec_quiz.domain.questions import QuestionType
from gensec_quiz.generation.context import Candidate, clashes


class _Picker:
    """Candidates of each type in a seeded random order, taken one by one."""

    def __init__(self, candidates: Sequence[Candidate], types: Sequence[QuestionType],
                 rng: random.Random) -> None:
        self.queues: dict[str, list[Candidate]] = {t: [] for t in types}
        for candidate in candidates:
            if candidate.type in self.queues:
                self.queues[candidate.type].append(candidate)
        for queue in self.queues.values():
            rng.shuffle(queue)
        self.next: dict[str, int] = dict.fromkeys(self.queues, 0)
        self.chosen: list[Candidate] = []
        self.strict = True

    def relax(self) -> None:
        """Go through the candidates again, now letting questions share one fact."""
        self.strict = False
        self.next = dict.fromkeys(self.queues, 0)

    def fits(self, candidate: Candidate) -> bool:
        return not any(clashes(candidate, c, strict=self.strict) for c in self.chosen)

    def take(self, kind: str) -> bool:
        """Add the next candidate of `kind` that fits; False when none is left."""
        queue = self.queues[kind]
        while self.next[kind] < len(queue):
            candidate = queue[self.next[kind]]
            self.next[kind] += 1
            if self.fits(candidate):
                self.chosen.append(candidate)
                return True
        return False

    def take_for(self, key: str) -> None:
        """Add a fitting candidate that asks about `key`, if there is one."""
        for queue in self.queues.values():
            for candidate in queue:
                if key in candidate.keys and self.fits(candidate):
                    self.chosen.append(candidate)
                    return


def select(candidates: Sequence[Candidate], *, count: int, types: Sequence[QuestionType],
           rng: random.Random, first_keys: Sequence[str] = ()) -> list[Candidate]:
    """Up to `count` candidates: those asking about `first_keys` first (in that order), then the
    types in a seeded rotation, each candidate clear of every one chosen before it."""
    picker = _Picker(candidates, types, rng)
    for key in first_keys:
        if len(picker.chosen) >= count:
            break
        if not any(key in c.keys for c in picker.chosen):
            picker.take_for(key)
    rotation = list(picker.queues)
    rng.shuffle(rotation)
    _fill(picker, rotation, count)
    if len(picker.chosen) < count:
        picker.relax()
        _fill(picker, rotation, count)
    return picker.chosen


def _fill(picker: _Picker, rotation: list[str], count: int) -> None:
    """Take candidates in turn by type until `count` or every queue runs dry."""
    live = list(rotation)
    turn = 0
    while len(picker.chosen) < count and live:
        kind = live[turn % len(live)]
        if picker.take(kind):
            turn += 1
        else:
            live.remove(kind)
