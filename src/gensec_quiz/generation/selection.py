"""Choosing a quiz from the candidates: types in turn, no repeats, no give-aways."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from gensec_quiz.domain.questions import MatchingQuestion, QuestionType
from gensec_quiz.generation.candidate_views import Views, per_candidate
from gensec_quiz.generation.context import Candidate
from gensec_quiz.generation.giveaways import (
    SetFacts,
    Sight,
    Telling,
    set_free,
    telling_of,
)

# Orders tried: under the one-fact and give-away rules no quiz of 20 fills, so every try runs;
# 12 find the larger set that 8 missed on some seeds (a 20-question request at difficulty 3,
# seed 0: 14 questions, not 9), for half as much work again.
ATTEMPTS = 12
# The order in which each try places the types (`_attempt`), in turn: orderings, matchings,
# then date questions; orderings and matchings together, then date questions; orderings,
# date questions, then matchings.
ORDERS: tuple[bool | str, ...] = (True, False, "dates")
# Tries after the first full quiz, for one whose types come nearer to equal shares.
BALANCE_TRIES = 1
# At most this many questions of a set (orders aside) rest on facts of one year: three on
# 1991 (the coup, the resignation, the ban) make a quiz about the party's last weeks.
YEAR_CAP = 2
# The topic of "Which of these happened while Leonid Brezhnev was General Secretary?"
DURING = "choice:during"
# How strongly difficulty 1 prefers famous facts (told by every witness) and 3 obscure ones.
TILT = {1: -0.6, 2: 0.0, 3: 0.6}
# A quiz longer than this may, to be served in full, repeat a kind of multiple choice.
LONG = 20
# How many fitting candidates of a type are weighed against each other at each turn.
LOOKAHEAD = 4
# Date questions are at most this share of a quiz that may have other types (a quiz of
# typed years is a quiz of typed years, whatever else the records allow), and every type
# asked for has at least MIN_EACH questions when the quiz has room for them.
DATE_SHARE = 0.4
MIN_EACH = 2
# Questions on the office's precursors (before its lasting title) are at most this share:
# the years 1917-1922 are a fifth of the office's history, not half of a quiz.
EARLY_SHARE = 0.15
# No kind (ordering, matching, multiple choice, date) above this share of a quiz: 2/5.
KIND_SHARE = (2, 5)

# What `_Picker._fits` finds.
FITS, ANY_RULE, CLASH = 0, 1, 2


Twins = Mapping[str, frozenset[str]]

def _record(key: str) -> str:
    return key.rpartition(".")[0]


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
    tokens: tuple[str, ...] = ()
    # Facts whose order it tells without asking their dates (who came before whom).
    orders: frozenset[str] = frozenset()

    @classmethod
    def of(cls, candidate: Candidate, twins: Twins, strong: Twins, days: Twins) -> Profile:
        keys, shown = candidate.keys, candidate.shown
        near: frozenset[str] = frozenset()
        strong_near: frozenset[str] = frozenset()
        day_near: frozenset[str] = frozenset()
        shown_near = shown
        if not twins.keys().isdisjoint(keys):
            near = frozenset().union(*(twins.get(k, ()) for k in keys)) - keys
            strong_near = frozenset().union(*(strong.get(k, ()) for k in keys)) - keys
            day_near = frozenset().union(*(days.get(k, ()) for k in keys)) - keys
        if not twins.keys().isdisjoint(shown):
            shown_near = shown.union(*(twins.get(k, ()) for k in shown))
        subjects = frozenset([k.rpartition(".")[0] for k in keys])
        tokens = tuple(keys | near | shown_near | subjects | candidate.orders)
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
                 views: Views | None = None, early: frozenset[str] = frozenset(),
                 early_cap: int | None = None, facts: SetFacts | None = None,
                 difficulty: int = 2, tellings: dict[str, Telling] | None = None,
                 title_for: str = "") -> None:
        # The set-level rules on the records (standing, stories, the office's titles).
        self.facts = facts or SetFacts({}, {})
        self.difficulty = difficulty
        # What each candidate states and what would give it away (`giveaways.Telling`),
        # shared by every attempt; those of the chosen questions, in order.
        self.tellings: dict[str, Telling] = {} if tellings is None else tellings
        self.chosen_tellings: list[Telling] = []
        # For each chosen question, the places of its wrong choices that the others state.
        self.wrong_told: list[frozenset[int]] = []
        # The stories (a person's tenures of one line of office) a chosen question is on, and
        # how many secondary facts the chosen questions rest on.
        self.stories: set[str] = set()
        # The stories each question rests on, orders' items included: two questions on the
        # same two or more people's tenures (their starts matched to years, their ends put in
        # order) are one sequence told twice.
        self.story_sets: list[set[str]] = []
        self.secondary = 0
        self.per_year: Counter[int] = Counter()
        # Whether a chosen question rests on the office's own name (`SetFacts.titled`), and
        # the kind of question the set may ask it by (`title_kind`; "" for any).
        self.titled = False
        self.title_kind = title_for
        # The choices of each chosen multiple choice: no two offer the same names ("Who
        # banned the party?" and "Who was General Secretary when Article 6 was amended?" both
        # offered Gorbachev, Yeltsin, Ivashko and Shenin: the second read as the first again).
        self.choice_sets: list[frozenset[str]] = []
        # The items' facts of each chosen order, for their moments (`SetFacts.moments`).
        self.order_moments: list[frozenset[str]] = []
        # When the years are asked (difficulties 1 and 2), no two date questions share one.
        self.years_once = years_once
        # Each candidate's view (its topic, whether it is on the precursors, its fame, what
        # its text shows once written out), made on first need and shared by every attempt:
        # no question's text may name a year another question asks.
        self.views = Views(early) if views is None else views
        self.asked_years: set[int] = set()
        self.shown_years: Counter[int] = Counter()
        # Records on the office's precursors, and how many questions may rest on them.
        self.early = early
        self.early_cap = early_cap
        self.early_count = 0
        # Off only to serve a long quiz (over LONG questions) in full, once nothing else fits.
        self.guarded = True
        self.twins = twins
        self.caps = caps or {}
        self.profiles = profiles
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
            fame = {c.id: self.views.fame(c) for c in queue}
            top = max(fame.values(), default=0.0) or 1.0
            self.order[kind] = sorted(queue, key=lambda c: draws[c.id] + tilt * fame[c.id] / top)
        # The candidates still in play, in the seeded order; None once taken or ruled out.
        self.queues: dict[str, list[Candidate | None]] = {
            kind: list(queue) for kind, queue in self.order.items()}
        self.next: dict[str, int] = dict.fromkeys(self.queues, 0)
        self.chosen: list[Candidate] = []
        self.chosen_profiles: list[Profile] = []
        self.chosen_ids: set[str] = set()
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
        # The facts already in two chosen questions; the facts of the chosen questions of
        # each topic.
        self.used_twice: set[str] = set()
        self.topic_keys: dict[str, set[str]] = {}
        self.topics: dict[tuple[str, str], int] = {}
        self.years: set[tuple[str, int]] = set()
        self.answers: set[str] = set()
        # Under the strict (True) and the relaxed rule: how many of the first chosen
        # questions each candidate was found clear of (chosen questions are only added, so
        # what was found stays true).
        self.clear: dict[bool, dict[str, int]] = {True: {}, False: {}}
        # How many multiple choices (one-pair matchings) are chosen.
        self.choices = 0
        # Every fact a chosen question rests on, with the facts that tell the same story
        # (Khrushchev's removal, the end of his tenure, the start of Brezhnev's): none in two
        # questions of a set (a person's name may recur).
        self.atoms: set[str] = set()
        # How many questions of each kind (ordering, matching, multiple choice, date).
        self.kinds: Counter[str] = Counter()
        # The most questions of one kind, when the quiz can be served otherwise.
        self.kind_cap = None
        # The candidates found not to fit under each set of rules (strict, lenient, guarded,
        # caps, kind cap) met in this attempt. The chosen questions only grow, and every
        # check only tightens as they do, so one that does not fit never fits again under
        # the same rules: a later pass under them skips it. (`caps` is replaced, never
        # changed in place; each caps met is kept, so that its id names it.)
        self.misfits: dict[tuple[bool, bool, bool, int, int | None], set[str]] = {}
        self.caps_met: dict[int, Mapping[str, int]] = {id(self.caps): self.caps}

    def _ruled_out(self, strict: bool) -> set[str]:
        """The candidates found not to fit under the rules in force (with `strict`), those
        found not to fit under looser rules among them: lenient, unguarded, caps and kind
        cap as high or higher (every cap is a ceiling)."""
        found = self._now.get(strict)
        if found is not None:
            return found
        rules = (strict, self.lenient, self.guarded, id(self._caps), self._kind_cap)
        found = self.misfits.get(rules)
        if found is None:
            found = set().union(*(
                out for (was_strict, lenient, guarded, caps, kind_cap), out
                in self.misfits.items()
                if was_strict == strict and (lenient or not self.lenient)
                and (self.guarded or not guarded)
                and _no_higher(self._caps, self.caps_met[caps])
                and (kind_cap is None
                     or (self._kind_cap is not None and self._kind_cap <= kind_cap))))
            self.misfits[rules] = found
        self._now[strict] = found
        return found

    @property
    def caps(self) -> Mapping[str, int]:
        return self._caps

    @caps.setter
    def caps(self, caps: Mapping[str, int]) -> None:
        self._caps = caps
        self._now: dict[bool, set[str]] = {}  # the misfits under the rules now in force
        if hasattr(self, "caps_met"):
            self.caps_met[id(caps)] = caps

    @property
    def lenient(self) -> bool:
        return self._lenient

    @lenient.setter
    def lenient(self, lenient: bool) -> None:
        self._lenient = lenient
        self._now = {}

    @property
    def guarded(self) -> bool:
        return self._guarded

    @guarded.setter
    def guarded(self, guarded: bool) -> None:
        self._guarded = guarded
        self._now = {}

    @property
    def kind_cap(self) -> int | None:
        return self._kind_cap

    @kind_cap.setter
    def kind_cap(self, kind_cap: int | None) -> None:
        self._kind_cap = kind_cap
        self._now = {}

    def restart(self, *, strict: bool) -> None:
        """Go through the candidates again, under the strict or the relaxed rule."""
        self.strict = strict
        # Those already found not to fit under these rules are left out of the pass.
        gone = self.chosen_ids | self._ruled_out(strict)
        self.queues = {kind: [c for c in queue if c.id not in gone]
                       for kind, queue in self.order.items()}
        self.next = dict.fromkeys(self.queues, 0)

    def profile(self, candidate: Candidate) -> Profile:
        found = self.profiles.get(candidate.id)
        if found is None:
            found = self.profiles[candidate.id] = Profile.of(candidate, *self.twins)
        return found

    def fits(self, candidate: Candidate) -> bool:
        """No clash with a chosen question; only those sharing a fact, twin or record with the
        candidate can clash, so only they are compared. The checks are set operations on the
        candidate's view (`candidate_views`); its text is read last, and only when a chosen
        question asks or shows a year. What does not fit is remembered under the rules in
        force (`_ruled_out`)."""
        strict = self.strict
        ruled_out = self._now.get(strict)
        if ruled_out is None:
            ruled_out = self._ruled_out(strict)
        if candidate.id in ruled_out:
            return False
        verdict = self._fits(candidate, strict)
        if verdict == FITS:
            return True
        ruled_out.add(candidate.id)
        if verdict == ANY_RULE:
            self._ruled_out(not strict).add(candidate.id)
        return False

    def _fits(self, candidate: Candidate, strict: bool) -> int:
        """FITS, or why not: ANY_RULE (a check the strict and the relaxed rule share), or
        CLASH (a clash with a chosen question under this rule)."""
        if not self.used_twice.isdisjoint(candidate.keys):
            return ANY_RULE  # no fact in more than two questions
        if self.guarded:
            atoms = self.views.atoms_made.get(candidate.id) or self.views.atoms(
                candidate, self.twins[1])
            if not self.atoms.isdisjoint(atoms):
                return ANY_RULE  # one fact (or its same story) in one question of a set only
        view = self.views.of(candidate)
        if self._kind_cap is not None and self.kinds[view.kind_of] >= self._kind_cap:
            return ANY_RULE  # no kind above its share (40%) of the quiz
        if candidate.topic:
            limit = self.caps.get(candidate.topic) if candidate.type == "date" else None
            shape = view.shape
            if view.choice:  # "Which title did ... hold?" twice; a topic may have its own cap
                limit = self.caps.get(candidate.topic, self.caps.get("choice:"))
                if not self.lenient and self.choices >= self.caps.get("choices", self.choices
                                                                      + 1):
                    return ANY_RULE  # multiple choice leaves matchings of several pairs room
            if shape in ("choice", "match") and not self.lenient and self.topics.get(
                    ("matching", ("match:" if shape == "choice" else "choice:") + view.kind)):
                return ANY_RULE  # the same kind of matching as one question and as another
            if limit is not None and self.topics.get((candidate.type, candidate.topic),
                                                     0) >= limit:
                return ANY_RULE  # variety: a topic no more than its share of the records
            if candidate.year is not None and (candidate.topic, candidate.year) in self.years:
                return ANY_RULE  # one year on one topic told twice (banned, suspended: 1991)
        if candidate.answer and candidate.answer in self.answers and not self.lenient:
            return ANY_RULE  # two multiple choices with one key ("General Secretary" twice)
        if self.choice_sets and view.choice and not self.lenient:
            mine = self._choices_of(candidate)
            if any(mine <= other or other <= mine for other in self.choice_sets):
                return ANY_RULE  # the same four names offered twice (Yeltsin, Gorbachev ...)
        if self.years_once and candidate.year is not None and ("", candidate.year) in self.years:
            return ANY_RULE  # two answers of one year (Stalin dies, Malenkov resigns: 1953)
        if candidate.type == "ordering" and not candidate.keys.isdisjoint(
                self.topic_keys.get(candidate.topic, ())):
            return ANY_RULE  # two orders of one kind never share an item (Stasova twice)
        if self.guarded and self.early_cap is not None and \
                self.early_count >= self.early_cap and view.early:
            return ANY_RULE  # the office's precursors (1917-1922) no more than their share
        if not self._standing_fits(candidate):
            return ANY_RULE  # core facts first: a detail at most once, context never asked
        if self._on_a_told_story(candidate):
            return ANY_RULE  # Brezhnev as First Secretary, then as General Secretary
        if self.story_sets and candidate.type in ("ordering", "matching"):
            on = self._all_stories_of(candidate)
            if len(on) >= 2 and any(len(on & other) >= 2 for other in self.story_sets):
                return ANY_RULE  # the years Khrushchev, Andropov and Gorbachev took office
                # matched, then the order in which their time ended
        if candidate.type == "ordering" and self.order_moments and self._retold(candidate):
            return ANY_RULE  # two moments of a chosen order: its explanation settles this one
        if (self.titled or self.title_kind) and self._on_the_title(candidate) and (
                self.titled or (title_kind(candidate) != self.title_kind
                                and candidate.topic not in TITLE_TOPICS)):
            return ANY_RULE  # the office's name told once (1952 rules out "restored"), and
            # by the kind of question the seed drew for it ("Which title did Khrushchev
            # hold?" whatever was drawn: it asks one person's title, not the office's turns)
        if any(self.per_year[y] >= YEAR_CAP for y in self._years_of(candidate)):
            return ANY_RULE  # a third question on 1991 (the coup, the resignation, the ban)
        if not self._clear_of_chosen(candidate, strict):
            return CLASH
        if self.chosen_tellings and self._eliminates(candidate):
            return ANY_RULE  # a key or two wrong choices stated by the other questions
        if self.guarded and (self.shown_years or self.asked_years):
            sight = self.views.sight(candidate)
            if not self.shown_years.keys().isdisjoint(sight.asks):
                return ANY_RULE  # another question names a year it asks (items, explanation)
            if not self.asked_years.isdisjoint(sight.shows):
                return ANY_RULE  # its own text would name a year another question asks
        return FITS

    @per_candidate
    def _years_of(self, candidate: Candidate) -> set[int]:
        """The years of the facts a question (not an order: one item among several asks
        nothing of its year) rests on."""
        if candidate.type == "ordering" or not self.facts.years:
            return set()
        years = self.facts.years
        return {years[k] for k in candidate.keys if k in years}

    @per_candidate
    def _standings(self, candidate: Candidate) -> list[str]:
        standing = self.facts.standing
        return [standing.get(_record(k), "core") for k in candidate.keys | candidate.orders]

    def _standing_fits(self, candidate: Candidate) -> bool:
        """A `context` record is only ever the event a "which of these happened while X led
        the party?" places in a leader's time (three reviews found Podgorny off the office's
        story as an order's item too); difficulty 1 asks core facts only (and nothing resting
        mostly on the office's precursors, 1917-1922); a set rests on one secondary fact at
        most, and never as a date question of its own."""
        if self.difficulty == 1 and self.early and self.views.of(candidate).early:
            return False  # the 1917-1922 precursors' titles in order: a detail, not core
        if not self.facts.standing:
            return True
        levels = self._standings(candidate)
        if "context" in levels and candidate.topic != DURING:
            return False
        secondary = levels.count("secondary")
        if secondary and (self.difficulty == 1 or candidate.type == "date"):
            return False  # nor a detail's date asked on its own ("When was Krestinsky
            # replaced as Responsible Secretary?" is trivia, not history)
        return self.secondary + secondary <= 1

    @per_candidate
    def _all_stories_of(self, candidate: Candidate) -> set[str]:
        """The tenures' stories a question's facts are on, an order's items included."""
        stories = self.facts.stories
        return {stories[r] for r in (_record(k) for k in candidate.keys | candidate.orders)
                if r in stories}

    def _stories_of(self, candidate: Candidate) -> set[str]:
        """The stories it rests on, through its facts and the facts that tell the same story
        ("Brezhnev dies in office" for the end of his tenure as General Secretary). An
        order's items tell no story each: one item among several in an order asks nothing
        of a tenure."""
        stories = self.facts.stories
        if not stories or candidate.type == "ordering":
            return set()
        atoms = self.views.atoms_made.get(candidate.id) or self.views.atoms(
            candidate, self.twins[1])
        return {stories[r] for r in (_record(k) for k in atoms | candidate.orders)
                if r in stories}

    def _retold(self, candidate: Candidate) -> bool:
        """True when the order shares two moments with the chosen ones, counted together
        ("Andropov is elected, Chernenko is elected" settles "Brezhnev dies, Chernenko dies":
        each death is a day or two before an election). One shared moment is allowed:
        sharing none cost most sets of difficulty 2 and 3 an order."""
        # With every chosen order together: three orders on 1982-1991, each sharing one
        # moment with another, are one span taught three times.
        return sum(self._shared_moments(candidate.keys, other)
                   for other in self.order_moments) >= 2

    def _shared_moments(self, mine: frozenset[str], other: frozenset[str]) -> int:
        """How many of `mine` are of a moment of `other`: the same moment, or the same year
        when one is known only to the year ("the Soviet Union is dissolved, 1991" is no
        moment apart from "the party's activities are suspended, 29 August 1991": two
        orders on 1990 and 1991 teach one span twice)."""
        moments, years = self.facts.moments, self.facts.years

        def one(a: str, b: str) -> bool:
            first, second = moments.get(a, a), moments.get(b, b)
            if first == second:
                return True
            return (first.startswith("year:") or second.startswith("year:")) and \
                a in years and years.get(a) == years.get(b)

        return sum(1 for a in mine if any(one(a, b) for b in other))

    def _on_the_title(self, candidate: Candidate) -> bool:
        """True when it rests on a record about the office's name (an order's items too: an
        order with "The 19th Party Congress formally abandons the title" tells a learner
        which congress did not restore it)."""
        return on_the_title(candidate, self.facts.titled)

    def _on_a_told_story(self, candidate: Candidate) -> bool:
        return bool(self.stories) and not self.stories.isdisjoint(self._stories_of(candidate))

    def _eliminates(self, candidate: Candidate) -> bool:
        """True when the candidate would state a chosen question's key, or a second of its
        wrong choices (with what the others state), or the chosen questions state its key
        or two of its wrong choices between them."""
        telling = self.telling(candidate)
        wrong: set[int] = set()
        for number, other in enumerate(self.chosen_tellings):
            if other.keys or other.wrong:
                key, found = self.views.told(other, telling)
                if key or len(found | self.wrong_told[number]) >= 2:
                    return True
            if telling.keys or telling.wrong:
                key, found = self.views.told(telling, other)
                wrong |= found
                if key or len(wrong) >= 2:
                    return True
        return False

    def telling(self, candidate: Candidate) -> Telling:
        """What the candidate, written out, states and what would give it away."""
        found = self.tellings.get(candidate.id)
        if found is None:
            self.views.sight(candidate)  # written out once, kept for the set
            found = self.tellings[candidate.id] = telling_of(
                self.views.as_written(candidate).build(), self.facts.titles)
        return found

    def _clear_of_chosen(self, candidate: Candidate, strict: bool) -> bool:
        """No clash with a chosen question. A candidate found clear of the first `since`
        chosen questions under this rule is compared only with those chosen after them."""
        clear = self.clear[strict]
        since = clear.get(candidate.id, 0)
        chosen = self.chosen_profiles
        if since == len(chosen):
            return True
        p = self.profiles.get(candidate.id) or self.profile(candidate)
        index = self.index
        seen: set[int] = set()
        for token in p.tokens:
            found = index.get(token)
            if found is None:
                continue
            for i in found:
                if i >= since and i not in seen:
                    if clashes(p, chosen[i], strict=strict):
                        return False
                    seen.add(i)
        clear[candidate.id] = len(chosen)
        return True

    def atoms_of(self, candidate: Candidate) -> frozenset[str]:
        """The facts it rests on (asked, ordered, paired) and their strong twins."""
        return self.views.atoms(candidate, self.twins[1])

    def sight(self, candidate: Candidate) -> Sight:
        return self.views.sight(candidate)

    def _choices_of(self, candidate: Candidate) -> frozenset[str]:
        """The choices a multiple choice offers, key included, written out once."""
        found = self.views.choices.get(candidate.id)
        if found is None:
            question = self.views.as_written(candidate).build()
            found = frozenset()
            if isinstance(question, MatchingQuestion):
                found = frozenset([*(p.right for p in question.pairs),
                                   *question.extra_right])
            self.views.choices[candidate.id] = found
        return found

    def add(self, candidate: Candidate) -> None:
        p = self.profile(candidate)
        sight = self.sight(candidate)
        self.asked_years |= sight.asks
        self.shown_years.update(sight.shows)
        view = self.views.of(candidate)
        if view.early:
            self.early_count += 1
        self.chosen.append(candidate)
        self.chosen_ids.add(candidate.id)
        if view.choice:
            self.choice_sets.append(self._choices_of(candidate))
        telling = self.telling(candidate)
        wrong: frozenset[int] = frozenset()
        for number, other in enumerate(self.chosen_tellings):
            self.wrong_told[number] |= self.views.told(other, telling)[1]
            wrong |= self.views.told(telling, other)[1]
        self.chosen_tellings.append(telling)
        self.wrong_told.append(wrong)
        self.stories |= self._stories_of(candidate)
        self.story_sets.append(self._all_stories_of(candidate))
        self.titled = self.titled or self._on_the_title(candidate)
        if candidate.type == "ordering":
            self.order_moments.append(candidate.keys)
        self.per_year.update(self._years_of(candidate))
        self.secondary += self._standings(candidate).count("secondary")
        self.atoms |= self.atoms_of(candidate)
        self.kinds[view.kind_of] += 1
        self.chosen_profiles.append(p)
        number = len(self.chosen_profiles) - 1
        for token in p.tokens:
            self.index.setdefault(token, []).append(number)
        for key in candidate.keys:
            self.uses[key] = self.uses.get(key, 0) + 1
            if self.uses[key] >= 2:
                self.used_twice.add(key)
        self.topic_keys.setdefault(candidate.topic, set()).update(candidate.keys)
        if candidate.year is not None:
            self.years.add(("", candidate.year))
        if candidate.answer:
            self.answers.add(candidate.answer)
        if candidate.topic.startswith("choice:"):
            self.choices += 1
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
            # A matching of several pairs before a further multiple choice when the quiz has
            # none yet (the fewest facts would always pick the one-pair question).
            weight = self.footprint(candidate) + (
                100 if kind_of(candidate) == "choice" and not self.kinds["matching"] else 0)
            if best is None or weight < size:
                best, size = index, weight
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
           difficulty: int = 2, early: frozenset[str] = frozenset(),
           facts: SetFacts | None = None) -> list[Candidate]:
    """Up to `count` candidates: those asking about `first_keys` first (in that order), then the
    types in a seeded rotation, each candidate clear of every one chosen before it.

    A greedy choice can block itself early, so up to ATTEMPTS orders are tried (each drawn from
    `rng`, so the same seed still gives the same quiz); once one is full, BALANCE_TRIES more
    are tried; the largest quiz, nearest to equal shares, is kept.

    `early` are the records on the office's precursors: at most EARLY_SHARE of the quiz
    rests on them (when they are not all the records have).

    `facts` (`SetFacts`) carries the records' standing and stories: no question on a
    `context` event, core facts only at difficulty 1 and one secondary fact at most above it,
    one question per person's tenure of one line of office. Whatever the facts, no question
    states another's key or two of its wrong choices (`giveaways.gives_away`).
    """
    best: list[Candidate] = []
    # The kind of question that may tell the office's name, drawn for the set: the one
    # question on it is otherwise always the same free-standing matching of titles to years.
    kinds = sorted({title_kind(c) for c in candidates
                    if facts is not None and c.topic not in TITLE_TOPICS
                    and on_the_title(c, facts.titled)})
    title_for = kinds[rng.randrange(len(kinds))] if kinds and not first_keys else ""
    views = Views(early)
    profiles: dict[str, Profile] = views.profiles  # kept with the views (candidate_views.Memo)
    tellings = views.tellings(facts.titles if facts is not None else frozenset())
    caps = topic_caps(candidates, count, difficulty)
    early_cap = max(MIN_EACH, round(count * EARLY_SHARE)) if early else None
    full = 0
    for number in range(ATTEMPTS):
        picker = _Picker(candidates, types, rng, twins, profiles, caps,
                         TILT.get(difficulty, 0.0), years_once=difficulty < 3, views=views,
                         early=early, early_cap=early_cap, facts=facts,
                         difficulty=difficulty, tellings=tellings, title_for=title_for)
        picker.kind_cap = kind_cap(count, types, difficulty)
        chosen = _attempt(picker, count=count, rng=rng, first_keys=first_keys,
                          orders_first=ORDERS[number % len(ORDERS)])
        if _score(chosen, count, types) > _score(best, count, types):
            best = chosen
        if len(best) >= count:
            full += 1
        if _score(best, count, types) == (count, count) or full > BALANCE_TRIES:
            break
    if count <= LONG and not first_keys:
        kept = balanced(best)
        if len(kept) < len(best):
            rotation: list[str] = list(dict.fromkeys(c.type for c in kept))
            kept = _interleave(kept, rotation)  # spread again what is left
        best = kept
    # Each chosen question was written out to read its sight: the set takes that question.
    return set_free([views.as_written(c) for c in best])


# Kinds of question whose answer is a title of the office ("Which title did Khrushchev
# hold?"): another question that tells the title's turns ("the 23rd Congress changed the
# leader's title from First Secretary ...") answers them.
TITLE_TOPICS = frozenset({"choice:office"})


def on_the_title(candidate: Candidate, titled: frozenset[str]) -> bool:
    """Whether the candidate rests on the office's name (`SetFacts.titled`) or asks a title."""
    return bool(titled) and (candidate.topic in TITLE_TOPICS or any(
        _record(k) in titled for k in candidate.keys | candidate.orders))


def title_kind(candidate: Candidate) -> str:
    """How a question tells the office's name, for the draw of one per set: an order, a date
    question, or the matching's kind ("match:title-in-year", "choice:at-congress")."""
    return candidate.topic if candidate.type == "matching" else candidate.type


def balanced(chosen: list[Candidate]) -> list[Candidate]:
    """The chosen questions with no kind above KIND_SHARE of those kept: when the records
    could not give the other kinds their share, the last-chosen questions of the largest kind
    are left out (a shorter quiz, which the command reports, rather than a quiz of dates)."""
    kept = list(chosen)
    while True:
        kinds = Counter(kind_of(c) for c in kept)
        if len(kinds) < 2:
            return kept
        cap = -(-len(kept) * KIND_SHARE[0] // KIND_SHARE[1])
        most, have = kinds.most_common(1)[0]
        if have <= cap:
            return kept
        last = max(i for i, c in enumerate(kept) if kind_of(c) == most)
        del kept[last]


def kind_cap(count: int, types: Sequence[QuestionType], difficulty: int) -> int | None:
    """The most questions of one kind a quiz of `count` has: KIND_SHARE of it, or an equal
    share when the kinds asked for are too few for that (None for a single kind)."""
    kinds = len(types) + (1 if "matching" in types and difficulty in (1, 2) else 0)
    if kinds < 2:
        return None
    return max(-(-count * KIND_SHARE[0] // KIND_SHARE[1]), -(-count // kinds), 1)


def kind_of(candidate: Candidate) -> str:
    """The kind a teacher sees: "choice" for a one-pair matching (multiple choice), else the
    question's type."""
    return "choice" if candidate.topic.startswith("choice:") else candidate.type


def topic_caps(candidates: Sequence[Candidate], count: int, difficulty: int = 2
               ) -> dict[str, int]:
    """How many date questions of a quiz of `count` may be on each topic (deaths, congresses,
    tenure starts, ...): its share of the records' date questions, rounded up, and never
    fewer than two. Five congresses in twenty questions is a quiz about congresses; a
    teacher's list of presidents, nearly all tenure starts and ends, may use them freely."""
    topics = Counter(c.topic for c in candidates if c.type == "date" and c.topic)
    total = sum(1 for c in candidates if c.type == "date")
    # One kind of multiple choice ("Who was General Secretary when ...?") is at most one in
    # five questions, and two are always allowed.
    caps = {"choice:": max(2, -(-count // 5)), "choice:at-congress": 1,
            # All kinds together: their share (2/5) as a kind of their own, beside matchings
            # of several pairs.
            "choices": max(1, count * KIND_SHARE[0] // KIND_SHARE[1])}
    if not total:
        return caps
    return caps | {topic: max(2, -(-count * found // total)) for topic, found in topics.items()}


def _no_higher(caps: Mapping[str, int], than: Mapping[str, int]) -> bool:
    """True when `caps` limits everything `than` limits, each no higher."""
    return caps.keys() == than.keys() and all(caps[k] <= than[k] for k in caps)


def _score(chosen: list[Candidate], count: int, types: Sequence[QuestionType]
           ) -> tuple[int, int]:
    """(questions made, less a fifth of `count` for each type left out; questions within
    their type's equal share): a full quiz of every type first, then the one whose types come
    nearest to equal shares."""
    shares = {kind: count // len(types) + (i < count % len(types))
              for i, kind in enumerate(types)}
    have = Counter(c.type for c in chosen)
    within = sum(min(shares[kind], have[kind]) for kind in types)
    # A type left out entirely, or with fewer than MIN_EACH questions where its share has
    # room for them, counts as a fifth of the quiz fewer (at least two questions): a short
    # quiz of every type is worth more than a few more date questions.
    missing = sum(1 for kind in types if shares[kind] and have[kind] < min(MIN_EACH,
                                                                             shares[kind]))
    # ... and a type left out entirely counts half as much again: one ordering is better than
    # none when two cannot be had.
    absent = sum(1 for kind in types if shares[kind] and not have[kind])
    # A matching of several pairs is what a teacher means by a matching question: a set
    # without one (only multiple choices) counts as a type left out.
    lone = max(2, count // 5) if "matching" in types and have["matching"] and not any(
        kind_of(c) == "matching" for c in chosen) else 0
    return (min(len(chosen), count) - max(2, count // 5) * missing
            - max(1, count // 10) * absent - lone,
            within + (count - sum(shares.values())))


def _attempt(picker: _Picker, *, count: int, rng: random.Random,
             first_keys: Sequence[str], orders_first: bool | str = False
             ) -> list[Candidate]:
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
    if orders_first == "dates":
        # Date questions before the multiple choices, whose explanations now give their
        # events' years: placed first, those explanations would keep every date question on
        # the same years out (a set of difficulty 3 with none).
        groups = [[k] for k in ("ordering", "date", "matching") if k in rotation]
        passes = [(group, strict) for group in groups for strict in (True, False)]
    elif orders_first:
        groups = [[k] for k in ("ordering", "matching", "date") if k in rotation]
        passes = [(group, strict) for group in groups for strict in (True, False)]
    else:
        groups = [[k for k in rotation if k != "date"], [k for k in rotation if k == "date"]]
        passes = [(group, strict) for strict in (True, False) for group in groups if group]
    for group, strict in passes:
        picker.restart(strict=strict)
        _fill(picker, group, count, shares)
    # Places still open go to any type, date questions up to DATE_SHARE of the quiz.
    limits = dict.fromkeys(rotation, count)
    if len(rotation) > 1 and "date" in limits:
        limits["date"] = max(shares["date"], int(count * DATE_SHARE + 0.5))
    _fill(picker, rotation, count, limits)
    if len(picker.chosen) < count:
        # A quiz the records can barely fill: a second question of one kind of multiple
        # choice is better than a place left empty, and in a long quiz (over LONG questions)
        # as many as it takes.
        picker.caps = {**picker.caps, "choice:": count if count > LONG else 2}
        picker.lenient = count > LONG
        picker.restart(strict=False)
        _fill(picker, rotation, count, limits)
    if len(picker.chosen) < count and "date" in limits:
        # Only date questions are left: up to half the quiz rather than a place left empty
        # (the command says which types fell short), never more, but in a long quiz as many
        # as it takes (forty questions are served from whatever the records have).
        limits["date"] = count if count > LONG else max(limits["date"], count // 2)
        _fill(picker, rotation, count, limits)
    if len(picker.chosen) < count and count > LONG:
        # Forty questions from records that give twenty good ones: the years and the
        # precursors' share are let go rather than half the places left empty.
        picker.guarded = False
        picker.kind_cap = None
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
