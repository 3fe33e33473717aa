"""Choosing a quiz from the candidates: types in turn, no repeats, no give-aways."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from gensec_quiz.domain.questions import QuestionType
from gensec_quiz.generation.context import Candidate

ATTEMPTS = 8
# Tries after the first full quiz, for one whose types come nearer to equal shares.
BALANCE_TRIES = 1
# How strongly difficulty 1 prefers famous facts (told by every witness) and 3 obscure ones.
TILT = {1: -0.6, 2: 0.0, 3: 0.6}
# A quiz longer than this may, to be served in full, repeat a kind of multiple choice.
LONG = 20
# How many fitting candidates of a type are weighed against each other at each turn.
LOOKAHEAD = 4
# Up to this many chosen questions are each tested for a shared fact, twin or record with a
# candidate; more are found through the index of what they touch.
FEW = 6


Twins = Mapping[str, frozenset[str]]
_NONE: frozenset[str] = frozenset()


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
    strong_near: frozenset[str]
    day_near: frozenset[str] = frozenset()
    # Every fact, twin and record above: what a chosen question is indexed by.
    tokens: frozenset[str] = frozenset()
    # Facts whose order it tells without asking their dates (who came before whom).
    orders: frozenset[str] = frozenset()

    @classmethod
    def of(cls, candidate: Candidate, twins: Twins, strong: Twins, days: Twins) -> Profile:
        keys, shown = candidate.keys, candidate.shown
        near: frozenset[str] = frozenset()
        strong_near: frozenset[str] = frozenset()
        day_near: frozenset[str] = frozenset()
        shown_near = shown
        found = [t for t in (twins.get(k) for k in keys) if t]
        if found:
            near = frozenset().union(*found) - keys
            strong_near = frozenset().union(*(strong.get(k, ()) for k in keys)) - keys
            day_near = frozenset().union(*(days.get(k, ()) for k in keys)) - keys
        if shown:
            shown_near = shown.union(*(twins.get(k, ()) for k in shown))
        subjects = frozenset([k.rpartition(".")[0] for k in keys])
        tokens = keys | near | shown_near | subjects | candidate.orders
        return cls(candidate.id, candidate.type, keys, near, shown_near, subjects, strong_near,
                   day_near, tokens, candidate.orders)


def clashes(a: Profile, b: Profile, *, strict: bool = True) -> bool:
    """True when the two questions repeat each other or one gives away the other's answer.

    Facts whose dates overlap are twins: stating one may tell the other. No question states
    what another asks; a date question shares no fact and no twin with any other (it would ask
    a day or year that the other rests on). Strictly, no two questions share a fact or a twin.
    Relaxed: a matching question shares no fact and no strong twin (the same fact told twice:
    Gorbachev's resignation as an event and as the end of his tenure) with any other; two
    ordering questions may share one fact and one twin (one item tells nothing of an order),
    so no fact is in more than two questions, and then only as an ordering item.
    """
    if a.id == b.id or a.shown_near & b.keys or b.shown_near & a.keys:
        return True
    if _tells_order(a, b, chain=strict) or _tells_order(b, a, chain=strict):
        return True  # "Who came before Andropov?" beside an order of Brezhnev and Andropov
    shared = len(a.keys & b.keys)
    if "date" in (a.type, b.type):
        near = len((a.near & b.keys) | (b.near & a.keys))
    else:
        # Two orders, an order and a matching: neither states a date before it is answered,
        # so facts of the same year or day tell nothing of each other; only the same story
        # told twice (a strong twin) does.
        near = len((a.strong_near & b.keys) | (b.strong_near & a.keys))
    both_ordering = a.type == b.type == "ordering"
    if both_ordering and len(a.subjects & b.subjects) > 1:
        return True  # by start and by end, the same people mostly come in the same order
    if strict:
        return shared > 0 or near > 0
    if "date" in (a.type, b.type) and (a.day_near & b.keys or b.day_near & a.keys):
        return True  # a day asked is never one another question rests on
    if near and "date" in (a.type, b.type) and "ordering" not in (a.type, b.type):
        return True  # a year asked is never one another question shows or asks
    if both_ordering:
        return shared > 1 or near > 1  # one item in two orders tells nothing of either
    return shared > 0 or bool(a.strong_near & b.keys or b.strong_near & a.keys)


def _tells_order(a: Profile, b: Profile, *, chain: bool) -> bool:
    """True when `a` tells who came before whom and `b` rests on both of those people's
    tenures (or on a fact that tells the same story: "Chernenko dies" for the end of his
    tenure), or (with `chain`, under the strict rule) tells a succession that shares a
    person with `a`'s: a chain repeats itself without giving anything away."""
    if not a.orders:
        return False
    if a.orders & b.orders or (chain and {k.rpartition(".")[0] for k in a.orders} & {
            k.rpartition(".")[0] for k in b.orders}):
        return True  # Andropov after Brezhnev, Chernenko after Andropov
    people = {k.rpartition(".")[0] for k in a.orders}
    touched = {k.rpartition(".")[0] for k in b.keys | b.strong_near}
    return len(people & touched) > 1


class _Picker:
    """Candidates of each type in a seeded random order, taken one by one."""

    def __init__(self, candidates: Sequence[Candidate], types: Sequence[QuestionType],
                 rng: random.Random, twins: tuple[Twins, Twins, Twins],
                 profiles: dict[str, Profile], caps: Mapping[str, int] | None = None,
                 tilt: float = 0.0, years_once: bool = False,
                 compared: dict[tuple[str, str, bool], bool] | None = None,
                 partners: dict[tuple[str, bool], list[str]] | None = None) -> None:
        # When the years are asked (difficulties 1 and 2), no two date questions share one.
        self.years_once = years_once
        self.twins = twins
        self.caps = caps or {}
        self.profiles = profiles
        # Whether two candidates clash under each rule (by their ids), and the candidates each
        # was found to clash with, shared by the attempts.
        self.compared = {} if compared is None else compared
        self.partners: dict[tuple[str, bool], list[str]] = {} if partners is None else partners
        # Each chosen candidate's place among the chosen.
        self.place: dict[str, int] = {}
        self.order: dict[str, list[Candidate]] = {t: [] for t in types}
        for candidate in candidates:
            if candidate.type in self.order:
                self.order[candidate.type].append(candidate)
        for kind, queue in self.order.items():
            draws = {c.id: rng.random() for c in queue}
            # Difficulty 1 reaches first for facts that every witness tells, 3 for those only
            # one tells; 2 takes them as they come. The draw still decides among equals.
            if not tilt:
                self.order[kind] = sorted(queue, key=lambda c: draws[c.id])
                continue
            fame = {c.id: c.fame for c in queue}
            top = max(fame.values(), default=0.0) or 1.0
            self.order[kind] = sorted(queue, key=lambda c: draws[c.id] + tilt * fame[c.id] / top)
        # The candidates still in play, in the seeded order; None once taken or ruled out.
        self.queues: dict[str, list[Candidate | None]] = {
            kind: list(queue) for kind, queue in self.order.items()}
        self.next: dict[str, int] = dict.fromkeys(self.queues, 0)
        self.chosen: list[Candidate] = []
        self.chosen_profiles: list[Profile] = []
        self.strict = True
        # Once a long quiz cannot be filled otherwise: one kind of matching may come both as
        # multiple choice and as a matching of several pairs.
        self.lenient = False
        # For each fact, twin or record a chosen question asks, states or touches, which
        # chosen questions do: a candidate is compared only with those.
        self.index: dict[str, list[int]] = {}
        # How many chosen questions ask each fact; chosen date questions by (type, topic); the
        # (topic, year) of each chosen question with both.
        self.uses: dict[str, int] = {}
        self.topics: dict[tuple[str, str], int] = {}
        self.years: set[tuple[str, int]] = set()
        self.answers: set[str] = set()
        # What earlier passes of this attempt found, kept across `restart` since the chosen
        # questions only ever grow: each candidate's number of chosen questions it is clear of,
        # under the strict rule and under the relaxed one (clear under the strict rule is clear
        # under the relaxed one: every relaxed clash is a strict clash); the candidates that
        # clash with a chosen question under each rule (a relaxed clash rules a candidate out
        # under both); those ruled out by what the chosen questions already ask, show and
        # use up (until `caps` or `lenient` loosen those rules).
        self.clears: dict[bool, dict[str, int]] = {True: {}, False: {}}
        self.clashing: dict[bool, set[str]] = {True: set(), False: set()}
        self.blocked: set[str] = set()
        # Those ruled out by what no loosening gives back (a fact asked twice, a year told).
        self.spent: set[str] = set()
        self.rules: tuple[Mapping[str, int], bool] = (self.caps, self.lenient)
        # The facts already asked by two chosen questions, and the facts asked by the chosen
        # questions of each topic: what `fits` looks up first.
        self.full: set[str] = set()
        self.topic_keys: dict[str, set[str]] = {}

    def restart(self, *, strict: bool) -> None:
        """Go through the candidates again, under the strict or the relaxed rule."""
        self.strict = strict
        if (self.caps, self.lenient) != self.rules:
            self.rules = (self.caps, self.lenient)
            self.blocked = set()
        # Neither those taken nor those that earlier passes ruled out for good (they would be
        # ruled out again, at greater cost).
        out = {c.id for c in self.chosen} | self.clashing[strict] | self.blocked | self.spent
        self.queues = {kind: [c for c in queue if c.id not in out]
                       for kind, queue in self.order.items()}
        self.next = dict.fromkeys(self.queues, 0)

    def profile(self, candidate: Candidate) -> Profile:
        found = self.profiles.get(candidate.id)
        if found is None:
            found = self.profiles[candidate.id] = Profile.of(candidate, *self.twins)
        return found

    def fits(self, candidate: Candidate) -> bool:
        """No clash with a chosen question; only those sharing a fact, twin or record with the
        candidate can clash, so only they are compared."""
        # Found clear with nothing chosen since: nothing it is checked against has changed.
        ident = candidate.id
        since = self.clears[True].get(ident, 0)
        if not self.strict:
            since = max(since, self.clears[False].get(ident, 0))
        chosen = self.chosen_profiles
        if since and since == len(chosen):
            return True
        strict = self.strict
        # A candidate it clashed with in an earlier attempt, chosen again in this one.
        partners = self.partners.get((ident, strict))
        if partners:
            place = self.place
            for other_id in partners:
                i = place.get(other_id, -1)
                if i >= since:
                    self._clashed(ident, strict)
                    return False
        if not self._allowed(candidate):
            (self.spent if self._spent(candidate) else self.blocked).add(ident)
            return False
        # A candidate found clear of the first `since` chosen questions is compared only with
        # those chosen after them.
        if since == len(chosen):
            return True
        p = self.profile(candidate)
        index = self.index
        # The same two questions are compared again and again, attempt after attempt.
        known = self.compared
        tokens = p.tokens
        if len(chosen) - since <= FEW:
            others: Iterable[int] = [i for i in range(since, len(chosen))
                                     if not tokens.isdisjoint(chosen[i].tokens)]
        else:
            others = {i for token in tokens for i in index.get(token, ()) if i >= since}
        for i in others:
            other = chosen[i]
            pair = (ident, other.id, strict)
            found = known.get(pair)
            if found is None:
                found = known[pair] = clashes(p, other, strict=strict)
            if found:
                if strict:
                    # Clashing with it under the relaxed rule too rules the candidate out of
                    # the relaxed passes of this attempt (the question stays chosen).
                    pair = (ident, other.id, False)
                    relaxed = known.get(pair)
                    if relaxed is None:
                        relaxed = known[pair] = clashes(p, other, strict=False)
                    strict = not relaxed
                self._partners(ident, other.id, strict)
                self._clashed(ident, strict)
                return False
        self.clears[strict][ident] = len(chosen)
        return True

    def _partners(self, one: str, other: str, strict: bool) -> None:
        """Remember that two candidates clash under this rule (both ways: `clashes` is
        symmetric), and under the strict one if this is the relaxed one."""
        for rule in {strict, True}:
            self.partners.setdefault((one, rule), []).append(other)
            self.partners.setdefault((other, rule), []).append(one)

    def _clashed(self, ident: str, strict: bool) -> None:
        """Rule a candidate out for the rest of the attempt under this rule (and under the
        strict one if this is the relaxed one)."""
        self.clashing[strict].add(ident)
        if not strict:
            self.clashing[True].add(ident)

    def _spent(self, candidate: Candidate) -> bool:
        """True when `_allowed` rules it out for a reason that neither `caps` nor `lenient`
        changes."""
        return (not self.full.isdisjoint(candidate.keys)
                or (candidate.year is not None and (
                    (bool(candidate.topic) and (candidate.topic, candidate.year) in self.years)
                    or (self.years_once and ("", candidate.year) in self.years)))
                or (candidate.type == "ordering" and not self.topic_keys.get(
                    candidate.topic, _NONE).isdisjoint(candidate.keys)))

    def _allowed(self, candidate: Candidate) -> bool:
        """False when what the chosen questions ask, show and use up rules it out, whatever
        it clashes with."""
        if not self.full.isdisjoint(candidate.keys):
            return False  # no fact in more than two questions
        if candidate.topic:
            limit = self.caps.get(candidate.topic) if candidate.type == "date" else None
            if candidate.topic.startswith("choice:"):
                limit = self.caps.get("choice:")  # "What was the office called in ...?" twice
            shape, _, kind = candidate.topic.partition(":")
            if shape in ("choice", "match") and not self.lenient and self.topics.get(
                    ("matching", ("match:" if shape == "choice" else "choice:") + kind)):
                return False  # the same kind of matching as one question and as another
            if limit is not None and self.topics.get((candidate.type, candidate.topic),
                                                     0) >= limit:
                return False  # variety: a topic no more than its share of the records
            if candidate.year is not None and (candidate.topic, candidate.year) in self.years:
                return False  # one year on one topic told twice (banned and suspended, 1991)
        if candidate.answer and candidate.answer in self.answers and not self.lenient:
            return False  # two multiple choices with one key ("General Secretary" twice)
        if self.years_once and candidate.year is not None and ("", candidate.year) in self.years:
            return False  # two answers of one year (Stalin dies, Malenkov resigns: 1953)
        # Two orders of one kind never share an item (Stasova twice).
        return candidate.type != "ordering" or self.topic_keys.get(
            candidate.topic, _NONE).isdisjoint(candidate.keys)

    def add(self, candidate: Candidate) -> None:
        p = self.profile(candidate)
        self.place[candidate.id] = len(self.chosen)
        self.chosen.append(candidate)
        self.chosen_profiles.append(p)
        number = len(self.chosen_profiles) - 1
        for token in p.tokens:
            self.index.setdefault(token, []).append(number)
        for key in candidate.keys:
            self.uses[key] = self.uses.get(key, 0) + 1
            if self.uses[key] >= 2:
                self.full.add(key)
        self.topic_keys.setdefault(candidate.topic, set()).update(candidate.keys)
        if candidate.year is not None:
            self.years.add(("", candidate.year))
        if candidate.answer:
            self.answers.add(candidate.answer)
        if candidate.topic:
            topic = (candidate.type, candidate.topic)
            self.topics[topic] = self.topics.get(topic, 0) + 1
            if candidate.year is not None:
                self.years.add((candidate.topic, candidate.year))

    def footprint(self, candidate: Candidate) -> int:
        p = self.profile(candidate)
        return len(p.keys) + len(p.near) + len(p.shown_near)

    def take(self, kind: str) -> bool:
        """Add, of the next LOOKAHEAD candidates of `kind` that fit, the one that touches the
        fewest facts (so that more questions fit after it); False when none is left."""
        queue = self.queues[kind]
        best: int | None = None
        size = 0
        seen = 0
        for index in range(self.next[kind], len(queue)):
            candidate = queue[index]
            if candidate is None:
                continue
            if not self.fits(candidate):
                queue[index] = None  # what clashes now clashes for the rest of the pass
                continue
            if best is None or self.footprint(candidate) < size:
                best, size = index, self.footprint(candidate)
            seen += 1
            if seen == LOOKAHEAD:
                break
        while self.next[kind] < len(queue) and queue[self.next[kind]] is None:
            self.next[kind] += 1
        if best is None:
            return False
        chosen = queue[best]
        queue[best] = None
        assert chosen is not None
        self.add(chosen)
        return True

    def take_for(self, key: str) -> None:
        """Add a fitting candidate that asks about `key`, if there is one."""
        for queue in self.queues.values():
            for index, candidate in enumerate(queue):
                if candidate is not None and key in candidate.keys and self.fits(candidate):
                    queue[index] = None
                    self.add(candidate)
                    return


def select(candidates: Sequence[Candidate], *, count: int, types: Sequence[QuestionType],
           rng: random.Random, twins: tuple[Twins, Twins, Twins], first_keys: Sequence[str] = (),
           difficulty: int = 2) -> list[Candidate]:
    """Up to `count` candidates: those asking about `first_keys` first (in that order), then the
    types in a seeded rotation, each candidate clear of every one chosen before it.

    A greedy choice can block itself early, so up to ATTEMPTS orders are tried (each drawn from
    `rng`, so the same seed still gives the same quiz); once one is full, BALANCE_TRIES more
    are tried; the largest quiz, nearest to equal shares, is kept.
    """
    best: list[Candidate] = []
    profiles: dict[str, Profile] = {}
    compared: dict[tuple[str, str, bool], bool] = {}
    partners: dict[tuple[str, bool], list[str]] = {}
    caps = topic_caps(candidates, count, difficulty)
    full = 0
    for number in range(ATTEMPTS):
        picker = _Picker(candidates, types, rng, twins, profiles, caps,
                         TILT.get(difficulty, 0.0), years_once=difficulty < 3,
                         compared=compared, partners=partners)
        chosen = _attempt(picker, count=count, rng=rng, first_keys=first_keys,
                          orders_first=number % 2 == 0)
        if _score(chosen, count, types) > _score(best, count, types):
            best = chosen
        if len(best) >= count:
            full += 1
        if _score(best, count, types) == (count, count) or full > BALANCE_TRIES:
            break
    return best


def topic_caps(candidates: Sequence[Candidate], count: int, difficulty: int = 2
               ) -> dict[str, int]:
    """How many date questions of a quiz of `count` may be on each topic (deaths, congresses,
    tenure starts, ...): its share of the records' date questions, rounded up, and never
    fewer than two. Five congresses in twenty questions is a quiz about congresses; a
    teacher's list of presidents, nearly all tenure starts and ends, may use them freely."""
    topics = Counter(c.topic for c in candidates if c.type == "date" and c.topic)
    total = sum(1 for c in candidates if c.type == "date")
    # One kind of multiple choice ("Who was General Secretary when ...?") is at most one in
    # ten questions, and two are always allowed; at difficulty 2, where years are typed, one in
    # twenty.
    caps = {"choice:": max(2, -(-count // 10)) if difficulty < 2 else -(-count // 20)}
    if not total:
        return caps
    return caps | {topic: max(2, -(-count * found // total)) for topic, found in topics.items()}


def _score(chosen: list[Candidate], count: int, types: Sequence[QuestionType]
           ) -> tuple[int, int]:
    """(questions made, less a fifth of `count` for each type left out; questions within
    their type's equal share): a full quiz of every type first, then the one whose types come
    nearest to equal shares."""
    shares = {kind: count // len(types) + (i < count % len(types))
              for i, kind in enumerate(types)}
    within = sum(min(shares[kind], sum(1 for c in chosen if c.type == kind))
                 for kind in types)
    # A type left out entirely counts as a fifth of the quiz fewer (at least two questions):
    # a short quiz of every type is worth more than a few more date questions.
    missing = sum(1 for kind in types if shares[kind] and not any(c.type == kind
                                                                  for c in chosen))
    return (min(len(chosen), count) - max(2, count // 5) * missing,
            within + (count - sum(shares.values())))


def _attempt(picker: _Picker, *, count: int, rng: random.Random,
             first_keys: Sequence[str], orders_first: bool = False) -> list[Candidate]:
    """Each type gets an equal share of `count`. Under the strict rule, ordering and matching
    questions (several facts each) are placed first and date questions (one fact) after them;
    then the same under the relaxed rule (so relaxed orderings never take the facts a date
    question needed); places still open go to any type with questions left. The quiz then
    takes the types in turn."""
    for key in first_keys:
        if len(picker.chosen) >= count:
            break
        if not any(key in c.keys for c in picker.chosen):
            picker.take_for(key)
    first = len(picker.chosen)
    rotation = list(picker.queues)
    rng.shuffle(rotation)
    shares = {kind: count // len(rotation) + (i < count % len(rotation))
              for i, kind in enumerate(rotation)}
    # The type hardest to place first: an order needs several facts close in time, a
    # matching several facts or (multiple choice) one, a date question one.
    groups: list[list[str]]
    if orders_first:
        groups = [[k] for k in ("ordering", "matching", "date") if k in rotation]
        passes = [(group, strict) for group in groups for strict in (True, False)]
    else:
        groups = [[k for k in rotation if k != "date"], [k for k in rotation if k == "date"]]
        passes = [(group, strict) for strict in (True, False) for group in groups if group]
    for group, strict in passes:
        picker.restart(strict=strict)
        _fill(picker, group, count, shares)
    _fill(picker, rotation, count, dict.fromkeys(rotation, count))
    if len(picker.chosen) < count:
        # A quiz the records can barely fill: a second question of one kind of multiple
        # choice is better than a place left empty, and in a long quiz (over LONG questions)
        # as many as it takes.
        picker.caps = {**picker.caps, "choice:": count if count > LONG else 2}
        picker.lenient = count > LONG
        picker.restart(strict=False)
        _fill(picker, rotation, count, dict.fromkeys(rotation, count))
    return picker.chosen[:first] + _interleave(picker.chosen[first:], rotation)


def _interleave(chosen: list[Candidate], rotation: list[str]) -> list[Candidate]:
    """The chosen questions with the types taking turns (in the seeded rotation); the most
    frequent type, when the records could not give the others their share, is spread evenly
    among the rest instead of coming last."""
    by_type = {kind: [c for c in chosen if c.type == kind] for kind in rotation}
    most = max(rotation, key=lambda kind: len(by_type[kind]), default="")
    rest: list[Candidate] = []
    others = {kind: list(found) for kind, found in by_type.items() if kind != most}
    while any(others.values()):
        for kind in rotation:
            if others.get(kind):
                rest.append(others[kind].pop(0))
    many = by_type.get(most, [])
    placed = [((i + 0.5) / len(many), 0, c) for i, c in enumerate(many)]
    placed += [((i + 1) / (len(rest) + 1), 1, c) for i, c in enumerate(rest)]
    placed.sort(key=lambda item: (item[0], item[1]))
    return [candidate for _, _, candidate in placed]


def _fill(picker: _Picker, rotation: list[str], count: int, shares: dict[str, int]) -> None:
    """Take candidates in turn by type until `count`, each type up to its share, or until
    every queue runs dry."""
    live = list(rotation)
    turn = 0
    while len(picker.chosen) < count and live:
        kind = live[turn % len(live)]
        have = sum(1 for c in picker.chosen if c.type == kind)
        if have < shares[kind] and picker.take(kind):
            turn += 1
        else:
            live.remove(kind)
