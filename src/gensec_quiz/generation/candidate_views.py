"""What the selection's checks read of each candidate, worked out once per generation.

A quiz is chosen in up to `selection.ATTEMPTS` attempts, each going through the candidates
several times (strict, relaxed, lenient, unguarded); every pass asks `_Picker.fits` of the
same candidates the same questions: which records it rests on, whether it is on the office's
precursors, what its topic and kind are, how famous its facts are, and which years its
written-out text shows (the one costly part: the question is built and read). `Views` answers
each of these once per candidate (keyed by the candidate's id, unique in a pool) and keeps the
answers for every attempt of the same generation. A quiz drawn again from the same pool of
candidates (the same records and options: `api.choose`) may keep them in a `Memo` for the
next one (`kept_in`): every answer depends on nothing but the candidate (and the records'
twins, the same for the whole pool), so what it weighs and writes out is the same.

This module decides nothing: the rules stay in `selection.py` and `giveaways.py`.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
from collections.abc import Callable, Iterator, Mapping
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol, TypeVar, cast

from gensec_quiz.domain.questions import Question
from gensec_quiz.generation.context import Candidate
from gensec_quiz.generation.giveaways import Sight, Telling, sight_of_question, told

if TYPE_CHECKING:
    from gensec_quiz.generation.selection import Profile


@dataclass(frozen=True, slots=True)
class View:
    """`early`: half or more of what it rests on is on the office's precursors (records in
    `Views.early`); `shape` and `kind`: its topic split at the first colon ("choice",
    "title"); `choice`: a multiple choice (a one-pair matching, topic "choice:..."); `kind_of`:
    the kind a teacher sees (`selection.kind_of`: "choice", else the question's type)."""

    early: bool
    shape: str
    kind: str
    choice: bool
    kind_of: str


@dataclass(slots=True)
class Memo:
    """What `Views` worked out of one pool's candidates, by id: kept with the pool so that the
    next quiz from it (another seed) does not work it out again. `early` is the records on the
    office's precursors that the views were made with."""

    early: frozenset[str]
    views: dict[str, View] = field(default_factory=dict)
    sights: dict[str, Sight] = field(default_factory=dict)
    fame: dict[str, float] = field(default_factory=dict)
    atoms: dict[str, frozenset[str]] = field(default_factory=dict)
    written: dict[str, Question] = field(default_factory=dict)
    # `selection.Profile` of each candidate: what it asks, states and touches.
    profiles: dict[str, Profile] = field(default_factory=dict)
    # The choices of each multiple choice, key included (`selection._Picker._choices_of`).
    choices: dict[str, frozenset[str]] = field(default_factory=dict)
    # `giveaways.Telling` of each candidate, by the office's titles it was read with.
    tellings: dict[frozenset[str], dict[str, Telling]] = field(default_factory=dict)
    # `giveaways.told` of two tellings (`Views.told`), by the asking one's identity, then the
    # telling one's: each entry holds both, so an identity is never taken for another's.
    told: dict[int, dict[int, tuple[Telling, Telling, tuple[bool, frozenset[int]]]]] = field(
        default_factory=dict)
    # What each method wrapped by `per_candidate` answered, by the method's name: the
    # set-level facts it read (`selection._Picker.facts`) and its answers by candidate id.
    derived: dict[str, tuple[object, dict[str, object]]] = field(default_factory=dict)


_KEPT: ContextVar[Memo | None] = ContextVar("gensec_quiz_views_memo", default=None)


@contextlib.contextmanager
def kept_in(memo: Memo) -> Iterator[None]:
    """Within this block (one selection from the pool `memo` belongs to), `Views` read and
    add to `memo` instead of starting empty."""
    token = _KEPT.set(memo)
    try:
        yield
    finally:
        _KEPT.reset(token)


class Views:
    """The views and sights of one generation's candidates, each made on first need (or kept
    from an earlier quiz on the same pool: `kept_in`)."""

    def __init__(self, early: frozenset[str] = frozenset()) -> None:
        memo = _KEPT.get()
        if memo is None or memo.early != early:
            memo = Memo(early)
        self.early = early
        self._views = memo.views
        self._sights = memo.sights
        self._fame = memo.fame
        # Each candidate's atoms (`atoms`), by id, as worked out so far.
        self.atoms_made = memo.atoms
        self._written = memo.written
        self.profiles = memo.profiles
        self.choices = memo.choices
        self._tellings = memo.tellings
        self._told = memo.told
        self._derived = memo.derived

    def of(self, candidate: Candidate) -> View:
        found = self._views.get(candidate.id)
        if found is None:
            early = self.early
            count = sum(1 for key in candidate.keys if key.rpartition(".")[0] in early) \
                if early else 0
            shape, _, kind = candidate.topic.partition(":")
            choice = candidate.topic.startswith("choice:")
            found = self._views[candidate.id] = View(
                early=count > 0 and 2 * count >= len(candidate.keys), shape=shape, kind=kind,
                choice=choice, kind_of="choice" if choice else candidate.type)
        return found

    def fame(self, candidate: Candidate) -> float:
        """`Candidate.fame`, worked out once (only a difficulty that weighs fame asks)."""
        found = self._fame.get(candidate.id)
        if found is None:
            found = self._fame[candidate.id] = candidate.fame
        return found

    def atoms(self, candidate: Candidate, strong: Mapping[str, frozenset[str]]
              ) -> frozenset[str]:
        """The facts it rests on (asked, ordered, paired; no ".next") and their strong twins
        (`strong`: the same for every call of one generation), worked out once."""
        found = self.atoms_made.get(candidate.id)
        if found is None:
            base = {k for k in candidate.keys | candidate.orders if not k.endswith(".next")}
            found = self.atoms_made[candidate.id] = frozenset(
                base.union(*(strong.get(k, ()) for k in base)))
        return found

    def sight(self, candidate: Candidate) -> Sight:
        """What the candidate's text shows and asks (`giveaways.sight_of`), written out once
        (and kept, for `as_written`)."""
        found = self._sights.get(candidate.id)
        if found is None:
            question = self._written[candidate.id] = written(candidate)
            found = self._sights[candidate.id] = sight_of_question(question)
        return found

    def as_written(self, candidate: Candidate) -> Candidate:
        """The candidate, whose build gives the question already written out for its sight
        (the same question: a build depends on nothing but the candidate), so that a chosen
        question is not written out a second time for the set."""
        question = self._written.get(candidate.id)
        if question is None:
            return candidate
        return dataclasses.replace(candidate, build=functools.partial(_given, question))


    def derived(self, name: str, facts: object) -> dict[str, object]:
        """The answers of the method `name` (see `per_candidate`) read with `facts` so far."""
        found = self._derived.get(name)
        if found is None or found[0] is not facts:
            found = self._derived[name] = (facts, {})
        return found[1]

    def tellings(self, titles: frozenset[str]) -> dict[str, Telling]:
        """The tellings (`giveaways.telling_of`) of the candidates read with `titles` so far,
        by id: the selection adds to it, and a later quiz from the same pool reads it."""
        found = self._tellings.get(titles)
        if found is None:
            found = self._tellings[titles] = {}
        return found

    def told(self, asking: Telling, telling: Telling) -> tuple[bool, frozenset[int]]:
        """`giveaways.told(asking, telling)`, worked out once for each two tellings: the
        attempts of a quiz, and the quizzes drawn from one pool, compare the same questions
        again and again."""
        row = self._told.get(id(asking))
        if row is None:
            row = self._told[id(asking)] = {}
        found = row.get(id(telling))
        if found is not None and found[0] is asking and found[1] is telling:
            return found[2]
        result = told(asking, telling)
        row[id(telling)] = (asking, telling, result)
        return result


class _Reads(Protocol):
    """What a method wrapped by `per_candidate` is a method of (`selection._Picker`)."""

    @property
    def views(self) -> Views: ...

    @property
    def facts(self) -> object: ...


_R = TypeVar("_R", bound=_Reads)
_T = TypeVar("_T")
_MISSING = object()


def per_candidate(method: Callable[[_R, Candidate], _T]) -> Callable[[_R, Candidate], _T]:
    """A method of the selection whose answer depends on nothing but the candidate and the
    set-level facts (`self.facts`, the records' standing, stories and years), worked out
    once per candidate and kept with the views (and so for the next quiz from the same
    pool). The answer is shared: a caller must not change it."""
    name = method.__qualname__

    @functools.wraps(method)
    def once(self: _R, candidate: Candidate) -> _T:
        table = self.views.derived(name, self.facts)
        found = table.get(candidate.id, _MISSING)
        if found is _MISSING:
            found = table[candidate.id] = method(self, candidate)
        return cast(_T, found)

    return once


def written(candidate: Candidate) -> Question:
    """The candidate written out: what a learner would see."""
    return candidate.build()


def _given(question: Question) -> Question:
    return question
