""""Which of these happened while Leonid Brezhnev was General Secretary?": a multiple choice
a history teacher writes to tie an event to the person who led the party at the time.

The key is an event that happened well inside one tenure (its date before the tenure's end
and after its start whatever the precision); the wrong choices are events of the same kinds
that happened before it began or after it ended, the nearest in time first. No choice names an
officeholder (that would tell the answer, or rule a choice out), and no choice is a death,
an appointment or a historian's judgement. Like every multiple choice it is a one-pair
`MatchingQuestion` (the tenure's holder and the event) with two or three `extra_right`.

What it rests on: the key's date. What it shows: the office the prompt names. Its wrong
choices tell only that an event did not happen under this officeholder; registering them as
shown left the kind out of every quiz (each choice's fact is one another question wants), so
they are not, and a quiz has at most one question of this kind (one answer, "during"): two
would offer each other's keys as wrong choices.
"""

from __future__ import annotations

import random
import re
from functools import partial

from gensec_quiz.domain.dates import Order
from gensec_quiz.domain.questions import MatchingPair, MatchingQuestion
from gensec_quiz.domain.records import Event, Tenure
from gensec_quiz.generation.context import Candidate, Context, question_id
from gensec_quiz.generation.explanations import (
    cited,
    event_detail,
    event_past,
    join_sentences,
    source_line,
)
from gensec_quiz.generation.facts import DatedFact
from gensec_quiz.generation.giveaways import early_records
from gensec_quiz.generation.labels import sentence
from gensec_quiz.generation.phrasing import is_judgement
from gensec_quiz.generation.witnesses import capitalised
from gensec_quiz.i18n import N_

EXTRAS = 3
MIN_EXTRAS = 2
MARGIN_YEARS = 2
# Events of these kinds tell what happened to the party, the office or the state; deaths
# and appointments tell a tenure's bounds, and "leadership" is a historian's judgement.
_KINDS = frozenset({"office", "congress", "state", "party", "removal", "other"})
_PROMPT = N_("Which of these happened while {person} was {office}?")
_HELD = N_("It happened while {person} was {office}.")


def during_candidates(ctx: Context, difficulty: int) -> list[Candidate]:
    """One question for each event that happened well inside a tenure, when the records
    give at least two events of other tenures to offer beside it."""
    early = early_records(ctx.records)
    events = _events(ctx)
    tenures = [t for t in ctx.records.tenures if t.end is not None and t.id not in early
               and ctx.view(t.id).office]
    if not tenures:
        return []  # records with no finished tenure (a teacher's list of events)
    last = max(t.end.year for t in tenures if t.end is not None)
    out = []
    for tenure in tenures:
        inside = [e for e in events if _inside(e, tenure)]
        # Never an event after the party's last leader (a party refounded in 1993).
        outside = [e for e in events if _outside(e, tenure) and e.date.year <= last]
        for event in inside:
            fact = ctx.fact(event.id, "date")
            if fact is None:
                continue
            near = sorted(outside, key=lambda e: (abs(e.date.year - event.date.year), e.id))
            chosen = near[:EXTRAS]
            if len(chosen) < MIN_EXTRAS:
                continue
            qid = question_id("matching", "choice:during",
                              [fact.key, tenure.id, "|", *(e.id for e in chosen)])
            extras = [_choice(ctx, e) for e in chosen]
            random.Random(qid).shuffle(extras)
            view = ctx.view(tenure.id)
            shown = ctx.office_shows(view)
            build = partial(_build, ctx, fact, event, tenure, tuple(extras), difficulty, qid)
            out.append(ctx.candidate(qid, "matching", frozenset({fact.key}), shown, build,
                                     "history", topic="choice:during", answer="during"))
    return out


def _events(ctx: Context) -> list[Event]:
    """Events a choice may tell: of the kinds above, core or context (an event of the state's
    told beside the party's leader of the time is what context events are for), and naming no
    officeholder."""
    surnames = ctx.surnames
    return [e for e in ctx.records.events
            if e.kind in _KINDS and not is_judgement(e) and e.standing != "secondary"
            and not any(w.removesuffix("'s").removesuffix("’s") in surnames
                        for w in re.findall(r"[\w’'-]+", e.text))]


def _inside(event: Event, tenure: Tenure) -> bool:
    """Happened after the tenure began and before it ended, whatever the dates' precision."""
    return tenure.end is not None and tenure.start.compare(event.date) is Order.BEFORE \
        and event.date.compare(tenure.end) is Order.BEFORE


def _outside(event: Event, tenure: Tenure) -> bool:
    """Happened at least `MARGIN_YEARS` before the tenure began or after it ended: the
    party's suspension five days after Gorbachev resigned is a trap, not a wrong choice."""
    return event.date.year <= tenure.start.year - MARGIN_YEARS or (
        tenure.end is not None and event.date.year >= tenure.end.year + MARGIN_YEARS)


def _choice(ctx: Context, event: Event) -> str:
    """The event as a past sentence ("A new constitution made the CPSU the leading force of
    Soviet society.")."""
    return capitalised(sentence(event_past(ctx, event)))


def _build(ctx: Context, fact: DatedFact, event: Event, tenure: Tenure,
           extras: tuple[str, ...], difficulty: int, qid: str) -> MatchingQuestion:
    view = ctx.view(tenure.id)
    agree = ctx.words.agreement(tenure.person)
    prompt = ctx.tr(_PROMPT, person=view.name, office=view.office_phrase(), **agree)
    sources = cited(fact.sources)
    # The event as a sentence (its detail starts "Its Article 6 ...": it needs its subject),
    # then what came of it, or whose time it was when the records tell nothing more. No year:
    # it would keep a date question on that year out of the set (the year rule).
    detail = event_detail(ctx, event).strip()
    teach = join_sentences(_choice(ctx, event), sentence(detail) if detail else ctx.tr(
        _HELD, person=view.name, office=view.office_phrase(), **agree))
    explanation = join_sentences(teach, source_line(ctx, sources))
    return MatchingQuestion(
        id=qid, prompt=prompt, explanation=explanation, difficulty=difficulty,
        sources=sources, basis=(fact.ref(),),
        pairs=(MatchingPair(view.name, _choice(ctx, event), (fact.ref(),)),),
        extra_right=extras)
