"""The generator's entry points: a seeded quiz, every question, and questions on given facts."""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import hashlib
import json
import random
from collections.abc import Iterator, Sequence
from typing import Any

from gensec_quiz.domain.errors import InputError, Problem
from gensec_quiz.domain.questions import (
    DEFAULT_ORDERING_RULE,
    ORDERING_RULES,
    QUESTION_TYPES,
    BasisRef,
    DateQuestion,
    OrderingRule,
    Question,
    QuestionSet,
    QuestionType,
)
from gensec_quiz.domain.records import RecordSet
from gensec_quiz.generation.context import FOCUSES, Candidate, Context
from gensec_quiz.generation.date_questions import date_candidates
from gensec_quiz.generation.distractors import YearPool
from gensec_quiz.generation.durations import duration_candidates
from gensec_quiz.generation.giveaways import early_records
from gensec_quiz.generation.matching import matching_candidates
from gensec_quiz.generation.ordering import ordering_candidates
from gensec_quiz.generation.selection import select
from gensec_quiz.i18n import tr

# Bump when the same records, seed and options would give different questions.
GENERATOR_VERSION = 1
GENERATOR_NAME = "gensec-quiz"
DIFFICULTIES = (1, 2, 3)


def check_options(*, types: Sequence[str], count: int, difficulty: int, scoring: str,
                  focus: str = "all") -> None:
    """Raise InputError naming every option that is out of range."""
    problems = []
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
                        focus: str = "all") -> list[Question]:
    """Every question the generator can make at this difficulty, in a fixed order."""
    check_options(types=types, count=1, difficulty=difficulty, scoring=scoring, focus=focus)
    with _collector_paused():
        return [c.build() for c in candidates(records, types=types, difficulty=difficulty,
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
    description: str = "",
) -> QuestionSet:
    """Up to `count` questions chosen with `random.Random(seed)`: same inputs, same set.

    `focus` keeps to "people" (who held the office, when) or "history" (events and the
    office's names); "all" mixes both.
    """
    check_options(types=types, count=count, difficulty=difficulty, scoring=scoring,
                  focus=focus)
    types = [t for t in QUESTION_TYPES if t in types]
    with _collector_paused():
        chosen = choose(Context(records), types=types, count=count, seed=seed,
                        difficulty=difficulty, scoring=scoring, focus=focus)
    options = {"types": list(types), "count": count, "difficulty": difficulty,
               "scoring": scoring, "focus": focus}
    question_set = _question_set(records, chosen, seed=seed, options=options, set_id=set_id,
                                 title=title or tr("{title}: a quiz", title=records.title))
    return dataclasses.replace(question_set, description=description)


def choose(ctx: Context, *, types: Sequence[QuestionType], count: int, seed: int,
           difficulty: int, scoring: OrderingRule, focus: str,
           first_keys: Sequence[str] = ()) -> list[Candidate]:
    """The candidates a quiz on `ctx` is made of, not yet written out (options checked by the
    caller). The twins of a fact are worked out only when a candidate on it is weighed, so
    `ctx.work` tells how much comparing the choice took."""
    pool = _candidates(ctx, types=types, difficulty=difficulty, scoring=scoring, focus=focus)
    return select(pool, count=count, types=types, rng=random.Random(seed),
                  twins=(ctx.twins, ctx.strong_twins, ctx.day_twins), first_keys=first_keys,
                  difficulty=difficulty, early=early_records(ctx.records))


def generate_for_facts(records: RecordSet, facts: Sequence[BasisRef], *, count: int = 10,
                       seed: int = 0, difficulty: int = 2) -> QuestionSet:
    """A quiz that tests the given facts first (in their order), then others to fill `count`."""
    check_options(types=QUESTION_TYPES, count=count, difficulty=difficulty,
                  scoring=DEFAULT_ORDERING_RULE)
    keys = [f.key() for f in facts]
    with _collector_paused():
        chosen = choose(Context(records), types=QUESTION_TYPES, count=count, seed=seed,
                        difficulty=difficulty, scoring=DEFAULT_ORDERING_RULE, focus="all",
                        first_keys=keys)
    options = {"facts": keys, "count": count, "difficulty": difficulty}
    return _question_set(records, chosen, seed=seed, options=options, set_id=None,
                         title=tr("{title}: review", title=records.title))


def _question_set(records: RecordSet, chosen: list[Candidate], *, seed: int,
                  options: dict[str, Any], set_id: str | None, title: str) -> QuestionSet:
    generator = {"name": GENERATOR_NAME, "version": GENERATOR_VERSION, "seed": seed,
                 "options": options}
    if set_id is None:
        digest = hashlib.blake2b(json.dumps(generator, sort_keys=True).encode("utf-8"),
                                 digest_size=4).hexdigest()
        set_id = f"{records.id}-{digest}"
    questions = tuple(shuffle_choices(c.build(), seed) for c in chosen)
    return QuestionSet(id=set_id, title=title, records=records.id, questions=questions,
                       generator=generator)


def shuffle_choices(question: Question, seed: int) -> Question:
    """A multiple-choice question with its choices in an order drawn from the set's seed (and
    the question's id), so the answer's place among them tells nothing."""
    if not isinstance(question, DateQuestion) or len(question.choices) < 2:
        return question
    choices = list(question.choices)
    random.Random(f"{seed}:{question.id}").shuffle(choices)
    return dataclasses.replace(question, choices=tuple(choices))
