"""Date questions: a year (free or multiple choice), a month or a day, never finer than the
records know; disputed dates asked with every sourced value accepted."""

from __future__ import annotations

import random
from functools import partial

from gensec_quiz.domain.dates import PRECISIONS, PartialDate, Precision
from gensec_quiz.domain.questions import AcceptedDate, DateQuestion, Tolerance
from gensec_quiz.generation.context import Candidate, Context, question_id
from gensec_quiz.generation.distractors import YearPool, year_choices
from gensec_quiz.generation.explanations import (
    cited,
    dispute_note,
    end_sentence,
    ending_when,
    fact_sentence,
    join_sentences,
    source_line,
    tenure_detail,
)
from gensec_quiz.generation.facts import DatedFact
from gensec_quiz.generation.giveaways import early_records
from gensec_quiz.generation.labels import bare
from gensec_quiz.generation.phrasing import (
    asks_onset,
    end_reason_key,
    event_clause,
    names_month,
    names_year,
)
from gensec_quiz.i18n import N_

# Credit by distance in the unit of the precision (GRADING.md); a choice question is exact.
TOLERANCES: dict[Precision, Tolerance] = {
    "year": Tolerance(0, ((1, 0.5), (2, 0.25))),
    "month": Tolerance(0, ((1, 0.5), (3, 0.25))),
    "day": Tolerance(0, ((1, 0.75), (7, 0.5), (31, 0.25))),
}
EXACT = Tolerance()
# A span over at most this many years is a process or a meeting, not a lasting state.
SHORT_SPAN = 1

# "{when}" is "In what year", "In what month and year" or "On what date" ({until} likewise
# after "Until"); every template reads as a past-tense question.
_WHEN: dict[Precision, tuple[str, str]] = {
    "year": (N_("In what year"), N_("Until what year")),
    "month": (N_("In what month and year"), N_("Until what month and year")),
    "day": (N_("On what date"), N_("Until what date")),
}
_BY: dict[Precision, str] = {
    "year": N_("By what year"),
    "month": N_("By what month and year"),
    "day": N_("By what date"),
}
_TENURE_START = (N_("{when} did {person} become {office}{again}?"),)
_TENURE_START_UNNAMED = (N_("{when} did {person} take office{again}?"),)
# A tenure's end by how it ended (its `end_reason`), else "Until when was X Y?".
_TENURE_END: dict[str, str] = {
    "died": N_("{when} did {person} die in office as {office}{again}?"),
    "removed": N_("{when} was {person} removed from the office of {office}{again}?"),
    "resigned": N_("{when} did {person} resign as {office}{again}?"),
    "replaced": N_("{when} was {person} replaced as {office}{again}?"),
    "demoted": N_("{when} was {person} demoted from the office of {office}{again}?"),
    "": N_("{until} was {person} {office}{again}?"),
}
_TENURE_END_NEW_POST = N_("{when} did {person}'s time as {office} end{again}?")
_TENURE_END_UNNAMED: dict[str, str] = {
    "died": N_("{when} did {person} die in office{again}?"),
    "removed": N_("{when} was {person} removed from office{again}?"),
    "resigned": N_("{when} did {person} resign from office{again}?"),
    "replaced": N_("{when} was {person} replaced{again}?"),
    "demoted": N_("{when} was {person} demoted{again}?"),
    "": N_("{when} did {person} leave office{again}?"),
}
_EVENT = N_("{when} {clause}?")
# An event the set's language has no clause for (a teacher's CSV in French): quoted whole.
_EVENT_QUOTED = N_("{when} did this happen: {text}?")
_OFFICE_CREATED = N_("{when} was the office of {name} created?")
_OFFICE_TITLE = N_("{when} did the office take the title {name}?")
_OFFICE_TITLE_FIRST = N_("{when} did the office first take the title {name}?")
_OFFICE_RECREATED = N_("{when} was the office re-created under the title {name}?")


def date_forms(fact: DatedFact, difficulty: int) -> tuple[str, Precision]:
    """('choice' | 'free', precision): choices at 1, the year at 2, the month and year at 3
    where the records know it (never finer than a span's start and end share). Never the
    exact day: two blind reviews called "On what date did Stalin become General Secretary?"
    (3 April 1922) trivia; the month places a fact among its neighbours, which is what a
    harder question should ask. The day is asked only where the sources disagree on it
    (Khrushchev's start: 7 or 14 September 1953), which is what the learner then learns;
    a teacher may still ask any day in the editor."""
    if difficulty <= 1:
        return "choice", "year"
    if difficulty == 2:
        return "free", "year"
    finest = fact.coarsest()
    if finest == "day" and not fact.disputed:
        finest = "month"
    if fact.span is not None:
        shared = [p for p in ("year", "month", "day")
                  if p in PRECISIONS[:PRECISIONS.index(finest) + 1]
                  and fact.date.truncate(p) == fact.span.truncate(p)]
        finest = shared[-1] if shared else "year"
    return "free", finest


# How a tenure ended that says more about the office than about the person (see `askable`).
_NOT_AN_END = frozenset({"renamed", "abolished", "suspended"})


def starts_by_renaming(ctx: Context, tenure: str) -> bool:
    """Whether this tenure began only because the office was renamed under the same holder
    (Brezhnev, First Secretary from 1964, "becomes General Secretary" in 1966): not the
    person's start, which an order of leaders would put after Podgorny's 1965."""
    before = ctx.neighbour(tenure, later=False)
    return before is not None and before.person == ctx.view(tenure).person and \
        end_reason_key(before.tenure.end_reason) == "renamed"


def askable(ctx: Context, fact: DatedFact) -> bool:
    """`_askable`, worked out once per fact (the order lists and the date questions both
    ask, 30,000 times at 10,000 tenures)."""
    found = ctx.askable_found.get(fact.key)
    if found is None:
        found = ctx.askable_found[fact.key] = _askable(ctx, fact)
    return found


def _askable(ctx: Context, fact: DatedFact) -> bool:
    """Whether a date question may ask this fact. A span asks when it began and accepts only
    that; one that runs over several years ("1924–1991") is asked only when its editors'
    `asked` clause says so ("did Gorbachev begin to reorganise the presidency"), never from
    the headline, which would let every year of the span pass for the answer.

    Neither is a start that is only a renaming (`starts_by_renaming`). A tenure that ended
    because the office was renamed or abolished, or the party suspended,
    is not asked "Until what year was Stalin General Secretary?": the answer (1952, 1966 for
    Brezhnev) is the renaming's or abolition's date, which an event question asks plainly,
    while the person went on leading (Stalin until 1953, Brezhnev until 1982)."""
    if fact.record in ctx.tenures and fact.field == "end" and end_reason_key(
            ctx.view(fact.record).tenure.end_reason) in _NOT_AN_END:
        return False
    if fact.record in ctx.tenures and fact.field == "start" and starts_by_renaming(
            ctx, fact.record):
        return False
    if fact.span is None or fact.span.year == fact.date.year:
        return True
    return asks_onset(ctx.event(fact.record).asked)


def date_candidates(ctx: Context, pool: YearPool, *, difficulty: int) -> list[Candidate]:
    out = []
    early = early_records(ctx.records)
    lists = {"start": ctx.start_facts, "end": ctx.end_facts, "event": ctx.event_facts,
             "office": ctx.office_facts}
    for name, facts in lists.items():
        for place in ctx.places(f"date:{name}", len(facts)):
            fact = facts[place]
            if not askable(ctx, fact):
                continue
            if fact.record in early and fact.record in ctx.offices:
                # "In what year did the office take the title Chairman of the Secretariat?":
                # a precursor's name is trivia, and its year muddles the first Secretariat.
                continue
            form, precision = date_forms(fact, difficulty)
            wordings = _checked_wordings(ctx, fact, precision)
            if any(names_year(w, fact.date.year) for w in wordings):
                continue  # the prompt would state the year it asks for
            if precision != "year" and fact.date.month and any(
                    names_month(w, fact.date.month) for w in wordings):
                precision = "year"  # "the August coup": ask the year, never the month
            qid = question_id("date", f"{form}-{precision}", [fact.key])
            build = partial(_build, ctx, pool, fact, form, precision, difficulty, qid)
            out.append(ctx.candidate(qid, "date", frozenset({fact.key}), _shows(ctx, fact), build,
                                     ctx.focus_of(fact), ctx.topic_of(fact), fact.date.year))
    return out


def _shows(ctx: Context, fact: DatedFact) -> frozenset[str]:
    if fact.record in ctx.tenures:
        view = ctx.view(fact.record)
        before = ctx.neighbour(fact.record, later=False) if fact.field == "start" else None
        if before is not None and before.office == view.office:
            # "... became Responsible Secretary, succeeding Nikolay Krestinsky" tells his title.
            shown = ctx.office_shows(view) | ctx.office_shows(before)
        else:
            shown = ctx.office_shows(view)
        # The detail told with it, and the successor's title ("then became First Secretary").
        shown |= ctx.facts_in_text(tenure_detail(ctx, fact))
        after = ctx.neighbour(fact.record, later=True) if fact.field == "end" else None
        return shown | ctx.office_shows(after) if after is not None else shown
    if fact.record in ctx.events:
        # The explanation tells the event's `detail`: a month or day it names ("until his
        # death in March 1919") is shown, so no question asks or rests on a fact of it.
        return ctx.facts_in_text(ctx.event(fact.record).detail)
    return frozenset()


def _told(ctx: Context, fact: DatedFact) -> tuple[str, ...]:
    """The explanation's sentences before the sources: the fact, and for a tenure what came
    of it (the detail of the event told that day) and who then took office, in a sentence of
    its own ("Leonid Brezhnev then became First Secretary.", not "; Brezhnev followed.")."""
    if fact.record not in ctx.tenures:
        return (fact_sentence(ctx, fact),)
    detail = tenure_detail(ctx, fact)
    if fact.field == "start":
        return fact_sentence(ctx, fact), detail
    return end_sentence(ctx, fact, successor=False), detail, ending_when(ctx, fact, told=detail)


def _checked_wordings(ctx: Context, fact: DatedFact, precision: Precision) -> list[str]:
    """The texts whose years and months a prompt must not state: the English clause of an
    event (so that a set asks the same questions in every language) and the prompt itself."""
    found = [prompt_for(ctx, fact, precision, 0)]
    if fact.record in ctx.events and not ctx.words.english:
        found.append(event_clause(ctx.event(fact.record)))
    return found


def prompt_for(ctx: Context, fact: DatedFact, precision: Precision, variant: int) -> str:
    """The question in the past tense, as a teacher would read it aloud."""
    when, until = (ctx.tr(w) for w in _WHEN[precision])
    if fact.record in ctx.tenures:
        view = ctx.view(fact.record)
        fields = {"when": when, "until": until, "person": view.name,
                  "office": view.office_phrase(), "again": view.again(),
                  **ctx.words.agreement(view.person)}
        if fact.field == "start":
            texts = _TENURE_START if view.office is not None else _TENURE_START_UNNAMED
            return ctx.tr(texts[variant % len(texts)], **fields)
        table = _TENURE_END if view.office is not None else _TENURE_END_UNNAMED
        how = end_reason_key(view.tenure.end_reason)
        after = ctx.neighbour(fact.record, later=True)
        if how == "replaced" and view.office and after is not None and \
                after.office != view.office:
            # Molotov was not "replaced as Responsible Secretary": the post gave way to a new
            # one, General Secretary.
            return ctx.tr(_TENURE_END_NEW_POST, **fields)
        return ctx.tr(table.get(how, table[""]), **fields)
    if fact.record in ctx.events:
        event = ctx.event(fact.record)
        clause = event_clause(event)
        if clause.startswith("had "):
            # "had Stalin become the de facto leader": a state reached by then, not a day.
            when = ctx.tr(_BY[precision])
        if not ctx.words.english:
            found = ctx.words.event(event)
            if found is None or not found.asked:
                text = bare(found.text if found is not None else event.text)
                return ctx.tr(_EVENT_QUOTED, when=when, text=text)
            clause = found.asked
        return ctx.tr(_EVENT, when=when, clause=clause)
    return _office_prompt(ctx, fact, when)


def _office_prompt(ctx: Context, fact: DatedFact, when: str) -> str:
    office = ctx.office(fact.record)
    names = sorted(ctx.records.offices, key=lambda o: (o.start.sort_key(), o.id))
    earlier = [o for o in names if o.start.sort_key() < office.start.sort_key()]
    name = ctx.words.office(office.name)
    if not earlier:
        return ctx.tr(_OFFICE_CREATED, when=when, name=name)
    last = earlier[-1]
    if last.end is not None and last.end.year < office.start.year:
        return ctx.tr(_OFFICE_RECREATED, when=when, name=name)
    if sum(1 for o in names if o.name == office.name) > 1:
        return ctx.tr(_OFFICE_TITLE_FIRST, when=when, name=name)
    return ctx.tr(_OFFICE_TITLE, when=when, name=name)


def accepted(fact: DatedFact, precision: Precision) -> tuple[AcceptedDate, ...]:
    """Every other sourced value at the question's precision, with the sources that give it."""
    answer = fact.date.truncate(precision)
    return tuple(
        AcceptedDate(value, cited(fact.sources_for(value, precision)))
        for value in fact.values_at(precision)
        if value != answer
    )


def span_years(fact: DatedFact) -> set[int]:
    """The other years of a short span ("1988–89"), never offered as a wrong choice: a learner
    who read the span should not be trapped by its last year. A lasting state (1924–1991)
    keeps them, since "became" rules them out and avoiding them all would leave the answer
    the latest choice."""
    if fact.span is None or fact.span.year - fact.date.year > SHORT_SPAN:
        return set()
    return set(range(fact.date.year + 1, fact.span.year + 1))


def _build(ctx: Context, pool: YearPool, fact: DatedFact, form: str, precision: Precision,
           difficulty: int, qid: str) -> DateQuestion:
    variant = int(qid.rsplit("-", 1)[1], 16)
    accept = accepted(fact, precision) if fact.disputed else ()
    choices: tuple[PartialDate, ...] = ()
    if form == "choice":
        avoid = {a.value.year for a in accept} | span_years(fact)
        years = year_choices(fact.date.year, avoid=avoid, real=pool.near(fact.date.year),
                             rng=random.Random(qid))
        choices = tuple(PartialDate(y) for y in years)
    sources = cited(fact.every_source)
    note = dispute_note(ctx, fact, precision=precision) if fact.disputed else ""
    explanation = join_sentences(*_told(ctx, fact), note, source_line(ctx, sources))
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
