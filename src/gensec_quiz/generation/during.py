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
    at_date,
    cited,
    event_detail,
    event_past,
    join_sentences,
    source_line,
)
from gensec_quiz.generation.facts import DatedFact
from gensec_quiz.generation.giveaways import early_records, on_the_title
from gensec_quiz.generation.labels import bare, sentence
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
            # Never a turn of the office's name as a wrong choice: it would tell the set's one
            # question on the title (`giveaways.SetFacts.titled`).
            near = sorted((e for e in outside if not _related(e, event) and not on_the_title(e)),
                          key=lambda e: (abs(e.date.year - event.date.year), e.id))
            chosen = _spread(near, tenures)
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


def _spread(near: list[Event], tenures: list[Tenure]) -> list[Event]:
    """Up to EXTRAS wrong choices, the nearest in time first, but each from another leader's
    time (or another decade outside every tenure) while the records have one: three events of
    1990-1991 beside a key of 1977 are answered by knowing one date."""
    chosen: list[Event] = []
    times: set[str] = set()
    for event in near:
        time = next((t.person for t in tenures if _inside(event, t)
                     or event.date.year in (t.start.year, t.end.year if t.end else 0)),
                    str(event.date.year // 10))
        if time not in times:
            chosen.append(event)
            times.add(time)
        if len(chosen) == EXTRAS:
            return chosen
    rest = [e for e in near if e not in chosen]
    return chosen + rest[:EXTRAS - len(chosen)]


# Words too common in these records to tie two events together.
_COMMON = frozenset({"communist", "soviet", "general", "secretary", "office", "congress",
                     "party's", "union", "becomes", "formally", "country", "leader"})


def _related(event: Event, key: Event) -> bool:
    """True when a wrong choice shares a telling word with the key ("the Constitution"'s
    Article 6 amended in 1990 beside a new constitution in 1977): the learner pairs them and
    rules both in or both out."""
    def words(text: str) -> set[str]:
        return {w for w in re.findall(r"[a-z’'-]{6,}", text.lower()) if w not in _COMMON}
    return bool(words(event.text) & words(key.text))


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
    # with its date (the reviewers asked for it), then what came of it, or whose time it was
    # when the records tell nothing more.
    detail = event_detail(ctx, event).strip()
    when = at_date(fact.date, ctx.words)
    said = capitalised(sentence(f"{bare(event_past(ctx, event))} {when}"))
    teach = join_sentences(said, sentence(detail) if detail else ctx.tr(
        _HELD, person=view.name, office=view.office_phrase(), **agree))
    explanation = join_sentences(teach, source_line(ctx, sources))
    return MatchingQuestion(
        id=qid, prompt=prompt, explanation=explanation, difficulty=difficulty,
        sources=sources, basis=(fact.ref(),),
        pairs=(MatchingPair(view.name, _choice(ctx, event), (fact.ref(),)),),
        extra_right=extras)
