"""The generator's entry points: a seeded quiz, every question, and questions on given facts."""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import hashlib
import json
import random
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from gensec_quiz.domain.errors import InputError, Problem
from gensec_quiz.domain.questions import (
    DEFAULT_ORDERING_RULE,
    ORDERING_RULES,
    QUESTION_TYPES,
    BasisRef,
    DateQuestion,
    MatchingQuestion,
    OrderingRule,
    Question,
    QuestionSet,
    QuestionType,
)
from gensec_quiz.domain.records import RecordSet
from gensec_quiz.generation import wording as wording_module
from gensec_quiz.generation.candidate_views import Memo, kept_in
from gensec_quiz.generation.choice import ordered_for_place
from gensec_quiz.generation.context import FOCUSES, Candidate, Context
from gensec_quiz.generation.date_questions import date_candidates
from gensec_quiz.generation.distractors import YearPool
from gensec_quiz.generation.durations import duration_candidates
from gensec_quiz.generation.giveaways import early_records
from gensec_quiz.generation.kept import set_facts
from gensec_quiz.generation.matching import matching_candidates
from gensec_quiz.generation.ordering import ordering_candidates
from gensec_quiz.generation.selection import select
from gensec_quiz.generation.wording import ENGLISH, Wording
from gensec_quiz.i18n import DEFAULT_LANGUAGE, LANGUAGES, tr

# Bump when the same records, seed and options would give different questions.
GENERATOR_VERSION = 1
GENERATOR_NAME = "gensec-quiz"
DIFFICULTIES = (1, 2, 3)


def check_options(*, types: Sequence[str], count: int, difficulty: int, scoring: str,
                  focus: str = "all", language: str = DEFAULT_LANGUAGE) -> None:
    """Raise InputError naming every option that is out of range."""
    problems = []
    if language not in LANGUAGES:
        problems.append(Problem("language", tr("'{language}' is not a language (use {known})",
                                               language=language, known=", ".join(LANGUAGES))))
    if focus not in FOCUSES:
        problems.append(Problem("focus", tr("'{focus}' is not a focus (use {known})",
                                            focus=focus, known=", ".join(FOCUSES))))
    bad = [t for t in types if t not in QUESTION_TYPES]
    if bad or not types:
        problems.append(Problem("types", tr(
            "{bad} is not a question type (use {known})",
            bad=", ".join(repr(t) for t in bad) or tr("nothing"), known=", ".join(QUESTION_TYPES))))
    if count < 1:
        problems.append(Problem("count", tr("must be at least 1 (got {count})", count=count)))
    if difficulty not in DIFFICULTIES:
        problems.append(Problem("difficulty", tr("must be 1, 2 or 3 (got {value})",
                                                 value=difficulty)))
    if scoring not in ORDERING_RULES:
        problems.append(Problem("scoring", tr("'{rule}' is not an ordering rule (use {known})",
                                              rule=scoring, known=", ".join(ORDERING_RULES))))
    if problems:
        raise InputError(problems)


def candidates(records: RecordSet, *, types: Sequence[QuestionType], difficulty: int,
               scoring: OrderingRule, focus: str = "all") -> list[Candidate]:
    """Every question the generator can make, not yet written out, without duplicates."""
    return _candidates(Context(records), types=types, difficulty=difficulty, scoring=scoring,
                       focus=focus)


def _candidates(ctx: Context, *, types: Sequence[QuestionType], difficulty: int,
                scoring: OrderingRule, focus: str) -> list[Candidate]:
    out: list[Candidate] = []
    if "ordering" in types:
        out += ordering_candidates(ctx, difficulty=difficulty, scoring=scoring)
    if "matching" in types:
        out += matching_candidates(ctx, difficulty=difficulty)
    if "date" in types:
        pool = YearPool(f.date.year for f in ctx.facts.values())
        out += date_candidates(ctx, pool, difficulty=difficulty)
        out += duration_candidates(ctx, difficulty=difficulty)
    unique: dict[str, Candidate] = {}
    for candidate in out:
        if focus in ("all", candidate.focus):
            unique.setdefault(candidate.id, candidate)
    return list(unique.values())


def enumerate_questions(records: RecordSet, *, types: Sequence[QuestionType] = QUESTION_TYPES,
                        difficulty: int = 2, scoring: OrderingRule = DEFAULT_ORDERING_RULE,
                        focus: str = "all", language: str = DEFAULT_LANGUAGE) -> list[Question]:
    """Every question the generator can make at this difficulty, in a fixed order."""
    check_options(types=types, count=1, difficulty=difficulty, scoring=scoring, focus=focus,
                  language=language)
    with _collector_paused():
        ctx = Context(records, wording(records, language))
        return [c.build() for c in _candidates(ctx, types=types, difficulty=difficulty,
                                               scoring=scoring, focus=focus)]


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while tens of thousands of questions (or candidates)
    are made.

    The questions form no reference cycles, so the collector finds nothing, yet its passes
    over the growing heap took a third of the time at 10,000 tenures. It is switched back
    on (if it was on) however the block ends; reference counting frees memory as usual.
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def generate_question_set(
    records: RecordSet, *, types: Sequence[QuestionType] = QUESTION_TYPES, count: int = 10,
    seed: int = 0, difficulty: int = 2, scoring: OrderingRule = DEFAULT_ORDERING_RULE,
    focus: str = "all", set_id: str | None = None, title: str | None = None,
    description: str = "", language: str = DEFAULT_LANGUAGE,
) -> QuestionSet:
    """Up to `count` questions chosen with `random.Random(seed)`: same inputs, same set.

    `focus` keeps to "people" (who held the office, when) or "history" (events and the
    office's names); "all" mixes both. `language` is the one the set is written in (a key of
    `i18n.LANGUAGES`), whatever the interface speaks.
    """
    check_options(types=types, count=count, difficulty=difficulty, scoring=scoring,
                  focus=focus, language=language)
    types = [t for t in QUESTION_TYPES if t in types]
    words = wording(records, language)
    with _collector_paused(), _prepared(records, words) as prepared:
        chosen = _choose(prepared, types=types, count=count, seed=seed, difficulty=difficulty,
                         scoring=scoring, focus=focus)
    options: dict[str, Any] = {"types": list(types), "count": count, "difficulty": difficulty,
                               "scoring": scoring, "focus": focus}
    if language != DEFAULT_LANGUAGE:
        options["language"] = language  # an English set's id stays what it always was
    question_set = _question_set(
        records, chosen, seed=seed, options=options, set_id=set_id,
        title=title or words.tr("{title}: a quiz", title=_title(records, words)),
        language=words.language)
    return dataclasses.replace(question_set, description=description)


def wording(records: RecordSet, language: str) -> Wording:
    """The set's language with the records' wording in it (the shipped overlay, if any)."""
    if language == DEFAULT_LANGUAGE:
        return ENGLISH
    from gensec_quiz.bank.record_wording import wording_for  # the overlay file, when needed

    return Wording(language, wording_for(records, language))


def _title(records: RecordSet, words: Wording) -> str:
    overlay = words.overlay
    return overlay.title if overlay is not None and overlay.title else records.title


def choose(ctx: Context, *, types: Sequence[QuestionType], count: int, seed: int,
           difficulty: int, scoring: OrderingRule, focus: str,
           first_keys: Sequence[str] = ()) -> list[Candidate]:
    """The candidates a quiz on `ctx` is made of, not yet written out (options checked by the
    caller). The twins of a fact are worked out only when a candidate on it is weighed, so
    `ctx.work` tells how much comparing the choice took.

    On a large record set the candidates are made at a sample of the places of each list,
    drawn from `seed` (`Context.sample_for`): a quiz weighs a few hundred candidates of each
    kind, not every one the records allow. A review of given facts (`first_keys`) weighs them
    all, so that every question on those facts is there to be chosen."""
    return _choose(_Prepared(ctx), types=types, count=count, seed=seed, difficulty=difficulty,
                   scoring=scoring, focus=focus, first_keys=first_keys)


@dataclass(slots=True)
class _Pool:
    """The candidates of one set of options, and what the selection read of them."""

    candidates: list[Candidate]
    memo: Memo


@dataclass(slots=True)
class _Prepared:
    """A context and the pools of candidates made on it, by options (`_choose`); `speaks`: the
    catalogue and the overlay its texts were written with (see `_speaks`)."""

    context: Context
    speaks: tuple[object, ...] = ()
    pools: dict[tuple[object, ...], _Pool] = field(default_factory=dict)


def _choose(prepared: _Prepared, *, types: Sequence[QuestionType], count: int, seed: int,
            difficulty: int, scoring: OrderingRule, focus: str,
            first_keys: Sequence[str] = ()) -> list[Candidate]:
    """`choose`, with the pool of candidates (and what the selection read of each) taken from
    `prepared` when an earlier quiz on the same context made it with the same options.

    A pool is kept only when it does not depend on the seed: when no list was long enough to
    be sampled (every list of the built-in records), or for a review of given facts (never
    sampled). The candidates and their builds depend on nothing else, so a kept pool gives the
    very quiz a new one would."""
    ctx = prepared.context
    if first_keys:
        ctx.sample = None  # a context kept from a quiz still has that quiz's sample
    else:
        ctx.sample_for(seed, count)
    key = (tuple(types), difficulty, scoring, focus, bool(first_keys))
    pool = prepared.pools.get(key)
    if pool is None:
        sampled = ctx.work.sampled
        pool = _Pool(_candidates(ctx, types=types, difficulty=difficulty, scoring=scoring,
                                 focus=focus), Memo(early_records(ctx.records)))
        if ctx.work.sampled == sampled:
            prepared.pools[key] = pool
    with kept_in(pool.memo):
        return select(pool.candidates, count=count, types=types, rng=random.Random(seed),
                      twins=(ctx.twins, ctx.strong_twins, ctx.day_twins),
                      first_keys=first_keys, difficulty=difficulty, early=pool.memo.early,
                      facts=set_facts(ctx, frozenset(
                          ctx.words.office(o.name).lower() for o in ctx.records.offices)))


# The contexts (and their pools) of the latest record sets a quiz was made from, by the
# records' identity and the set's language, so that the next quiz on the same records (a
# learner's next quiz, a teacher's regenerate) does not work them out again. A context in use
# is taken out of the table, so two threads never share one.
KEPT_CONTEXTS = 2
_kept: dict[tuple[int, str], _Prepared] = {}
_kept_lock = threading.Lock()


@contextlib.contextmanager
def _prepared(records: RecordSet, words: Wording) -> Iterator[_Prepared]:
    """The context of `records` in the language of `words`: one kept from an earlier quiz on
    these very records (the same object: a record set is frozen), or a new one; kept for the
    next quiz when the block ends without an error."""
    key = (id(records), words.language)
    speaks = _speaks(words)
    with _kept_lock:
        found = _kept.pop(key, None)
    if found is None or found.context.records is not records or not _same(found.speaks, speaks):
        found = _Prepared(Context(records, words), speaks)
    yield found
    with _kept_lock:
        _kept[key] = found
        while len(_kept) > KEPT_CONTEXTS:
            del _kept[next(iter(_kept))]


def _speaks(words: Wording) -> tuple[object, ...]:
    """What a kept context's texts depend on besides the records: the catalogue of the set's
    language (as `Wording` looks it up now) and the overlay. Both are read once and kept while
    the app runs, so they change only where a test replaces them."""
    catalogue = vars(wording_module)["translation"]  # the name `Wording` reads, as it is now
    return (catalogue(words.language), words.overlay)


def _same(kept: tuple[object, ...], now: tuple[object, ...]) -> bool:
    return len(kept) == len(now) and all(a is b for a, b in zip(kept, now, strict=True))


def generate_for_facts(records: RecordSet, facts: Sequence[BasisRef], *, count: int = 10,
                       seed: int = 0, difficulty: int = 2,
                       language: str = DEFAULT_LANGUAGE) -> QuestionSet:
    """A quiz that tests the given facts first (in their order), then others to fill `count`."""
    check_options(types=QUESTION_TYPES, count=count, difficulty=difficulty,
                  scoring=DEFAULT_ORDERING_RULE, language=language)
    keys = [f.key() for f in facts]
    words = wording(records, language)
    with _collector_paused(), _prepared(records, words) as prepared:
        chosen = _choose(prepared, types=QUESTION_TYPES, count=count, seed=seed,
                         difficulty=difficulty, scoring=DEFAULT_ORDERING_RULE, focus="all",
                         first_keys=keys)
    options: dict[str, Any] = {"facts": keys, "count": count, "difficulty": difficulty}
    if language != DEFAULT_LANGUAGE:
        options["language"] = language
    return _question_set(records, chosen, seed=seed, options=options, set_id=None,
                         title=words.tr("{title}: review", title=_title(records, words)),
                         language=words.language)


def _question_set(records: RecordSet, chosen: list[Candidate], *, seed: int,
                  options: dict[str, Any], set_id: str | None, title: str,
                  language: str = DEFAULT_LANGUAGE) -> QuestionSet:
    generator = {"name": GENERATOR_NAME, "version": GENERATOR_VERSION, "seed": seed,
                 "options": options}
    if set_id is None:
        digest = hashlib.blake2b(json.dumps(generator, sort_keys=True).encode("utf-8"),
                                 digest_size=4).hexdigest()
        set_id = f"{records.id}-{digest}"
    questions = tuple(shuffle_choices(c.build(), seed) for c in chosen)
    return QuestionSet(id=set_id, title=title, records=records.id, questions=questions,
                       generator=generator, language=language)


def shuffle_choices(question: Question, seed: int) -> Question:
    """A multiple-choice question with its choices in an order drawn from the set's seed (and
    the question's id), so the answer's place among them tells nothing and the same question
    in another set has another order: a date question's choices; a one-pair matching's wrong
    choices, in an order that places the key (`choice.choice_order`) at a drawn place."""
    if isinstance(question, MatchingQuestion):
        if len(question.pairs) != 1 or len(question.extra_right) < 2:
            return question
        extras = ordered_for_place(question.extra_right, random.Random(f"{seed}:{question.id}"))
        return dataclasses.replace(question, extra_right=extras)
    if not isinstance(question, DateQuestion) or len(question.choices) < 2:
        return question
    choices = list(question.choices)
    random.Random(f"{seed}:{question.id}").shuffle(choices)
    return dataclasses.replace(question, choices=tuple(choices))
