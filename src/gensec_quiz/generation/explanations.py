"""Explanations that teach the fact in context, name the disagreement, and name the source."""

from __future__ import annotations

from collections.abc import Iterable

from gensec_quiz.domain.dates import MONTH_NAMES, PartialDate, Precision
from gensec_quiz.domain.records import SourceId, SourceRef
from gensec_quiz.generation.context import Context
from gensec_quiz.generation.facts import DatedFact
from gensec_quiz.generation.labels import bare, sentence
from gensec_quiz.generation.phrasing import end_reason_key
from gensec_quiz.generation.witnesses import and_list, witness_names
from gensec_quiz.i18n import tr


def at_date(date: PartialDate) -> str:
    """'on 3 April 1922', 'in April 1922' or 'in 1922'."""
    if date.day is not None:
        return tr("on {date}", date=date.human())
    return tr("in {date}", date=date.human())


def span_text(start: PartialDate, end: PartialDate) -> str:
    """'14–25 February 1956', '1988–1989' or '19 August to 2 September 1917'."""
    if start.precision == end.precision == "day" and (start.year, start.month) == (
            end.year, end.month):
        return tr("{first}–{last}", first=start.day, last=end.human())
    if start.precision == end.precision == "year":
        return tr("{first}–{last}", first=start.year, last=end.year)
    if start.precision == end.precision == "month" and start.year == end.year:
        return tr("{first} to {last}", first=MONTH_NAMES[(start.month or 1) - 1],
                  last=end.human())
    return tr("{first} to {last}", first=start.human(), last=end.human())


def fact_sentence(ctx: Context, fact: DatedFact) -> str:
    """One sentence stating the fact at the precision its record gives."""
    found = ctx.sentences.get(fact.key)
    if found is None:
        found = ctx.sentences[fact.key] = _fact_sentence(ctx, fact)
    return found


def _fact_sentence(ctx: Context, fact: DatedFact) -> str:
    when = at_date(fact.date)
    if fact.record in ctx.tenures:
        return _tenure_sentence(ctx, fact, when)
    if fact.record in ctx.events:
        event = ctx.event(fact.record)
        date = fact.date.human()
        if fact.span is not None:
            date = span_text(fact.date, fact.span)
        text = tr("{date}: {text}", date=date, text=sentence(event.text))
        return join_sentences(text, sentence(event.detail) if event.detail.strip() else "")
    office = ctx.office(fact.record)
    if fact.field == "start":
        return tr("The office was first called {name} {when}.", name=office.name, when=when)
    return tr("The title {name} was used until {when}.", name=office.name, when=when)


def _tenure_sentence(ctx: Context, fact: DatedFact, when: str) -> str:
    """'Leonid Brezhnev became First Secretary on 14 October 1964, succeeding Nikita
    Khrushchev.' or how and when a tenure ended, and who followed."""
    view = ctx.view(fact.record)
    if fact.field == "start":
        before = ctx.neighbour(fact.record, later=False)
        if before is not None and before.person != view.person:
            return tr("{what} {when}, succeeding {before}.", what=view.became(), when=when,
                      before=before.person)
        return tr("{what} {when}.", what=view.became(), when=when)
    reason = view.tenure.end_reason.strip()
    office = view.office_phrase()
    how = end_reason_key(reason)
    if how == "died":
        text = tr("{person} died in office {when}", person=view.person, when=when)
    elif how == "resigned":
        text = tr("{person} resigned {when}", person=view.person, when=when)
    elif how == "removed":
        text = tr("{person} was removed from office {when}", person=view.person, when=when)
    elif how == "replaced" and (after := ctx.neighbour(fact.record, later=True)) is not None \
            and after.office and after.office != view.office:
        # Molotov: the post gave way to a new one, General Secretary, which Stalin took.
        text = tr("{person} was {office} until {when_bare}, when the post gave way to that of "
                  "{new}", person=view.person, office=office, when_bare=fact.date.human(),
                  new=after.office)
    elif how == "replaced":
        text = tr("{person} was replaced as {office} {when}", person=view.person,
                  office=office, when=when)
    elif how == "demoted":
        text = tr("{person} was demoted from the office of {office} {when}",
                  person=view.person, office=office, when=when)
    elif how in ("abolished", "renamed"):
        text = tr("{person} was {office} until the office was {what} {when}",
                  person=view.person, office=office, what=ctx.tr(how), when=when)
    elif how == "suspended":
        text = tr("{person} was {office} until the party was suspended {when}",
                  person=view.person, office=office, when=when)
    elif reason:
        text = tr("{person} was {office} until {date} ({reason})", person=view.person,
                  office=office, date=fact.date.human(), reason=reason)
    else:
        text = tr("{person} was {office} until {date}", person=view.person, office=office,
                  date=fact.date.human())
    after = ctx.neighbour(fact.record, later=True)
    if after is None:
        return sentence(text)
    if after.person == view.person:
        return tr("{text}, and continued as {office}.", text=text,
                  office=after.office or tr("officeholder"))
    return tr("{text}; {after} followed.", text=text, after=after.person)


def source_line(ctx: Context, refs: Iterable[SourceRef]) -> str:
    """'Source: ProleWiki.' or 'Sources: the Wikipedia article and ProleWiki.': the witnesses,
    each once (three renderings of one article are one), never a file or an id."""
    ids = tuple(dict.fromkeys([r.source for r in refs]))
    found = ctx.source_lines.get(ids)
    if found is None:
        found = ctx.source_lines[ids] = _source_line(ctx, ids)
    return found


def _source_line(ctx: Context, ids: tuple[str, ...]) -> str:
    names = witness_names(ctx.records, [SourceRef(SourceId(i), "") for i in ids])
    if not names:
        return ""
    if len(names) == 1:
        return tr("Source: {name}.", name=bare(names[0]))
    return tr("Sources: {names}.", names=and_list(names))


def dispute_note(ctx: Context, fact: DatedFact, *, precision: Precision | None = None,
                 either_way: str = "") -> str:
    """The disagreement in one plain sentence, with how the question treats it (empty when
    the witnesses agree)."""
    if not fact.disputed:
        return ""
    givings = []
    named = [witness_names(ctx.records, v.sources) for v in fact.values]
    for value, found in zip(fact.values, named, strict=True):
        # A witness on two sides (two versions of one article) is named by its version.
        names = [tr("a version of {name}", name=n)
                 if sum(n in other for other in named) > 1 else n
                 for n in found] or [ctx.tr("the records")]
        givings.append(tr("{names} {verb} {date}", names=and_list(names),
                          verb=ctx.tr("gives") if len(names) == 1 else ctx.tr("give"),
                          date=value.date.human()))
    said = "; ".join(givings)
    if either_way:
        return tr("The sources disagree: {givings}; {either_way}", givings=said,
                  either_way=_lower_first(either_way))
    if precision is not None and len(fact.values_at(precision)) == 1:
        return tr("The sources disagree: {givings}; they agree on what is asked here.",
                  givings=said)
    return tr("The sources disagree: {givings}; each is accepted.", givings=said)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def cited(refs: Iterable[SourceRef]) -> tuple[SourceRef, ...]:
    """The quotes a question cites, each once: a source and its words, without the record's
    `supports` (which fields a quote is cited for is the record set's business; a question
    cites the quote, and its JSON format stores only that)."""
    return tuple(dict.fromkeys(SourceRef(r.source, r.quote) for r in refs))


def collect_sources(facts: Iterable[DatedFact]) -> tuple[SourceRef, ...]:
    return cited(r for f in facts for r in f.all_sources())


def join_sentences(*parts: str) -> str:
    return " ".join(p for p in parts if p)
