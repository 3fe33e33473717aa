"""Explanations that teach the fact in context, name the disagreement, and name the source."""

from __future__ import annotations

from collections.abc import Iterable

from gensec_quiz.domain.dates import PartialDate, Precision
from gensec_quiz.domain.records import SourceRef
from gensec_quiz.generation.context import Context
from gensec_quiz.generation.facts import DatedFact
from gensec_quiz.generation.labels import bare, sentence
from gensec_quiz.i18n import tr


def at_date(date: PartialDate) -> str:
    """'on 3 April 1922', 'in April 1922' or 'in 1922'."""
    if date.day is not None:
        return tr("on {date}", date=date.human())
    return tr("in {date}", date=date.human())


def fact_sentence(ctx: Context, fact: DatedFact) -> str:
    """One sentence stating the fact at the precision its record gives."""
    found = ctx.sentences.get(fact.key)
    if found is None:
        found = ctx.sentences[fact.key] = _fact_sentence(ctx, fact)
    return found


def _fact_sentence(ctx: Context, fact: DatedFact) -> str:
    when = at_date(fact.date)
    if fact.record in ctx.tenures:
        view = ctx.view(fact.record)
        if fact.field == "start":
            return tr("{what} {when}.", what=view.became(), when=when)
        reason = view.tenure.end_reason.strip()
        if reason:
            return tr("{what} {when} ({reason}).", what=view.left(), when=when, reason=reason)
        return tr("{what} {when}.", what=view.left(), when=when)
    if fact.record in ctx.events:
        return tr("{date}: {text}", date=fact.date.human(),
                  text=sentence(ctx.event(fact.record).text))
    office = ctx.office(fact.record)
    if fact.field == "start":
        return tr("The office was first called {name} {when}.", name=office.name, when=when)
    return tr("The title {name} was used until {when}.", name=office.name, when=when)


def item_phrase(ctx: Context, fact: DatedFact) -> str:
    """A short phrase for a list of items: 'Joseph Stalin (3 April 1922)'."""
    found = ctx.phrases.get(fact.key)
    if found is None:
        found = ctx.phrases[fact.key] = _item_phrase(ctx, fact)
    return found


def _item_phrase(ctx: Context, fact: DatedFact) -> str:
    if fact.record in ctx.events:
        return tr("{text} ({date})", text=bare(ctx.event(fact.record).text),
                  date=fact.date.human())
    if fact.record in ctx.tenures:
        return tr("{who} ({date})", who=ctx.label(fact.record), date=fact.date.human())
    return tr("{name} ({date})", name=ctx.office(fact.record).name, date=fact.date.human())


def source_names(ctx: Context, refs: Iterable[SourceRef]) -> list[str]:
    ids = dict.fromkeys(str(r.source) for r in refs)
    return [ctx.titles.get(i, i) for i in ids]


def source_line(ctx: Context, refs: Iterable[SourceRef]) -> str:
    """'Source: X.' or 'Sources: X; Y.' (empty when there is none)."""
    ids = tuple(dict.fromkeys([r.source for r in refs]))
    found = ctx.source_lines.get(ids)
    if found is None:
        found = ctx.source_lines[ids] = _source_line(ctx, ids)
    return found


def _source_line(ctx: Context, ids: tuple[str, ...]) -> str:
    names = [ctx.titles.get(i, i) for i in ids]
    if not names:
        return ""
    if len(names) == 1:
        return tr("Source: {name}.", name=bare(names[0]))
    return tr("Sources: {names}.", names="; ".join(bare(n) for n in names))


def dispute_note(ctx: Context, fact: DatedFact, *, precision: Precision | None = None,
                 either_way: str = "") -> str:
    """What the sources disagree on and how the question treats it (empty when they agree)."""
    if not fact.disputed:
        return ""
    givings = [
        tr("{sources} gives {date}", sources=" / ".join(source_names(ctx, v.sources))
           or tr("the record"), date=v.date.human())
        for v in fact.values
    ]
    note = tr("The sources disagree on this date: {givings}.", givings="; ".join(givings))
    if fact.conflict is not None and fact.conflict.resolution.reason.strip():
        note = tr("{note} {reason}", note=note,
                  reason=sentence(fact.conflict.resolution.reason))
    if either_way:
        return tr("{note} {either_way}", note=note, either_way=either_way)
    if precision is not None and len(fact.values_at(precision)) == 1:
        return tr("{note} They agree on the answer asked here.", note=note)
    return tr("{note} Each sourced date is accepted.", note=note)


def collect_sources(facts: Iterable[DatedFact]) -> tuple[SourceRef, ...]:
    refs = [r for f in facts for r in f.all_sources()]
    return tuple(dict.fromkeys(refs))


def join_sentences(*parts: str) -> str:
    return " ".join(p for p in parts if p)
