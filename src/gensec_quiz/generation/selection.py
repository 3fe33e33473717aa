"""Choosing a quiz from the candidates: types in turn, no repeats, no give-aways."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from gensec_quiz.domain.questions import QuestionType
from gensec_quiz.generation.context import Candidate

ATTEMPTS = 8


Twins = Mapping[str, frozenset[str]]


@dataclass(frozen=True, slots=True)
class Profile:
    """What a candidate asks, states and touches, for the give-away checks.

    `near` and `shown_near` add the twins of the facts it asks and states (facts whose dates
    overlap theirs: Gorbachev's resignation as an event and as the end of his tenure);
    `subjects` are the records it asks about.
    """

    id: str
    type: str
    keys: frozenset[str]
    near: frozenset[str]
    shown_near: frozenset[str]
    subjects: frozenset[str]

    @classmethod
    def of(cls, candidate: Candidate, twins: Twins) -> Profile:
        keys, shown = candidate.keys, candidate.shown
        near: frozenset[str] = frozenset()
        shown_near = shown
        if not twins.keys().isdisjoint(keys):
            near = frozenset().union(*(twins.get(k, ()) for k in keys)) - keys
        if not twins.keys().isdisjoint(shown):
            shown_near = shown.union(*(twins.get(k, ()) for k in shown))
        subjects = frozenset([k.rpartition(".")[0] for k in keys])
        return cls(candidate.id, candidate.type, keys, near, shown_near, subjects)


def clashes(a: Profile, b: Profile, *, strict: bool = True) -> bool:
    """True when the two questions repeat each other or one gives away the other's answer.

    Facts whose dates overlap are twins: stating one tells the other. A date question asks for
    one value, so it shares no fact and no twin with any other question; no question states
    what another asks. Strictly, no two questions share a fact or a twin; otherwise two
    ordering or matching questions may share one (which tells at most one of the other's items
    or pairs, never its whole answer), and two ordering questions at most one record.
    """
    if a.id == b.id or a.shown_near & b.keys or b.shown_near & a.keys:
        return True
    shared = len(a.keys & b.keys)
    near = len((a.near & b.keys) | (b.near & a.keys))
    if a.type == b.type == "ordering" and len(a.subjects & b.subjects) > 1:
        return True  # by start and by end, the same people mostly come in the same order
    if strict or "date" in (a.type, b.type):
        return shared > 0 or near > 0
    return shared > 1 or near > 1


class _Picker:
    """Candidates of each type in a seeded random order, taken one by one."""

    def __init__(self, candidates: Sequence[Candidate], types: Sequence[QuestionType],
                 rng: random.Random, twins: Twins, profiles: dict[str, Profile]) -> None:
        self.twins = twins
        self.profiles = profiles
        self.queues: dict[str, list[Candidate]] = {t: [] for t in types}
        for candidate in candidates:
            if candidate.type in self.queues:
                self.queues[candidate.type].append(candidate)
        for queue in self.queues.values():
            rng.shuffle(queue)
        self.next: dict[str, int] = dict.fromkeys(self.queues, 0)
        self.chosen: list[Candidate] = []
        self.chosen_profiles: list[Profile] = []
        self.strict = True
        # Everything the chosen questions ask, state or touch: most candidates touch none of
        # it and need no comparison one by one.
        self.touched: set[str] = set()

    def relax(self) -> None:
        """Go through the candidates again, now letting questions share one fact."""
        self.strict = False
        self.next = dict.fromkeys(self.queues, 0)

    def profile(self, candidate: Candidate) -> Profile:
        found = self.profiles.get(candidate.id)
        if found is None:
            found = self.profiles[candidate.id] = Profile.of(candidate, self.twins)
        return found

    def fits(self, candidate: Candidate) -> bool:
        touched = self.touched
        p = self.profile(candidate)
        if touched.isdisjoint(p.keys) and touched.isdisjoint(p.shown_near) \
                and touched.isdisjoint(p.near) and touched.isdisjoint(p.subjects):
            return True
        return not any(clashes(p, c, strict=self.strict) for c in self.chosen_profiles)

    def add(self, candidate: Candidate) -> None:
        p = self.profile(candidate)
        self.chosen.append(candidate)
        self.chosen_profiles.append(p)
        self.touched.update(p.keys, p.shown_near, p.near, p.subjects)

    def take(self, kind: str) -> bool:
        """Add the next candidate of `kind` that fits; False when none is left."""
        queue = self.queues[kind]
        while self.next[kind] < len(queue):
            candidate = queue[self.next[kind]]
            self.next[kind] += 1
            if self.fits(candidate):
                self.add(candidate)
                return True
        return False

    def take_for(self, key: str) -> None:
        """Add a fitting candidate that asks about `key`, if there is one."""
        for queue in self.queues.values():
            for candidate in queue:
                if key in candidate.keys and self.fits(candidate):
                    self.add(candidate)
                    return


def select(candidates: Sequence[Candidate], *, count: int, types: Sequence[QuestionType],
           rng: random.Random, twins: Twins, first_keys: Sequence[str] = ()
           ) -> list[Candidate]:
    """Up to `count` candidates: those asking about `first_keys` first (in that order), then the
    types in a seeded rotation, each candidate clear of every one chosen before it.

    A greedy choice can block itself early, so up to ATTEMPTS orders are tried (each drawn from
    `rng`, so the same seed still gives the same quiz) and the first full quiz, or the
    largest, is kept.
    """
    best: list[Candidate] = []
    profiles: dict[str, Profile] = {}
    for _ in range(ATTEMPTS):
        picker = _Picker(candidates, types, rng, twins, profiles)
        chosen = _attempt(picker, count=count, rng=rng, first_keys=first_keys)
        if len(chosen) > len(best):
            best = chosen
        if len(best) >= count:
            break
    return best


def _attempt(picker: _Picker, *, count: int, rng: random.Random,
             first_keys: Sequence[str]) -> list[Candidate]:
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
