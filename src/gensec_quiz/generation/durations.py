"""'How long did X serve?': whole years, asked only when both ends tell the number for sure."""

from __future__ import annotations

import random
from collections.abc import Callable
from functools import partial

from gensec_quiz.domain.dates import PartialDate, years_between
from gensec_quiz.domain.questions import DateQuestion
from gensec_quiz.generation.context import Candidate, Context, question_id
from gensec_quiz.generation.date_questions import EXACT, askable
from gensec_quiz.generation.distractors import year_choices
from gensec_quiz.generation.explanations import (
    collect_sources,
    dispute_note,
    fact_sentence,
    join_sentences,
    source_line,
)
from gensec_quiz.generation.facts import DatedFact, years_between_facts
from gensec_quiz.i18n import N_

PROMPTS_NAMED = (
    N_("For how many full years did {person} serve as {office}{again}?"),
    N_("How many complete years did {person} spend as {office}{again}?"),
)
PROMPTS = (N_("For how many full years did {person} stay in office{again}?"),)


def served_years(start: DatedFact, end: DatedFact) -> int | None:
    """The completed years of service when every sourced pair of ends gives the same number."""
    if len(start.values) == len(end.values) == 1 and start.span is None and end.span is None:
        span = years_between_facts(start, end)  # years_between of their values, read faster
        return span[0] if span is not None and span[0] == span[1] else None
    counts = set()
    for first in start.values:
        for last in end.values:
            span = years_between(first.date, last.date)
            if span is None or span[0] != span[1]:
                return None
            counts.add(span[0])
    return counts.pop() if len(counts) == 1 else None


def _known(ctx: Context, start: DatedFact) -> tuple[DatedFact, int] | None:
    """The end of the tenure and its full years, when they are sure and at least one."""
    end = ctx.fact(start.record, "end")
    years = served_years(start, end) if end is not None else None
    if end is None or years is None or years < 1:
        return None
    return end, years


def _everyone(ctx: Context) -> list[int]:
    """Every number of full years some tenure lasted (worked out once, when a question on a
    duration is written out)."""
    if ctx.durations is None:
        ctx.durations = sorted({known[1] for start in ctx.start_facts
                                if (known := _known(ctx, start)) is not None})
    return ctx.durations


def duration_candidates(ctx: Context, *, difficulty: int) -> list[Candidate]:
    out = []
    starts = ctx.start_facts
    for place in ctx.places("date:duration", len(starts)):
        start = starts[place]
        known = _known(ctx, start)
        if known is None:
            continue
        end, years = known
        if not askable(ctx, end):
            continue  # "How many years was Brezhnev First Secretary?": until a renaming, a trick
        record = start.record
        qid = question_id("date", "duration", [start.key, end.key])
        build = partial(_build, ctx, start, end, years, partial(_everyone, ctx), difficulty,
                        qid)
        shows = ctx.office_shows(ctx.view(record))
        out.append(ctx.candidate(qid, "date", frozenset({start.key, end.key}), shows, build,
                                 "people", "duration"))
    return out


def _build(ctx: Context, start: DatedFact, end: DatedFact, years: int,
           everyone: Callable[[], list[int]], difficulty: int, qid: str) -> DateQuestion:
    view = ctx.view(start.record)
    real = sorted((y for y in everyone() if y != years), key=lambda y: (abs(y - years), y))
    choices = year_choices(years, avoid=set(), real=real, rng=random.Random(qid))
    prompts = PROMPTS if view.office is None else PROMPTS_NAMED
    prompt = prompts[int(qid.rsplit("-", 1)[1], 16) % len(prompts)]
    sources = collect_sources([start, end])
    same = ctx.tr("The number of full years is the same with either date.")
    count = ctx.ntr("That is {count} full year.", "That is {count} full years.", years)
    explanation = join_sentences(
        fact_sentence(ctx, start), fact_sentence(ctx, end), count,
        dispute_note(ctx, start, either_way=same), dispute_note(ctx, end, either_way=same),
        source_line(ctx, sources))
    return DateQuestion(
        id=qid,
        prompt=ctx.tr(prompt, person=view.name, office=view.office_phrase(), again=view.again(),
                      **ctx.words.agreement(view.person)),
        explanation=explanation,
        difficulty=difficulty,
        sources=sources,
        basis=(start.ref(), end.ref()),
        answer=PartialDate(years),
        precision="year",
        tolerance=EXACT,
        choices=tuple(PartialDate(y) for y in choices),
        measure="years",
    )
