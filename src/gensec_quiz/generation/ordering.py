"""Ordering questions: officeholders, events, office names, and people mixed with events."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial

from gensec_quiz.domain.questions import OrderingItem, OrderingQuestion, OrderingRule
from gensec_quiz.generation.context import (
    Candidate,
    Context,
    Focus,
    question_id,
    window_starts,
)
from gensec_quiz.generation.explanations import (
    collect_sources,
    dispute_note,
    item_phrase,
    join_sentences,
    source_line,
)
from gensec_quiz.generation.facts import DatedFact
from gensec_quiz.generation.labels import sentence
from gensec_quiz.i18n import tr

# Items per question by difficulty; the first size is the least a question may have.
SIZES = {1: (3, 4), 2: (4, 5), 3: (5, 6, 7)}
# How far a window looks ahead for a next item that is clearly later than the last one.
SCAN_LIMIT = 48

PROMPTS: dict[str, tuple[str, ...]] = {
    "start": (
        "Put these officeholders in the order in which they took office, earliest first.",
        "Arrange these people by when they took office, from the earliest to the latest.",
        "Who came first? Order these officeholders by the date they took office, "
        "earliest first.",
    ),
    "end": (
        "Put these officeholders in the order in which they left office, earliest first.",
        "Arrange these people by when their time in office ended, from the earliest to "
        "the latest.",
    ),
    "events": (
        "Put these events in chronological order, earliest first.",
        "Arrange these events from the earliest to the latest.",
        "Which happened first? Put these events in the order in which they happened.",
    ),
    "offices": (
        "The office has had several names. Put these titles in the order in which they "
        "were first used, earliest first.",
        "Arrange these names of the office by when each was first used, from the earliest "
        "to the latest.",
    ),
    "mixed": (
        "Put these moments in chronological order, earliest first.",
        "Arrange these changes of officeholder and other events from the earliest to "
        "the latest.",
    ),
}


@dataclass(frozen=True, slots=True)
class Entry:
    """A dated fact as an item: its text, the group it must not share, what its text states."""

    fact: DatedFact
    text: str
    group: str
    shown: frozenset[str]
    person: bool = False


def ordering_candidates(ctx: Context, *, difficulty: int,
                        scoring: OrderingRule) -> list[Candidate]:
    """Windows over each sorted list of facts: every item clearly later than the one before."""
    out: list[Candidate] = []
    for kind, entries in entry_lists(ctx).items():
        out.extend(_windows(ctx, kind, entries, difficulty, scoring))
    return out


def entry_lists(ctx: Context) -> dict[str, list[Entry]]:
    starts = [_tenure_entry(ctx, f, mixed=False) for f in ctx.start_facts]
    events = [_event_entry(ctx, f) for f in ctx.event_facts]
    mixed = sorted([*(_tenure_entry(ctx, f, mixed=True) for f in ctx.start_facts), *events],
                   key=lambda e: e.fact.sort_key())
    return {
        "start": starts,
        "end": [_tenure_entry(ctx, f, mixed=False) for f in ctx.end_facts],
        "events": events,
        "offices": [
            Entry(f, ctx.office(f.record).name, ctx.office(f.record).name, frozenset())
            for f in ctx.office_facts
        ],
        "mixed": mixed,
    }


def _tenure_entry(ctx: Context, fact: DatedFact, *, mixed: bool) -> Entry:
    view = ctx.view(fact.record)
    if mixed:
        return Entry(fact, view.becomes(), view.group, ctx.office_shows(view), person=True)
    return Entry(fact, ctx.label(fact.record), view.group, ctx.label_shows(view), person=True)


def _event_entry(ctx: Context, fact: DatedFact) -> Entry:
    return Entry(fact, sentence(ctx.event(fact.record).text), fact.record, frozenset())


def chain(entries: Sequence[Entry], first: int, size: int, stride: int) -> list[Entry]:
    """From `first` on, items each clearly after the last, skipping `stride - 1` fits."""
    chosen = [entries[first]]
    groups = {entries[first].group}
    texts = {entries[first].text}
    skipped = 0
    stop = min(len(entries), first + 1 + SCAN_LIMIT * stride)
    for entry in entries[first + 1:stop]:
        if len(chosen) == size:
            break
        if not (chosen[-1].fact.is_before(entry.fact) and entry.group not in groups
                and entry.text not in texts):
            continue
        if skipped < stride - 1:
            skipped += 1
            continue
        skipped = 0
        chosen.append(entry)
        groups.add(entry.group)
        texts.add(entry.text)
    return chosen


def _windows(ctx: Context, kind: str, entries: list[Entry], difficulty: int,
             scoring: OrderingRule) -> list[Candidate]:
    sizes = SIZES[difficulty]
    out = []
    for number, first in enumerate(window_starts(len(entries), sizes[0])):
        stride = 1 + number % 2
        items = chain(entries, first, sizes[(number // 2) % len(sizes)], stride)
        if len(items) < sizes[0]:
            items = chain(entries, first, sizes[0], 1)
            if len(items) < sizes[0]:
                continue
        if kind == "mixed" and len({e.person for e in items}) < 2:
            continue
        out.append(_candidate(ctx, kind, items, difficulty, scoring))
    return out


def _candidate(ctx: Context, kind: str, items: list[Entry], difficulty: int,
               scoring: OrderingRule) -> Candidate:
    keys = [e.fact.key for e in items]
    qid = question_id("ordering", kind, keys)
    shown = frozenset().union(*(e.shown for e in items))
    build = partial(_build, ctx, kind, tuple(items), difficulty, scoring, qid)
    focus: Focus = "people" if kind in ("start", "end") else "history"
    return ctx.candidate(qid, "ordering", frozenset(keys), shown, build, focus)


def _build(ctx: Context, kind: str, items: tuple[Entry, ...], difficulty: int,
           scoring: OrderingRule, qid: str) -> OrderingQuestion:
    prompts = PROMPTS[kind]
    prompt = ctx.tr(prompts[int(qid.rsplit("-", 1)[1], 16) % len(prompts)])
    facts = [e.fact for e in items]
    order = tr("The order: {items}.", items="; ".join([item_phrase(ctx, f) for f in facts]))
    same = ctx.tr("The order is the same with either date.")
    notes = [dispute_note(ctx, f, either_way=same) for f in facts if f.disputed]
    sources = collect_sources(facts)
    return OrderingQuestion(
        id=qid,
        prompt=prompt,
        explanation=join_sentences(order, *notes, source_line(ctx, sources)),
        difficulty=difficulty,
        sources=sources,
        basis=tuple([f.basis for f in facts]),
        items=tuple([OrderingItem(e.text, (e.fact.basis,)) for e in items]),
        scoring=scoring,
    )
