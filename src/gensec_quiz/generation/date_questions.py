"""Date questions: a year (free or multiple choice), a month or a day, never finer than the
records know; disputed dates asked with every sourced value accepted."""

from __future__ import annotations

import random
from functools import partial

from gensec_quiz.domain.dates import PartialDate, Precision
from gensec_quiz.domain.questions import AcceptedDate, DateQuestion, Tolerance
from gensec_quiz.generation.context import Candidate, Context, question_id
from gensec_quiz.generation.distractors import YearPool, year_choices
from gensec_quiz.generation.explanations import (
    dispute_note,
    fact_sentence,
    join_sentences,
    source_line,
)
from gensec_quiz.generation.facts import DatedFact
from gensec_quiz.generation.labels import sentence
from gensec_quiz.i18n import tr

# Credit by distance in the unit of the precision (GRADING.md); a choice question is exact.
TOLERANCES: dict[Precision, Tolerance] = {
    "year": Tolerance(0, ((1, 0.5), (2, 0.25))),
    "month": Tolerance(0, ((1, 0.5), (3, 0.25))),
    "day": Tolerance(0, ((1, 0.75), (7, 0.5), (31, 0.25))),
}
EXACT = Tolerance()

_TENURE_START: dict[Precision, tuple[str, ...]] = {
    "year": ("In what year did {person} become {office}{again}?",
             "When did {person} take office as {office}{again}? Give the year."),
    "month": ("In what month and year did {person} become {office}{again}?",),
    "day": ("On what date did {person} become {office}{again}?",),
}
_TENURE_END: dict[Precision, tuple[str, ...]] = {
    "year": ("In what year did {person} leave the office of {office}{again}?",
             "When did {person}'s time as {office}{again} come to an end? Give the year."),
    "month": ("In what month and year did {person} leave the office of {office}{again}?",),
    "day": ("On what date did {person} leave the office of {office}{again}?",),
}
_TENURE_START_UNNAMED: dict[Precision, tuple[str, ...]] = {
    "year": ("In what year did {person} take office{again}?",),
    "month": ("In what month and year did {person} take office{again}?",),
    "day": ("On what date did {person} take office{again}?",),
}
_TENURE_END_UNNAMED: dict[Precision, tuple[str, ...]] = {
    "year": ("In what year did {person} leave office{again}?",),
    "month": ("In what month and year did {person} leave office{again}?",),
    "day": ("On what date did {person} leave office{again}?",),
}
_EVENT: dict[Precision, tuple[str, ...]] = {
    "year": ("{event} In what year did this happen?", "In what year? {event}"),
    "month": ("{event} In what month and year did this happen?",),
    "day": ("{event} On what date did this happen?",),
}
_OFFICE: dict[Precision, tuple[str, ...]] = {
    "year": ("In what year was the office first called {name}?",),
    "month": ("In what month and year was the office first called {name}?",),
    "day": ("On what date was the office first called {name}?",),
}


def date_forms(fact: DatedFact, difficulty: int) -> tuple[str, Precision]:
    """('choice' | 'free', precision): choices at 1, the year at 2, the finest known at 3."""
    if difficulty <= 1:
        return "choice", "year"
    if difficulty == 2:
        return "free", "year"
    return "free", fact.coarsest()


def date_candidates(ctx: Context, pool: YearPool, *, difficulty: int) -> list[Candidate]:
    out = []
    for facts in (ctx.start_facts, ctx.end_facts, ctx.event_facts, ctx.office_facts):
        for fact in facts:
            form, precision = date_forms(fact, difficulty)
            qid = question_id("date", f"{form}-{precision}", [fact.key])
            build = partial(_build, ctx, pool, fact, form, precision, difficulty, qid)
            out.append(ctx.candidate(qid, "date", frozenset({fact.key}), _shows(ctx, fact), build,
                                     ctx.focus_of(fact)))
    return out


def _shows(ctx: Context, fact: DatedFact) -> frozenset[str]:
    if fact.record in ctx.tenures:
        return ctx.office_shows(ctx.view(fact.record))
    return frozenset()


def prompt_for(ctx: Context, fact: DatedFact, precision: Precision, variant: int) -> str:
    if fact.record in ctx.tenures:
        view = ctx.view(fact.record)
        start = fact.field == "start"
        if view.office is None:
            table = _TENURE_START_UNNAMED if start else _TENURE_END_UNNAMED
        else:
            table = _TENURE_START if start else _TENURE_END
        texts = table[precision]
        return tr(texts[variant % len(texts)], person=view.person,
                  office=view.office_phrase(), again=view.again())
    if fact.record in ctx.events:
        texts = _EVENT[precision]
        return tr(texts[variant % len(texts)], event=sentence(ctx.event(fact.record).text))
    texts = _OFFICE[precision]
    return tr(texts[variant % len(texts)], name=ctx.office(fact.record).name)


def accepted(fact: DatedFact, precision: Precision) -> tuple[AcceptedDate, ...]:
    """Every other sourced value at the question's precision, with the sources that give it."""
    answer = fact.date.truncate(precision)
    return tuple(
        AcceptedDate(value, fact.sources_for(value, precision))
        for value in fact.values_at(precision)
        if value != answer
    )


def _build(ctx: Context, pool: YearPool, fact: DatedFact, form: str, precision: Precision,
           difficulty: int, qid: str) -> DateQuestion:
    variant = int(qid.rsplit("-", 1)[1], 16)
    accept = accepted(fact, precision) if fact.disputed else ()
    choices: tuple[PartialDate, ...] = ()
    if form == "choice":
        avoid = {a.value.year for a in accept}
        years = year_choices(fact.date.year, avoid=avoid, real=pool.near(fact.date.year),
                             rng=random.Random(qid))
        choices = tuple(PartialDate(y) for y in years)
    sources = fact.every_source
    note = dispute_note(ctx, fact, precision=precision) if fact.disputed else ""
    explanation = join_sentences(fact_sentence(ctx, fact), note, source_line(ctx, sources))
    return DateQuestion(
        id=qid,
        prompt=prompt_for(ctx, fact, precision, variant),
        explanation=explanation,
        difficulty=difficulty,
        sources=sources,
        basis=(fact.basis,),
        answer=fact.date.truncate(precision),
        precision=precision,
        accept=accept,
        tolerance=EXACT if choices else TOLERANCES[precision],
        choices=choices,
    )
